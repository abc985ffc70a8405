--TEST--
Meta: map items split at the first ": ", an item ending in ":" has value '', keys normalized, items that are not "key: value" go to unparsed
--EXTENSIONS--
anp
--FILE--
<?php
$in = <<<TXT
T
alphanode post meta
ai outline
  • context: a: b
  • Recommended Action: do it
  • empty:
  • url: https://x.y/z
  • key :  spaced  
  • a:b:
  • novalue
  • : nokey
  • nocolonspace:x
  •
payload
  • source id: s-1
  • paragraphs: 007
  • seed: -3
  • other: 5
    • deeper: indented four
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
  'ai_outline' => 
  array (
    'context' => 'a: b',
    'recommended_action' => 'do it',
    'empty' => '',
    'url' => 'https://x.y/z',
    'key' => 'spaced',
    'a:b' => '',
  ),
  'payload' => 
  array (
    'source_id' => 's-1',
    'paragraphs' => 7,
    'seed' => -3,
    'other' => '5',
    'deeper' => 'indented four',
  ),
)
array (
  0 => 
  array (
    'line' => 10,
    'text' => '  • novalue',
  ),
  1 => 
  array (
    'line' => 11,
    'text' => '  • : nokey',
  ),
  2 => 
  array (
    'line' => 12,
    'text' => '  • nocolonspace:x',
  ),
  3 => 
  array (
    'line' => 13,
    'text' => '  •',
  ),
)
10 unparsed_line expected "key: value" in ai_outline; kept in unparsed
11 unparsed_line expected "key: value" in ai_outline; kept in unparsed
12 unparsed_line expected "key: value" in ai_outline; kept in unparsed
13 unparsed_line expected "key: value" in ai_outline; kept in unparsed
