--TEST--
Meta: numeric field and item keys become PHP integer keys exactly as $array['123'] would (after normalization, so '-1' is '_1')
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\nalphanode post meta\n"
    . "score\n"
    . "  • 123: 5\n"
    . "  • 007: 6\n"
    . "  • -1: 7\n"
    . "  • -0: 8\n"
    . "  • 9223372036854775808: 9\n"
    . "  • 1.5: 10\n"
    . "123\n"
    . "  • a\n"
    . "456\n"
    . "    • 0: zero\n"
    . "    • 1: one\n";
$r = anp_parse($in);
var_dump($r['meta']);
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
?>
--EXPECT--
array(3) {
  ["score"]=>
  array(6) {
    [123]=>
    int(5)
    ["007"]=>
    int(6)
    ["_1"]=>
    int(7)
    ["_0"]=>
    int(8)
    ["9223372036854775808"]=>
    int(9)
    ["1.5"]=>
    int(10)
  }
  [123]=>
  array(1) {
    [0]=>
    string(1) "a"
  }
  [456]=>
  array(1) {
    [0]=>
    array(2) {
      [0]=>
      string(4) "zero"
      [1]=>
      string(3) "one"
    }
  }
}
10 unknown_field unknown field 123; kept as a list
12 unknown_field unknown field 456; kept as a list of objects
