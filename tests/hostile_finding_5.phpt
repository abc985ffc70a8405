--TEST--
Hostile file of issue 8, finding 5: a map of 262,145 keys then 476,620 one-key objects, in linear time and bounded memory, the same from both parsers
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

// Under valgrind or ASan, which run the extension many times slower, the
// file is an eighth of its size: the ordinary run checks the time.
$scale = hostile_under_memory_checker() ? 8 : 1;

// The map grows the parser's set of item keys to its largest; each one-key
// object then starts a fresh set. Clearing the whole set per object took
// 6 minutes for this file, which run-tests' timeout stops.
$map = array();
for ($i = 0; $i < intdiv(262145, $scale); $i++) {
    $map[] = "• k$i:\n";
}
$input = hostile_head() . "payload\n" . implode('', $map) . "entities\n" . str_repeat("• n:\n", intdiv(476620, $scale));
unset($map);
printf("%.0f MiB\n", strlen($input) * $scale / 1048576);
hostile_check(array('finding 5' => array($input)));
?>
--EXPECT--
6 MiB
finding 5: result: 1 blocks, 2 meta fields, 0 similar, 0 unparsed; warnings: none; ok
