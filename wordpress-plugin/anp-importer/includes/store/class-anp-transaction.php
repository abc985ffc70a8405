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
 */
final class Anp_Transaction {

	public function begin(): void {
		Anp_Db::query( 'START TRANSACTION' );
	}

	public function commit(): void {
		Anp_Db::query( 'COMMIT' );
	}

	public function rollback(): void {
		global $wpdb;
		// Not through Anp_Db: a rollback runs while an error unwinds, and
		// must not replace it with its own.
		$wpdb->query( 'ROLLBACK' );
		self::forget_cached_writes();
	}

	/**
	 * Runs $work inside a savepoint; undoes it all when it throws.
	 *
	 * @param callable $work Writes one post.
	 * @return mixed What $work returned.
	 * @throws Throwable What $work threw, after its writes were undone.
	 */
	public function atomically( callable $work ) {
		Anp_Db::query( 'SAVEPOINT anp_post' );
		try {
			$result = $work();
		} catch ( Throwable $e ) {
			global $wpdb;
			$wpdb->query( 'ROLLBACK TO SAVEPOINT anp_post' );
			self::forget_cached_writes();
			throw $e;
		}
		Anp_Db::query( 'RELEASE SAVEPOINT anp_post' );
		return $result;
	}

	/**
	 * The object cache may hold posts or terms whose rows were just rolled
	 * back; the next post must not find them there.
	 */
	public static function forget_cached_writes(): void {
		if ( function_exists( 'wp_cache_flush_runtime' ) && wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		} else {
			wp_cache_flush();
		}
	}
}
