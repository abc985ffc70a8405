<?php
/**
 * Where a WXR run writes: the output flags of `wp anp export` and `convert`.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * --dir, --stdout, --max_file_size and --filename_format, meaning what they
 * mean in `wp export` (wp-cli/export-command), without its faults: a file
 * name without {n} is refused when the run may make several files (wp
 * export overwrites each file with the next), and --stdout is one document,
 * never split. Both WXR commands read them here, so that they read them
 * alike.
 */
final class Anp_Wxr_Output {

	/**
	 * The flags read here.
	 */
	const FLAGS = array( 'dir', 'stdout', 'max_file_size', 'filename_format' );

	/**
	 * wp export's default file name.
	 */
	const FILENAME_FORMAT = '{site}.wordpress.{date}.{n}.xml';

	/**
	 * wp export's default --max_file_size, in MB.
	 */
	const MAX_FILE_SIZE = 15;

	/**
	 * @var string The folder of the files ('' with --stdout).
	 */
	public $dir = '';

	/**
	 * @var bool One document on standard output.
	 */
	public $stdout = false;

	/**
	 * @var int The size a file may reach before the next item starts a new one; -1: no limit.
	 */
	public $max_bytes = -1;

	/**
	 * @var string The files' names: {site}, {date}, {n}.
	 */
	public $filename_format = self::FILENAME_FORMAT;

	private function __construct() {
	}

	/**
	 * The output that flags describe; other flags are the caller's.
	 *
	 * @param array  $flags Flag => value as a command line gives them.
	 * @param string $cwd   The folder --dir defaults to.
	 * @throws InvalidArgumentException Naming the first flag that is not valid.
	 */
	public static function from_flags( array $flags, string $cwd ): self {
		$output         = new self();
		$output->stdout = ! empty( $flags['stdout'] );
		if ( $output->stdout ) {
			foreach ( array( 'dir', 'filename_format', 'max_file_size' ) as $flag ) {
				if ( isset( $flags[ $flag ] ) ) {
					throw new InvalidArgumentException( sprintf( '--stdout writes one document to standard output: it takes no --%s', $flag ) );
				}
			}
			return $output;
		}
		$output->dir             = self::dir( $flags['dir'] ?? $cwd );
		$output->max_bytes       = self::max_bytes( $flags['max_file_size'] ?? self::MAX_FILE_SIZE );
		$output->filename_format = self::filename_format( $flags['filename_format'] ?? self::FILENAME_FORMAT, -1 !== $output->max_bytes );
		return $output;
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
		// Up to 8 EiB: a larger number (1e400 is INF) has no byte count.
		if ( ! is_numeric( $size ) || ( (float) $size < 0 && -1.0 !== (float) $size ) || (float) $size >= 8796093022208.0 ) {
			throw new InvalidArgumentException( sprintf( '--max_file_size is "%s"; expected a size in MB (15, 0.5), or -1 for one file', is_scalar( $size ) ? (string) $size : gettype( $size ) ) );
		}
		// 0 is wp export's "one post a file": a limit every post passes.
		return -1.0 === (float) $size ? -1 : max( 1, (int) ( (float) $size * 1024 * 1024 ) );
	}

	/**
	 * The file name format, which must make a new name for each file when
	 * there may be several.
	 *
	 * @param mixed $format    The flag's value.
	 * @param bool  $splitting Whether the run may make several files.
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
}
