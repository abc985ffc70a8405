--TEST--
Text layer: white space is only space and tab (no-break space, form feed and vertical tab are content); trimming removes space and tab only
--EXTENSIONS--
anp
--FILE--
<?php
function show(string $in): void {
    $r = anp_parse($in);
    echo json_encode([$r['title'], $r['blocks'], $r['meta'], $r['unparsed']], JSON_UNESCAPED_SLASHES), "\n";
}
// a form-feed-only line before the title is not blank: it is the title
show("\x0C\nT\n\nalphanode post meta");
show("\x0B\n\nalphanode post meta");
// a no-break space is not white space: not trimmed from the title, not chrome
show(" \t\u{00A0}My   Title\u{00A0} \t\n\nalphanode post meta");
show("|\u{00A0}|\n\nalphanode post meta");
// a no-break space line does not separate blocks
show("T\n\nfirst\n\u{00A0}\nsecond\n\nalphanode post meta");
// a line that starts with a no-break space is not code-like
show("T\n\n\u{00A0}x\n\u{00A0}y\n\nalphanode post meta");
// glued scalar values are trimmed of space/tab only
show("T\nalphanode post meta\ntopic\u{00A0}x\u{00A0}\nsummary\t\x0Cy\x0C\t\n");
// map keys and values trimmed of space/tab only
show("T\nalphanode post meta\nai outline\n  • \u{00A0}k\u{00A0}: \u{00A0}v\n");
// a tab before the bullet or after it: not a bullet
show("T\nalphanode post meta\nstack\n\t• a\n  •\tb\n");
?>
--EXPECT--
["\f",[{"type":"heading","text":"T"}],[],[]]
["\u000b",[],[],[]]
["\u00a0My   Title\u00a0",[],[],[]]
["|\u00a0|",[],[],[]]
["T",[{"type":"paragraph","text":"first \u00a0 second"}],[],[]]
["T",[{"type":"paragraph","text":"\u00a0x \u00a0y"}],[],[]]
["T",[],{"topic":"\u00a0x\u00a0","summary":"\fy\f"},[]]
["T",[],{"ai_outline":{"\u00a0k\u00a0":"\u00a0v"}},[]]
["T",[],{"stack":[]},[{"line":4,"text":"\t\u2022 a"},{"line":5,"text":"  \u2022\tb"}]]
