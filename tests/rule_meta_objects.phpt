--TEST--
Meta: lists of objects (entities, image sources): a new object starts whenever a key repeats; non key: value items go to unparsed
--EXTENSIONS--
anp
--FILE--
<?php
$in = <<<TXT
T
alphanode post meta
entities
    • name: A
    • type: x
    • name: B
    • Name: C
    • type: y
    • type: z
  • name: two-space indent
    • empty:
    • junk
image sources
    • source: s1
    • url: u1
    • caption: c1
    • source: s2
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
  'entities' => 
  array (
    0 => 
    array (
      'name' => 'A',
      'type' => 'x',
    ),
    1 => 
    array (
      'name' => 'B',
    ),
    2 => 
    array (
      'name' => 'C',
      'type' => 'y',
    ),
    3 => 
    array (
      'type' => 'z',
      'name' => 'two-space indent',
      'empty' => '',
    ),
  ),
  'image_sources' => 
  array (
    0 => 
    array (
      'source' => 's1',
      'url' => 'u1',
      'caption' => 'c1',
    ),
    1 => 
    array (
      'source' => 's2',
    ),
  ),
)
array (
  0 => 
  array (
    'line' => 12,
    'text' => '    • junk',
  ),
)
12 unparsed_line expected "key: value" in entities; kept in unparsed
