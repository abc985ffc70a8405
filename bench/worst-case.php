<?php
/**
 * Worst-case benchmark: the hostile shapes of tests/hostile/hostile.inc at
 * 1x, 2x and 4x their size, in the extension and in the pure-PHP parser,
 * each against an ordinary file of the same size built from samples/ and
 * measured in the same run. Time linear in the input shows as a flat time
 * per MiB down a case's three rows; the ratios say how much worse than an
 * ordinary file of that size a shape is.
 *
 *   php bench/worst-case.php [--extension=modules/anp.so] [--parse-dir=DIR]
 *       [--cases=map_then_objects,...] [--timeout=60] [--memory-limit=4G] [--rounds=3]
 *
 * bench/worst-case.sh runs it for the worktree's build. Each parse runs in
 * a PHP of its own, so that its peak memory is its own: the extension's in
 * `php -n -d extension=...`, the pure-PHP parser's in `php -n` (the plugin
 * declares its classes only without the extension). A parse that runs over
 * --timeout seconds is stopped and shown as such, one that runs out of
 * --memory-limit as "out of memory" (--timeout counts the wall clock). The
 * time is the CPU time of the best of --rounds parses in that PHP, so that a
 * busy machine disturbs it less; the memory is
 * the peak of one parse (memory_get_peak_usage(), the Zend allocator's, which
 * the extension allocates through).
 */

require_once __DIR__ . '/../tests/hostile/hostile.inc';

$options    = getopt( '', array( 'extension:', 'parse-dir:', 'cases:', 'timeout:', 'memory-limit:', 'rounds:', 'one:' ) );
$rounds     = max( 1, (int) ( $options['rounds'] ?? 3 ) );
$extension  = $options['extension'] ?? __DIR__ . '/../modules/anp.so';
$parse_dir  = $options['parse-dir'] ?? HOSTILE_PARSE_DIR;
$timeout    = (int) ( $options['timeout'] ?? 60 );
$memory_cap = $options['memory-limit'] ?? '4G';

/**
 * The CPU time (user and system) of this process so far: unlike the wall
 * clock, it does not count the time other processes take the CPU from it.
 */
