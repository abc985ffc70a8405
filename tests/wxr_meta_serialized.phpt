--TEST--
Anp\WxrWriter: a nested array meta value, serialize()d, reads back equal after unserialize(), "]]>" and multibyte text inside included
--EXTENSIONS--
anp
simplexml
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$value = [
    'a' => ['b' => ['c' => [1, 2.5, true, null, 'x]]>y', "quote\"'<>&", 'Zoë 😀']]],
    'list' => [[], [[]], ['k' => ['deep' => ['deeper' => ']]]>']]]],
    7 => "tab\tand\nnewline",
];
$path = wxr_tmp('meta.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
$w->writeCategory(['term_id' => 1, 'slug' => 'c', 'meta' => [['key' => 'nested', 'value' => serialize($value)]]]);
$w->writeItem(wxr_item(1, [
    'meta' => [['key' => 'nested', 'value' => serialize($value)], ['key' => 'double', 'value' => serialize(serialize($value))]],
    'comments' => [['id' => 1, 'meta' => [['key' => 'nested', 'value' => serialize($value)]]]],
]));
$w->finish();
wxr_check_wellformed($path);
$channel = wxr_load($path);
$item = wxr_item_back($channel->item[0]);
var_dump(unserialize($item['meta'][0]['value']) === $value);
var_dump(unserialize(unserialize($item['meta'][1]['value'])) === $value);
var_dump(unserialize($item['comments'][0]['meta'][0]['value']) === $value);
var_dump(unserialize((string) $channel->children(WXR_NS_WP)->category->termmeta->meta_value) === $value);
wxr_cleanup();
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
