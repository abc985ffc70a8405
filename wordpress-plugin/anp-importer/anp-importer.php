<?php
/**
 * Plugin Name:       ANP Importer
 * Description:       Imports ANP post files into WordPress: fast, idempotent, with rollback. From WP-CLI (`wp anp import`) or a plain PHP runner.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            The anp team
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       anp-importer
 * Domain Path:       /languages
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

define( 'ANP_IMPORTER_VERSION', '0.1.0' );
define( 'ANP_IMPORTER_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-anp-plugin.php';
spl_autoload_register( array( 'Anp_Plugin', 'autoload' ) );
Anp_Plugin::boot();
