--TEST--
Meta: unparsed lines (unknown glued scalar, stray text, second meta marker, stray bullets after a blank line; a scalar key with bullets is a list) with line numbers and unparsed_line
--EXTENSIONS--
anp
--FILE--
<?php
$in = <<<TXT
T

alphanode post meta

author bob
just some stray text
ai  brief spaced
ALPHANODE POST META
stack
  • a

  • stray
•x
topic
  • after scalar
Code Language
  • after scalar too
TXT;
$r = anp_parse($in);
var_export($r['meta']);
echo "\n";
var_export($r['unparsed']);
echo "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
echo "-- leading white space of a stray line is kept verbatim\n";
$r = anp_parse("T\nalphanode post meta\n  \tstray indented  \n");
var_export($r['unparsed']);
?>
--EXPECT--
array (
  'stack' => 
  array (
    0 => 'a',
  ),
  'topic' => 
  array (
    0 => 'after scalar',
  ),
  'code_language' => 
  array (
    0 => 'after scalar too',
  ),
)
array (
  0 => 
  array (
    'line' => 5,
    'text' => 'author bob',
  ),
  1 => 
  array (
    'line' => 6,
    'text' => 'just some stray text',
  ),
  2 => 
  array (
    'line' => 7,
    'text' => 'ai  brief spaced',
  ),
  3 => 
  array (
    'line' => 8,
    'text' => 'ALPHANODE POST META',
  ),
  4 => 
  array (
    'line' => 12,
    'text' => '  • stray',
  ),
  5 => 
  array (
    'line' => 13,
    'text' => '•x',
  ),
)
5 unparsed_line not a known meta field; kept in unparsed
6 unparsed_line not a known meta field; kept in unparsed
7 unparsed_line not a known meta field; kept in unparsed
8 unparsed_line not a known meta field; kept in unparsed
12 unparsed_line bullet outside a list; kept in unparsed
13 unparsed_line not a known meta field; kept in unparsed
14 unknown_field scalar field topic has bullets; kept as a list
16 unknown_field scalar field code_language has bullets; kept as a list
-- leading white space of a stray line is kept verbatim
array (
  0 => 
  array (
    'line' => 3,
    'text' => '  	stray indented',
  ),
)
