<?php
/**
 * How an export tells its front end what happens.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * What a front end supplies to follow an export: the engine never prints,
 * it tells the observer (WP-CLI draws a progress bar and lists the files).
 */
interface Anp_Export_Observer {

	/**
	 * The run knows how many items it writes: ANP posts and their attachments.
	 *
	 * @param int $items How many.
	 */
	public function started( int $items ): void;

	/**
	 * An item is written, or failed.
	 *
	 * @param int         $post_id Its post.
	 * @param string|null $failure Why it failed ("post 12: invalid UTF-8 in title at byte 3"), or null.
	 */
	public function item_done( int $post_id, ?string $failure ): void;

	/**
	 * A file is complete.
	 *
	 * @param array $file path (or "-" for standard output), items, bytes.
	 */
	public function file_done( array $file ): void;
}
