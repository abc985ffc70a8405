// Tools → Import → ANP files (issue 10), driven as an admin drives it:
// files chosen in the page, the dry run read, the import watched to 100%,
// the summary read; a zip of the same files; a page closed half-way and
// resumed; hostile names shown as text; and every REST route refusing
// whoever may not import, with direct requests. Screenshots of each stage
// go to artifacts/.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newAdminContext, newUserContext } from './lib/browser.mjs';
import { baseUrl, generateCorpus, importAnpFiles, runPhpInWordPress, runPhpInWordPressJson, testFilesDir } from './lib/sandbox.mjs';

const IMPORTER_URL = `${baseUrl}/wp-admin/admin.php?import=anp`;
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

// How many posts hold each of these content hashes (the file's sha256).
const PHP_POSTS_PER_HASH = `<?php
$out = array();
foreach ( array_slice( $argv, 1 ) as $hash ) {
	$out[ $hash ] = count( get_posts( array( 'post_type' => 'any', 'post_status' => 'any', 'meta_key' => '_anp_content_hash', 'meta_value' => $hash, 'fields' => 'ids', 'numberposts' => -1 ) ) );
}
echo wp_json_encode( $out );
`;

// The import's step length and group size, for a test that must stop half-way: one group of 10 files a step.
const PHP_SHORT_STEPS = `<?php
$dir = WPMU_PLUGIN_DIR;
wp_mkdir_p( $dir );
file_put_contents( "$dir/anp-test-short-steps.php", "<?php add_filter( 'anp_upload_step_seconds', '__return_zero' );\\n" );
$settings = get_option( 'anp_importer_settings', array() ) ?: array();
update_option( 'anp_importer_settings', array( 'batch_size' => 10 ) + $settings );
`;
const PHP_NORMAL_STEPS = `<?php
@unlink( WPMU_PLUGIN_DIR . '/anp-test-short-steps.php' );
delete_option( 'anp_importer_settings' );
`;

/** The subscriber anpsub/anpsub, made once. */
function makeSubscriber() {
	runPhpInWordPress(`<?php if ( ! get_user_by( 'login', 'anpsub' ) ) { wp_insert_user( array( 'user_login' => 'anpsub', 'user_pass' => 'anpsub', 'user_email' => 'anpsub@example.test', 'role' => 'subscriber' ) ); }`);
}

function postsPerHash(paths) {
	return runPhpInWordPressJson(PHP_POSTS_PER_HASH, paths.map(sha256));
}

/** Waits for the pass on the page to reach its end: the bar at 100 and the results' title. */
async function waitForResults(page, title) {
	await page.locator('#anp-results-title', { hasText: title }).waitFor({ timeout: 300_000 });
	assert.equal(await page.locator('#anp-progress').getAttribute('aria-valuenow'), '100');
}

