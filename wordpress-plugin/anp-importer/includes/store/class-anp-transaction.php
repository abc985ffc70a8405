<?php
/**
 * Database transactions around groups of posts, with a savepoint per post.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * One transaction per group of posts (one commit, one log flush, instead of
 * one per query), and a savepoint per post inside it, so that a post that
 * fails half-way is undone alone: a post and its meta and terms land together
 * or not at all.
 *
 * Within a run (Anp_Run_Frame), the run's Anp_Transaction_Guard watches the
 * transaction: the commit is made only once the guard has checked that the
 * transaction is still open on the connection that holds the lock, and a
 * savepoint that cannot be rolled back to means the transaction is lost.
 */
final class Anp_Transaction {

	/** Tables a run writes in its transactions, without the prefix. */
	const TABLES = array( 'posts', 'postmeta', 'terms', 'term_taxonomy', 'term_relationships', 'termmeta', 'anp_items', 'anp_batches', 'anp_changes' );

	/** @var int The last token a transaction on a Galera node wrote (begin()). */
	private static $last_token = 0;

	/** @var int This transaction's token on a Galera node; 0 elsewhere. */
	private $token = 0;

	/**
	 * Opens the transaction. On a Galera node, a transaction that a write
	 * from another node aborts (a "brute force" abort) may not tell its
	 * client at its next statement: the statements after it then ran on
	 * their own and committed, so a group's ledger rows and its record in
	 * the queue stayed while its posts were rolled back (the Galera
	 * workers test lost a group so). There, autocommit is off for the
	 * transaction, so that nothing after such an abort commits until
	 * commit(); and the transaction writes a token in a temporary table,
	 * which commit() finds there only if the transaction that holds it is
	 * still the one begun here.
	 *
	 * @throws RuntimeException On a database error.
	 */
	public function begin(): void {
		global $wpdb;
		$this->token = 0;
		if ( Anp_Db::is_galera() ) {
			self::own(
				static function () {
					// A temporary table: the node's own, never replicated.
					Anp_Db::query( 'CREATE TEMPORARY TABLE IF NOT EXISTS anp_open_transaction (token bigint(20) unsigned NOT NULL PRIMARY KEY) ENGINE=InnoDB' );
					Anp_Db::query( 'SET SESSION autocommit = 0' );
				}
			);
			$this->token = ++self::$last_token;
		}
		$token = $this->token;
		try {
			self::own(
				static function () use ( $token ) {
					Anp_Db::query( 'START TRANSACTION' );
					if ( $token ) {
						Anp_Db::query( 'DELETE FROM anp_open_transaction' );
						Anp_Db::query( 'INSERT INTO anp_open_transaction (token) VALUES (' . (int) $token . ')' );
					}
				}
			);
		} catch ( Throwable $e ) {
			self::own( static fn() => $wpdb->query( 'ROLLBACK' ) );
			$this->autocommit_again();
			throw $e;
		}
		$guard = Anp_Transaction_Guard::current();
		if ( $guard ) {
			$guard->opened();
		}
	}

	/**
	 * @throws Anp_Transaction_Lost When the transaction or the lock did not hold: nothing is committed.
	 * @throws RuntimeException On a database error.
	 */
	public function commit(): void {
		$guard = Anp_Transaction_Guard::current();
		if ( $this->token ) {
			$token = $this->token;
			if ( '1' !== self::own( static fn() => Anp_Db::value( 'SELECT COUNT(*) FROM anp_open_transaction WHERE token = ' . (int) $token ) ) ) {
				// Undone by another node's write, and what ran since is
				// another transaction: rolled back by the caller, written again.
				throw new Anp_Transaction_Lost( 'the group\'s transaction was undone by a write from another Galera node', true );
			}
		}
		if ( $guard ) {
			$guard->verify();
		}
		self::own( static fn() => Anp_Db::query( 'COMMIT' ) );
		$this->autocommit_again();
		if ( $guard ) {
			$guard->closed();
		}
	}

	public function rollback(): void {
		global $wpdb;
		$guard = Anp_Transaction_Guard::current();
		if ( ! $guard || ! $guard->connection_lost() ) {
			try {
				// Not through Anp_Db: a rollback runs while an error unwinds, and
				// must not replace it with its own.
				self::own( static fn() => $wpdb->query( 'ROLLBACK' ) );
				$this->autocommit_again();
			} catch ( Anp_Transaction_Lost $e ) {
				unset( $e ); // The connection went: the server rolled back.
			}
		}
		if ( $guard ) {
			$guard->closed();
		}
		self::forget_cached_writes();
	}

