// Spec wordpress.md §2: an imported post "must open in the block editor with
// no 'invalid block' warning". Imports the seed posts and a generated corpus
// (every block kind: paragraphs, headings, lists, code with languages,
// images), opens each post in the block editor of a real chromium and fails
// on any sign of an invalid block.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { invalidBlockProblems, launchBrowser, newAdminContext, openInBlockEditor } from './lib/browser.mjs';
import { generateCorpus, importAnpFiles, seedFiles } from './lib/sandbox.mjs';

// Enough generated posts to hold every block kind several times over (20
// give ~15 images, ~20 code blocks in 7 languages), few enough to keep the
// run well under a minute.
const CORPUS_COUNT = Number(process.env.ANP_BROWSER_CORPUS_COUNT || 20);
const CORPUS_SEED = Number(process.env.ANP_BROWSER_CORPUS_SEED || 20240611);

// Imported at load time, so that each post is a test of its own (and counts
// as one in the TAP summary).
const seeds = importAnpFiles(seedFiles()).posts;
const generated = importAnpFiles(generateCorpus('block-editor-corpus', { count: CORPUS_COUNT, seed: CORPUS_SEED })).posts;

const EVERY_BLOCK_KIND = ['core/paragraph', 'core/heading', 'core/list', 'core/list-item', 'core/code', 'core/image'];
const blockNamesSeen = new Set();

describe('imported posts open in the block editor with no invalid block', () => {
	let browser;
	let page;

	before(async () => {
		browser = await launchBrowser();
		page = await (await newAdminContext(browser)).newPage();
	});
	after(async () => {
		await browser?.close();
	});

	for (const [kind, posts] of [['seed', seeds], ['generated', generated]]) {
		for (const post of posts) {
			it(`${kind} ${post.source} (post ${post.id})`, async () => {
				const found = await openInBlockEditor(page, post.id);
				found.blockNames.forEach((name) => blockNamesSeen.add(name));
				assert.ok(found.blockNames.length > 0, 'the editor shows no block at all');
				assert.deepEqual(invalidBlockProblems(found), []);
			});
		}
	}

	// Otherwise a generator that stopped writing, say, images would leave
	// the image block untested without a word.
	it('the posts held every block kind the plugin writes', () => {
		assert.deepEqual(EVERY_BLOCK_KIND.filter((name) => !blockNamesSeen.has(name)), []);
	});
});
