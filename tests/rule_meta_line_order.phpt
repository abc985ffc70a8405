--TEST--
Meta: line classification order (bullet, known list key spelled exactly, line followed by a bullet, glued scalar, unparsed)
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\nalphanode post meta\n"   // 1-2
    . "  stack  \t\n"              // 3  list key, trimmed
    . "  • a\n"                    // 4
    . "image sources:\n"           // 5  not exactly a list key: an unknown field since bullets follow
    . "    • caption: c\n"         // 6
    . "\ttopicx\n"                 // 7  glued scalar, classified trimmed
    . "tools\n"                    // 8  list key
    . "\t\n"                       // 9  blank (tab only) ends the list
    . "  • stray\n"                // 10 bullet outside a list
    . "hash\n"                     // 11 exact scalar key name followed by bullets: a list key
    . "  • h1\n"                   // 12
    . "Hash Code\n"                // 13 not exactly a scalar key name, bullets follow: unknown field
    . "  • h2\n"                   // 14
    . "difficulty\n"               // 15 scalar, no bullets follow
    . "summaryline\n"              // 16 glued scalar
    . "checklist\n"                // 17 list key then a non-bullet line: []
    . "stray line\n"               // 18 unparsed
    . "  • under stray line\n";    // 19 ... but 18 is followed by a bullet: unknown field stray_line
$r = anp_parse($in);
var_export($r['meta']);
echo "\n";
echo json_encode($r['unparsed']), "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
echo "-- followed by bullets: a variant spelling of a scalar key is an unknown field, its exact name a list of that scalar\n";
$r = anp_parse("T\nalphanode post meta\nCode-Language\n  • x\nAI Brief\n  • y\n");
echo json_encode([$r['meta'], $r['unparsed']]), "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
?>
--EXPECT--
array (
  'stack' => 
  array (
    0 => 'a',
  ),
  'image_sources:' => 
  array (
    0 => 
    array (
      'caption' => 'c',
    ),
  ),
  'topic' => 'x',
  'tools' => 
  array (
  ),
  'hash' => 
  array (
    0 => 'h1',
  ),
  'hash_code' => 
  array (
    0 => 'h2',
  ),
  'difficulty' => '',
  'summary' => 'line',
  'checklist' => 
  array (
  ),
  'stray_line' => 
  array (
    0 => 'under stray line',
  ),
)
[{"line":10,"text":"  \u2022 stray"}]
5 unknown_field unknown field image_sources:; kept as a list of objects
10 unparsed_line bullet outside a list; kept in unparsed
11 unknown_field scalar field hash has bullets; kept as a list
13 unknown_field unknown field hash_code; kept as a list
18 unknown_field unknown field stray_line; kept as a list
-- followed by bullets: a variant spelling of a scalar key is an unknown field, its exact name a list of that scalar
[{"code_language":["x"],"ai_brief":["y"]},[]]
3 unknown_field unknown field code_language; kept as a list
5 unknown_field scalar field ai_brief has bullets; kept as a list
