--TEST--
Errors: invalid UTF-8 is an error by default (line and 1-based byte column; first byte error in byte order wins; beats "no title")
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    ["T\nab\xFFc", []],
    ["\xC3", []],
    ["T\r\nok\r\n\xE2\x82x", []],
    ["T\n\xC0\xAF", []],
    ["T\nx\xED\xA0\x80", []],
    ["T\n\xF4\x90\x80\x80", []],
    ["T\n\xE0\x80\x80", []],
    ["\xEF\xBB\xBFa\xFF", []],
    ["T\n\u{1F600}\xF5", []],
    ["T\nab\xFFc", ['invalid_utf8' => 'error']],
    ["T\n\xFF\n\0", []],
    ["T\n\0\n\xFF", []],
    ["T\nok\xE2\x82\0", []],
    ["alphanode post meta\n\xFF", []],
    ["T\n\nalphanode post meta\ntopic\xFE\nSimilar Posts\nfine", []],
    ["T\n\xE2\x82\xAC\xF0\x9F\x98\x80 valid then bad \x80", []],
];
foreach ($cases as [$in, $opt]) {
    try {
        anp_parse($in, $opt);
        echo "no exception\n";
    } catch (Anp\ParseException $e) {
        echo $e->getMessage(), ' | ', $e->getPath(), ' | ', $e->getInputLine(), "\n";
    }
}
?>
--EXPECT--
input:2: invalid UTF-8 at column 3; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:1: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 1
input:3: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 3
input:2: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:2: invalid UTF-8 at column 2; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:2: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:2: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:1: invalid UTF-8 at column 2; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 1
input:2: invalid UTF-8 at column 5; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:2: invalid UTF-8 at column 3; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:2: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:2: NUL byte at column 1; expected UTF-8 text | input | 2
input:2: invalid UTF-8 at column 3; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:2: invalid UTF-8 at column 1; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
input:4: invalid UTF-8 at column 6; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 4
input:2: invalid UTF-8 at column 24; expected UTF-8 text (or the option invalid_utf8 => 'substitute') | input | 2
