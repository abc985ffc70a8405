<?php
/**
 * What one export run does: its flags, checked once.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The flags of `wp anp export`, meaning what they mean in `wp export`
 * (wp-cli/export-command), without its faults: a file name without {n} is
 * refused when the export may make several files (wp export overwrites the
 * file before each time), an unknown date or status is an error rather than a
 * warning, and --stdout is one document, never split.
 */
final class Anp_Export_Options {

	/** The flags the command takes. */
	const FLAGS = array( 'dir', 'stdout', 'max_file_size', 'filename_format', 'post_status', 'start_date', 'end_date', 'batch' );

	/** @var string The folder of the files ('' with --stdout). */
	public $dir = '';

	/** @var bool One document on standard output. */
	public $stdout = false;

	/** @var int The size a file may reach before the next item starts a new one; -1: no limit. */
	public $max_bytes = -1;

	/** @var string The files' names: {site}, {date}, {n}. */
	public $filename_format = Anp_Wxr_Output::FILENAME_FORMAT;

	/** @var string|null Only posts of this status. */
	public $status;

	/** @var string|null Only posts dated at or after this ('Y-m-d 00:00:00'). */
	public $from;

	/** @var string|null Only posts dated at or before this ('Y-m-d 23:59:59'). */
	public $to;

	/** @var string|null Only posts of this import batch. */
	public $batch;

	private function __construct() {
	}

	/**
	 * The run that flags describe.
	 *
	 * @param array  $flags Flag => value as a command line gives them (strings; true for a flag without a value).
	 * @param string $cwd   The folder --dir defaults to.
	 * @throws InvalidArgumentException Naming the first flag that is not valid.
	 */
	public static function from_flags( array $flags, string $cwd ): self {
		$unknown = array_diff( array_keys( $flags ), self::FLAGS );
		if ( $unknown ) {
			throw new InvalidArgumentException( sprintf( 'unknown flag --%s; expected %s', reset( $unknown ), implode( ', ', array_map( static fn( $f ) => "--$f", self::FLAGS ) ) ) );
		}
		$options                  = new self();
		$output                   = Anp_Wxr_Output::from_flags( $flags, $cwd );
		$options->stdout          = $output->stdout;
		$options->dir             = $output->dir;
		$options->max_bytes       = $output->max_bytes;
		$options->filename_format = $output->filename_format;
		if ( isset( $flags['post_status'] ) ) {
			$options->status = (string) $flags['post_status'];
			if ( 'auto-draft' === $options->status || ! in_array( $options->status, get_post_stati(), true ) ) {
				throw new InvalidArgumentException( sprintf( '--post_status is "%s"; expected one of %s', $options->status, implode( ', ', array_diff( get_post_stati(), array( 'auto-draft' ) ) ) ) );
			}
		}
		if ( isset( $flags['start_date'] ) ) {
			$options->from = gmdate( 'Y-m-d 00:00:00', self::timestamp( 'start_date', $flags['start_date'] ) );
		}
		if ( isset( $flags['end_date'] ) ) {
			$end = (string) $flags['end_date'];
			// As wp export: a month alone means its last day.
			$time        = preg_match( '/^\d{4}-\d{2}$/', $end ) ? self::timestamp( 'end_date', gmdate( 'Y-m-t', self::timestamp( 'end_date', "$end-01" ) ) ) : self::timestamp( 'end_date', $end );
			$options->to = gmdate( 'Y-m-d 23:59:59', $time );
		}
		if ( null !== $options->from && null !== $options->to && $options->from > $options->to ) {
			throw new InvalidArgumentException( sprintf( '--start_date (%s) is after --end_date (%s)', substr( $options->from, 0, 10 ), substr( $options->to, 0, 10 ) ) );
		}
		if ( isset( $flags['batch'] ) ) {
			$options->batch = (string) $flags['batch'];
			if ( '' === $options->batch || true === $flags['batch'] ) {
				throw new InvalidArgumentException( '--batch needs a batch id: --batch=<id>, as `wp anp import` printed it' );
			}
		}
		return $options;
	}




	/**
	 * A date flag as a timestamp (UTC, as WordPress runs PHP).
	 *
	 * @param string $flag  The flag's name.
	 * @param mixed  $value Its value.
	 * @throws InvalidArgumentException When it is not a date.
	 */
	private static function timestamp( string $flag, $value ): int {
		$time = is_string( $value ) && '' !== trim( $value ) ? strtotime( $value ) : false;
		if ( false === $time ) {
			throw new InvalidArgumentException( sprintf( '--%s is "%s"; expected a date, e.g. 2024-01-31', $flag, is_scalar( $value ) ? (string) $value : '' ) );
		}
		return $time;
	}
}
