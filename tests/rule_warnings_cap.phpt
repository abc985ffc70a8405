--TEST--
Warnings and unparsed lines are capped: the first 100 warnings in line order and the first 100 unparsed lines, then one too_many_warnings warning counting the rest; long names are cut in messages
--EXTENSIONS--
anp
--FILE--
<?php
function show(array $r) {
    printf("%d warnings, %d unparsed (last line %d)\n", count($r['warnings']), count($r['unparsed']), end($r['unparsed'])['line'] ?? 0);
    foreach (array_slice($r['warnings'], -2) as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
}
echo "-- 100 stray lines: all kept, no summary\n";
show(anp_parse("T\nalphanode post meta\n" . str_repeat("x\n", 100)));
echo "-- 101 stray lines\n";
show(anp_parse("T\nalphanode post meta\n" . str_repeat("x\n", 101)));
echo "-- 300 stray lines\n";
show(anp_parse("T\nalphanode post meta\n" . str_repeat("x\n", 300)));
echo "-- warnings made out of line order: invalid_utf8 on every item, the list's own warnings at its end\n";
$r = anp_parse("T\nalphanode post meta\nscore\n" . str_repeat("\u{2022} a: \xFF\n", 150), ['invalid_utf8' => 'substitute']);
show($r);
echo implode(' ', array_map(fn($w) => $w['line'] . substr($w['code'], 0, 3), array_slice($r['warnings'], 0, 6))), "\n";
echo "-- a name over 100 bytes is cut at a character's start and marked\n";
$name = str_repeat("\u{20AC}", 40); // 120 bytes: cut at 99
$r = anp_parse("T\nalphanode post meta\n$name\n\u{2022} k: 1\n\u{2022} k: 2\nscore\n\u{2022} " . str_repeat('q', 101) . ": x\n");
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
var_dump(array_key_first($r['meta']) === $name); // the field keeps its whole name
?>
--EXPECT--
-- 100 stray lines: all kept, no summary
100 warnings, 100 unparsed (last line 102)
101 unparsed_line not a known meta field; kept in unparsed
102 unparsed_line not a known meta field; kept in unparsed
-- 101 stray lines
101 warnings, 100 unparsed (last line 102)
102 unparsed_line not a known meta field; kept in unparsed
103 too_many_warnings 1 more warnings and 1 more unparsed lines left out; only the first 100 of each are kept
-- 300 stray lines
101 warnings, 100 unparsed (last line 102)
102 unparsed_line not a known meta field; kept in unparsed
103 too_many_warnings 200 more warnings and 200 more unparsed lines left out; only the first 100 of each are kept
-- warnings made out of line order: invalid_utf8 on every item, the list's own warnings at its end
101 warnings, 0 unparsed (last line 0)
37 bad_int score.a is not an integer; kept as a string
37 too_many_warnings 349 more warnings and 0 more unparsed lines left out; only the first 100 of each are kept
4inv 4bad 5inv 5bad 5dup 6inv
-- a name over 100 bytes is cut at a character's start and marked
3 unknown_field unknown field €€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€…; kept as a map
5 duplicate_field €€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€….k appears again; the later value wins
7 bad_int score.qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq… is not an integer; kept as a string
bool(true)
