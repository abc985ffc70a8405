--TEST--
Meta: key normalization (trim, ASCII lower case, runs of spaces or "-" become one "_") for field names and item keys
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\nalphanode post meta\n"
    . "AI - Outline\n"
    . "  • Recommended   Action: x\n"
    . "  • last--reviewed: y\n"
    . "  • -edge-: z\n"
    . "  • tab\there: t\n"
    . "  • \u{00C4}\u{00D6} Key: u\n"
    . "  • a - -b: v\n"
    . "  • under_score: w\n"
    . "Image  Sources\n"
    . "    • Caption: c\n"
    . "My-Custom  Field\n"
    . "  • x\n"
    . "\u{00DC}nknown FIELD\n"
    . "  • y\n";
$r = anp_parse($in);
echo json_encode($r['meta'], JSON_PRETTY_PRINT), "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', json_encode($w['message']), "\n";
?>
--EXPECT--
{
    "ai_outline": {
        "recommended_action": "x",
        "last_reviewed": "y",
        "_edge_": "z",
        "tab\there": "t",
        "\u00c4\u00d6_key": "u",
        "a_b": "v",
        "under_score": "w"
    },
    "image_sources": [
        {
            "caption": "c"
        }
    ],
    "my_custom_field": [
        "x"
    ],
    "\u00dcnknown_field": [
        "y"
    ]
}
3 unknown_field "unknown field ai_outline; kept as a map"
11 unknown_field "unknown field image_sources; kept as a list of objects"
13 unknown_field "unknown field my_custom_field; kept as a list"
15 unknown_field "unknown field \u00dcnknown_field; kept as a list"
