--TEST--
Anp\WxrWriter: the target is called only between records: a stream wrapper or a user filter that changes (and frees) strings an item or a term holds by reference, from inside its write, changes nothing of what is written, and the header stays in the writer until beginItems() however large it is
--EXTENSIONS--
anp
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';

// The records point into the caller's strings. PHP code that runs in the
// target's write (a stream wrapper, a user filter) can change those strings
// while a record is being written, if the writer calls the target in the
// middle of one: a string freed there was read after it was freed (caught by
// valgrind and ASan), and the new value was written without its UTF-8 check.
// Here every write of the target replaces the excerpt and a meta value (held
// by reference) with invalid UTF-8, and takes the freed memory again with
// bytes of the same size, so that a writer still reading the old strings
// writes those bytes in an ordinary run too. What reaches the target must be
// the records as they were when they were handed to the writer.

$ex = null;
$meta = null;
$junk = [];
$meddled = 0;

// An item whose excerpt and meta are references to $ex and $meta. Its content
// (100 KB) comes before the excerpt, and is more than the 64 KiB the writer
// hands out at a time. Built at run time: no string is an interned literal.
function referencing_item(int $id): array {
    global $ex, $meta;
    $ex = str_repeat('E', 200000) . $id;
    $meta = [['key' => 'k', 'value' => str_repeat('M', 100000) . $id]];
    $item = wxr_item($id, ['content' => str_repeat('C', 100000) . $id]);
    $item['excerpt'] = &$ex;
    $item['meta'] = &$meta;
    return $item;
}

// The same for a term: its description before its meta.
function referencing_term(): array {
    global $meta;
    $meta = [['key' => 'k', 'value' => str_repeat('T', 100000) . '1']];
    $term = ['term_id' => 7, 'taxonomy' => 'genre', 'slug' => 'big', 'name' => 'Big', 'description' => str_repeat('D', 100000)];
    $term['meta'] = &$meta;
    return $term;
}

// What the target's PHP code does on each write.
function meddle(): void {
    global $ex, $meta, $junk, $meddled;
    $sizes = [];
    if (is_string($ex) && strlen($ex) > 1) {
        $sizes[] = strlen($ex);
        $ex = "\xFF";   // the old string is freed here
    }
    if (is_array($meta) && strlen($meta[0]['value']) > 1) {
        $sizes[] = strlen($meta[0]['value']);
        $meta[0]['value'] = "\xFF";
    }
    foreach ($sizes as $size) {
        $junk[] = str_repeat("\xFF", $size);
        $meddled++;
    }
}

class Meddling_Stream {
    public static string $data = '';
    public static int $writes = 0;
    public $context;
    public function stream_open(string $path, string $mode, int $options, ?string &$opened): bool {
        self::$data = '';
        self::$writes = 0;
        return true;
    }
    public function stream_write(string $data): int {
        self::$data .= $data;
        self::$writes++;
        meddle();
        return strlen($data);
    }
    public function stream_close(): void {}
}
stream_wrapper_register('meddle', 'Meddling_Stream');

class Meddling_Filter extends php_user_filter {
    public function filter($in, $out, &$consumed, bool $closing): int {
        while ($bucket = stream_bucket_make_writeable($in)) {
            $consumed += $bucket->datalen;
            stream_bucket_append($out, $bucket);
        }
        meddle();
        return PSFS_PASS_ON;
    }
}
stream_filter_register('meddle', 'Meddling_Filter');

// The document: a large header (authors, and a term with a referenced meta),
// then two items with referenced values. $on_write tells what was written
// before beginItems().
function write_doc($target, ?callable $before_items = null): void {
    $w = new Anp\WxrWriter($target);
    $w->startChannel(wxr_channel());
    for ($i = 1; $i <= 2000; $i++) {
        $w->writeAuthor(['id' => $i, 'login' => "author$i", 'email' => "author$i@example.test", 'display_name' => "Author $i"]);
    }
    $w->writeTerm(referencing_term());
    if ($before_items) {
        $before_items();
    }
    $w->beginItems();
    foreach ([1, 2] as $id) {
        var_dump($w->writeItem(referencing_item($id)));
    }
    $w->finish();
}

function report(string $name, string $bytes, string $reference): void {
    global $meddled, $ex, $meta;
    $path = wxr_tmp("$name.xml");
    file_put_contents($path, $bytes);
    // each meddle() changed two or three strings, and did change them
    printf("%s: %s, %s\n", $name, $bytes === $reference ? 'the records as given' : 'DIFFERENT BYTES', $meddled >= 3 && $ex === "\xFF" && $meta[0]['value'] === "\xFF" ? 'meddled' : "meddled $meddled times");
    wxr_check_wellformed($path);
    $meddled = 0;
}

// the reference: the same calls, to a target that runs no PHP code
$stream = fopen('php://memory', 'w+');
write_doc($stream);
rewind($stream);
$reference = stream_get_contents($stream);
fclose($stream);
echo strlen($reference) > 500000 ? 'reference written' : 'reference too small', "\n";

echo "-- stream wrapper\n";
write_doc('meddle://doc', function () {
    // nothing of the header, 150 KB of it, reached the target yet
    echo "writes before beginItems(): ", Meddling_Stream::$writes, "\n";
});
report('wrapper', Meddling_Stream::$data, $reference);

echo "-- user filter\n";
$stream = fopen('php://memory', 'w+');
stream_filter_append($stream, 'meddle', STREAM_FILTER_WRITE);
write_doc($stream);
rewind($stream);
report('filter', stream_get_contents($stream), $reference);
fclose($stream);
wxr_cleanup();
?>
--EXPECT--
int(0)
int(0)
reference written
-- stream wrapper
writes before beginItems(): 0
int(0)
int(0)
wrapper: the records as given, meddled
-- user filter
int(0)
int(0)
filter: the records as given, meddled
