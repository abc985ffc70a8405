--TEST--
Anp\WxrWriter: the characters XML 1.0 forbids are dropped from every kind of value and counted; TAB, LF, CR and 4-byte UTF-8 stay
--EXTENSIONS--
anp
simplexml
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$forbidden = '';
foreach (array_merge(range(0, 8), [11, 12], range(14, 31)) as $c) {
    $forbidden .= chr($c);
}
$forbidden .= "\u{FFFE}\u{FFFF}";
$n = 29 + 2;
$path = wxr_tmp('forbidden.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel(['description' => "a{$forbidden}b"]));            // plain: 31
$w->writeCategory(['term_id' => 1, 'slug' => 'c', 'name' => "N\x00"]);           // CDATA: 1
$kept = "tab\there lf\nthere cr\rthere 😀 𝄞 \u{10FFFF} \u{FFFD} \u{E000} \u{D7FF}";
$dropped = [];
$dropped[] = $w->writeItem(wxr_item(1, ['content' => "x{$forbidden}y", 'title' => $kept]));
$dropped[] = $w->writeItem(wxr_item(2, [
    'link' => "http://e.test/\x0B?p=2",                                              // plain
    'categories' => [['domain' => "cat\x1Fegory", 'nicename' => "n\x7F\x01", 'name' => "\x02"]], // attributes, CDATA; DEL is allowed
    'meta' => [['key' => "k\x00", 'value' => serialize(["a\x00b"])]],
    'comments' => [['id' => 1, 'author_url' => "http://\x08a.test", 'content' => "\u{FFFF}", 'meta' => [['key' => "\x0C", 'value' => '']]]],
]));
$dropped[] = $w->writeItem(wxr_item(3));
$totals = $w->finish();
echo json_encode($dropped), " ", $totals['dropped'], " = ", array_sum($dropped) + $n + 1, "\n";
wxr_check_wellformed($path);
$raw = file_get_contents($path);
// CR is written raw, as core writes it
var_dump(str_contains($raw, "cr\rthere"));
$channel = wxr_load($path);
var_dump((string) $channel->description === 'ab');
$items = $channel->item;
$one = wxr_item_back($items[0]);
var_dump($one['content'] === 'xy');
// the parser reads a raw CR as LF (XML's end-of-line handling); all else stays
var_dump($one['title'] === str_replace("\r", "\n", $kept));
$two = wxr_item_back($items[1]);
echo bin2hex($two['categories'][0]['nicename']), "\n";
echo json_encode([$two['link'], $two['categories'][0]['domain'], $two['categories'][0]['name'], $two['meta'][0]['key'], $two['comments'][0]['author_url'], $two['comments'][0]['content'], $two['comments'][0]['meta'][0]['key']]), "\n";
// a serialized value with a NUL dropped no longer unserializes: the count says so
var_dump(@unserialize($two['meta'][0]['value']));
wxr_cleanup();
?>
--EXPECT--
[31,9,0] 72 = 72
bool(true)
bool(true)
bool(true)
bool(true)
6e7f
["http:\/\/e.test\/?p=2","category","","k","http:\/\/a.test","",""]
bool(false)
