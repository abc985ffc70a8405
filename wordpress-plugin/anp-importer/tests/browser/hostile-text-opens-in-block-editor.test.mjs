// A file whose text holds markup, "[" (shortcodes) and control characters
// is stored as escaped text (docs/wordpress-decisions.md, "Hostile files"):
// the block editor must still open it with no invalid block, and show the
// title and the text as the file wrote them.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { invalidBlockProblems, launchBrowser, newAdminContext, openInBlockEditor } from './lib/browser.mjs';
import { importAnpFiles, testFilesDir } from './lib/sandbox.mjs';

const TITLE = 'Fish & Chips <3 <img src=x onerror=alert(1)> [gallery ids=1] "quoted"';
const PARAGRAPH = 'A paragraph with [gallery ids=1] and <script>alert(2)</script> inside.';
const ITEM = 'item [embed]http://127.0.0.1:1/[/embed] <b>bold</b>';
const CAPTION = 'shot [gallery] <img src=x onerror=alert(3)>';

const file = join(testFilesDir('hostile-text'), 'hostile.txt');
writeFileSync(file, [
	`${TITLE}\u001b[2J`, '',
	PARAGRAPH, '',
	`  \u2022 ${ITEM}`, '  \u2022 second', '',
	CAPTION, `${CAPTION}. image source: s`, '',
	'alphanode post meta',
	'referencebrowser-hostile-text-1',
	'image sources', '    \u2022 source: s', '    \u2022 url: https://example.com/a.png?x=[gallery]', `    \u2022 caption: ${CAPTION}`, '',
].join('\n'));
const [post] = importAnpFiles([file]).posts;

describe('a file with markup, shortcodes and control characters opens in the block editor as text', () => {
	let browser;
	let page;

	before(async () => {
		browser = await launchBrowser();
		page = await (await newAdminContext(browser)).newPage();
	});
	after(async () => {
		await browser?.close();
	});

	it('has no invalid block, and shows the title and the text as written', async () => {
		const found = await openInBlockEditor(page, post.id);
		assert.deepEqual(invalidBlockProblems(found), []);
		const shown = await page.evaluate(() => {
			const documents = [document, ...[...document.querySelectorAll('iframe')].map((frame) => frame.contentDocument).filter(Boolean)];
			const pick = (selector) => documents.map((doc) => doc.querySelector(selector)).find(Boolean);
			return {
				title: pick('.editor-post-title__input, .wp-block-post-title')?.textContent,
				paragraph: pick('.is-root-container p.wp-block-paragraph, .is-root-container [data-type="core/paragraph"]')?.textContent,
				item: pick('.is-root-container li')?.textContent,
				caption: pick('.is-root-container figcaption')?.textContent,
				alt: pick('.is-root-container figure img')?.getAttribute('alt'),
				injected: documents.reduce((sum, doc) => sum + doc.querySelectorAll('.is-root-container img[onerror], .is-root-container script, .is-root-container b').length, 0),
			};
		});
		assert.equal(shown.title, `${TITLE}[2J`);
		assert.equal(shown.paragraph, PARAGRAPH);
		assert.equal(shown.item, ITEM);
		assert.equal(shown.caption, CAPTION);
		assert.equal(shown.alt, CAPTION);
		assert.equal(shown.injected, 0, 'no element from the file');
	});
});
