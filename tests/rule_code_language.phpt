--TEST--
Body: code language comes from meta code_language; null when absent, empty, or when there is no meta
--EXTENSIONS--
anp
--FILE--
<?php
$body = "T\n\nx = 1\n\n";
$cases = [
    'absent'      => $body . "alphanode post meta\ntopicx\n",
    'empty'       => $body . "alphanode post meta\ncode language\n",
    'blank value' => $body . "alphanode post meta\ncode language   \t\n",
    'case'        => $body . "alphanode post meta\nCODE LanguageRust  \n",
    'before code' => "T\n\nalphanode post meta\ncode languagego\n",
    'no meta'     => $body . "code languagego\n",
];
foreach ($cases as $name => $in) {
    $r = anp_parse($in);
    echo $name, ': ', json_encode($r['blocks']), ' ', json_encode($r['meta']), "\n";
}
?>
--EXPECT--
absent: [{"type":"code","text":"x = 1","language":null}] {"topic":"x"}
empty: [{"type":"code","text":"x = 1","language":null}] {"code_language":""}
blank value: [{"type":"code","text":"x = 1","language":null}] {"code_language":""}
case: [{"type":"code","text":"x = 1","language":"Rust"}] {"code_language":"Rust"}
before code: [] {"code_language":"go"}
no meta: [{"type":"code","text":"x = 1","language":null},{"type":"heading","text":"code languagego"}] []
