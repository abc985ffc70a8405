--TEST--
Hostile bytes: control characters, overlong UTF-8, encoded surrogates, code points past U+10FFFF and a BOM in the middle, in both UTF-8 modes: a result, or an error on the right line, the same from both parsers
--EXTENSIONS--
anp
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../wordpress-plugin/anp-importer/includes/parse/class-anp-php-parser.php')) {
    die('skip the pure-PHP parser of the plugin is not in this tree');
}
?>
--FILE--
<?php
require __DIR__ . '/hostile/hostile.inc';

// a file whose line 4 (a paragraph), line 7 (a meta value) or line 10 (a
// similar post) holds $bytes
function with_bytes(string $bytes, int $line): string
{
    $lines = array('title', '', 'a paragraph', 'of the body', '', 'alphanode post meta',
        'topicthe topic', 'reading time6', 'Similar Posts', 'a similar post');
    $lines[$line - 1] .= " $bytes end";
    return implode("\n", $lines) . "\n";
}

$controls = '';
foreach (array_merge(range(1, 8), range(11, 12), range(14, 31), array(127)) as $byte) {
    $controls .= chr($byte);
}
$c1 = '';
for ($cp = 0x80; $cp <= 0x9F; $cp++) {
    $c1 .= mb_chr($cp, 'UTF-8');
}
$bad = array(
    'overlong NUL (C0 80)' => "\xC0\x80",
    'overlong slash (C1 AF)' => "\xC1\xAF",
    'overlong 3 bytes (E0 80 AF)' => "\xE0\x80\xAF",
    'overlong 3 bytes (E0 9F BF)' => "\xE0\x9F\xBF",
    'overlong 4 bytes (F0 80 80 AF)' => "\xF0\x80\x80\xAF",
    'overlong 4 bytes (F0 8F BF BF)' => "\xF0\x8F\xBF\xBF",
    'high surrogate (ED A0 80)' => "\xED\xA0\x80",
    'low surrogate (ED BF BF)' => "\xED\xBF\xBF",
    'surrogate pair, CESU-8 (ED A0 BD ED B8 80)' => "\xED\xA0\xBD\xED\xB8\x80",
    'past U+10FFFF (F4 90 80 80)' => "\xF4\x90\x80\x80",
    'F5 to FF' => "\xF5\x80\x80\x80\xF8\xFC\xFE\xFF",
    'lone continuation bytes' => "\x80\xBF",
    'cut sequence before the end' => "\xE2\x80",
);

$cases = array();
foreach (array(4, 7, 10) as $line) {
    $cases["C0 controls and DEL on line $line"] = array(with_bytes($controls, $line));
    $cases["C1 controls on line $line"] = array(with_bytes($c1, $line));
    $cases["NUL on line $line"] = array(with_bytes("x\x00y", $line));
}
foreach ($bad as $name => $bytes) {
    foreach (array(4, 7, 10) as $line) {
        $cases["$name on line $line"] = array(with_bytes($bytes, $line));
        $cases["$name on line $line, substituted"] = array(with_bytes($bytes, $line), array('invalid_utf8' => 'substitute'));
    }
}
// a sequence cut by the end of the input, with no line ending after it
$cases['cut sequence at the end of the input'] = array("title\n\nbody \xF0\x9F\x98");
$cases['cut sequence at the end of the input, substituted'] = array("title\n\nbody \xF0\x9F\x98", array('invalid_utf8' => 'substitute'));

// U+FEFF is a character like any other past the first byte of the input: a
// BOM in the middle is content, and a line that starts with one is no marker
$bom = "\u{FEFF}";
$cases['BOM twice at the start'] = array("$bom{$bom}title\n\nbody\n");
$cases['BOM in the title'] = array("ti{$bom}tle\n\nbody\n");
$cases['BOM before the meta marker'] = array("title\n\nbody\n\n{$bom}alphanode post meta\ntopicx\n");
$cases['BOM before a meta key'] = array("title\n\nbody\n\nalphanode post meta\n{$bom}topicx\n{$bom}stack\n  • a\n");
$cases['BOM before a bullet'] = array("title\n\n{$bom}• a\n• b\n\nalphanode post meta\nstack\n{$bom}  • a\n");
$cases['BOM before the trailer'] = array("title\n\nbody\n\nalphanode post meta\ntopicx\n{$bom}Similar Posts\nnext\n");
$cases['BOM alone on a line'] = array("title\n\n$bom\n\nbody\n");

