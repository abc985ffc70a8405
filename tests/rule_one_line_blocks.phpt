--TEST--
Body: a one-line block is code (code-like, not ending in . ! ?), else heading (at most 80 code points, not ending in . ! ? : , ;), else paragraph
--EXTENSIONS--
anp
--FILE--
<?php
$lines = [
    "x = 1",
    "call(x).",
    "is \$x set?",
    "wow #1!",
    "a; b;",
    "semi;",
    "note:",
    "one, two,",
    "plain heading",
    "Question?",
    "Wow!",
    "a `tick` here",
    "email me@host",
    "less < more",
    "more > less",
    "[x]",
    "{x}",
    "(x)",
    "cost \$5",
    "tag #x",
    "  indented text",
    "\tindented",
    "  indented text.",
    "\tindented?",
    "a = " . str_repeat('b', 100),
    "a = " . str_repeat('b', 100) . "!",
    "x/y - z & w % q ^ ~ * + 'quoted' \"dq\"",
    "ends with colon:",
    "ends with comma,",
    "ends with semicolon but not code-like? no;",
    "ends with ellipsis…",
    "\u{00A0}starts with no-break space",
    "\u{000C}starts with form feed",
];
foreach ($lines as $line) {
    $r = anp_parse("T\n\n" . $line . "\n\nalphanode post meta\n");
    foreach ($r['blocks'] as $b) {
        echo $b['type'], ' ', json_encode($b['text'], JSON_UNESCAPED_SLASHES), "\n";
    }
}
echo "-- length limit (code points)\n";
foreach (['a', "é", "€", "😀"] as $ch) {
    foreach ([79, 80, 81] as $n) {
        $r = anp_parse("T\n\n" . str_repeat($ch, $n) . "\n\nalphanode post meta\n");
        $b = $r['blocks'][0];
        echo strlen($ch), 'x', $n, ' ', $b['type'], ' ', $b['text'] === str_repeat($ch, $n) ? 'same' : 'DIFFERENT', "\n";
    }
}
// trailing white space does not count toward the 80
$r = anp_parse("T\n\n" . str_repeat('h', 80) . "  \t \n\nalphanode post meta\n");
echo $r['blocks'][0]['type'], ' ', strlen($r['blocks'][0]['text']), "\n";
// 81 characters that end in a letter: paragraph
$r = anp_parse("T\n\n" . str_repeat('word ', 16) . "x\n\nalphanode post meta\n");
echo $r['blocks'][0]['type'], ' ', strlen($r['blocks'][0]['text']), "\n";
?>
--EXPECT--
code "x = 1"
paragraph "call(x)."
paragraph "is $x set?"
paragraph "wow #1!"
code "a; b;"
code "semi;"
paragraph "note:"
paragraph "one, two,"
heading "plain heading"
paragraph "Question?"
paragraph "Wow!"
code "a `tick` here"
code "email me@host"
code "less < more"
code "more > less"
code "[x]"
code "{x}"
code "(x)"
code "cost $5"
code "tag #x"
code "  indented text"
code "\tindented"
paragraph "indented text."
paragraph "indented?"
code "a = bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
paragraph "a = bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb!"
heading "x/y - z & w % q ^ ~ * + 'quoted' \"dq\""
paragraph "ends with colon:"
paragraph "ends with comma,"
code "ends with semicolon but not code-like? no;"
heading "ends with ellipsis\u2026"
heading "\u00a0starts with no-break space"
heading "\fstarts with form feed"
-- length limit (code points)
1x79 heading same
1x80 heading same
1x81 paragraph same
2x79 heading same
2x80 heading same
2x81 paragraph same
3x79 heading same
3x80 heading same
3x81 paragraph same
4x79 heading same
4x80 heading same
4x81 paragraph same
heading 80
paragraph 81
