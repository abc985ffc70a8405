--TEST--
Text layer: a leading BOM is dropped; a BOM anywhere else (including a second one at the start) is content
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    "\xEF\xBB\xBFTitle\n\nalphanode post meta",
    "\xEF\xBB\xBF\xEF\xBB\xBFTitle\n\nalphanode post meta",
    "\xEF\xBB\xBF\n\n  Title\n\nalphanode post meta",
    "\xEF\xBB\xBF|\nTitle\n\nalphanode post meta",
    "Title\n\n\xEF\xBB\xBFbody\n\nalphanode post meta",
    "Title\n\xEF\xBB\xBF\nmore\n\nalphanode post meta",
    "Title\n\nalphanode post meta\n\xEF\xBB\xBFtopicx",
    "\xEF\xBB\xBFalphanode post meta",
];
foreach ($cases as $in) {
    try {
        $r = anp_parse($in);
        echo json_encode([$r['title'], $r['blocks'], $r['meta'], $r['unparsed']]), "\n";
    } catch (Anp\ParseException $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
["Title",[],[],[]]
["\ufeffTitle",[],[],[]]
["Title",[],[],[]]
["Title",[],[],[]]
["Title",[{"type":"heading","text":"\ufeffbody"}],[],[]]
["Title",[{"type":"paragraph","text":"\ufeff more"}],[],[]]
["Title",[],[],[{"line":4,"text":"\ufefftopicx"}]]
input:1: no title; expected a line that is not blank, chrome or a marker
