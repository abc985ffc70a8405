--TEST--
Anp\WxrWriter: a target that refuses bytes or throws is a WxrException on "target", the writer fails from then on; a stream wrapper cannot call back into the writer
--EXTENSIONS--
anp
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
class Failing_Stream {
    public static string $mode = 'zero';
    public static ?Anp\WxrWriter $writer = null;
    public $context;
    public function stream_open(string $path, string $mode, int $options, ?string &$opened): bool { return true; }
    public function stream_write(string $data): int {
        switch (self::$mode) {
            case 'zero':
                return 0;
            case 'throw':
                throw new RuntimeException('disk on fire');
            case 'reenter':
                try {
                    self::$writer->writeItem([]);
                } catch (Throwable $e) {
                    echo "inside: ", get_class($e), ": ", $e->getMessage(), "\n";
                }
                return strlen($data);
        }
        return strlen($data);
    }
    public function stream_close(): void {}
}
stream_wrapper_register('fail', 'Failing_Stream');
function attempt(callable $f): void {
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), $e instanceof Anp\WxrException ? " [field {$e->field}]" : '';
        if ($e->getPrevious()) {
            echo " (previous: ", get_class($e->getPrevious()), ": ", $e->getPrevious()->getMessage(), ")";
        }
        echo "\n";
    }
}
foreach (['zero', 'throw'] as $mode) {
    echo "-- $mode\n";
    Failing_Stream::$mode = $mode;
    $w = new Anp\WxrWriter('fail://x');
    $w->startChannel(wxr_channel());  // buffered: nothing written yet
    attempt(fn() => $w->beginItems());
    attempt(fn() => $w->writeItem([]));
    attempt(fn() => $w->finish());
    unset($w);
}
echo "-- reenter\n";
Failing_Stream::$mode = 'reenter';
Failing_Stream::$writer = new Anp\WxrWriter(fopen('fail://y', 'w'));
Failing_Stream::$writer->startChannel(wxr_channel());
Failing_Stream::$writer->beginItems();
var_dump(Failing_Stream::$writer->finish()['items']);
// /dev/full refuses every byte
if (is_writable('/dev/full')) {
    echo "-- /dev/full\n";
    $w = new Anp\WxrWriter('/dev/full');
    $w->startChannel(wxr_channel());
    attempt(fn() => @$w->beginItems());
}
?>
--EXPECTF--
-- zero
Anp\WxrException: cannot write %d bytes to fail://x [field target]
Anp\WxrException: an earlier write to the target failed [field target]
Anp\WxrException: an earlier write to the target failed [field target]
-- throw
Anp\WxrException: cannot write %d bytes to fail://x [field target] (previous: RuntimeException: disk on fire)
Anp\WxrException: an earlier write to the target failed [field target]
Anp\WxrException: an earlier write to the target failed [field target]
-- reenter
inside: LogicException: Anp\WxrWriter::writeItem() called while the writer is writing (from its target stream)
inside: LogicException: Anp\WxrWriter::writeItem() called while the writer is writing (from its target stream)
int(0)
-- /dev/full
Anp\WxrException: cannot write %d bytes to /dev/full [field target]
