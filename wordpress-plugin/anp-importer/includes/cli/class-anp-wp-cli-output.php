<?php
/**
 * Anp_Output on WP-CLI.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Passes everything to WP-CLI, so that --quiet, colours and formats behave
 * as in any other WP-CLI command, every text through Anp_Terminal_Text, as
 * it may come from a file.
 */
final class Anp_WP_CLI_Output implements Anp_Output {

	public function line( string $text ): void {
		WP_CLI::line( Anp_Terminal_Text::lines( $text ) );
	}

	public function success( string $text ): void {
		WP_CLI::success( Anp_Terminal_Text::line( $text ) );
	}

	public function warning( string $text ): void {
		WP_CLI::warning( Anp_Terminal_Text::line( $text ) );
	}

	public function error( string $text ): never {
		WP_CLI::error( Anp_Terminal_Text::line( $text ) );
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
		// JSON escapes what a terminal would obey; the other formats print cells as they are.
		if ( 'json' !== $format ) {
			$items = array_map(
				static fn( $item ) => array_map( static fn( $cell ) => is_string( $cell ) ? Anp_Terminal_Text::line( $cell ) : $cell, (array) $item ),
				$items
			);
		}
		\WP_CLI\Utils\format_items( $format, $items, $fields );
	}
}
