<?php
/**
 * Deterministic generator of ANP ("alphanode post") files for tests and
 * benchmarks.
 *
 * Every generated file follows the layout of the real samples in
 * samples/ (see docs/format.md): an optional chrome line, the
 * title, body blocks, the `alphanode post meta` marker, the meta fields in
 * the seeds' order and shapes, and the `Similar Posts` trailer with no final
 * newline.
 *
 * The output depends only on the seed given to the constructor and on the
 * index of the file: `generate()` draws from its own small PRNG (mulberry32,
 * seeded by hashing seed and index), never from mt_rand() or rand(), whose
 * state is global and whose algorithms changed between PHP versions. All
 * arithmetic stays below 2^53 on non-negative integers, so the bytes are
 * the same on every 64-bit PHP 7.4+ build.
 *
 * No dependencies, no WordPress.
 *
 * @package Anp
 */

/**
 * Builds synthetic ANP post files, one per index.
 */
class Anp_Corpus_Generator {

	/**
	 * Ids (the NNNNNN of `alphanode-NNNNNN`) below this are a permutation of
	 * the index, so they look random like the seeds' ids yet never repeat.
	 */
	const ID_SPACE = 1000000;

	/**
	 * Roughly one file in this many is a big one, with many paragraphs.
	 */
	const BIG_ONE_IN = 50;

	/**
	 * Percent chance of each optional feature.
	 */
	const CHANCE_CHROME          = 50;
	const CHANCE_CODE            = 75;
	const CHANCE_UNICODE_TITLE   = 15;
	const CHANCE_SIMILAR         = 45;
	const CHANCE_SUFFIX          = 30;
	const CHANCE_EARLY_LIST      = 15;
	const CHANCE_LEAD_IMAGE      = 75;
	const CHANCE_UNICODE_HEAD    = 5;
	const CHANCE_SECOND_CODE     = 50;
	const CHANCE_REVIEW_NEEDED   = 10;
	const CHANCE_NOT_AI_STYLE    = 10;
	const CHANCE_LANGUAGE_ENTITY = 25;

	/**
	 * Marker lines of the format.
	 */
	const META_MARKER    = 'alphanode post meta';
	const TRAILER_MARKER = 'Similar Posts';

	/**
	 * Technology stacks: display name, area, code language, tools.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	private static $stacks = array(
		array(
			'name'     => 'python services',
			'area'     => 'backend',
			'language' => 'python',
			'tools'    => array( 'fastapi', 'pytest', 'uvicorn', 'ruff', 'git', 'logs' ),
		),
		array(
			'name'     => 'wordpress sites',
			'area'     => 'cms',
			'language' => 'php',
			'tools'    => array( 'wp-cli', 'composer', 'query monitor', 'redis', 'git', 'logs' ),
		),
		array(
			'name'     => 'laravel apps',
			'area'     => 'backend',
			'language' => 'php',
			'tools'    => array( 'composer', 'artisan', 'phpunit', 'horizon', 'git', 'logs' ),
		),
		array(
			'name'     => 'node apis',
			'area'     => 'backend',
			'language' => 'javascript',
			'tools'    => array( 'npm', 'express', 'jest', 'pm2', 'eslint', 'git' ),
		),
		array(
			'name'     => 'react frontends',
			'area'     => 'frontend',
			'language' => 'javascript',
			'tools'    => array( 'vite', 'react testing library', 'eslint', 'npm', 'lighthouse', 'git' ),
		),
		array(
			'name'     => 'go microservices',
			'area'     => 'backend',
			'language' => 'go',
			'tools'    => array( 'go test', 'golangci-lint', 'docker', 'prometheus', 'pprof', 'git' ),
		),
		array(
			'name'     => 'postgres databases',
			'area'     => 'database',
			'language' => 'sql',
			'tools'    => array( 'psql', 'pg_dump', 'explain analyze', 'pgbadger', 'backups', 'logs' ),
		),
		array(
			'name'     => 'mysql reporting',
			'area'     => 'database',
			'language' => 'sql',
			'tools'    => array( 'mysql', 'mysqldump', 'explain', 'percona toolkit', 'backups', 'logs' ),
		),
		array(
			'name'     => 'linux servers',
			'area'     => 'infrastructure',
			'language' => 'bash',
			'tools'    => array( 'ssh', 'systemd', 'journalctl', 'rsync', 'cron', 'logs' ),
		),
		array(
			'name'     => 'docker deployments',
			'area'     => 'devops',
			'language' => 'bash',
			'tools'    => array( 'docker', 'docker compose', 'github actions', 'trivy', 'git', 'logs' ),
		),
		array(
			'name'     => 'kubernetes clusters',
			'area'     => 'devops',
			'language' => 'yaml',
			'tools'    => array( 'kubectl', 'helm', 'k9s', 'prometheus', 'grafana', 'git' ),
		),
		array(
			'name'     => 'rust cli tools',
			'area'     => 'tooling',
			'language' => 'rust',
			'tools'    => array( 'cargo', 'clippy', 'rustfmt', 'criterion', 'git' ),
		),
		array(
			'name'     => 'rails apps',
			'area'     => 'backend',
			'language' => 'ruby',
			'tools'    => array( 'bundler', 'rspec', 'sidekiq', 'rubocop', 'git', 'logs' ),
		),
		array(
			'name'     => 'spring boot services',
			'area'     => 'backend',
			'language' => 'java',
			'tools'    => array( 'maven', 'junit', 'actuator', 'flyway', 'git', 'logs' ),
		),
	);

	/**
	 * Problems a post is about; all gerunds so every title template reads.
	 *
	 * @var string[]
	 */
	private static $problems = array(
		'migrating settings without downtime',
		'building safer deployment steps',
		'keeping staging close to production',
		'creating rollback friendly releases',
		'reducing slow database queries',
		'caching api responses safely',
		'handling background jobs reliably',
		'rotating secrets without outages',
		'debugging memory leaks in production',
		'cleaning up legacy configuration',
		'speeding up the build pipeline',
		'tracing failed requests end to end',
		'importing large content batches',
		'hardening file uploads',
		'scheduling maintenance windows',
		'upgrading dependencies with confidence',
		'writing useful health checks',
		'splitting a monolith into services',
	);

	/**
	 * Scenarios: the context phrase that follows the problem.
	 *
	 * @var string[]
	 */
	private static $scenarios = array(
		'with a docker based staging setup',
		'inside a wordpress workflow',
		'while keeping the admin area responsive',
		'before a major migration',
		'on a small team with limited time',
		'during a traffic spike',
		'after a failed release',
		'with shared hosting limits',
		'across several environments',
		'under strict uptime targets',
		'with a legacy codebase',
		'in a multi region setup',
	);

