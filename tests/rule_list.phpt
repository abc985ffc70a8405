--TEST--
Body: a list block is one where every line is a bullet (spaces, "•", end of line or one space); items trimmed, empty item kept as ''
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    "• first\n  • second  \n    •   third\n•\n  •   \n• a: b\n• (code-like) = x;",
    "•  two spaces",
    "•x",
    "• ok\n•x",
    "  • a\nb = 1",
    "\t• tab",
    "•\tx",
    "  •\n  •",
    "\t• tab\n  • space",
];
foreach ($cases as $body) {
    $r = anp_parse("T\n\n" . $body . "\n\nalphanode post meta\n");
    echo json_encode($r['blocks'], JSON_UNESCAPED_SLASHES), "\n";
}
var_export(anp_parse("T\n\n  • one\n  •\n  • three\n\nalphanode post meta")['blocks']);
?>
--EXPECT--
[{"type":"list","items":["first","second","third","","","a: b","(code-like) = x;"]}]
[{"type":"list","items":["two spaces"]}]
[{"type":"heading","text":"\u2022x"}]
[{"type":"paragraph","text":"\u2022 ok \u2022x"}]
[{"type":"code","text":"  \u2022 a\nb = 1","language":null}]
[{"type":"code","text":"\t\u2022 tab","language":null}]
[{"type":"heading","text":"\u2022\tx"}]
[{"type":"list","items":["",""]}]
[{"type":"code","text":"\t\u2022 tab\n  \u2022 space","language":null}]
array (
  0 => 
  array (
    'type' => 'list',
    'items' => 
    array (
      0 => 'one',
      1 => '',
      2 => 'three',
    ),
  ),
)
