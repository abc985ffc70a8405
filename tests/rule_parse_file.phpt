--TEST--
anp_parse_file: same result as anp_parse; errors carry the path as given; unreadable file; Anp\ParseException is a RuntimeException and getLine() stays PHP's
--EXTENSIONS--
anp
--FILE--
<?php
$dir = sys_get_temp_dir() . '/anp_rule_file_' . getmypid();
mkdir($dir);
$f = $dir . '/post.txt';
$text = "|\n\nA Title\n\nx = 1\n\nalphanode post meta\ncode languagec\nstray\nSimilar Posts\n  • other";
file_put_contents($f, $text);
var_dump(anp_parse_file($f) === anp_parse($text));
var_dump(anp_parse_file($f, ['max_bytes' => 1000, 'invalid_utf8' => 'error']) === anp_parse($text));

function fail(callable $fn): void {
    try {
        $fn();
        echo "no exception\n";
    } catch (Anp\ParseException $e) {
        global $dir;
        echo get_class($e), ' | ', $e instanceof RuntimeException ? 'RuntimeException' : 'not RuntimeException', ' | ',
            str_replace($dir, 'DIR', $e->getMessage()), ' | ', str_replace($dir, 'DIR', $e->getPath()), ' | ', $e->getInputLine(), "\n";
    }
}
fail(fn() => anp_parse_file($dir . '/missing.txt'));
file_put_contents($f, "T\nab\0");
fail(fn() => anp_parse_file($f));
file_put_contents($f, "T\nab\xFF");
fail(fn() => anp_parse_file($f));
var_dump(anp_parse_file($f, ['invalid_utf8' => 'substitute'])['warnings'][0]['code']);
file_put_contents($f, "alphanode post meta\n");
fail(fn() => anp_parse_file($f));
// a relative path is reported as given
chdir($dir);
fail(fn() => anp_parse_file('post.txt'));
fail(fn() => anp_parse_file('./nope.txt'));

// a directory is not a readable file
fail(fn() => anp_parse_file($dir));
// a large file (read through a mapping) gives the same result as the string
$big = "Big\n\n" . str_repeat("para line of some length here\n", 12000) . "\n  • item\n\nalphanode post meta\nstray \xFF\nSimilar Posts\nlast";
file_put_contents($f, $big);
var_dump(strlen($big) > 256 * 1024);
fail(fn() => anp_parse_file($f));
$a = anp_parse_file($f, ['invalid_utf8' => 'substitute']);
var_dump($a === anp_parse($big, ['invalid_utf8' => 'substitute']), strlen($a['blocks'][0]['text']), $a['similar']);
// max_bytes on a file: exactly the size passes, one less fails
$a = anp_parse_file($f, ['invalid_utf8' => 'substitute', 'max_bytes' => strlen($big)]);
var_dump($a['title']);
try {
    anp_parse_file($f, ['max_bytes' => strlen($big) - 1]);
} catch (Anp\ParseException $e) {
    var_dump($e->getMessage() === $f . ':1: input is ' . strlen($big) . ' bytes; expected at most max_bytes (' . (strlen($big) - 1) . ')');
}

// getLine() is the PHP source line of the call, not the input line
try {
    $line = __LINE__ + 1;
    anp_parse("T\n\n\0");
} catch (Anp\ParseException $e) {
    var_dump($e->getLine() === $line, $e->getInputLine());
}
unlink($f);
rmdir($dir);
?>
--EXPECT--
bool(true)
bool(true)
Anp\ParseException | RuntimeException | DIR/missing.txt:1: cannot read the file; expected a readable ANP file | DIR/missing.txt | 1
Anp\ParseException | RuntimeException | DIR/post.txt:2: NUL byte at column 3; expected UTF-8 text | DIR/post.txt | 2
Anp\ParseException | RuntimeException | DIR/post.txt:2: invalid UTF-8 at column 3; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | DIR/post.txt | 2
string(12) "invalid_utf8"
Anp\ParseException | RuntimeException | DIR/post.txt:1: no title; expected a line that is not blank, chrome or a marker | DIR/post.txt | 1
Anp\ParseException | RuntimeException | post.txt:1: no title; expected a line that is not blank, chrome or a marker | post.txt | 1
Anp\ParseException | RuntimeException | ./nope.txt:1: cannot read the file; expected a readable ANP file | ./nope.txt | 1
Anp\ParseException | RuntimeException | DIR:1: cannot read the file; expected a readable ANP file | DIR | 1
bool(true)
Anp\ParseException | RuntimeException | DIR/post.txt:12007: invalid UTF-8 at column 7; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | DIR/post.txt | 12007
bool(true)
int(359999)
array(1) {
  [0]=>
  string(4) "last"
}
string(3) "Big"
bool(true)
bool(true)
int(3)
