--TEST--
Body: code blocks separated only by blank lines merge (one \n per blank line, whitespace-only lines count as blank), leading white space kept, trailing dropped
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\n\n"
    . "def f():\n"
    . "    return 1   \n"
    . "\n"
    . "\n"
    . "x = 2\n"
    . "  \t \n"
    . "print(x)\n"
    . "\n"
    . "heading between\n"
    . "\n"
    . "y = 3\n"
    . "\n"
    . "\ttabbed line\n"
    . "\t\n"
    . "   \n"
    . "\n"
    . "  indented()\n"
    . "\n"
    . "\n"
    . "alphanode post meta\n"
    . "code languagepython\n";
$r = anp_parse($in);
var_export($r['blocks']);
echo "\n";
echo json_encode(array_column($r['blocks'], 'text')), "\n";
var_export($r['warnings']);
?>
--EXPECT--
array (
  0 => 
  array (
    'type' => 'code',
    'text' => 'def f():
    return 1


x = 2

print(x)',
    'language' => 'python',
  ),
  1 => 
  array (
    'type' => 'heading',
    'text' => 'heading between',
  ),
  2 => 
  array (
    'type' => 'code',
    'text' => 'y = 3

	tabbed line



  indented()',
    'language' => 'python',
  ),
)
["def f():\n    return 1\n\n\nx = 2\n\nprint(x)","heading between","y = 3\n\n\ttabbed line\n\n\n\n  indented()"]
array (
)
