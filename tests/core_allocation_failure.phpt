--TEST--
parser core: when any one allocation fails, the parse ends in one "out of memory" error event, never reads a stale warning (tests/core/anp_alloc_fail.c)
--SKIPIF--
<?php
// Under valgrind (which traces the compiler and the test program, built
// with ASan) and the ASan step (whose preload the compiler inherits, and
// whose leak check fails it), USE_ZEND_ALLOC is 0: the ordinary run checks it.
if (getenv('USE_ZEND_ALLOC') === '0') {
    die('skip the ordinary run builds and runs the core with its own ASan');
}
if (!function_exists('exec') || trim((string) shell_exec('command -v cc')) === '') {
    die('skip needs a C compiler (cc) to build the core with a failing allocator');
}
?>
--FILE--
<?php
// The binding's allocator (emalloc) never returns NULL, so a failed
// allocation can only be had by building the core with an allocator that
// fails: each of its allocations in turn, on inputs whose warnings are trimmed.
$root = dirname(__DIR__);
$binary = sys_get_temp_dir() . '/anp_core_allocation_failure_' . getmypid();
$sources = escapeshellarg("$root/src/anp_parser.c") . ' ' . escapeshellarg("$root/tests/core/anp_alloc_fail.c");
$include = '-I' . escapeshellarg("$root/src");
$out = escapeshellarg($binary);
// with AddressSanitizer where the compiler has it: a stale read then stops the program
exec("cc -g -O1 -fsanitize=address $include $sources -o $out 2>&1", $log, $status);
if ($status !== 0) {
    exec("cc -g -O1 $include $sources -o $out 2>&1", $log, $status);
}
if ($status !== 0) {
    echo "build failed:\n", implode("\n", $log), "\n";
    exit;
}
exec(escapeshellarg($binary) . ' 2>&1', $output, $status);
echo implode("\n", $output), "\nexit status: $status\n";
@unlink($binary);
?>
--EXPECTF--
150 warnings: %d runs, %d failed with one error event: ok
1000 warnings: %d runs, %d failed with one error event: ok
exit status: 0
