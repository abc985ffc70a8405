<?php
/**
 * Deciding, before anything is written, what an import does with each file.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads and parses a file, finds its identity, decides once what to do
 * with it (create, update, skip, or done by the batch before it was cut
 * short), brings its images into the media library when it is written and
 * images=media, and maps it to post fields, meta and terms through the
 * site's filters. All of it before the group's transaction opens: no
 * transaction waits on the network or a filter, nor on the disk but for a
 * small file of the next group read ahead beside a write (Anp_Read_Ahead).
 */
final class Anp_Import_Planner {

	/** @var Anp_Import_Options */
	private $options;

	/** @var Anp_Ledger */
	private $ledger;

	/** @var Anp_Media_Library */
	private $media;

	/** @var Anp_Mapper */
	private $mapper;

	/** @var array|null A dry run's posts to adopt (Anp_Schema::adoptable()), looked up once. */
	private $adoptable;

	public function __construct( Anp_Import_Options $options, Anp_Ledger $ledger, Anp_Media_Library $media ) {
		$this->options = $options;
		$this->ledger  = $ledger;
		$this->media   = $media;
		$this->mapper  = new Anp_Mapper( $options->settings );
	}

	/**
	 * The largest file an import reads, in bytes (Anp_File_Reader::MAX_BYTES).
	 */
	const MAX_BYTES = Anp_File_Reader::MAX_BYTES;

	/**
	 * A file read and parsed, with its identity; failed when it cannot be
	 * (Anp_File_Reader, which `convert` reads files with too).
	 */
	public function read( string $path ): Anp_Import_Item {
		return Anp_File_Reader::read( $path );
	}

	/**
	 * Maps a file read ahead (Anp_Read_Ahead) as prepare() will: the mapper
	 * reads the file alone. Not with images=media, whose local copies,
	 * made in prepare(), the post points at.
	 *
	 * @param Anp_Import_Item $item A file just read.
	 */
	public function map_ahead( Anp_Import_Item $item ): void {
		if ( Anp_Import_Item::FAIL !== $item->action && 'media' !== $this->options->settings['images'] ) {
			$item->mapped = $this->mapper->map( $item->parsed, $this->options->author, $item->hash );
		}
	}

	/**
	 * Decides what to do with each file of a group, with one query for all
	 * their identities. The group holds each identity once (the importer
	 * sees to it), so each decision stands until the group is written.
	 *
	 * @param Anp_Import_Item[] $items    Files read; failed ones are left as they are.
	 * @param string            $batch_id The run ('' for a dry run).
	 * @param bool              $resumed  Whether the run resumes a batch cut short.
	 */
	public function decide( array $items, string $batch_id, bool $resumed ): void {
		$items = array_filter( $items, static fn( $item ) => Anp_Import_Item::FAIL !== $item->action );
		// A dry run on a site that never imported makes no table to ask.
		$known = Anp_Schema::installed() ? $this->ledger->find( array_column( $items, 'identity' ) ) : array();
		if ( $this->options->dry_run ) {
			// A run adopts posts with an import's bookkeeping that the ledger
			// lacks before it decides (Anp_Schema::adopt_items()); a dry run,
			// which writes nothing, looks them up instead.
			$this->adoptable ??= Anp_Schema::adoptable();
			$known            += array_intersect_key( $this->adoptable, array_flip( array_column( $items, 'identity' ) ) );
		}
		foreach ( $items as $item ) {
			$existing = $known[ $item->identity ] ?? null;
			$post_id  = (int) apply_filters( 'anp_import_existing_post', $existing && $existing['exists'] ? $existing['post_id'] : 0, $item->identity, $item->parsed );
			if ( ! $post_id ) {
				$item->action     = Anp_Import_Item::CREATE;
				$item->ledger_row = null === $existing ? '' : ( $existing['exists'] ? 'kept' : 'gone' );
				continue;
			}
			$item->post_id = $post_id;
			if ( $existing && $existing['content_hash'] === $item->hash ) {
				// This batch wrote it already: before a cut, if the run resumed
				// (counted then, so not again); else in this run, an earlier
				// file of the same identity.
				$item->action = $resumed && $existing['batch_id'] === $batch_id ? Anp_Import_Item::DONE : Anp_Import_Item::SKIP;
				continue;
			}
			$item->action = 'skip' === $this->options->settings['on_change'] ? Anp_Import_Item::SKIP : Anp_Import_Item::UPDATE;
			if ( Anp_Import_Item::UPDATE === $item->action ) {
				// An update keeps the post's type, as it keeps its status and
				// author: prepare() writes it over the mapped one.
				$item->post = array( 'post_type' => $existing && $existing['post_id'] === $post_id ? $existing['post_type'] : (string) get_post_field( 'post_type', $post_id ) );
			}
		}
	}