	/**
	 * Title templates; {p} problem, {s} stack, {c} scenario.
	 *
	 * @var string[]
	 */
	private static $title_templates = array(
		'production checklist for {p} in {s}',
		'how to handle {p} in {s}',
		'{s} notes: {p} {c}: real project edition',
		'a practical guide to {p} for {s}',
		'{p} in {s}, step by step',
		'lessons learned from {p} {c}',
		'what changed when we started {p} in {s}',
		'{s}: {p} without surprises',
		'field notes on {p} for {s} teams',
	);

	/**
	 * Non-ASCII title decorations, so that parsers and importers meet
	 * accents, CJK, emoji (one with a ZWJ sequence) and a combining accent.
	 *
	 * @var string[]
	 */
	private static $unicode_suffixes = array(
		' — édition pratique',
		' · notes de l’équipe',
		' (überarbeitet für größere teams)',
		' – guía rápida en español',
		' 本番環境メモ',
		' 生产环境实践笔记',
		' 운영 노트',
		' – ελληνική έκδοση',
		' 🚀',
		' ✅ checklist',
		' 👩‍💻 pair review',
		' — nai' . "\u{0308}" . 've cafe' . "\u{0301}" . ' edition',
		' — заметки по выпуску',
	);

	/**
	 * Opening paragraphs, as in the seeds.
	 *
	 * @var string[]
	 */
	private static $intros = array(
		'this is a field note for developers who want a calm, readable solution. the focus is {p} in {s} {c}, with checks that can be reused later.',
		'a reliable {s} setup is less about clever code and more about repeatable habits. in this guide, we look at {p} {c} and keep the steps focused on production work.',
		'when a project grows, {p} stops being a small cleanup task and becomes part of the way the team ships software. this alphanode note walks through a practical approach to {s} {c}.',
		'most teams meet {p} at the worst possible moment. this note collects the steps that worked for {s} {c}, in the order we would repeat them.',
		'{p} sounds simple until the first incident. here is how we approach it in {s} {c}, with the checks we now run every time.',
	);

	/**
	 * Closing paragraphs, under the `final notes` heading.
	 *
	 * @var string[]
	 */
	private static $closings = array(
		'the best result is not only a faster or cleaner {s} implementation. it is a change that another developer can inspect, understand, and safely repeat. keep the final commands, metrics, and assumptions close to the article so future maintenance is easier.',
		'none of these steps is clever, and that is the point. a {s} change that is measured, small, and written down is a change the next developer can trust and repeat without calling you first.',
		'the work is done when the numbers agree and the notes are written. keep the commands, the before and after metrics, and the rollback steps next to the code so that {p} stays easy the next time.',
	);

	/**
	 * Body paragraphs. None holds a code-like character, so a parser can
	 * never mistake one for code, and all end with a full stop.
	 *
	 * @var string[]
	 */
	private static $paragraphs = array(
		'write the final notes immediately after the change ships. include the reason for the change, the files touched, the command used, and the metric that improved. this turns a one-time fix into reusable team knowledge.',
		'avoid mixing content decisions with infrastructure decisions. templates, query rules, and cache behavior should be separate enough that changing one does not unexpectedly break the others.',
		'security hardening works best as a checklist. confirm permissions, secrets, headers, upload limits, and logging. do not hide security settings inside unrelated code because future reviewers will miss them.',
		'a good production pattern has a small surface area. it should be easy to test, easy to disable, and easy to explain to another developer in a few minutes.',
		'database changes need extra care. check the existing indexes, inspect the query plan, and test the migration on a copy of real data. the fastest query in development can still become the slowest request in production.',
		'the first useful improvement is usually visibility. collect the response time, error rate, cache status, and database call count before changing code. if those numbers are not available, add a lightweight log line or health check instead of guessing.',
		'for performance work, change one variable at a time. measure the before state, apply the smallest safe change, clear only the cache that matters, and compare the result. this avoids confusing a lucky cache hit with a real fix.',
		'start by writing down what the system currently does. include the route, the expected input, the slow query or failing command, and the exact place where the user notices the problem. this small baseline prevents random changes and makes the final result easier to verify.',
		'keep the implementation boring on purpose. a clear function name, a small configuration array, and one predictable code path will usually survive future maintenance better than a clever abstraction that only one developer understands.',
		'treat staging as a rehearsal, not just a place to click around. copy the important configuration, test the real deployment command, and confirm that a rollback can be executed without searching through old notes.',
		'developer experience also matters. if the setup requires five manual steps, put those steps in a command, a make target, or a short runbook. small automation saves time every time the project is moved to another machine.',
		'when the feature touches user input, validate at the boundary and keep error messages specific. a good error message should explain what failed, what value was expected, and whether the request can be retried safely.',
		'cache rules should be written for people who will debug them later. name the rule, document the bypass conditions, and include examples of pages that should and should not be cached.',
		'large content sites need predictable background work. queues, cron events, and import scripts should be idempotent, logged, and safe to run again. that makes recovery much easier when a request stops halfway through.',
		'monitoring should answer simple questions quickly: is the service up, is it slow, are jobs failing, and did the last deployment change anything. dashboards are useful only when the signals are easy to understand during pressure.',
		'rollback plans are only real when they have been tried. run the rollback once on staging, time it, and write down every manual step that was needed along the way.',
		'feature flags make risky changes smaller. ship the new path disabled, enable it for a small share of traffic, and keep the old path until the metrics agree that the new one is better.',
		'dependency upgrades are easier in small steps. read the changelog, upgrade one package at a time, run the full test suite, and keep the lock file change in its own commit.',
		'logs are most useful when they are boring and consistent. use the same field names everywhere, include a request id, and avoid logging secrets or full personal data.',
		'timeouts deserve explicit values. a missing timeout turns a slow dependency into a stuck worker, and a stuck worker turns a small incident into a full outage.',
		'code review is a good place to catch operational gaps. ask how the change is deployed, how it is monitored, and how it is turned off if something goes wrong.',
		'documentation does not need to be long to be useful. a short page with the purpose, the commands, and the known limits is read far more often than a complete manual.',
		'capacity problems rarely appear all at once. watch the slow growth of queue length, memory use, and disk space, and set alerts well before the hard limits.',
		'small teams benefit the most from repeatable releases. a release script that runs the same checks every time removes a whole class of late night mistakes.',
		'access control should follow the principle of least privilege. give each service and each person only the permissions they need, and review those permissions on a regular schedule.',
		'test data should look like production data without being production data. generate realistic volumes and shapes, and never copy real personal data into a shared environment.',
		'health checks should test what users depend on. a check that only answers ok from a static route hides a broken database connection until the first real request fails.',
		'for {s}, the most common source of trouble is an assumption nobody wrote down. list the assumptions behind {p} and check each one against the real environment.',
		'the same approach works beyond {s}. the details change, but measuring first, changing one thing, and writing down the result applies to almost every production system.',
		'a “soft launch” is still a launch. the café team learned this the hard way — the résumé upload broke for ten minutes, and only the naïve smoke test noticed it.',
	);

