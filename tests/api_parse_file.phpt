--TEST--
anp_parse_file(): streams, large files, unreadable paths, the size limit
--EXTENSIONS--
anp
--FILE--
<?php
$dir = sys_get_temp_dir() . '/anp_api_parse_file_' . getmypid();
@mkdir($dir);

// A large file (read into huge pages from 1 MiB on) parses exactly as its text does.
$big = "big post\n\n" . str_repeat("a paragraph that goes on and on.\n\n", 40000) . "alphanode post meta\nreading time7\n";
file_put_contents("$dir/big.txt", $big);
var_dump(strlen($big) > 1024 * 1024);
var_dump(anp_parse_file("$dir/big.txt") === anp_parse($big));

// Stream wrappers are honoured.
$r = anp_parse_file('data://text/plain;base64,' . base64_encode("wrapped title\n\nbody text."));
var_dump($r['title'], $r['blocks'][0]);

foreach (["$dir/missing.txt", $dir] as $path) {
    try {
        anp_parse_file($path);
    } catch (Anp\ParseException $e) {
        echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
        var_dump($e->getPath() === $path, $e->getInputLine());
    }
}

// Too large: refused from the file's size, before reading it.
file_put_contents("$dir/ten.txt", "0123456789");
try {
    anp_parse_file("$dir/ten.txt", ['max_bytes' => 9]);
} catch (Anp\ParseException $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
var_dump(anp_parse_file("$dir/ten.txt", ['max_bytes' => 10])['title']);

// An empty file is empty input.
file_put_contents("$dir/empty.txt", "");
try {
    anp_parse_file("$dir/empty.txt");
} catch (Anp\ParseException $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
}

try {
    anp_parse_file("a\0b");
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}

foreach (['big', 'ten', 'empty'] as $name) {
    unlink("$dir/$name.txt");
}
rmdir($dir);
?>
--EXPECT--
bool(true)
bool(true)
string(13) "wrapped title"
array(2) {
  ["type"]=>
  string(9) "paragraph"
  ["text"]=>
  string(10) "body text."
}
DIR/missing.txt:1: cannot read the file; expected a readable ANP file
bool(true)
int(1)
DIR:1: cannot read the file; expected a readable ANP file
bool(true)
int(1)
DIR/ten.txt:1: input is 10 bytes; expected at most max_bytes (9)
string(10) "0123456789"
DIR/empty.txt:1: empty input; expected a title line
anp_parse_file(): Argument #1 ($path) must not contain any null bytes
