<?php
/**
 * An upload another request is at work on.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Thrown when a request would change an upload while another one holds it
 * (Anp_Upload_Job): the sender waits and tries again (the REST routes
 * answer 409).
 */
final class Anp_Upload_Busy extends RuntimeException {
}
