--TEST--
Layout: no title (only blank/chrome lines, or a marker where the title should be) is an error on line 1
--EXTENSIONS--
anp
--FILE--
<?php
$cases = [
    "alphanode post meta\ntopicx\n",
    "\n|\n  Similar Posts  \nfoo",
    "ALPHANODE Post META",
    "\t alphanode post meta \t\nreal title later",
    "   \n\t\n",
    "|\n| |\n",
    "\xEF\xBB\xBF\n",
    "\n",
];
foreach ($cases as $in) {
    try {
        anp_parse($in);
        echo json_encode($in), ": no exception\n";
    } catch (Anp\ParseException $e) {
        echo json_encode($in), ': ', $e->getMessage(), ' | ', $e->getPath(), ' | ', $e->getInputLine(), "\n";
    }
}
?>
--EXPECT--
"alphanode post meta\ntopicx\n": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
"\n|\n  Similar Posts  \nfoo": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
"ALPHANODE Post META": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
"\t alphanode post meta \t\nreal title later": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
"   \n\t\n": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
"|\n| |\n": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
"\ufeff\n": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
"\n": input:1: no title; expected a line that is not blank, chrome or a marker | input | 1
