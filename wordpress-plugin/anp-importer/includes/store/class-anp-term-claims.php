<?php
/**
 * One worker at a time creates a term.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * WordPress creates a term after looking for it (term_exists(), then
 * wp_insert_term()), and nothing in its tables makes a term's slug unique
 * in a taxonomy: two workers, each in its own transaction, that both look
 * before either commits, would both create "Travel". So, while workers
 * write, every wp_insert_term() first claims the taxonomy and slug: it
 * writes their row in anp_term_claims, which waits for any other
 * transaction that claimed them until it ends (on another Galera node, the
 * second to commit fails certification instead: a deadlock, retried). Once
 * it has the claim, it looks for the term again with a locking read, which
 * sees what others committed since this transaction began: if the term is
 * there, the group is written again (Anp_Transaction_Lost, retryable), in
 * a transaction that finds it.
 */
final class Anp_Term_Claims {

	/**
	 * Claims each term created while $run runs.
	 *
	 * @param callable $run What creates terms.
	 * @return mixed What $run returned.
	 */
	public static function during( callable $run ) {
		$claim = array( self::class, 'claim' );
		add_filter( 'pre_insert_term', $claim, PHP_INT_MAX, 2 );
		try {
			return $run();
		} finally {
			remove_filter( 'pre_insert_term', $claim, PHP_INT_MAX );
		}
	}

	/**
	 * The pre_insert_term filter: claims the term's slug in its taxonomy.
	 *
	 * @param string|WP_Error $term     The term's name.
	 * @param string          $taxonomy Its taxonomy.
	 * @return string|WP_Error $term, unchanged.
	 * @throws Anp_Transaction_Lost When another worker created the term since this transaction began.
	 */
	public static function claim( $term, $taxonomy ) {
		global $wpdb;
		if ( ! is_string( $term ) || '' === trim( $term ) ) {
			return $term; // WordPress refuses it.
		}
		$slug   = sanitize_title( $term );
		$claims = Anp_Schema::term_claims_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table and WordPress's.
		Anp_Db::query( $wpdb->prepare( "INSERT INTO $claims (taxonomy, slug) VALUES (%s, %s) ON DUPLICATE KEY UPDATE claims = claims + 1", (string) $taxonomy, $slug ) );
		$find      = $wpdb->prepare( "SELECT t.term_id FROM {$wpdb->terms} AS t INNER JOIN {$wpdb->term_taxonomy} AS tt ON tt.term_id = t.term_id WHERE tt.taxonomy = %s AND t.slug = %s LIMIT 1", (string) $taxonomy, $slug );
		$committed = Anp_Db::value( "$find LOCK IN SHARE MODE" );
		// phpcs:enable
		// Seen by the locking read only: committed by another since this
		// transaction began. (Seen by both: WordPress's own checks decide.)
		if ( null !== $committed && null === Anp_Db::value( $find ) ) {
			throw new Anp_Transaction_Lost( sprintf( 'another worker created the term "%s" in %s meanwhile', $term, $taxonomy ), true );
		}
		return $term;
	}
}
