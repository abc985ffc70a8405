<?php
/**
 * ANP files straight to WXR, mapped as an import maps them, with no site.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * The engine of `wp anp convert` and `php bin/anp convert`: each file is
 * read as the import reads it (Anp_File_Reader), mapped as the import maps
 * it (Anp_Mapper, the run's settings), and written as one WXR item through
 * Anp_Wxr_Files, with the bookkeeping meta an import writes, stored as
 * WordPress stores it (Anp_Stored_Meta). The WordPress Importer then makes
 * posts that a later `wp anp import` of the same files knows again
 * (Anp_Schema::adopt_items()). No database, no filter, no site: the same
 * files and flags give the same items wherever it runs, but for the dates
 * that come from the run's time. Never prints: it tells an observer.
 *
 * docs/wordpress-decisions.md ("Convert") says what each field holds.
 */
final class Anp_Converter {

	/** A GMT date WordPress computes from the post's own, on the site that imports it. */
	const NO_DATE = '0000-00-00 00:00:00';

	/** @var Anp_Convert_Options */
	private $options;

	/** @var Anp_Mapper */
	private $mapper;

	/** @var Anp_Convert_Header */
	private $header;

	/**
	 * @param Anp_Convert_Options $options The run.
	 * @param string              $version The plugin's version (the files' generator).
	 */
	public function __construct( Anp_Convert_Options $options, string $version ) {
		$this->options = $options;
		$this->mapper  = new Anp_Mapper( $options->settings );
		$this->header  = new Anp_Convert_Header( $options, $version );
	}

	/**
	 * What Anp_Wxr_Files asks for each file's header.
	 */
	public function header(): Anp_Convert_Header {
		return $this->header;
	}

	/**
	 * Converts files, in the order given (the finder's: sorted by path, as
	 * the import takes them). A file that cannot be read or parsed fails
	 * alone; a later file of an identity an earlier one of the run had is
	 * skipped with a warning (the import would update that post: the next
	 * `wp anp import` of the same files does). Post ids are 1, 2, … in the
	 * order written.
	 *
	 * @param string[]                 $files    Paths.
	 * @param Anp_Wxr_Files            $out      Where items go; finished here.
	 * @param Anp_Import_Observer|null $observer Told of each file.
	 * @throws RuntimeException When the output cannot be written.
	 */
	public function convert( array $files, Anp_Wxr_Files $out, ?Anp_Import_Observer $observer = null ): Anp_Convert_Report {
		$report = new Anp_Convert_Report();
		if ( $observer ) {
			$observer->started( count( $files ) );
		}
		$seen    = array();
		$post_id = 0;
		foreach ( $files as $path ) {
			$item = Anp_File_Reader::read( $path );
			if ( Anp_Import_Item::FAIL !== $item->action && isset( $seen[ $item->identity ] ) ) {
				$item->action               = Anp_Import_Item::SKIP;
				$item->parsed['warnings'][] = array(
					'line'    => 0,
					'code'    => 'same_identity',
					'message' => sprintf( 'not converted: %s, converted before it, is the same post (%s); `wp anp import` of both files updates that post with this one', $seen[ $item->identity ], $item->identity ),
				);
			} elseif ( Anp_Import_Item::FAIL !== $item->action ) {
				$this->write( $item, $post_id + 1, $out );
				if ( Anp_Import_Item::CREATE === $item->action ) {
					++$post_id;
					$seen[ $item->identity ] = $path;
				}
			}
			if ( Anp_Import_Item::FAIL === $item->action ) {
				$report->fail( $item->path, $item->line, $item->reason );
			} else {
				$report->count( Anp_Import_Item::CREATE === $item->action ? 'converted' : 'skipped' );
			}
			if ( $observer ) {
				$observer->file_done( $item );
			}
			// Nothing of a file is kept past its item.
			$item->parsed = array( 'warnings' => $item->parsed['warnings'] ?? array() );
		}
		$report->output = $this->finish( $out );
		return $report;
	}