function cpu_seconds(): float {
	$usage = getrusage();
	return $usage['ru_utime.tv_sec'] + $usage['ru_stime.tv_sec'] + ( $usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_usec'] ) / 1e6;
}

// A child: parse one file, print seconds and peak memory (bytes).
if ( isset( $options['one'] ) ) {
	[ $parser, $file ] = explode( ':', $options['one'], 2 );
	if ( 'php' === $parser ) {
		define( 'ANP_IMPORTER_STANDALONE', true );
		require $parse_dir . '/class-anp-parse-exception.php';
		require $parse_dir . '/class-anp-php-parser.php';
	}
	$text = file_get_contents( $file );
	$best = INF;
	for ( $round = 0; $round < $rounds; $round++ ) {
		unset( $result );
		gc_collect_cycles();
		$base = memory_get_usage();
		memory_reset_peak_usage();
		$start = cpu_seconds();
		try {
			$result = 'php' === $parser
				? Anp_Php_Parser::parse( $text, array( 'max_bytes' => 64 << 20 ) )
				: anp_parse( $text, array( 'max_bytes' => 64 << 20 ) );
			$what = 'result';
		} catch ( Anp\ParseException $e ) {
			$what = 'error';
		}
		$best = min( $best, cpu_seconds() - $start );
		$peak = memory_get_peak_usage() - $base;
	}
	echo json_encode( array( $best, $peak, $what ) ), "\n";
	exit( 0 );
}

/**
 * An ordinary file of about $bytes bytes: the first sample, its body
 * repeated until the file has that size, then its meta and similar posts.
 */
function ordinary_file( int $bytes ): string {
	$sample = hostile_sample( 0 );
	$at     = stripos( $sample, "\nalphanode post meta" );
	$title  = strstr( $sample, "\n", true );
	$body   = substr( $sample, strlen( $title ), $at - strlen( $title ) ) . "\n";
	$tail   = substr( $sample, $at );
	$room   = max( strlen( $body ), $bytes - strlen( $title ) - strlen( $tail ) );
	return $title . str_repeat( $body, max( 1, intdiv( $room, strlen( $body ) ) ) ) . $tail;
}

/** Runs one parse in a PHP of its own: array(seconds, bytes, what) or a failure. */
function measure( string $parser, string $file ): array {
	global $extension, $timeout, $memory_cap;
	$php = array( PHP_BINARY, '-n', '-d', "memory_limit=$memory_cap" );
	if ( 'c' === $parser ) {
		array_push( $php, '-d', "extension=$extension" );
	}
	$argv = array_merge( array( 'timeout', (string) $timeout ), $php, array( __FILE__, "--one=$parser:$file" ) );
	foreach ( array( 'parse-dir', 'rounds' ) as $pass ) {
		if ( isset( $GLOBALS['options'][ $pass ] ) ) {
			$argv[] = "--$pass=" . $GLOBALS['options'][ $pass ];
		}
	}
	$proc   = proc_open( $argv, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
	$stdout = stream_get_contents( $pipes[1] );
	$stderr = stream_get_contents( $pipes[2] );
	$status = proc_close( $proc );
	if ( 124 === $status ) {
		return array( 'failed' => "over {$timeout} s" );
	}
	$out = json_decode( trim( $stdout ), true );
	if ( ! is_array( $out ) ) {
		return array( 'failed' => str_contains( $stdout . $stderr, 'memory size' ) ? "out of memory ($memory_cap)" : 'crashed: ' . trim( substr( $stdout . $stderr, 0, 200 ) ) );
	}
	return $out;
}

// The cases and the size of each at 1x: 4x is the size issue 8 names.
$sizes = array(
	'map_then_objects' => 2 << 20,   // finding 5: 8 MiB at 4x
	'stray_meta'       => 2 << 20,   // finding 6: 8 MiB of stray meta lines at 4x
	'single_line'      => 12500000,  // 50 MB at 4x
	'bullets'          => 225000,    // 100,000 bullets at 4x, half in the body, half in meta
	'markers_repeated' => 2 << 20,
	'markers_only'     => 2 << 20,
);
if ( isset( $options['cases'] ) ) {
	$sizes = array_intersect_key( $sizes, array_flip( explode( ',', $options['cases'] ) ) );
}
$generators = hostile_generators();
$dir        = sys_get_temp_dir() . '/anp_worst_case_' . getmypid();
@mkdir( $dir );

printf( "extension: %s\npure-PHP parser: %s\n", realpath( $extension ), realpath( $parse_dir ) );
foreach ( array( 'c' => 'extension', 'php' => 'pure-PHP parser' ) as $parser => $name ) {
	printf( "\n%s\n%-17s %4s %9s %10s %9s %10s %7s %10s %10s\n", $name, 'case', 'size', 'MiB', 'cpu s', 's/MiB', 'peak MiB', 'x input', 'time/base', 'mem/base' );
	foreach ( $sizes as $case => $size ) {
		foreach ( array( 1, 2, 4 ) as $times ) {
			$text  = $generators[ $case ]( $size * $times );
			$bytes = strlen( $text );
			$file  = "$dir/$case-$times.txt";
			file_put_contents( $file, $text );
			unset( $text );
			file_put_contents( "$dir/base.txt", ordinary_file( $bytes ) );
			$base = measure( $parser, "$dir/base.txt" );
			unlink( "$dir/base.txt" );
			$m = measure( $parser, $file );
			unlink( $file );
			$mib = $bytes / 1048576;
			if ( isset( $m['failed'] ) ) {
				printf( "%-17s %3dx %9.2f %s\n", $case, $times, $mib, $m['failed'] );
				continue;
			}
			[ $seconds, $memory, $what ] = $m;
			printf(
				"%-17s %3dx %9.2f %10.3f %9.3f %10.1f %7.1f %10s %10s%s\n",
				$case, $times, $mib, $seconds, $seconds / $mib, $memory / 1048576, $memory / $bytes,
				isset( $base['failed'] ) ? '-' : sprintf( '%.1f', $seconds / max( $base[0], 1e-6 ) ),
				isset( $base['failed'] ) ? '-' : sprintf( '%.1f', $memory / max( $base[1], 1 ) ),
				'error' === $what ? ' (error)' : ''
			);
			if ( isset( $base['failed'] ) ) {
				printf( "%-17s %3dx baseline: %s\n", $case, $times, $base['failed'] );
			}
		}
	}
}
@rmdir( $dir );
