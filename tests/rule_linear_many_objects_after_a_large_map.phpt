--TEST--
A map of 262,145 keys followed by 476,620 one-key objects parses in linear time (the key set is not cleared slot by slot per object)
--EXTENSIONS--
anp
--INI--
memory_limit=512M
--FILE--
<?php
// The map grows the parser's set of item keys to a million slots; each
// object of the list of objects that follows starts a fresh set. Clearing
// the whole table per object took minutes (issue 8, finding 5).
// Under valgrind or ASan, which run the parser some fifty and ten times
// slower, a tenth of the keys and objects is enough to check the memory
// accesses. There is no clock here: at the issue's size the quadratic
// clearing took six minutes and ran into run-tests' per-test timeout.
$maps = (string) @file_get_contents('/proc/self/maps');
$slow = str_contains($maps, 'vgpreload') || str_contains($maps, 'libasan');
$keys = $slow ? 26215 : 262145;
$objects = $slow ? 47662 : 476620;
// Built in one piece: appending line by line is quadratic itself when
// PHP's allocator is off (USE_ZEND_ALLOC=0, as under ASan), as realloc copies.
$lines = [];
for ($i = 0; $i < $keys; $i++) {
    $lines[] = "\u{2022} k$i:\n";
}
$in = "T\n\nbody\n\nalphanode post meta\npayload\n" . implode('', $lines)
    . "entities\n" . str_repeat("\u{2022} a:\n", $objects);
unset($lines);
$r = anp_parse($in);
var_dump(count($r['meta']['payload']) === $keys, count($r['meta']['entities']) === $objects, $r['meta']['entities'][$objects - 1], $r['warnings']);
?>
--EXPECT--
bool(true)
bool(true)
array(1) {
  ["a"]=>
  string(0) ""
}
array(0) {
}
