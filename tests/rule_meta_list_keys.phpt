--TEST--
Meta: list keys (with and without bullets => []), list items kept whole and trimmed, a blank line ends a list, variant spellings are unknown fields
--EXTENSIONS--
anp
--FILE--
<?php
$in = <<<TXT
T

alphanode post meta
stack
  • a
  • b: c
  •
  •    padded   
Tools
checklist
notes
  • only

  • stray
AI-Outline
  • context: x
  Image  Sources  
    • caption: c
SCORE
TXT;
$r = anp_parse($in);
var_export($r['meta']);
echo "\n";
var_export($r['unparsed']);
echo "\n";
var_export($r['warnings']);
echo "\n";
// list key last in the file, with no bullets; list key followed by a blank line then bullets
$r = anp_parse("T\nalphanode post meta\nflags\n\n  • x: 1\nnotes");
var_export([$r['meta'], $r['unparsed']]);
?>
--EXPECT--
array (
  'stack' => 
  array (
    0 => 'a',
    1 => 'b: c',
    2 => '',
    3 => 'padded',
  ),
  'tools' => 
  array (
  ),
  'checklist' => 
  array (
  ),
  'notes' => 
  array (
    0 => 'only',
  ),
  'ai_outline' => 
  array (
    'context' => 'x',
  ),
  'image_sources' => 
  array (
    0 => 
    array (
      'caption' => 'c',
    ),
  ),
  'score' => 
  array (
  ),
)
array (
  0 => 
  array (
    'line' => 14,
    'text' => '  • stray',
  ),
)
array (
  0 => 
  array (
    'line' => 14,
    'code' => 'unparsed_line',
    'message' => 'bullet outside a list; kept in unparsed',
  ),
  1 => 
  array (
    'line' => 15,
    'code' => 'unknown_field',
    'message' => 'unknown field ai_outline; kept as a map',
  ),
  2 => 
  array (
    'line' => 17,
    'code' => 'unknown_field',
    'message' => 'unknown field image_sources; kept as a list of objects',
  ),
)
array (
  0 => 
  array (
    'flags' => 
    array (
    ),
    'notes' => 
    array (
    ),
  ),
  1 => 
  array (
    0 => 
    array (
      'line' => 5,
      'text' => '  • x: 1',
    ),
  ),
)
