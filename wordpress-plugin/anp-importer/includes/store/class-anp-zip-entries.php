<?php
/**
 * The ANP files in an uploaded zip, checked before a byte is unpacked.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * A zip is refused whole when any entry's name is absolute or climbs out
 * (`..`), when it holds too many entries, when what it would unpack is too
 * large in all or too many times its packed size (a zip bomb), or when it
 * holds no ANP file. Entries that are neither ANP files (.txt, .anp) nor
 * folders, and symbolic links, are left out and counted; an entry whose
 * bytes do not match its checksum is refused. The names are only ever shown: each
 * entry is read from the archive by its index, at most the size its header
 * declares, into a file the store names.
 */
final class Anp_Zip_Entries {

	/** Entries a zip may hold. */
	const MAX_ENTRIES = 20000;

	/** Bytes a zip may unpack to, all entries together. */
	const MAX_BYTES = 1024 * 1024 * 1024;

	/** How many times its packed size an entry, and the whole zip, may unpack to. */
	const MAX_RATIO = 200;

	/** @var ZipArchive */
	private $zip;

	/** @var array[] The ANP entries: index, name, size. */
	private $entries = array();

	/** @var int Entries left out: neither ANP files nor folders. */
	public $skipped = 0;

	/**
	 * @param string $path  The zip.
	 * @param string $label How the admin named it, for messages.
	 * @throws Anp_Upload_Exception When it is not a zip, or not a safe one.
	 */
	public function __construct( string $path, string $label ) {
		if ( ! class_exists( 'ZipArchive' ) ) {
			throw new Anp_Upload_Exception( sprintf( '%s: this server\'s PHP cannot read zip files (no zip extension); upload the .txt or .anp files themselves', $label ) );
		}
		$this->zip = new ZipArchive();
		$opened    = $this->zip->open( $path, ZipArchive::RDONLY | ZipArchive::CHECKCONS );
		if ( true !== $opened ) {
			throw new Anp_Upload_Exception( sprintf( '%s: not a readable zip file (error %d)', $label, (int) $opened ) );
		}
		$count = $this->zip->count();
		if ( $count > self::MAX_ENTRIES ) {
			throw new Anp_Upload_Exception( sprintf( '%s: %d entries, more than the %d a zip may hold', $label, $count, self::MAX_ENTRIES ) );
		}
		$unpacked = 0;
		$packed   = 0;
		for ( $i = 0; $i < $count; $i++ ) {
			$stat = $this->zip->statIndex( $i, ZipArchive::FL_UNCHANGED );
			if ( false === $stat ) {
				throw new Anp_Upload_Exception( sprintf( '%s: entry %d cannot be read', $label, $i + 1 ) );
			}
			$name = (string) $stat['name'];
			$why  = self::unsafe_name( $name );
			if ( null !== $why ) {
				throw new Anp_Upload_Exception( sprintf( '%s: entry "%s" %s; nothing was unpacked', $label, self::shown( $name ), $why ) );
			}
			$size      = (int) $stat['size'];
			$unpacked += $size;
			$packed   += (int) $stat['comp_size'];
			if ( $size > self::MAX_RATIO * max( 1, (int) $stat['comp_size'] ) && $size > 1024 * 1024 ) {
				throw new Anp_Upload_Exception( sprintf( '%s: entry "%s" unpacks to %d bytes, more than %d times its packed size; nothing was unpacked', $label, self::shown( $name ), $size, self::MAX_RATIO ) );
			}
			if ( '/' === substr( $name, -1 ) ) {
				continue; // A folder.
			}
			if ( $this->zip->getExternalAttributesIndex( $i, $system, $attributes, ZipArchive::FL_UNCHANGED )
				&& ZipArchive::OPSYS_UNIX === $system && 0120000 === ( ( $attributes >> 16 ) & 0170000 ) ) {
				++$this->skipped; // A symbolic link: its text would be the path it points to, no post.
				continue;
			}
			if ( ! preg_match( '/\.(txt|anp)$/i', $name ) || preg_match( '#(^|/)(__MACOSX/|\.)#', $name ) ) {
				++$this->skipped; // Not an ANP file (a README, a Mac's resource fork): left out.
				continue;
			}
			$this->entries[] = array(
				'index' => $i,
				'name'  => $name,
				'size'  => $size,
				'crc'   => (int) $stat['crc'],
			);
		}
		if ( $unpacked > self::MAX_BYTES ) {
			throw new Anp_Upload_Exception( sprintf( '%s: unpacks to %d bytes, more than the %d a zip may; nothing was unpacked', $label, $unpacked, self::MAX_BYTES ) );
		}
		if ( $unpacked > 1024 * 1024 && $unpacked > self::MAX_RATIO * max( 1, $packed ) ) {
			throw new Anp_Upload_Exception( sprintf( '%s: unpacks to more than %d times its packed size; nothing was unpacked', $label, self::MAX_RATIO ) );
		}
		if ( ! $this->entries ) {
			throw new Anp_Upload_Exception( sprintf( '%s: holds no .txt or .anp file', $label ) );
		}
	}

