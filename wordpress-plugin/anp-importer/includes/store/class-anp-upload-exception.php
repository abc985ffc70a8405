<?php
/**
 * An upload refused: what the admin sent is not ANP files, or not safe.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Its message names the file as the browser named it (escaped where it is
 * shown) and says what was expected; nothing of the upload was kept. An
 * InvalidArgumentException, as a front end tells the sender: the REST
 * routes answer it with a 400, and a failed import (RuntimeException)
 * with a 409.
 */
final class Anp_Upload_Exception extends InvalidArgumentException {
}
