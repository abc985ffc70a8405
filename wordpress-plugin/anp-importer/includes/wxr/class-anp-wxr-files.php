<?php
/**
 * The WXR files of an export or a conversion: one document, or one split
 * the way `wp export --max_file_size` means, without its faults.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

require_once __DIR__ . '/class-anp-wxr.php';
require_once __DIR__ . '/class-anp-wxr-file-header.php';
require_once __DIR__ . '/interface-anp-wxr-header-source.php';

/**
 * Each item goes to an items-only body in a temporary file while the keys
 * of its authors and terms are gathered. A file is completed when the next
 * item would pass the limit: a document writer on "<name>.part" writes the
 * header with just those authors and terms, the body is copied in after it,
 * the end follows, and the file is renamed to its name, so a failure never
 * leaves a half file under a final name. A post is never split; a file never
 * ends up empty (an export of nothing is one document without items); a
 * post bigger than the limit gets a file of its own. The header's size is
 * known exactly before the item is placed (Anp_Wxr_File_Header), so a file
 * holding more than one item never passes the limit.
 *
 * Memory stays flat: nothing of an item is kept, only the keys of the file
 * being written.
 */
final class Anp_Wxr_Files {

	/** wp export's default name; {n} is the file's number from 000. */
	const DEFAULT_FORMAT = '{site}.wordpress.{date}.{n}.xml';

	/** @var string|null The folder, or null for a stream. */
	private $dir;

	/** @var resource|null The stream of a --stdout run. */
	private $stdout;

	/** @var int -1 for one file, else the limit in bytes. */
	private int $max_bytes;

	/** @var string */
	private string $format;

	/** @var array {site} and {date}. */
	private array $names;

	/** @var callable ( $target, bool $items_only ) → writer. */
	private $writer_factory;

	/** @var callable|null Told of each completed file. */
	private $on_file;

	/** @var Anp_Wxr_Header_Source */
	private $source;

	/** @var array|null The channel, asked for once. */
	private $channel;

	/** @var Anp_Wxr_File_Header|null The header of the file being filled. */
	private $header;

	/** @var resource|null The body of the file being filled. */
	private $body;

	/** @var string|null Its path, when it lives in the folder. */
	private $body_path;

	/** @var object|null The items-only writer on the body. */
	private $body_writer;

	/** @var int Bytes in the body. */
	private int $body_bytes = 0;

	/** @var int Items in the body. */
	private int $body_items = 0;

	/** @var array[] The completed files. */
	private array $files = array();

	/** @var int Characters dropped, items and headers. */
	private int $dropped = 0;

	/** @var bool */
	private bool $finished = false;

	/** @var \Throwable|null What stopped the run: every later call fails with it. */
	private $stopped;

