// The box under an imported post (spec wordpress.md §4), as a visitor's
// browser shows it: difficulty, reading time, stack, tools, checklist and
// score, every array a list, and markup from the file shown as text, never
// run.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './lib/browser.mjs';
import { baseUrl, importAnpFiles, seedFiles, testFilesDir } from './lib/sandbox.mjs';

const HOSTILE_TOOL = '<img src=x onerror="window.anpXss=1">';
const HOSTILE_CHECK = '<script>window.anpXss=2</script>check permissions';

// The first seed, its tools and checklist carrying markup, under a reference
// of its own (so that it is a post of its own, whatever the other tests import).
const dir = testFilesDir('front-end-meta-box');
const file = join(dir, 'hostile.txt');
writeFileSync(file, readFileSync(seedFiles()[0], 'utf8')
	.replace('\n  • ruff\n', `\n  • ${HOSTILE_TOOL}\n`)
	// The checklist's item, not the body's list item of the same words.
	.replace(/(\nchecklist\n(?: {2}• .*\n)*?) {2}• check permissions\n/, `$1  • ${HOSTILE_CHECK}\n`)
	.replace(/\nreference(\S+)\n/, '\nreference$1-front-end\n'));
const [post] = importAnpFiles([file]).posts;

describe('the meta box under an imported post', () => {
	let browser;
	let page;
	const dialogs = [];

	before(async () => {
		browser = await launchBrowser();
		page = await (await browser.newContext()).newPage(); // A visitor: not logged in.
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			dialog.dismiss();
		});
		await page.goto(`${baseUrl}/?p=${post.id}`);
	});
	after(async () => {
		await browser?.close();
	});

	it('is shown under the post, with its six fields', async () => {
		const box = page.locator('section.anp-meta-box');
		assert.equal(await box.count(), 1);
		assert.ok(await box.isVisible(), 'visible');
		assert.deepEqual(await box.locator('dt').allInnerTexts(), ['Difficulty', 'Reading time', 'Stack', 'Tools', 'Checklist', 'Score']);
		const boxTop = (await box.boundingBox()).y;
		const lastParagraphTop = (await page.locator('p', { hasText: 'security and maintenance notes' }).or(page.locator('h2', { hasText: 'security and maintenance notes' })).first().boundingBox()).y;
		assert.ok(boxTop > lastParagraphTop, 'under the text of the post');
	});

	it('shows each array as a list and each value as text', async () => {
		const box = page.locator('section.anp-meta-box');
		const values = await box.locator('dd').all();
		assert.equal(await values[0].innerText(), 'advanced');
		assert.equal(await values[1].innerText(), '6 minutes');
		assert.deepEqual(await values[2].locator('li').allInnerTexts(), ['python services', 'backend', 'python']);
		assert.deepEqual(await values[3].locator('li').allInnerTexts(), ['fastapi', 'pytest', 'uvicorn', HOSTILE_TOOL, 'git', 'logs']);
		assert.deepEqual(await values[4].locator('li').allInnerTexts(), [
			'confirm inputs are validated', HOSTILE_CHECK, 'add a retry-safe path', 'record the expected response', 'review the failure mode',
		]);
		assert.deepEqual(await values[5].locator('li').allInnerTexts(), ['quality: 76', 'freshness: 97', 'depth: 95', 'clarity: 77']);
	});

	it('runs nothing that came from the file', async () => {
		assert.equal(await page.evaluate(() => window.anpXss ?? null), null);
		assert.equal(await page.locator('section.anp-meta-box img, section.anp-meta-box script').count(), 0);
		assert.deepEqual(dialogs, []);
	});
});
