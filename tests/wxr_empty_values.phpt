--TEST--
Anp\WxrWriter: empty values are <x></x> and <![CDATA[]]>, never self-closed; a header record's empty name or description is left out, "0" is written
--EXTENSIONS--
anp
simplexml
xmlreader
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$path = wxr_tmp('empty.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(array_fill_keys(['title', 'link', 'description', 'pubDate', 'language', 'base_site_url', 'base_blog_url', 'generator', 'created', 'generator_url'], ''));
$w->writeAuthor([]);
$w->writeCategory(['term_id' => 1, 'slug' => 'a', 'name' => '', 'description' => '']);
$w->writeCategory(['term_id' => 2, 'slug' => 'b', 'name' => '0', 'description' => '0']);
$w->writeTag(['term_id' => 3]);
$w->writeTerm(['term_id' => 4, 'name' => '0']);
$w->writeItem([]);
$w->writeItem(['comments' => [[]], 'meta' => [[]], 'categories' => [[]], 'attachment_url' => '']);
$w->finish();
wxr_check_wellformed($path);
$xml = file_get_contents($path);
var_dump(str_contains($xml, '/>'));
preg_match_all('~<([a-zA-Z:_]+)(?: [^>]*)?></\1>~', $xml, $m);
echo implode(' ', array_count_values($m[1]) === [] ? [] : array_keys(array_count_values($m[1]))), "\n";
echo substr_count($xml, '<![CDATA[]]>'), " empty CDATA sections\n";
echo substr_count($xml, '<wp:cat_name>'), " cat_name, ", substr_count($xml, '<wp:category_description>'), " category_description, ", substr_count($xml, '<wp:term_name>'), " term_name, ", substr_count($xml, '<wp:tag_name>'), " tag_name\n";
echo substr_count($xml, '<generator>'), " generator\n";
$items = wxr_load($path)->item;
$one = wxr_item_back($items[0]);
echo json_encode([$one['post_id'], $one['title'], $one['pubDate'], isset($one['attachment_url']), $one['categories'], $one['meta'], $one['comments']]), "\n";
$two = wxr_item_back($items[1]);
echo json_encode([$two['attachment_url'], $two['categories'], $two['meta'], $two['comments'][0]['id'], $two['comments'][0]['author_url']]), "\n";
wxr_cleanup();
?>
--EXPECT--
bool(false)
title link description pubDate language wp:base_site_url wp:base_blog_url guid wp:comment_author_url
51 empty CDATA sections
1 cat_name, 1 category_description, 1 term_name, 0 tag_name
0 generator
["0","","",false,[],[],[]]
["",[{"domain":"","nicename":"","name":""}],[{"key":"","value":""}],"0",""]
