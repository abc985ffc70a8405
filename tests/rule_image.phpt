--TEST--
Body: image pairs (lines compared trimmed, source trimmed and non-empty) and their url from meta image_sources (first caption match wins, null when none or no url)
--EXTENSIONS--
anp
--FILE--
<?php
$in = <<<TXT
T

cap one
cap one. image source: unsplash

  cap two  
cap two. image source:   picsum.photos   

cap three
cap three. image source: nowhere

cap four
cap four. image source:   

cap five
cap five. image source: x
extra line

cap six
other. image source: x

photo (1)
photo (1). image source: s

Cap One
Cap One. image source: z

cap eight
cap eight. image source: e

cap one
cap one.image source: y

alphanode post meta
image sources
    • source: a
    • url: https://example.com/one-first.jpg
    • caption: cap one
    • source: b
    • url: https://example.com/one-second.jpg
    • caption: cap one
    • caption: cap two
    • url: https://example.com/two.jpg
    • caption: photo (1)
    • source: s
    • caption: cap eight
    • caption: cap eight
    • url: https://example.com/eight-later.jpg
TXT;
$r = anp_parse($in);
var_export($r['blocks']);
echo "\n";
var_export($r['warnings']);
echo "\n";
echo count($r['meta']['image_sources']), "\n";
?>
--EXPECT--
array (
  0 => 
  array (
    'type' => 'image',
    'alt' => 'cap one',
    'source' => 'unsplash',
    'url' => 'https://example.com/one-first.jpg',
  ),
  1 => 
  array (
    'type' => 'image',
    'alt' => 'cap two',
    'source' => 'picsum.photos',
    'url' => 'https://example.com/two.jpg',
  ),
  2 => 
  array (
    'type' => 'image',
    'alt' => 'cap three',
    'source' => 'nowhere',
    'url' => NULL,
  ),
  3 => 
  array (
    'type' => 'paragraph',
    'text' => 'cap four cap four. image source:',
  ),
  4 => 
  array (
    'type' => 'paragraph',
    'text' => 'cap five cap five. image source: x extra line',
  ),
  5 => 
  array (
    'type' => 'paragraph',
    'text' => 'cap six other. image source: x',
  ),
  6 => 
  array (
    'type' => 'image',
    'alt' => 'photo (1)',
    'source' => 's',
    'url' => NULL,
  ),
  7 => 
  array (
    'type' => 'image',
    'alt' => 'Cap One',
    'source' => 'z',
    'url' => NULL,
  ),
  8 => 
  array (
    'type' => 'image',
    'alt' => 'cap eight',
    'source' => 'e',
    'url' => NULL,
  ),
  9 => 
  array (
    'type' => 'paragraph',
    'text' => 'cap one cap one.image source: y',
  ),
)
array (
)
6
