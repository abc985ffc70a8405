--TEST--
Anp\WxrWriter: items-only mode writes the <item> elements and nothing else; the body copied into a document gives the bytes a document writer gives
--EXTENSIONS--
anp
simplexml
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$items = [wxr_item(1), wxr_item(2, ['title' => "a]]>b\x01", 'comments' => [['id' => 3, 'author' => 'A', 'author_email' => '', 'author_url' => 'http://a.test/', 'author_ip' => '::1', 'date' => '2026-12-07 00:00:00', 'date_gmt' => '2026-12-07 00:00:00', 'content' => 'c', 'approved' => '1', 'type' => 'comment', 'parent' => 0, 'user_id' => 1, 'meta' => [['key' => 'k', 'value' => 'v']]]]]), wxr_item(3, ['attachment_url' => 'http://e.test/a.png'])];

$body = wxr_tmp('body.xml');
$w = new Anp\WxrWriter($body, true);
$dropped = 0;
foreach ($items as $item) {
    $dropped += $w->writeItem($item);
}
$totals = $w->finish();
$bytes = file_get_contents($body);
echo $totals['items'], " items, ", $totals['dropped'], " dropped, ", $totals['bytes'] === strlen($bytes) ? 'bytes: the file' : 'OTHER', "\n";
// an item's bytes begin with "\t<item>\n" and end with "\t\t</item>\n\t\t\t\t"
echo json_encode(substr($bytes, 0, 8)), " ", json_encode(substr($bytes, -14)), " ", substr_count($bytes, "\t<item>\n"), "\n";

// the same calls in document mode, and a document made of the header, the
// copied body and the end
$full = wxr_tmp('full.xml');
$d = new Anp\WxrWriter($full);
$d->startChannel(wxr_channel());
$d->writeAuthor(['id' => 1, 'login' => 'admin']);
$d->writeCategory(['term_id' => 1, 'slug' => 'news', 'name' => 'News']);
foreach ($items as $item) {
    $d->writeItem($item);
}
$d->finish();

$copy = wxr_tmp('copy.xml');
$stream = fopen($copy, 'w');
$h = new Anp\WxrWriter($stream);
$h->startChannel(wxr_channel());
$h->writeAuthor(['id' => 1, 'login' => 'admin']);
$h->writeCategory(['term_id' => 1, 'slug' => 'news', 'name' => 'News']);
$h->beginItems();
$in = fopen($body, 'r');
stream_copy_to_stream($in, $stream);
fclose($in);
$t = $h->finish();
fclose($stream);
var_dump(file_get_contents($copy) === file_get_contents($full));
wxr_check_wellformed($copy);
$i = 0;
foreach (wxr_load($copy)->item as $item) {
    $back = wxr_item_back($item);
    $want = $items[$i];
    $want['title'] = str_replace("\x01", '', $want['title']);
    var_dump(wxr_norm($back) === wxr_norm($want));
    $i++;
}
wxr_cleanup();
?>
--EXPECT--
3 items, 1 dropped, bytes: the file
"\t<item>\n" "\t\t<\/item>\n\t\t\t\t" 3
bool(true)
bool(true)
bool(true)
bool(true)
