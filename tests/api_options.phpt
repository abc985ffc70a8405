--TEST--
Options: unknown keys and wrong types are refused before parsing
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    ['max_bytes' => '10'],
    ['max_bytes' => 1.5],
    ['max_bytes' => 0],
    ['max_bytes' => -1],
    ['invalid_utf8' => true],
    ['invalid_utf8' => 'ignore'],
    ['maxbytes' => 10],
    [0 => 'substitute'],
];
foreach ($cases as $options) {
    try {
        anp_parse("title\n", $options);
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    anp_parse_file(__FILE__, ['nope' => 1]);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(anp_parse("title", ['max_bytes' => 5, 'invalid_utf8' => 'error'])['title']);
var_dump(anp_parse("ti\xFFtle", ['invalid_utf8' => 'substitute'])['title']);
?>
--EXPECT--
TypeError: anp_parse(): Option "max_bytes" must be of type int, string given
TypeError: anp_parse(): Option "max_bytes" must be of type int, float given
ValueError: anp_parse(): Option "max_bytes" must be greater than 0
ValueError: anp_parse(): Option "max_bytes" must be greater than 0
TypeError: anp_parse(): Option "invalid_utf8" must be of type string, bool given
ValueError: anp_parse(): Option "invalid_utf8" must be "error" or "substitute"
ValueError: anp_parse(): Argument #2 ($options) has an unknown option "maxbytes"
ValueError: anp_parse(): Argument #2 ($options) has an unknown option "0"
ValueError: anp_parse_file(): Argument #2 ($options) has an unknown option "nope"
string(5) "title"
string(8) "ti�tle"
