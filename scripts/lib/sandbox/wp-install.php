<?php
/**
 * Non-interactive WordPress install for the throwaway sandbox; run by
 * scripts/lib/wp-sandbox.sh (`scripts/sandbox up`) after prepare.php has
 * made the files, not meant to be run by hand.
 *
 *   php wp-install.php install  WORDPRESS_DIR
 *       wp_install(): title "anp sandbox", admin / admin, admin@example.test,
 *       not public. No HTTP request and no mail leave this process.
 *   php wp-install.php activate WORDPRESS_DIR PLUGIN_DIR_NAME
 *       Activates the main plugin file (the PHP file with a "Plugin Name:"
 *       header) of wp-content/plugins/PLUGIN_DIR_NAME, if there is one.
 *
 * Exit status 0 on success; messages go to stderr, prefixed "wp-install:".
 * Must run at the top level of the script (wp-load.php needs global scope).
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

/** Print a message on stderr and stop with exit status 1. */
function anp_sandbox_fail( string $message ): void {
	fwrite( STDERR, "wp-install: error: $message\n" );
	exit( 1 );
}

/** Print a message on stderr. */
function anp_sandbox_note( string $message ): void {
	fwrite( STDERR, "wp-install: $message\n" );
}

/** WP_Error or anything else to a one-line string. */
function anp_sandbox_describe( $value ): string {
	if ( $value instanceof WP_Error ) {
		return implode( '; ', $value->get_error_messages() ) . ' [' . implode( ', ', $value->get_error_codes() ) . ']';
	}
	return var_export( $value, true );
}

$anp_sandbox_mode   = $argv[1] ?? '';
$anp_sandbox_wp_dir = $argv[2] ?? '';
$anp_sandbox_slug   = $argv[3] ?? '';

if ( ! in_array( $anp_sandbox_mode, array( 'install', 'activate' ), true ) || '' === $anp_sandbox_wp_dir
	|| ( 'activate' === $anp_sandbox_mode && '' === $anp_sandbox_slug ) ) {
	anp_sandbox_fail( 'usage: php wp-install.php install WORDPRESS_DIR | activate WORDPRESS_DIR PLUGIN_DIR_NAME' );
}
if ( ! is_file( $anp_sandbox_wp_dir . '/wp-load.php' ) ) {
	anp_sandbox_fail( "no wp-load.php in $anp_sandbox_wp_dir" );
}

// wp-settings.php reads these; the CLI has no request.
$_SERVER['HTTP_HOST']   = $_SERVER['HTTP_HOST'] ?? '127.0.0.1';
$_SERVER['SERVER_NAME'] = $_SERVER['SERVER_NAME'] ?? '127.0.0.1';
$_SERVER['REQUEST_URI'] = $_SERVER['REQUEST_URI'] ?? '/';

if ( 'install' === $anp_sandbox_mode ) {
	// Without it wp-settings.php would redirect to wp-admin/install.php and die.
	define( 'WP_INSTALLING', true );

	/*
	 * Pluggable (upgrade.php defines it only if it does not exist yet): the
	 * real one mails the admin's password through PHPMailer / sendmail.
	 */
	function wp_new_blog_notification( $blog_title, $blog_url, $user_id, $password ) {
	}
}

require $anp_sandbox_wp_dir . '/wp-load.php';

