--TEST--
Hostile files: each sample cut after each of its meta lines, and in the middle of each, gives a result whose warnings and unparsed lines lie within the file, the same from both parsers
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

foreach (glob(__DIR__ . '/../samples/*.txt') as $sample) {
    $text = file_get_contents($sample);
    $lines = explode("\n", $text);
    $marker = array_search('alphanode post meta', array_map('strtolower', array_map('trim', $lines)), true);
    $trailer = array_search('similar posts', array_map('strtolower', array_map('trim', $lines)), true);
    $cases = array();
    // the meta lines run from the marker to the trailer
    for ($i = $marker; $i < $trailer; $i++) {
        $after = implode("\n", array_slice($lines, 0, $i + 1));
        $cases["after line " . ($i + 1)] = array($after);
        $cases["after line " . ($i + 1) . " and its line ending"] = array("$after\n");
        // in the middle of the line, by bytes: it may cut a UTF-8 sequence
        $middle = substr($after, 0, strlen($after) - intdiv(strlen($lines[$i]), 2));
        $cases["in the middle of line " . ($i + 1)] = array($middle, array('invalid_utf8' => 'substitute'));
    }
    $rows = hostile_run($cases);
    $results = 0;
    $problems = array();
    foreach ($rows as $label => $row) {
        $results += str_starts_with($row['description'], 'result: ');
        foreach ($row['problems'] as $problem) {
            $problems[] = "$label: $problem";
        }
    }
    printf("%s: %d cuts, %d results; %s\n", basename($sample), count($rows), $results,
        $problems ? implode('; ', $problems) : 'ok');
}
?>
--EXPECT--
000_f641ce74bd00a729.txt: 207 cuts, 207 results; ok
001_3498bc74caf2d6dd.txt: 195 cuts, 195 results; ok
002_17971804b43db413.txt: 195 cuts, 195 results; ok
003_d3057a04730568fb.txt: 207 cuts, 207 results; ok
004_a6f4f82708a55d84.txt: 207 cuts, 207 results; ok
