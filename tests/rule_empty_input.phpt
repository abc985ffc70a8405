--TEST--
Errors: empty input and BOM-only input (string and file) are "empty input" on line 1
--EXTENSIONS--
anp
--FILE--
<?php
$f = sys_get_temp_dir() . '/anp_rule_empty_' . getmypid() . '.txt';
foreach (["", "\xEF\xBB\xBF"] as $in) {
    try {
        anp_parse($in);
        echo "no exception\n";
    } catch (Anp\ParseException $e) {
        echo $e->getMessage(), ' | ', $e->getPath(), ' | ', $e->getInputLine(), "\n";
    }
    file_put_contents($f, $in);
    try {
        anp_parse_file($f);
        echo "no exception\n";
    } catch (Anp\ParseException $e) {
        echo str_replace($f, 'FILE', $e->getMessage()), ' | ', $e->getPath() === $f ? 'FILE' : $e->getPath(), ' | ', $e->getInputLine(), "\n";
    }
}
unlink($f);
?>
--EXPECT--
input:1: empty input; expected a title line | input | 1
FILE:1: empty input; expected a title line | FILE | 1
input:1: empty input; expected a title line | input | 1
FILE:1: empty input; expected a title line | FILE | 1
