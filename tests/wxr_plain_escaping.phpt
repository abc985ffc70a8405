--TEST--
Anp\WxrWriter: plain fields are written as WordPress escaped them, only what would leave the XML ill-formed is escaped; attributes are escaped in full
--EXTENSIONS--
anp
simplexml
xmlreader
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$plain = [
    'http://e.test/?post_type=book&#038;p=10',   // esc_url()
    'Tom &#38; Jerry&#039;s &#60;b&#62;',          // ent2ncr()
    'a &amp; &lt; &gt; &quot; &apos; b',
    'http://a.test/?x=1&y=2',                      // a bare & (comment_author_url)
    '&',
    '&;',
    '&#;',
    '&#x;',
    '&#xZ;',
    '&#1;',                                        // not a character XML allows
    '&#x10FFFF;',
    '&#x110000;',
    '&#99999999999999999999;',
    '&#65',
    '&nbsp;',                                      // not an XML entity
    '&AMP;',
    '&#X41;',                                      // XML writes x, not X
    'a<b>c',
    "&am\x01p;",                                   // a dropped character joins a reference
    '"quotes" and \'apostrophes\'',
];
$path = wxr_tmp('plain.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
foreach ($plain as $i => $v) {
    $w->writeItem(wxr_item($i + 1, ['link' => $v, 'comments' => [['id' => 1, 'author_url' => $v]],
        'categories' => [['domain' => "a&b<c>d\"e'f\tg\nh\ri", 'nicename' => $v, 'name' => 'n']]]));
}
$w->finish();
wxr_check_wellformed($path);
$xml = file_get_contents($path);
preg_match_all('~<link>(.*?)</link>~', $xml, $links);
preg_match_all('~<wp:comment_author_url>(.*?)</wp:comment_author_url>~', $xml, $urls);
preg_match_all('~<category domain="([^"]*)" nicename="([^"]*)">~', $xml, $attrs);
array_shift($links[1]);
foreach ($plain as $i => $v) {
    printf("%-28s %s%s\n", json_encode($v), $links[1][$i], $urls[1][$i] === $links[1][$i] ? '' : ' (author_url differs)');
}
echo $attrs[1][0], "\n", $attrs[2][3], "\n";
// what a parser reads from the attributes is what was given
$item = wxr_item_back(wxr_load($path)->item[3]);
var_dump($item['categories'][0]['domain'] === "a&b<c>d\"e'f\tg\nh\ri", $item['categories'][0]['nicename'] === $plain[3]);
wxr_cleanup();
?>
--EXPECT--
"http:\/\/e.test\/?post_type=book&#038;p=10" http://e.test/?post_type=book&#038;p=10
"Tom &#38; Jerry&#039;s &#60;b&#62;" Tom &#38; Jerry&#039;s &#60;b&#62;
"a &amp; &lt; &gt; &quot; &apos; b" a &amp; &lt; &gt; &quot; &apos; b
"http:\/\/a.test\/?x=1&y=2"  http://a.test/?x=1&amp;y=2
"&"                          &amp;
"&;"                         &amp;;
"&#;"                        &amp;#;
"&#x;"                       &amp;#x;
"&#xZ;"                      &amp;#xZ;
"&#1;"                       &amp;#1;
"&#x10FFFF;"                 &#x10FFFF;
"&#x110000;"                 &amp;#x110000;
"&#99999999999999999999;"    &amp;#99999999999999999999;
"&#65"                       &amp;#65
"&nbsp;"                     &amp;nbsp;
"&AMP;"                      &amp;AMP;
"&#X41;"                     &amp;#X41;
"a<b>c"                      a&lt;b&gt;c
"&am\u0001p;"                &amp;
"\"quotes\" and 'apostrophes'" "quotes" and 'apostrophes'
a&amp;b&lt;c&gt;d&quot;e'f&#9;g&#10;h&#13;i
http://a.test/?x=1&amp;y=2
bool(true)
bool(true)