if ( 'install' === $anp_sandbox_mode ) {
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';

	if ( is_blog_installed() ) {
		anp_sandbox_fail( 'WordPress is already installed in this database' );
	}

	/*
	 * wp_install() probes pretty permalinks with a loopback request to the
	 * site (wp_install_maybe_enable_pretty_permalinks()); nothing serves it
	 * yet, so refuse every request: WordPress falls back to plain
	 * permalinks, which is what `php -S` (no rewriting) needs anyway.
	 */
	add_filter(
		'pre_http_request',
		static function ( $preempt, $args, $url ) {
			return new WP_Error( 'anp_sandbox_offline', "sandbox install: no HTTP request ($url)" );
		},
		10,
		3
	);
	add_filter( 'pre_wp_mail', '__return_false' );

	$anp_sandbox_result = wp_install( 'anp sandbox', 'admin', 'admin@example.test', false, '', 'admin' );
	if ( ! is_array( $anp_sandbox_result ) || empty( $anp_sandbox_result['user_id'] ) ) {
		anp_sandbox_fail( 'wp_install() failed: ' . anp_sandbox_describe( $anp_sandbox_result ) );
	}
	if ( ! empty( $wpdb->last_error ) ) {
		anp_sandbox_fail( 'database error during wp_install(): ' . $wpdb->last_error );
	}
	// Plain permalinks, whatever the probe concluded.
	update_option( 'permalink_structure', '' );
	// The admin/admin account is known; do not nag about it.
	delete_user_meta( (int) $anp_sandbox_result['user_id'], 'default_password_nag' );

	wp_cache_flush();
	if ( ! is_blog_installed() ) {
		anp_sandbox_fail( 'wp_install() returned but the site is not installed' );
	}
	// Debian's wordpress ships no theme, and without one every front-end
	// page is empty: say so here rather than in a test of the front end.
	if ( ! wp_get_theme()->exists() ) {
		anp_sandbox_fail( sprintf( 'no theme "%s" in %s: install wordpress-theme-twentytwentythree (scripts/lib/common.sh lists it)', get_stylesheet(), get_theme_root() ) );
	}
	anp_sandbox_note( sprintf( 'installed WordPress %s as "%s" (admin/admin)', get_bloginfo( 'version' ), get_option( 'blogname' ) ) );
	exit( 0 );
}

// activate
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ( ! is_blog_installed() ) {
	anp_sandbox_fail( 'WordPress is not installed' );
}
if ( basename( $anp_sandbox_slug ) !== $anp_sandbox_slug || '.' === $anp_sandbox_slug[0] ) {
	anp_sandbox_fail( "bad plugin directory name '$anp_sandbox_slug'" );
}
if ( ! is_dir( WP_PLUGIN_DIR . '/' . $anp_sandbox_slug ) ) {
	anp_sandbox_fail( 'no plugin directory ' . WP_PLUGIN_DIR . '/' . $anp_sandbox_slug );
}

// Keyed by file name relative to the plugin's directory; only files whose
// header has a "Plugin Name:" are listed.
$anp_sandbox_found = array_keys( get_plugins( '/' . $anp_sandbox_slug ) );
if ( ! $anp_sandbox_found ) {
	anp_sandbox_note( "no main plugin file (\"Plugin Name:\" header) in $anp_sandbox_slug/; linked, not activated" );
	exit( 0 );
}
// With several candidates, prefer <slug>.php as WordPress' convention has it.
$anp_sandbox_file = in_array( "$anp_sandbox_slug.php", $anp_sandbox_found, true ) ? "$anp_sandbox_slug.php" : $anp_sandbox_found[0];
if ( count( $anp_sandbox_found ) > 1 ) {
	anp_sandbox_note( 'several main plugin files (' . implode( ', ', $anp_sandbox_found ) . "), activating $anp_sandbox_file" );
}
$anp_sandbox_plugin = $anp_sandbox_slug . '/' . $anp_sandbox_file;

// As the admin, the way wp-admin/plugins.php would do it.
wp_set_current_user( 1 );
$anp_sandbox_result = activate_plugin( $anp_sandbox_plugin, '', false, false );
if ( is_wp_error( $anp_sandbox_result ) ) {
	anp_sandbox_fail( "activate_plugin('$anp_sandbox_plugin'): " . anp_sandbox_describe( $anp_sandbox_result ) );
}
wp_cache_flush();
if ( ! is_plugin_active( $anp_sandbox_plugin ) ) {
	anp_sandbox_fail( "$anp_sandbox_plugin is not active after activate_plugin()" );
}
anp_sandbox_note( "activated plugin $anp_sandbox_plugin" );
exit( 0 );
