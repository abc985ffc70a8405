<?php
/**
 * Reads that the database answers while PHP works on something else.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * A second connection to wpdb's database that runs queued reads one after
 * the other in the background (MYSQLI_ASYNC), so that the server reads the
 * next chunk of an export while this process writes the current one: on
 * two cores the reads cost no time at all.
 *
 * Only an optimisation, never the only way to a row: take() gives the rows
 * a query has, from the background connection when it ran there and
 * succeeded, else from Anp_Db::read() on wpdb's own connection, now, where
 * an error becomes an exception as everywhere in store/. So a failure of
 * the second connection (it could not connect, the server dropped it, a
 * query failed there) costs the speed, never a row or an error.
 *
 * The connection speaks as wpdb's does: the same server, user, database,
 * character set, collation and SQL mode, read from wpdb's session. Each
 * statement commits on its own there as on wpdb's connection, so it sees
 * only committed rows: open() refuses while wpdb's connection is inside a
 * transaction (a test's, or a caller's), whose own rows it would miss. It
 * reads the server DB_HOST names: behind a proxy that sends reads to a
 * replica, a lagging replica is what it reads (run such an export with the
 * proxy pinned to the primary, as docs/wxr-export.md says).
 *
 * Memory: what is queued, which the caller keeps to a chunk.
 */
final class Anp_Db_Prefetch {

	/** @var mysqli|null The background connection; null once it failed. */
	private $dbh;

	/** @var array[] Queued reads, first first: [sql, form, then] each. */
	private array $queue = array();

	/** @var array|null The read on the server now: [sql, form, then]. */
	private $running;

	/** @var array sql => rows, read and not yet taken. */
	private array $done = array();

	/**
	 * A background connection like wpdb's, or null where there cannot be one
	 * (wpdb not on mysqli, a drop-in, the server refuses).
	 */
	public static function open(): ?self {
		global $wpdb;
		if ( ! isset( $wpdb->dbh ) || ! $wpdb->dbh instanceof mysqli || ! function_exists( 'mysqli_poll' ) || ! method_exists( $wpdb, 'parse_db_host' ) ) {
			return null;
		}
		try {
			$session = mysqli_query( $wpdb->dbh, 'SELECT DATABASE(), @@SESSION.character_set_client, @@SESSION.character_set_results, @@SESSION.collation_connection, @@SESSION.sql_mode' );
			$session = $session instanceof mysqli_result ? mysqli_fetch_row( $session ) : null;
			if ( ! $session || null === $session[0] || ! self::outside_transaction( $wpdb->dbh ) ) {
				return null;
			}
			$host   = (string) $wpdb->dbhost;
			$port   = null;
			$socket = null;
			$parsed = $wpdb->parse_db_host( $host );
			if ( $parsed ) {
				list( $host, $port, $socket, $is_ipv6 ) = $parsed;
				if ( $is_ipv6 && extension_loaded( 'mysqlnd' ) ) {
					$host = "[$host]";
				}
			}
			$dbh = mysqli_init();
			// phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a failure only means no background reads.
			if ( ! $dbh || ! @mysqli_real_connect( $dbh, $host, (string) $wpdb->dbuser, (string) $wpdb->dbpassword, (string) $session[0], $port, $socket, defined( 'MYSQL_CLIENT_FLAGS' ) ? MYSQL_CLIENT_FLAGS : 0 ) ) {
				return null;
			}
			$quote = static fn( $value ) => "'" . mysqli_real_escape_string( $dbh, (string) $value ) . "'";
			if ( ! mysqli_set_charset( $dbh, (string) $session[1] )
				|| ! mysqli_query( $dbh, 'SET character_set_client = ' . $quote( $session[1] ) . ', character_set_results = ' . ( null === $session[2] ? 'NULL' : $quote( $session[2] ) ) . ', collation_connection = ' . $quote( $session[3] ) . ', sql_mode = ' . $quote( $session[4] ) ) ) {
				mysqli_close( $dbh );
				return null;
			}
		} catch ( mysqli_sql_exception $e ) {
			return null;
		}
		$prefetch      = new self();
		$prefetch->dbh = $dbh;
		return $prefetch;
	}