describe('Tools → Import → ANP files', () => {
	let browser;
	let context;
	let page;
	const dialogs = [];
	const consoleErrors = [];

	before(async () => {
		runPhpInWordPress(PHP_NORMAL_STEPS);
		browser = await launchBrowser();
		context = await newAdminContext(browser);
		page = await context.newPage();
		page.on('dialog', async (dialog) => {
			dialogs.push(dialog.message());
			await dialog.dismiss();
		});
		page.on('console', (message) => {
			// The sandbox is offline: a resource of another host (the admin
			// bar's gravatar) fails to load, which is no error of the page.
			const from = message.location().url || '';
			if ('error' === message.type() && (!from || from.startsWith(baseUrl))) {
				consoleErrors.push(`${message.text()} (${from})`);
			}
		});
		page.on('pageerror', (error) => consoleErrors.push(String(error)));
	});
	after(async () => {
		await browser?.close();
		runPhpInWordPress(PHP_NORMAL_STEPS);
	});

	it('is listed under Tools → Import and linked from the settings page', async () => {
		await page.goto(`${baseUrl}/wp-admin/import.php`);
		const row = page.locator('a[href*="import=anp"]').first();
		assert.match(await page.locator('body').innerText(), /ANP files/);
		await Promise.all([page.waitForURL(/import=anp/), row.click()]);
		assert.equal(await page.locator('h1').innerText(), 'Import ANP files');
		assert.match(await page.locator('#anp-drop').innerText(), /Largest file this server takes: \d/);
		await page.goto(`${baseUrl}/wp-admin/options-general.php?page=anp-importer`);
		assert.equal(await page.locator('a[href$="admin.php?import=anp"]').count(), 1);
	});

	it('uploads 300 files, shows the dry run, imports them with a bar to 100% and names the bad file with its line', async () => {
		const files = generateCorpus('importer-300', { count: 299, seed: 4101 });
		const bad = join(testFilesDir('importer-300-bad'), 'no-title.txt');
		writeFileSync(bad, '|\n\n  |  \n\n');
		await page.goto(IMPORTER_URL);
		await page.setInputFiles('#anp-files', [...files, bad]);
		assert.match(await page.locator('#anp-chosen').innerText(), /^300 files chosen/);
		await page.selectOption('#anp-status', 'publish');
		await page.click('#anp-start');

		await waitForResults(page, 'Dry run: what the import would do');
		assert.match(await page.locator('#anp-counts').innerText(), /would be created: 299/);
		assert.match(await page.locator('#anp-counts').innerText(), /would fail: 1/);
		assert.equal(await page.locator('#anp-results-rows tr').count(), 300);
		assert.match(await page.locator('#anp-results-rows tr').first().innerText(), /no-title\.txt[\s\S]*would fail[\s\S]*no-title\.txt:1: /);
		assert.deepEqual(Object.values(postsPerHash(files.slice(0, 20))), Array(20).fill(0), 'a dry run writes nothing');
		await page.screenshot({ path: join(ARTIFACTS, 'importer-dry-run.png') });

		await page.click('#anp-import-now');
		await waitForResults(page, 'Import finished');
		assert.match(await page.locator('#anp-counts').innerText(), /created: 299/);
		assert.match(await page.locator('#anp-notices').innerText(), /Import finished: 1 file failed; the others are in/);
		assert.match(await page.locator('#anp-results-rows tr').first().innerText(), /no-title\.txt:1: /);
		assert.equal(await page.locator('#anp-results-rows a[href*="post.php?post="]').count(), 299, 'a link to each post');
		await page.screenshot({ path: join(ARTIFACTS, 'importer-summary.png') });
		assert.deepEqual([...new Set(Object.values(postsPerHash(files)))], [1], 'each file is one post');

		// The same files again, as a zip: nothing new, nothing twice.
		const zip = join(testFilesDir('importer-zip'), 'posts.zip');
		runPhpInWordPress(`<?php $zip = new ZipArchive(); $zip->open( $argv[1], ZipArchive::CREATE | ZipArchive::OVERWRITE ); foreach ( array_slice( $argv, 2 ) as $file ) { $zip->addFile( $file, 'posts/' . basename( $file ) ); } $zip->close();`, [zip, ...files]);
		await page.goto(IMPORTER_URL);
		await page.setInputFiles('#anp-files', [zip]);
		await page.uncheck('#anp-dry-run');
		await page.click('#anp-start');
		await waitForResults(page, 'Import finished');
		assert.match(await page.locator('#anp-counts').innerText(), /skipped \(unchanged\): 299/);
		assert.deepEqual([...new Set(Object.values(postsPerHash(files)))], [1], 'still one post each');
	});

	it('resumes an import whose page was closed half-way, with the same posts as a run to the end', async () => {
		runPhpInWordPress(PHP_SHORT_STEPS);
		try {
			const files = generateCorpus('importer-resume', { count: 120, seed: 4102 });
			const first = await context.newPage();
			await first.goto(IMPORTER_URL);
			await first.setInputFiles('#anp-files', files);
			await first.uncheck('#anp-dry-run');
			await first.click('#anp-start');
			// Closed once a part is in: at least 30 of 120 files (a step is 10).
			await first.waitForFunction(() => Number(document.getElementById('anp-progress').getAttribute('aria-valuenow')) >= 25 && /Importing/.test(document.getElementById('anp-progress-title').textContent), null, { timeout: 120_000 });
			await first.screenshot({ path: join(ARTIFACTS, 'importer-progress.png') });
			await first.close();
			const counts = postsPerHash(files);
			const landed = Object.values(counts).filter((n) => n === 1).length;
			assert.ok(landed > 0 && landed < 120, `part of the files are in when the page closes (${landed})`);

			await page.goto(IMPORTER_URL);
			await page.locator('#anp-resume').waitFor({ state: 'visible' });
			await page.click('#anp-resume-button');
			await waitForResults(page, 'Import finished');
			assert.deepEqual([...new Set(Object.values(postsPerHash(files)))], [1], 'each file is one post, none twice');
			const batches = runPhpInWordPressJson(`<?php global $wpdb; echo wp_json_encode( $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT batch_id FROM {$wpdb->prefix}anp_items i JOIN {$wpdb->postmeta} m ON m.post_id = i.post_id AND m.meta_key = '_anp_content_hash' WHERE m.meta_value IN (" . implode( ',', array_fill( 0, count( $argv ) - 1, '%s' ) ) . ')', array_slice( $argv, 1 ) ) ) );`, files.map(sha256));
			assert.equal(batches.length, 1, 'one batch, resumed');
		} finally {
			runPhpInWordPress(PHP_NORMAL_STEPS);
		}
	});

	it('takes files dropped on it, and stays usable on a narrow screen', async () => {
		const files = generateCorpus('importer-drop', { count: 3, seed: 4106 });
		const narrow = await context.newPage();
		await narrow.setViewportSize({ width: 390, height: 844 });
		await narrow.goto(IMPORTER_URL);
		// A drop as the browser makes it: a DataTransfer holding the files.
		const transfer = await narrow.evaluateHandle((contents) => {
			const data = new DataTransfer();
			contents.forEach(([name, text]) => data.items.add(new File([text], name, { type: 'text/plain' })));
			return data;
		}, files.map((path) => [path.split('/').pop(), readFileSync(path, 'utf8')]));
		await narrow.dispatchEvent('#anp-drop', 'drop', { dataTransfer: transfer });
		assert.match(await narrow.locator('#anp-chosen').innerText(), /^3 files chosen/);
		await narrow.uncheck('#anp-dry-run');
		await narrow.click('#anp-start');
		await waitForResults(narrow, 'Import finished');
		assert.deepEqual([...new Set(Object.values(postsPerHash(files)))], [1]);
		// Nothing wider than the screen: the page scrolls down, never sideways.
		const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
		await narrow.screenshot({ path: join(ARTIFACTS, 'importer-narrow.png'), fullPage: true });
		await narrow.close();
	});

	it('shows a hostile file name and title as text, with no dialog and no console error', async () => {
		const dir = testFilesDir('importer-hostile');
		const name = '<img src=x onerror=alert(1)>.txt';
		const path = join(dir, 'hostile.txt');
		writeFileSync(path, '<script>alert("title")</script> Hostile\n\nBody of the <b>hostile</b> post.\n');
		dialogs.length = 0;
		consoleErrors.length = 0;
		await page.goto(IMPORTER_URL);
		await page.setInputFiles('#anp-files', [{ name, mimeType: 'text/plain', buffer: readFileSync(path) }]);
		await page.uncheck('#anp-dry-run');
		await page.click('#anp-start');
		await waitForResults(page, 'Import finished');
		assert.equal(await page.locator('#anp-results-rows td').first().innerText(), name);
		// The title as text (WordPress curls its quotes).
		assert.match(await page.locator('#anp-results-rows a').first().innerText(), /^<script>alert\(.title.\)<\/script> Hostile$/);
		assert.equal(await page.locator('#anp-results img').count(), 0);
		assert.deepEqual(dialogs, []);
		assert.deepEqual(consoleErrors, []);
	});
});

