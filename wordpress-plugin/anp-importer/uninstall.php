<?php
/**
 * Removes the plugin's settings and tables, on every site of a network. The
 * imported posts stay: they are the site's content now, and their meta is
 * enough for a reinstalled plugin to know them again (Anp_Schema::install()
 * rebuilds the identities from it), so that a reinstall duplicates nothing.
 *
 * @package anp-importer
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

// WordPress includes this file without the plugin's main file: load the classes.
require_once __DIR__ . '/includes/class-anp-plugin.php';
spl_autoload_register( array( 'Anp_Plugin', 'autoload' ) );

$anp_sites = is_multisite() ? get_sites(
	array(
		'fields' => 'ids',
		'number' => 0,
	)
) : array( get_current_blog_id() );
foreach ( $anp_sites as $anp_site ) {
	if ( is_multisite() ) {
		switch_to_blog( (int) $anp_site );
	}
	delete_option( Anp_Settings::OPTION );
	Anp_Schema::drop();
	if ( is_multisite() ) {
		restore_current_blog();
	}
}
