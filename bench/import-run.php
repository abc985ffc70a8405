<?php
/**
 * One measured import into the WordPress that is already loaded (bench/import.sh
 * loads wp-load.php before it, on a fresh site each time).
 *
 *   import-run.php loop|plugin DIR COUNT [STATUS]
 *
 * loop:   the baseline, a plain loop of wp_insert_post() + add_post_meta() +
 *         wp_set_object_terms() on the same posts (parsed and mapped as the
 *         plugin does, so that only the writing differs).
 * plugin: Anp_Importer, as `wp anp import` runs it.
 * STATUS: the posts' status (draft unless given; bench/import.sh gives publish).
 *
 * Prints one JSON line: posts, seconds, peak memory (bytes).
 */

list( , $mode, $dir, $count ) = $argv;
$status = $argv[4] ?? 'draft';
wp_set_current_user( 1 );
$files = array_slice( ( new Anp_File_Finder() )->find( array( $dir ) ), 0, (int) $count );

memory_reset_peak_usage();
$start = hrtime( true );
if ( 'loop' === $mode ) {
	// As the WordPress Importer runs it: term counts deferred to the end.
	// Without it, each published post recounts each of its terms over the
	// whole table, and 10,000 posts take more than ten minutes.
	wp_defer_term_counting( true );
	$mapper = new Anp_Mapper( array( 'post_status' => $status ) + Anp_Settings::get() );
	foreach ( $files as $file ) {
		$bytes   = file_get_contents( $file );
		$mapped  = $mapper->map( Anp_Parser::parse( $bytes ), 1, hash( 'sha256', $bytes ) );
		$post_id = wp_insert_post( wp_slash( $mapped['post'] ) );
		foreach ( $mapped['meta'] as $key => $value ) {
			add_post_meta( $post_id, $key, wp_slash( $value ) );
		}
		foreach ( $mapped['terms'] as $taxonomy => $names ) {
			wp_set_object_terms( $post_id, $names, $taxonomy );
		}
	}
	wp_defer_term_counting( false );
	$posts = count( $files );
} else {
	$report = ( new Anp_Importer() )->import( $files, Anp_Import_Options::from_flags( Anp_Settings::get(), array( 'status' => $status ) ) );
	$totals = $report->totals();
	if ( $totals['failed'] ) {
		fwrite( STDERR, implode( "\n", $report->failure_lines() ) . "\n" );
		exit( 1 );
	}
	$posts = $totals['created'];
}
$seconds = ( hrtime( true ) - $start ) / 1e9;
echo json_encode(
	array(
		'posts'   => $posts,
		'seconds' => $seconds,
		'peak'    => memory_get_peak_usage(),
		'parser'  => Anp_Parser::backend(),
	)
), "\n";
