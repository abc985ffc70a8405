--TEST--
anp_parse() of a file's text and anp_parse_file() of the file return the same array
--EXTENSIONS--
anp
--FILE--
<?php
$seeds = glob(__DIR__ . '/../samples/*.txt');
var_dump(count($seeds));
foreach ($seeds as $seed) {
    var_dump(anp_parse(file_get_contents($seed)) === anp_parse_file($seed));
}
?>
--EXPECT--
int(5)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
