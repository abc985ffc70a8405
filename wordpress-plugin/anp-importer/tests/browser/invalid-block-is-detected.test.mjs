// Negative control for imported-posts-open-in-block-editor.test.mjs: a post
// whose paragraph has mismatched markup must be caught by every check that
// test relies on. If the editor changed how it reports an invalid block (a
// new class name, a new message), this fails instead of the real test
// passing for nothing.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INVALID_CONTENT_TEXT, invalidBlockProblems, launchBrowser, newAdminContext, openInBlockEditor } from './lib/browser.mjs';
import { createPost, deletePost } from './lib/sandbox.mjs';

// The <em> is never closed: the editor's paragraph would save it as
// <em>markup</em>, so the stored markup does not match.
const BROKEN_CONTENT = `<!-- wp:paragraph -->
<p>a valid paragraph.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>a paragraph with mismatched <em>markup</p>
<!-- /wp:paragraph -->`;

describe('a post with an invalid block is detected', () => {
	let browser;
	let page;
	let post;

	before(async () => {
		post = createPost({ title: 'anp browser tests: negative control', content: BROKEN_CONTENT });
		browser = await launchBrowser();
		page = await (await newAdminContext(browser)).newPage();
	});
	after(async () => {
		await browser?.close();
		if (post) {
			deletePost(post.id);
		}
	});

	it('the broken markup is stored as written', () => {
		assert.equal(post.content, BROKEN_CONTENT);
	});

	it('every check reports the broken paragraph, and only it', async () => {
		const found = await openInBlockEditor(page, post.id);
		assert.deepEqual(found.warningElements.map((warning) => warning.block), ['core/paragraph'], 'one .block-editor-warning, on the paragraph');
		assert.equal(found.invalidContentTextCount, 1, `the page says "${INVALID_CONTENT_TEXT}" once`);
		assert.equal(found.validationFailures.length, 1, 'one "Block validation failed" console message');
		assert.match(found.validationFailures[0], /core\/paragraph/);
		assert.deepEqual(found.invalidBlocks.map((block) => block.stored), ['<p>a paragraph with mismatched <em>markup</p>']);
		assert.equal(invalidBlockProblems(found).length, 4);
		assert.equal(found.welcomeGuideOpen, false, 'the welcome guide is dismissed');
	});
});
