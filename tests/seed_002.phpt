--TEST--
Seed 002_17971804b43db413 parses to its full expected array
--EXTENSIONS--
anp
--FILE--
<?php
var_export(anp_parse_file(__DIR__ . '/../samples/002_17971804b43db413.txt'));
?>
--EXPECT--
array (
  'title' => 'production checklist for building safer deployment steps in python services',
  'blocks' => 
  array (
    0 => 
    array (
      'type' => 'paragraph',
      'text' => 'this is a field note for developers who want a calm, readable solution. the focus is building safer deployment steps in python services while keeping the admin area responsive, with checks that can be reused later.',
    ),
    1 => 
    array (
      'type' => 'heading',
      'text' => 'production checks',
    ),
    2 => 
    array (
      'type' => 'paragraph',
      'text' => 'cache rules should be written for people who will debug them later. name the rule, document the bypass conditions, and include examples of pages that should and should not be cached.',
    ),
    3 => 
    array (
      'type' => 'paragraph',
      'text' => 'database changes need extra care. check the existing indexes, inspect the query plan, and test the migration on a copy of real data. the fastest query in development can still become the slowest request in production.',
    ),
    4 => 
    array (
      'type' => 'paragraph',
      'text' => 'large content sites need predictable background work. queues, cron events, and import scripts should be idempotent, logged, and safe to run again. that makes recovery much easier when a request stops halfway through. for this python services case, keep the owner, expected result, and rollback note in the same place.',
    ),
    5 => 
    array (
      'type' => 'paragraph',
      'text' => 'monitoring should answer simple questions quickly: is the service up, is it slow, are jobs failing, and did the last deployment change anything. dashboards are useful only when the signals are easy to understand during pressure. the alphanode approach is to prefer a small verified change over a broad rewrite.',
    ),
    6 => 
    array (
      'type' => 'code',
      'text' => 'from fastapi import FastAPI
app = FastAPI()

@app.get(\'/health\')
def health():
    return {\'ok\': True}',
      'language' => 'python',
    ),
    7 => 
    array (
      'type' => 'heading',
      'text' => 'why this matters',
    ),
    8 => 
    array (
      'type' => 'paragraph',
      'text' => 'for performance work, change one variable at a time. measure the before state, apply the smallest safe change, clear only the cache that matters, and compare the result. this avoids confusing a lucky cache hit with a real fix.',
    ),
    9 => 
    array (
      'type' => 'paragraph',
      'text' => 'start by writing down what the system currently does. include the route, the expected input, the slow query or failing command, and the exact place where the user notices the problem. this small baseline prevents random changes and makes the final result easier to verify. for this python services case, keep the owner, expected result, and rollback note in the same place.',
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
    'topic' => 'building safer deployment steps / python services',
    'summary' => 'this ai-style technical summary explains building safer deployment steps in python services, with emphasis on measurement, safe defaults, rollback planning, and maintainable documentation.',
    'ai_outline' => 
    array (
      'context' => 'while keeping the admin area responsive',
      'problem' => 'building safer deployment steps',
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
    'view_count' => 760802,
    'score' => 
    array (
      'quality' => 87,
      'freshness' => 85,
      'depth' => 97,
      'clarity' => 97,
    ),
    'revision' => 
    array (
      'status' => 'drafted',
      'version' => '1.7.4',
      'last_reviewed' => '2024-02-06',
    ),
    'reference' => 'anp-ref-019503-6154',
    'hash' => 'b8f480553439a82e632d1fcf',
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
        'name' => 'building safer deployment steps',
        'type' => 'problem',
      ),
    ),
    'payload' => 
    array (
      'source_id' => 'alphanode-019503',
      'generator' => 'anp content synthesizer',
      'paragraphs' => 7,
      'scenario' => 'while keeping the admin area responsive',
      'seed' => 19503,
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