--TEST--
Anp\WxrWriter: wrong types are TypeErrors naming the key, calls out of order are LogicExceptions naming the call, an unopenable target is a WxrException on "target"
--EXTENSIONS--
anp
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
function attempt(callable $f): void {
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), $e instanceof Anp\WxrException ? " [field {$e->field}]" : '', "\n";
    }
}
$path = wxr_tmp('bad.xml');

echo "-- targets\n";
attempt(fn() => new Anp\WxrWriter(42));
attempt(fn() => new Anp\WxrWriter([]));
attempt(fn() => new Anp\WxrWriter(null));
attempt(fn() => new Anp\WxrWriter("a\0b"));
attempt(fn() => new Anp\WxrWriter(wxr_tmp('no/such/dir/x.xml')));
attempt(fn() => new Anp\WxrWriter(sys_get_temp_dir()));
attempt(fn() => new Anp\WxrWriter(''));
attempt(fn() => new Anp\WxrWriter(fopen(__FILE__, 'r')));
attempt(fn() => new Anp\WxrWriter(opendir(__DIR__)));
$closed = fopen('php://memory', 'w');
fclose($closed);
attempt(fn() => new Anp\WxrWriter($closed));
attempt(fn() => (new ReflectionClass(Anp\WxrWriter::class))->newInstanceWithoutConstructor());
attempt(function () use ($path) { $w = new Anp\WxrWriter($path); $w->__construct($path); });
attempt(function () use ($path) { $w = new Anp\WxrWriter($path); clone $w; });
attempt(function () use ($path) { serialize(new Anp\WxrWriter($path)); });

echo "-- types\n";
$w = new Anp\WxrWriter($path);
attempt(fn() => $w->startChannel(['title' => []]));
attempt(fn() => $w->startChannel(['title' => new stdClass()]));
$w->startChannel(wxr_channel(['title' => 12, 'description' => 1.5, 'language' => true, 'link' => null]));
attempt(fn() => $w->writeAuthor(['id' => 'x']));
attempt(fn() => $w->writeAuthor(['id' => '1.5']));
attempt(fn() => $w->writeAuthor(['id' => 1.0]));
attempt(fn() => $w->writeAuthor(['id' => '99999999999999999999']));
attempt(fn() => $w->writeCategory(['term_id' => 1, 'meta' => 'x']));
attempt(fn() => $w->writeCategory(['term_id' => 1, 'meta' => ['x']]));
attempt(fn() => $w->writeCategory(['term_id' => 1, 'meta' => [['key' => ['k']]]]));
attempt(fn() => $w->writeItem(['post_id' => []]));
attempt(fn() => $w->writeItem(['categories' => [['domain' => 'category', 'nicename' => ['x']]]]));
attempt(fn() => $w->writeItem(['comments' => [['id' => 1], ['id' => 'two']]]));
attempt(fn() => $w->writeItem(['comments' => [['id' => 1, 'meta' => [['key' => 'k', 'value' => ['nested']]]]]]));
attempt(fn() => $w->writeItem(['attachment_url' => []]));
attempt(fn() => $w->writeItem('not an array'));
// none of these wrote a byte
var_dump($w->bytes());
// accepted: ints as strings with blanks, bools, null; (string) of ints and floats
var_dump($w->writeItem(['post_id' => ' 12 ', 'menu_order' => '-3', 'is_sticky' => true, 'post_parent' => null, 'title' => 1.25, 'content' => false]));

echo "-- order\n";
$w2 = new Anp\WxrWriter(wxr_tmp('order.xml'));
attempt(fn() => $w2->writeAuthor([]));
attempt(fn() => $w2->writeItem([]));
attempt(fn() => $w2->beginItems());
attempt(fn() => $w2->finish());
$w2->startChannel(wxr_channel());
attempt(fn() => $w2->startChannel(wxr_channel()));
$w2->writeTag(['term_id' => 1]);
attempt(fn() => $w2->writeAuthor([]));
attempt(fn() => $w2->writeCategory([]));
$w2->writeTag(['term_id' => 2]);
$w2->beginItems();
$w2->beginItems();
attempt(fn() => $w2->writeTerm([]));
$w2->writeItem([]);
$w2->finish();
attempt(fn() => $w2->writeItem([]));
attempt(fn() => $w2->finish());
attempt(fn() => $w2->bytes());
attempt(fn() => $w2->beginItems());

