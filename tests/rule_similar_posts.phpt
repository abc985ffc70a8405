--TEST--
Layout: similar posts after the trailer (bullets stripped, plain lines trimmed, blank lines skipped, markers after the trailer are titles)
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\n\nalphanode post meta\ntopicx\n  SIMILAR posts \t\n"
    . "  • first post\n"
    . "\n"
    . "   second post   \n"
    . "\t \n"
    . "•third\n"
    . "• \n"
    . "alphanode post meta\n"
    . "similar posts\n"
    . "\t• tabbed\n"
    . "•  two spaces\n"
    . "    • x: y\n"
    . "topicy\n";
$r = anp_parse($in);
var_export($r['similar']);
echo "\n";
var_export([$r['meta'], $r['unparsed'], $r['warnings']]);
echo "\n";
// the trailer ends a body block without a blank line; nothing after it
$r = anp_parse("T\n\npara one\nalphanode post meta\ntopicz\nSimilar Posts");
var_export([$r['blocks'], $r['meta'], $r['similar'], $r['warnings']]);
?>
--EXPECT--
array (
  0 => 'first post',
  1 => 'second post',
  2 => '•third',
  3 => '',
  4 => 'alphanode post meta',
  5 => 'similar posts',
  6 => '• tabbed',
  7 => 'two spaces',
  8 => 'x: y',
  9 => 'topicy',
)
array (
  0 => 
  array (
    'topic' => 'x',
  ),
  1 => 
  array (
  ),
  2 => 
  array (
  ),
)
array (
  0 => 
  array (
    0 => 
    array (
      'type' => 'heading',
      'text' => 'para one',
    ),
  ),
  1 => 
  array (
    'topic' => 'z',
  ),
  2 => 
  array (
  ),
  3 => 
  array (
  ),
)
