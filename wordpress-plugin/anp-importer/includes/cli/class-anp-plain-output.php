<?php
/**
 * Anp_Output for bin/anp, the runner for hosts with no WP-CLI.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Writes as WP-CLI would: results to standard output, messages and progress
 * to standard error, "Error: " and exit code 1 on an error; every text
 * through Anp_Terminal_Text, as it may come from a file.
 */
final class Anp_Plain_Output implements Anp_Output {

	/** @var bool Progress is drawn only on a terminal. */
	private $interactive;

	public function __construct() {
		$this->interactive = function_exists( 'stream_isatty' ) && stream_isatty( STDERR );
	}

	public function line( string $text ): void {
		fwrite( STDOUT, Anp_Terminal_Text::lines( $text ) . "\n" );
	}

	public function success( string $text ): void {
		fwrite( STDOUT, 'Success: ' . Anp_Terminal_Text::line( $text ) . "\n" );
	}

	public function warning( string $text ): void {
		fwrite( STDERR, 'Warning: ' . Anp_Terminal_Text::line( $text ) . "\n" );
	}

	public function error( string $text ): never {
		fwrite( STDERR, 'Error: ' . Anp_Terminal_Text::line( $text ) . "\n" );
		$this->halt( 1 );
	}

	public function halt( int $code ): never {
		throw new Anp_Command_Halt( $code );
	}

	public function progress( string $label, int $total ) {
		return new class( $label, $total, $this->interactive ) {
			private $label;
			private $total;
			private $done = 0;
			private $interactive;

			public function __construct( string $label, int $total, bool $interactive ) {
				$this->label       = $label;
				$this->total       = max( 1, $total );
				$this->interactive = $interactive;
			}

			public function tick( int $count = 1 ): void {
				$this->done += $count;
				if ( $this->interactive ) {
					fwrite( STDERR, sprintf( "\r%s %d/%d (%d%%)", $this->label, $this->done, $this->total, 100 * $this->done / $this->total ) );
				}
			}

			public function finish(): void {
				fwrite( STDERR, sprintf( "%s%s %d/%d\n", $this->interactive ? "\r" : '', $this->label, $this->done, $this->total ) );
			}
		};
	}

	public function items( string $format, array $items, array $fields ): void {
		$rows = array();
		foreach ( $items as $item ) {
			$row = array();
			foreach ( $fields as $field ) {
				$row[ $field ] = $item[ $field ] ?? '';
			}
			$rows[] = $row;
		}
		if ( 'json' === $format ) {
			$this->line( Anp_Terminal_Text::json( $rows ) );
			return;
		}
		if ( 'csv' === $format ) {
			$out = fopen( 'php://output', 'w' );
			fputcsv( $out, $fields );
			foreach ( $rows as $row ) {
				fputcsv( $out, array_map( array( $this, 'cell' ), $row ) );
			}
			fclose( $out );
			return;
		}
		$widths = array();
		foreach ( $fields as $field ) {
			$widths[ $field ] = strlen( $field );
			foreach ( $rows as $row ) {
				$widths[ $field ] = max( $widths[ $field ], strlen( $this->cell( $row[ $field ] ) ) );
			}
		}
		$rule = '+' . implode( '+', array_map( static fn( $w ) => str_repeat( '-', $w + 2 ), $widths ) ) . '+';
		$this->line( $rule );
		$this->line( '| ' . implode( ' | ', array_map( static fn( $f ) => str_pad( $f, $widths[ $f ] ), $fields ) ) . ' |' );
		$this->line( $rule );
		foreach ( $rows as $row ) {
			$cells = array();
			foreach ( $fields as $field ) {
				$cells[] = str_pad( $this->cell( $row[ $field ] ), $widths[ $field ] );
			}
			$this->line( '| ' . implode( ' | ', $cells ) . ' |' );
		}
		$this->line( $rule );
	}

	/**
	 * @param mixed $value A cell.
	 */
	private function cell( $value ): string {
		return Anp_Terminal_Text::line( is_scalar( $value ) ? (string) $value : Anp_Terminal_Text::json( $value ) );
	}
}
