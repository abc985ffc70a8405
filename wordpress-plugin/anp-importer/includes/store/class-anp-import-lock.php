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

	/** @var int The connection that holds it: the server frees it when that one ends. */
	private $connection_id = 0;

	/**
	 * @throws RuntimeException When another import holds it.
	 */
	public function acquire(): void {
		global $wpdb;
		$got = Anp_Db::row( $wpdb->prepare( 'SELECT GET_LOCK(%s, 0) AS got, CONNECTION_ID() AS id', $this->name ) );
		if ( '1' !== (string) ( $got['got'] ?? '' ) ) {
			throw new Anp_Import_Locked( 'another import is running on this site; wait for it to end' );
		}
		$this->connection_id = (int) $got['id'];
	}

	public function name(): string {
		return $this->name;
	}

	/**
	 * The connection it was taken on.
	 */
	public function connection_id(): int {
		return $this->connection_id;
	}

	public function release(): void {
		global $wpdb;
		// Not through Anp_Db: it runs in a finally, where an error of its own
		// would hide the one that unwinds. The server frees it with the
		// connection anyway.
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $this->name ) );
	}
}
