<?php
/**
 * One import at a time on a site, or the workers of one batch together.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * MariaDB/MySQL named locks. The server releases them when the connection
 * ends, so a run killed with -9 never leaves a stale lock behind, unlike a
 * lock kept in an option or a file.
 *
 * Two ways to hold the site:
 * - alone (acquire()): a rollback, or a step of wp-admin's importer. It
 *   holds the site's lock for the whole run, once no worker of any batch
 *   still runs;
 * - as a worker of a batch (join()): the workers of one import (the same
 *   files and options, the same batch) run side by side; each holds a
 *   worker lock of its own, named after the batch, for the whole run, and
 *   the site's lock only for the moment it takes it, so that nothing else
 *   starts meanwhile. A worker of another batch, or a run alone, is refused
 *   while any of them runs.
 *
 * The locks are the server's: under Galera each node has its own, so they
 * keep apart runs on one node only (docs/scaling.md). What keeps workers
 * on several nodes from writing a post twice is the work queue and the
 * ledger, not these locks.
 */
final class Anp_Import_Lock {

	/** Workers of one batch at most, on one server (a lock each). */
	const WORKERS_MAX = 32;

	/** Seconds a worker waits for another one to finish joining. */
	const JOIN_WAIT = 10;

	/** @var string The site's lock. */
	private $site;

	/** @var string The lock this run holds: the site's, or a worker's. */
	private $name = '';

	/** @var int The connection that holds it: the server frees it when that one ends. */
	private $connection_id = 0;

	public function __construct() {
		global $wpdb;
		// Lock names are limited to 64 characters and shared by the server.
		$this->site = 'anp_import_' . md5( DB_NAME . '|' . $wpdb->prefix );
	}

	/**
	 * Holds the site alone.
	 *
	 * @throws Anp_Import_Locked When another import or rollback runs.
	 */
	public function acquire(): void {
		$this->connection_id = $this->take( $this->site, 0 );
		if ( ! $this->connection_id ) {
			throw new Anp_Import_Locked( 'another import is running on this site; wait for it to end' );
		}
		if ( $this->workers_running( null ) ) {
			$this->free( $this->site );
			throw new Anp_Import_Locked( 'another import is running on this site; wait for it to end (`wp anp status` shows its workers)' );
		}
		$this->name = $this->site;
	}

	/**
	 * Joins the workers of a batch.
	 *
	 * @param string        $batch_key The batch's arguments hash (Anp_Import_Options::resume_key()).
	 * @param callable|null $opening   What to do while holding the site's lock, once the worker
	 *                                 lock is taken: open the batch, so that a run that starts
	 *                                 next sees it running. It is told whether this worker is
	 *                                 the batch's only one running (on this server).
	 * @throws Anp_Import_Locked When a run alone, a worker of another batch, or WORKERS_MAX workers run.
	 */
	public function join( string $batch_key, ?callable $opening = null ): void {
		if ( ! $this->take( $this->site, self::JOIN_WAIT ) ) {
			throw new Anp_Import_Locked( 'another import is running on this site; wait for it to end' );
		}
		try {
			if ( $this->workers_running( $batch_key ) ) {
				throw new Anp_Import_Locked( 'another import is running on this site; wait for it to end' );
			}
			foreach ( $this->worker_locks( $batch_key ) as $name ) {
				$this->connection_id = $this->take( $name, 0 );
				if ( $this->connection_id ) {
					$this->name = $name;
					if ( $opening ) {
						try {
							$opening( ! $this->others_running( $batch_key ) );
						} catch ( Throwable $e ) {
							$this->free( $name );
							throw $e;
						}
					}
					return;
				}
			}
			throw new Anp_Import_Locked( sprintf( '%d workers of this import are running already', self::WORKERS_MAX ) );
		} finally {
			$this->free( $this->site );
		}
	}

	/**
	 * The lock this run holds (the site's, or its worker lock).
	 */
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
		$this->free( $this->name );
	}

	/**
	 * Takes a named lock, waiting up to $seconds.
	 *
	 * @return int The connection's id, or 0 when another holds it.
	 */
	private function take( string $name, int $seconds ): int {
		global $wpdb;
		$got = Anp_Db::row( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d) AS got, CONNECTION_ID() AS id', $name, $seconds ) );
		return '1' === (string) ( $got['got'] ?? '' ) ? (int) $got['id'] : 0;
	}

	private function free( string $name ): void {
		global $wpdb;
		// Not through Anp_Db: it runs in a finally, where an error of its own
		// would hide the one that unwinds. The server frees it with the
		// connection anyway.
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $name ) );
	}

	/**
	 * Whether a worker of a running batch other than $except holds its lock.
	 */
	private function workers_running( ?string $except ): bool {
		if ( ! Anp_Schema::installed() ) {
			return false;
		}
		$batches = Anp_Schema::batches_table();
		$keys    = Anp_Db::column( "SELECT DISTINCT args_hash FROM $batches WHERE status = 'running'" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
		$names   = array();
		foreach ( $keys as $key ) {
			if ( $key !== $except ) {
				array_push( $names, ...$this->worker_locks( (string) $key ) );
			}
		}
		return self::any_used( $names );
	}

	/**
	 * Whether a worker of this batch other than this one holds its lock.
	 */
	private function others_running( string $batch_key ): bool {
		return self::any_used( array_diff( $this->worker_locks( $batch_key ), array( $this->name ) ) );
	}

	/**
	 * Whether any of these locks is held (by any connection to this server).
	 *
	 * @param string[] $names Lock names.
	 * @throws RuntimeException On a database error.
	 */
	private static function any_used( array $names ): bool {
		global $wpdb;
		foreach ( array_chunk( $names, 200 ) as $chunk ) {
			$used = implode( ',', array_map( static fn( $name ) => $wpdb->prepare( 'IS_USED_LOCK(%s)', $name ), $chunk ) );
			if ( null !== Anp_Db::value( "SELECT COALESCE($used)" ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- prepared above.
				return true;
			}
		}
		return false;
	}

	/**
	 * The worker locks of a batch: 64 characters at most, per site.
	 *
	 * @return string[]
	 */
	private function worker_locks( string $batch_key ): array {
		$prefix = 'anp_w_' . substr( md5( $this->site . '|' . $batch_key ), 0, 24 ) . '_';
		return array_map( static fn( $i ) => $prefix . $i, range( 1, self::WORKERS_MAX ) );
	}
}
