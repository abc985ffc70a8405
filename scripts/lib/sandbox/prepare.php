<?php
/**
 * The WordPress side of `scripts/sandbox up`, once MariaDB answers and before
 * wp-install.php installs the site; run by scripts/lib/wp-sandbox.sh, not by
 * hand. Shell only starts and stops the servers; what makes the site is here.
 *
 *   php prepare.php SANDBOX_DIR PORT [PLUGIN_SRC_DIR]
 *
 *   1. creates the database `wordpress` and its user `wordpress` (password
 *      `wordpress`), as MariaDB's root on SANDBOX_DIR/mysql.sock;
 *   2. copies Debian's WordPress into SANDBOX_DIR/wordpress;
 *   3. writes its wp-config.php from the template beside this file, for
 *      http://127.0.0.1:PORT;
 *   4. copies in the mu-plugin anp-sandbox-offline.php beside this file;
 *   5. links PLUGIN_SRC_DIR (absolute) as wp-content/plugins/<its name>.
 *
 * Exit status 0 on success; errors go to stderr as "wp-sandbox: error: ...",
 * as the shell's own.
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

/** Where the files of Debian's wordpress package are. */
const ANP_SANDBOX_WORDPRESS_SRC = '/usr/share/wordpress';

/** The database and its user: wp-config.php's DB_* constants. */
const ANP_SANDBOX_DB = array(
	'db_name'     => 'wordpress',
	'db_user'     => 'wordpress',
	'db_password' => 'wordpress',
);

/** Print a message on stderr and stop with exit status 1. */
function anp_sandbox_fail( string $message ): void {
	fwrite( STDERR, "wp-sandbox: error: $message\n" );
	exit( 1 );
}

/**
 * The database and its user, created as MariaDB's root: mariadb-install-db
 * gave root socket authentication, and this runs as the root user. On a
 * server the sandbox did not make (WP_SANDBOX_DB_SOCKET: a node of
 * scripts/galera, the primary of scripts/replica) an older sandbox's
 * database is dropped first, and the user may be there already.
 */
function anp_sandbox_create_database( string $socket ): void {
	$name = ANP_SANDBOX_DB['db_name'];
	$user = ANP_SANDBOX_DB['db_user'];
	try {
		$db = new mysqli( 'localhost', 'root', '', '', 0, $socket );
		$db->query( "DROP DATABASE IF EXISTS `$name`" );
		$db->query( "CREATE DATABASE `$name` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" );
		$db->query( "CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '" . $db->real_escape_string( ANP_SANDBOX_DB['db_password'] ) . "'" );
		$db->query( "GRANT ALL PRIVILEGES ON `$name`.* TO '$user'@'localhost'" );
		$db->close();
	} catch ( mysqli_sql_exception $e ) {
		anp_sandbox_fail( 'creating the database and its user failed: ' . $e->getMessage() );
	}
}

/**
 * Copies Debian's WordPress into $wp as a self-contained tree: its symlinks
 * (into /usr/share/php/getid3, /usr/share/javascript, /etc/ssl,
 * /etc/wordpress) are followed and the files they point to copied, so that
 * the site can write its own wp-content and nothing in it changes the
 * system's files. Only directories and copies are made, never a link.
 */
function anp_sandbox_copy_wordpress( string $wp ): void {
	$src = ANP_SANDBOX_WORDPRESS_SRC;
	if ( ! is_file( "$src/wp-settings.php" ) ) {
		anp_sandbox_fail( "$src not found (run anp_install_packages of scripts/lib/common.sh)" );
	}
	// Left out: Debian's wp-config.php (replaced), .htaccess (a link to
	// /etc/wordpress/htaccess, Apache only) and wp-content/languages
	// (wordpress-l10n's translations, when installed; the site is English).
	$left_out = array( 'wp-config.php', '.htaccess', 'wp-content/languages' );
	$files    = new RecursiveIteratorIterator(
		new RecursiveCallbackFilterIterator(
			new RecursiveDirectoryIterator( $src, FilesystemIterator::SKIP_DOTS | FilesystemIterator::FOLLOW_SYMLINKS ),
			static function ( SplFileInfo $file ) use ( $src, $left_out ): bool {
				return ! in_array( substr( $file->getPathname(), strlen( $src ) + 1 ), $left_out, true );
			}
		),
		RecursiveIteratorIterator::SELF_FIRST
	);
	if ( ! mkdir( $wp, 0755, true ) ) {
		anp_sandbox_fail( "cannot create $wp" );
	}
	foreach ( $files as $path => $file ) {
		$to = $wp . substr( $path, strlen( $src ) );
		// A dangling link is neither a directory nor a file copy() can read.
		$done = $file->isDir() ? mkdir( $to ) : copy( $path, $to );
		if ( ! $done ) {
			anp_sandbox_fail( "copying $path to $to failed (a dangling symlink in $src?)" );
		}
	}
	foreach ( array( 'uploads', 'upgrade', 'mu-plugins', 'languages' ) as $dir ) {
		if ( ! is_dir( "$wp/wp-content/$dir" ) && ! mkdir( "$wp/wp-content/$dir" ) ) {
			anp_sandbox_fail( "cannot create $wp/wp-content/$dir" );
		}
	}
}

/** wp-config.php: the template with each name in double braces filled in. */
function anp_sandbox_write_config( string $wp, int $port ): void {
	$template = (string) file_get_contents( __DIR__ . '/wp-config.php' );
	$config   = strtr( $template, array( '{{port}}' => (string) $port ) + array_combine(
		array_map( static fn ( string $name ): string => '{{' . $name . '}}', array_keys( ANP_SANDBOX_DB ) ),
		ANP_SANDBOX_DB
	) );
	if ( preg_match( '/\{\{\w+\}\}/', $config, $left ) ) {
		anp_sandbox_fail( "wp-config.php template: nothing to fill in $left[0]" );
	}
	if ( false === file_put_contents( "$wp/wp-config.php", $config ) ) {
		anp_sandbox_fail( "cannot write $wp/wp-config.php" );
	}
}

$anp_sandbox_dir    = $argv[1] ?? '';
$anp_sandbox_port   = $argv[2] ?? '';
$anp_sandbox_plugin = $argv[3] ?? '';

if ( '' === $anp_sandbox_dir || ! preg_match( '/^[1-9][0-9]{0,4}$/', $anp_sandbox_port ) ) {
	anp_sandbox_fail( 'usage: php prepare.php SANDBOX_DIR PORT [PLUGIN_SRC_DIR]' );
}
$anp_sandbox_wp = "$anp_sandbox_dir/wordpress";

anp_sandbox_create_database( "$anp_sandbox_dir/mysql.sock" );
anp_sandbox_copy_wordpress( $anp_sandbox_wp );
anp_sandbox_write_config( $anp_sandbox_wp, (int) $anp_sandbox_port );
if ( ! copy( __DIR__ . '/anp-sandbox-offline.php', "$anp_sandbox_wp/wp-content/mu-plugins/anp-sandbox-offline.php" ) ) {
	anp_sandbox_fail( 'cannot write the sandbox mu-plugin' );
}
if ( '' !== $anp_sandbox_plugin ) {
	$anp_sandbox_link = "$anp_sandbox_wp/wp-content/plugins/" . basename( $anp_sandbox_plugin );
	if ( ! symlink( $anp_sandbox_plugin, $anp_sandbox_link ) ) {
		anp_sandbox_fail( "cannot link $anp_sandbox_plugin as $anp_sandbox_link" );
	}
}
exit( 0 );