	/**
	 * One file as a WXR item: mapped, written, and marked created; or failed
	 * when the writer refuses one of its values.
	 *
	 * @param Anp_Import_Item $item    A file read.
	 * @param int             $post_id Its id in the output.
	 * @param Anp_Wxr_Files   $out     Where it goes.
	 * @throws RuntimeException When the output cannot be written.
	 */
	private function write( Anp_Import_Item $item, int $post_id, Anp_Wxr_Files $out ): void {
		$mapped      = $this->mapper->map( $item->parsed, 0, $item->hash );
		$item->post  = $mapped['post'];
		$item->terms = $mapped['terms'];
		$item->meta  = $mapped['meta'] + array(
			Anp_Meta_Keys::CONTENT_HASH => $item->hash,
			// No import wrote it: the first `wp anp import` that updates the post writes its batch.
			Anp_Meta_Keys::IMPORT_BATCH => '',
			Anp_Meta_Keys::SOURCE       => basename( $item->path ),
		);
		list( $wxr, $term_ids ) = $this->item( $item, $post_id );
		try {
			$dropped = $out->add( $wxr, array( $this->options->author ), $term_ids );
		} catch ( \Anp\WxrException $e ) {
			if ( 'target' === $e->field ) {
				throw new RuntimeException( $e->getMessage(), 0, $e );
			}
			$item->fail( 1, 'cannot be written as WXR: ' . $e->getMessage() );
			return;
		}
		if ( is_int( $dropped ) && $dropped > 0 ) {
			$item->parsed['warnings'][] = array(
				'line'    => 0,
				'code'    => 'characters_dropped',
				'message' => sprintf( '%d characters that XML does not allow were left out of the post (a meta value holds them): it differs from what `wp anp import` stores', $dropped ),
			);
		}
		$item->action  = Anp_Import_Item::CREATE;
		$item->post_id = $post_id;
	}

	/**
	 * The WXR item (docs/wxr-writer.md, "The arrays") of a mapped file, and
	 * the ids of its terms.
	 *
	 * @param Anp_Import_Item $item    A mapped file.
	 * @param int             $post_id Its id in the output.
	 * @return array array( item, term ids )
	 */
	public function item( Anp_Import_Item $item, int $post_id ): array {
		$post     = $item->post;
		$modified = gmdate( 'Y-m-d H:i:s', $this->options->time );
		// No date from the mapping (--post-date=import_time, or no
		// last_reviewed): the run's time, never '' (the WordPress Importer
		// would then take any post of the same title for this one).
		$date       = $post['post_date'] ?? $modified;
		$categories = array();
		$term_ids   = array();
		foreach ( $item->terms as $taxonomy => $names ) {
			foreach ( $names as $name ) {
				$slug         = Anp_Slug::of( (string) $name );
				$id           = $this->header->term_id( (string) $taxonomy, $slug, (string) $name );
				$term_ids[]   = $id;
				$categories[] = array(
					'domain'   => (string) $taxonomy,
					'nicename' => $slug,
					'name'     => $this->header->term_name( $id ),
				);
			}
		}
		$meta = array();
		foreach ( $item->meta as $key => $value ) {
			$meta[] = array(
				'key'   => (string) $key,
				'value' => Anp_Stored_Meta::value( $value ),
			);
		}
		$wxr = array(
			'title'             => $post['post_title'],
			'link'              => '',
			'pubDate'           => '',
			'creator'           => $this->options->author,
			'guid'              => '',
			'content'           => $post['post_content'],
			'excerpt'           => $post['post_excerpt'],
			'post_id'           => $post_id,
			'post_date'         => $date,
			'post_date_gmt'     => self::NO_DATE,
			'post_modified'     => $modified,
			'post_modified_gmt' => $modified,
			'comment_status'    => '',
			'ping_status'       => '',
			'post_name'         => Anp_Slug::of( $post['post_title'] ),
			'status'            => $post['post_status'],
			'post_parent'       => 0,
			'menu_order'        => 0,
			'post_type'         => $post['post_type'],
			'post_password'     => '',
			'is_sticky'         => 0,
			'categories'        => $categories,
			'meta'              => $meta,
			'comments'          => array(),
		);
		return array( $wxr, array_values( array_unique( $term_ids ) ) );
	}

	/**
	 * @throws RuntimeException When the output cannot be written.
	 */
	private function finish( Anp_Wxr_Files $out ): array {
		try {
			return $out->finish();
		} catch ( \Anp\WxrException $e ) {
			throw new RuntimeException( $e->getMessage(), 0, $e );
		}
	}
}