	/**
	 * Sentences appended to some paragraphs, as the seeds do.
	 *
	 * @var string[]
	 */
	private static $suffixes = array(
		' for this {s} case, keep the owner, expected result, and rollback note in the same place.',
		' the alphanode approach is to prefer a small verified change over a broad rewrite.',
		' in {s} projects this usually takes less than an hour once the baseline exists.',
	);

	/**
	 * Section headings: short, no final punctuation, no code-like character.
	 *
	 * @var string[]
	 */
	private static $headings = array(
		'security and maintenance notes',
		'production checks',
		'why this matters',
		'the practical approach',
		'measuring the baseline',
		'rolling out the change',
		'common mistakes',
		'testing before release',
		'monitoring after release',
		'what to write down',
		'rollback strategy',
		'performance notes',
		'working with the team',
		'edge cases worth checking',
	);

	/**
	 * Rare non-ASCII headings.
	 *
	 * @var string[]
	 */
	private static $unicode_headings = array(
		'notes de déploiement',
		'本番環境のチェック',
		'überprüfung nach dem release',
		'✅ quick wins',
	);

	/**
	 * Headings above the bullet list; the seeds always use the first.
	 *
	 * @var string[]
	 */
	private static $list_headings = array(
		'implementation checklist',
		'implementation checklist',
		'implementation checklist',
		'release checklist',
		'before you ship',
	);

	/**
	 * Checklists; the body list and the `checklist` meta field share one.
	 *
	 * @var array<int, string[]>
	 */
	private static $checklists = array(
		array( 'confirm inputs are validated', 'check permissions', 'add a retry-safe path', 'record the expected response', 'review the failure mode' ),
		array( 'review query plans', 'add indexes carefully', 'test with realistic data', 'compare before and after metrics', 'document the migration' ),
		array( 'capture the current behavior', 'create a safe backup', 'test the smallest change', 'watch logs after release', 'write the final note' ),
		array( 'read the changelog', 'upgrade one package at a time', 'run the full test suite', 'keep the lock file in its own commit', 'pin the versions that matter' ),
		array( 'set explicit timeouts', 'add a health check', 'alert before hard limits', 'log a request id', 'rehearse the rollback' ),
		array( 'rotate the credentials', 'limit each service to its own permissions', 'remove unused accounts', 'check upload limits', 'review security headers' ),
	);

	/**
	 * Variants of the `summary` meta value.
	 *
	 * @var string[]
	 */
	private static $summaries = array(
		'this ai-style technical summary explains {p} in {s}, with emphasis on measurement, safe defaults, rollback planning, and maintainable documentation.',
		'this ai-style technical summary explains {p} in {s}, with emphasis on measurement, safe defaults, rollback planning, and maintainable documentation.',
		'a short technical summary of {p} for {s}: what to measure, what to change, and how to roll it back.',
		'this summary covers {p} in {s} {c}, focusing on small verified changes and clear notes for the next developer.',
	);

	/**
	 * Variants of the `ai brief` meta value.
	 *
	 * @var string[]
	 */
	private static $briefs = array(
		'the article is written like a careful ai generated engineering draft: it explains the reason for the change, lists operational checks, and avoids pretending that one command fixes every production case.',
		'the article is written like a careful ai generated engineering draft: it explains the reason for the change, lists operational checks, and avoids pretending that one command fixes every production case.',
		'the draft reads like a cautious engineering note: it names the risk, shows one small change, and lists what to watch after the release.',
	);

	/**
	 * Variants of `ai outline` / `recommended action`.
	 *
	 * @var string[]
	 */
	private static $actions = array(
		'measure first, change carefully, document the result',
		'measure first, change carefully, document the result',
		'ship behind a flag, watch the metrics, remove the old path',
		'rehearse on staging, release in small steps, keep the rollback ready',
	);

	/**
	 * Values of `revision` / `status`.
	 *
	 * @var string[]
	 */
	private static $statuses = array( 'expanded', 'drafted', 'reviewed', 'published', 'rewritten' );

	/**
	 * Values of `difficulty`.
	 *
	 * @var string[]
	 */
	private static $difficulties = array( 'beginner', 'intermediate', 'advanced' );

	/**
	 * The `notes` meta list, identical in every seed.
	 *
	 * @var string[]
	 */
	private static $notes = array(
		'sanitized array meta is expected to render as a list in the frontend box',
		'view count is synthetic and only used for testing meta volume',
		'content is generated for import/load testing and should be reviewed before indexing',
	);

	/**
	 * Keyword pairs of loremflickr.com URLs.
	 *
	 * @var string[]
	 */
	private static $flickr_keywords = array( 'code,developer', 'server,computer', 'laptop,programming', 'office,technology' );

