--TEST--
Layout: chrome lines before the title, title trimming, a "|" line after the title is body text
--EXTENSIONS--
anp
--FILE--
<?php
// 1 "|", 2 "", 3 " | |\t|", 4 "  \t", 5 title, 6 "|", 7 "", 8 "| |", 9 "|", 10 "", 11 marker
$r = anp_parse("|\n\n | |\t|\n  \t\n  My Title \t\n|\n\n| |\n|\n\nalphanode post meta\n");
var_export([$r['title'], $r['blocks'], $r['warnings']]);
echo "\n";
// a line holding "|" and other text is not chrome: it is the title
$r = anp_parse("|\n|x|\n\nalphanode post meta");
var_export([$r['title'], $r['blocks']]);
echo "\n";
// tab-indented title after tab/space chrome
$r = anp_parse("\t|\t\n\n\tTitle\n\nalphanode post meta");
var_export([$r['title'], $r['blocks']]);
echo "\n";
// a chrome-looking line right after the title, in the body, is body text even before blanks
$r = anp_parse("T\n|\n||\n\nalphanode post meta");
var_export($r['blocks']);
echo "\n";
?>
--EXPECT--
array (
  0 => 'My Title',
  1 => 
  array (
    0 => 
    array (
      'type' => 'heading',
      'text' => '|',
    ),
    1 => 
    array (
      'type' => 'paragraph',
      'text' => '| | |',
    ),
  ),
  2 => 
  array (
  ),
)
array (
  0 => '|x|',
  1 => 
  array (
  ),
)
array (
  0 => 'Title',
  1 => 
  array (
  ),
)
array (
  0 => 
  array (
    'type' => 'paragraph',
    'text' => '| ||',
  ),
)
