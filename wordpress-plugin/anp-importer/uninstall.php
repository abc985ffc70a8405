<?php
/**
 * Removes the plugin's settings and tables. The imported posts stay: they are
 * the site's content now.
 *
 * @package anp-importer
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/site/class-anp-settings.php';
require_once __DIR__ . '/includes/store/class-anp-schema.php';

delete_option( Anp_Settings::OPTION );
Anp_Schema::drop();
