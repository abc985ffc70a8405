--TEST--
Body: a block of several lines with no code-like line is a paragraph: lines trimmed, joined with one space
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    "first line of text,\nsecond line.\nthird",
    "trailing   \t\nspaces\t",
    "short\nlines",
    "a\n\x0C\nb",
    "a\n\u{00A0}\nb",
    "  • a bullet\nthen plain text",
    "plain text\n  • then a bullet",
    "• ok\n•x",
    "ends with\nno punctuation at all",
];
foreach ($cases as $body) {
    $r = anp_parse("T\n\n" . $body . "\n\nalphanode post meta\n");
    echo json_encode($r['blocks'], JSON_UNESCAPED_SLASHES), "\n";
}
?>
--EXPECT--
[{"type":"paragraph","text":"first line of text, second line. third"}]
[{"type":"paragraph","text":"trailing spaces"}]
[{"type":"paragraph","text":"short lines"}]
[{"type":"paragraph","text":"a \f b"}]
[{"type":"paragraph","text":"a \u00a0 b"}]
[{"type":"paragraph","text":"\u2022 a bullet then plain text"}]
[{"type":"paragraph","text":"plain text \u2022 then a bullet"}]
[{"type":"paragraph","text":"\u2022 ok \u2022x"}]
[{"type":"paragraph","text":"ends with no punctuation at all"}]
