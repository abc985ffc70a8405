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

	/** wp export's default file name. */
	const FILENAME_FORMAT = '{site}.wordpress.{date}.{n}.xml';

	/** wp export's default --max_file_size, in MB. */
	const MAX_FILE_SIZE = 15;

	/** @var string The folder of the files ('' with --stdout). */
	public $dir = '';

	/** @var bool One document on standard output. */
	public $stdout = false;

	/** @var int The size a file may reach before the next item starts a new one; -1: no limit. */
	public $max_bytes = -1;

	/** @var string The files' names: {site}, {date}, {n}. */
	public $filename_format = self::FILENAME_FORMAT;

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
		$options         = new self();
		$options->stdout = ! empty( $flags['stdout'] );
		if ( $options->stdout ) {
			foreach ( array( 'dir', 'filename_format', 'max_file_size' ) as $flag ) {
				if ( isset( $flags[ $flag ] ) ) {
					throw new InvalidArgumentException( sprintf( '--stdout writes one document to standard output: it takes no --%s', $flag ) );
				}
			}
		} else {
			$options->dir       = self::dir( $flags['dir'] ?? $cwd );
			$options->max_bytes = self::max_bytes( $flags['max_file_size'] ?? self::MAX_FILE_SIZE );
			$options->filename_format = self::filename_format( $flags['filename_format'] ?? self::FILENAME_FORMAT, -1 !== $options->max_bytes );
		}
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
	 * The folder, which must exist and be writable.
	 *
	 * @param mixed $dir The flag's value.
	 * @throws InvalidArgumentException When it is not.
	 */
	private static function dir( $dir ): string {
		$dir = rtrim( (string) $dir, '/' ) ?: '/';
		if ( ! is_dir( $dir ) ) {
			throw new InvalidArgumentException( sprintf( '--dir: "%s" is not a folder', $dir ) );
		}
		if ( ! is_writable( $dir ) ) {
			throw new InvalidArgumentException( sprintf( '--dir: "%s" is not writable', $dir ) );
		}
		return $dir;
	}

	/**
	 * --max_file_size in MB (fractions too) as bytes; -1 for no limit.
	 *
	 * @param mixed $size The flag's value.
	 * @throws InvalidArgumentException When it is not a number, or negative but -1.
	 */
	private static function max_bytes( $size ): int {
		if ( ! is_numeric( $size ) || ( (float) $size < 0 && -1.0 !== (float) $size ) ) {
			throw new InvalidArgumentException( sprintf( '--max_file_size is "%s"; expected a size in MB (15, 0.5), or -1 for one file', is_scalar( $size ) ? (string) $size : gettype( $size ) ) );
		}
		return -1.0 === (float) $size ? -1 : (int) ( (float) $size * 1024 * 1024 );
	}

	/**
	 * The file name format, which must make a new name for each file when
	 * there may be several.
	 *
	 * @param mixed $format    The flag's value.
	 * @param bool  $splitting Whether the export may make several files.
	 * @throws InvalidArgumentException When it is empty, has a slash, or lacks {n} when splitting.
	 */
	private static function filename_format( $format, bool $splitting ): string {
		$format = (string) $format;
		if ( '' === $format || str_contains( $format, '/' ) ) {
			throw new InvalidArgumentException( sprintf( '--filename_format is "%s"; expected a file name (no folder: see --dir) with {site}, {date}, {n}', $format ) );
		}
		if ( $splitting && ! str_contains( $format, '{n}' ) ) {
			throw new InvalidArgumentException( sprintf( '--filename_format "%s" has no {n}: each file would take the name of the one before; add {n}, or give --max_file_size=-1 for one file', $format ) );
		}
		return $format;
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
