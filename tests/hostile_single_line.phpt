--TEST--
Hostile files: a 50 MB single line (the whole file a title; a one-line paragraph; a meta value; an unparsed meta line), as a string and as a file, the same from both parsers, in memory a small multiple of its size
--EXTENSIONS--
anp
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../wordpress-plugin/anp-importer/includes/parse/class-anp-php-parser.php')) {
    die('skip the pure-PHP parser of the plugin is not in this tree');
}
?>
--INI--
memory_limit=2G
--FILE--
<?php
require __DIR__ . '/hostile/hostile.inc';

// 50 MB, over the default max_bytes (8 MiB): the option lets it in. Under
// valgrind or ASan, which check every byte copied, 1 MB is enough to see that
// nothing is read out of bounds; the ordinary run checks the time. The
// cases that only take another road through the parser are a tenth of it.
$size = hostile_under_memory_checker() ? 1000000 : 50000000;
$options = array('max_bytes' => 64 << 20);
$line = str_repeat('a', $size - 100);
$short = substr($line, 0, intdiv($size, 10));
// A line is copied into the result once: the input, its copy and PHP's
// string headers; 4 times the input's size bounds it.
$factor = 4;
hostile_check(array(
    'the whole file one line' => array($line, $options, $factor),
    'the whole file one line, read from a file' => array($line, $options, $factor, true),
    'a one-line paragraph' => array("title\n\n$line\n", $options, $factor),
    'a meta value, a tenth of the size' => array(hostile_head() . "topic$short\n", $options, $factor),
    'an unparsed meta line, a tenth of the size' => array(hostile_head() . "$short\n", $options, $factor),
    'the whole file one line, a tenth of the size, over max_bytes' => array($short, array('max_bytes' => intdiv($size, 20))),
));
?>
--EXPECTF--
the whole file one line: result: 0 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@1; ok
the whole file one line, read from a file: result: 0 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@1; ok
a one-line paragraph: result: 1 blocks, 0 meta fields, 0 similar, 0 unparsed; warnings: no_meta@3; ok
a meta value, a tenth of the size: result: 1 blocks, 1 meta fields, 0 similar, 0 unparsed; warnings: none; ok
an unparsed meta line, a tenth of the size: result: 1 blocks, 0 meta fields, 0 similar, 1 unparsed; warnings: unparsed_line@6; ok
the whole file one line, a tenth of the size, over max_bytes: Anp\ParseException on line 1: input is %d bytes; expected at most max_bytes (%d); ok
