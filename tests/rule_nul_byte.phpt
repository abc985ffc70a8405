--TEST--
Errors: a NUL byte anywhere is an error (line, byte column); it beats "no title" and applies in substitute mode too
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    ["ti\0tle", []],
    ["\0", []],
    ["T\r\n\r\nab\0", []],
    ["T\r\rab\0", []],
    ["alphanode post meta\n\0", []],
    ["   \n\n|\n\0", []],
    ["\xEF\xBB\xBF\0", []],
    ["\xEF\xBB\xBFab\0", []],
    ["T\n\nalphanode post meta\nSimilar Posts\nx\0", []],
    ["\xFF\0", ['invalid_utf8' => 'substitute']],
    ["T\n\xE2\x82\xAC\0", ['invalid_utf8' => 'substitute']],
    ["T\nx\0\0", []],
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
input:1: NUL byte at column 3; expected UTF-8 text | input | 1
input:1: NUL byte at column 1; expected UTF-8 text | input | 1
input:3: NUL byte at column 3; expected UTF-8 text | input | 3
input:3: NUL byte at column 3; expected UTF-8 text | input | 3
input:2: NUL byte at column 1; expected UTF-8 text | input | 2
input:4: NUL byte at column 1; expected UTF-8 text | input | 4
input:1: NUL byte at column 1; expected UTF-8 text | input | 1
input:1: NUL byte at column 3; expected UTF-8 text | input | 1
input:5: NUL byte at column 2; expected UTF-8 text | input | 5
input:1: NUL byte at column 2; expected UTF-8 text | input | 1
input:2: NUL byte at column 4; expected UTF-8 text | input | 2
input:2: NUL byte at column 2; expected UTF-8 text | input | 2
