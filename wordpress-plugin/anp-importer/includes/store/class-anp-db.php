<?php
/**
 * The one way the plugin runs SQL.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * wpdb with its errors turned into exceptions. wpdb reports a failed
 * statement by returning false (or an empty result) and leaving
 * $wpdb->last_error set; a caller that forgets to look carries on with a post
 * half-written. Every statement of store/ goes through here instead, so that
 * a database error always unwinds to the transaction that rolls it back.
 */
final class Anp_Db {

	/**
	 * Sends every read of this request to the primary, where a database
	 * drop-in splits reads and writes (HyperDB, LudicrousDB: both have
	 * send_reads_to_masters()). What an import or a rollback reads decides
	 * what it writes (the ledger's post for a file, a slug, a term), and a
	 * replica that lags would answer "not there" for what the last group, or
	 * the last run, wrote: a post made twice. Without such a drop-in, wpdb
	 * has one connection and this does nothing.
	 */
	public static function read_from_primary(): void {
		global $wpdb;
		if ( is_object( $wpdb ) && method_exists( $wpdb, 'send_reads_to_masters' ) ) {
			$wpdb->send_reads_to_masters();
		}
	}

	/**
	 * Runs a statement that changes rows.
	 *
	 * @param string $sql A complete statement, values prepared or escaped.
	 * @return int The rows it changed (or matched, as the server counts).
	 * @throws RuntimeException On a database error.
	 */
	public static function query( string $sql ): int {
		global $wpdb;
		$result = $wpdb->query( $sql ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- callers prepare.
		if ( false === $result ) {
			throw self::error( $sql );
		}
		return (int) $result;
	}

	/**
	 * What PHP does while the server runs a long write (long_write()):
	 * each call does a little of it and says whether there is more.
	 *
	 * @var callable|null
	 */
	private static $spare_work;

	/**
	 * Runs $run with $work as the work PHP does while the server runs a
	 * long write in it (long_write()): on two cores the server's time and
	 * PHP's then overlap instead of adding up. $work must not touch the
	 * database (the connection is busy with the write; a statement would
	 * fail as "commands out of sync") nor the site: no filter, no option,
	 * nothing another plugin could hook. Reading and parsing files is
	 * such work (Anp_Read_Ahead).
	 *
	 * @param callable $work Does a little, returns whether there is more.
	 * @param callable $run  What writes.
	 * @return mixed What $run returned.
	 */
	public static function with_spare_work( callable $work, callable $run ) {
		$outer            = self::$spare_work;
		self::$spare_work = $work;
		try {
			return $run();
		} finally {
			self::$spare_work = $outer;
		}
	}

	/**
	 * Runs a statement that writes many rows, as query() does, doing the
	 * spare work (with_spare_work()) until the server has answered: one
	 * step at least, then more while the server works. The statement is
	 * sent as wpdb sends it, through its "query" filter, and only when
	 * wpdb would send it unchanged: valid UTF-8, into text columns that
	 * take any (utf8mb4; wpdb checks the table, and a 4-byte character in
	 * a utf8mb3 column would be stored as "?" with only a warning). Else
	 * it goes through query(), and the spare work waits for another write:
	 * where wpdb is not on mysqli; where a drop-in replaces wpdb (one that
	 * splits reads and writes picks the connection in its own query(), and
	 * its $dbh is the last one used, maybe a replica's); where SAVEQUERIES
	 * asks wpdb to log every statement.
	 *
	 * @param string   $sql     A complete statement, values escaped.
	 * @param string   $table   The table it writes.
	 * @param string[] $columns Its text columns that the statement writes.
	 * @return int The rows it changed.
	 * @throws RuntimeException On a database error.
	 */
	public static function long_write( string $sql, string $table, array $columns ): int {
		global $wpdb;
		$dbh = $wpdb->dbh ?? null;
		if ( null === self::$spare_work || 'wpdb' !== get_class( $wpdb ) || ! $dbh instanceof mysqli || ! function_exists( 'mysqli_poll' ) || ( defined( 'SAVEQUERIES' ) && SAVEQUERIES )
			|| ! self::takes_any_text( $table, $columns ) || ! self::is_utf8( $sql ) ) {
			return self::query( $sql );
		}
		$filtered = apply_filters( 'query', $sql ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- wpdb's own filter, applied as wpdb::query() applies it.
		if ( ! $filtered || ! self::is_utf8( (string) $filtered ) ) {
			// What wpdb answers: nothing run (the transaction's guard
			// refuses the statements of a lost group so), or invalid text.
			throw self::error( $sql, $filtered ? 'Could not perform query because it contains invalid data.' : 'the statement was refused by a "query" filter' );
		}
		$sql = (string) $filtered;
		$wpdb->flush();
		$wpdb->last_query = $sql;
		++$wpdb->num_queries;
		$error = '';
		try {
			if ( false !== mysqli_query( $dbh, $sql, MYSQLI_ASYNC ) ) {
				$reaped = false;
				try {
					do {
						$more   = ( self::$spare_work )();
						$read   = array( $dbh );
						$failed = array();
						$reject = array();
					} while ( $more && 0 === mysqli_poll( $read, $failed, $reject, 0 ) );
					$reaped = true;
					$result = mysqli_reap_async_query( $dbh );
				} finally {
					if ( ! $reaped ) {
						// The spare work failed: the connection is still the
						// statement's until its answer is read.
						mysqli_reap_async_query( $dbh );
					}
				}
				if ( false !== $result ) {
					$wpdb->rows_affected = mysqli_affected_rows( $dbh );
					return (int) $wpdb->rows_affected;
				}
			}
			$error = mysqli_error( $dbh );
		} catch ( mysqli_sql_exception $e ) {
			// mysqli_report() set to throw by someone else.
			$error = $e->getMessage();
		}
		$wpdb->last_error = $error;
		throw self::error( $sql, $error );
	}

	/**
	 * Whether each of a table's columns takes any UTF-8 text (utf8mb4).
	 *
	 * @param string   $table   The table.
	 * @param string[] $columns Its columns.
	 */
	private static function takes_any_text( string $table, array $columns ): bool {
		global $wpdb;
		foreach ( $columns as $column ) {
			if ( 'utf8mb4' !== $wpdb->get_col_charset( $table, $column ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a string is valid UTF-8: what wpdb's check of a statement
	 * for a utf8mb4 table lets through unchanged (PCRE's check, which
	 * refuses overlong forms and surrogates as that check does; mbstring
	 * may be missing).
	 *
	 * @param string $text The statement.
	 */
	private static function is_utf8( string $text ): bool {
		return 1 === preg_match( '//u', $text );
	}

	/**
	 * A string escaped for a quoted SQL literal, for statements of many
	 * values (a group's rows, Anp_Bulk_Creator; the claims' names,
	 * Anp_Name_Claims): on wpdb's connection as it is now. esc_sql() also
	 * marks every "%" for prepare(), which these statements never go
	 * through, and that marking cost as much as the escaping itself; it
	 * is used only where wpdb is not on mysqli.
	 *
	 * @param string $text The value.
	 */
	public static function escape( string $text ): string {
		global $wpdb;
		return $wpdb->dbh instanceof mysqli ? mysqli_real_escape_string( $wpdb->dbh, $text ) : esc_sql( $text );
	}

	/**
	 * A string as a quoted SQL literal: what prepare() gives for %s,
	 * without parsing a format string for each value.
	 *
	 * @param string $text The value.
	 */
	public static function literal( string $text ): string {
		return "'" . self::escape( $text ) . "'";
	}

	/**
	 * The rows of a query.
	 *
	 * @param string $sql    A SELECT.
	 * @param string $output OBJECT or ARRAY_A, as wpdb takes it.
	 * @throws RuntimeException On a database error.
	 */
	public static function rows( string $sql, string $output = OBJECT ): array {
		global $wpdb;
		$wpdb->last_error = '';
		$rows             = $wpdb->get_results( $sql, $output ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- callers prepare.
		if ( '' !== $wpdb->last_error || self::lost() ) {
			throw self::error( $sql );
		}
		return $rows ? $rows : array();
	}

	/**
	 * The rows of a read, fast: straight from wpdb's mysqli connection,
	 * unbuffered, without wpdb's copies of every row (last_result, then the
	 * answer). For reads of many rows (an export's chunk); the values are
	 * the strings wpdb would give. Errors still become exceptions. Where
	 * wpdb is not on mysqli (a drop-in), or the connection was lost (wpdb
	 * reconnects), the read goes through wpdb.
	 *
	 * @param string $sql  A SELECT.
	 * @param string $form "list" (each row an array by column number), "assoc" or "object" (as wpdb's OBJECT).
	 * @return array
	 * @throws RuntimeException On a database error.
	 */
	public static function read( string $sql, string $form = 'list' ): array {
		global $wpdb;
		// What wpdb::query() does first: a "%" in a prepared value is still
		// prepare()'s escape (a slug has many).
		$sql = $wpdb->remove_placeholder_escape( $sql );
		$dbh = $wpdb->dbh ?? null;
		if ( $dbh instanceof mysqli ) {
			$error = '';
			try {
				$result = mysqli_query( $dbh, $sql, MYSQLI_USE_RESULT );
				if ( $result instanceof mysqli_result ) {
					$rows = self::fetch( $result, $form );
					if ( 0 === mysqli_errno( $dbh ) ) {
						return $rows;
					}
				}
				$errno = mysqli_errno( $dbh );
				$error = mysqli_error( $dbh );
			} catch ( mysqli_sql_exception $e ) {
				// mysqli_report() set to throw by someone else.
				$errno = $e->getCode();
				$error = $e->getMessage();
			}
			// 2006 server gone away, 2013 lost during the query: wpdb reconnects.
			if ( 2006 !== $errno && 2013 !== $errno ) {
				throw self::error( $sql, $error );
			}
		}
		$rows = self::rows( $sql, 'list' === $form ? ARRAY_N : ( 'assoc' === $form ? ARRAY_A : OBJECT ) );
		return $rows;
	}

	/**
	 * The ids an INSERT … RETURNING ID gave its rows, in their order. Only
	 * on wpdb's own mysqli connection and with no retry: a statement that
	 * writes must not run again on a connection wpdb opened anew, outside
	 * the caller's transaction.
	 *
	 * @param string $sql An INSERT ending in RETURNING ID.
	 * @return int[]
	 * @throws RuntimeException On any error, or where wpdb is not on mysqli.
	 */
	public static function returning_ids( string $sql ): array {
		global $wpdb;
		$dbh = $wpdb->dbh ?? null;
		if ( ! $dbh instanceof mysqli ) {
			throw self::error( $sql, 'INSERT … RETURNING needs wpdb on mysqli' );
		}
		try {
			$result = mysqli_query( $dbh, $sql );
			if ( $result instanceof mysqli_result ) {
				return array_map( 'intval', array_column( self::fetch( $result, 'list' ), 0 ) );
			}
			$error = mysqli_error( $dbh );
		} catch ( mysqli_sql_exception $e ) {
			$error = $e->getMessage();
		}
		throw self::lost() ?? self::error( $sql, $error );
	}

	/**
	 * Every row of a result in one of read()'s forms, and the result freed:
	 * read() and the background reads (Anp_Db_Prefetch) take rows alike.
	 *
	 * @param mysqli_result $result A result.
	 * @param string        $form   "list", "assoc" or "object".
	 */
	public static function fetch( mysqli_result $result, string $form ): array {
		if ( 'object' === $form ) {
			$rows = array();
			while ( $row = mysqli_fetch_object( $result ) ) { // phpcs:ignore Generic.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition
				$rows[] = $row;
			}
		} else {
			$rows = mysqli_fetch_all( $result, 'list' === $form ? MYSQLI_NUM : MYSQLI_ASSOC );
		}
		mysqli_free_result( $result );
		return $rows;
	}

	/**
	 * The first row of a query as an array, or null.
	 *
	 * @param string $sql A SELECT.
	 * @throws RuntimeException On a database error.
	 */
	public static function row( string $sql ): ?array {
		$rows = self::rows( $sql, ARRAY_A );
		return $rows ? $rows[0] : null;
	}

	/**
	 * The first column of a query.
	 *
	 * @param string $sql A SELECT.
	 * @return string[]
	 * @throws RuntimeException On a database error.
	 */
	public static function column( string $sql ): array {
		global $wpdb;
		$wpdb->last_error = '';
		$values           = $wpdb->get_col( $sql ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- callers prepare.
		if ( '' !== $wpdb->last_error || self::lost() ) {
			throw self::error( $sql );
		}
		return $values;
	}

	/**
	 * The first value of a query, or null.
	 *
	 * @param string $sql A SELECT.
	 * @throws RuntimeException On a database error.
	 */
	public static function value( string $sql ): ?string {
		global $wpdb;
		$wpdb->last_error = '';
		$value            = $wpdb->get_var( $sql ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- callers prepare.
		if ( '' !== $wpdb->last_error || self::lost() ) {
			throw self::error( $sql );
		}
		return null === $value ? null : (string) $value;
	}

	/**
	 * Runs a statement outside a transaction, and again when it lost to
	 * another in a deadlock: alone, it is all that was undone. On a Galera
	 * cluster that is how a statement that failed certification ends (two
	 * nodes' workers opening one batch, claiming one group).
	 *
	 * @param callable $statement The statement (Anp_Db::query() and the like).
	 * @return mixed What it returned.
	 * @throws RuntimeException When it fails otherwise, or five times.
	 */
	public static function again_on_deadlock( callable $statement ) {
		global $wpdb;
		for ( $attempt = 1; ; ++$attempt ) {
			try {
				return $statement();
			} catch ( Anp_Transaction_Lost $e ) {
				throw $e;
			} catch ( RuntimeException $e ) {
				if ( $attempt >= 5 || ! $wpdb->dbh instanceof mysqli || 1213 !== mysqli_errno( $wpdb->dbh ) ) {
					throw $e;
				}
				usleep( 20000 * $attempt );
			}
		}
	}

	/**
	 * Calls WordPress API that writes (add_post_meta() and the like, which
	 * answer false both for "nothing to change" and for a failure) and
	 * throws when a statement it ran failed.
	 *
	 * @param callable $write The call.
	 * @return mixed What it returned.
	 * @throws RuntimeException When the database reported an error.
	 */
	public static function checked( callable $write ) {
		global $wpdb;
		$wpdb->last_error = '';
		$result           = $write();
		$lost = self::lost();
		if ( $lost ) {
			throw $lost;
		}
		if ( '' !== $wpdb->last_error ) {
			throw new RuntimeException( 'database error: ' . $wpdb->last_error );
		}
		return $result;
	}

	/**
	 * Why the group's transaction is lost, when it is: then any failure in
	 * it is that, not an error of the statement or of the post at hand
	 * (Anp_Transaction_Guard).
	 */
	private static function lost(): ?Anp_Transaction_Lost {
		$guard = Anp_Transaction_Guard::current();
		if ( ! $guard ) {
			return null;
		}
		$guard->observe();
		return $guard->lost();
	}

	/**
	 * The largest statement the server takes (max_allowed_packet), less a
	 * margin for the command byte and what a statement holds besides its
	 * values. A longer one is never sent: the server answers it by dropping
	 * the connection, and with it the transaction and the import lock.
	 *
	 * @throws RuntimeException On a database error.
	 */
	public static function max_statement_bytes(): int {
		static $bytes = array();
		global $wpdb;
		$connection = $wpdb->dbh instanceof mysqli ? mysqli_thread_id( $wpdb->dbh ) : 0;
		if ( ! isset( $bytes[ $connection ] ) ) {
			$bytes[ $connection ] = (int) self::value( 'SELECT @@max_allowed_packet' ) - 1024;
		}
		return $bytes[ $connection ];
	}

	/**
	 * Whether the server is a node of a Galera cluster. Asked once a
	 * connection: a reconnect may reach another server.
	 *
	 * @throws RuntimeException On a database error.
	 */
	public static function is_galera(): bool {
		static $galera = array();
		global $wpdb;
		$connection = $wpdb->dbh instanceof mysqli ? mysqli_thread_id( $wpdb->dbh ) : 0;
		if ( ! isset( $galera[ $connection ] ) ) {
			$galera[ $connection ] = 'ON' === strtoupper( (string) ( self::row( "SHOW VARIABLES LIKE 'wsrep_on'" )['Value'] ?? '' ) );
		}
		return $galera[ $connection ];
	}

	/**
	 * The exception for the statement that just failed. A long statement (a
	 * multi-row INSERT) is cut: its start says enough.
	 *
	 * @param string      $sql     The statement.
	 * @param string|null $message The server's error (default wpdb's last_error).
	 */
	private static function error( string $sql, ?string $message = null ): RuntimeException {
		global $wpdb;
		$lost = self::lost();
		if ( $lost ) {
			return $lost;
		}
		$statement = strlen( $sql ) > 80 ? substr( $sql, 0, 77 ) . '...' : $sql;
		return new RuntimeException( sprintf( 'database error: %s (on %s)', $message ?? $wpdb->last_error, $statement ) );
	}
}