	/**
	 * Code snippets by language. Each snippet is one or more chunks that
	 * a parser classifies as code: every run of non-blank lines holds at
	 * least one code-like line (leading space, or one of ( ) { } [ ] ; = < >
	 * $ @ # or a backtick). Indentation is spaces: files hold no tab.
	 *
	 * @var array<string, string[]>
	 */
	private static $snippets = array(
		'python'     => array(
			"from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/health')\ndef health():\n    return {'ok': True}",
			"import logging\nlogger = logging.getLogger(__name__)\n\ndef migrate_settings(old, new):\n    for key, value in old.items():\n        new.setdefault(key, value)\n    logger.info('migrated %d keys', len(old))\n    return new",
			"# run the checks before the release\ndef test_health(client):\n    response = client.get('/health')\n    assert response.status_code == 200",
			"@dataclass\nclass Settings:\n    database_url: str\n    cache_ttl: int = 300",
			"\$ python -m pytest -q\n\$ ruff check .",
		),
		'javascript' => array(
			"const express = require('express');\nconst app = express();\n\napp.get('/health', (req, res) => {\n  res.json({ ok: true });\n});",
			"async function fetchWithTimeout(url, ms = 5000) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), ms);\n  try {\n    return await fetch(url, { signal: controller.signal });\n  } finally {\n    clearTimeout(timer);\n  }\n}",
			"{\n  \"scripts\": {\n    \"test\": \"jest\",\n    \"lint\": \"eslint src\"\n  }\n}",
			"// retry a job at most three times\nexport const retry = async (job, attempts = 3) => {\n  for (let i = 0; i < attempts; i++) {\n    try { return await job(); } catch (err) { if (i === attempts - 1) throw err; }\n  }\n};",
			"\$ npm ci\n\$ npm test -- --runInBand",
		),
		'php'        => array(
			"<?php\nadd_action( 'init', function () {\n    if ( ! get_option( 'anp_settings_migrated' ) ) {\n        anp_migrate_settings();\n    }\n} );",
			"\$settings = get_option( 'anp_settings', array() );\n\n\$settings['cache_ttl'] = 300;\nupdate_option( 'anp_settings', \$settings );",
			"public function handle(): void\n{\n    DB::transaction(function () {\n        \$this->migrate();\n    });\n}",
			"\$ composer install --no-dev\n\$ wp cache flush",
			"# keep the query small\n\$posts = get_posts( array( 'numberposts' => 20, 'fields' => 'ids' ) );",
		),
		'bash'       => array(
			"#!/usr/bin/env bash\nset -euo pipefail\n\nbackup_dir=\"/var/backups/\$(date +%F)\"\nmkdir -p \"\$backup_dir\"",
			"\$ docker compose up -d\n\$ docker compose logs -f web",
			"for host in web1 web2 web3; do\n    ssh \"\$host\" 'systemctl status app --no-pager'\ndone",
			"# roll back to the previous release\nln -sfn /srv/app/releases/previous /srv/app/current\nsudo systemctl reload php-fpm",
			"if [ -z \"\${DATABASE_URL:-}\" ]; then\n    echo \"DATABASE_URL is missing\" >&2\n    exit 1\nfi",
		),
		'sql'        => array(
			"EXPLAIN ANALYZE\nSELECT id, title\nFROM posts\nWHERE status = 'publish'\nORDER BY created_at DESC\nLIMIT 20;",
			"CREATE INDEX CONCURRENTLY idx_posts_status_created\n    ON posts (status, created_at);",
			"BEGIN;\nUPDATE settings SET value = 'on' WHERE name = 'maintenance';\nCOMMIT;",
			"-- find the slowest queries first\nSELECT query, calls, mean_exec_time\nFROM pg_stat_statements\nORDER BY mean_exec_time DESC\nLIMIT 10;",
			"SET @cutoff = NOW() - INTERVAL 30 DAY;\n\nDELETE FROM job_log\nWHERE created_at < @cutoff;",
		),
		'go'         => array(
			"package main\nimport (\n    \"log\"\n    \"net/http\"\n)",
			"func health(w http.ResponseWriter, r *http.Request) {\n    w.WriteHeader(http.StatusOK)\n    w.Write([]byte(\"ok\"))\n}",
			"ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)\ndefer cancel()",
			"\$ go test ./...\n\$ golangci-lint run",
			"// start the server with explicit timeouts\nsrv := &http.Server{\n    Addr:         \":8080\",\n    ReadTimeout:  5 * time.Second,\n    WriteTimeout: 10 * time.Second,\n}\n\nlog.Fatal(srv.ListenAndServe())",
		),
		'yaml'       => array(
			"services:\n  web:\n    image: app:latest\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/health\"]\n      interval: 30s",
			"# keep resources explicit\nresources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    memory: 256Mi",
			"jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test",
		),
		'rust'       => array(
			"#[derive(Debug, Deserialize)]\nstruct Settings {\n    database_url: String,\n    cache_ttl: u64,\n}",
			"fn main() -> anyhow::Result<()> {\n    let settings = load_settings()?;\n    println!(\"loaded {} keys\", settings.len());\n    Ok(())\n}",
			"\$ cargo clippy -- -D warnings\n\$ cargo test --release",
		),
		'ruby'       => array(
			"class HealthController < ApplicationController\n  def show\n    render json: { ok: true }\n  end\nend",
			"# run the migration in small batches\nPost.where(status: 'draft').find_in_batches(batch_size: 500) do |batch|\n  batch.each(&:touch)\nend",
			"\$ bundle exec rspec\n\$ bundle exec rails db:migrate",
		),
		'java'       => array(
			"@RestController\npublic class HealthController {\n    @GetMapping(\"/health\")\n    public Map<String, Boolean> health() {\n        return Map.of(\"ok\", true);\n    }\n}",
			"@Transactional\npublic void migrateSettings(Settings old) {\n    repository.save(old.withDefaults());\n}",
			"\$ mvn -q verify\n\$ mvn flyway:migrate",
		),
	);

	/**
	 * The seed of this corpus.
	 *
	 * @var int
	 */
	private $seed;

	/**
	 * Multiplier of the index-to-id permutation; coprime with ID_SPACE.
	 *
	 * @var int
	 */
	private $id_factor;

	/**
	 * Offset of the index-to-id permutation.
	 *
	 * @var int
	 */
	private $id_offset;

	/**
	 * PRNG state, an unsigned 32-bit integer; reset for every file.
	 *
	 * @var int
	 */
	private $state = 0;

	/**
	 * Queue of paragraph indexes not used yet in the current file.
	 *
	 * @var int[]
	 */
	private $paragraph_queue = array();

	/**
	 * Sets up a generator for one corpus.
	 *
	 * @param int $seed Any integer; equal seeds give equal corpora.
	 * @throws RuntimeException On a 32-bit PHP, where the arithmetic differs.
	 */
	public function __construct( int $seed ) {
		// Intermediate products reach 2^48; a 32-bit build would turn them
		// into floats and silently produce other bytes.
		if ( PHP_INT_SIZE < 8 ) {
			throw new RuntimeException( 'Anp_Corpus_Generator needs a 64-bit PHP build' );
		}
		$this->seed = $seed;

		$key    = $this->hash_pair( $seed, 0x2545f491 );
		$factor = $key % self::ID_SPACE;
		// An odd factor that is not a multiple of 5 is coprime with 10^6,
		// which makes index -> id a bijection on [0, 10^6).
		if ( 0 === $factor % 2 ) {
			++$factor;
		}
		if ( 0 === $factor % 5 ) {
			$factor += 2;
		}
		$this->id_factor = $factor;
		$this->id_offset = $this->hash_pair( $seed, 0x6a09e667 ) % self::ID_SPACE;
	}

	/**
	 * Returns the file for one index; the same bytes on every call.
	 *
	 * @param int $index Position of the file in the corpus, 0 or more.
	 * @return string The file's bytes, UTF-8, LF line endings, no final newline.
	 * @throws InvalidArgumentException On a negative index.
	 */
	public function generate( int $index ): string {
		if ( $index < 0 ) {
			throw new InvalidArgumentException( 'index must be 0 or more' );
		}
		$this->state           = $this->hash_pair( $this->seed, $index );
		$this->paragraph_queue = array();

		$post    = $this->build_post( $index );
		$blocks  = $this->build_body( $post );
		$similar = $this->build_similar();

		$parts = array();
		if ( $post['chrome'] ) {
			$parts[] = '|';
		}
		$parts[] = $post['title'];
		foreach ( $blocks as $block ) {
			$parts[] = $this->render_block( $block, $post );
		}
		$parts[] = self::META_MARKER;
		$parts[] = $this->render_meta( $post, $blocks );
		$parts[] = $this->render_trailer( $similar );

		return implode( "\n\n", $parts );
	}

