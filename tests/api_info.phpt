--TEST--
phpinfo() shows the extension's version and libxml2's compiled and loaded versions
--EXTENSIONS--
anp
--FILE--
<?php
$ext = new ReflectionExtension('anp');
ob_start();
$ext->info();
$info = ob_get_clean();
echo $info;
var_dump($ext->getVersion() === phpversion('anp'));
var_dump(in_array('libxml', array_keys($ext->getDependencies()), true));
var_dump(str_contains($info, 'libxml2 compiled version => ' . LIBXML_DOTTED_VERSION));
?>
--EXPECTF--
anp

anp support => enabled
anp version => %d.%d.%d
libxml2 compiled version => %d.%d.%d
libxml2 loaded version => %d.%d.%d
bool(true)
bool(true)
bool(true)
