<?php
/**
 * Loads the plugin's pure classes without WordPress, and WordPress's block
 * parser, which needs nothing else, to read back the markup the mapper writes.
 *
 * @package anp-importer
 */

define( 'ANP_IMPORTER_STANDALONE', true );
define( 'ANP_TESTS_ROOT', dirname( __DIR__, 3 ) );
define( 'ANP_TESTS_SEEDS', ANP_TESTS_ROOT . '/samples' );

$includes = dirname( __DIR__ ) . '/includes';
require_once $includes . '/class-anp-parse-exception.php';
require_once $includes . '/class-anp-php-parser.php';
require_once $includes . '/class-anp-parser.php';
require_once $includes . '/class-anp-settings.php';
require_once $includes . '/class-anp-block-serializer.php';
require_once $includes . '/class-anp-mapper.php';
require_once $includes . '/class-anp-file-finder.php';
require_once ANP_TESTS_ROOT . '/tools/class-anp-corpus-generator.php';
require_once getenv( 'ANP_WORDPRESS_DIR' ) ?: '/usr/share/wordpress' . '/wp-includes/class-wp-block-parser.php';
