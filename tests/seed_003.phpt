--TEST--
Seed 003_d3057a04730568fb parses to its full expected array
--EXTENSIONS--
anp
--FILE--
<?php
var_export(anp_parse_file(__DIR__ . '/../samples/003_d3057a04730568fb.txt'));
?>
--EXPECT--
array (
  'title' => 'python services notes: keeping staging close to production before a major migration: real project edition',
  'blocks' => 
  array (
    0 => 
    array (
      'type' => 'paragraph',
      'text' => 'when a project grows, keeping staging close to production stops being a small cleanup task and becomes part of the way the team ships software. this alphanode note walks through a practical approach to python services before a major migration.',
    ),
    1 => 
    array (
      'type' => 'image',
      'alt' => 'keeping staging close to production with python services visual reference 1',
      'source' => 'picsum.photos',
      'url' => 'https://picsum.photos/seed/anp-031880/1200/630',
    ),
    2 => 
    array (
      'type' => 'heading',
      'text' => 'the practical approach',
    ),
    3 => 
    array (
      'type' => 'paragraph',
      'text' => 'treat staging as a rehearsal, not just a place to click around. copy the important configuration, test the real deployment command, and confirm that a rollback can be executed without searching through old notes.',
    ),
    4 => 
    array (
      'type' => 'paragraph',
      'text' => 'keep the implementation boring on purpose. a clear function name, a small configuration array, and one predictable code path will usually survive future maintenance better than a clever abstraction that only one developer understands.',
    ),
    5 => 
    array (
      'type' => 'paragraph',
      'text' => 'when the feature touches user input, validate at the boundary and keep error messages specific. a good error message should explain what failed, what value was expected, and whether the request can be retried safely. for this python services case, keep the owner, expected result, and rollback note in the same place.',
    ),
    6 => 
    array (
      'type' => 'paragraph',
      'text' => 'developer experience also matters. if the setup requires five manual steps, put those steps in a command, a make target, or a short runbook. small automation saves time every time the project is moved to another machine. the alphanode approach is to prefer a small verified change over a broad rewrite.',
    ),
    7 => 
    array (
      'type' => 'heading',
      'text' => 'why this matters',
    ),
    8 => 
    array (
      'type' => 'paragraph',
      'text' => 'the first useful improvement is usually visibility. collect the response time, error rate, cache status, and database call count before changing code. if those numbers are not available, add a lightweight log line or health check instead of guessing.',
    ),
    9 => 
    array (
      'type' => 'heading',
      'text' => 'implementation checklist',
    ),
    10 => 
    array (
      'type' => 'list',
      'items' => 
      array (
        0 => 'capture the current behavior',
        1 => 'create a safe backup',
        2 => 'test the smallest change',
        3 => 'watch logs after release',
        4 => 'write the final note',
      ),
    ),
    11 => 
    array (
      'type' => 'heading',
      'text' => 'final notes',
    ),
    12 => 
    array (
      'type' => 'paragraph',
      'text' => 'the best result is not only a faster or cleaner python services implementation. it is a change that another developer can inspect, understand, and safely repeat. keep the final commands, metrics, and assumptions close to the article so future maintenance is easier.',
    ),
  ),
  'meta' => 
  array (
    'topic' => 'keeping staging close to production / python services',
    'summary' => 'this ai-style technical summary explains keeping staging close to production in python services, with emphasis on measurement, safe defaults, rollback planning, and maintainable documentation.',
    'ai_outline' => 
    array (
      'context' => 'before a major migration',
      'problem' => 'keeping staging close to production',
      'stack' => 'python services',
      'recommended_action' => 'measure first, change carefully, document the result',
    ),
    'ai_brief' => 'the article is written like a careful ai generated engineering draft: it explains the reason for the change, lists operational checks, and avoids pretending that one command fixes every production case.',
    'stack' => 
    array (
      0 => 'python services',
      1 => 'backend',
      2 => 'python',
    ),
    'tools' => 
    array (
      0 => 'fastapi',
      1 => 'pytest',
      2 => 'uvicorn',
      3 => 'ruff',
      4 => 'git',
      5 => 'logs',
    ),
    'code_language' => 'python',
    'difficulty' => 'intermediate',
    'reading_time' => 10,
    'view_count' => 52419,
    'score' => 
    array (
      'quality' => 95,
      'freshness' => 61,
      'depth' => 96,
      'clarity' => 82,
    ),
    'revision' => 
    array (
      'status' => 'reviewed',
      'version' => '1.3.5',
      'last_reviewed' => '2017-11-06',
    ),
    'reference' => 'anp-ref-031880-7927',
    'hash' => '716421b648d2870e18e418ea',
    'flags' => 
    array (
      'ai_generated_style' => true,
      'has_images' => true,
      'image_heavy' => false,
      'needs_human_review' => false,
    ),
    'checklist' => 
    array (
      0 => 'capture the current behavior',
      1 => 'create a safe backup',
      2 => 'test the smallest change',
      3 => 'watch logs after release',
      4 => 'write the final note',
    ),
    'entities' => 
    array (
      0 => 
      array (
        'name' => 'python services',
        'type' => 'stack',
      ),
      1 => 
      array (
        'name' => 'backend',
        'type' => 'area',
      ),
      2 => 
      array (
        'name' => 'keeping staging close to production',
        'type' => 'problem',
      ),
    ),
    'image_sources' => 
    array (
      0 => 
      array (
        'source' => 'picsum.photos',
        'url' => 'https://picsum.photos/seed/anp-031880/1200/630',
        'caption' => 'keeping staging close to production with python services visual reference 1',
      ),
    ),
    'payload' => 
    array (
      'source_id' => 'alphanode-031880',
      'generator' => 'anp content synthesizer',
      'paragraphs' => 6,
      'scenario' => 'before a major migration',
      'seed' => 31880,
    ),
    'notes' => 
    array (
      0 => 'sanitized array meta is expected to render as a list in the frontend box',
      1 => 'view count is synthetic and only used for testing meta volume',
      2 => 'content is generated for import/load testing and should be reviewed before indexing',
    ),
  ),
  'similar' => 
  array (
  ),
  'unparsed' => 
  array (
  ),
  'warnings' => 
  array (
  ),
)