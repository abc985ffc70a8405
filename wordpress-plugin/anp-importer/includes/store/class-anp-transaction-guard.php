<?php
/**
 * Watching over a run's connection, lock and transactions.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Makes sure a group's transaction holds, whoever runs the statements in
 * it: the plugin, WordPress, or hooks through $wpdb, whose errors WordPress
 * keeps to itself.
 *
 * - wpdb reconnects silently when the server has gone away and runs the
 *   statement again: the GET_LOCK and the open transaction stay behind on
 *   the old connection, and what follows autocommits. While a run holds the
 *   lock, wpdb may not reconnect (reconnect_retries 0), and the wp_die()
 *   with which it then gives up throws Anp_Transaction_Lost instead of
 *   ending the process, so that the run stops cleanly, resumable.
 * - wpdb applies the `query` filter before it forgets the previous
 *   statement's error, so the filter sees the outcome of every statement of
 *   a group. After a deadlock (InnoDB has rolled the whole transaction
 *   back), a lock wait timeout (one statement undone, the caller may carry
 *   on without it) or a lost connection, the group is marked lost and every
 *   later statement in it is dropped (nothing autocommits after the
 *   rollback) until the group writer rolls back.
 * - A statement that would end the transaction implicitly (DDL, LOCK
 *   TABLES, COMMIT, ...) run by anyone else inside a group is refused: the
 *   group would no longer be all or nothing.
 * - Before each commit, one query checks that the transaction is still
 *   open and that this connection, the one the lock was taken on, still
 *   holds the lock (verify()).
 */
final class Anp_Transaction_Guard {

	/** Errors after which the group is written again: MySQL error code => what it is. */
	const RETRYABLE = array(
		1205 => 'a lock wait timeout',
		1213 => 'a deadlock',
	);

	/**
	 * Errors that mean the connection is gone: server shutdown, packet too
	 * big (the server drops the connection), connection killed, server gone
	 * away, lost during a query, lost while reading, idle timeout.
	 */
	const CONNECTION_LOST = array( 1053, 1153, 1927, 2006, 2013, 2055, 4031 );

	/** Statements that end a transaction when they run inside one. */
	const ENDS_TRANSACTION = '/^\s*(?:ALTER|CREATE(?!\s+TEMPORARY)|DROP(?!\s+TEMPORARY)|RENAME|TRUNCATE|LOCK\s|UNLOCK\s|GRANT|REVOKE|ANALYZE|OPTIMIZE|REPAIR|FLUSH|INSTALL|UNINSTALL|LOAD\s|CACHE\s+INDEX|COMMIT|BEGIN|START\s+TRANSACTION|ROLLBACK(?!\s+TO\b)|XA\s|SET\s+(?:SESSION\s+|LOCAL\s+|@@(?:SESSION\.|LOCAL\.)?)?autocommit\b)/i';

	/** The wp_die() handlers, one per kind of request. */
	const DIE_HANDLERS = array( 'wp_die_handler', 'wp_die_ajax_handler', 'wp_die_json_handler', 'wp_die_jsonp_handler', 'wp_die_xmlrpc_handler', 'wp_die_xml_handler' );

	/** @var self|null The guard of the run in progress. */
	private static $current;

	/** @var string The import lock's name. */
	private $lock_name;

	/** @var int The connection the lock was taken on. */
	private $connection_id;

	/** @var int|null wpdb's reconnect_retries before the run. */
	private $reconnect_retries;

	/** @var bool Whether a group's transaction is open. */
	private $open = false;

	/** @var Anp_Transaction_Lost|null Why the open transaction cannot be trusted. */
	private $lost;

	/** @var bool Whether the connection is known to be gone. */
	private $connection_lost = false;

	/** @var int Depth of own(): the transaction's own statements pass. */
	private $own = 0;

	/**
	 * Starts watching, for a run that has just taken its lock.
	 *
	 * @param string $lock_name The lock.
	 * @param int    $connection_id CONNECTION_ID() of the statement that took it.
	 */
	public static function start( string $lock_name, int $connection_id ): self {
		global $wpdb;
		$guard                    = new self();
		$guard->lock_name         = $lock_name;
		$guard->connection_id     = $connection_id;
		$guard->reconnect_retries = $wpdb->reconnect_retries;
		// A protected member; wpdb's __set() sets any but three.
		$wpdb->reconnect_retries = 0;
		add_filter( 'query', array( $guard, 'filter_query' ), PHP_INT_MAX );
		foreach ( self::DIE_HANDLERS as $filter ) {
			add_filter( $filter, array( $guard, 'die_handler' ), PHP_INT_MAX );
		}
		self::$current = $guard;
		return $guard;
	}

