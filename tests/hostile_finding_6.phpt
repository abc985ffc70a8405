--TEST--
Hostile file of issue 8, finding 6: 8 MiB of stray meta lines, each an unparsed line and a warning, in linear time and bounded memory, the same from both parsers
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

// 8 MiB of stray meta lines took 3.9 GiB: two arrays per line, no cap. It
// is read from a file, as the importer reads it.
$input = hostile_head() . str_repeat("x\n", intdiv((8 << 20) - strlen(hostile_head()), 2 * $scale));
printf("%.0f MiB\n", strlen($input) * $scale / 1048576);
hostile_check(array('finding 6' => array($input, array(), HOSTILE_MEMORY_FACTOR, true)));
?>
--EXPECT--
8 MiB
finding 6: result: 1 blocks, 0 meta fields, 0 similar, 100 unparsed; warnings: unparsed_line@6 x100 too_many_warnings@106; ok
