<?php
/**
 * Uninstalling the plugin and installing it again.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Uninstall removes the plugin's tables and options (the posts stay); a
 * reinstall knows the posts again from their meta, so the next import of
 * the same files duplicates nothing (issue 8, finding 15).
 */
final class Test_Anp_Uninstall extends Anp_WP_Test_Case {

	const PLUGIN = 'anp-importer/anp-importer.php';

	/**
	 * WordPress's uninstall as wp-admin runs it: on a deactivated plugin, in
	 * a request that did not load it. The plugin's files stay (they are this
	 * working tree: delete_plugins() is not called).
	 */
	private function uninstall(): void {
		$this->wordpress( 'require_once ABSPATH . "wp-admin/includes/plugin.php"; deactivate_plugins( "' . self::PLUGIN . '" ); return is_plugin_active( "' . self::PLUGIN . '" );' );
		$this->assertFalse( $this->wordpress( 'require_once ABSPATH . "wp-admin/includes/plugin.php"; return class_exists( "Anp_Schema", false ) || ! uninstall_plugin( "' . self::PLUGIN . '" );' ), 'uninstalled, the plugin not loaded' );
	}

	private function activate(): void {
		$this->assertNull( $this->wordpress( 'require_once ABSPATH . "wp-admin/includes/plugin.php"; $r = activate_plugin( "' . self::PLUGIN . '" ); return is_wp_error( $r ) ? $r->get_error_message() : null;' ) );
	}

	/**
	 * The plugin's tables and options on the sandbox.
	 */
	private static function leftovers(): array {
		return array(
			'tables'  => array_column( self::rows( "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'wordpress' AND TABLE_NAME LIKE '%anp\\_%'" ), 'TABLE_NAME' ),
			'options' => array_column( self::rows( "SELECT option_name FROM wp_options WHERE option_name LIKE 'anp\\_%'" ), 'option_name' ),
		);
	}

	public function test_a_reinstall_knows_the_imported_posts_and_duplicates_none(): void {
		$dir = self::files_dir( 'uninstall' );
		foreach ( self::seed_files() as $file ) {
			copy( $file, $dir . '/' . basename( $file ) );
		}
		// One file without a reference or source_id: its identity is its hash.
		$bytes = file_get_contents( self::seed_files()[1] );
		$this->assertSame( 1, preg_match( '/^reference.*\n/m', $bytes, $line ) );
		file_put_contents( "$dir/" . basename( self::seed_files()[1] ), str_replace( $line[0], '', $bytes ) );
		$this->assertArrayNotHasKey( 'reference', anp_parse_file( "$dir/" . basename( self::seed_files()[1] ) )['meta'] );

		$this->assertSame( 5, $this->import_ok( array( $dir ), array( '--status=publish' ) )['created'] );
		$this->assertSame( 0, self::anp( array( 'settings', 'import' ), array( 'stdin' => '{"on_change":"skip"}' ) )['exit'] );
		$ledger = self::rows( 'SELECT identity, post_id, content_hash FROM wp_anp_items ORDER BY post_id' );
		$posts  = self::content();

		$this->uninstall();
		$this->assertSame( array( 'tables' => array(), 'options' => array() ), self::leftovers(), 'nothing of the plugin left' );
		$this->assertSame( 5, self::anp_post_count(), 'the posts stay' );

		$this->activate();
		$this->assertSame( $ledger, self::rows( 'SELECT identity, post_id, content_hash FROM wp_anp_items ORDER BY post_id' ), 'the ledger rebuilt from the posts' );
		$again = $this->import_ok( array( $dir ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 5, 'failed' => 0 ), self::totals( $again ) );
		$this->assertSame( 5, self::anp_post_count() );
		$this->assert_same_fingerprint( $posts, self::content(), 'after the reinstall and the import' );
	}

	/**
	 * On a network, uninstall cleans every site: each has its own tables and
	 * settings. The sandbox is made a network of two sites (subfolders) as
	 * wp-admin's Network Setup does: the network's tables, then wp-config.php.
	 */
	public function test_uninstall_cleans_every_site_of_a_network(): void {
		$this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->wordpress(
			'require_once ABSPATH . "wp-admin/includes/upgrade.php";
			require_once ABSPATH . "wp-admin/includes/network.php";
			global $wpdb;
			foreach ( $wpdb->tables( "ms_global" ) as $table => $prefixed ) {
				$wpdb->$table = $prefixed;
			}
			install_network();
			return populate_network( 1, "127.0.0.1", get_option( "admin_email" ), "anp network", "/", false );'
		);
		$config = self::wordpress_dir() . '/wp-config.php';
		$multisite = "define( 'MULTISITE', true );\ndefine( 'SUBDOMAIN_INSTALL', false );\ndefine( 'DOMAIN_CURRENT_SITE', '127.0.0.1' );\ndefine( 'PATH_CURRENT_SITE', '/' );\ndefine( 'SITE_ID_CURRENT_SITE', 1 );\ndefine( 'BLOG_ID_CURRENT_SITE', 1 );\n";
		file_put_contents( $config, str_replace( "if ( ! defined( 'ABSPATH' ) )", $multisite . "if ( ! defined( 'ABSPATH' ) )", file_get_contents( $config ) ) );
		$second = $this->wordpress(
			'$_SERVER["REMOTE_ADDR"] = "127.0.0.1";
			$id = wpmu_create_blog( "127.0.0.1", "/two/", "Two", 1 );
			switch_to_blog( $id );
			Anp_Schema::install();
			Anp_Settings::save( array( "on_change" => "skip" ) );
			restore_current_blog();
			return array( is_multisite(), $id );'
		);
		$this->assertSame( array( true, 2 ), $second );
		$this->assertCount( 10, self::leftovers()['tables'], 'two sites with their tables' );
		$this->assertSame( array( 'anp_importer_schema_version', 'anp_importer_settings' ), array_column( self::rows( "SELECT option_name FROM wp_2_options WHERE option_name LIKE 'anp\\_%' ORDER BY option_name" ), 'option_name' ) );

		$this->uninstall();
		$this->assertSame( array(), self::leftovers()['tables'], 'no table of the plugin on any site' );
		foreach ( array( 'wp_options', 'wp_2_options' ) as $options ) {
			$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM $options WHERE option_name LIKE 'anp\\_%'" ), $options );
		}
		$this->assertSame( 5, self::anp_post_count(), 'the posts stay' );
	}

	/**
	 * The site's content but the ledger's source paths (a rebuilt row has the
	 * file's name, which is all the post's meta keeps) and the batches' history,
	 * which uninstall drops with the tables.
	 */
	private static function content(): array {
		$fingerprint = self::fingerprint( array( 'changes' => false ) + self::ACROSS_SITES );
		foreach ( $fingerprint['ledger'] as &$row ) {
			unset( $row['source'] );
		}
		return $fingerprint;
	}
}