	/**
	 * After the transaction, statements commit on their own again (begin()
	 * turned that off on a Galera node). Not through Anp_Db: it may run
	 * while an error unwinds.
	 */
	private function autocommit_again(): void {
		global $wpdb;
		if ( $this->token ) {
			$this->token = 0;
			self::own( static fn() => $wpdb->query( 'SET SESSION autocommit = 1' ) );
		}
	}

	/**
	 * Runs $work inside a savepoint; undoes it all when it throws.
	 *
	 * @param callable $work Writes one post.
	 * @return mixed What $work returned.
	 * @throws Throwable What $work threw, after its writes were undone.
	 * @throws Anp_Transaction_Lost When they could not be undone: the transaction is not what it was.
	 */
	public function atomically( callable $work ) {
		self::own( static fn() => Anp_Db::query( 'SAVEPOINT anp_post' ) );
		try {
			$result = $work();
		} catch ( Throwable $e ) {
			global $wpdb;
			$guard = Anp_Transaction_Guard::current();
			if ( $guard ) {
				$guard->observe();
				if ( $guard->lost() ) {
					throw $guard->lost();
				}
			}
			if ( false === self::own( static fn() => $wpdb->query( 'ROLLBACK TO SAVEPOINT anp_post' ) ) ) {
				throw new Anp_Transaction_Lost( sprintf( 'a post could not be undone alone (%s), after: %s', $wpdb->last_error, $e->getMessage() ), true, $e );
			}
			self::forget_cached_writes();
			throw $e;
		}
		self::own( static fn() => Anp_Db::query( 'RELEASE SAVEPOINT anp_post' ) );
		return $result;
	}

	/**
	 * Refuses to run on tables that cannot roll back (MyISAM, Aria, ...):
	 * "all or nothing" would silently be "whatever was written".
	 *
	 * @throws RuntimeException When one of them is not transactional.
	 */
	public static function require_transactional_tables(): void {
		global $wpdb;
		$names = array_map( static fn( $table ) => $wpdb->prefix . $table, self::TABLES );
		$rows  = Anp_Db::rows(
			$wpdb->prepare(
				'SELECT t.TABLE_NAME AS name, t.ENGINE AS engine FROM information_schema.TABLES t JOIN information_schema.ENGINES e ON e.ENGINE = t.ENGINE'
				. ' WHERE t.TABLE_SCHEMA = DATABASE() AND e.TRANSACTIONS <> \'YES\' AND t.TABLE_NAME IN (' . implode( ',', array_fill( 0, count( $names ), '%s' ) ) . ')',
				$names
			),
			ARRAY_A
		);
		if ( $rows ) {
			throw new RuntimeException(
				sprintf(
					'these tables cannot roll back, so an import could leave posts half-written: %s; convert them to InnoDB first (ALTER TABLE ... ENGINE=InnoDB)',
					implode( ', ', array_map( static fn( $row ) => $row['name'] . ' (' . $row['engine'] . ')', $rows ) )
				)
			);
		}
	}

	/**
	 * The object cache may hold posts or terms whose rows were just rolled
	 * back; the next post must not find them there. And after each group,
	 * what the group cached is not needed again: memory stays flat.
	 *
	 * Only this process's memory is emptied. A persistent cache without a
	 * runtime flush (older Redis or Memcached drop-ins) is never flushed
	 * whole, as every site on the server shares it: the cached queries are
	 * made stale instead, and the group's steps clean the posts they undid
	 * (Anp_Import_Writer::restore(), Anp_Rollback_Writer::restore()).
	 */
	public static function forget_cached_writes(): void {
		if ( function_exists( 'wp_cache_flush_runtime' ) && wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		} elseif ( ! wp_using_ext_object_cache() ) {
			wp_cache_flush(); // WordPress's own cache: this process's memory only.
		} else {
			wp_cache_set_posts_last_changed();
			wp_cache_set_terms_last_changed();
		}
	}

	/**
	 * Runs one of the transaction's own statements past the guard.
	 *
	 * @param callable $statement Runs it.
	 * @return mixed What it returned.
	 */
	private static function own( callable $statement ) {
		$guard = Anp_Transaction_Guard::current();
		return $guard ? $guard->own( $statement ) : $statement();
	}
}
