<?php
/**
 * Wires the plugin into WordPress.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers the taxonomies, the post meta, the commands, the settings page
 * and the front-end meta box; creates the tables on activation and
 * upgrades them when the plugin loads.
 */
final class Anp_Plugin {

	public static function boot(): void {
		add_action( 'init', array( self::class, 'register' ) );
		register_activation_hook( ANP_IMPORTER_FILE, array( 'Anp_Schema', 'install' ) );
		// A plugin updated by copying its files is not activated again: its
		// tables are upgraded when it loads (pages, wp-admin, WP-CLI, bin/anp).
		add_action( 'plugins_loaded', array( self::class, 'upgrade_tables' ) );
		Anp_Rest_Uploads::register();
		Anp_Rest_Batches::register();
		if ( is_admin() ) {
			Anp_Settings_Page::register();
			Anp_Importer_Page::register();
			Anp_Batches_Page::register();
			Anp_Export_Page::register();
		}
		if ( defined( 'WP_CLI' ) && WP_CLI ) {
			WP_CLI::add_command( 'anp', 'Anp_CLI_Command' );
			WP_CLI::add_command( 'anp settings', 'Anp_Settings_Command' );
			WP_CLI::add_command( 'anp export', 'Anp_Export_Command' );
			WP_CLI::add_command( 'anp convert', 'Anp_Convert_Command' );
		}
	}

	/**
	 * Anp_Schema::upgrade() for any request, pages included: a failed
	 * upgrade must not take the site down. The version stays as it was, so
	 * the next load tries again; an import refuses with the same message
	 * (Anp_Schema::ensure()), and wp-admin shows it to administrators.
	 */
	public static function upgrade_tables(): void {
		try {
			Anp_Schema::upgrade();
		} catch ( Throwable $e ) {
			$message = 'ANP Importer: ' . $e->getMessage();
			error_log( $message ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the site's log is where a failure no one sees belongs.
			add_action(
				'admin_notices',
				static function () use ( $message ): void {
					if ( current_user_can( 'manage_options' ) ) {
						echo '<div class="notice notice-error"><p>' . esc_html( $message ) . '</p></div>';
					}
				}
			);
		}
	}

	public static function register(): void {
		load_plugin_textdomain( 'anp-importer', false, dirname( plugin_basename( ANP_IMPORTER_FILE ) ) . '/languages' );
		$settings = Anp_Settings::get();
		Anp_Taxonomies::register( $settings['post_type'] );
		Anp_Post_Meta::register( $settings['post_type'] );
		if ( ! is_admin() ) {
			Anp_Meta_Box::register( $settings );
		}
	}

	/**
	 * The folders of includes/, one a layer, in the order their
	 * dependencies point: a front end uses the engine, the engine the site's
	 * registrations and the store, those the mapping, and everything the parser.
	 * docs/plugin-layers.md says what each holds; tests/unit/test-layers.php
	 * holds the direction.
	 */
	public const LAYERS = array( 'cli', 'admin', 'engine', 'site', 'store', 'map', 'wxr', 'parse' );

	/**
	 * Loads Anp_* classes from includes/<layer>/class-anp-*.php (and
	 * interfaces from interface-anp-*.php), as WordPress names files.
	 *
	 * @param string $class A class name.
	 */
	public static function autoload( string $class ): void {
		if ( ! str_starts_with( $class, 'Anp_' ) ) {
			return;
		}
		$slug = strtolower( str_replace( '_', '-', $class ) );
		foreach ( self::LAYERS as $layer ) {
			foreach ( array( 'class-', 'interface-' ) as $prefix ) {
				$file = __DIR__ . '/' . $layer . '/' . $prefix . $slug . '.php';
				if ( is_file( $file ) ) {
					require_once $file;
					return;
				}
			}
		}
	}
}
