<?php
/**
 * Anp_Output on WP-CLI.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Passes everything to WP-CLI, so that --quiet, colours and formats behave
 * as in any other WP-CLI command.
 */
final class Anp_WP_CLI_Output implements Anp_Output {

	public function line( string $text ): void {
		WP_CLI::line( $text );
	}

	public function success( string $text ): void {
		WP_CLI::success( $text );
	}

	public function warning( string $text ): void {
		WP_CLI::warning( $text );
	}

	public function error( string $text ): never {
		WP_CLI::error( $text );
		exit( 1 ); // WP_CLI::error() exits already; this says so to PHP.
	}

	public function halt( int $code ): never {
		WP_CLI::halt( $code );
		exit( $code ); // WP_CLI::halt() exits already; this says so to PHP.
	}

	public function progress( string $label, int $total ) {
		return \WP_CLI\Utils\make_progress_bar( $label, $total );
	}

	public function items( string $format, array $items, array $fields ): void {
		\WP_CLI\Utils\format_items( $format, $items, $fields );
	}
}
