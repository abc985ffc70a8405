--TEST--
Result shape: the six keys in order; title-only input (with and without a final newline) gives no_meta on line 1
--EXTENSIONS--
anp
--FILE--
<?php
var_export(anp_parse("only a title"));
echo "\n";
foreach (["t", "t\n", "t\r\n", "t\r", "  \tt \t", "\n\n  t\n"] as $in) {
    $r = anp_parse($in);
    echo json_encode($in), ' => ', json_encode([array_keys($r), $r['title'], $r['blocks'], $r['warnings'][0]['line'], count($r['warnings'])]), "\n";
}
?>
--EXPECT--
array (
  'title' => 'only a title',
  'blocks' => 
  array (
  ),
  'meta' => 
  array (
  ),
  'similar' => 
  array (
  ),
  'unparsed' => 
  array (
  ),
  'warnings' => 
  array (
    0 => 
    array (
      'line' => 1,
      'code' => 'no_meta',
      'message' => 'no "alphanode post meta" marker; meta is empty',
    ),
  ),
)
"t" => [["title","blocks","meta","similar","unparsed","warnings"],"t",[],1,1]
"t\n" => [["title","blocks","meta","similar","unparsed","warnings"],"t",[],1,1]
"t\r\n" => [["title","blocks","meta","similar","unparsed","warnings"],"t",[],1,1]
"t\r" => [["title","blocks","meta","similar","unparsed","warnings"],"t",[],1,1]
"  \tt \t" => [["title","blocks","meta","similar","unparsed","warnings"],"t",[],1,1]
"\n\n  t\n" => [["title","blocks","meta","similar","unparsed","warnings"],"t",[],3,1]
