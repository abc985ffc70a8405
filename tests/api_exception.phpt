--TEST--
Anp\ParseException: a RuntimeException naming the path and the line
--EXTENSIONS--
anp
--FILE--
<?php
var_dump(is_subclass_of(Anp\ParseException::class, RuntimeException::class));
try {
    anp_parse("title\nbody\x00\n");
} catch (Anp\ParseException $e) {
    var_dump($e->getMessage(), $e->getPath(), $e->getInputLine(), $e->getLine() === __LINE__ - 2);
}
try {
    anp_parse("");
} catch (Anp\ParseException $e) {
    var_dump($e->getMessage(), $e->getInputLine());
}
$previous = new LogicException('cause');
$e = new Anp\ParseException('posts/a.txt', 12, 'what went wrong; what was expected', $previous);
var_dump($e->getMessage(), $e->getPath(), $e->getInputLine(), $e->getPrevious() === $previous, $e->getCode());
try {
    new Anp\ParseException('a', 'not a line', 'x');
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
string(50) "input:2: NUL byte at column 5; expected UTF-8 text"
string(5) "input"
int(2)
bool(true)
string(43) "input:1: empty input; expected a title line"
int(1)
string(50) "posts/a.txt:12: what went wrong; what was expected"
string(11) "posts/a.txt"
int(12)
bool(true)
int(0)
Anp\ParseException::__construct(): Argument #2 ($inputLine) must be of type int, string given
