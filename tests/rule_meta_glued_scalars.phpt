--TEST--
Meta: glued scalars (known key immediately followed by the value, value trimmed, keys case-insensitive, line classified trimmed)
--EXTENSIONS--
anp
--FILE--
<?php
$in = "T\n\nalphanode post meta\n\n"
    . "topicsummary of it\n"
    . "SUMMARY  Hello World  \n"
    . "ai brieftext: with colon\n"
    . "Code Languagego\n"
    . "  difficulty  hard\n"
    . "reading time 12\n"
    . "VIEW COUNT0042\n"
    . "Referenceref-1\n"
    . "hash\n"
    . "\n";
$r = anp_parse($in);
var_export($r['meta']);
echo "\n";
var_export([$r['unparsed'], $r['warnings']]);
echo "\n";
// a value that itself starts with a key name, and a key followed by more letters
foreach (["topics", "hashtag", "referencereference", "ai briefai brief", "topic\t\tx\t", "summary"] as $line) {
    $r = anp_parse("T\nalphanode post meta\n" . $line);
    echo json_encode($line), ' => ', json_encode($r['meta']), ' ', count($r['warnings']), "\n";
}
?>
--EXPECT--
array (
  'topic' => 'summary of it',
  'summary' => 'Hello World',
  'ai_brief' => 'text: with colon',
  'code_language' => 'go',
  'difficulty' => 'hard',
  'reading_time' => 12,
  'view_count' => 42,
  'reference' => 'ref-1',
  'hash' => '',
)
array (
  0 => 
  array (
  ),
  1 => 
  array (
  ),
)
"topics" => {"topic":"s"} 0
"hashtag" => {"hash":"tag"} 0
"referencereference" => {"reference":"reference"} 0
"ai briefai brief" => {"ai_brief":"ai brief"} 0
"topic\t\tx\t" => {"topic":"x"} 0
"summary" => {"summary":""} 0
