<?php
/**
 * Reading one ANP file: the part of planning that needs no site.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * A file read and parsed, with its hash and identity, or failed with the
 * line and the reason. The import (Anp_Import_Planner::read()) and
 * `convert` (Anp_Converter) read files through this one function, so that a
 * file fails, or is the same post, in both for the same reasons.
 */
final class Anp_File_Reader {

	/**
	 * The largest file read, in bytes: the parsers' own limit (max_bytes,
	 * 8 MiB), checked before the file is read, so that a huge file fails
	 * alone instead of taking the run's memory with it.
	 */
	const MAX_BYTES = Anp_Php_Parser::DEFAULT_MAX_BYTES;

	/**
	 * The longest path, in bytes: the ledger's source column
	 * (Anp_Schema::SOURCE_MAX_BYTES, PATH_MAX on Linux). Said here too
	 * because `convert` runs where the store's classes cannot load.
	 */
	const PATH_MAX_BYTES = 4096;

	/**
	 * Whatever is wrong with one file fails that file alone.
	 *
	 * @param string $path The path as the finder gave it.
	 */
	public static function read( string $path ): Anp_Import_Item {
		$item = new Anp_Import_Item( $path );
		if ( strlen( $path ) > self::PATH_MAX_BYTES ) {
			$item->fail( 1, sprintf( 'the path is %d bytes; expected at most %d', strlen( $path ), self::PATH_MAX_BYTES ) );
			return $item;
		}
		$size = is_file( $path ) && is_readable( $path ) ? filesize( $path ) : false;
		if ( false === $size ) {
			$item->fail( 1, 'cannot read the file; expected a readable ANP file' );
			return $item;
		}
		if ( $size > self::MAX_BYTES ) {
			$item->fail( 1, sprintf( 'file is %d bytes; expected at most max_bytes (%d)', $size, self::MAX_BYTES ) );
			return $item;
		}
		$bytes = self::contents( $path, $size );
		if ( false === $bytes ) {
			$item->fail( 1, 'cannot read the file; expected a readable ANP file' );
			return $item;
		}
		try {
			$item->parsed = Anp_Parser::parse( $bytes, array( 'max_bytes' => self::MAX_BYTES ), $path );
		} catch ( \Anp\ParseException $e ) {
			$item->fail( $e->getInputLine(), $e->getReason() );
			return $item;
		}
		$item->hash     = hash( 'sha256', $bytes );
		$item->identity = Anp_Mapper::identity( $item->parsed['meta'], $item->hash );
		return $item;
	}

	/**
	 * A file's bytes, one byte over the limit at most should it grow after
	 * filesize(). Asked for the size and one byte more: file_get_contents()
	 * sets aside all it is asked for, and 8 MiB for each 5 KB file (a map
	 * and an unmap of the memory) was a tenth of an import's time. Only a
	 * file that grew meanwhile is read again, up to the limit.
	 *
	 * @param string $path The file.
	 * @param int    $size Its size, by filesize(), at most MAX_BYTES.
	 * @return string|false
	 */
	private static function contents( string $path, int $size ) {
		// phpcs:disable WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local files.
		$bytes = file_get_contents( $path, false, null, 0, $size + 1 );
		if ( false !== $bytes && strlen( $bytes ) > $size ) {
			$bytes = file_get_contents( $path, false, null, 0, self::MAX_BYTES + 1 );
		}
		// phpcs:enable
		return $bytes;
	}
}