describe('Tools → ANP batches', () => {
	let browser;
	let page;

	before(async () => {
		browser = await launchBrowser();
		page = await (await newAdminContext(browser)).newPage();
		page.on('dialog', (dialog) => dialog.accept()); // The rollback's confirmation.
	});
	after(async () => {
		await browser?.close();
	});

	it('lists the batch an upload made and rolls it back in steps: its posts are gone, and so is its upload', async () => {
		const files = generateCorpus('importer-rollback', { count: 25, seed: 4103 });
		await page.goto(IMPORTER_URL);
		await page.setInputFiles('#anp-files', files);
		await page.uncheck('#anp-dry-run');
		await page.click('#anp-start');
		await waitForResults(page, 'Import finished');
		assert.deepEqual([...new Set(Object.values(postsPerHash(files)))], [1]);
		const batch = runPhpInWordPress(`<?php global $wpdb; echo $wpdb->get_var( $wpdb->prepare( "SELECT i.batch_id FROM {$wpdb->prefix}anp_items i JOIN {$wpdb->postmeta} m ON m.post_id = i.post_id AND m.meta_key = '_anp_content_hash' WHERE m.meta_value = %s", $argv[1] ) );`, [sha256(files[0])]).trim();
		assert.match(batch, /^\d{8}-\d{6}-[a-z0-9]{6}$/);

		await Promise.all([page.waitForURL(/page=anp-batches/), page.click('#anp-results-actions a')]);
		const row = page.locator(`#anp-batches-rows tr[data-batch="${batch}"]`);
		await row.waitFor();
		assert.match(await row.innerText(), /000000\.txt, 000001\.txt, 000002\.txt, 000003\.txt, 000004\.txt and 20 more/);
		assert.match(await row.innerText(), /25 created, 0 updated, 0 skipped, 0 failed/);
		assert.match(await row.innerText(), /imported/);
		await page.screenshot({ path: join(ARTIFACTS, 'batches-list.png') });

		// (A rollback undoes 200 changes a group: this one is a single step;
		// test-rollback.php runs one in several.)
		await row.locator('.anp-rollback').click();
		await page.locator('#anp-notices', { hasText: `Batch ${batch} rolled back: 25 posts deleted, 0 put back, 0 failed.` }).waitFor({ timeout: 120_000 });
		assert.equal(await page.locator('#anp-progress').getAttribute('aria-valuenow'), '100');
		await page.locator(`#anp-batches-rows tr[data-batch="${batch}"]`, { hasText: 'rolled back' }).waitFor();
		assert.equal(await page.locator(`#anp-batches-rows tr[data-batch="${batch}"] .anp-rollback`).count(), 0);
		assert.deepEqual([...new Set(Object.values(postsPerHash(files)))], [0], 'every post of the batch is gone');
		const uploads = runPhpInWordPressJson(`<?php echo wp_json_encode( Anp_Upload_Store::for_site()->by_batch() );`);
		assert.equal(uploads[batch], undefined, 'the upload of the batch is removed');
	});
});

