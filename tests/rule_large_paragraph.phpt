--TEST--
Volume: a 200 KB one-line paragraph and a 200 KB multi-line paragraph keep their full text
--EXTENSIONS--
anp
--FILE--
<?php
$line = str_repeat("abcdefghi ", 20480) . "end.";
$r = anp_parse("T\n\n" . $line . "\n\nalphanode post meta\n");
var_dump(count($r['blocks']), $r['blocks'][0]['type'], strlen($r['blocks'][0]['text']), $r['blocks'][0]['text'] === $line);

$lines = [];
for ($i = 0; $i < 2048; $i++) $lines[] = rtrim(str_repeat("abcdefghi ", 10));
$r = anp_parse("T\n\n" . implode("\n", $lines) . "\n\nalphanode post meta\n");
var_dump(count($r['blocks']), $r['blocks'][0]['type'], strlen($r['blocks'][0]['text']), $r['blocks'][0]['text'] === implode(' ', $lines));

// no limit on a single heading-like line without punctuation: over 80 code points it is a paragraph
$long = str_repeat("word ", 40960) . "last";
$r = anp_parse("T\n\n" . $long . "\n\nalphanode post meta\n");
var_dump($r['blocks'][0]['type'], strlen($r['blocks'][0]['text']), $r['warnings']);
?>
--EXPECT--
int(1)
string(9) "paragraph"
int(204804)
bool(true)
int(1)
string(9) "paragraph"
int(204799)
bool(true)
string(9) "paragraph"
int(204804)
array(0) {
}
