--TEST--
Seed 001_3498bc74caf2d6dd parses to its full expected array
--EXTENSIONS--
anp
--FILE--
<?php
var_export(anp_parse_file(__DIR__ . '/../samples/001_3498bc74caf2d6dd.txt'));
?>
--EXPECT--
array (
  'title' => 'how to handle migrating settings without downtime in python services',
  'blocks' => 
  array (
    0 => 
    array (
      'type' => 'paragraph',
      'text' => 'a reliable python services setup is less about clever code and more about repeatable habits. in this guide, we look at migrating settings without downtime inside a wordpress workflow and keep the steps focused on production work.',
    ),
    1 => 
    array (
      'type' => 'heading',
      'text' => 'why this matters',
    ),
    2 => 
    array (
      'type' => 'paragraph',
      'text' => 'the first useful improvement is usually visibility. collect the response time, error rate, cache status, and database call count before changing code. if those numbers are not available, add a lightweight log line or health check instead of guessing.',
    ),
    3 => 
    array (
      'type' => 'paragraph',
      'text' => 'for performance work, change one variable at a time. measure the before state, apply the smallest safe change, clear only the cache that matters, and compare the result. this avoids confusing a lucky cache hit with a real fix.',
    ),
    4 => 
    array (
      'type' => 'paragraph',
      'text' => 'start by writing down what the system currently does. include the route, the expected input, the slow query or failing command, and the exact place where the user notices the problem. this small baseline prevents random changes and makes the final result easier to verify. for this python services case, keep the owner, expected result, and rollback note in the same place.',
    ),
    5 => 
    array (
      'type' => 'heading',
      'text' => 'the practical approach',
    ),
    6 => 
    array (
      'type' => 'paragraph',
      'text' => 'keep the implementation boring on purpose. a clear function name, a small configuration array, and one predictable code path will usually survive future maintenance better than a clever abstraction that only one developer understands. the alphanode approach is to prefer a small verified change over a broad rewrite.',
    ),
    7 => 
    array (
      'type' => 'paragraph',
      'text' => 'treat staging as a rehearsal, not just a place to click around. copy the important configuration, test the real deployment command, and confirm that a rollback can be executed without searching through old notes.',
    ),
    8 => 
    array (
      'type' => 'paragraph',
      'text' => 'developer experience also matters. if the setup requires five manual steps, put those steps in a command, a make target, or a short runbook. small automation saves time every time the project is moved to another machine. for this python services case, keep the owner, expected result, and rollback note in the same place.',
    ),
    9 => 
    array (
      'type' => 'paragraph',
      'text' => 'when the feature touches user input, validate at the boundary and keep error messages specific. a good error message should explain what failed, what value was expected, and whether the request can be retried safely.',
    ),
    10 => 
    array (
      'type' => 'heading',
      'text' => 'implementation checklist',
    ),
    11 => 
    array (
      'type' => 'list',
      'items' => 
      array (
        0 => 'review query plans',
        1 => 'add indexes carefully',
        2 => 'test with realistic data',
        3 => 'compare before and after metrics',
        4 => 'document the migration',
      ),
    ),
    12 => 
    array (
      'type' => 'heading',
      'text' => 'final notes',
    ),
    13 => 
    array (
      'type' => 'paragraph',
      'text' => 'the best result is not only a faster or cleaner python services implementation. it is a change that another developer can inspect, understand, and safely repeat. keep the final commands, metrics, and assumptions close to the article so future maintenance is easier.',
    ),
  ),
  'meta' => 
  array (
    'topic' => 'migrating settings without downtime / python services',
    'summary' => 'this ai-style technical summary explains migrating settings without downtime in python services, with emphasis on measurement, safe defaults, rollback planning, and maintainable documentation.',
    'ai_outline' => 
    array (
      'context' => 'inside a wordpress workflow',
      'problem' => 'migrating settings without downtime',
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
    'difficulty' => 'beginner',
    'reading_time' => 9,
    'view_count' => 774328,
    'score' => 
    array (
      'quality' => 78,
      'freshness' => 62,
      'depth' => 74,
      'clarity' => 77,
    ),
    'revision' => 
    array (
      'status' => 'expanded',
      'version' => '1.1.9',
      'last_reviewed' => '2025-03-02',
    ),
    'reference' => 'anp-ref-016093-7723',
    'hash' => '6f38b81a874af1590e6e3cb1',
    'flags' => 
    array (
      'ai_generated_style' => true,
      'has_images' => false,
      'image_heavy' => false,
      'needs_human_review' => false,
    ),
    'checklist' => 
    array (
      0 => 'review query plans',
      1 => 'add indexes carefully',
      2 => 'test with realistic data',
      3 => 'compare before and after metrics',
      4 => 'document the migration',
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
        'name' => 'migrating settings without downtime',
        'type' => 'problem',
      ),
    ),
    'payload' => 
    array (
      'source_id' => 'alphanode-016093',
      'generator' => 'anp content synthesizer',
      'paragraphs' => 8,
      'scenario' => 'inside a wordpress workflow',
      'seed' => 16093,
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