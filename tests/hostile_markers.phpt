--TEST--
Hostile files: every marker repeated (chrome, meta marker, trailer), markers only (no title, on line 1), markers in every case and spacing, the same from both parsers, in bounded memory
--EXTENSIONS--
anp
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../wordpress-plugin/anp-importer/includes/parse/class-anp-php-parser.php')) {
    die('skip the pure-PHP parser of the plugin is not in this tree');
}
?>
--INI--
memory_limit=1G
--FILE--
<?php
require __DIR__ . '/hostile/hostile.inc';

$mib = 1 << 20;
$generators = hostile_generators();
$cases = array(
    // 1 MiB each: chrome before the title, meta markers in meta, trailers
    // among the similar posts
    'every marker repeated' => array($generators['markers_repeated']($mib)),
    'meta markers repeated in the body' => array("title\n\n" . str_repeat("body\nalphanode post meta\n", intdiv($mib, 25))),
    'trailers repeated' => array("title\n\n" . str_repeat("Similar Posts\n", intdiv($mib, 14))),
    'chrome repeated before the title' => array(str_repeat("| | |\n", intdiv($mib, 6)) . "title\n"),
    'chrome after the title' => array("title\n" . str_repeat("|\n", intdiv($mib, 2))),
    // no title: an error on line 1 (the input as a whole)
    'markers only' => array($generators['markers_only']($mib)),
    'markers only, in CRLF' => array(str_replace("\n", "\r\n", $generators['markers_only'](4096))),
    'markers only, in CR' => array(str_replace("\n", "\r", $generators['markers_only'](4096))),
    'a meta marker alone' => array("alphanode post meta"),
    'a trailer alone' => array("Similar Posts\n"),
    'chrome alone' => array("|\n| |\n|\t|\n"),
    'blank lines and chrome only' => array(str_repeat("\n \n|\n\t\n", 1000)),
    'markers in odd case and spacing only' => array("  ALPHANODE POST META\t\n\tsimilar posts  \n|\n"),
    'a BOM and markers only' => array("\u{FEFF}alphanode post meta\nSimilar Posts\n"),
    // near misses are text: a title
    'near misses of the markers' => array("alphanode post meta.\nalphanode  post meta\nSimilar Posts:\n|x\n"),
    'the meta marker as the first body line' => array("title\nalphanode post meta\ntopicx\nSimilar Posts\nalphanode post meta\n"),
);
hostile_check($cases);
?>
--EXPECT--
every marker repeated: result: 1 blocks, 0 meta fields, 24965 similar, 100 unparsed; warnings: unparsed_line@174768 x100 too_many_warnings@174868; ok
meta markers repeated in the body: result: 1 blocks, 0 meta fields, 0 similar, 100 unparsed; warnings: unparsed_line@5 x100 too_many_warnings@105; ok
trailers repeated: result: 0 blocks, 0 meta fields, 74897 similar, 0 unparsed; warnings: no_meta@3; ok
chrome repeated before the title: result: 0 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@174763; ok
chrome after the title: result: 1 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@524289; ok
markers only: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
markers only, in CRLF: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
markers only, in CR: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
a meta marker alone: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
a trailer alone: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
chrome alone: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
blank lines and chrome only: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
markers in odd case and spacing only: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
a BOM and markers only: Anp\ParseException on line 1: no title; expected a line that is not blank, chrome or a marker; ok
near misses of the markers: result: 1 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@4; ok
the meta marker as the first body line: result: 0 blocks, 1 meta fields, 1 similar, 0 unparsed; warnings: none; ok
