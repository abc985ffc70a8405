// Settings → ANP Importer in wp-admin, driven as an admin drives it: every
// setting changed through the form and saved, read back from the option and
// from the page; a value the plugin refuses leaves the settings as they were
// and the page says why (spec wordpress.md: every setting is on the page).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newAdminContext } from './lib/browser.mjs';
import { baseUrl, runPhpInWordPress, runPhpInWordPressJson } from './lib/sandbox.mjs';

const SETTINGS_URL = `${baseUrl}/wp-admin/options-general.php?page=anp-importer`;
const PHP_SETTINGS = '<?php echo wp_json_encode( array( "stored" => get_option( "anp_importer_settings", null ), "effective" => Anp_Settings::get() ) );';
const PHP_FORGET_SETTINGS = '<?php delete_option( "anp_importer_settings" );';

const field = (name) => `[name="anp_importer_settings[${name}]"]`;

describe('the settings page', () => {
	let browser;
	let page;

	before(async () => {
		runPhpInWordPress(PHP_FORGET_SETTINGS);
		browser = await launchBrowser();
		page = await (await newAdminContext(browser)).newPage();
	});
	after(async () => {
		await browser?.close();
		runPhpInWordPress(PHP_FORGET_SETTINGS); // The other tests import with the defaults.
	});

	it('shows the defaults and which parser is in use', async () => {
		await page.goto(SETTINGS_URL);
		assert.equal(await page.locator('h1').innerText(), 'ANP Importer');
		assert.match(await page.locator('#anp-status-parser').innerText(), /anp PHP extension \S+ \(fast, in C\)|pure-PHP parser \(the anp extension is not loaded/);
		assert.match(await page.locator('#anp-status-wxr-writer').innerText(), /anp PHP extension \(in C, on libxml2\)|PHP writer on XMLWriter \(the anp extension is not loaded/);
		assert.equal(await page.locator(field('post_status')).inputValue(), 'draft');
		assert.equal(await page.locator(field('post_type')).inputValue(), 'post');
		assert.equal(await page.locator(field('post_author')).inputValue(), '0');
		assert.equal(await page.locator(`${field('post_date')}:checked`).inputValue(), 'last_reviewed');
		assert.equal(await page.locator(`${field('images')}:checked`).inputValue(), 'external');
		assert.equal(await page.locator(`${field('on_change')}:checked`).inputValue(), 'update');
		assert.equal(await page.locator(field('batch_size')).inputValue(), '100');
		assert.equal(await page.locator('#anp_meta_box').isChecked(), true);
		assert.equal(await page.locator('#anp_taxonomy_map_category').inputValue(), 'entities:area');
		assert.equal(await page.locator('#anp_taxonomy_map_post_tag').inputValue(), 'tools');
	});

	it('saves every setting changed in the form, typed as the plugin reads it', async () => {
		await page.goto(SETTINGS_URL);
		await page.selectOption(field('post_status'), 'publish');
		await page.selectOption(field('post_type'), 'page');
		await page.selectOption(field('post_author'), { label: 'admin' });
		await page.check(`${field('post_date')}[value="import_time"]`);
		await page.check(`${field('images')}[value="media"]`);
		await page.check(`${field('on_change')}[value="skip"]`);
		await page.fill(field('batch_size'), '250');
		await page.uncheck('#anp_meta_box');
		await page.fill('#anp_taxonomy_map_post_tag', 'stack');
		await page.fill('#anp_taxonomy_map_category', ''); // No categories from the files.
		await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
		assert.match(await page.locator('.notice, .updated').first().innerText(), /Settings saved/);

		const { stored } = runPhpInWordPressJson(PHP_SETTINGS);
		assert.deepEqual(stored, {
			post_status: 'publish',
			post_type: 'page',
			post_author: 1,
			post_date: 'import_time',
			on_change: 'skip',
			images: 'media',
			meta_box: false,
			batch_size: 250,
			taxonomy_map: {
				post_tag: 'stack',
				anp_stack: 'stack',
				anp_problem: 'entities:problem',
				anp_difficulty: 'difficulty',
				anp_code_language: 'code_language',
			},
		});

		// And the page shows what was saved.
		await page.goto(SETTINGS_URL);
		assert.equal(await page.locator(field('post_status')).inputValue(), 'publish');
		assert.equal(await page.locator(`${field('images')}:checked`).inputValue(), 'media');
		assert.equal(await page.locator('#anp_meta_box').isChecked(), false);
		assert.equal(await page.locator('#anp_taxonomy_map_category').inputValue(), '');
		assert.equal(await page.locator(field('batch_size')).inputValue(), '250');
	});

	it('refuses a value the plugin does not take, and keeps the settings as they were', async () => {
		const before = runPhpInWordPressJson(PHP_SETTINGS).stored;
		await page.goto(SETTINGS_URL);
		// The browser itself would stop these (min, pattern): take its checks
		// away, as a crafted request would.
		await page.evaluate(() => document.querySelectorAll('input').forEach((input) => {
			input.removeAttribute('min');
			input.removeAttribute('pattern');
		}));
		await page.fill(field('batch_size'), '0');
		await page.fill('#anp_taxonomy_map_anp_stack', 'stack');
		await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
		const notice = await page.locator('.notice-error, .error').first().innerText();
		assert.match(notice, /Settings not saved: setting "batch_size" must be from 1 to 5000/);
		assert.deepEqual(runPhpInWordPressJson(PHP_SETTINGS).stored, before);
		assert.equal(await page.locator('#setting-error-settings_updated').count(), 0, 'no "Settings saved."');

		await page.fill(field('batch_size'), '100');
		await page.evaluate(() => document.querySelectorAll('input').forEach((input) => input.removeAttribute('pattern')));
		await page.fill('#anp_taxonomy_map_anp_stack', '<script>alert(1)</script>');
		await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
		assert.match(await page.locator('.notice-error, .error').first().innerText(), /Settings not saved: taxonomy_map: "anp_stack" => "<script>alert\(1\)<\/script>" is not a taxonomy and a meta field or entities:TYPE/);
		assert.deepEqual(runPhpInWordPressJson(PHP_SETTINGS).stored, before);
	});

	it('is linked from the Plugins screen', async () => {
		await page.goto(`${baseUrl}/wp-admin/plugins.php`);
		const link = page.locator('tr[data-slug="anp-importer"] a', { hasText: 'Settings' });
		assert.equal(await link.getAttribute('href'), SETTINGS_URL);
	});
});
