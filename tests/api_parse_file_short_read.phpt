--TEST--
anp_parse_file(): a file whose size changes between its stat and its read is unreadable, never a partial post (a stream wrapper stands for a file truncated or grown meanwhile)
--EXTENSIONS--
anp
--FILE--
<?php
// The stat says one size, the reads give another: what a file truncated or
// rewritten while it is parsed looks like to the reader (issue 8, finding 7).
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
shrunk: changing://shrunk:1: cannot read the file: its size changed while it was read; expected a readable ANP file | line 1
grown: changing://grown:1: cannot read the file: its size changed while it was read; expected a readable ANP file | line 1
shrunk to nothing: changing://shrunk to nothing:1: cannot read the file: its size changed while it was read; expected a readable ANP file | line 1
large, shrunk: changing://large, shrunk:1: cannot read the file: its size changed while it was read; expected a readable ANP file | line 1
same: parsed, title 'whole title', 1 block(s), meta {"reading_time":7}
no size: parsed, title 'whole title', 1 block(s), meta {"reading_time":7}
