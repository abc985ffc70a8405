--TEST--
Anp\WxrWriter: a writer freed without finish() writes nothing more (what it buffers is dropped), closes the path it opened, and leaks nothing
--EXTENSIONS--
anp
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
$path = wxr_tmp('unfinished.xml');
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
$w->writeItem(wxr_item(1));
$flushed = filesize($path);
unset($w);
clearstatcache();
var_dump(filesize($path) === $flushed, str_ends_with(file_get_contents($path), "</item>\n\t\t\t\t"));

// the header alone is buffered until beginItems(): nothing of it reaches the file
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
$w->writeAuthor(['id' => 1]);
$w = null;
clearstatcache();
var_dump(filesize($path));

// a given stream is left open
$stream = fopen('php://memory', 'w+');
$w = new Anp\WxrWriter($stream);
$w->startChannel(wxr_channel());
$w->beginItems();
$at = ftell($stream);
unset($w);
var_dump(is_resource($stream), ftell($stream) === $at, $at > 0);
fwrite($stream, 'more');

// a writer left to the end of the request, and one whose stream is closed first
$GLOBALS['kept'] = new Anp\WxrWriter(wxr_tmp('kept.xml'));
$GLOBALS['kept']->startChannel(wxr_channel());
$s2 = fopen('php://memory', 'w');
$GLOBALS['kept2'] = new Anp\WxrWriter($s2);
$GLOBALS['kept2']->startChannel(wxr_channel());
fclose($s2);
try {
    $GLOBALS['kept2']->beginItems();
} catch (Anp\WxrException $e) {
    echo $e->field, ": ", $e->getMessage(), "\n";
}
try {
    $GLOBALS['kept2']->writeItem([]);
} catch (Anp\WxrException $e) {
    echo $e->field, ": ", $e->getMessage(), "\n";
}
$cycle = new stdClass();
$cycle->self = $cycle;
$cycle->writer = new Anp\WxrWriter(wxr_tmp('cycle.xml'));
unset($cycle);
// freed by the cycle collector (one left for the end of the request is never
// freed by PHP, by design, and would show as a leak under ASan and valgrind)
var_dump(gc_collect_cycles() >= 2);
echo "done\n";
wxr_cleanup();
?>
--EXPECT--
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
target: cannot write to the target stream: it was closed
target: an earlier write to the target failed
bool(true)
done
