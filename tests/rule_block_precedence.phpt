--TEST--
Body: classification order list > image > code/paragraph; only code blocks separated by blank lines merge
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    // a two-line all-bullet block that looks like an image pair is a list
    "• a\n• a. image source: x",
    // an image pair whose caption is code-like is still an image
    "f(x) = 1\nf(x) = 1. image source: src",
    // three lines with one code-like line: code, whole block
    "plain\nx = 1\nplain again.",
    // code, then a list, then code: no merging across the list
    "a = 1\n\n• item\n\nb = 2",
    // code, then a one-line code-like paragraph (ends in '.'), then code: no merging
    "a = 1\n\nb = 2.\n\nc = 3",
    // code, image, code
    "a = 1\n\ncap\ncap. image source: s\n\nb = 2",
    // source keeps everything after the first ". image source: "
    "cap\ncap. image source: b. image source: c",
];
foreach ($cases as $body) {
    $r = anp_parse("T\n\n" . $body . "\n\nalphanode post meta\n");
    echo json_encode($r['blocks'], JSON_UNESCAPED_SLASHES), "\n";
}
?>
--EXPECT--
[{"type":"list","items":["a","a. image source: x"]}]
[{"type":"image","alt":"f(x) = 1","source":"src","url":null}]
[{"type":"code","text":"plain\nx = 1\nplain again.","language":null}]
[{"type":"code","text":"a = 1","language":null},{"type":"list","items":["item"]},{"type":"code","text":"b = 2","language":null}]
[{"type":"code","text":"a = 1","language":null},{"type":"paragraph","text":"b = 2."},{"type":"code","text":"c = 3","language":null}]
[{"type":"code","text":"a = 1","language":null},{"type":"image","alt":"cap","source":"s","url":null},{"type":"code","text":"b = 2","language":null}]
[{"type":"image","alt":"cap","source":"b. image source: c","url":null}]
