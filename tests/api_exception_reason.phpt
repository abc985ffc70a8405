--TEST--
Anp\ParseException::getReason(): the message without "PATH:LINE: ", for strings and files, the same in the pure-PHP class
--EXTENSIONS--
anp
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
$dir = sys_get_temp_dir() . '/anp_api_exception_reason_' . getmypid();
@mkdir($dir);
file_put_contents("$dir/nul.txt", "title\n\nbody \x00 line\n");
file_put_contents("$dir/empty.txt", "");
file_put_contents("$dir/ten.txt", "0123456789");

// The same cases for both parsers: each gives the exception's parts, and
// whether the message is exactly "PATH:LINE: " followed by the reason.
$cases = <<<'PHP'
<?php
function anp_reason_cases(callable $parse, callable $parse_file, string $dir): array {
    $cases = [
        'NUL byte'      => fn() => $parse("title\nbody\x00\n"),
        'empty'         => fn() => $parse(""),
        'invalid UTF-8' => fn() => $parse("title\n\n\xC3\x28\n"),
        'no title'      => fn() => $parse("|\n\nalphanode post meta\n"),
        'too large'     => fn() => $parse("0123456789", ['max_bytes' => 9]),
        'file: NUL'     => fn() => $parse_file("$dir/nul.txt"),
        'file: empty'   => fn() => $parse_file("$dir/empty.txt"),
        'file: large'   => fn() => $parse_file("$dir/ten.txt", ['max_bytes' => 9]),
        'file: missing' => fn() => $parse_file("$dir/missing.txt"),
        'constructed'   => fn() => throw new Anp\ParseException('c:/posts/a.txt', 12, 'what: went wrong; what was expected'),
    ];
    $out = [];
    foreach ($cases as $name => $case) {
        try {
            $case();
            $out[$name] = 'no exception';
        } catch (Anp\ParseException $e) {
            $out[$name] = [
                str_replace($dir, 'DIR', $e->getMessage()),
                str_replace($dir, 'DIR', $e->getPath()),
                $e->getInputLine(),
                $e->getReason(),
                $e->getMessage() === $e->getPath() . ':' . $e->getInputLine() . ': ' . $e->getReason(),
            ];
        }
    }
    return $out;
}
PHP;
file_put_contents("$dir/cases.php", $cases);

require "$dir/cases.php";
$extension = anp_reason_cases('anp_parse', 'anp_parse_file', $dir);

// The pure-PHP class is declared only when the extension is absent: run the
// same cases in a PHP without it (-n loads no extension), on the pure-PHP parser.
$plugin = __DIR__ . '/../wordpress-plugin/anp-importer/includes/parse';
$child = <<<PHP
<?php
define('ANP_IMPORTER_STANDALONE', true);
require '$plugin/class-anp-parse-exception.php';
require '$plugin/class-anp-php-parser.php';
require '$dir/cases.php';
echo serialize([
    (new ReflectionClass(Anp\ParseException::class))->isInternal(),
    anp_reason_cases([Anp_Php_Parser::class, 'parse'], [Anp_Php_Parser::class, 'parse_file'], '$dir'),
]);
PHP;
file_put_contents("$dir/child.php", $child);
$proc = proc_open([PHP_BINARY, '-n', "$dir/child.php"], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$stdout = stream_get_contents($pipes[1]);
$stderr = stream_get_contents($pipes[2]);
proc_close($proc);
[$internal, $pure_php] = unserialize($stdout) ?: [null, $stderr];

foreach ($extension as $name => $parts) {
    echo "$name: ", is_array($parts) ? implode(' | ', array_map('var_export', $parts, array_fill(0, 5, true))) : $parts, "\n";
}
echo "the pure-PHP class is the plugin's: ";
var_dump($internal === false);
echo "the pure-PHP class agrees: ";
var_dump($pure_php === $extension);
if ($pure_php !== $extension) {
    var_dump($pure_php);
}

foreach (['nul', 'empty', 'ten'] as $name) {
    unlink("$dir/$name.txt");
}
unlink("$dir/cases.php");
unlink("$dir/child.php");
rmdir($dir);
?>
--EXPECT--
NUL byte: 'input:2: NUL byte at column 5; expected UTF-8 text' | 'input' | 2 | 'NUL byte at column 5; expected UTF-8 text' | true
empty: 'input:1: empty input; expected a title line' | 'input' | 1 | 'empty input; expected a title line' | true
invalid UTF-8: 'input:3: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => \'substitute\')' | 'input' | 3 | 'invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => \'substitute\')' | true
no title: 'input:1: no title; expected a line that is not blank, chrome or a marker' | 'input' | 1 | 'no title; expected a line that is not blank, chrome or a marker' | true
too large: 'input:1: input is 10 bytes; expected at most max_bytes (9)' | 'input' | 1 | 'input is 10 bytes; expected at most max_bytes (9)' | true
file: NUL: 'DIR/nul.txt:3: NUL byte at column 6; expected UTF-8 text' | 'DIR/nul.txt' | 3 | 'NUL byte at column 6; expected UTF-8 text' | true
file: empty: 'DIR/empty.txt:1: empty input; expected a title line' | 'DIR/empty.txt' | 1 | 'empty input; expected a title line' | true
file: large: 'DIR/ten.txt:1: input is 10 bytes; expected at most max_bytes (9)' | 'DIR/ten.txt' | 1 | 'input is 10 bytes; expected at most max_bytes (9)' | true
file: missing: 'DIR/missing.txt:1: cannot read the file; expected a readable ANP file' | 'DIR/missing.txt' | 1 | 'cannot read the file; expected a readable ANP file' | true
constructed: 'c:/posts/a.txt:12: what: went wrong; what was expected' | 'c:/posts/a.txt' | 12 | 'what: went wrong; what was expected' | true
the pure-PHP class is the plugin's: bool(true)
the pure-PHP class agrees: bool(true)
