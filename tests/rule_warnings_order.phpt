--TEST--
Warnings: sorted by line; on one line invalid_utf8 first, unknown_field before duplicate_field, a value's own warning before duplicate_field
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\n\nalphanode post meta\n"   // 1-3
    . "weird\n"                       // 4
    . "  • k: 1\n"                    // 5
    . "  • k: 2\n"                    // 6
    . "reading time5\n"               // 7
    . "reading time\xFFN\n"           // 8
    . "foo\n"                         // 9
    . "  • a\n"                       // 10
    . "foo\xC0\n"                     // 11 (not a known key: unparsed)
    . "foo\n"                         // 12
    . "  • b\n"                       // 13
    . "flags\n"                       // 14
    . "  • x: maybe\n"                // 15
    . "  • x: \xFF\n"                 // 16
    . "stray \xFF text\n"             // 17
    . "Similar Posts\n"               // 18
    . "\xFF\n";                       // 19
$r = anp_parse($in, ['invalid_utf8' => 'substitute']);
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', json_encode($w['message']), "\n";
echo json_encode([$r['meta'], $r['unparsed'], $r['similar']]), "\n";
$lines = array_column($r['warnings'], 'line');
$sorted = $lines;
sort($sorted);
var_dump($lines === $sorted);
?>
--EXPECT--
4 unknown_field "unknown field weird; kept as a map"
6 duplicate_field "weird.k appears again; the later value wins"
8 invalid_utf8 "invalid UTF-8 replaced with U+FFFD"
8 bad_int "reading_time is not an integer; kept as a string"
8 duplicate_field "reading_time appears again; the later value wins"
9 unknown_field "unknown field foo; kept as a list"
11 invalid_utf8 "invalid UTF-8 replaced with U+FFFD"
11 unparsed_line "not a known meta field; kept in unparsed"
12 unknown_field "unknown field foo; kept as a list"
12 duplicate_field "foo appears again; the later value wins"
15 bad_bool "flags.x is not a boolean; kept as a string"
16 invalid_utf8 "invalid UTF-8 replaced with U+FFFD"
16 bad_bool "flags.x is not a boolean; kept as a string"
16 duplicate_field "flags.x appears again; the later value wins"
17 invalid_utf8 "invalid UTF-8 replaced with U+FFFD"
17 unparsed_line "not a known meta field; kept in unparsed"
19 invalid_utf8 "invalid UTF-8 replaced with U+FFFD"
[{"weird":{"k":"2"},"reading_time":"\ufffdN","foo":["b"],"flags":{"x":"\ufffd"}},[{"line":11,"text":"foo\ufffd"},{"line":17,"text":"stray \ufffd text"}],["\ufffd"]]
bool(true)