	/**
	 * @param array                 $options dir (a writable folder) or stdout (a stream; never split);
	 *                                       max_bytes (-1: one file; > 0: the limit in bytes);
	 *                                       filename_format (default {site}.wordpress.{date}.{n}.xml);
	 *                                       site, date (what {site} and {date} become);
	 *                                       writer_factory (callable( $target, $items_only ), default Anp_Wxr::writer);
	 *                                       on_file (callable( array $file ), after each file).
	 * @param Anp_Wxr_Header_Source $source  The channel, authors and terms.
	 * @throws InvalidArgumentException When the options cannot give sound files.
	 */
	public function __construct( array $options, Anp_Wxr_Header_Source $source ) {
		$this->source         = $source;
		$this->writer_factory = $options['writer_factory'] ?? array( 'Anp_Wxr', 'writer' );
		$this->on_file        = $options['on_file'] ?? null;
		$this->format         = (string) ( $options['filename_format'] ?? self::DEFAULT_FORMAT );
		$this->names          = array(
			'{site}' => (string) ( $options['site'] ?? 'site' ),
			'{date}' => (string) ( $options['date'] ?? gmdate( 'Y-m-d' ) ),
		);
		$max                  = $options['max_bytes'] ?? -1;
		if ( ! is_int( $max ) || ( -1 !== $max && $max <= 0 ) ) {
			throw new InvalidArgumentException( 'the file size limit must be -1 (one file) or a number of bytes above 0' );
		}
		if ( ! is_callable( $this->writer_factory ) || ( null !== $this->on_file && ! is_callable( $this->on_file ) ) ) {
			throw new InvalidArgumentException( 'writer_factory and on_file must be callables' );
		}
		if ( isset( $options['stdout'] ) ) {
			if ( ! is_resource( $options['stdout'] ) ) {
				throw new InvalidArgumentException( 'stdout must be an open stream' );
			}
			$this->stdout    = $options['stdout'];
			$this->max_bytes = -1; // One document on a stream: nothing to split it into.
			return;
		}
		$this->max_bytes = $max;
		$dir             = rtrim( (string) ( $options['dir'] ?? '' ), '/' );
		$dir             = '' === $dir && '' !== (string) ( $options['dir'] ?? '' ) ? '/' : $dir;
		if ( '' === $dir || ! is_dir( $dir ) || ! is_writable( $dir ) ) {
			throw new InvalidArgumentException( sprintf( 'the output folder "%s" is not a writable folder', (string) ( $options['dir'] ?? '' ) ) );
		}
		$this->dir = $dir;
		if ( -1 !== $this->max_bytes && false === strpos( $this->format, '{n}' ) ) {
			throw new InvalidArgumentException( sprintf( 'the file name format "%s" has no {n}: split files would overwrite each other', $this->format ) );
		}
		$this->name( 0 ); // Refuses a bad name now rather than after the export.
	}

	/**
	 * Removes the temporary files of a run that did not finish.
	 */
	public function __destruct() {
		$this->drop_body();
	}

	/**
	 * Writes an item into the current file's body, starting the next file
	 * first when it would push this one past the limit.
	 *
	 * @param array $item        The writer's item array.
	 * @param array $author_keys Keys of the authors it needs in the header.
	 * @param array $term_keys   Keys of the terms it needs in the header.
	 * @return int The characters XML forbids dropped from the item.
	 * @throws \Anp\WxrException When the item (or a header record it brings) cannot be written,
	 *                           in which case nothing of it is; field "target" when a file cannot.
	 */
	public function add( array $item, array $author_keys, array $term_keys ): int {
		if ( $this->finished ) {
			throw new \LogicException( 'Anp_Wxr_Files::add() called after finish()' );
		}
		$this->check_open( 'add' );
		try {
			$this->open_body();
		} catch ( \Throwable $e ) {
			throw $this->stop( $e );
		}
		try {
			$plan    = $this->header->plan( $author_keys, $term_keys );
			$written = $this->body_writer->bytes();
			$dropped = $this->body_writer->writeItem( $item );
		} catch ( \Throwable $e ) {
			if ( ! self::refuses_record( $e ) ) {
				throw $this->stop( $e ); // A failed disk or source: part of the item may be in the body.
			}
			throw $e; // Refused, nothing of it written: the item, or a header record it brings. The run goes on.
		}
		try {
			$size = $this->body_writer->bytes() - $written;
			if ( -1 !== $this->max_bytes && $this->body_items > 0
				&& $this->header->bytes( $plan ) + $this->body_bytes + $size > $this->max_bytes ) {
				// The file is full: it is completed without the item, which starts the next one.
				$this->complete( $this->body_bytes );
				$this->next_body( $this->body_bytes, $size );
				$this->header->clear();
				$plan = self::site_changed( fn() => $this->header->plan( $author_keys, $term_keys ), 'a header record of this post' );
			}
		} catch ( \Throwable $e ) {
			// The item is in the body, which the counts no longer describe: nothing more can be written right.
			throw $this->stop( $e );
		}
		$this->header->add( $plan );
		$this->body_bytes += $size;
		++$this->body_items;
		$this->dropped += $dropped;
		return $dropped;
	}