	/**
	 * Writes files `%06d.txt` for indexes start .. start + count - 1.
	 *
	 * @param string $dir   Output directory; created when missing.
	 * @param int    $count Number of files.
	 * @param int    $start First index.
	 * @return int[] array( files written, bytes written ).
	 * @throws RuntimeException When the directory or a file cannot be written.
	 */
	public function write( string $dir, int $count, int $start = 0 ): array {
		if ( ! is_dir( $dir ) && ! mkdir( $dir, 0777, true ) && ! is_dir( $dir ) ) {
			throw new RuntimeException( "cannot create directory $dir" );
		}
		$files = 0;
		$bytes = 0;
		for ( $index = $start; $index < $start + $count; $index++ ) {
			$path    = $dir . '/' . sprintf( '%06d.txt', $index );
			$written = file_put_contents( $path, $this->generate( $index ) );
			if ( false === $written ) {
				throw new RuntimeException( "cannot write $path" );
			}
			++$files;
			$bytes += $written;
		}
		return array( $files, $bytes );
	}

	/*
	 * The post model: every random choice that more than one part of the
	 * file depends on is made here, once.
	 */

	/**
	 * Draws the choices shared by body and meta.
	 *
	 * @param int $index File index.
	 * @return array<string, mixed>
	 */
	private function build_post( int $index ): array {
		$stack = $this->pick( self::$stacks );
		$post  = array(
			'id'        => $this->source_number( $index ),
			'stack'     => $stack,
			'problem'   => $this->pick( self::$problems ),
			'scenario'  => $this->pick( self::$scenarios ),
			'chrome'    => $this->chance( self::CHANCE_CHROME ),
			'big'       => 0 === $this->range( 0, self::BIG_ONE_IN - 1 ),
			'images'    => $this->pick( array( 0, 0, 1, 1, 1, 2 ) ),
			'code'      => $this->chance( self::CHANCE_CODE ),
			'checklist' => $this->build_checklist(),
		);
		$post['title'] = $this->build_title( $post['problem'], $stack['name'], $post['scenario'] );
		return $post;
	}

	/**
	 * Maps an index to the number behind `alphanode-NNNNNN`.
	 *
	 * Below ID_SPACE it is an affine permutation keyed by the seed, so ids
	 * look scattered like the seeds' yet never repeat for one seed; above,
	 * the index itself, which no permuted id can equal.
	 *
	 * @param int $index File index.
	 * @return int
	 */
	private function source_number( int $index ): int {
		if ( $index >= self::ID_SPACE ) {
			return $index;
		}
		return ( $index * $this->id_factor + $this->id_offset ) % self::ID_SPACE;
	}

	/**
	 * Builds a title, sometimes with a non-ASCII decoration.
	 *
	 * @param string $problem  Problem phrase.
	 * @param string $stack    Stack name.
	 * @param string $scenario Scenario phrase.
	 * @return string
	 */
	private function build_title( string $problem, string $stack, string $scenario ): string {
		$title = $this->fill( $this->pick( self::$title_templates ), $problem, $stack, $scenario );
		if ( $this->chance( self::CHANCE_UNICODE_TITLE ) ) {
			$title .= $this->pick( self::$unicode_suffixes );
		}
		return $title;
	}

	/**
	 * Picks the checklist: one of the sets, sometimes shortened or
	 * extended from another set, so list lengths vary from 3 to 7.
	 *
	 * @return string[]
	 */
	private function build_checklist(): array {
		$items = $this->pick( self::$checklists );
		$shape = $this->range( 0, 5 );
		if ( 0 === $shape ) {
			$items = array_slice( $items, 0, $this->range( 3, 4 ) );
		} elseif ( 1 === $shape ) {
			$extra = $this->pick( self::$checklists );
			$items = array_values( array_unique( array_merge( $items, array_slice( $extra, 0, $this->range( 1, 2 ) ) ) ) );
		}
		return $items;
	}

	/*
	 * Body.
	 */

	/**
	 * Lays out the body blocks in the seeds' order: intro, optional lead
	 * image, sections of heading + paragraphs (one ends with the code,
	 * another may hold the second image), the checklist, the final notes.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return array<int, array<string, mixed>> Blocks: type plus payload.
	 */
	private function build_body( array $post ): array {
		$blocks   = array();
		$blocks[] = $this->paragraph_block( $this->fill_post( $this->pick( self::$intros ), $post ) );

		$lead_image = $post['images'] > 0 && $this->chance( self::CHANCE_LEAD_IMAGE );
		if ( $lead_image ) {
			$blocks[] = $this->block( 'image', 'n', 1 );
		}

		$sections   = $post['big'] ? $this->range( 10, 30 ) : $this->range( 1, 3 );
		$code_in    = $post['code'] ? $this->range( 0, $sections - 1 ) : -1;
		$code2_in   = ( $post['code'] && $post['big'] && $this->chance( self::CHANCE_SECOND_CODE ) ) ? $this->range( 0, $sections - 1 ) : -1;
		$next_image = $lead_image ? 2 : 1;
		$image_in   = $this->image_sections( $post['images'] - $next_image + 1, $sections );
		$early_list = $sections > 1 && $this->chance( self::CHANCE_EARLY_LIST );

		for ( $section = 0; $section < $sections; $section++ ) {
			$images = array();
			foreach ( $image_in as $image_section ) {
				if ( $image_section === $section ) {
					$images[] = $next_image++;
				}
			}
			$code_count = ( $section === $code_in ? 1 : 0 ) + ( $section === $code2_in ? 1 : 0 );
			$blocks     = array_merge( $blocks, $this->build_section( $post, $images, $code_count ) );
			if ( $early_list && 0 === $section ) {
				$blocks = array_merge( $blocks, $this->build_list_section( $post ) );
			}
		}

		if ( ! $early_list ) {
			$blocks = array_merge( $blocks, $this->build_list_section( $post ) );
		}
		$blocks[] = $this->block( 'heading', 'text', 'final notes' );
		$blocks[] = $this->paragraph_block( $this->fill_post( $this->pick( self::$closings ), $post ) );
		return $blocks;
	}

