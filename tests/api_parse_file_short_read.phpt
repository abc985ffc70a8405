--TEST--
anp_parse_file(): the stat of a stream that is not a plain file is no promise of its size: it is read to its end (tests/api_parse_file_plain_short_read.phpt has the plain file)
--EXTENSIONS--
anp
--FILE--
<?php
// Through any wrapper but the plain files', stat may say one size while the
// reads give another (compress.zlib://, php://filter give the size of the
// file underneath): the bytes read are the input, to their end.
final class ChangingFile {
    public static array $files = [];
    public $context;
    private string $name;
    private int $at = 0;
    public function stream_open(string $path, string $mode, int $options, ?string &$opened): bool {
        $this->name = substr($path, strlen('changing://'));
        return isset(self::$files[$this->name]);
    }
    public function stream_read(int $count): string {
        $chunk = substr(self::$files[$this->name]['text'], $this->at, $count);
        $this->at += strlen($chunk);
        return $chunk;
    }
    public function stream_eof(): bool {
        return $this->at >= strlen(self::$files[$this->name]['text']);
    }
    public function stream_stat(): array|false {
        $size = self::$files[$this->name]['stat_size'];
        return $size === null ? [] : ['size' => $size, 'mode' => 0100644];
    }
}
stream_wrapper_register('changing', ChangingFile::class);

$post = "whole title\n\nfirst paragraph.\n\nalphanode post meta\nreading time7\n";
$cut = substr($post, 0, 20); // "whole title\n\nfirst p"
ChangingFile::$files = [
    'shrunk' => ['text' => $cut, 'stat_size' => strlen($post)],
    'grown' => ['text' => $post, 'stat_size' => strlen($cut)],
    'shrunk to nothing' => ['text' => '', 'stat_size' => strlen($post)],
    'large, shrunk' => ['text' => str_repeat("x\n", 200000), 'stat_size' => 300 * 1024 * 2],
    'same' => ['text' => $post, 'stat_size' => strlen($post)],
    'no size' => ['text' => $post, 'stat_size' => null],
];
foreach (array_keys(ChangingFile::$files) as $name) {
    try {
        $r = anp_parse_file("changing://$name");
        echo "$name: parsed, title '{$r['title']}', ", count($r['blocks']), " block(s), meta ", json_encode($r['meta']), "\n";
    } catch (Anp\ParseException $e) {
        echo "$name: ", $e->getMessage(), " | line ", $e->getInputLine(), "\n";
    }
}
?>
--EXPECT--
shrunk: parsed, title 'whole title', 1 block(s), meta []
grown: parsed, title 'whole title', 1 block(s), meta {"reading_time":7}
shrunk to nothing: changing://shrunk to nothing:1: empty input; expected a title line | line 1
large, shrunk: parsed, title 'x', 1 block(s), meta []
same: parsed, title 'whole title', 1 block(s), meta {"reading_time":7}
no size: parsed, title 'whole title', 1 block(s), meta {"reading_time":7}
