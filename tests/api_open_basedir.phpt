--TEST--
anp_parse_file() honours open_basedir
--EXTENSIONS--
anp
--INI--
open_basedir={PWD}
--FILE--
<?php
try {
    anp_parse_file('/etc/hostname');
} catch (Anp\ParseException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
Warning: anp_parse_file(): open_basedir restriction in effect. File(/etc/hostname) is not within the allowed path(s): (%s) in %s on line %d
/etc/hostname:1: cannot read the file; expected a readable ANP file