	/**
	 * Completes the last file (or writes one document without items when
	 * nothing was added) and removes the temporary files.
	 *
	 * @return array files (each path, items, bytes), items, bytes, dropped.
	 */
	public function finish(): array {
		if ( $this->finished ) {
			throw new \LogicException( 'Anp_Wxr_Files::finish() called twice' );
		}
		$this->check_open( 'finish' );
		try {
			$this->open_body();
			if ( $this->body_items > 0 || array() === $this->files ) {
				$this->complete( $this->body_bytes );
			}
		} catch ( \Throwable $e ) {
			throw $this->stop( $e );
		}
		$this->drop_body();
		$this->finished = true;
		return array(
			'files'   => $this->files,
			'items'   => array_sum( array_column( $this->files, 'items' ) ),
			'bytes'   => array_sum( array_column( $this->files, 'bytes' ) ),
			'dropped' => $this->dropped,
		);
	}

	/**
	 * Writes the file of the current body's first $length bytes.
	 *
	 * @param int $length Bytes of the body that go in this file.
	 */
	private function complete( int $length ): void {
		$number = count( $this->files );
		if ( null !== $this->stdout ) {
			$path = 'php://stdout';
			$out  = $this->stdout;
			$part = null;
		} else {
			$path = $this->dir . '/' . $this->name( $number );
			$part = $path . '.part';
			// A .part left by a run that was killed is removed, not opened:
			// "x" makes a new file and never follows a link there.
			if ( ( is_link( $part ) || file_exists( $part ) ) && ! @unlink( $part ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors -- the message says why.
				throw self::target_error( 'cannot remove the stale ' . $part . ': ' . self::last_error() );
			}
			$out = @fopen( $part, 'xb' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
			if ( false === $out ) {
				throw self::target_error( 'cannot open ' . $part . ' for writing: ' . self::last_error() );
			}
		}
		try {
			$writer = ( $this->writer_factory )( $out, false );
			$writer->startChannel( $this->channel() );
			foreach ( $this->source->authors( $this->header->author_keys() ) as $author ) {
				self::write_record( $writer, 'writeAuthor', $author );
			}
			$terms = $this->source->terms( $this->header->term_keys() );
			foreach ( array( 'categories' => 'writeCategory', 'tags' => 'writeTag', 'terms' => 'writeTerm' ) as $section => $method ) {
				foreach ( $terms[ $section ] ?? array() as $term ) {
					self::write_record( $writer, $method, $term );
				}
			}
			$writer->beginItems(); // Flushed: the body goes after it in the same stream.
			// stream_copy_to_stream() reads from where the stream stands when its offset is 0: seek first.
			if ( $length > 0 && ( 0 !== fseek( $this->body, 0 ) || stream_copy_to_stream( $this->body, $out, $length ) !== $length ) ) {
				throw self::target_error( 'cannot copy the items into ' . ( $part ?? $path ) . ': ' . self::last_error() );
			}
			$totals = $writer->finish();
			$bytes  = $totals['bytes'] + $length;
			if ( null !== $part ) {
				if ( ! fclose( $out ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions
					throw self::target_error( 'cannot write ' . $part . ': ' . self::last_error() );
				}
				$out = null;
				if ( ! @rename( $part, $path ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors
					throw self::target_error( 'cannot rename ' . $part . ' to ' . $path . ': ' . self::last_error() );
				}
			}
		} catch ( \Throwable $e ) {
			if ( null !== $part ) {
				is_resource( $out ) && fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions
				is_file( $part ) && unlink( $part );
			}
			throw $e;
		}
		$this->dropped += $totals['dropped'];
		$file           = array(
			'path'  => $path,
			'items' => $this->body_items,
			'bytes' => $bytes,
		);
		$this->files[]  = $file;
		if ( $this->on_file ) {
			( $this->on_file )( $file );
		}
	}

	/**
	 * Writes a header record into a file being completed. Every record was
	 * measured, and so checked, when the item that needs it was added; one
	 * the writer refuses now was changed since (a term or user edited during
	 * the export, a filter that answers differently). That is no fault of
	 * the item being added, and the file cannot be written as planned: the
	 * run stops, as on a failed disk.
	 *
	 * @param object $writer The document writer.
	 * @param string $method writeAuthor, writeCategory, writeTag or writeTerm.
	 * @param array  $record What the source gave.
	 * @throws \Anp\WxrException On "target" when the writer refuses the record.
	 */
	private static function write_record( $writer, string $method, array $record ): void {
		// Named as a user reads it: author "login", category 12 (its term_id).
		$label = substr( strtolower( $method ), 5 );
		if ( 'writeAuthor' === $method && is_scalar( $record['login'] ?? null ) ) {
			$label .= ' "' . $record['login'] . '"';
		} elseif ( is_scalar( $record[ 'writeAuthor' === $method ? 'id' : 'term_id' ] ?? null ) ) {
			$label .= ' ' . $record[ 'writeAuthor' === $method ? 'id' : 'term_id' ];
		}
		self::site_changed( fn() => $writer->$method( $record ), $label );
	}

	/**
	 * Runs $call, which reads or writes header records measured before,
	 * turning a refusal into the stop of the run.
	 *
	 * @param callable $call  What to run.
	 * @param string   $label What errors call the record.
	 * @return mixed What $call returns.
	 * @throws \Anp\WxrException On "target" when a record is refused now.
	 */
	private static function site_changed( callable $call, string $label ) {
		try {
			return $call();
		} catch ( \Throwable $e ) {
			if ( ! self::refuses_record( $e ) ) {
				throw $e;
			}
			throw self::target_error( sprintf( 'the site changed during the export: %s was valid when its post was added and is not now (%s)', $label, $e->getMessage() ), $e );
		}
	}

	/**
	 * Whether a writer's exception refuses the record it was given (nothing
	 * of it written), rather than a failure of the target.
	 *
	 * @param \Throwable $e What the writer threw.
	 */
	private static function refuses_record( \Throwable $e ): bool {
		return $e instanceof \TypeError || ( $e instanceof \Anp\WxrException && 'target' !== $e->field );
	}

	/**
	 * Throws once the run has stopped.
	 *
	 * @param string $call The method called.
	 * @throws \Anp\WxrException On "target", with what stopped the run.
	 */
	private function check_open( string $call ): void {
		if ( null !== $this->stopped ) {
			throw self::target_error( 'Anp_Wxr_Files::' . $call . '(): the export stopped: ' . $this->stopped->getMessage(), $this->stopped );
		}
	}

	/**
	 * Stops the run after a failure that leaves the body out of step with
	 * its counts: removes the temporary files (a .part is removed by
	 * complete()), so a caller that goes on finds nothing half-written.
	 *
	 * @param \Throwable $e What failed.
	 * @return \Throwable The exception to throw: $e.
	 */
	private function stop( \Throwable $e ): \Throwable {
		$this->stopped = $e;
		$this->drop_body();
		return $e;
	}

	/**
	 * Starts the first body, and the header bookkeeping, when none is open.
	 */
	private function open_body(): void {
		if ( null !== $this->body ) {
			return;
		}
		if ( null === $this->header ) {
			try {
				$this->header = new Anp_Wxr_File_Header( $this->source, $this->channel(), $this->writer_factory );
			} catch ( \Throwable $e ) {
				if ( ! self::refuses_record( $e ) ) {
					throw $e;
				}
				// No file can have this channel: the run stops rather than fail each post.
				throw self::target_error( 'the channel cannot be written (' . $e->getMessage() . ')', $e );
			}
		}
		$this->new_body();
	}

	/**
	 * Starts the next file's body with the item that did not fit in the
	 * last one: the $size bytes after $offset in the old body.
	 *
	 * @param int $offset Where the item starts.
	 * @param int $size   Its bytes.
	 */
	private function next_body( int $offset, int $size ): void {
		$old      = $this->body;
		$old_path = $this->body_path;
		try {
			$this->body_writer->finish(); // Items-only: writes nothing, leaves the stream open.
			$this->body = null; // Now $old's alone: a failure below must not leave it for drop_body() to miss.
			$this->new_body();
			if ( 0 !== fseek( $old, $offset ) || stream_copy_to_stream( $old, $this->body, $size ) !== $size ) {
				throw self::target_error( 'cannot move an item to the next file: ' . self::last_error() );
			}
		} finally {
			fclose( $old ); // phpcs:ignore WordPress.WP.AlternativeFunctions
			null !== $old_path && is_file( $old_path ) && unlink( $old_path );
		}
	}

	/**
	 * Opens an empty body with its items-only writer: in the output folder
	 * (the same disk as the files it becomes), or the system's temporary
	 * folder for a stream.
	 */
	private function new_body(): void {
		if ( null !== $this->dir ) {
			$this->body_path = (string) tempnam( $this->dir, '.anp-wxr-body-' );
			if ( '' === $this->body_path ) {
				throw self::target_error( 'cannot make a temporary file for the items in ' . $this->dir . ': ' . self::last_error() );
			}
			// "c+", not "w+": tempnam() made the file, empty. ext4 takes the
			// close of a file that was truncated for the replace-by-truncate
			// pattern and writes its blocks out there and then (auto_da_alloc):
			// some 80 ms on a 117 MB body that is deleted next.
			$body = @fopen( $this->body_path, 'c+b' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
		} else {
			$this->body_path = null;
			$body            = tmpfile();
		}
		if ( false === $body ) {
			throw self::target_error( 'cannot open a temporary file for the items: ' . self::last_error() );
		}
		$this->body        = $body;
		$this->body_writer = ( $this->writer_factory )( $body, true );
		$this->body_bytes  = 0;
		$this->body_items  = 0;
	}

	/**
	 * Closes and removes the body.
	 */
	private function drop_body(): void {
		if ( is_resource( $this->body ) ) {
			fclose( $this->body ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}
		if ( null !== $this->body_path && is_file( $this->body_path ) ) {
			unlink( $this->body_path );
		}
		$this->body        = null;
		$this->body_path   = null;
		$this->body_writer = null;
	}

	/**
	 * The channel, asked for once: every file of a run has the same.
	 */
	private function channel(): array {
		$this->channel = $this->channel ?? $this->source->channel();
		return $this->channel;
	}

	/**
	 * The name of file $number: the format with {site}, {date} and {n}
	 * (three digits from 000, as wp export) put in; a "%" is a character.
	 *
	 * @param int $number From 0.
	 * @throws InvalidArgumentException When the name would not be a file in the folder.
	 */
	private function name( int $number ): string {
		$name = strtr( $this->format, $this->names + array( '{n}' => sprintf( '%03d', $number ) ) );
		if ( '' === $name || '.' === $name || '..' === $name || false !== strpos( $name, '/' ) || false !== strpos( $name, "\0" ) ) {
			throw new InvalidArgumentException( sprintf( 'the file name format "%s" gives "%s", which is not a file name in the output folder', $this->format, $name ) );
		}
		return $name;
	}

	/**
	 * A WxrException about a file ("target"), as the writers throw.
	 *
	 * @param string $message The message.
	 */
	private static function target_error( string $message, ?\Throwable $previous = null ): \Anp\WxrException {
		$error        = new \Anp\WxrException( $message, 0, $previous );
		$error->field = 'target';
		return $error;
	}

	/**
	 * The message of PHP's last error.
	 */
	private static function last_error(): string {
		$error = error_get_last();
		return null === $error ? 'unknown error' : (string) preg_replace( '/^\w+\(\S*\): /', '', $error['message'] );
	}
}
