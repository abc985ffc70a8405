--TEST--
Meta: revision.last_reviewed must be a real YYYY-MM-DD calendar day (years 0001-9999), else bad_date and the value is kept as it is
--EXTENSIONS--
anp
--FILE--
<?php
$values = ['2017-06-11', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2023-04-30', '2023-12-31',
           '2023-02-29', '1900-02-29', '2100-02-29', '0000-01-01', '2023-13-01', '2023-00-10', '2023-04-31',
           '2023-01-00', '2023-01-32', '2023-1-01', '2023-01-1', '23-01-01', '2023/01/01', '2023-01-011',
           '12023-01-01', '', 'soon', "\u{FF12}023-01-01", '2023-01-01T00:00', '+2023-01-01'];
foreach ($values as $v) {
    $r = anp_parse("T\nalphanode post meta\nrevision\n  • last reviewed: $v\n");
    echo json_encode($v, JSON_UNESCAPED_SLASHES), " => ";
    var_dump($r['meta']['revision']['last_reviewed']);
    foreach ($r['warnings'] as $w) echo '   ', $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
}
echo "-- only last_reviewed is a date; key normalization applies\n";
$r = anp_parse("T\nalphanode post meta\nrevision\n  • status: 2023-99-99\n  • version: 1.0\n  • Last-Reviewed: 2023-02-30\n");
var_export($r['meta']);
echo "\n";
foreach ($r['warnings'] as $w) echo $w['line'], ' ', $w['code'], ' ', $w['message'], "\n";
?>
--EXPECT--
"2017-06-11" => string(10) "2017-06-11"
"2024-02-29" => string(10) "2024-02-29"
"2000-02-29" => string(10) "2000-02-29"
"0001-01-01" => string(10) "0001-01-01"
"9999-12-31" => string(10) "9999-12-31"
"2023-04-30" => string(10) "2023-04-30"
"2023-12-31" => string(10) "2023-12-31"
"2023-02-29" => string(10) "2023-02-29"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"1900-02-29" => string(10) "1900-02-29"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2100-02-29" => string(10) "2100-02-29"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"0000-01-01" => string(10) "0000-01-01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-13-01" => string(10) "2023-13-01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-00-10" => string(10) "2023-00-10"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-04-31" => string(10) "2023-04-31"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-01-00" => string(10) "2023-01-00"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-01-32" => string(10) "2023-01-32"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-1-01" => string(9) "2023-1-01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-01-1" => string(9) "2023-01-1"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"23-01-01" => string(8) "23-01-01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023/01/01" => string(10) "2023/01/01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-01-011" => string(11) "2023-01-011"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"12023-01-01" => string(11) "12023-01-01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"" => string(0) ""
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"soon" => string(4) "soon"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"\uff12023-01-01" => string(12) "２023-01-01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"2023-01-01T00:00" => string(16) "2023-01-01T00:00"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
"+2023-01-01" => string(11) "+2023-01-01"
   4 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
-- only last_reviewed is a date; key normalization applies
array (
  'revision' => 
  array (
    'status' => '2023-99-99',
    'version' => '1.0',
    'last_reviewed' => '2023-02-30',
  ),
)
6 bad_date revision.last_reviewed is not a YYYY-MM-DD date; kept as it is
