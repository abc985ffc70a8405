--TEST--
Values that PHP treats as falsy ("0") are ordinary text everywhere: title, heading, image alt/source/url, code language, list items, keys, similar posts
--EXTENSIONS--
anp
--FILE--
<?php
$in = "0\n\n0\n\n0\n0. image source: 0\n\nx = 0\n\n• 0\n\nalphanode post meta\ntopic0\ncode language0\n0\n  • 0\nscore\n  • 0: 0\nimage sources\n    • caption: 0\n    • url: 0\nSimilar Posts\n0";
var_dump(anp_parse($in));
?>
--EXPECT--
array(6) {
  ["title"]=>
  string(1) "0"
  ["blocks"]=>
  array(4) {
    [0]=>
    array(2) {
      ["type"]=>
      string(7) "heading"
      ["text"]=>
      string(1) "0"
    }
    [1]=>
    array(4) {
      ["type"]=>
      string(5) "image"
      ["alt"]=>
      string(1) "0"
      ["source"]=>
      string(1) "0"
      ["url"]=>
      string(1) "0"
    }
    [2]=>
    array(3) {
      ["type"]=>
      string(4) "code"
      ["text"]=>
      string(5) "x = 0"
      ["language"]=>
      string(1) "0"
    }
    [3]=>
    array(2) {
      ["type"]=>
      string(4) "list"
      ["items"]=>
      array(1) {
        [0]=>
        string(1) "0"
      }
    }
  }
  ["meta"]=>
  array(5) {
    ["topic"]=>
    string(1) "0"
    ["code_language"]=>
    string(1) "0"
    [0]=>
    array(1) {
      [0]=>
      string(1) "0"
    }
    ["score"]=>
    array(1) {
      [0]=>
      int(0)
    }
    ["image_sources"]=>
    array(1) {
      [0]=>
      array(2) {
        ["caption"]=>
        string(1) "0"
        ["url"]=>
        string(1) "0"
      }
    }
  }
  ["similar"]=>
  array(1) {
    [0]=>
    string(1) "0"
  }
  ["unparsed"]=>
  array(0) {
  }
  ["warnings"]=>
  array(1) {
    [0]=>
    array(3) {
      ["line"]=>
      int(15)
      ["code"]=>
      string(13) "unknown_field"
      ["message"]=>
      string(31) "unknown field 0; kept as a list"
    }
  }
}
