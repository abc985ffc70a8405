--TEST--
Meta: a known scalar key's name alone with bullets under it is a list key; a list key is known only when the line is exactly the key (case aside), a variant spelling is an unknown field
--EXTENSIONS--
anp
--FILE--
<?php
function show(string $meta) {
    $r = anp_parse("T\nalphanode post meta\n" . $meta);
    echo json_encode($r['meta'], JSON_UNESCAPED_UNICODE), "\n";
    echo json_encode($r['unparsed'], JSON_UNESCAPED_UNICODE), "\n";
    foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
}
echo "-- (a) scalar names with bullets: lists shaped by their items, values untyped\n";
show("topic\n  • one\n  • two\nReading Time\n  • 5\nhash\n    • a: 1\n    • a: 2\nsummary\n  • k: v\n");
echo "-- (a) a scalar name with no bullet stays a glued scalar; so does a scalar with its value\n";
show("topic\nreading time\n  \nreading time7\n");
echo "-- (a) the code language as a list gives code blocks no language\n";
$r = anp_parse("T\n\nx = 1;\n\nalphanode post meta\ncode language\n  • python\n");
var_dump($r['blocks'][0]['language'], $r['meta']['code_language']);
echo "-- (b) exact spellings, any case, trimmed: known\n";
show("  AI Outline  \n  • context: x\nIMAGE SOURCES\n    • caption: c\nStack\n  • a: b\n");
echo "-- (b) variant spellings with bullets: unknown fields under the normalized name\n";
show("ai-outline\n  • context: x\nimage_sources\n    • caption: c\nimage  sources\n  • x\nScore:\n  • quality: 9\n");
echo "-- (b) variant spellings with no bullets: unparsed\n";
show("ai-outline\nStack-\nimage_sources\nSCORE\n");
?>
--EXPECT--
-- (a) scalar names with bullets: lists shaped by their items, values untyped
{"topic":["one","two"],"reading_time":["5"],"hash":[{"a":"1"},{"a":"2"}],"summary":{"k":"v"}}
[]
3 unknown_field scalar field topic has bullets; kept as a list
6 unknown_field scalar field reading_time has bullets; kept as a list
8 unknown_field scalar field hash has bullets; kept as a list of objects
11 unknown_field scalar field summary has bullets; kept as a map
-- (a) a scalar name with no bullet stays a glued scalar; so does a scalar with its value
{"topic":"","reading_time":7}
[]
4 bad_int reading_time is not an integer; kept as a string
6 duplicate_field reading_time appears again; the later value wins
-- (a) the code language as a list gives code blocks no language
NULL
array(1) {
  [0]=>
  string(6) "python"
}
-- (b) exact spellings, any case, trimmed: known
{"ai_outline":{"context":"x"},"image_sources":[{"caption":"c"}],"stack":["a: b"]}
[]
-- (b) variant spellings with bullets: unknown fields under the normalized name
{"ai_outline":{"context":"x"},"image_sources":["x"],"score:":{"quality":"9"}}
[]
3 unknown_field unknown field ai_outline; kept as a map
5 unknown_field unknown field image_sources; kept as a list of objects
7 unknown_field unknown field image_sources; kept as a list
7 duplicate_field image_sources appears again; the later value wins
9 unknown_field unknown field score:; kept as a map
-- (b) variant spellings with no bullets: unparsed
{"score":[]}
[{"line":3,"text":"ai-outline"},{"line":4,"text":"Stack-"},{"line":5,"text":"image_sources"}]
3 unparsed_line not a known meta field; kept in unparsed
4 unparsed_line not a known meta field; kept in unparsed
5 unparsed_line not a known meta field; kept in unparsed
