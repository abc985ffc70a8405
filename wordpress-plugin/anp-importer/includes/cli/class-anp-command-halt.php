<?php
/**
 * How bin/anp ends a command with an exit code.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Thrown by Anp_Plain_Output::halt(); bin/anp turns it into the exit code.
 * An exception rather than exit(), so that the runner can shut down cleanly.
 */
final class Anp_Command_Halt extends RuntimeException {

	public function __construct( int $exit_code ) {
		parent::__construct( 'exit ' . $exit_code, $exit_code );
	}
}
