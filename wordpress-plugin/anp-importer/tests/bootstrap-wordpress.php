<?php
/**
 * Brings up the throwaway WordPress + MariaDB sandbox of
 * scripts/sandbox with the plugin activated, and stops it when the
 * run ends (its files stay in var/test-wp for a look after a failure).
 *
 * WordPress is not loaded into this process: the tests run the plugin's
 * commands as processes of their own, as users do, and read the database
 * with mysqli, or with WordPress's API in a process of its own.
 *
 * Environment:
 *   ANP_TEST_WP_DIR     the sandbox folder (default <repo>/var/test-wp)
 *   ANP_TEST_EXTENSION  the extension the commands load (default <repo>/modules/anp.so)
 *   ANP_TEST_WP_PORT    the site's port, when served (default: a free one)
 *   ANP_TEST_PLUGIN     the plugin to test (default this one; e.g. a copy
 *                       with a bug put in, to see that a test catches it)
 *
 * @package anp-importer
 */

// Tests run from the command line only: requested over HTTP from a
// served plugins folder, this file does nothing.
'cli' === PHP_SAPI || exit;

define( 'ANP_TESTS_ROOT', dirname( __DIR__, 3 ) );
define( 'ANP_TESTS_SEEDS', ANP_TESTS_ROOT . '/samples' );
define( 'ANP_TESTS_PLUGIN', getenv( 'ANP_TEST_PLUGIN' ) ?: dirname( __DIR__ ) );
define( 'ANP_TESTS_RUNNER', ANP_TESTS_PLUGIN . '/bin/anp' );
define( 'ANP_TESTS_SANDBOX', getenv( 'ANP_TEST_WP_DIR' ) ?: ANP_TESTS_ROOT . '/var/test-wp' );
// Beside the sandbox, so that two runs on two sandboxes share nothing.
define( 'ANP_TESTS_FILES', ANP_TESTS_SANDBOX . '-files' );
define( 'ANP_TESTS_EXTENSION', getenv( 'ANP_TEST_EXTENSION' ) ?: ANP_TESTS_ROOT . '/modules/anp.so' );
define( 'ANP_TESTS_PORT', (int) ( getenv( 'ANP_TEST_WP_PORT' ) ?: anp_tests_free_port() ) );

/**
 * A TCP port nobody listens on now: the site's address (WP_HOME), for the
 * tests that serve it, so that two runs on two sandboxes do not meet.
 */
function anp_tests_free_port(): int {
	$socket = stream_socket_server( 'tcp://127.0.0.1:0' );
	$name   = $socket ? (string) stream_socket_get_name( $socket, false ) : '';
	if ( $socket ) {
		fclose( $socket );
	}
	return (int) substr( strrchr( $name, ':' ) ?: ':8089', 1 );
}

if ( ! function_exists( 'anp_parse_file' ) ) {
	fwrite( STDERR, "The WordPress tests compare with the extension's parser: run PHPUnit with\n  php -d extension=" . ANP_TESTS_EXTENSION . " /usr/bin/phpunit -c " . __DIR__ . "/phpunit-wordpress.xml\n" );
	exit( 1 );
}
if ( ! is_file( ANP_TESTS_EXTENSION ) ) {
	fwrite( STDERR, 'No extension at ' . ANP_TESTS_EXTENSION . " (build it, or set ANP_TEST_EXTENSION)\n" );
	exit( 1 );
}

// One run at a time: a second run would make the sandbox, the corpus and the
// test files anew under the first one's feet. The lock goes with the process.
// var/ is not there on a fresh clone.
if ( ! is_dir( dirname( ANP_TESTS_SANDBOX ) ) ) {
	mkdir( dirname( ANP_TESTS_SANDBOX ), 0755, true );
}
$GLOBALS['anp_tests_lock'] = fopen( ANP_TESTS_SANDBOX . '.lock', 'c' );
if ( ! $GLOBALS['anp_tests_lock'] ) {
	fwrite( STDERR, 'Cannot open ' . ANP_TESTS_SANDBOX . ".lock\n" );
	exit( 1 );
}
if ( ! flock( $GLOBALS['anp_tests_lock'], LOCK_EX | LOCK_NB ) ) {
	fwrite( STDERR, 'Another run of the WordPress tests uses ' . ANP_TESTS_SANDBOX . "; waiting for it to end\n" );
	flock( $GLOBALS['anp_tests_lock'], LOCK_EX );
}

require_once ANP_TESTS_ROOT . '/tools/class-anp-corpus-generator.php';
require_once __DIR__ . '/wordpress/class-anp-wp-test-case.php';

try {
	Anp_WP_Test_Case::sandbox_up();
} catch ( RuntimeException $e ) {
	fwrite( STDERR, $e->getMessage() . "\n" );
	exit( 1 );
}
register_shutdown_function( array( 'Anp_WP_Test_Case', 'sandbox_down' ) );
