<?php
/**
 * Writes a deterministic corpus of ANP post files.
 *
 * Usage:
 *   php tools/generate-corpus.php --count=N --seed=S --out=DIR [--start=K]
 *
 * Writes DIR/%06d.txt for the indexes K .. K + N - 1 (K defaults to 0),
 * creating DIR, and prints one summary line. The same seed and index give
 * the same bytes on every machine, so a corpus can be regenerated instead
 * of stored, and split across processes with --start.
 *
 * @package Anp
 */

require __DIR__ . '/class-anp-corpus-generator.php';

/**
 * Prints the usage line and a reason on stderr, then exits with status 2.
 *
 * @param string $reason What was wrong with the arguments.
 * @return void
 */
function anp_corpus_usage( string $reason ): void {
	fwrite( STDERR, "generate-corpus: $reason\n" );
	fwrite( STDERR, "usage: php tools/generate-corpus.php --count=N --seed=S --out=DIR [--start=K]\n" );
	exit( 2 );
}

/**
 * Reads an integer option; a typo such as --count=1e4 must not become 1.
 *
 * @param array<string, mixed> $options  Result of getopt().
 * @param string               $name     Option name.
 * @param bool                 $negative Whether a leading minus is allowed.
 * @param int|null             $fallback Value when absent; null if required.
 * @return int
 */
function anp_corpus_int_option( array $options, string $name, bool $negative, ?int $fallback ): int {
	if ( ! isset( $options[ $name ] ) ) {
		if ( null === $fallback ) {
			anp_corpus_usage( "--$name is required" );
		}
		return $fallback;
	}
	$value   = $options[ $name ];
	$pattern = $negative ? '/^-?[0-9]{1,18}$/' : '/^[0-9]{1,18}$/';
	if ( ! is_string( $value ) || ! preg_match( $pattern, $value ) ) {
		anp_corpus_usage( "--$name must be " . ( $negative ? 'an integer' : 'an integer of 0 or more' ) );
	}
	return (int) $value;
}

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$anp_options = getopt( '', array( 'count:', 'seed:', 'out:', 'start:' ) );
if ( false === $anp_options ) {
	anp_corpus_usage( 'cannot read the arguments' );
}
$anp_count = anp_corpus_int_option( $anp_options, 'count', false, null );
$anp_seed  = anp_corpus_int_option( $anp_options, 'seed', true, null );
$anp_start = anp_corpus_int_option( $anp_options, 'start', false, 0 );
if ( ! isset( $anp_options['out'] ) || ! is_string( $anp_options['out'] ) || '' === $anp_options['out'] ) {
	anp_corpus_usage( '--out is required' );
}
$anp_out = rtrim( $anp_options['out'], '/' );
if ( '' === $anp_out ) {
	$anp_out = '/';
}

try {
	$anp_generator = new Anp_Corpus_Generator( $anp_seed );
	list( $anp_files, $anp_bytes ) = $anp_generator->write( $anp_out, $anp_count, $anp_start );
} catch ( Exception $anp_error ) {
	fwrite( STDERR, 'generate-corpus: ' . $anp_error->getMessage() . "\n" );
	exit( 1 );
}

printf( "wrote %d files, %d bytes to %s\n", $anp_files, $anp_bytes, $anp_out );
