--TEST--
anp_parse_file(): through compress.zlib:// and php://filter (base64, inflate, rot13), the bytes read are parsed, whatever stat says of the file underneath; the same in the pure-PHP parser
--EXTENSIONS--
anp
zlib
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../wordpress-plugin/anp-importer/includes/parse/class-anp-php-parser.php')) {
    die('skip the pure-PHP parser of the plugin is not in this tree');
}
if (!function_exists('proc_open')) {
    die('skip proc_open() is needed to run the pure-PHP parser without the extension');
}
?>
--FILE--
<?php
// Through these wrappers stat gives the size of the file underneath (the
// gzip file, the unfiltered file), not of the bytes read: a reader that
// trusts it refuses every such file as "changed", or cuts it.
$dir = sys_get_temp_dir() . '/anp_api_parse_file_wrappers_' . getmypid();
@mkdir($dir);
$samples = glob(__DIR__ . '/../samples/*.txt');
sort($samples);
$text = file_get_contents($samples[0]);
file_put_contents("$dir/post.txt.gz", gzencode($text, 9));
file_put_contents("$dir/post.rot13", str_rot13($text));
file_put_contents("$dir/post.base64", base64_encode($text));
file_put_contents("$dir/post.deflate", gzdeflate($text, 9));
// a post whose gzip is far smaller than itself, over 1 MiB once read; a
// tenth of it under valgrind and ASan (USE_ZEND_ALLOC=0), where the child
// PHP and its reads run many times slower: the ordinary run reads the 1 MiB
$large = "large title\n\n" . str_repeat("a line of the body.\n\n", getenv('USE_ZEND_ALLOC') === '0' ? 6000 : 60000);
file_put_contents("$dir/large.txt.gz", gzencode($large, 9));
$cases = [
    'gzip' => ["compress.zlib://$dir/post.txt.gz", $text, []],
    'rot13' => ["php://filter/read=string.rot13/resource=$dir/post.rot13", $text, []],
    'base64' => ["php://filter/read=convert.base64-decode/resource=$dir/post.base64", $text, []],
    'inflate' => ["php://filter/read=zlib.inflate/resource=$dir/post.deflate", $text, []],
    'large gzip' => ["compress.zlib://$dir/large.txt.gz", $large, []],
    'gzip over max_bytes' => ["compress.zlib://$dir/large.txt.gz", $large, ['max_bytes' => 1000]],
];
file_put_contents("$dir/cases.php", '<?php return ' . var_export($cases, true) . ';');

function wrapper_outcomes(callable $parse, callable $parse_file, array $cases): array {
    $outcome = static function (callable $call): string {
        try {
            return 'parsed ' . md5(serialize($call()));
        } catch (Throwable $e) {
            return get_class($e) . ': ' . $e->getMessage();
        }
    };
    $out = [];
    foreach ($cases as $name => [$path, $decoded, $options]) {
        $file = $outcome(static fn() => $parse_file($path, $options));
        $string = $outcome(static fn() => $parse($decoded, $options));
        $out[$name] = str_starts_with($file, 'parsed ')
            ? ($file === $string ? 'same as the decoded text' : "DIFFERENT: $file / $string")
            : $file;
    }
    return $out;
}
$extension = wrapper_outcomes('anp_parse', 'anp_parse_file', $cases);
foreach ($extension as $name => $line) {
    echo "$name: ", str_replace($dir, 'DIR', $line), "\n";
}

// The pure-PHP class is declared only when the extension is absent: run the
// same cases in a PHP without it (-n loads no extension).
$plugin = __DIR__ . '/../wordpress-plugin/anp-importer/includes/parse';
$functions = file_get_contents(__FILE__);
$child = "<?php\ndefine('ANP_IMPORTER_STANDALONE', true);\n"
    . "require '$plugin/class-anp-parse-exception.php';\nrequire '$plugin/class-anp-php-parser.php';\n"
    . "require '$dir/harness.php';\n"
    . "echo serialize(wrapper_outcomes([Anp_Php_Parser::class, 'parse'], [Anp_Php_Parser::class, 'parse_file'], require '$dir/cases.php'));\n";
preg_match('/function wrapper_outcomes.*?\n}\n/s', $functions, $m);
file_put_contents("$dir/harness.php", "<?php\n" . $m[0]);
file_put_contents("$dir/child.php", $child);
$php = proc_open([PHP_BINARY, '-n', '-d', 'memory_limit=512M', "$dir/child.php"], [1 => ['pipe', 'w']], $pipes);
$pure = unserialize(stream_get_contents($pipes[1]));
proc_close($php);
echo 'pure-PHP parser agrees: ', var_export($pure === $extension, true), "\n";
if ($pure !== $extension) {
    var_dump($pure);
}
?>
--CLEAN--
<?php
$dir = sys_get_temp_dir() . '/anp_api_parse_file_wrappers_' . getmypid();
foreach (glob("$dir/*") ?: [] as $file) {
    unlink($file);
}
@rmdir($dir);
?>
--EXPECTF--
gzip: same as the decoded text
rot13: same as the decoded text
base64: same as the decoded text
inflate: same as the decoded text
large gzip: same as the decoded text
gzip over max_bytes: Anp\ParseException: compress.zlib://DIR/large.txt.gz:1: %s
pure-PHP parser agrees: true
