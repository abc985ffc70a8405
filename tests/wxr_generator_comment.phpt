--TEST--
Anp\WxrWriter: the generator comment's text is written raw, less the forbidden characters; a "--" in it, which no XML comment can hold, is a WxrException and nothing is written
--EXTENSIONS--
anp
xmlreader
--FILE--
<?php
require __DIR__ . '/wxr/helpers.inc';
foreach ([['WordPress/6.1.9', '2026-12-07 02:00'], ['a-b-', '"quoted" <&>'], ['x--y', ''], ['', 'a-'. "\x01" . '-b'], ["\xE9", '']] as [$generator, $created]) {
    $path = wxr_tmp('generator.xml');
    $w = new Anp\WxrWriter($path);
    try {
        $w->startChannel(wxr_channel(['generator' => $generator, 'created' => $created]));
        $totals = $w->finish();
        $xml = file_get_contents($path);
        preg_match('~\t<!-- generator=.*-->\n~', $xml, $m);
        echo json_encode($m[0]), " dropped ", $totals['dropped'], "\n";
        wxr_check_wellformed($path);
    } catch (Anp\WxrException $e) {
        echo $e->field, ": ", $e->getMessage(), "; ", $w->bytes(), " bytes\n";
    }
}
wxr_cleanup();
?>
--INI--
pcre.jit=0
--EXPECT--
"\t<!-- generator=\"WordPress\/6.1.9\" created=\"2026-12-07 02:00\" -->\n" dropped 0
"\t<!-- generator=\"a-b-\" created=\"\"quoted\" <&>\" -->\n" dropped 0
channel.generator: "--" in channel.generator at byte 1: an XML comment cannot hold it; 0 bytes
channel.created: "--" in channel.created at byte 1: an XML comment cannot hold it; 0 bytes
channel.generator: invalid UTF-8 in channel.generator at byte 0; 0 bytes
