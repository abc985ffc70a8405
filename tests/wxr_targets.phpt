--TEST--
Anp\WxrWriter: a path, php://memory, php://temp and a user stream wrapper get the same bytes; a given stream stays open, a path is closed by finish()
--EXTENSIONS--
anp
simplexml
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';

class Recording_Stream {
    public static array $data = [];
    public static int $writes = 0;
    public $context;
    private string $name;
    public function stream_open(string $path, string $mode, int $options, ?string &$opened): bool {
        $this->name = $path;
        self::$data[$path] = '';
        return true;
    }
    public function stream_write(string $data): int {
        self::$writes++;
        // one byte short of all: the writer writes the rest
        $n = max(1, strlen($data) - 1);
        self::$data[$this->name] .= substr($data, 0, $n);
        return $n;
    }
    public function stream_close(): void {}
    public function stream_flush(): bool { return true; }
}
stream_wrapper_register('rec', 'Recording_Stream');

function write_doc($target): array {
    $w = new Anp\WxrWriter($target);
    $w->startChannel(wxr_channel());
    $w->writeAuthor(['id' => 1, 'login' => 'admin']);
    $w->writeItem(wxr_item(1));
    $w->writeItem(wxr_item(2, ['content' => str_repeat("long ]]> content ", 2000)]));
    return $w->finish();
}

$path = wxr_tmp('target.xml');
$totals = write_doc($path);
$reference = file_get_contents($path);
var_dump($totals['bytes'] === strlen($reference));
wxr_check_wellformed($path);

foreach (['php://memory', 'php://temp', 'php://temp/maxmemory:1024', 'rec://one'] as $uri) {
    $stream = fopen($uri, 'w+');
    $t = write_doc($stream);
    // the stream is the caller's: still open, and at the end of what was written
    $open = is_resource($stream) && get_resource_type($stream) === 'stream';
    if (str_starts_with($uri, 'rec://')) {
        $bytes = Recording_Stream::$data['rec://one'];
    } else {
        rewind($stream);
        $bytes = stream_get_contents($stream);
    }
    printf("%s: %s, %s, %s\n", $uri, $bytes === $reference ? 'same bytes' : 'DIFFERENT', $open ? 'open' : 'closed', $t === $totals ? 'same totals' : 'other totals');
    fclose($stream);
}
// by path, through the wrapper: opened and closed by the writer
write_doc('rec://two');
var_dump(Recording_Stream::$data['rec://two'] === $reference, Recording_Stream::$writes > 10);

// after beginItems() and each writeItem() everything is at the target: a
// caller may append to the same stream
$stream = fopen('php://memory', 'w+');
$w = new Anp\WxrWriter($stream);
$w->startChannel(wxr_channel());
$w->beginItems();
fwrite($stream, "<!-- appended -->");
$w->writeItem(wxr_item(1));
fwrite($stream, "<!-- appended -->");
var_dump($w->bytes() + 2 * 17 === ftell($stream));
$w->finish();
rewind($stream);
$doc = stream_get_contents($stream);
echo substr_count($doc, "<!-- appended -->"), " appended, ", strpos($doc, "\n\t<!-- appended -->\t<item>") !== false ? 'before the item' : '?', "\n";
// an existing file is truncated
file_put_contents($path, str_repeat('x', 1 << 20));
write_doc($path);
var_dump(file_get_contents($path) === $reference);
wxr_cleanup();
?>
--EXPECT--
bool(true)
php://memory: same bytes, open, same totals
php://temp: same bytes, open, same totals
php://temp/maxmemory:1024: same bytes, open, same totals
rec://one: same bytes, open, same totals
bool(true)
bool(true)
bool(true)
2 appended, before the item
bool(true)
