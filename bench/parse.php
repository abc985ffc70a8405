<?php
/**
 * Parse benchmark: anp_parse() and anp_parse_file() over a generated corpus,
 * against json_decode() of the very same arrays encoded as JSON, measured in
 * the same run. json_decode is PHP's own C parser building the same arrays,
 * so it is the floor to beat: a ratio above 1 means anp is faster.
 *
 *   php -d extension=modules/anp.so bench/parse.php [--files=10000] [--seed=1] [--rounds=3]
 *
 * Each measurement is the best of --rounds runs, so that a busy machine
 * disturbs it less. The pure-PHP parser of the plugin is measured too, when
 * it can be found, on a tenth of the files (it is much slower).
 */

$options = getopt( '', array( 'files:', 'seed:', 'rounds:' ) );
$files   = (int) ( $options['files'] ?? 10000 );
$seed    = (int) ( $options['seed'] ?? 1 );
$rounds  = max( 1, (int) ( $options['rounds'] ?? 3 ) );

if ( ! function_exists( 'anp_parse' ) ) {
	fwrite( STDERR, "bench/parse.php: load the extension: php -d extension=modules/anp.so bench/parse.php\n" );
	exit( 2 );
}

require_once __DIR__ . '/../tools/class-anp-corpus-generator.php';

$dir = __DIR__ . "/out/corpus-$seed-$files";
if ( ! is_dir( $dir ) ) {
	( new Anp_Corpus_Generator( $seed ) )->write( $dir, $files );
}
$paths = glob( "$dir/*.txt" );
sort( $paths );
$texts = array_map( 'file_get_contents', $paths );
$bytes = array_sum( array_map( 'strlen', $texts ) );

/**
 * Best wall time of $rounds runs of $work, and the peak memory of one run.
 */
function measure( int $rounds, callable $work ): array {
	$best = INF;
	$peak = 0;
	for ( $i = 0; $i < $rounds; $i++ ) {
		gc_collect_cycles();
		memory_reset_peak_usage();
		$base  = memory_get_usage();
		$start = hrtime( true );
		$work();
		$best = min( $best, ( hrtime( true ) - $start ) / 1e9 );
		$peak = max( $peak, memory_get_peak_usage() - $base );
	}
	return array( $best, $peak );
}

$json = array();
foreach ( $texts as $text ) {
	$json[] = json_encode( anp_parse( $text ), JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
}
$json_bytes = array_sum( array_map( 'strlen', $json ) );

// Each run keeps the result of one file at a time, as an importer does.
$runs = array(
	'json_decode (baseline)' => function () use ( $json ) {
		foreach ( $json as $doc ) {
			$result = json_decode( $doc, true );
		}
	},
	'anp_parse'              => function () use ( $texts ) {
		foreach ( $texts as $text ) {
			$result = anp_parse( $text );
		}
	},
	'anp_parse_file'         => function () use ( $paths ) {
		foreach ( $paths as $path ) {
			$result = anp_parse_file( $path );
		}
	},
);

$php_parser = __DIR__ . '/../wordpress-plugin/anp-importer/includes/parse/class-anp-php-parser.php';
$tenth      = max( 1, intdiv( count( $texts ), 10 ) );
if ( is_file( $php_parser ) ) {
	require_once __DIR__ . '/../wordpress-plugin/anp-importer/includes/parse/class-anp-parse-exception.php';
	require_once $php_parser;
	$runs['pure-PHP parser (1/10 of the files)'] = function () use ( $texts, $tenth ) {
		for ( $i = 0; $i < $tenth; $i++ ) {
			$result = Anp_Php_Parser::parse( $texts[ $i ] );
		}
	};
}

printf( "corpus: %d files, %.1f MB of ANP (%.1f MB as JSON), seed %d\n", count( $texts ), $bytes / 1e6, $json_bytes / 1e6, $seed );
printf( "%-38s %10s %12s %12s %10s\n", 'run', 'MB/s', 'files/s', 'peak memory', 'vs json' );
$baseline = null;
foreach ( $runs as $name => $work ) {
	list( $seconds, $peak ) = measure( $rounds, $work );
	$count = str_contains( $name, '1/10' ) ? $tenth : count( $texts );
	$share = $count / count( $texts );
	$rate  = $count / $seconds;
	$baseline = $baseline ?? $rate;
	printf(
		"%-38s %10.1f %12.0f %10.1f MB %9.2fx\n",
		$name,
		$bytes * $share / $seconds / 1e6,
		$rate,
		$peak / 1048576,
		$rate / $baseline
	);
}
echo "MB/s counts ANP bytes for every run (the same documents), so the rows compare.\n";
