--TEST--
Memory: parsing stays under 160 times the input's size, whatever the file is made of (stray meta lines, invalid UTF-8, a long name with many duplicates, tiny blocks, many objects)
--EXTENSIONS--
anp
--INI--
memory_limit=1G
--FILE--
<?php
// Each input is about 1 MiB of one hostile shape. Before warnings and
// unparsed lines were capped, 1 MiB of stray meta lines took ~490 times
// its size (two arrays per line), and a long field name was copied into
// every warning about it (issue 8, finding 6). The worst shape left is the
// body of one-character blocks: each block is a PHP array of its own.
const SIZE = 1 << 20;
$head = "T\n\nbody\n\nalphanode post meta\n";
$fill = fn(string $unit, int $room) => str_repeat($unit, intdiv($room, strlen($unit)));
$shapes = [
    'stray meta lines' => [$head . $fill("x\n", SIZE), []],
    'invalid UTF-8 lines' => ["T\n\n" . $fill("\xFF\n", SIZE), ['invalid_utf8' => 'substitute']],
    'long unknown name, duplicate keys' => [$head . str_repeat('n', SIZE / 2) . "\n" . $fill("\u{2022} a:\n", SIZE / 2), []],
    'bad integers' => [$head . "score\n" . $fill("\u{2022} a: x\n", SIZE), []],
    'one-line blocks' => ["T\n\n" . $fill("a\n\n", SIZE), []],
    'one-key objects' => [$head . "entities\n" . $fill("\u{2022} a:\n", SIZE), []],
    'map keys' => [$head . "payload\n" . implode('', array_map(fn($i) => "\u{2022} k$i:\n", range(1, SIZE / 12))), []],
];
foreach ($shapes as $name => [$in, $options]) {
    gc_collect_cycles();
    $before = memory_get_usage();
    memory_reset_peak_usage();
    $r = anp_parse($in, $options);
    $ratio = (memory_get_peak_usage() - $before) / strlen($in);
    printf("%s: %s, %d warnings, %d unparsed\n", $name, $ratio < 160 ? 'bounded' : sprintf('%.0f times its size', $ratio), count($r['warnings']), count($r['unparsed']));
    unset($r);
}
?>
--EXPECT--
stray meta lines: bounded, 101 warnings, 100 unparsed
invalid UTF-8 lines: bounded, 101 warnings, 0 unparsed
long unknown name, duplicate keys: bounded, 101 warnings, 0 unparsed
bad integers: bounded, 101 warnings, 0 unparsed
one-line blocks: bounded, 1 warnings, 0 unparsed
one-key objects: bounded, 0 warnings, 0 unparsed
map keys: bounded, 0 warnings, 0 unparsed