	/**
	 * The guard of the run in progress, if any.
	 */
	public static function current(): ?self {
		return self::$current;
	}

	/**
	 * Stops watching: wpdb as it was.
	 */
	public function stop(): void {
		global $wpdb;
		remove_filter( 'query', array( $this, 'filter_query' ), PHP_INT_MAX );
		foreach ( self::DIE_HANDLERS as $filter ) {
			remove_filter( $filter, array( $this, 'die_handler' ), PHP_INT_MAX );
		}
		$wpdb->reconnect_retries = $this->reconnect_retries;
		if ( self::$current === $this ) {
			self::$current = null;
		}
	}

	/**
	 * Runs the transaction's own statement (START, SAVEPOINT, COMMIT, ...):
	 * the filter lets it through, even once the group is lost.
	 *
	 * @param callable $statement Runs it.
	 * @return mixed What it returned.
	 */
	public function own( callable $statement ) {
		++$this->own;
		try {
			return $statement();
		} finally {
			--$this->own;
		}
	}

	/**
	 * Whether a group's transaction is open.
	 */
	public function is_open(): bool {
		return $this->open;
	}

	/**
	 * A group's transaction has started.
	 */
	public function opened(): void {
		$this->open = true;
		$this->lost = null;
	}

	/**
	 * It has ended (committed or rolled back).
	 */
	public function closed(): void {
		$this->open = false;
		$this->lost = null;
	}

	/**
	 * Why the open transaction cannot be trusted, or null.
	 */
	public function lost(): ?Anp_Transaction_Lost {
		return $this->lost;
	}

	public function connection_lost(): bool {
		return $this->connection_lost;
	}

	/**
	 * The `query` filter, last of all: looks at how the previous statement
	 * ended, and drops every statement of a group that is lost.
	 *
	 * @param string $query A statement about to run.
	 * @return string It, or '' (wpdb then runs nothing and returns false).
	 */
	public function filter_query( $query ) {
		if ( $this->own ) {
			return $query;
		}
		$this->observe();
		if ( ! $this->open ) {
			return $query;
		}
		if ( null === $this->lost && preg_match( self::ENDS_TRANSACTION, (string) $query ) ) {
			$this->lost = new Anp_Transaction_Lost(
				sprintf( 'a statement run inside the group\'s transaction would have ended it, and the group would no longer be written all or nothing; refused: %s', self::cut( (string) $query ) ),
				false
			);
		}
		return null === $this->lost ? $query : '';
	}

	/**
	 * Looks at the error of the statement that ran last, whoever ran it.
	 */
	public function observe(): void {
		global $wpdb;
		if ( ! $wpdb->dbh instanceof mysqli ) {
			return;
		}
		$errno = mysqli_errno( $wpdb->dbh );
		if ( in_array( $errno, self::CONNECTION_LOST, true ) ) {
			$this->lose_connection( sprintf( '%s (MySQL error %d)', mysqli_error( $wpdb->dbh ), $errno ) );
		} elseif ( $this->open && null === $this->lost && isset( self::RETRYABLE[ $errno ] ) ) {
			$this->lost = new Anp_Transaction_Lost(
				sprintf( 'the group\'s transaction was undone by %s (%s)', self::RETRYABLE[ $errno ], mysqli_error( $wpdb->dbh ) ),
				true
			);
		}
	}