describe('Tools → ANP export', () => {
	let browser;
	let page;

	before(async () => {
		browser = await launchBrowser();
		const context = await newAdminContext(browser);
		page = await context.newPage();
	});
	after(async () => {
		await browser?.close();
	});

	/** xmllint's verdict and the post ids of a WXR file. */
	function wxr(path) {
		const lint = spawnSync('xmllint', ['--noout', path], { encoding: 'utf8' });
		const xml = readFileSync(path, 'utf8');
		return { wellFormed: 0 === lint.status && '' === lint.stderr, ids: [...xml.matchAll(/<wp:post_id>(\d+)<\/wp:post_id>/g)].map((m) => Number(m[1])) };
	}

	it('downloads a well-formed WXR of every ANP post, and of one batch', async () => {
		const { report, posts } = importAnpFiles(generateCorpus('export-page', { count: 12, seed: 4104 }));
		await page.goto(`${baseUrl}/wp-admin/tools.php?page=anp-export`);
		await page.screenshot({ path: join(ARTIFACTS, 'export-form.png') });
		const dir = testFilesDir('export-page-downloads');

		const [all] = await Promise.all([page.waitForEvent('download'), page.click('#anp-export-submit')]);
		const allPath = join(dir, 'all.xml');
		await all.saveAs(allPath);
		assert.match(all.suggestedFilename(), /\.wordpress\.\d{4}-\d{2}-\d{2}\.xml$/);
		const ledger = runPhpInWordPressJson(`<?php global $wpdb; echo wp_json_encode( array_map( 'intval', $wpdb->get_col( "SELECT i.post_id FROM {$wpdb->prefix}anp_items i JOIN {$wpdb->posts} p ON p.ID = i.post_id WHERE p.post_type <> 'revision'" ) ) );`);
		const exported = wxr(allPath);
		assert.ok(exported.wellFormed, 'xmllint --noout');
		assert.deepEqual(ledger.filter((id) => !exported.ids.includes(id)), [], 'every ANP post is in the file');

		await page.goto(`${baseUrl}/wp-admin/tools.php?page=anp-export`);
		await page.selectOption('#anp-export-batch', report.batch);
		const [one] = await Promise.all([page.waitForEvent('download'), page.click('#anp-export-submit')]);
		const onePath = join(dir, 'batch.xml');
		await one.saveAs(onePath);
		const batch = wxr(onePath);
		assert.ok(batch.wellFormed);
		assert.deepEqual(batch.ids.sort((a, b) => a - b), posts.map((p) => p.id).sort((a, b) => a - b), 'the batch\'s posts, and only those');
	});

	it('converts uploaded files to a WXR download without importing them, naming the file that failed', async () => {
		const dir = testFilesDir('export-convert');
		const files = generateCorpus('export-convert', { count: 2, seed: 4105 });
		const bad = join(dir, 'broken.txt');
		writeFileSync(bad, '|\n\n  |  \n\n');
		await page.goto(`${baseUrl}/wp-admin/tools.php?page=anp-export`);
		await page.setInputFiles('#anp-convert-files', [...files, bad]);
		await Promise.all([page.waitForURL(/page=anp-export/), page.click('#anp-convert-submit')]);
		assert.match(await page.locator('#anp-conversion').innerText(), /2 files converted, 0 skipped, 1 failed\./);
		assert.match(await page.locator('#anp-conversion').innerText(), /broken\.txt:1: /);
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('#anp-converted-download')]);
		const path = join(dir, 'converted.xml');
		await download.saveAs(path);
		const converted = wxr(path);
		assert.ok(converted.wellFormed);
		assert.equal(converted.ids.length, 2);
		assert.deepEqual([...new Set(Object.values(postsPerHash(files)))], [0], 'nothing was imported');
		const left = runPhpInWordPress(`<?php echo count( glob( Anp_Upload_Store::for_site()->root() . '/*/' . Anp_Upload_Store::CONVERTED ) );`);
		assert.equal(left.trim(), '0', 'the converted file went with its download');
	});

	it('is closed to a subscriber, and an export without a valid nonce is refused', async () => {
		makeSubscriber();
		const context = await newUserContext(browser, 'anpsub');
		const sub = await context.newPage();
		for (const url of ['/wp-admin/tools.php?page=anp-export', '/wp-admin/tools.php?page=anp-batches', '/wp-admin/admin.php?import=anp']) {
			const answer = await sub.goto(`${baseUrl}${url}`);
			assert.equal(answer.status(), 403, url);
		}
		const post = await sub.request.post(`${baseUrl}/wp-admin/admin-post.php`, { form: { action: 'anp_export' } });
		assert.equal(post.status(), 403, 'a subscriber\'s export');
		const admin = await page.request.post(`${baseUrl}/wp-admin/admin-post.php`, { form: { action: 'anp_export', _wpnonce: 'abcdef1234' } });
		assert.equal(admin.status(), 403, 'the admin\'s export with a wrong nonce');
		assert.doesNotMatch(await admin.text(), /<rss/);
		await context.close();
	});
});

