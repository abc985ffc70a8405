--TEST--
Seed 000_f641ce74bd00a729 parses to its full expected array
--EXTENSIONS--
anp
--FILE--
<?php
var_export(anp_parse_file(__DIR__ . '/../samples/000_f641ce74bd00a729.txt'));
?>
--EXPECT--
array (
  'title' => 'production checklist for migrating settings without downtime in python services',
  'blocks' => 
  array (
    0 => 
    array (
      'type' => 'paragraph',
      'text' => 'this is a field note for developers who want a calm, readable solution. the focus is migrating settings without downtime in python services with a docker based staging setup, with checks that can be reused later.',
    ),
    1 => 
    array (
      'type' => 'image',
      'alt' => 'migrating settings without downtime with python services visual reference 1',
      'source' => 'unsplash',
      'url' => 'https://images.unsplash.com/photo-1555949963-aa79dcee981c?auto=format&fit=crop&w=1200&q=80',
    ),
    2 => 
    array (
      'type' => 'heading',
      'text' => 'security and maintenance notes',
    ),
    3 => 
    array (
      'type' => 'paragraph',
      'text' => 'write the final notes immediately after the change ships. include the reason for the change, the files touched, the command used, and the metric that improved. this turns a one-time fix into reusable team knowledge.',
    ),
    4 => 
    array (
      'type' => 'paragraph',
      'text' => 'avoid mixing content decisions with infrastructure decisions. templates, query rules, and cache behavior should be separate enough that changing one does not unexpectedly break the others.',
    ),
    5 => 
    array (
      'type' => 'paragraph',
      'text' => 'security hardening works best as a checklist. confirm permissions, secrets, headers, upload limits, and logging. do not hide security settings inside unrelated code because future reviewers will miss them. for this python services case, keep the owner, expected result, and rollback note in the same place.',
    ),
    6 => 
    array (
      'type' => 'paragraph',
      'text' => 'a good production pattern has a small surface area. it should be easy to test, easy to disable, and easy to explain to another developer in a few minutes. the alphanode approach is to prefer a small verified change over a broad rewrite.',
    ),
    7 => 
    array (
      'type' => 'code',
      'text' => 'from fastapi import FastAPI
app = FastAPI()

@app.get(\'/health\')
def health():
    return {\'ok\': True}',
      'language' => 'python',
    ),
    8 => 
    array (
      'type' => 'heading',
      'text' => 'production checks',
    ),
    9 => 
    array (
      'type' => 'paragraph',
      'text' => 'database changes need extra care. check the existing indexes, inspect the query plan, and test the migration on a copy of real data. the fastest query in development can still become the slowest request in production.',
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
        0 => 'confirm inputs are validated',
        1 => 'check permissions',
        2 => 'add a retry-safe path',
        3 => 'record the expected response',
        4 => 'review the failure mode',
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
      'context' => 'with a docker based staging setup',
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
    'difficulty' => 'advanced',
    'reading_time' => 6,
    'view_count' => 271624,
    'score' => 
    array (
      'quality' => 76,
      'freshness' => 97,
      'depth' => 95,
      'clarity' => 77,
    ),
    'revision' => 
    array (
      'status' => 'expanded',
      'version' => '1.0.9',
      'last_reviewed' => '2017-06-11',
    ),
    'reference' => 'anp-ref-028071-4798',
    'hash' => '1513b292403600198aa33f81',
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
        'name' => 'migrating settings without downtime',
        'type' => 'problem',
      ),
    ),
    'image_sources' => 
    array (
      0 => 
      array (
        'source' => 'unsplash',
        'url' => 'https://images.unsplash.com/photo-1555949963-aa79dcee981c?auto=format&fit=crop&w=1200&q=80',
        'caption' => 'migrating settings without downtime with python services visual reference 1',
      ),
    ),
    'payload' => 
    array (
      'source_id' => 'alphanode-028071',
      'generator' => 'anp content synthesizer',
      'paragraphs' => 6,
      'scenario' => 'with a docker based staging setup',
      'seed' => 28071,
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