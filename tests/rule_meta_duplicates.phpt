--TEST--
Meta: a field that appears twice keeps the later value in the place of the first (duplicate_field); repeated map keys; final values feed code language and image urls
--EXTENSIONS--
anp
--FILE--
<?php
$in = <<<TXT
T

x = 1

cap
cap. image source: s

alphanode post meta
topicfirst
code languagepython
stack
  • a
summarys
TOPICsecond
stack
  • b
  • c
code language
image sources
    • caption: cap
    • url: http://old
score
  • q: 1
  • Q: 2
  • q: x
image-sources
    • caption: cap
    • url: http://new
reading time5
reading timeabc
revision
  • last reviewed: 2024-02-29
  • last-reviewed: 2023-02-29
notes
  • kept?
notes
TXT;
$r = anp_parse($in);
var_export($r['blocks']);
echo "\n";
var_export($r['meta']);
echo "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
echo "-- an unknown field repeated with another shape: the later one wins, in the first one's place\n";
$r = anp_parse("T\nalphanode post meta\nfoo\n    • a: 1\n    • b: 2\ntopicx\nFOO\n  • x: 1\n  • x: 2\n");
var_export($r['meta']);
echo "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
?>
--EXPECT--
array (
  0 => 
  array (
    'type' => 'code',
    'text' => 'x = 1',
    'language' => NULL,
  ),
  1 => 
  array (
    'type' => 'image',
    'alt' => 'cap',
    'source' => 's',
    'url' => 'http://new',
  ),
)
array (
  'topic' => 'second',
  'code_language' => '',
  'stack' => 
  array (
    0 => 'b',
    1 => 'c',
  ),
  'summary' => 's',
  'image_sources' => 
  array (
    0 => 
    array (
      'caption' => 'cap',
      'url' => 'http://new',
    ),
  ),
  'score' => 
  array (
    'q' => 'x',
  ),
  'reading_time' => 'abc',
  'revision' => 
  array (
    'last_reviewed' => '2023-02-29',
  ),
  'notes' => 
  array (
  ),
)
14 duplicate_field topic appears again; the later value wins
15 duplicate_field stack appears again; the later value wins
18 duplicate_field code_language appears again; the later value wins
24 duplicate_field score.q appears again; the later value wins
25 bad_int score.q is not an integer; kept as a string
25 duplicate_field score.q appears again; the later value wins
26 unknown_field unknown field image_sources; kept as a list of objects
26 duplicate_field image_sources appears again; the later value wins
30 bad_int reading_time is not an integer; kept as a string
30 duplicate_field reading_time appears again; the later value wins
33 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
33 duplicate_field revision.last_reviewed appears again; the later value wins
36 duplicate_field notes appears again; the later value wins
-- an unknown field repeated with another shape: the later one wins, in the first one's place
array (
  'foo' => 
  array (
    'x' => '2',
  ),
  'topic' => 'x',
)
3 unknown_field unknown field foo; kept as a list of objects
7 unknown_field unknown field foo; kept as a map
7 duplicate_field foo appears again; the later value wins
9 duplicate_field foo.x appears again; the later value wins