describe('the importer\'s REST routes', () => {
	let browser;

	before(async () => {
		browser = await launchBrowser();
		makeSubscriber();
	});
	after(async () => {
		await browser?.close();
	});

	/** Cookies and a REST nonce of a user logged in through wp-login.php. */
	async function session(login) {
		const context = await newUserContext(browser, login);
		const nonce = (await (await fetch(`${baseUrl}/wp-admin/admin-ajax.php?action=rest-nonce`, { headers: { cookie: await cookieHeader(context) } })).text()).trim();
		return { cookie: await cookieHeader(context), nonce, context };
	}

	async function cookieHeader(context) {
		return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	}

	function routes(id) {
		const form = new FormData();
		form.append('files[]', new Blob(['Title: x\n']), 'x.txt');
		return [
			['POST', '/anp/v1/uploads', JSON.stringify({})],
			['POST', `/anp/v1/uploads/${id}/files`, form],
			['POST', `/anp/v1/uploads/${id}/step`, JSON.stringify({ pass: 'plan' })],
			['GET', `/anp/v1/uploads/${id}`, undefined],
			['DELETE', `/anp/v1/uploads/${id}`, undefined],
			['GET', '/anp/v1/batches', undefined],
			['POST', '/anp/v1/batches/20261207-000000-abcdef/rollback', JSON.stringify({})],
		];
	}

	async function call(method, route, body, { cookie, nonce } = {}) {
		const headers = {};
		if (cookie) {
			headers.cookie = cookie;
		}
		if (nonce) {
			headers['x-wp-nonce'] = nonce;
		}
		if ('string' === typeof body) {
			headers['content-type'] = 'application/json';
		}
		const response = await fetch(`${baseUrl}/?rest_route=${encodeURIComponent(route)}`, { method, headers, body });
		return { status: response.status, body: await response.json().catch(() => null) };
	}

	it('refuses a visitor, a subscriber and a missing or wrong nonce on every route, and changes nothing', async () => {
		const admin = await session('admin');
		const made = await call('POST', '/anp/v1/uploads', JSON.stringify({}), admin);
		assert.equal(made.status, 201, JSON.stringify(made.body));
		const id = made.body.id;
		const subscriber = await session('anpsub');
		const who = {
			'a visitor': {},
			'a subscriber': subscriber,
			'the admin without a nonce': { cookie: admin.cookie },
			'the admin with a wrong nonce': { cookie: admin.cookie, nonce: 'abcdef1234' },
			'the admin with a subscriber\'s nonce': { cookie: admin.cookie, nonce: subscriber.nonce },
		};
		for (const [label, as] of Object.entries(who)) {
			for (const [method, route, body] of routes(id)) {
				const answer = await call(method, route, body, as);
				assert.equal(answer.status, 403, `${label}: ${method} ${route} gave ${answer.status} ${JSON.stringify(answer.body)}`);
			}
		}
		const state = await call('GET', `/anp/v1/uploads/${id}`, undefined, admin);
		assert.equal(state.status, 200);
		assert.equal(state.body.total, 0, 'no file was added by a refused request');
		assert.equal((await call('DELETE', `/anp/v1/uploads/${id}`, undefined, admin)).status, 200);
		await admin.context.close();
		await subscriber.context.close();
	});

	it('refuses a zip that climbs out or names an absolute path, and nothing lands outside the private folder', async () => {
		const admin = await session('admin');
		const made = await call('POST', '/anp/v1/uploads', JSON.stringify({}), admin);
		const dir = testFilesDir('importer-evil-zip');
		for (const [file, entry] of [['climb.zip', '../evil.php'], ['deep.zip', 'a/../../../evil.txt'], ['absolute.zip', '/tmp/anp-evil.txt']]) {
			const zip = join(dir, file);
			runPhpInWordPress(`<?php $zip = new ZipArchive(); $zip->open( $argv[1], ZipArchive::CREATE | ZipArchive::OVERWRITE ); $zip->addFromString( 'ok.txt', "Title: ok\\n" ); $zip->addFromString( $argv[2], "<?php echo 'evil';" ); $zip->close();`, [zip, entry]);
			const form = new FormData();
			form.append('files[]', new Blob([readFileSync(zip)]), file);
			const answer = await call('POST', `/anp/v1/uploads/${made.body.id}/files`, form, admin);
			assert.equal(answer.status, 400, JSON.stringify(answer.body));
			assert.match(answer.body.refused[0], /nothing was unpacked/);
		}
		const found = runPhpInWordPress(`<?php
			$hits = array();
			foreach ( array( ABSPATH, WP_CONTENT_DIR, wp_upload_dir()['basedir'], '/tmp' ) as $dir ) {
				foreach ( array( 'evil.php', 'evil.txt', 'anp-evil.txt' ) as $name ) {
					if ( file_exists( "$dir/$name" ) ) { $hits[] = "$dir/$name"; }
				}
			}
			echo implode( "\\n", $hits );`);
		assert.equal(found.trim(), '');
		assert.equal((await call('GET', `/anp/v1/uploads/${made.body.id}`, undefined, admin)).body.total, 0);
		await admin.context.close();
	});
});
