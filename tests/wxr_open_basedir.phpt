--TEST--
Anp\WxrWriter honours open_basedir: a path outside it is a WxrException on "target"
--EXTENSIONS--
anp
--INI--
open_basedir={PWD}
--FILE--
<?php
$outside = sys_get_temp_dir() . '/anp_wxr_open_basedir_' . getmypid() . '.xml';
try {
    new Anp\WxrWriter($outside);
} catch (Anp\WxrException $e) {
    echo $e->field, ": ", str_replace($outside, 'OUTSIDE', $e->getMessage()), "\n";
}
?>
--EXPECTF--
Warning: Anp\WxrWriter::__construct(): open_basedir restriction in effect. File(%s) is not within the allowed path(s): (%s) in %s on line %d
target: cannot open "OUTSIDE" for writing
