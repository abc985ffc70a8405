--TEST--
Volume: 4,000 similar-post lines are all kept, in order, bullets stripped and plain lines trimmed
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\n\nbody\n\nalphanode post meta\ntopicx\nSimilar Posts\n";
for ($i = 0; $i < 4000; $i++) {
    $in .= ($i % 2 === 0) ? "  • similar post number $i\n" : "   similar post number $i   \n";
    if ($i % 1000 === 999) $in .= "\n";
}
$r = anp_parse($in);
var_dump(count($r['similar']));
var_dump($r['similar'][0], $r['similar'][1], $r['similar'][999], $r['similar'][1000], $r['similar'][2500], $r['similar'][3999]);
var_dump(array_keys($r['similar']) === range(0, 3999));
$ok = true;
foreach ($r['similar'] as $i => $s) {
    if ($s !== "similar post number $i") { $ok = false; echo "bad $i: $s\n"; break; }
}
var_dump($ok, $r['warnings'], $r['unparsed'], $r['meta']);
?>
--EXPECT--
int(4000)
string(21) "similar post number 0"
string(21) "similar post number 1"
string(23) "similar post number 999"
string(24) "similar post number 1000"
string(24) "similar post number 2500"
string(24) "similar post number 3999"
bool(true)
bool(true)
array(0) {
}
array(0) {
}
array(1) {
  ["topic"]=>
  string(1) "x"
}
