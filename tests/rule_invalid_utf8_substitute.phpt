--TEST--
Text layer: invalid_utf8 => 'substitute' replaces each maximal subpart with U+FFFD and records one invalid_utf8 warning per line
--EXTENSIONS--
anp
--FILE--
<?php
$opt = ['invalid_utf8' => 'substitute'];
$cases = [
    "a\xE0\x80b",
    "a\xF0\x9F\x98b",
    "a\xF0\x9F\x98",
    "a\xED\xA0\x80b",
    "a\xC0\xAFb",
    "a\xC1\xBFb",
    "a\xF4\x90\x80\x80b",
    "a\xF5b",
    "a\xFF\xFEb",
    "a\x80\x80b",
    "a\xE2\x82b",
    "a\xE2\x82\xACb",
    "a\xF0\x90\x80b",
    "a\xF0\x80b",
    "a\xC3",
    "\xE1\x80\xE1\x80\x80",
    "a\xE0\xA0b",
    "a\xED\x9F\xBFb",
    "a\xF4\x8F\xBF\xBFb",
    "a\xC3\xC3\xA9b",
];
foreach ($cases as $title) {
    $r = anp_parse($title . "\nalphanode post meta", $opt);
    echo bin2hex($title), ' => ', json_encode($r['title']), ' ', json_encode($r['warnings']), "\n";
}
echo "-- one warning per line, on its line; other lines untouched\n";
$in = "T\n\n\xFF\xFF x \xC0\nline two \xFF\nfine\n\nalphanode post meta\ntopic\xE0\x80\n  \xFF\nSimilar Posts\n\xE2\x82 \xE2";
$r = anp_parse($in, $opt);
echo json_encode([$r['blocks'], $r['meta'], $r['similar'], $r['unparsed']]), "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
echo "-- invalid_utf8 comes before no_meta on the same line\n";
$r = anp_parse("T\n\nbody \xFF", $opt);
echo json_encode([$r['blocks'], $r['warnings']]), "\n";
echo "-- the 80 code point limit counts each U+FFFD as one\n";
foreach (["\xFF", "\xE0\x80"] as $bad) {
    foreach ([80, 81] as $n) {
        $r = anp_parse("T\n\n" . substr(str_repeat($bad, $n), 0, $n) . "\n\nalphanode post meta", $opt);
        echo $r['blocks'][0]['type'], ' ', $r['blocks'][0]['text'] === str_repeat("\u{FFFD}", $n) ? 'all U+FFFD' : 'OTHER', ' ', count($r['warnings']), "\n";
    }
}
echo "-- a subpart never crosses a line ending\n";
$r = anp_parse("a\xE2\nb\xE2\r\x82\xAC\nalphanode post meta", $opt);
echo json_encode([$r['title'], $r['blocks'], array_column($r['warnings'], 'line')]), "\n";
echo "-- a title made only of an invalid byte is still a title\n";
$r = anp_parse("\xFF\nalphanode post meta", $opt);
echo json_encode([$r['title'], $r['warnings']]), "\n";
?>
--EXPECT--
61e08062 => "a\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61f09f9862 => "a\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61f09f98 => "a\ufffd" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61eda08062 => "a\ufffd\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61c0af62 => "a\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61c1bf62 => "a\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61f490808062 => "a\ufffd\ufffd\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61f562 => "a\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61fffe62 => "a\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61808062 => "a\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61e28262 => "a\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61e282ac62 => "a\u20acb" []
61f0908062 => "a\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61f08062 => "a\ufffd\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61c3 => "a\ufffd" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
e180e18080 => "\ufffd\u1000" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61e0a062 => "a\ufffdb" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
61ed9fbf62 => "a\ud7ffb" []
61f48fbfbf62 => "a\udbff\udfffb" []
61c3c3a962 => "a\ufffd\u00e9b" [{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]
-- one warning per line, on its line; other lines untouched
[[{"type":"paragraph","text":"\ufffd\ufffd x \ufffd line two \ufffd fine"}],{"topic":"\ufffd\ufffd"},["\ufffd \ufffd"],[{"line":9,"text":"  \ufffd"}]]
3 invalid_utf8 invalid UTF-8 replaced with U+FFFD
4 invalid_utf8 invalid UTF-8 replaced with U+FFFD
8 invalid_utf8 invalid UTF-8 replaced with U+FFFD
9 invalid_utf8 invalid UTF-8 replaced with U+FFFD
9 unparsed_line not a known meta field; kept in unparsed
11 invalid_utf8 invalid UTF-8 replaced with U+FFFD
-- invalid_utf8 comes before no_meta on the same line
[[{"type":"heading","text":"body \ufffd"}],[{"line":3,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"},{"line":3,"code":"no_meta","message":"no \"alphanode post meta\" marker; meta is empty"}]]
-- the 80 code point limit counts each U+FFFD as one
heading all U+FFFD 1
paragraph all U+FFFD 1
heading all U+FFFD 1
paragraph all U+FFFD 1
-- a subpart never crosses a line ending
["a\ufffd",[{"type":"paragraph","text":"b\ufffd \ufffd\ufffd"}],[1,2,3]]
-- a title made only of an invalid byte is still a title
["\ufffd",[{"line":1,"code":"invalid_utf8","message":"invalid UTF-8 replaced with U+FFFD"}]]
