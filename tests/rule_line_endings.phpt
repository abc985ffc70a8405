--TEST--
Text layer: LF, CRLF and lone CR are all line endings; line numbers in warnings count them (a CR-only file counts its CRs)
--EXTENSIONS--
anp
--FILE--
<?php
function show(string $in): void {
    $r = anp_parse($in);
    echo json_encode([$r['title'], $r['blocks'], $r['meta'], $r['unparsed'], array_column($r['warnings'], 'line'), array_column($r['warnings'], 'code')]), "\n";
}
$lf = "T\n\npara one\npara two\n\nx = 1\n\ny = 2\n\nalphanode post meta\nstray\nstack\n  • a\nSimilar Posts\ns1\n";
show($lf);
show(str_replace("\n", "\r\n", $lf));
show(str_replace("\n", "\r", $lf));
// mixed: "\r\n" is one ending, "\n\r" is two, "\r\r" is two
show("T\n\r\n\rcode = 1\r\rx = 2\n\nalphanode post meta\rstray\n\rmore");
// no meta: the warning is on the last line, whatever the endings
show("T\r\rbody\r");
show("T\r\n\r\nbody\r\n\r\n");
?>
--EXPECT--
["T",[{"type":"paragraph","text":"para one para two"},{"type":"code","text":"x = 1\n\ny = 2","language":null}],{"stack":["a"]},[{"line":11,"text":"stray"}],[11],["unparsed_line"]]
["T",[{"type":"paragraph","text":"para one para two"},{"type":"code","text":"x = 1\n\ny = 2","language":null}],{"stack":["a"]},[{"line":11,"text":"stray"}],[11],["unparsed_line"]]
["T",[{"type":"paragraph","text":"para one para two"},{"type":"code","text":"x = 1\n\ny = 2","language":null}],{"stack":["a"]},[{"line":11,"text":"stray"}],[11],["unparsed_line"]]
["T",[{"type":"code","text":"code = 1\n\nx = 2","language":null}],[],[{"line":9,"text":"stray"},{"line":11,"text":"more"}],[9,11],["unparsed_line","unparsed_line"]]
["T",[{"type":"heading","text":"body"}],[],[],[3],["no_meta"]]
["T",[{"type":"heading","text":"body"}],[],[],[4],["no_meta"]]
