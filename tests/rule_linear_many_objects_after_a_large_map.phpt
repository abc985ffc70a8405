--TEST--
Time: a map of 262,145 keys followed by 50,000 one-key objects parses in linear time (the key set is not cleared slot by slot per object)
--EXTENSIONS--
anp
--INI--
memory_limit=512M
--FILE--
<?php
// The map grows the parser's set of item keys to a million slots; each
// object of the list of objects that follows starts a fresh set. Clearing
// the whole table per object took minutes (issue 8, finding 5).
$in = "T\n\nbody\n\nalphanode post meta\npayload\n";
for ($i = 0; $i < 262145; $i++) {
    $in .= "\u{2022} k$i:\n";
}
$in .= "entities\n" . str_repeat("\u{2022} a:\n", 50000);
$start = hrtime(true);
$r = anp_parse($in);
$seconds = (hrtime(true) - $start) / 1e9;
var_dump(count($r['meta']['payload']), count($r['meta']['entities']), $r['meta']['entities'][49999], $r['warnings']);
// linear: a few hundred milliseconds; the quadratic clearing took minutes
var_dump($seconds < 10 ? 'fast' : "slow: $seconds s");
?>
--EXPECT--
int(262145)
int(50000)
array(1) {
  ["a"]=>
  string(0) ""
}
array(0) {
}
string(4) "fast"
