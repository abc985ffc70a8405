<?php
/**
 * One import at a time on a site.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * A MariaDB/MySQL named lock. The server releases it when the connection
 * ends, so a run killed with -9 never leaves a stale lock behind, unlike a
 * lock kept in an option or a file.
 */
final class Anp_Import_Lock {

	/** @var string */
	private $name;

	public function __construct() {
		global $wpdb;
		// Lock names are limited to 64 characters and shared by the server.
		$this->name = 'anp_import_' . md5( DB_NAME . '|' . $wpdb->prefix );
	}

	/**
	 * @throws RuntimeException When another import holds it.
	 */
	public function acquire(): void {
		global $wpdb;
		if ( '1' !== Anp_Db::value( $wpdb->prepare( 'SELECT GET_LOCK(%s, 0)', $this->name ) ) ) {
			throw new RuntimeException( 'another import is running on this site; wait for it to end' );
		}
	}

	public function release(): void {
		global $wpdb;
		// Not through Anp_Db: it runs in a finally, where an error of its own
		// would hide the one that unwinds. The server frees it with the
		// connection anyway.
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $this->name ) );
	}
}
