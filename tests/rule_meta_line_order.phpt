--TEST--
Meta: line classification order (bullet, known list key, line followed by a bullet, glued scalar, unparsed) with normalized matching
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
    . "hash\n"                     // 11 exact scalar key name followed by bullets: glued scalar ''
    . "  • h1\n"                   // 12 stray
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
echo "-- normalized text equal to a scalar key name, followed by bullets: rules 4 and 5, bullets stray\n";
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
  'hash' => '',
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
[{"line":10,"text":"  \u2022 stray"},{"line":12,"text":"  \u2022 h1"}]
5 unknown_field unknown field image_sources:; kept as a list of objects
10 unparsed_line bullet outside a list; kept in unparsed
12 unparsed_line bullet outside a list; kept in unparsed
13 unknown_field unknown field hash_code; kept as a list
18 unknown_field unknown field stray_line; kept as a list
-- normalized text equal to a scalar key name, followed by bullets: rules 4 and 5, bullets stray
[{"ai_brief":""},[{"line":3,"text":"Code-Language"},{"line":4,"text":"  \u2022 x"},{"line":6,"text":"  \u2022 y"}]]
3 unparsed_line not a known meta field; kept in unparsed
4 unparsed_line bullet outside a list; kept in unparsed
6 unparsed_line bullet outside a list; kept in unparsed
