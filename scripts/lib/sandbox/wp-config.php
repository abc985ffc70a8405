<?php
/*
 * The sandbox's wp-config.php, for a throwaway, offline site. This is the
 * template: scripts/lib/sandbox/prepare.php copies it into
 * <sandbox>/wordpress/ with the names in double braces filled in. It
 * replaces the wp-config.php of Debian's package, which reads
 * /etc/wordpress/config-<host>.php. Paths are relative to this file:
 * __DIR__ is <sandbox>/wordpress.
 */

define( 'DB_NAME', '{{db_name}}' );
define( 'DB_USER', '{{db_user}}' );
define( 'DB_PASSWORD', '{{db_password}}' );
// WP_SANDBOX_DB_HOST: this process on another server of the same database
// (a worker on another node of a Galera cluster, say).
define( 'DB_HOST', getenv( 'WP_SANDBOX_DB_HOST' ) ?: 'localhost:' . dirname( __DIR__ ) . '/mysql.sock' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

$table_prefix = 'wp_';

/* Fixed salts: fine for a throwaway local site, never for a real one. */
define( 'AUTH_KEY',         'anp-sandbox-auth-key' );
define( 'SECURE_AUTH_KEY',  'anp-sandbox-secure-auth-key' );
define( 'LOGGED_IN_KEY',    'anp-sandbox-logged-in-key' );
define( 'NONCE_KEY',        'anp-sandbox-nonce-key' );
define( 'AUTH_SALT',        'anp-sandbox-auth-salt' );
define( 'SECURE_AUTH_SALT', 'anp-sandbox-secure-auth-salt' );
define( 'LOGGED_IN_SALT',   'anp-sandbox-logged-in-salt' );
define( 'NONCE_SALT',       'anp-sandbox-nonce-salt' );

/* The port `scripts/sandbox up` was given (WP_SANDBOX_PORT). */
define( 'WP_HOME', 'http://127.0.0.1:{{port}}' );
define( 'WP_SITEURL', 'http://127.0.0.1:{{port}}' );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
define( 'WP_CONTENT_URL', WP_HOME . '/wp-content' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );

define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', dirname( __DIR__ ) . '/debug.log' );

/* Offline: no cron spawning, no updates, no plugin/theme/language
 * downloads, and WP_Http refuses every host but 127.0.0.1/localhost. */
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'DISALLOW_FILE_MODS', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'FS_METHOD', 'direct' );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
