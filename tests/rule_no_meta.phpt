--TEST--
Layout: no meta marker gives meta [] and a no_meta warning on the trailer's line, or on the last line (a final newline does not start a new line)
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    "T\n\nbody text.",
    "T\n\nbody text.\n",
    "T\n\nbody text.\n\n",
    "T\n\nbody text.\n\n\n",
    "T\n\nbody\n\nSimilar Posts\nfoo\nbar\n",
    "T\nSimilar Posts",
    "T\n\ntopicx\nreading time5",
    "T\n\nbody\n\nalphanode post meta",
    "T\n\nbody\n\nalphanode post meta\n\nSimilar Posts",
];
foreach ($cases as $in) {
    $r = anp_parse($in);
    echo json_encode($in), "\n  ", json_encode([$r['blocks'], $r['meta'], $r['similar'], $r['warnings']]), "\n";
}
?>
--EXPECT--
"T\n\nbody text."
  [[{"type":"paragraph","text":"body text."}],[],[],[{"line":3,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
"T\n\nbody text.\n"
  [[{"type":"paragraph","text":"body text."}],[],[],[{"line":3,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
"T\n\nbody text.\n\n"
  [[{"type":"paragraph","text":"body text."}],[],[],[{"line":4,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
"T\n\nbody text.\n\n\n"
  [[{"type":"paragraph","text":"body text."}],[],[],[{"line":5,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
"T\n\nbody\n\nSimilar Posts\nfoo\nbar\n"
  [[{"type":"heading","text":"body"}],[],["foo","bar"],[{"line":5,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
"T\nSimilar Posts"
  [[],[],[],[{"line":2,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
"T\n\ntopicx\nreading time5"
  [[{"type":"paragraph","text":"topicx reading time5"}],[],[],[{"line":4,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
"T\n\nbody\n\nalphanode post meta"
  [[{"type":"heading","text":"body"}],[],[],[]]
"T\n\nbody\n\nalphanode post meta\n\nSimilar Posts"
  [[{"type":"heading","text":"body"}],[],[],[]]
