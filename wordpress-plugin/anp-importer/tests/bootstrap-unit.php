<?php
/**
 * Loads the plugin's pure classes without WordPress, and WordPress's block
 * parser, which needs nothing else, to read back the markup the mapper writes.
 *
 * @package anp-importer
 */

// Tests run from the command line only: requested over HTTP from a
// served plugins folder, this file does nothing.
'cli' === PHP_SAPI || exit;

define( 'ANP_IMPORTER_STANDALONE', true );
define( 'ANP_TESTS_ROOT', dirname( __DIR__, 3 ) );
define( 'ANP_TESTS_SEEDS', ANP_TESTS_ROOT . '/samples' );

$includes = dirname( __DIR__ ) . '/includes';
require_once $includes . '/parse/class-anp-parse-exception.php';
require_once $includes . '/parse/class-anp-php-parser.php';
require_once $includes . '/parse/class-anp-parser.php';
require_once $includes . '/site/class-anp-settings.php';
require_once $includes . '/map/class-anp-meta-keys.php';
require_once $includes . '/map/class-anp-field.php';
require_once $includes . '/map/class-anp-fields.php';
require_once $includes . '/map/class-anp-text.php';
require_once $includes . '/map/class-anp-block-serializer.php';
require_once $includes . '/map/class-anp-mapper.php';
require_once $includes . '/map/class-anp-import-item.php';
require_once $includes . '/engine/class-anp-file-finder.php';
require_once $includes . '/engine/class-anp-file-reader.php';
require_once $includes . '/wxr/class-anp-wxr-exception.php';
require_once $includes . '/wxr/class-anp-wxr-text.php';
require_once $includes . '/wxr/class-anp-php-wxr-writer.php';
require_once $includes . '/wxr/class-anp-wxr.php';
require_once $includes . '/wxr/interface-anp-wxr-header-source.php';
require_once $includes . '/wxr/class-anp-wxr-file-header.php';
require_once $includes . '/wxr/class-anp-wxr-files.php';
require_once $includes . '/store/class-anp-upload-exception.php';
require_once $includes . '/store/class-anp-zip-entries.php';
require_once $includes . '/store/class-anp-upload-store.php';
require_once ANP_TESTS_ROOT . '/tools/class-anp-corpus-generator.php';
require_once getenv( 'ANP_WORDPRESS_DIR' ) ?: '/usr/share/wordpress' . '/wp-includes/class-wp-block-parser.php';
