--TEST--
Anp\WxrWriter: the calls made from a WordPress 6.1.9 site give the bytes its export_wp() wrote (content=all: categories, tags, custom terms with meta, sticky post, draft, serialized meta, comments), whole document and each item
--EXTENSIONS--
anp
--INI--
pcre.jit=0
--FILE--
<?php
// tests/wxr/core-6.1.9-all.xml is export_wp()'s output and
// tests/wxr/core-6.1.9-all-calls.inc the writer calls made from the same
// rows (tools/wxr-core-check/ says how both were made).
$core = file_get_contents(__DIR__ . '/wxr/core-6.1.9-all.xml');
$calls = require __DIR__ . '/wxr/core-6.1.9-all-calls.inc';
$stream = fopen('php://memory', 'w+');
$w = new Anp\WxrWriter($stream);
foreach ($calls as [$method, $arg]) {
    $w->$method($arg);
}
$totals = $w->finish();
rewind($stream);
$anp = stream_get_contents($stream);
$items = function (string $doc): array {
    $start = strpos($doc, "\t<item>\n");
    return preg_split('~(?=\t<item>\n)~', substr($doc, $start, strpos($doc, '</channel>') - $start), -1, PREG_SPLIT_NO_EMPTY);
};
$ci = $items($core);
$ai = $items($anp);
echo count($ci), " items in core's export, ", $totals['items'], " written\n";
foreach ($ci as $i => $chunk) {
    preg_match('~<wp:post_id>(\d+)</wp:post_id>~', $chunk, $m);
    echo "item {$m[1]}: ", ($ai[$i] ?? null) === $chunk ? 'same bytes' : 'DIFFERENT', "\n";
}
echo "header: ", substr($anp, 0, strpos($anp, "\t<item>\n")) === substr($core, 0, strpos($core, "\t<item>\n")) ? 'same bytes' : 'DIFFERENT', "\n";
echo "document: ", $anp === $core ? 'same bytes' : 'DIFFERENT', "\n";
?>
--EXPECT--
6 items in core's export, 6 written
item 1: same bytes
item 2: same bytes
item 3: same bytes
item 4: same bytes
item 5: same bytes
item 6: same bytes
header: same bytes
document: same bytes