	public function __destruct() {
		$this->zip->close();
	}

	/**
	 * The ANP entries, in the zip's order: index, name (for showing only), size.
	 *
	 * @return array[]
	 */
	public function entries(): array {
		return $this->entries;
	}

	/**
	 * An entry's bytes, never more than its header declared: an entry that
	 * unpacks to more than it says is refused.
	 *
	 * @param array  $entry From entries().
	 * @param string $label The zip as the admin named it.
	 * @throws Anp_Upload_Exception When it cannot be read whole, or is longer than declared.
	 */
	public function read( array $entry, string $label ): string {
		$stream = $this->zip->getStreamIndex( $entry['index'], ZipArchive::FL_UNCHANGED );
		if ( false === $stream ) {
			throw new Anp_Upload_Exception( sprintf( '%s: entry "%s" cannot be unpacked', $label, self::shown( $entry['name'] ) ) );
		}
		$bytes = (string) stream_get_contents( $stream, $entry['size'] + 1 );
		fclose( $stream ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		if ( strlen( $bytes ) !== $entry['size'] ) {
			throw new Anp_Upload_Exception( sprintf( '%s: entry "%s" unpacks to other than the %d bytes it declares', $label, self::shown( $entry['name'] ), $entry['size'] ) );
		}
		if ( hash( 'crc32b', $bytes ) !== sprintf( '%08x', $entry['crc'] ) ) {
			throw new Anp_Upload_Exception( sprintf( '%s: entry "%s" is damaged (its checksum does not match)', $label, self::shown( $entry['name'] ) ) );
		}
		return $bytes;
	}

	/**
	 * Why an entry's name is refused, or null: absolute (/x, \x, C:x),
	 * climbing out (a `..` part), or holding a NUL or backslash (which some
	 * unpackers take for a folder separator).
	 *
	 * @param string $name The entry's name.
	 */
	public static function unsafe_name( string $name ): ?string {
		if ( '' === $name || false !== strpos( $name, "\0" ) || false !== strpos( $name, '\\' ) ) {
			return 'has an empty name, a NUL or a backslash';
		}
		if ( '/' === $name[0] || preg_match( '/^[A-Za-z]:/', $name ) ) {
			return 'is an absolute path';
		}
		if ( in_array( '..', explode( '/', $name ), true ) ) {
			return 'climbs out of the zip with ".."';
		}
		return null;
	}

	/**
	 * A name as it may be put in a message: valid UTF-8, no control
	 * characters, not overly long (escaping is the page's job).
	 *
	 * @param string $name A name from the archive or the browser.
	 */
	public static function shown( string $name ): string {
		$name = function_exists( 'mb_scrub' ) ? mb_scrub( $name, 'UTF-8' ) : (string) iconv( 'UTF-8', 'UTF-8//IGNORE', $name );
		$name = (string) preg_replace( '/[\x00-\x1F\x7F]/u', '?', $name );
		return mb_strlen( $name, 'UTF-8' ) > 200 ? mb_substr( $name, 0, 200, 'UTF-8' ) . '…' : $name;
	}
}
