// The WordPress sandbox the browser tests run against, seen from Node: where
// it is, how to run PHP inside it, and how to import ANP files with the
// plugin's own runner (bin/anp), as a user without WP-CLI would.
//
// scripts/browser-tests.sh brings the sandbox up (scripts/sandbox up),
// serves it, and passes it to the tests through the environment:
//   ANP_BROWSER_BASE_URL   the site's URL, e.g. http://127.0.0.1:8091
//   ANP_BROWSER_WP_DIR     the sandbox folder given to scripts/sandbox up
//                          (WordPress is in its wordpress/ folder)
//   ANP_BROWSER_EXTENSION  the anp extension bin/anp loads
//                          (default <repo>/modules/anp.so)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
export const pluginDir = join(repoRoot, 'wordpress-plugin/anp-importer');
export const seedsDir = resolve(repoRoot, 'samples');

function requiredEnv(name) {
	const value = process.env[name];
	if (!value) {
		throw new Error(`${name} is not set: run the browser tests through scripts/browser-tests.sh, which brings up a sandbox and sets it`);
	}
	return value;
}

export const baseUrl = requiredEnv('ANP_BROWSER_BASE_URL').replace(/\/+$/, '');
export const sandboxDir = resolve(requiredEnv('ANP_BROWSER_WP_DIR'));
export const wordpressDir = join(sandboxDir, 'wordpress');
const extensionPath = process.env.ANP_BROWSER_EXTENSION || join(repoRoot, 'modules/anp.so');

// Runs a process to its end; throws with its output when it fails, so that a
// failing test says why.
function run(command, args, { input } = {}) {
	const result = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.error) {
		throw result.error;
	}
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')}\nexited with ${result.status ?? result.signal}\n${result.stderr}${result.stdout}`);
	}
	return result.stdout;
}

/**
 * Runs a PHP script ("<?php ..." source) with WordPress loaded, through
 * `scripts/sandbox php DIR -`; its $argv[1..] are args.
 * Returns what it printed. No user is logged in unless the script calls
 * wp_set_current_user().
 */
export function runPhpInWordPress(phpSource, args = []) {
	return run(join(repoRoot, 'scripts/sandbox'), ['php', sandboxDir, '-', ...args.map(String)], { input: phpSource });
}

/** Same, for a script that prints JSON: returns the decoded value. */
export function runPhpInWordPressJson(phpSource, args = []) {
	const output = runPhpInWordPress(phpSource, args);
	try {
		return JSON.parse(output);
	} catch {
		throw new Error(`expected JSON from PHP, got:\n${output}`);
	}
}

/** A folder of its own for a test's files, inside the sandbox (made afresh with it). */
export function testFilesDir(name) {
	const dir = join(sandboxDir, 'browser-files', name);
	mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Writes `count` ANP files with tools/generate-corpus.php (deterministic for
 * a seed) into testFilesDir(name); returns their paths.
 */
export function generateCorpus(name, { count, seed }) {
	const dir = testFilesDir(name);
	run('php', [join(repoRoot, 'tools/generate-corpus.php'), `--count=${count}`, `--seed=${seed}`, `--out=${dir}`]);
	return anpFilesIn(dir);
}

/** The .txt files of a folder, sorted. */
export function anpFilesIn(dir) {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.txt'))
		.sort()
		.map((name) => join(dir, name));
}

/** The sample posts of samples/. */
export function seedFiles() {
	return anpFilesIn(seedsDir);
}

const PHP_POST_IDS_BY_CONTENT_HASH = `<?php
$ids = array();
foreach ( array_slice( $argv, 1 ) as $hash ) {
	$ids[ $hash ] = get_posts( array(
		'post_type'   => 'any',
		'post_status' => 'any',
		'meta_key'    => '_anp_content_hash',
		'meta_value'  => $hash,
		'fields'      => 'ids',
		'numberposts' => -1,
	) );
}
echo wp_json_encode( $ids );
`;

/**
 * Imports ANP files (or the .txt files of folders) as the admin, with
 * `php bin/anp import ... --format=json`. Throws if the runner fails.
 *
 * Returns { report, posts }: the runner's JSON report, and for each file
 * { file, source, id } with the id of its post. A file's post is found by
 * its _anp_content_hash (the sha256 of the file, docs/wordpress-decisions.md),
 * so a file already imported by an earlier test (skipped as unchanged) is
 * found as well as a new one.
 */
export function importAnpFiles(paths, { status = 'publish', flags = [] } = {}) {
	const files = paths.flatMap((path) => (statSync(path).isDirectory() ? anpFilesIn(path) : [path]));
	if (files.length === 0) {
		throw new Error(`no ANP files in ${paths.join(', ')}`);
	}
	const output = run('php', [
		'-d', `extension=${extensionPath}`,
		join(pluginDir, 'bin/anp'), `--path=${wordpressDir}`, '--user=admin',
		'import', ...files, '--format=json', `--status=${status}`, ...flags,
	]);
	const report = JSON.parse(output);

	const hashes = files.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
	const idsByHash = runPhpInWordPressJson(PHP_POST_IDS_BY_CONTENT_HASH, hashes);
	const posts = files.map((file, index) => {
		const ids = idsByHash[hashes[index]] ?? [];
		if (ids.length === 0) {
			throw new Error(`no post holds ${file} after the import; report: ${output}`);
		}
		return { file, source: basename(file), id: ids[0] };
	});
	return { report, posts };
}

const PHP_CREATE_POST = `<?php
wp_set_current_user( 1 );
// Store the content exactly as given: a test may need markup that kses
// would rewrite.
kses_remove_filters();
$id = wp_insert_post( array(
	'post_title'   => $argv[1],
	'post_content' => $argv[2],
	'post_status'  => $argv[3],
), true );
if ( is_wp_error( $id ) ) {
	fwrite( STDERR, $id->get_error_message() . "\\n" );
	exit( 1 );
}
echo wp_json_encode( array( 'id' => $id, 'content' => get_post( $id )->post_content ) );
`;

/**
 * Creates a post with wp_insert_post() and the content as given (no kses);
 * returns { id, content } with the content as stored.
 */
export function createPost({ title, content, status = 'publish' }) {
	return runPhpInWordPressJson(PHP_CREATE_POST, [title, content, status]);
}

/** Deletes a post for good (no trash). */
export function deletePost(id) {
	runPhpInWordPress('<?php wp_delete_post( (int) $argv[1], true );', [id]);
}
