--TEST--
Hostile files: list keys without bullets, bullets without keys, and 100,000 bullets (a body list, a list field, a map, a list of objects), the same from both parsers, in bounded memory
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

$head = hostile_head(); // meta starts on line 6
$known = array('ai outline', 'stack', 'tools', 'checklist', 'notes', 'score', 'revision', 'flags',
    'entities', 'image sources', 'payload');
$cases = array(
    // every known list key alone, then again: empty lists, then duplicates
    'every list key without bullets' => array($head . implode("\n", $known) . "\n"),
    'every list key without bullets, twice' => array($head . str_repeat(implode("\n", $known) . "\n", 2)),
    'list keys and scalar names alone, blank lines between' => array($head . implode("\n\n", array_merge($known, array('topic', 'summary', 'reading time'))) . "\n"),
    'a list key at the end of the input, no line ending' => array($head . 'stack'),
    'a list key, then the trailer' => array($head . "stack\nSimilar Posts\n"),
    'an unknown key alone' => array($head . "no such key\n"),
    '1,000 list keys without bullets' => array($head . str_repeat("stack\n", 1000)),
    // bullets that belong to no key
    'bullets right after the marker' => array($head . "  • a\n  • b: c\n    • d: e\n"),
    'bullets after a blank line ends a list' => array($head . "stack\n  • a\n\n  • b\n    • c: d\n"),
    'bullets after a scalar' => array($head . "topicx\n  • a\n  • b\n"),
    'bullets without keys, then a key' => array($head . "  • a\nstack\n  • b\n"),
    'only bullets in meta, 1,000' => array($head . str_repeat("  • x: y\n", 1000)),
    'bullets in the body with no space, or no text' => array("title\n\n•\n•x\n• \n\nbody\n"),
);

// 100,000 bullets each: a list in the body, a list field, a map of
// distinct keys, a list of objects. Under valgrind or ASan, which run the
// extension many times slower, 10,000: the ordinary run checks the time.
$n = hostile_under_memory_checker() ? 10000 : 100000;
$cases['100,000 bullets in the body'] = array("bullets\n\n" . str_repeat("• item\n", $n));
$cases['100,000 bullets of a list field'] = array($head . "notes\n" . str_repeat("  • note\n", $n));
$cases['100,000 keys of a map'] = array($head . "payload\n" . implode('', array_map(fn($i) => "  • key $i: value\n", range(1, $n))));
$cases['100,000 one-key objects'] = array($head . "entities\n" . str_repeat("    • name: n\n", $n));
$cases['100,000 bullets without a key'] = array($head . str_repeat("  • x\n", $n));

hostile_check($cases);

// nothing is lost on the way: every bullet is an item
$r = anp_parse($cases['100,000 bullets in the body'][0]);
var_dump(count($r['blocks'][0]['items']) === $n);
$r = anp_parse($cases['100,000 bullets of a list field'][0]);
var_dump(count($r['meta']['notes']) === $n);
$r = anp_parse($cases['100,000 keys of a map'][0]);
var_dump(count($r['meta']['payload']) === $n, $r['meta']['payload']["key_$n"]);
$r = anp_parse($cases['100,000 one-key objects'][0]);
var_dump(count($r['meta']['entities']) === $n);
?>
--EXPECTF--
every list key without bullets: result: 1 blocks, 11 meta fields, 0 similar, 0 unparsed; warnings: none; ok
every list key without bullets, twice: result: 1 blocks, 11 meta fields, 0 similar, 0 unparsed; warnings: duplicate_field@17 x11; ok
list keys and scalar names alone, blank lines between: result: 1 blocks, 14 meta fields, 0 similar, 0 unparsed; warnings: bad_int@32; ok
a list key at the end of the input, no line ending: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: none; ok
a list key, then the trailer: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: none; ok
an unknown key alone: result: 1 blocks, 0 meta fields, 0 similar, 1 unparsed; warnings: unparsed_line@6; ok
1,000 list keys without bullets: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: duplicate_field@7 x100 too_many_warnings@107; ok
bullets right after the marker: result: 1 blocks, 0 meta fields, 0 similar, 3 unparsed; warnings: unparsed_line@6 x3; ok
bullets after a blank line ends a list: result: 1 blocks, 1 meta fields, 0 similar, 2 unparsed; warnings: unparsed_line@9 x2; ok
bullets after a scalar: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: unknown_field@6; ok
bullets without keys, then a key: result: 1 blocks, 1 meta fields, 0 similar, 1 unparsed; warnings: unparsed_line@6; ok
only bullets in meta, 1,000: result: 1 blocks, 0 meta fields, 0 similar, 100 unparsed; warnings: unparsed_line@6 x100 too_many_warnings@106; ok
bullets in the body with no space, or no text: result: 2 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@7; ok
100,000 bullets in the body: result: 1 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@%d; ok
100,000 bullets of a list field: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: none; ok
100,000 keys of a map: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: none; ok
100,000 one-key objects: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: none; ok
100,000 bullets without a key: result: 1 blocks, 0 meta fields, 0 similar, 100 unparsed; warnings: unparsed_line@6 x100 too_many_warnings@106; ok
bool(true)
bool(true)
bool(true)
string(5) "value"
bool(true)
