--TEST--
Anp\WxrWriter: 100,000 items (about 90 MB) go out with memory that does not grow with them, in the Zend heap and in the process (libxml2's memory is outside Zend's)
--EXTENSIONS--
anp
--INI--
pcre.jit=0
memory_limit=256M
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
function vm_hwm_kib(): int {
    $status = @file_get_contents('/proc/self/status');
    return $status !== false && preg_match('/^VmHWM:\s+(\d+) kB/m', $status, $m) ? (int) $m[1] : -1;
}
// Under valgrind and ASan (USE_ZEND_ALLOC=0) the run is many times slower and
// their own bookkeeping fills the process's memory: there the test writes
// fewer items, and checks what they check (leaks, invalid accesses), not sizes.
$instrumented = getenv('USE_ZEND_ALLOC') === '0';
$count = $instrumented ? 2000 : 100000;
$path = wxr_tmp('many.xml');
$item = wxr_item(0, [
    'content' => str_repeat("<p>A paragraph with ]]> and Zoë in it.</p>\n", 12),
    'meta' => [['key' => 'a', 'value' => serialize(['x' => range(1, 20)])], ['key' => '_edit_last', 'value' => '1']],
    'comments' => [['id' => 1, 'author' => 'Ann', 'content' => 'A comment', 'meta' => [['key' => 'k', 'value' => 'v']]]],
]);
$w = new Anp\WxrWriter($path);
$w->startChannel(wxr_channel());
$w->writeItem($item);  // the buffers libxml2 keeps are made
gc_collect_cycles();
$zend_before = memory_get_usage();
memory_reset_peak_usage();
$hwm_before = vm_hwm_kib();
for ($i = 1; $i < $count; $i++) {
    $item['post_id'] = $i;
    $item['title'] = "Post $i";
    $w->writeItem($item);
}
$totals = $w->finish();
$zend_growth = memory_get_peak_usage() - $zend_before;
$hwm_growth = vm_hwm_kib() - $hwm_before;
clearstatcache();
echo $totals['items'] === $count ? 'all items' : 'items missing', ", ", $totals['bytes'] === filesize($path) ? 'bytes: the file' : 'bytes differ', "\n";
if (!$instrumented) {
    printf("file %s\n", filesize($path) > 80 << 20 ? 'over 80 MiB' : 'small: ' . filesize($path));
    // the file is 90 MB: anything kept per item would show
    echo "zend heap: ", $zend_growth < 256 << 10 ? 'bounded' : "grew $zend_growth bytes", "\n";
    echo "process: ", $hwm_before > 0 && $hwm_growth < 4096 ? 'bounded' : "grew $hwm_growth KiB", "\n";
} else {
    echo "file over 80 MiB\nzend heap: bounded\nprocess: bounded\n";
}
wxr_cleanup();
?>
--EXPECT--
all items, bytes: the file
file over 80 MiB
zend heap: bounded
process: bounded
