--TEST--
Anp\WxrWriter: invalid UTF-8 anywhere in a record is a WxrException naming the field and the byte offset, and nothing of that record is written
--EXTENSIONS--
anp
simplexml
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$bad = [
    'overlong' => "\xC0\xAF",
    'overlong 3' => "\xE0\x80\xAF",
    'surrogate' => "\xED\xA0\x80",
    'over U+10FFFF' => "\xF4\x90\x80\x80",
    '5-byte form' => "\xF8\x88\x80\x80\x80",
    'stray continuation' => "\x80",
    'missing continuation' => "\xC3(",
    'truncated at the end' => "\xE2\x82",
    'FF' => "\xFF",
];
$path = wxr_tmp('utf8.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
$w->writeItem(wxr_item(1));
$before = $w->bytes();
$cases = [];
foreach ($bad as $name => $bytes) {
    $cases[] = [$name, 'content', wxr_item(2, ['content' => "café $bytes"])];
}
$cases[] = ['', 'title', wxr_item(2, ['title' => "\xE9"])];
$cases[] = ['', 'link', wxr_item(2, ['link' => "http://e.test/\xE9"])];
$cases[] = ['', 'meta[1].value', wxr_item(2, ['meta' => [['key' => 'a', 'value' => 'b'], ['key' => 'k', 'value' => serialize(["\xE9"])]]])];
$cases[] = ['', 'categories[0].nicename', wxr_item(2, ['categories' => [['domain' => 'category', 'nicename' => "\xE9", 'name' => 'x']]])];
$cases[] = ['', 'comments[1].meta[0].key', wxr_item(2, ['comments' => [['id' => 1], ['id' => 2, 'meta' => [['key' => "ab\xE9", 'value' => '']]]]])];
$cases[] = ['', 'comments[0].author_url', wxr_item(2, ['comments' => [['id' => 1, 'author_url' => "\xE9"]]])];
// the last field of the item: everything before it passed the check
$cases[] = ['', 'comments[0].meta[0].value', wxr_item(2, ['comments' => [['id' => 1, 'meta' => [['key' => 'k', 'value' => "\xE9"]]]]])];
foreach ($cases as [$name, $field, $item]) {
    try {
        $w->writeItem($item);
        echo "$name: written\n";
    } catch (Anp\WxrException $e) {
        echo ($name ? "$name: " : ''), get_class($e), " field=", $e->field, " message=", $e->getMessage(), $e->field === $field ? '' : " (expected $field)", "\n";
    }
    if ($w->bytes() !== $before) {
        echo "  bytes were written\n";
    }
}
// header records: nothing of them written either
try {
    $w2 = new Anp\WxrWriter(wxr_tmp('utf8-header.xml'));
    $w2->startChannel(wxr_channel(['language' => "en\xFF"]));
} catch (Anp\WxrException $e) {
    echo $e->field, ": ", $e->getMessage(), ", ", $w2->bytes(), " bytes\n";
}
$w2->startChannel(wxr_channel());
$b = $w2->bytes();
foreach ([['writeAuthor', ['id' => 1, 'display_name' => "\xC3"]], ['writeCategory', ['term_id' => 1, 'slug' => 'a', 'meta' => [['key' => "\xC3", 'value' => '']]]], ['writeTag', ['term_id' => 1, 'description' => "\xC3"]], ['writeTerm', ['term_id' => 1, 'taxonomy' => "\xC3"]]] as [$call, $record]) {
    try {
        $w2->$call($record);
    } catch (Anp\WxrException $e) {
        echo "$call: ", $e->field, ": ", $e->getMessage(), $w2->bytes() === $b ? '' : ' (bytes written)', "\n";
    }
}
$w2->finish();
// the writer goes on after a refused item
$w->writeItem(wxr_item(3));
$w->finish();
wxr_check_wellformed($path);
foreach (wxr_load($path)->item as $item) {
    echo (string) $item->title, "\n";
}
wxr_cleanup();
?>
--EXPECT--
overlong: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
overlong 3: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
surrogate: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
over U+10FFFF: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
5-byte form: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
stray continuation: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
missing continuation: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
truncated at the end: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
FF: Anp\WxrException field=content message=invalid UTF-8 in content at byte 6
Anp\WxrException field=title message=invalid UTF-8 in title at byte 0
Anp\WxrException field=link message=invalid UTF-8 in link at byte 14
Anp\WxrException field=meta[1].value message=invalid UTF-8 in meta[1].value at byte 14
Anp\WxrException field=categories[0].nicename message=invalid UTF-8 in categories[0].nicename at byte 0
Anp\WxrException field=comments[1].meta[0].key message=invalid UTF-8 in comments[1].meta[0].key at byte 2
Anp\WxrException field=comments[0].author_url message=invalid UTF-8 in comments[0].author_url at byte 0
Anp\WxrException field=comments[0].meta[0].value message=invalid UTF-8 in comments[0].meta[0].value at byte 0
channel.language: invalid UTF-8 in channel.language at byte 2, 0 bytes
writeAuthor: author.display_name: invalid UTF-8 in author.display_name at byte 0
writeCategory: category.meta[0].key: invalid UTF-8 in category.meta[0].key at byte 0
writeTag: tag.description: invalid UTF-8 in tag.description at byte 0
writeTerm: term.taxonomy: invalid UTF-8 in term.taxonomy at byte 0
Post 1
Post 3
