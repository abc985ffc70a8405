--TEST--
Anp\WxrWriter: "]]>" is cut as wxr_cdata() cuts it (at the start, at the end, twice, alone, "]]]>"), and every such value reads back unchanged
--EXTENSIONS--
anp
simplexml
xmlreader
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$cases = [']]>x', 'x]]>', 'a]]>b]]>c', ']]>', ']]]>', ']]>]]>', ']]', ']>', '>]]', "]\x01]>", ''];
$path = wxr_tmp('cdata.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
foreach ($cases as $i => $title) {
    $w->writeItem(wxr_item($i + 1, ['title' => $title, 'meta' => [['key' => $title, 'value' => $title]]]));
}
$w->finish();
wxr_check_wellformed($path);
$xml = file_get_contents($path);
preg_match_all('~<title>(.*?)</title>~s', $xml, $m);
array_shift($m[1]); // the channel's
foreach ($cases as $i => $title) {
    // core: '<![CDATA[' . str_replace(']]>', ']]]]><![CDATA[>', $str) . ']]>' (without the dropped \x01)
    $core = '<![CDATA[' . str_replace(']]>', ']]]]><![CDATA[>', str_replace("\x01", '', $title)) . ']]>';
    printf("%-12s %s %s\n", json_encode($title), $m[1][$i], $m[1][$i] === $core ? 'as core' : 'NOT AS CORE');
}
$i = 0;
foreach (wxr_load($path)->item as $item) {
    $back = wxr_item_back($item);
    $want = str_replace("\x01", '', $cases[$i]);
    var_dump($back['title'] === $want && $back['meta'][0]['key'] === $want && $back['meta'][0]['value'] === $want);
    $i++;
}
wxr_cleanup();
?>
--EXPECT--
"]]>x"       <![CDATA[]]]]><![CDATA[>x]]> as core
"x]]>"       <![CDATA[x]]]]><![CDATA[>]]> as core
"a]]>b]]>c"  <![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]> as core
"]]>"        <![CDATA[]]]]><![CDATA[>]]> as core
"]]]>"       <![CDATA[]]]]]><![CDATA[>]]> as core
"]]>]]>"     <![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]> as core
"]]"         <![CDATA[]]]]> as core
"]>"         <![CDATA[]>]]> as core
">]]"        <![CDATA[>]]]]> as core
"]\u0001]>"  <![CDATA[]]]]><![CDATA[>]]> as core
""           <![CDATA[]]> as core
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
