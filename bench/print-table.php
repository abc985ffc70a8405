<?php
/**
 * The table bench/import.sh and bench/import-workers.sh print, from
 * "label<TAB>json" lines on stdin: json has posts, seconds and peak (bytes),
 * parser when the run says which, created when it made fewer posts than it
 * was given; null is a run that failed. A label given twice is a run made
 * twice: the faster one is printed.
 *
 *   ... | php bench/print-table.php BASELINE RATIO_HEADER FAILED_HINT [COMPARED VERSUS]
 *
 * BASELINE     the label whose posts/s the last column divides by
 * RATIO_HEADER that column's header ("vs loop", "vs 1")
 * FAILED_HINT  where a failed run's words are ("above", a file)
 * COMPARED, VERSUS  two labels: one more line, "COMPARED vs VERSUS: Nx",
 *              when both ran
 */

list( , $baseline, $ratio_header, $failed_hint ) = $argv;
$compared = $argv[4] ?? null;
$versus   = $argv[5] ?? null;

$rows = array();
while ( false !== ( $line = fgets( STDIN ) ) ) {
	list( $label, $json ) = explode( "\t", rtrim( $line ), 2 ) + array( 1 => 'null' );
	$row                  = json_decode( $json, true );
	if ( ! isset( $rows[ $label ] ) || ( $row && $row['seconds'] < $rows[ $label ]['seconds'] ) ) {
		$rows[ $label ] = $row;
	}
}
$rate = static fn( array $row ) => $row['posts'] / $row['seconds'];
$base = $rows[ $baseline ] ?? null;

printf( "%-34s %8s %10s %10s %12s %9s\n", 'run', 'posts', 'seconds', 'posts/s', 'peak memory', $ratio_header );
foreach ( $rows as $label => $row ) {
	if ( ! $row ) {
		printf( "%-34s failed (%s)\n", $label, $failed_hint );
		continue;
	}
	printf(
		"%-34s %8d %10.1f %10.0f %9.1f MB %8s%s\n",
		$label,
		$row['posts'],
		$row['seconds'],
		$rate( $row ),
		$row['peak'] / 1048576,
		$base ? sprintf( '%.2fx', $rate( $row ) / $rate( $base ) ) : '-',
		isset( $row['parser'] ) ? "  ({$row['parser']} parser)" : ''
	);
}
foreach ( $rows as $label => $row ) {
	if ( $row && isset( $row['created'] ) && $row['created'] !== $row['posts'] ) {
		printf( "%s made %d of its %d posts\n", $label, $row['created'], $row['posts'] );
	}
}
if ( $compared && ! empty( $rows[ $compared ] ) && ! empty( $rows[ $versus ] ) ) {
	printf( "%s vs %s: %.1fx\n", $compared, $versus, $rate( $rows[ $compared ] ) / $rate( $rows[ $versus ] ) );
}