	/**
	 * Just before a commit: the transaction is still open, on the
	 * connection the lock was taken on, which still holds the lock.
	 *
	 * @throws Anp_Transaction_Lost When any of it is not so.
	 * @throws RuntimeException When the server cannot say whether it is a Galera node.
	 */
	public function verify(): void {
		global $wpdb;
		$this->observe();
		if ( $this->lost ) {
			throw $this->lost;
		}
		$lock = $this->lock_name;
		// @@in_transaction is MariaDB's only: MySQL answers it with an error
		// (unknown system variable), so every commit would fail. MySQL has no
		// variable that says whether a transaction is open; there, only the
		// lock and the connection are checked, and a statement that ended
		// the transaction is still caught by filter_query().
		$open  = self::is_mariadb() ? '@@in_transaction' : 'NULL';
		$state = $this->own(
			static function () use ( $wpdb, $lock, $open ) {
				return $wpdb->get_row( $wpdb->prepare( "SELECT {$open} AS open, IS_USED_LOCK(%s) AS holder, CONNECTION_ID() AS id", $lock ), ARRAY_A );
			}
		);
		$this->observe();
		if ( $this->lost ) {
			throw $this->lost;
		}
		if ( ! is_array( $state ) ) {
			throw new Anp_Transaction_Lost( sprintf( 'the group\'s transaction could not be checked before its commit: %s', $wpdb->last_error ), false );
		}
		if ( (int) $state['id'] !== $this->connection_id || (int) $state['holder'] !== $this->connection_id ) {
			throw new Anp_Transaction_Lost( 'the import lock was lost (the database connection changed): another import may have started', false );
		}
		if ( null !== $state['open'] && '1' !== (string) $state['open'] ) {
			if ( $this->own( array( Anp_Db::class, 'is_galera' ) ) ) {
				// A Galera node aborts a local transaction that a write from
				// another node must pass (a "brute force" abort); the client
				// may hear of it only here. Nothing of the group stays: it is
				// written again, as after a deadlock.
				throw new Anp_Transaction_Lost( 'the group\'s transaction was undone by a write from another Galera node', true );
			}
			throw new Anp_Transaction_Lost( 'the group\'s transaction was no longer open before its commit: something inside it committed or rolled it back', false );
		}
	}

	/**
	 * Whether the server is MariaDB (which has @@in_transaction) rather
	 * than MySQL.
	 */
	private static function is_mariadb(): bool {
		global $wpdb;
		return str_contains( (string) $wpdb->db_server_info(), 'MariaDB' );
	}

	/**
	 * The wp_die() handler while the guard stands: wpdb gives up on a lost
	 * connection with wp_die() (bail(), dead_db()), which would end the
	 * process mid-group.
	 *
	 * @return callable
	 */
	public function die_handler(): callable {
		return array( $this, 'stop_run' );
	}

	/**
	 * @param string|WP_Error $message What wp_die() was given.
	 * @throws Anp_Transaction_Lost Always.
	 */
	public function stop_run( $message ): void {
		global $wpdb;
		if ( $message instanceof WP_Error ) {
			$message = $message->get_error_message();
		}
		$text = trim( (string) preg_replace( '/\s+/', ' ', html_entity_decode( wp_strip_all_tags( (string) $message ), ENT_QUOTES ) ) );
		// Whether the connection is gone is asked of the connection (its last
		// error, then a ping), never read from the message: a plugin's
		// wp_die() may speak of "the database" with the connection alive,
		// and taking that for a lost connection would skip the ROLLBACK and
		// the lock's release.
		if ( ! $wpdb->dbh instanceof mysqli || in_array( mysqli_errno( $wpdb->dbh ), self::CONNECTION_LOST, true ) || ! self::answers( $wpdb->dbh ) ) {
			throw $this->lose_connection( $text );
		}
		throw new Anp_Transaction_Lost( 'WordPress stopped the run: ' . $text, false );
	}

	/**
	 * Whether the server still answers on this connection (wpdb may not
	 * reconnect while the guard stands, and a ping does not).
	 */
	private static function answers( mysqli $dbh ): bool {
		try {
			return @mysqli_ping( $dbh ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a dead connection warns; the answer is what counts.
		} catch ( Throwable $e ) {
			return false;
		}
	}

	/**
	 * The connection is gone, and with it the transaction and the lock.
	 *
	 * @param string $why What the server or wpdb said.
	 */
	private function lose_connection( string $why ): Anp_Transaction_Lost {
		$this->connection_lost = true;
		$lost                  = new Anp_Transaction_Lost( 'lost the connection to the database, and with it the import lock and the group\'s transaction: ' . $why, false );
		if ( $this->open && ( null === $this->lost || $this->lost->retryable() ) ) {
			$this->lost = $lost;
		}
		return $this->lost ?? $lost;
	}

	private static function cut( string $sql ): string {
		return strlen( $sql ) > 80 ? substr( $sql, 0, 77 ) . '...' : $sql;
	}
}