	/**
	 * What a file that is written will be: its images in the media library
	 * (images=media, not in a dry run), then its post fields, meta and terms
	 * through the site's filters. A file whose image cannot be had fails, on
	 * the line that names the image, and nothing of it is written.
	 *
	 * @param string $batch_id The run ('' for a dry run).
	 */
	public function prepare( Anp_Import_Item $item, string $batch_id ): void {
		if ( ! $item->writes() ) {
			return;
		}
		if ( 'media' === $this->options->settings['images'] && ! $this->options->dry_run ) {
			try {
				$item->images = $this->media->local_copies( $item->parsed['blocks'], $batch_id, $this->options->author );
			} catch ( Anp_Media_Exception $e ) {
				$item->fail( self::line_of( $item->path, $e->get_url() ), $e->getMessage() );
				return;
			}
		}
		$mapped       = $item->mapped ?? $this->mapper->map( $item->parsed, $this->options->author, $item->hash, $item->images );
		$item->mapped = null;
		$meta         = apply_filters( 'anp_import_post_meta', $mapped['meta'], $item->parsed, $item->path );
		$meta[ Anp_Meta_Keys::CONTENT_HASH ] = $item->hash;
		$meta[ Anp_Meta_Keys::IMPORT_BATCH ] = $batch_id;
		$meta[ Anp_Meta_Keys::SOURCE ]       = $this->options->source_names[ $item->path ] ?? wp_basename( $item->path );
		$kept_type   = Anp_Import_Item::UPDATE === $item->action ? (string) ( $item->post['post_type'] ?? '' ) : '';
		$item->post  = apply_filters( 'anp_import_post_data', $mapped['post'], $item->parsed, $item->path );
		$item->meta  = $meta;
		$item->terms = apply_filters( 'anp_import_post_terms', $mapped['terms'], $item->parsed, $item->path );
		if ( '' !== $kept_type ) {
			self::keep_post_type( $item, $kept_type );
		}
	}

	/**
	 * An update never changes a post's type: a page imported with
	 * --post-type=page stays a page when a later run writes posts. When the
	 * types differ the file's report says so, as a warning (line 0: it is
	 * about no line of the file).
	 *
	 * @param Anp_Import_Item $item      A file that updates a post.
	 * @param string          $kept_type The post's type.
	 */
	private static function keep_post_type( Anp_Import_Item $item, string $kept_type ): void {
		$mapped_type = (string) ( $item->post['post_type'] ?? '' );
		$item->post['post_type'] = $kept_type;
		if ( $mapped_type === $kept_type ) {
			return;
		}
		$item->parsed['warnings'][] = array(
			'line'    => 0,
			'code'    => 'post_type_kept',
			'message' => sprintf( 'post %d is a "%s" and stays one; this run writes "%s" (--post-type or the post_type setting), which an update does not change', $item->post_id, $kept_type, $mapped_type ),
		);
	}

	/**
	 * The line of a file where a text first appears, or 1.
	 *
	 * @param string $path   The file.
	 * @param string $needle The text.
	 */
	private static function line_of( string $path, string $needle ): int {
		$bytes    = '' === $needle ? false : file_get_contents( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local files.
		$position = false === $bytes ? false : strpos( $bytes, $needle );
		return false === $position ? 1 : 1 + substr_count( $bytes, "\n", 0, $position );
	}
}
