<?php
/**
 * One measured rollback in the WordPress that is already loaded
 * (bench/rollback.sh runs it on a fresh site each time, after the imports
 * whose batch it undoes).
 *
 *   rollback-run.php loop|plugin created|updated
 *
 * The batch undone is the one whose changes are of that action: the import
 * (created posts) or the import of the changed files (updated posts).
 *
 * loop:   the baseline, the rollback as the plugin did it before its bulk
 *         path, kept here only: every change of the batch read at once, then
 *         one by one in one transaction, each in a savepoint: wp_delete_post()
 *         for a created post; wp_restore_post_revision(), wp_update_post(),
 *         the meta and wp_set_object_terms() for an updated one; term counts
 *         updated as each post changes.
 * plugin: Anp_Rollback, as `wp anp rollback` runs it.
 *
 * Prints one JSON line: posts, seconds, peak memory (bytes), queries.
 */

list( , $mode, $action ) = $argv;
wp_set_current_user( 1 );
global $wpdb;
$batch_id = (string) $wpdb->get_var( $wpdb->prepare( 'SELECT batch_id FROM ' . Anp_Schema::changes_table() . ' WHERE action = %s LIMIT 1', $action ) );
if ( '' === $batch_id ) {
	fwrite( STDERR, "no batch with $action posts\n" );
	exit( 1 );
}

memory_reset_peak_usage();
$queries = $wpdb->num_queries;
$start   = hrtime( true );
if ( 'loop' === $mode ) {
	$posts = anp_bench_rollback_one_by_one( $batch_id );
} else {
	$result = ( new Anp_Rollback() )->rollback( $batch_id );
	if ( $result['failed'] ) {
		fwrite( STDERR, print_r( $result['failures'], true ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		exit( 1 );
	}
	$posts = $result['deleted'] + $result['restored'];
}
$seconds = ( hrtime( true ) - $start ) / 1e9;
echo json_encode(
	array(
		'posts'   => $posts,
		'seconds' => $seconds,
		'peak'    => memory_get_peak_usage(),
		'queries' => $wpdb->num_queries - $queries,
	)
), "\n";

/**
 * The plugin's rollback before the bulk path (as of commit 61db9cf).
 *
 * @return int Changes undone.
 */
function anp_bench_rollback_one_by_one( string $batch_id ): int {
	$ledger      = new Anp_Ledger();
	$transaction = new Anp_Transaction();
	$undone      = 0;
	$transaction->begin();
	foreach ( $ledger->changes( $batch_id, null, PHP_INT_MAX ) as $change ) {
		$transaction->atomically(
			static function () use ( $change, $ledger ) {
				if ( 'created' === $change['action'] ) {
					if ( get_post( $change['post_id'] ) && ! wp_delete_post( $change['post_id'], true ) ) {
						throw new RuntimeException( 'not deleted' );
					}
					$ledger->restore_item( $change['identity'], null );
					return;
				}
				$previous  = $change['previous'];
				$post_id   = $change['post_id'];
				$edit_last = get_post_meta( $post_id, '_edit_last' );
				if ( $change['revision_id'] && wp_get_post_revision( $change['revision_id'] ) ) {
					wp_restore_post_revision( $change['revision_id'] );
				}
				delete_post_meta( $post_id, '_edit_last' );
				foreach ( $edit_last as $value ) {
					add_post_meta( $post_id, '_edit_last', wp_slash( $value ) );
				}
				wp_update_post( wp_slash( array( 'ID' => $post_id, 'edit_date' => true ) + $previous['post'] ), true );
				foreach ( array_keys( get_post_meta( $post_id ) ) as $key ) {
					if ( ( str_starts_with( $key, 'anp_' ) || str_starts_with( $key, '_anp_' ) ) && ! array_key_exists( $key, $previous['meta'] ) ) {
						delete_post_meta( $post_id, $key );
					}
				}
				foreach ( $previous['meta'] as $key => $value ) {
					update_post_meta( $post_id, $key, wp_slash( $value ) );
				}
				foreach ( $previous['terms'] as $taxonomy => $term_ids ) {
					wp_set_object_terms( $post_id, array_map( 'intval', $term_ids ), $taxonomy );
				}
				$ledger->restore_item( $change['identity'], $previous['item'] );
			}
		);
		++$undone;
	}
	$ledger->set_status( $batch_id, 'rolled_back' );
	$transaction->commit();
	return $undone;
}