	/**
	 * Chooses the section of each image not placed after the intro.
	 *
	 * @param int $count    Images to place.
	 * @param int $sections Number of sections.
	 * @return int[] Section numbers, ascending so image numbers stay in order.
	 */
	private function image_sections( int $count, int $sections ): array {
		$chosen = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$chosen[] = $this->range( 0, $sections - 1 );
		}
		sort( $chosen );
		return $chosen;
	}

	/**
	 * One section: heading, paragraphs, its images after the first
	 * paragraph and its code after the last (two code blocks are kept
	 * apart by a paragraph, else a parser would merge them into one).
	 *
	 * @param array<string, mixed> $post       The post model.
	 * @param int[]                $images     Numbers of the images here.
	 * @param int                  $code_count Code blocks here, 0 to 2.
	 * @return array<int, array<string, mixed>>
	 */
	private function build_section( array $post, array $images, int $code_count ): array {
		$blocks   = array();
		$blocks[] = $this->block( 'heading', 'text', $this->build_heading( $post ) );

		$count = $post['big'] ? $this->range( 2, 5 ) : $this->range( 1, 4 );
		for ( $i = 0; $i < $count; $i++ ) {
			$blocks[] = $this->paragraph_block( $this->build_paragraph( $post ) );
			if ( 0 === $i ) {
				foreach ( $images as $n ) {
					$blocks[] = $this->block( 'image', 'n', $n );
				}
			}
			if ( 2 === $code_count && 0 === $i ) {
				$blocks[] = $this->code_block( $post );
				$blocks[] = $this->paragraph_block( $this->build_paragraph( $post ) );
			}
		}
		if ( $code_count > 0 ) {
			$blocks[] = $this->code_block( $post );
		}
		return $blocks;
	}

	/**
	 * The checklist heading and the bullet list.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return array<int, array<string, mixed>>
	 */
	private function build_list_section( array $post ): array {
		return array(
			$this->block( 'heading', 'text', $this->pick( self::$list_headings ) ),
			$this->block( 'list', 'items', $post['checklist'] ),
		);
	}

	/**
	 * A section heading; big files name the stack in some, so that their
	 * many headings do not all repeat.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return string
	 */
	private function build_heading( array $post ): string {
		if ( $this->chance( self::CHANCE_UNICODE_HEAD ) ) {
			return $this->pick( self::$unicode_headings );
		}
		$heading = $this->pick( self::$headings );
		if ( $post['big'] && $this->chance( 30 ) ) {
			$heading .= ' for ' . $post['stack']['name'];
		}
		return $heading;
	}

	/**
	 * A body paragraph: the next unused one of the pool (the pool is
	 * reshuffled when a big file uses it up), sometimes with a suffix.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return string
	 */
	private function build_paragraph( array $post ): string {
		if ( empty( $this->paragraph_queue ) ) {
			$this->paragraph_queue = $this->shuffled_keys( count( self::$paragraphs ) );
		}
		$text = self::$paragraphs[ array_pop( $this->paragraph_queue ) ];
		if ( $this->chance( self::CHANCE_SUFFIX ) ) {
			$text .= $this->pick( self::$suffixes );
		}
		return $this->fill_post( $text, $post );
	}

	/**
	 * A code block of 1 to 3 distinct snippets of the post's language,
	 * separated by one blank line, now and then two.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return array<string, mixed>
	 */
	private function code_block( array $post ): array {
		$pool  = self::$snippets[ $post['stack']['language'] ];
		$keys  = $this->shuffled_keys( count( $pool ) );
		$count = min( count( $pool ), $this->pick( array( 1, 1, 2, 2, 3 ) ) );
		$text  = '';
		for ( $i = 0; $i < $count; $i++ ) {
			if ( $i > 0 ) {
				$text .= $this->chance( 15 ) ? "\n\n\n" : "\n\n";
			}
			$text .= $pool[ $keys[ $i ] ];
		}
		return $this->block( 'code', 'text', $text );
	}

	/**
	 * Wraps a paragraph's text as a block.
	 *
	 * @param string $text Paragraph text, one line.
	 * @return array<string, mixed>
	 */
	private function paragraph_block( string $text ): array {
		return $this->block( 'paragraph', 'text', $text );
	}

	/**
	 * A body block: its type and the one field its type needs (`text`,
	 * `items`, or `n` the image number).
	 *
	 * @param string $type  paragraph, heading, image, code or list.
	 * @param string $field Name of the field.
	 * @param mixed  $value Its value.
	 * @return array<string, mixed>
	 */
	private function block( string $type, string $field, $value ): array {
		return array(
			'type' => $type,
			$field => $value,
		);
	}

	/**
	 * The titles after `Similar Posts`: none in most files, like the
	 * seeds; otherwise 1 to 8 other titles.
	 *
	 * @return string[]
	 */
	private function build_similar(): array {
		if ( ! $this->chance( self::CHANCE_SIMILAR ) ) {
			return array();
		}
		$titles = array();
		$count  = $this->range( 1, 8 );
		for ( $i = 0; $i < $count; $i++ ) {
			$stack    = $this->pick( self::$stacks );
			$titles[] = $this->build_title( $this->pick( self::$problems ), $stack['name'], $this->pick( self::$scenarios ) );
		}
		return $titles;
	}

	/*
	 * Rendering.
	 */

	/**
	 * Renders one body block as its lines.
	 *
	 * @param array<string, mixed> $block The block.
	 * @param array<string, mixed> $post  The post model.
	 * @return string
	 */
	private function render_block( array $block, array $post ): string {
		switch ( $block['type'] ) {
			case 'image':
				$alt = $this->image_alt( $post, $block['n'] );
				return $alt . "\n" . $alt . '. image source: ' . $this->image_source( $post, $block['n'] );
			case 'list':
				return $this->render_bullets( $block['items'], '  ' );
			default:
				return $block['text'];
		}
	}

	/**
	 * Renders the meta block, fields in the seeds' order.
	 *
	 * @param array<string, mixed>             $post   The post model.
	 * @param array<int, array<string, mixed>> $blocks The body blocks.
	 * @return string
	 */
	private function render_meta( array $post, array $blocks ): string {
		$stack = $post['stack'];
		$lines = array(
			'topic' . $post['problem'] . ' / ' . $stack['name'],
			'summary' . $this->fill_post( $this->pick( self::$summaries ), $post ),
			$this->render_map(
				'ai outline',
				array(
					'context'            => $post['scenario'],
					'problem'            => $post['problem'],
					'stack'              => $stack['name'],
					'recommended action' => $this->pick( self::$actions ),
				)
			),
			'ai brief' . $this->pick( self::$briefs ),
			"stack\n" . $this->render_bullets( array( $stack['name'], $stack['area'], $stack['language'] ), '  ' ),
			"tools\n" . $this->render_bullets( $this->pick_tools( $stack['tools'] ), '  ' ),
			'code language' . $stack['language'],
			'difficulty' . $this->pick( self::$difficulties ),
			'reading time' . $this->reading_time( $blocks ),
			'view count' . $this->range( 0, 999999 ),
			$this->render_map( 'score', $this->build_scores() ),
			$this->render_map( 'revision', $this->build_revision() ),
			'reference' . sprintf( 'anp-ref-%06d-%04d', $post['id'], $this->range( 1000, 9999 ) ),
			'hash' . $this->build_hash(),
			$this->render_map( 'flags', $this->build_flags( $post ) ),
			"checklist\n" . $this->render_bullets( $post['checklist'], '  ' ),
			$this->render_objects( 'entities', $this->build_entities( $post ) ),
		);
		if ( $post['images'] > 0 ) {
			$lines[] = $this->render_objects( 'image sources', $this->build_image_sources( $post ) );
		}
		$lines[] = $this->render_map(
			'payload',
			array(
				'source id'  => sprintf( 'alphanode-%06d', $post['id'] ),
				'generator'  => 'anp content synthesizer',
				'paragraphs' => $this->payload_paragraphs( $blocks ),
				'scenario'   => $post['scenario'],
				'seed'       => $post['id'],
			)
		);
		$lines[] = "notes\n" . $this->render_bullets( self::$notes, '  ' );
		return implode( "\n", $lines );
	}

	/**
	 * Renders the trailer marker and the similar titles, some as bullets,
	 * some as plain lines; no final newline, like the seeds.
	 *
	 * @param string[] $similar Similar post titles.
	 * @return string
	 */
	private function render_trailer( array $similar ): string {
		$lines = array( self::TRAILER_MARKER );
		foreach ( $similar as $title ) {
			$lines[] = $this->chance( 60 ) ? '  • ' . $title : $title;
		}
		return implode( "\n", $lines );
	}

	/**
	 * Renders items as bullet lines.
	 *
	 * @param string[] $items  Item texts.
	 * @param string   $indent Spaces before the bullet.
	 * @return string
	 */
	private function render_bullets( array $items, string $indent ): string {
		$lines = array();
		foreach ( $items as $item ) {
			$lines[] = $indent . '• ' . $item;
		}
		return implode( "\n", $lines );
	}

	/**
	 * Renders a map field: its key line, then `  • key: value` bullets.
	 *
	 * @param string                    $key    Field name.
	 * @param array<string, int|string> $values Items.
	 * @return string
	 */
	private function render_map( string $key, array $values ): string {
		$items = array();
		foreach ( $values as $name => $value ) {
			$items[] = $name . ': ' . $value;
		}
		return $key . "\n" . $this->render_bullets( $items, '  ' );
	}

	/**
	 * Renders a list of objects: `    • key: value` bullets, four spaces.
	 *
	 * @param string                            $key     Field name.
	 * @param array<int, array<string, string>> $objects Objects.
	 * @return string
	 */
	private function render_objects( string $key, array $objects ): string {
		$items = array();
		foreach ( $objects as $object ) {
			foreach ( $object as $name => $value ) {
				$items[] = $name . ': ' . $value;
			}
		}
		return $key . "\n" . $this->render_bullets( $items, '    ' );
	}

	/*
	 * Meta values.
	 */

	/**
	 * All the stack's tools as in the seeds, or only the first few.
	 *
	 * @param string[] $tools The stack's tools.
	 * @return string[]
	 */
	private function pick_tools( array $tools ): array {
		if ( $this->chance( 70 ) ) {
			return $tools;
		}
		return array_slice( $tools, 0, $this->range( 3, count( $tools ) ) );
	}

	/**
	 * Minutes to read: about one per 80 words plus 1 to 4, which lands
	 * the seed-sized files on the seeds' 5 to 10; the noise is there
	 * because the seeds' values are not a strict function of length.
	 *
	 * @param array<int, array<string, mixed>> $blocks The body blocks.
	 * @return int
	 */
	private function reading_time( array $blocks ): int {
		$words = 0;
		foreach ( $blocks as $block ) {
			if ( isset( $block['text'] ) ) {
				$words += substr_count( $block['text'], ' ' ) + 1;
			}
		}
		return max( 2, intdiv( $words, 80 ) + $this->range( 1, 4 ) );
	}

	/**
	 * Scores 0 to 100, mostly high like the seeds', sometimes anywhere.
	 *
	 * @return array<string, int>
	 */
	private function build_scores(): array {
		$scores = array();
		foreach ( array( 'quality', 'freshness', 'depth', 'clarity' ) as $name ) {
			$scores[ $name ] = $this->chance( 80 ) ? $this->range( 55, 100 ) : $this->range( 0, 100 );
		}
		return $scores;
	}

	/**
	 * Revision status, a x.y.z version and a real calendar date.
	 *
	 * @return array<string, string>
	 */
	private function build_revision(): array {
		$major = $this->pick( array( 0, 1, 1, 1, 1, 2 ) );
		return array(
			'status'        => $this->pick( self::$statuses ),
			'version'       => $major . '.' . $this->range( 0, 9 ) . '.' . $this->range( 0, 9 ),
			'last reviewed' => $this->build_date(),
		);
	}

	/**
	 * A valid date between 2015-01-01 and 2025-12-31.
	 *
	 * @return string YYYY-MM-DD.
	 */
	private function build_date(): string {
		$year  = $this->range( 2015, 2025 );
		$month = $this->range( 1, 12 );
		$days  = array( 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 );
		$last  = $days[ $month - 1 ];
		if ( 2 === $month && 0 === $year % 4 && ( 0 !== $year % 100 || 0 === $year % 400 ) ) {
			$last = 29;
		}
		return sprintf( '%04d-%02d-%02d', $year, $month, $this->range( 1, $last ) );
	}

	/**
	 * 24 lowercase hex digits.
	 *
	 * @return string
	 */
	private function build_hash(): string {
		return sprintf( '%08x%08x%08x', $this->next_u32(), $this->next_u32(), $this->next_u32() );
	}

	/**
	 * The four flags, as 1/0 like the seeds.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return array<string, int>
	 */
	private function build_flags( array $post ): array {
		return array(
			'ai generated style' => $this->chance( self::CHANCE_NOT_AI_STYLE ) ? 0 : 1,
			'has images'         => $post['images'] > 0 ? 1 : 0,
			'image heavy'        => $post['images'] > 1 ? 1 : 0,
			'needs human review' => $this->chance( self::CHANCE_REVIEW_NEEDED ) ? 1 : 0,
		);
	}

	/**
	 * Entities: the stack, its area, the problem, sometimes the language.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return array<int, array<string, string>>
	 */
	private function build_entities( array $post ): array {
		$stack    = $post['stack'];
		$entities = array(
			$this->entity( $stack['name'], 'stack' ),
			$this->entity( $stack['area'], 'area' ),
			$this->entity( $post['problem'], 'problem' ),
		);
		if ( $this->chance( self::CHANCE_LANGUAGE_ENTITY ) ) {
			$entities[] = $this->entity( $stack['language'], 'stack' );
		}
		return $entities;
	}

	/**
	 * One `entities` object.
	 *
	 * @param string $name Entity name.
	 * @param string $type stack, area or problem.
	 * @return array<string, string>
	 */
	private function entity( string $name, string $type ): array {
		return array(
			'name' => $name,
			'type' => $type,
		);
	}

	/**
	 * One object per image; the caption is the image's alt line, which is
	 * how a parser finds the URL of an image block.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @return array<int, array<string, string>>
	 */
	private function build_image_sources( array $post ): array {
		$sources = array();
		for ( $n = 1; $n <= $post['images']; $n++ ) {
			$source    = $this->image_source( $post, $n );
			$sources[] = array(
				'source'  => $source,
				'url'     => $this->image_url( $post, $n, $source ),
				'caption' => $this->image_alt( $post, $n ),
			);
		}
		return $sources;
	}

	/**
	 * The alt line of image n, as in the seeds.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @param int                  $n    Image number, from 1.
	 * @return string
	 */
	private function image_alt( array $post, int $n ): string {
		return $post['problem'] . ' with ' . $post['stack']['name'] . ' visual reference ' . $n;
	}

	/**
	 * The source of image n. Derived by hashing rather than drawn from the
	 * stream, so body and meta agree whichever asks first.
	 *
	 * @param array<string, mixed> $post The post model.
	 * @param int                  $n    Image number, from 1.
	 * @return string
	 */
	private function image_source( array $post, int $n ): string {
		$sources = array( 'unsplash', 'picsum.photos', 'loremflickr.com' );
		return $sources[ $this->hash_pair( $post['id'], $n ) % 3 ];
	}

	/**
	 * The URL of image n, in the shape the seeds use for its source.
	 *
	 * @param array<string, mixed> $post   The post model.
	 * @param int                  $n      Image number, from 1.
	 * @param string               $source Image source name.
	 * @return string
	 */
	private function image_url( array $post, int $n, string $source ): string {
		$id     = $post['id'];
		$suffix = 1 === $n ? '' : '-' . $n;
		if ( 'picsum.photos' === $source ) {
			return sprintf( 'https://picsum.photos/seed/anp-%06d%s/1200/630', $id, $suffix );
		}
		if ( 'loremflickr.com' === $source ) {
			$lock = 1 === $n ? (string) $id : $id . $n;
			return 'https://loremflickr.com/1200/630/' . $this->pick( self::$flickr_keywords ) . '?lock=' . $lock;
		}
		return sprintf(
			'https://images.unsplash.com/photo-%d-%06x%06x?auto=format&fit=crop&w=1200&q=80',
			$this->range( 1500000000, 1699999999 ),
			$this->next_u32() & 0xffffff,
			$this->next_u32() & 0xffffff
		);
	}

	/**
	 * The `payload` / `paragraphs` value. In all five seeds it is the
	 * number of paragraph blocks minus one: the intro is not counted.
	 *
	 * @param array<int, array<string, mixed>> $blocks The body blocks.
	 * @return int
	 */
	private function payload_paragraphs( array $blocks ): int {
		$count = 0;
		foreach ( $blocks as $block ) {
			if ( 'paragraph' === $block['type'] ) {
				++$count;
			}
		}
		return $count - 1;
	}

	/*
	 * Templates.
	 */

	/**
	 * Fills {p}, {s} and {c} in a template.
	 *
	 * @param string $template Template.
	 * @param string $problem  Problem phrase.
	 * @param string $stack    Stack name.
	 * @param string $scenario Scenario phrase.
	 * @return string
	 */
	private function fill( string $template, string $problem, string $stack, string $scenario ): string {
		return strtr(
			$template,
			array(
				'{p}' => $problem,
				'{s}' => $stack,
				'{c}' => $scenario,
			)
		);
	}

	/**
	 * Fills a template with the post's own problem, stack and scenario.
	 *
	 * @param string               $template Template.
	 * @param array<string, mixed> $post     The post model.
	 * @return string
	 */
	private function fill_post( string $template, array $post ): string {
		return $this->fill( $template, $post['problem'], $post['stack']['name'], $post['scenario'] );
	}

	/*
	 * PRNG. mulberry32 with 32-bit arithmetic emulated on PHP integers:
	 * PHP turns an overflowing integer product into a float, so products
	 * are split into 16-bit halves and masked.
	 */

	/**
	 * Next unsigned 32-bit output of the stream.
	 *
	 * @return int
	 */
	private function next_u32(): int {
		$this->state = ( $this->state + 0x6d2b79f5 ) & 0xffffffff;

		$t = $this->state;
		$t = $this->mul32( $t ^ ( $t >> 15 ), $t | 1 );
		$t = ( $t ^ ( ( $t + $this->mul32( $t ^ ( $t >> 7 ), $t | 61 ) ) & 0xffffffff ) ) & 0xffffffff;
		return ( $t ^ ( $t >> 14 ) ) & 0xffffffff;
	}

	/**
	 * An integer in [min, max]. The modulo bias is below 2^-20 for the
	 * ranges used here and, being deterministic, harmless.
	 *
	 * @param int $min Lowest value.
	 * @param int $max Highest value, at most min + 2^32 - 1.
	 * @return int
	 */
	private function range( int $min, int $max ): int {
		return $min + $this->next_u32() % ( $max - $min + 1 );
	}

	/**
	 * True with the given chance.
	 *
	 * @param int $percent 0 to 100.
	 * @return bool
	 */
	private function chance( int $percent ): bool {
		return $this->next_u32() % 100 < $percent;
	}

	/**
	 * One element of a list.
	 *
	 * @param array<int, mixed> $items A non-empty list.
	 * @return mixed
	 */
	private function pick( array $items ) {
		return $items[ $this->range( 0, count( $items ) - 1 ) ];
	}

	/**
	 * The keys 0 .. count - 1 in a random order (Fisher-Yates), instead of
	 * shuffle(), which uses the global engine.
	 *
	 * @param int $count Number of keys.
	 * @return int[]
	 */
	private function shuffled_keys( int $count ): array {
		$keys = range( 0, $count - 1 );
		for ( $i = $count - 1; $i > 0; $i-- ) {
			$j          = $this->range( 0, $i );
			$swap       = $keys[ $i ];
			$keys[ $i ] = $keys[ $j ];
			$keys[ $j ] = $swap;
		}
		return $keys;
	}

	/**
	 * Hashes two integers of any sign and size to an unsigned 32-bit
	 * integer, each 32-bit half mixed in turn.
	 *
	 * @param int $a First value.
	 * @param int $b Second value.
	 * @return int
	 */
	private function hash_pair( int $a, int $b ): int {
		$h = $this->mix32( ( $a & 0xffffffff ) ^ 0x9e3779b9 );
		$h = $this->mix32( $h ^ ( ( $a >> 32 ) & 0xffffffff ) );
		$h = $this->mix32( $h ^ ( $b & 0xffffffff ) );
		return $this->mix32( $h ^ ( ( $b >> 32 ) & 0xffffffff ) ^ 0x85ebca6b );
	}

	/**
	 * A 32-bit integer finalizer (lowbias32): spreads every input bit
	 * over the output, so neighbouring indexes give unrelated streams.
	 *
	 * @param int $x Unsigned 32-bit integer.
	 * @return int
	 */
	private function mix32( int $x ): int {
		$x ^= $x >> 16;
		$x  = $this->mul32( $x, 0x7feb352d );
		$x ^= $x >> 15;
		$x  = $this->mul32( $x, 0x846ca68b );
		return $x ^ ( $x >> 16 );
	}

	/**
	 * The low 32 bits of a product of two unsigned 32-bit integers.
	 * Each partial product stays below 2^48, so none becomes a float.
	 *
	 * @param int $a Unsigned 32-bit integer.
	 * @param int $b Unsigned 32-bit integer.
	 * @return int
	 */
	private function mul32( int $a, int $b ): int {
		$low  = $a * ( $b & 0xffff );
		$high = ( ( $a * ( $b >> 16 ) ) & 0xffff ) << 16;
		return ( $low + $high ) & 0xffffffff;
	}
}
