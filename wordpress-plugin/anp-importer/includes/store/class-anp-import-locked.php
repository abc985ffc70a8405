<?php
/**
 * Another import holds the site's import lock.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Anp_Import_Lock's refusal: a RuntimeException like the others a run
 * stops with, of its own class so that a front end that can wait (wp-admin's
 * importer) tells it from a failure.
 */
final class Anp_Import_Locked extends RuntimeException {
}
