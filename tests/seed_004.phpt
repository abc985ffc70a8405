--TEST--
Seed 004_a6f4f82708a55d84 parses to its full expected array
--EXTENSIONS--
anp
--FILE--
<?php
var_export(anp_parse_file(__DIR__ . '/../samples/004_a6f4f82708a55d84.txt'));
?>
--EXPECT--
array (
  'title' => 'production checklist for creating rollback friendly releases in python services',
  'blocks' => 
  array (
    0 => 
    array (
      'type' => 'paragraph',
      'text' => 'this is a field note for developers who want a calm, readable solution. the focus is creating rollback friendly releases in python services before a major migration, with checks that can be reused later.',
    ),
    1 => 
    array (
      'type' => 'image',
      'alt' => 'creating rollback friendly releases with python services visual reference 1',
      'source' => 'loremflickr.com',
      'url' => 'https://loremflickr.com/1200/630/code,developer?lock=33651',
    ),
    2 => 
    array (
      'type' => 'heading',
      'text' => 'production checks',
    ),
    3 => 
    array (
      'type' => 'paragraph',
      'text' => 'monitoring should answer simple questions quickly: is the service up, is it slow, are jobs failing, and did the last deployment change anything. dashboards are useful only when the signals are easy to understand during pressure.',
    ),
    4 => 
    array (
      'type' => 'paragraph',
      'text' => 'database changes need extra care. check the existing indexes, inspect the query plan, and test the migration on a copy of real data. the fastest query in development can still become the slowest request in production.',
    ),
    5 => 
    array (
      'type' => 'heading',
      'text' => 'implementation checklist',
    ),
    6 => 
    array (
      'type' => 'list',
      'items' => 
      array (
        0 => 'confirm inputs are validated',
        1 => 'check permissions',
        2 => 'add a retry-safe path',
        3 => 'record the expected response',
        4 => 'review the failure mode',
      ),
    ),
    7 => 
    array (
      'type' => 'heading',
      'text' => 'final notes',
    ),
    8 => 
    array (
      'type' => 'paragraph',
      'text' => 'the best result is not only a faster or cleaner python services implementation. it is a change that another developer can inspect, understand, and safely repeat. keep the final commands, metrics, and assumptions close to the article so future maintenance is easier.',
    ),
  ),
  'meta' => 
  array (
    'topic' => 'creating rollback friendly releases / python services',
    'summary' => 'this ai-style technical summary explains creating rollback friendly releases in python services, with emphasis on measurement, safe defaults, rollback planning, and maintainable documentation.',
    'ai_outline' => 
    array (
      'context' => 'before a major migration',
      'problem' => 'creating rollback friendly releases',
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
    'reading_time' => 5,
    'view_count' => 752917,
    'score' => 
    array (
      'quality' => 88,
      'freshness' => 71,
      'depth' => 95,
      'clarity' => 71,
    ),
    'revision' => 
    array (
      'status' => 'expanded',
      'version' => '1.9.4',
      'last_reviewed' => '2021-12-05',
    ),
    'reference' => 'anp-ref-033651-6109',
    'hash' => '4049a1c3b8da06d4abf73397',
    'flags' => 
    array (
      'ai_generated_style' => true,
      'has_images' => true,
      'image_heavy' => false,
      'needs_human_review' => false,
    ),
    'checklist' => 
    array (
      0 => 'confirm inputs are validated',
      1 => 'check permissions',
      2 => 'add a retry-safe path',
      3 => 'record the expected response',
      4 => 'review the failure mode',
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
        'name' => 'creating rollback friendly releases',
        'type' => 'problem',
      ),
    ),
    'image_sources' => 
    array (
      0 => 
      array (
        'source' => 'loremflickr.com',
        'url' => 'https://loremflickr.com/1200/630/code,developer?lock=33651',
        'caption' => 'creating rollback friendly releases with python services visual reference 1',
      ),
    ),
    'payload' => 
    array (
      'source_id' => 'alphanode-033651',
      'generator' => 'anp content synthesizer',
      'paragraphs' => 3,
      'scenario' => 'before a major migration',
      'seed' => 33651,
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