hostile_check($cases);
?>
--EXPECT--
C0 controls and DEL on line 4: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: none; ok
C1 controls on line 4: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: none; ok
NUL on line 4: Anp\ParseException on line 4: NUL byte at column 14; expected UTF-8 text; ok
C0 controls and DEL on line 7: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: none; ok
C1 controls on line 7: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: none; ok
NUL on line 7: Anp\ParseException on line 7: NUL byte at column 17; expected UTF-8 text; ok
C0 controls and DEL on line 10: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: none; ok
C1 controls on line 10: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: none; ok
NUL on line 10: Anp\ParseException on line 10: NUL byte at column 17; expected UTF-8 text; ok
overlong NUL (C0 80) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong NUL (C0 80) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
overlong NUL (C0 80) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong NUL (C0 80) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
overlong NUL (C0 80) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong NUL (C0 80) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
overlong slash (C1 AF) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong slash (C1 AF) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
overlong slash (C1 AF) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong slash (C1 AF) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
overlong slash (C1 AF) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong slash (C1 AF) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
overlong 3 bytes (E0 80 AF) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 3 bytes (E0 80 AF) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
overlong 3 bytes (E0 80 AF) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 3 bytes (E0 80 AF) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
overlong 3 bytes (E0 80 AF) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 3 bytes (E0 80 AF) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
overlong 3 bytes (E0 9F BF) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 3 bytes (E0 9F BF) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
overlong 3 bytes (E0 9F BF) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 3 bytes (E0 9F BF) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
overlong 3 bytes (E0 9F BF) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 3 bytes (E0 9F BF) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
overlong 4 bytes (F0 80 80 AF) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 4 bytes (F0 80 80 AF) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
overlong 4 bytes (F0 80 80 AF) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 4 bytes (F0 80 80 AF) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
overlong 4 bytes (F0 80 80 AF) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 4 bytes (F0 80 80 AF) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
overlong 4 bytes (F0 8F BF BF) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 4 bytes (F0 8F BF BF) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
overlong 4 bytes (F0 8F BF BF) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 4 bytes (F0 8F BF BF) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
overlong 4 bytes (F0 8F BF BF) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
overlong 4 bytes (F0 8F BF BF) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
high surrogate (ED A0 80) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
high surrogate (ED A0 80) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
high surrogate (ED A0 80) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
high surrogate (ED A0 80) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
high surrogate (ED A0 80) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
high surrogate (ED A0 80) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
low surrogate (ED BF BF) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
low surrogate (ED BF BF) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
low surrogate (ED BF BF) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
low surrogate (ED BF BF) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
low surrogate (ED BF BF) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
low surrogate (ED BF BF) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
surrogate pair, CESU-8 (ED A0 BD ED B8 80) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
surrogate pair, CESU-8 (ED A0 BD ED B8 80) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
surrogate pair, CESU-8 (ED A0 BD ED B8 80) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
surrogate pair, CESU-8 (ED A0 BD ED B8 80) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
surrogate pair, CESU-8 (ED A0 BD ED B8 80) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
surrogate pair, CESU-8 (ED A0 BD ED B8 80) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
past U+10FFFF (F4 90 80 80) on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
past U+10FFFF (F4 90 80 80) on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
past U+10FFFF (F4 90 80 80) on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
past U+10FFFF (F4 90 80 80) on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
past U+10FFFF (F4 90 80 80) on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
past U+10FFFF (F4 90 80 80) on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
F5 to FF on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
F5 to FF on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
F5 to FF on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
F5 to FF on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
F5 to FF on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
F5 to FF on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
lone continuation bytes on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
lone continuation bytes on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
lone continuation bytes on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
lone continuation bytes on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
lone continuation bytes on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
lone continuation bytes on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
cut sequence before the end on line 4: Anp\ParseException on line 4: invalid UTF-8 at column 13; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
cut sequence before the end on line 4, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@4; ok
cut sequence before the end on line 7: Anp\ParseException on line 7: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
cut sequence before the end on line 7, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@7; ok
cut sequence before the end on line 10: Anp\ParseException on line 10: invalid UTF-8 at column 16; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
cut sequence before the end on line 10, substituted: result: 1 blocks, 2 meta fields, 1 similar, 0 unparsed; warnings: invalid_utf8@10; ok
cut sequence at the end of the input: Anp\ParseException on line 3: invalid UTF-8 at column 6; expected UTF-8 text (or the option invalid_utf8 => 'substitute'); ok
cut sequence at the end of the input, substituted: result: 1 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: invalid_utf8@3 no_meta@3; ok
BOM twice at the start: result: 1 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@3; ok
BOM in the title: result: 1 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@3; ok
BOM before the meta marker: result: 2 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@6; ok
BOM before a meta key: result: 1 blocks, 1 meta fields, 0 similar, 1 unparsed; warnings: unparsed_line@6 unknown_field@7; ok
BOM before a bullet: result: 1 blocks, 1 meta fields, 0 similar, 1 unparsed; warnings: unparsed_line@8; ok
BOM before the trailer: result: 1 blocks, 1 meta fields, 0 similar, 2 unparsed; warnings: unparsed_line@7 x2; ok
BOM alone on a line: result: 2 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@5; ok
