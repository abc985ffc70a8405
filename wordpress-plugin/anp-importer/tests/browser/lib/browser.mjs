// Chromium (Debian's, driven by playwright-core) on the sandbox's WordPress:
// launching it, logging in as the admin, and opening a post in the block
// editor to collect every sign of an invalid block.
//
//   ANP_BROWSER_CHROMIUM   the browser to drive (default /usr/bin/chromium)

import { chromium } from 'playwright-core';
import { baseUrl, runPhpInWordPress } from './sandbox.mjs';

const chromiumPath = process.env.ANP_BROWSER_CHROMIUM || '/usr/bin/chromium';

// The editor loads a hundred scripts and makes REST calls, from a php -S
// with a few workers on what may be a busy 2-core machine: give a page more
// than playwright's 30 s default.
const PAGE_TIMEOUT_MS = 60_000;

/** Starts a headless chromium; close it in an after() hook. */
export async function launchBrowser() {
	return chromium.launch({
		executablePath: chromiumPath,
		// The sandbox is offline: every host but the sandbox's fails at once
		// instead of waiting on DNS (wp-login.php links to wordpress.org).
		args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
	});
}

// WordPress 6.1 keeps the editor's preferences in this user meta; with
// welcomeGuide false the "Welcome to the block editor" modal does not open
// over the page.
const PHP_DISMISS_WELCOME_GUIDE = `<?php
global $wpdb;
$user = get_user_by( 'login', $argv[1] );
$key = $wpdb->get_blog_prefix() . 'persisted_preferences';
$preferences = get_user_meta( $user->ID, $key, true ) ?: array();
$preferences['core/edit-post'] = array_merge( $preferences['core/edit-post'] ?? array(), array( 'welcomeGuide' => false ) );
$preferences['_modified'] = gmdate( 'c' );
update_user_meta( $user->ID, $key, $preferences );
`;

/**
 * A browser context logged in through wp-login.php as this user.
 */
export async function newUserContext(browser, login, password = login) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	context.setDefaultTimeout(PAGE_TIMEOUT_MS);
	const page = await context.newPage();
	await page.goto(`${baseUrl}/wp-login.php`);
	// wp-login.php moves the focus to the user name field 200 ms after load
	// (wp_attempt_focus); if that happens while the password is typed, the
	// password goes into the user name field. Let it happen first (not
	// coming within 2 s, it is not coming).
	await page.waitForFunction(() => document.activeElement?.id === 'user_login', null, { timeout: 2000 }).catch(() => {});
	await page.fill('#user_login', login);
	await page.fill('#user_pass', password);
	await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
	if (!new URL(page.url()).pathname.startsWith('/wp-admin/')) {
		const error = await page.locator('#login_error').textContent({ timeout: 1000 }).catch(() => '(no #login_error)');
		throw new Error(`logging in as ${login} ended on ${page.url()}: ${error.trim()}`);
	}
	await page.close();
	return context;
}

/**
 * A browser context logged in as admin/admin (the sandbox's admin), with
 * the block editor's welcome guide dismissed for that user.
 */
export async function newAdminContext(browser) {
	runPhpInWordPress(PHP_DISMISS_WELCOME_GUIDE, ['admin']);
	return newUserContext(browser, 'admin', 'admin');
}

export const INVALID_CONTENT_TEXT = 'This block contains unexpected or invalid content';
const VALIDATION_FAILED_TEXT = 'Block validation failed';

/**
 * Opens post `postId` in the block editor (wp-admin/post.php?post=ID&action=edit)
 * on `page`, waits until every block is rendered, and returns what it found:
 *
 *   warningElements          .block-editor-warning elements: { block, text }
 *   invalidContentTextCount  how many times the page says INVALID_CONTENT_TEXT
 *   validationFailures       console messages with "Block validation failed"
 *   invalidBlocks            blocks the editor's store marks isValid: false,
 *                            with the markup stored and the markup the
 *                            editor expected
 *   welcomeGuideOpen         whether the welcome guide is over the page
 *   blockNames               the names of the post's blocks, inner ones included
 */
