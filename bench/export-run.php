<?php
/**
 * One measured export of the WordPress that is already loaded (bench/export.sh
 * loads wp-load.php before it, on the site it filled).
 *
 *   export-run.php core|anp OUT_DIR
 *
 * core: export_wp(), as Tools > Export runs it, its output to OUT_DIR/core.xml
 *       (echoed through an output buffer flushed to the file every 1 MB, so
 *       that the buffer is not what is measured).
 * anp:  Anp_Exporter, as `wp anp export --dir=OUT_DIR --max_file_size=-1` runs it.
 *
 * Prints one JSON line: items, seconds, peak memory (bytes), bytes written,
 * and which writer wrote.
 */

list( , $mode, $dir ) = $argv;
wp_set_current_user( 1 );

memory_reset_peak_usage();
$start = hrtime( true );
if ( 'core' === $mode ) {
	require_once ABSPATH . 'wp-admin/includes/export.php';
	$out = fopen( "$dir/core.xml", 'wb' );
	ob_start(
		static function ( $buffer ) use ( $out ) {
			fwrite( $out, $buffer );
			return '';
		},
		1024 * 1024
	);
	export_wp();
	ob_end_flush();
	fclose( $out );
	$seconds = ( hrtime( true ) - $start ) / 1e9;
	$peak    = memory_get_peak_usage();
	$xml     = (string) file_get_contents( "$dir/core.xml" );
	$items  = substr_count( $xml, '<item>' );
	$bytes  = strlen( $xml );
	$writer = 'core';
	unset( $xml );
} else {
	$options = Anp_Export_Options::from_flags(
		array(
			'dir'           => $dir,
			'max_file_size' => '-1',
		),
		$dir
	);
	$report  = ( new Anp_Exporter() )->export( $options );
	if ( $report->has_failures() ) {
		fwrite( STDERR, implode( "\n", $report->failures ) . "\n" );
		exit( 1 );
	}
	$seconds = ( hrtime( true ) - $start ) / 1e9;
	$peak    = memory_get_peak_usage();
	$items   = $report->items;
	$bytes   = $report->bytes;
	$writer  = Anp_Wxr::implementation();
}
echo json_encode(
	array(
		'items'   => $items,
		'seconds' => $seconds,
		'peak'    => $peak,
		'bytes'   => $bytes,
		'writer'  => $writer,
	)
), "\n";
