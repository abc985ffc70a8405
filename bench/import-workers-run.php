<?php
/**
 * One measured import by worker processes, for bench/import-workers.sh:
 * started as users start them, timed from the first start to the last
 * exit, with the largest resident memory of any of them.
 *
 *   php import-workers-run.php WORDPRESS DIR WORKERS [DB_HOST...]
 *
 * Without DB_HOST: one `anp import DIR --workers=WORKERS` (WORKERS 1: a
 * plain `anp import`). With DB_HOSTs (one per worker): a plain `anp import`
 * on each, at once, as on several machines, each process's WordPress on
 * its own server (WP_SANDBOX_DB_HOST, which the sandbox's wp-config reads).
 *
 * Prints one JSON line: posts, seconds, peak (bytes of resident memory of
 * the largest process: PHP, its extensions and WordPress, not only what
 * PHP allocated), workers.
 */

list( , $wordpress, $dir, $workers ) = $argv;
$hosts   = array_slice( $argv, 4 );
$root    = dirname( __DIR__ );
$php     = array( PHP_BINARY, '-d', 'extension=' . $root . '/modules/anp.so', '-d', 'memory_limit=512M' );
$command = array_merge( $php, array( $root . '/wordpress-plugin/anp-importer/bin/anp', '--path=' . $wordpress, '--user=1', 'import', $dir, '--format=json', '--status=publish' ) );

$start     = hrtime( true );
$processes = array();
foreach ( $hosts ? $hosts : array( null ) as $host ) {
	$env         = $host ? array( 'WP_SANDBOX_DB_HOST' => $host ) + getenv() : null;
	$line        = $hosts || '1' === $workers ? $command : array_merge( $command, array( '--workers=' . $workers ) );
	$processes[] = proc_open( $line, array( 0 => array( 'file', '/dev/null', 'r' ), 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
	$outputs[]   = $pipes;
}
$created = 0;
foreach ( $processes as $i => $process ) {
	$report = json_decode( (string) stream_get_contents( $outputs[ $i ][1] ), true );
	$errors = stream_get_contents( $outputs[ $i ][2] );
	if ( 0 !== proc_close( $process ) || ! is_array( $report ) || $report['failed'] ) {
		fwrite( STDERR, "a run failed: $errors\n" );
		exit( 1 );
	}
	$created = max( $created, $report['created'] ); // The batch's, as each saw it.
}
$seconds = ( hrtime( true ) - $start ) / 1e9;
echo json_encode(
	array(
		'posts'   => $created,
		'seconds' => $seconds,
		'peak'    => getrusage( 1 )['ru_maxrss'] * 1024, // RUSAGE_CHILDREN: the largest process waited for, workers of --workers included.
		'workers' => $hosts ? count( $hosts ) : (int) $workers,
	)
), "\n";
