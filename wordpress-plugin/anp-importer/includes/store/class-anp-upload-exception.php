<?php
/**
 * An upload refused: what the admin sent is not ANP files, or not safe.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Its message names the file as the browser named it (escaped where it is
 * shown) and says what was expected; nothing of the upload was kept.
 */
final class Anp_Upload_Exception extends RuntimeException {
}
