// With images=media an image block points at its attachment (id, size,
// class wp-image-ID), as the editor writes one that was uploaded: those
// posts too must open with no invalid block (spec wordpress.md §2), and the
// editor must show the local copy as the featured image.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { invalidBlockProblems, launchBrowser, newAdminContext, openInBlockEditor } from './lib/browser.mjs';
import { baseUrl, generateCorpus, importAnpFiles, runPhpInWordPress } from './lib/sandbox.mjs';

// Served by the sandbox's own web server, the same host as the site, so that
// WordPress's download_url() takes them as it would take images on the web.
const IMAGES_FOLDER = 'anp-browser-images';
const PHP_WRITE_PNGS = `<?php
$dir = ABSPATH . '${IMAGES_FOLDER}';
wp_mkdir_p( $dir );
$chunk = static fn( $type, $data ) => pack( 'N', strlen( $data ) ) . $type . $data . pack( 'N', crc32( $type . $data ) );
foreach ( array_slice( $argv, 1 ) as $i => $name ) {
	$w = 8 + $i;
	$h = 6;
	$rows = str_repeat( "\\0" . str_repeat( chr( 40 * $i % 256 ) . "\\x80\\x20", $w ), $h );
	file_put_contents( "$dir/$name", "\\x89PNG\\r\\n\\x1a\\n" . $chunk( 'IHDR', pack( 'NNCCCCC', $w, $h, 8, 2, 0, 0, 0 ) ) . $chunk( 'IDAT', gzcompress( $rows ) ) . $chunk( 'IEND', '' ) );
}
`;

// Generated posts whose image URLs now name images on this site.
const files = generateCorpus('media-images', { count: 8, seed: 20261121 });
const names = [];
for (const file of files) {
	writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s*• url: )https?:\/\/\S+$/gm, (line, prefix) => {
		names.push(`image-${names.length}.png`);
		return `${prefix}${baseUrl}/${IMAGES_FOLDER}/${names.at(-1)}`;
	}));
}
runPhpInWordPress(PHP_WRITE_PNGS, names);
const { report, posts } = importAnpFiles(files, { flags: ['--images=media'] });

describe('posts with images in the media library open in the block editor', () => {
	let browser;
	let page;

	before(async () => {
		browser = await launchBrowser();
		page = await (await newAdminContext(browser)).newPage();
	});
	after(async () => {
		await browser?.close();
	});

	it('the import downloaded every image', () => {
		assert.ok(names.length >= 4, `the generated posts hold images (${names.length})`);
		assert.deepEqual(report.failures, []);
	});

	for (const post of posts) {
		it(`${post.source} (post ${post.id})`, async () => {
			const found = await openInBlockEditor(page, post.id);
			assert.deepEqual(invalidBlockProblems(found), []);
			const images = await page.evaluate(() => window.wp.data.select('core/block-editor').getBlocks()
				.filter((block) => block.name === 'core/image')
				.map((block) => ({ id: block.attributes.id, url: block.attributes.url })));
			for (const image of images) {
				assert.ok(Number.isInteger(image.id) && image.id > 0, 'the block knows its attachment');
				assert.ok(image.url.startsWith(`${baseUrl}/wp-content/uploads/`), `the local copy: ${image.url}`);
			}
			const featured = await page.evaluate(() => window.wp.data.select('core/editor').getEditedPostAttribute('featured_media'));
			assert.equal(featured, images[0]?.id ?? 0, 'the first image is the featured image');
		});
	}
});
