--TEST--
Errors: input over max_bytes (raw bytes, BOM included; default 8 MiB) is an error on line 1 and is checked first; exactly max_bytes passes
--EXTENSIONS--
anp
--INI--
memory_limit=512M
--FILE--
<?php
function attempt(string $in, array $opt = []): void {
    try {
        $r = anp_parse($in, $opt);
        echo 'ok ', strlen($r['title']), "\n";
    } catch (Anp\ParseException $e) {
        echo $e->getMessage(), ' | ', $e->getPath(), ' | ', $e->getInputLine(), "\n";
    }
}
attempt("abcd", ['max_bytes' => 4]);
attempt("abcde", ['max_bytes' => 4]);
attempt("\xEF\xBB\xBFab", ['max_bytes' => 5]);
attempt("\xEF\xBB\xBFab", ['max_bytes' => 4]);
attempt("a\0cde", ['max_bytes' => 4]);
attempt("\xFF\xFF\xFF\xFF\xFF", ['max_bytes' => 4]);
attempt("\n\n\n\n\n", ['max_bytes' => 4]);
attempt("ab\ncd", ['max_bytes' => 1]);
attempt(str_repeat('a', 8 * 1024 * 1024));
attempt(str_repeat('a', 8 * 1024 * 1024 + 1));
attempt(str_repeat('a', 8 * 1024 * 1024 + 1), ['max_bytes' => 9000000]);
$f = sys_get_temp_dir() . '/anp_rule_max_' . getmypid() . '.txt';
file_put_contents($f, "0123456789");
try {
    anp_parse_file($f, ['max_bytes' => 5]);
    echo "no exception\n";
} catch (Anp\ParseException $e) {
    echo str_replace($f, 'FILE', $e->getMessage()), ' | ', $e->getInputLine(), "\n";
}
echo anp_parse_file($f, ['max_bytes' => 10])['title'], "\n";
unlink($f);
?>
--EXPECT--
ok 4
input:1: input is 5 bytes; expected at most max_bytes (4) | input | 1
ok 2
input:1: input is 5 bytes; expected at most max_bytes (4) | input | 1
input:1: input is 5 bytes; expected at most max_bytes (4) | input | 1
input:1: input is 5 bytes; expected at most max_bytes (4) | input | 1
input:1: input is 5 bytes; expected at most max_bytes (4) | input | 1
input:1: input is 5 bytes; expected at most max_bytes (1) | input | 1
ok 8388608
input:1: input is 8388609 bytes; expected at most max_bytes (8388608) | input | 1
ok 8388609
FILE:1: input is 10 bytes; expected at most max_bytes (5) | 1
0123456789
