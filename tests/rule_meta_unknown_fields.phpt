--TEST--
Meta: unknown list fields kept with unknown_field as a list of objects (all key: value, indent >= 4), a map (all key: value), or a list of strings
--EXTENSIONS--
anp
--FILE--
<?php
$in = <<<TXT
T
alphanode post meta
Related Links:
    • title: a
    • url: https://a
    • title: b
settings
  • mode: fast
    • level: 3
tags
  • x
  • k: v
  •
odd objects
     • a: 1
   • b: 2
zero indent
• k: v
topic extra
  • one
reading time 5 min
  • two
single
      • only: one
TXT;
$r = anp_parse($in);
var_export($r['meta']);
echo "\n";
var_export($r['unparsed']);
echo "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
?>
--EXPECT--
array (
  'related_links:' => 
  array (
    0 => 
    array (
      'title' => 'a',
      'url' => 'https://a',
    ),
    1 => 
    array (
      'title' => 'b',
    ),
  ),
  'settings' => 
  array (
    'mode' => 'fast',
    'level' => '3',
  ),
  'tags' => 
  array (
    0 => 'x',
    1 => 'k: v',
    2 => '',
  ),
  'odd_objects' => 
  array (
    'a' => '1',
    'b' => '2',
  ),
  'zero_indent' => 
  array (
    'k' => 'v',
  ),
  'topic_extra' => 
  array (
    0 => 'one',
  ),
  'reading_time_5_min' => 
  array (
    0 => 'two',
  ),
  'single' => 
  array (
    0 => 
    array (
      'only' => 'one',
    ),
  ),
)
array (
)
3 unknown_field unknown field related_links:; kept as a list of objects
7 unknown_field unknown field settings; kept as a map
10 unknown_field unknown field tags; kept as a list
14 unknown_field unknown field odd_objects; kept as a map
17 unknown_field unknown field zero_indent; kept as a map
19 unknown_field unknown field topic_extra; kept as a list
21 unknown_field unknown field reading_time_5_min; kept as a list
23 unknown_field unknown field single; kept as a list of objects