export async function openInBlockEditor(page, postId) {
	const consoleMessages = [];
	const onConsole = (message) => consoleMessages.push(message.text());
	page.on('console', onConsole);
	try {
		await page.goto(`${baseUrl}/wp-admin/post.php?post=${postId}&action=edit`);
		await page.waitForFunction((id) => {
			const editor = window.wp?.data?.select('core/editor');
			return editor?.__unstableIsEditorReady?.() && editor.getCurrentPostId() === id;
		}, postId);
		await dismissWelcomeGuide(page);
		// Each block is in the store before it is on the page: wait until the
		// page shows as many blocks as the store holds, or a warning could
		// still be on its way. (The canvas is in the page in WordPress 6.1;
		// later versions may put it in an iframe, so look there too.)
		await page.waitForFunction(() => {
			const expected = window.wp.data.select('core/block-editor').getClientIdsWithDescendants().length;
			const documents = [document, ...[...document.querySelectorAll('iframe')].map((frame) => frame.contentDocument).filter(Boolean)];
			const rendered = documents.reduce((sum, doc) => sum + doc.querySelectorAll('.is-root-container [data-block]').length, 0);
			return rendered >= expected;
		});
		const found = await page.evaluate(collectInPage, INVALID_CONTENT_TEXT);
		return {
			...found,
			validationFailures: consoleMessages.filter((text) => text.includes(VALIDATION_FAILED_TEXT)),
		};
	} finally {
		page.off('console', onConsole);
	}
}

// Runs in the page (it cannot use anything from this module's scope).
function collectInPage(invalidContentText) {
	const documents = [document, ...[...document.querySelectorAll('iframe')].map((frame) => frame.contentDocument).filter(Boolean)];
	const warningElements = documents.flatMap((doc) => [...doc.querySelectorAll('.block-editor-warning')].map((element) => ({
		block: element.closest('[data-type]')?.getAttribute('data-type') ?? null,
		text: element.innerText.replace(/\s+/g, ' ').trim(),
	})));
	const invalidContentTextCount = documents.reduce((sum, doc) => sum + doc.body.textContent.split(invalidContentText).length - 1, 0);

	const blockNames = [];
	const invalidBlocks = [];
	const visit = (blocks) => {
		for (const block of blocks) {
			blockNames.push(block.name);
			if (block.isValid === false) {
				invalidBlocks.push({
					name: block.name,
					stored: block.originalContent,
					expected: window.wp.blocks.getSaveContent(block.name, block.attributes, block.innerBlocks),
				});
			}
			visit(block.innerBlocks);
		}
	};
	visit(window.wp.data.select('core/block-editor').getBlocks());
	const welcomeGuideOpen = document.querySelector('.edit-post-welcome-guide') !== null;
	return { warningElements, invalidContentTextCount, invalidBlocks, blockNames, welcomeGuideOpen };
}

// The user meta set by newAdminContext() normally keeps the guide closed; a
// preference kept in localStorage could still open it over the blocks.
async function dismissWelcomeGuide(page) {
	await page.evaluate(() => {
		const preferences = window.wp.data.select('core/preferences');
		if (preferences?.get('core/edit-post', 'welcomeGuide')) {
			window.wp.data.dispatch('core/preferences').set('core/edit-post', 'welcomeGuide', false);
		}
	});
}

/**
 * What openInBlockEditor() found that makes the post fail to "open in the
 * block editor with no invalid block warning" (spec wordpress.md §2), one
 * line each; [] when the post is fine.
 */
export function invalidBlockProblems(found) {
	return [
		...found.warningElements.map((warning) => `.block-editor-warning on ${warning.block}: ${warning.text}`),
		...(found.invalidContentTextCount > 0 ? [`the page says "${INVALID_CONTENT_TEXT}" ${found.invalidContentTextCount} time(s)`] : []),
		// (the message goes on with the whole block; its start names the block type)
		...found.validationFailures.map((message) => `console: ${message.replace(/\s+/g, ' ').slice(0, 300)}`),
		...found.invalidBlocks.map((block) => `invalid ${block.name}\n  stored:   ${block.stored}\n  expected: ${block.expected}`),
	];
}
