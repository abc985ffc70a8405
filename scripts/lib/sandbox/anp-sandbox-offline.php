<?php
/*
 * Plugin Name: anp sandbox offline
 * Description: Copied into the sandbox's wp-content/mu-plugins/ by
 * scripts/lib/sandbox/prepare.php. Keeps pages and wp-admin from pointing
 * browsers at wordpress.org (emoji script, DNS prefetch), drops the update
 * checks, logs each HTTP request that WordPress attempts to debug.log
 * (WP_HTTP_BLOCK_EXTERNAL in wp-config.php refuses them unless they go to
 * 127.0.0.1 or localhost) and shows PHP errors on stderr in command-line runs.
 */
/*
 * WP_DEBUG_DISPLAY is false so that pages and REST/JSON answers stay clean;
 * on the command line (`scripts/sandbox php` / `scripts/sandbox eval`) PHP's
 * errors also go to stderr, besides debug.log, so that a failing test shows
 * why.
 */
if ( 'cli' === PHP_SAPI ) {
	ini_set( 'display_errors', 'stderr' );
}

remove_action( 'wp_head', 'print_emoji_detection_script', 7 );
remove_action( 'admin_print_scripts', 'print_emoji_detection_script' );
remove_action( 'wp_print_styles', 'print_emoji_styles' );
remove_action( 'admin_print_styles', 'print_emoji_styles' );
add_filter( 'emoji_svg_url', '__return_false' );
add_filter( 'wp_resource_hints', static function ( $urls, $relation ) {
	return 'dns-prefetch' === $relation ? array() : $urls;
}, 10, 2 );
/* No update checks (they would only be refused and log PHP warnings). */
foreach ( array(
	array( 'init', 'wp_schedule_update_checks' ),
	array( 'admin_init', '_maybe_update_core' ),
	array( 'admin_init', '_maybe_update_plugins' ),
	array( 'admin_init', '_maybe_update_themes' ),
	array( 'load-plugins.php', 'wp_update_plugins' ),
	array( 'load-themes.php', 'wp_update_themes' ),
	array( 'load-update.php', 'wp_update_plugins' ),
	array( 'load-update.php', 'wp_update_themes' ),
	array( 'load-update-core.php', 'wp_update_plugins' ),
	array( 'load-update-core.php', 'wp_update_themes' ),
	array( 'wp_version_check', 'wp_version_check' ),
	array( 'wp_update_plugins', 'wp_update_plugins' ),
	array( 'wp_update_themes', 'wp_update_themes' ),
	array( 'wp_maybe_auto_update', 'wp_maybe_auto_update' ),
) as $anp_sandbox_hook ) {
	remove_action( $anp_sandbox_hook[0], $anp_sandbox_hook[1] );
}
unset( $anp_sandbox_hook );

/* Log every outgoing request WordPress attempts (refused or not). */
add_action( 'http_api_debug', static function ( $response, $context, $class, $args, $url ) {
	error_log( sprintf( 'anp-sandbox: HTTP %s %s -> %s', $args['method'] ?? 'GET', $url,
		is_wp_error( $response ) ? 'error: ' . $response->get_error_message() : wp_remote_retrieve_response_code( $response ) ) );
}, 10, 5 );
