--TEST--
Meta: integers (optional "-", ASCII digits, leading zeros, signed 64-bit range) else string + bad_int; score, reading time, view count, payload paragraphs/seed
--EXTENSIONS--
anp
--FILE--
<?php
$values = [
    '0', '007', '-5', '-0', '  12  ',
    '9223372036854775807',
    '-9223372036854775808',
    '000000000000000000000000009223372036854775807',
    '-000000000000000000000000009223372036854775808',
    '9223372036854775808',
    '-9223372036854775809',
    '99999999999999999999',
    '', '-', '+1', '1.0', '1e3', '1 2', '0x1A', '--1', "\u{FF11}\u{FF12}", '١٢',
];
foreach ($values as $v) {
    $r = anp_parse("T\nalphanode post meta\nscore\n  • q: $v\n");
    echo json_encode($v), ' => ';
    var_dump($r['meta']['score']['q']);
    foreach ($r['warnings'] as $w) echo '   ', $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
}
echo "-- scalar and payload integers\n";
$r = anp_parse("T\nalphanode post meta\nreading time-7\nview countabc\npayload\n  • paragraphs: 3.5\n  • seed: 0042\n  • source id: 0042\n  • generator: 12\nscore\n  • Clarity: x\n");
var_dump($r['meta']);
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
?>
--EXPECT--
"0" => int(0)
"007" => int(7)
"-5" => int(-5)
"-0" => int(0)
"  12  " => int(12)
"9223372036854775807" => int(9223372036854775807)
"-9223372036854775808" => int(-9223372036854775808)
"000000000000000000000000009223372036854775807" => int(9223372036854775807)
"-000000000000000000000000009223372036854775808" => int(-9223372036854775808)
"9223372036854775808" => string(19) "9223372036854775808"
   4 bad_int score.q is not an integer; kept as a string
"-9223372036854775809" => string(20) "-9223372036854775809"
   4 bad_int score.q is not an integer; kept as a string
"99999999999999999999" => string(20) "99999999999999999999"
   4 bad_int score.q is not an integer; kept as a string
"" => string(0) ""
   4 bad_int score.q is not an integer; kept as a string
"-" => string(1) "-"
   4 bad_int score.q is not an integer; kept as a string
"+1" => string(2) "+1"
   4 bad_int score.q is not an integer; kept as a string
"1.0" => string(3) "1.0"
   4 bad_int score.q is not an integer; kept as a string
"1e3" => string(3) "1e3"
   4 bad_int score.q is not an integer; kept as a string
"1 2" => string(3) "1 2"
   4 bad_int score.q is not an integer; kept as a string
"0x1A" => string(4) "0x1A"
   4 bad_int score.q is not an integer; kept as a string
"--1" => string(3) "--1"
   4 bad_int score.q is not an integer; kept as a string
"\uff11\uff12" => string(6) "１２"
   4 bad_int score.q is not an integer; kept as a string
"\u0661\u0662" => string(4) "١٢"
   4 bad_int score.q is not an integer; kept as a string
-- scalar and payload integers
array(4) {
  ["reading_time"]=>
  int(-7)
  ["view_count"]=>
  string(3) "abc"
  ["payload"]=>
  array(4) {
    ["paragraphs"]=>
    string(3) "3.5"
    ["seed"]=>
    int(42)
    ["source_id"]=>
    string(4) "0042"
    ["generator"]=>
    string(2) "12"
  }
  ["score"]=>
  array(1) {
    ["clarity"]=>
    string(1) "x"
  }
}
4 bad_int view_count is not an integer; kept as a string
6 bad_int payload.paragraphs is not an integer; kept as a string
11 bad_int score.clarity is not an integer; kept as a string