echo "-- items only\n";
$w3 = new Anp\WxrWriter(wxr_tmp('items.xml'), true);
attempt(fn() => $w3->startChannel(wxr_channel()));
attempt(fn() => $w3->writeAuthor([]));
attempt(fn() => $w3->writeCategory([]));
attempt(fn() => $w3->writeTag([]));
attempt(fn() => $w3->writeTerm([]));
$w3->beginItems();
var_dump($w3->finish());
wxr_cleanup();
?>
--EXPECTF--
-- targets
TypeError: Anp\WxrWriter::__construct(): Argument #1 ($target) must be a path or a stream resource, int given
TypeError: Anp\WxrWriter::__construct(): Argument #1 ($target) must be a path or a stream resource, array given
TypeError: Anp\WxrWriter::__construct(): Argument #1 ($target) must be a path or a stream resource, null given
ValueError: Anp\WxrWriter::__construct(): Argument #1 ($target) must not contain any null bytes
Anp\WxrException: cannot open "%s/no/such/dir/x.xml" for writing [field target]
Anp\WxrException: cannot open "%s" for writing [field target]
Anp\WxrException: cannot open "" for writing [field target]
Anp\WxrException: the target stream is not open for writing [field target]
Anp\WxrException: the target stream is not open for writing [field target]
TypeError: Anp\WxrWriter::__construct(): Argument #1 ($target) must be a path or a stream resource, resource given
ReflectionException: Class Anp\WxrWriter is an internal class marked as final that cannot be instantiated without invoking its constructor
Error: Anp\WxrWriter::__construct(): the writer is already constructed
Error: Trying to clone an uncloneable object of class Anp\WxrWriter
Exception: Serialization of 'Anp\WxrWriter' is not allowed
-- types
TypeError: Anp\WxrWriter::startChannel(): Argument #1 ($channel) key "title" must be of type string, array given
TypeError: Anp\WxrWriter::startChannel(): Argument #1 ($channel) key "title" must be of type string, stdClass given
TypeError: Anp\WxrWriter::writeAuthor(): Argument #1 ($author) key "id" must be an integer or a string of one, string given
TypeError: Anp\WxrWriter::writeAuthor(): Argument #1 ($author) key "id" must be an integer or a string of one, string given
TypeError: Anp\WxrWriter::writeAuthor(): Argument #1 ($author) key "id" must be an integer or a string of one, float given
TypeError: Anp\WxrWriter::writeAuthor(): Argument #1 ($author) key "id" must be an integer or a string of one, string given
TypeError: Anp\WxrWriter::writeCategory(): Argument #1 ($term) key "meta" must be of type array, string given
TypeError: Anp\WxrWriter::writeCategory(): Argument #1 ($term) key "meta[0]" must be of type array, string given
TypeError: Anp\WxrWriter::writeCategory(): Argument #1 ($term) key "meta[0].key" must be of type string, array given
TypeError: Anp\WxrWriter::writeItem(): Argument #1 ($item) key "post_id" must be an integer or a string of one, array given
TypeError: Anp\WxrWriter::writeItem(): Argument #1 ($item) key "categories[0].nicename" must be of type string, array given
TypeError: Anp\WxrWriter::writeItem(): Argument #1 ($item) key "comments[1].id" must be an integer or a string of one, string given
TypeError: Anp\WxrWriter::writeItem(): Argument #1 ($item) key "comments[0].meta[0].value" must be of type string, array given
TypeError: Anp\WxrWriter::writeItem(): Argument #1 ($item) key "attachment_url" must be of type string, array given
TypeError: Anp\WxrWriter::writeItem(): Argument #1 ($item) must be of type array, string given
int(%d)
int(0)
-- order
LogicException: Anp\WxrWriter::writeAuthor() called before startChannel()
LogicException: Anp\WxrWriter::writeItem() called before startChannel()
LogicException: Anp\WxrWriter::beginItems() called before startChannel()
LogicException: Anp\WxrWriter::finish() called before startChannel()
LogicException: Anp\WxrWriter::startChannel() called twice
LogicException: Anp\WxrWriter::writeAuthor() called out of order: the tags have begun
LogicException: Anp\WxrWriter::writeCategory() called out of order: the tags have begun
LogicException: Anp\WxrWriter::writeTerm() called out of order: the items have begun
LogicException: Anp\WxrWriter::writeItem() called after finish()
LogicException: Anp\WxrWriter::finish() called after finish()
LogicException: Anp\WxrWriter::bytes() called after finish()
LogicException: Anp\WxrWriter::beginItems() called after finish()
-- items only
LogicException: Anp\WxrWriter::startChannel() writes the header, and this writer writes items only
LogicException: Anp\WxrWriter::writeAuthor() writes the header, and this writer writes items only
LogicException: Anp\WxrWriter::writeCategory() writes the header, and this writer writes items only
LogicException: Anp\WxrWriter::writeTag() writes the header, and this writer writes items only
LogicException: Anp\WxrWriter::writeTerm() writes the header, and this writer writes items only
array(3) {
  ["items"]=>
  int(0)
  ["bytes"]=>
  int(0)
  ["dropped"]=>
  int(0)
}
