--TEST--
Layout: markers match the whole trimmed line case-insensitively and end the block they interrupt; near-misses are ordinary lines
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\n\nline one\nline two\n  Alphanode Post Meta\t\ntopicx\n\nsimilar   posts\nSimilar Posts!\nsimilarposts\n  \tsimilar POSTS  \nafter";
$r = anp_parse($in);
var_export([$r['blocks'], $r['meta'], $r['similar'], $r['unparsed'], $r['warnings']]);
echo "\n";
// marker interrupting code; a near-miss meta marker in the body stays body text
$r = anp_parse("T\n\nx = 1\nalphanode post meta:\nalphanode post meta\n");
var_export($r['blocks']);
?>
--EXPECT--
array (
  0 => 
  array (
    0 => 
    array (
      'type' => 'paragraph',
      'text' => 'line one line two',
    ),
  ),
  1 => 
  array (
    'topic' => 'x',
  ),
  2 => 
  array (
    0 => 'after',
  ),
  3 => 
  array (
    0 => 
    array (
      'line' => 8,
      'text' => 'similar   posts',
    ),
    1 => 
    array (
      'line' => 9,
      'text' => 'Similar Posts!',
    ),
    2 => 
    array (
      'line' => 10,
      'text' => 'similarposts',
    ),
  ),
  4 => 
  array (
    0 => 
    array (
      'line' => 8,
      'code' => 'unparsed_line',
      'message' => 'not a known meta field; kept in unparsed',
    ),
    1 => 
    array (
      'line' => 9,
      'code' => 'unparsed_line',
      'message' => 'not a known meta field; kept in unparsed',
    ),
    2 => 
    array (
      'line' => 10,
      'code' => 'unparsed_line',
      'message' => 'not a known meta field; kept in unparsed',
    ),
  ),
)
array (
  0 => 
  array (
    'type' => 'code',
    'text' => 'x = 1
alphanode post meta:',
    'language' => NULL,
  ),
)
