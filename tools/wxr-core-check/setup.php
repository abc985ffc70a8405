<?php
// Content for the byte check of Anp\WxrWriter against export_wp(): run once.
register_taxonomy('genre', 'post', ['hierarchical' => true, 'public' => true]);
wp_set_current_user(1);
$news = wp_insert_term('News & Views', 'category', ['slug' => 'news', 'description' => 'All the <b>news</b> ]]> here']);
$local = wp_insert_term('Local', 'category', ['slug' => 'local', 'parent' => $news['term_id']]);
add_term_meta($news['term_id'], 'color', 'red');
add_term_meta($news['term_id'], 'arr', ['a' => [1, 2], 'b' => 'x]]>y']);
$aaa = wp_insert_term('Aaa child', 'category', ['slug' => 'aaa', 'parent' => $local['term_id']]);
$php = wp_insert_term('PHP', 'post_tag', ['slug' => 'php', 'description' => 'the language']);
$sf = wp_insert_term('Science fiction', 'genre', ['slug' => 'sf', 'description' => 'far out']);
$sub = wp_insert_term('Space opera', 'genre', ['slug' => 'space-opera', 'parent' => $sf['term_id']]);
add_term_meta($sf['term_id'], 'k', 'v');
$zero = wp_insert_term('Zero', 'post_tag', ['slug' => 'zero-tag']);

$a = wp_insert_post([
    'post_title' => 'Hello ]]> & <world> Zoë 😀',
    'post_content' => "<!-- wp:paragraph -->\n<p>Body with ]]> and &amp; and a raw & and \"quotes\".</p>\n<!-- /wp:paragraph -->",
    'post_excerpt' => 'An excerpt',
    'post_status' => 'publish',
    'post_category' => [$local['term_id']],
    'tags_input' => ['php'],
    'post_date' => '2026-11-30 10:00:00',
], true);
wp_set_object_terms($a, [$sub['term_id']], 'genre');
add_post_meta($a, 'plain', 'value');
add_post_meta($a, 'nested', ['a' => ['b' => ['c' => [1, 2.5, true, null, "x]]>y"]]], 'list' => [[], ['deep' => 'é']]]);
add_post_meta($a, 'empty', '');
stick_post($a);
$b = wp_insert_post(['post_title' => 'A draft', 'post_content' => 'Draft body', 'post_status' => 'draft', 'post_name' => 'a-draft'], true);
add_post_meta($b, '_thumbnail_id', '0');
$c = wp_insert_comment([
    'comment_post_ID' => $a, 'comment_author' => 'Ann', 'comment_author_email' => 'ann@example.test',
    'comment_author_url' => 'http://ann.example.test/', 'comment_author_IP' => '127.0.0.1',
    'comment_content' => 'Nice ]]> post', 'comment_approved' => 1, 'comment_date' => '2026-11-30 11:00:00', 'comment_date_gmt' => '2026-11-30 11:00:00',
]);
add_comment_meta($c, 'rating', '5');
wp_insert_comment(['comment_post_ID' => $a, 'comment_author' => 'Bob', 'comment_content' => 'Reply', 'comment_parent' => $c, 'comment_approved' => 0, 'user_id' => 1]);
$child = wp_insert_post(['post_title' => 'A page child', 'post_type' => 'page', 'post_status' => 'publish', 'post_parent' => 2, 'menu_order' => 3], true);
echo "posts $a $b $child, comment $c\n";
