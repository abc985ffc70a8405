<?php
/**
 * How an import tells its front end what happens.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * What a front end supplies to follow an import: the engine never prints,
 * it tells the observer. WP-CLI draws a progress bar and collects each
 * file's warnings; wp-admin may stream them to the browser.
 */
interface Anp_Import_Observer {

	/**
	 * The run has found its files.
	 *
	 * @param int $files How many.
	 */
	public function started( int $files ): void;

	/**
	 * A file's outcome is final: its group was committed (or, in a dry run,
	 * decided). $item->action is created, updated, skipped, done or failed;
	 * $item->warnings() are its parse warnings; in a dry run, $item->changes
	 * says what an update would change.
	 *
	 * @param Anp_Import_Item $item The file.
	 */
	public function file_done( Anp_Import_Item $item ): void;
}
