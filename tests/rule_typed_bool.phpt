--TEST--
Meta: flags booleans (1/0, true/false, yes/no in any case) else string + bad_bool
--EXTENSIONS--
anp
--FILE--
<?php
$values = ['1', '0', 'true', 'TRUE', 'True', 'false', 'FaLsE', 'yes', 'YES', 'Yes', 'no', 'NO', 'nO', '  yes  ',
           '2', '01', 'on', 'off', 'y', 'n', '', 'true.', 'yes!', '-1', 'tru'];
foreach ($values as $v) {
    $r = anp_parse("T\nalphanode post meta\nflags\n  • has images: $v\n");
    echo json_encode($v), ' => ';
    var_dump($r['meta']['flags']['has_images']);
    foreach ($r['warnings'] as $w) echo '   ', $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
}
?>
--EXPECT--
"1" => bool(true)
"0" => bool(false)
"true" => bool(true)
"TRUE" => bool(true)
"True" => bool(true)
"false" => bool(false)
"FaLsE" => bool(false)
"yes" => bool(true)
"YES" => bool(true)
"Yes" => bool(true)
"no" => bool(false)
"NO" => bool(false)
"nO" => bool(false)
"  yes  " => bool(true)
"2" => string(1) "2"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"01" => string(2) "01"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"on" => string(2) "on"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"off" => string(3) "off"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"y" => string(1) "y"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"n" => string(1) "n"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"" => string(0) ""
   4 bad_bool flags.has_images is not a boolean; kept as a string
"true." => string(5) "true."
   4 bad_bool flags.has_images is not a boolean; kept as a string
"yes!" => string(4) "yes!"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"-1" => string(2) "-1"
   4 bad_bool flags.has_images is not a boolean; kept as a string
"tru" => string(3) "tru"
   4 bad_bool flags.has_images is not a boolean; kept as a string
