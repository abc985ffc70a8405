--TEST--
Anp\WxrWriter: a whole document (channel, author, category, tag, term, items with categories, meta, comments) is well-formed and reads back field by field
--EXTENSIONS--
anp
simplexml
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$path = wxr_tmp('document.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
$w->writeAuthor(['id' => 1, 'login' => 'admin', 'email' => 'admin@example.test', 'display_name' => 'Zoë &amp; Co', 'first_name' => 'Zoë', 'last_name' => 'Ünal']);
$w->writeAuthor(['id' => '2', 'login' => 'editor', 'email' => 'e@example.test', 'display_name' => 'Ed']);
$w->writeCategory(['term_id' => 3, 'slug' => 'news', 'parent' => '', 'name' => 'News', 'description' => 'All the news', 'meta' => [['key' => 'color', 'value' => 'red']]]);
$w->writeCategory(['term_id' => 4, 'slug' => 'local', 'parent' => 'news', 'name' => 'Local']);
$w->writeTag(['term_id' => 5, 'slug' => 'php', 'name' => 'PHP', 'description' => 'the language']);
$w->writeTerm(['term_id' => 6, 'taxonomy' => 'genre', 'slug' => 'sf', 'parent' => '', 'name' => 'Science fiction', 'description' => 'far out', 'meta' => [['key' => 'k', 'value' => 'v']]]);
$items = [
    wxr_item(10, [
        'title' => 'Hello <b>world</b> & more',
        'content' => "<p>Zoë 😀 \"quoted\" 'single' &amp; raw &</p>",
        'excerpt' => 'An excerpt',
        'categories' => [
            ['domain' => 'category', 'nicename' => 'news', 'name' => 'News'],
            ['domain' => 'post_tag', 'nicename' => 'php', 'name' => 'PHP'],
            ['domain' => 'genre', 'nicename' => 'sf', 'name' => 'Science fiction'],
        ],
        'meta' => [['key' => '_edit_last', 'value' => '1'], ['key' => 'empty', 'value' => '']],
        'comments' => [[
            'id' => 7, 'author' => 'Ann', 'author_email' => 'ann@example.test', 'author_url' => 'http://ann.example.test/',
            'author_ip' => '127.0.0.1', 'date' => '2026-12-07 01:30:00', 'date_gmt' => '2026-12-07 01:30:00',
            'content' => 'Nice post', 'approved' => '1', 'type' => 'comment', 'parent' => 0, 'user_id' => 0,
            'meta' => [['key' => 'rating', 'value' => '5']],
        ], [
            'id' => 8, 'author' => 'Bob', 'author_email' => '', 'author_url' => '', 'author_ip' => '',
            'date' => '2026-12-07 01:31:00', 'date_gmt' => '2026-12-07 01:31:00', 'content' => 'Reply',
            'approved' => '0', 'type' => 'comment', 'parent' => 7, 'user_id' => 2, 'meta' => [],
        ]],
    ]),
    wxr_item(11, ['status' => 'draft', 'pubDate' => '', 'post_date_gmt' => '0000-00-00 00:00:00', 'is_sticky' => 1, 'menu_order' => -3, 'post_parent' => 10, 'post_password' => 'secret']),
    wxr_item(12, ['post_type' => 'attachment', 'attachment_url' => 'http://example.test/wp-content/uploads/a.png', 'categories' => [], 'meta' => []]),
];
foreach ($items as $item) {
    $w->writeItem($item);
}
$bytes = $w->bytes();
$totals = $w->finish();
clearstatcache();
var_dump($totals === ['items' => 3, 'bytes' => filesize($path), 'dropped' => 0], $bytes + strlen("</channel>\n</rss>\n\t") === filesize($path));
wxr_check_wellformed($path);

$channel = wxr_load($path);
$wp = $channel->children(WXR_NS_WP);
// the plain channel fields are written as WordPress escaped them
echo (string) $channel->title, "|", (string) $channel->link, "|", (string) $channel->language, "|", (string) $wp->wxr_version, "|", (string) $wp->base_site_url, "|", (string) $channel->generator, "\n";
foreach ($wp->author as $a) {
    echo implode('|', [(string) $a->author_id, (string) $a->author_login, (string) $a->author_email, (string) $a->author_display_name, (string) $a->author_first_name, (string) $a->author_last_name]), "\n";
}
foreach ($wp->category as $c) {
    echo implode('|', [(string) $c->term_id, (string) $c->category_nicename, (string) $c->category_parent, (string) $c->cat_name, (string) $c->category_description, (string) $c->termmeta->meta_key, (string) $c->termmeta->meta_value]), "\n";
}
echo implode('|', [(string) $wp->tag->term_id, (string) $wp->tag->tag_slug, (string) $wp->tag->tag_name, (string) $wp->tag->tag_description]), "\n";
echo implode('|', [(string) $wp->term->term_id, (string) $wp->term->term_taxonomy, (string) $wp->term->term_slug, (string) $wp->term->term_parent, (string) $wp->term->term_name, (string) $wp->term->term_description, (string) $wp->term->termmeta->meta_value]), "\n";
$i = 0;
foreach ($channel->item as $item) {
    $back = wxr_item_back($item);
    var_dump(wxr_norm($back) === wxr_norm($items[$i]));
    $i++;
}
echo $i, " items\n";
wxr_cleanup();
?>
--EXPECT--
bool(true)
bool(true)
Tom & Jerry's|http://example.test|en-US|1.2|http://example.test|https://wordpress.org/?v=6.1.9
1|admin|admin@example.test|Zoë &amp; Co|Zoë|Ünal
2|editor|e@example.test|Ed||
3|news||News|All the news|color|red
4|local|news|Local|||
5|php|PHP|the language
6|genre|sf||Science fiction|far out|v
bool(true)
bool(true)
bool(true)
3 items