	/**
	 * Whether wpdb's connection is outside a transaction: inside one, its
	 * own writes not yet committed are rows a second connection does not
	 * see, and an export would leave them out. Where the server cannot say
	 * (no @@in_transaction: MySQL), only autocommit is asked.
	 *
	 * @param mysqli $dbh wpdb's connection.
	 */
	private static function outside_transaction( mysqli $dbh ): bool {
		$autocommit = mysqli_query( $dbh, 'SELECT @@SESSION.autocommit' );
		if ( ! $autocommit instanceof mysqli_result || '1' !== (string) ( mysqli_fetch_row( $autocommit )[0] ?? '' ) ) {
			return false;
		}
		try {
			$open = @mysqli_query( $dbh, 'SELECT @@in_transaction' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- MySQL has no such variable.
		} catch ( mysqli_sql_exception $e ) {
			return true;
		}
		return ! $open instanceof mysqli_result || '0' === (string) ( mysqli_fetch_row( $open )[0] ?? '0' );
	}

	public function __destruct() {
		$this->close();
	}

	/**
	 * Queues a read; the server starts it as soon as the one before is done.
	 *
	 * A read whose rows decide what to read next (a range to read, say)
	 * comes with `$then`: its rows go to that callable once they are in,
	 * which may queue the next read, and are not kept for take(). Should the
	 * connection fail first, `$then` is never called: settle() tells when it
	 * will not be.
	 *
	 * @param string        $sql  A SELECT.
	 * @param string        $form As Anp_Db::read() takes it.
	 * @param callable|null $then Takes the rows (array) instead of take().
	 */
	public function add( string $sql, string $form = 'list', ?callable $then = null ): void {
		if ( null === $this->dbh ) {
			return;
		}
		$this->queue[] = array( $sql, $form, $then );
		$this->pump();
	}

	/**
	 * Waits until a query is neither queued nor running (its rows taken
	 * in, or the connection given up).
	 *
	 * @param string $sql The query.
	 */
	public function settle( string $sql ): void {
		while ( null !== $this->dbh && $this->waits_for( $sql ) ) {
			if ( null === $this->running ) {
				$this->start();
			} else {
				$this->reap();
			}
		}
	}

	/**
	 * Collects a finished read and starts the next, without waiting: call it
	 * now and then while working.
	 */
	public function pump(): void {
		if ( null === $this->dbh ) {
			return;
		}
		if ( null !== $this->running ) {
			$read   = array( $this->dbh );
			$error  = array( $this->dbh );
			$reject = array();
			if ( ! mysqli_poll( $read, $error, $reject, 0 ) ) {
				return;
			}
			$this->reap();
		}
		$this->start();
	}

	/**
	 * The rows of a query: from the background when it was queued (waiting
	 * for it if it is still running), else read now through Anp_Db.
	 *
	 * @param string $sql  A SELECT.
	 * @param string $form As Anp_Db::read() takes it.
	 * @throws RuntimeException On a database error.
	 */
	public function take( string $sql, string $form = 'list' ): array {
		if ( ! array_key_exists( $sql, $this->done ) ) {
			$this->settle( $sql );
		}
		if ( array_key_exists( $sql, $this->done ) && null !== $this->done[ $sql ] ) {
			$rows = $this->done[ $sql ];
			unset( $this->done[ $sql ] );
			return $rows;
		}
		unset( $this->done[ $sql ] );
		return Anp_Db::read( $sql, $form );
	}

	/**
	 * Forgets a read's rows if nobody took them (waiting for the read if it
	 * is still on the server): a read ahead that the caller did not need
	 * after all.
	 *
	 * @param string $sql The query.
	 */
	public function discard( string $sql ): void {
		$this->settle( $sql );
		unset( $this->done[ $sql ] );
	}

	/**
	 * Forgets what was queued and not taken (waiting for the read on the
	 * server, which the connection must finish first).
	 */
	public function clear(): void {
		$this->queue = array();
		$this->drain();
		$this->done = array();
	}

	/**
	 * Finishes the running read, if any, without handing its rows on: a
	 * callable would queue the next read of a run being given up.
	 */
	private function drain(): void {
		if ( null !== $this->running && null !== $this->dbh ) {
			$this->running[2] = null;
			$this->reap();
		}
		$this->running = null;
	}

	/**
	 * Closes the background connection.
	 */
	public function close(): void {
		if ( null === $this->dbh ) {
			return;
		}
		$this->queue = array();
		$this->drain();
		if ( null !== $this->dbh ) {
			mysqli_close( $this->dbh );
		}
		$this->dbh  = null;
		$this->done = array();
	}

	/**
	 * Whether a query is queued or running.
	 *
	 * @param string $sql The query.
	 */
	private function waits_for( string $sql ): bool {
		if ( null !== $this->running && $this->running[0] === $sql ) {
			return true;
		}
		foreach ( $this->queue as $queued ) {
			if ( $queued[0] === $sql ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Sends the next queued read when none is running.
	 */
	private function start(): void {
		if ( null !== $this->running || ! $this->queue || null === $this->dbh ) {
			return;
		}
		$this->running = array_shift( $this->queue );
		try {
			// Unbuffered: reap() reads the rows straight into PHP's arrays,
			// not into mysqlnd's buffers first (a tenth less time, and less
			// memory, for a chunk's meta).
			$sent = mysqli_query( $this->dbh, $this->running[0], MYSQLI_ASYNC | MYSQLI_USE_RESULT );
		} catch ( mysqli_sql_exception $e ) {
			$sent = false;
		}
		if ( false === $sent ) {
			$this->fail();
		}
	}

	/**
	 * Waits for the running read and keeps its rows; a failure gives up the
	 * connection (the read is then made on wpdb's when taken).
	 */
	private function reap(): void {
		list( $sql, $form, $then ) = $this->running;
		$this->running             = null;
		try {
			$result = mysqli_reap_async_query( $this->dbh );
			if ( ! $result instanceof mysqli_result ) {
				$this->fail();
				return;
			}
			$rows = Anp_Db::fetch( $result, $form );
			if ( 0 !== mysqli_errno( $this->dbh ) ) {
				// The rows stream in as they are taken (MYSQLI_USE_RESULT):
				// the connection broke before the last, and these are a part.
				$this->fail();
				return;
			}
		} catch ( mysqli_sql_exception $e ) {
			$this->fail();
			return;
		}
		if ( null === $then ) {
			$this->done[ $sql ] = $rows;
		} else {
			$then( $rows );
		}
	}

	/**
	 * Gives up the background connection: what is queued is read on wpdb's.
	 */
	private function fail(): void {
		if ( null !== $this->dbh ) {
			// phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- it may be gone already.
			@mysqli_close( $this->dbh );
		}
		$this->dbh     = null;
		$this->running = null;
		$this->queue   = array();
	}
}
