<?php
/**
 * Prepended (auto_prepend_file) to `wp import` by bench/import.sh, to measure
 * the stock WordPress Importer as import-run.php measures the plugin: at the
 * end of the process it prints one JSON line with the posts it was given
 * (ANP_BENCH_ITEMS: it skips some as "already exists", a post of the same
 * title and date as one it imported, and a skip costs it less, so counting
 * them all is in its favour), the posts it made (posts of the site less
 * ANP_BENCH_POSTS_BEFORE), the seconds since PHP started (WP-CLI's and
 * WordPress's start included: some 0.3 s against minutes of importing) and
 * the peak memory.
 */

$anp_bench_start = hrtime( true );
register_shutdown_function(
	static function () use ( $anp_bench_start ) {
		global $wpdb;
		$seconds = ( hrtime( true ) - $anp_bench_start ) / 1e9;
		$created = isset( $wpdb ) ? (int) $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->posts WHERE post_type = 'post'" ) - (int) getenv( 'ANP_BENCH_POSTS_BEFORE' ) : 0;
		echo "\n", json_encode(
			array(
				'posts'   => (int) getenv( 'ANP_BENCH_ITEMS' ),
				'created' => $created,
				'seconds' => $seconds,
				'peak'    => memory_get_peak_usage(),
				'parser'  => 'WXR',
			)
		), "\n";
	}
);
