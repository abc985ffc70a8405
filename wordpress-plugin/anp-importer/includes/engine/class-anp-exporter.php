<?php
/**
 * The export engine: the site's ANP posts as WXR 1.2.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Writes the ANP posts (and the attachments they use) as WXR, in post id
 * order, each item byte for byte as export_wp() writes it
 * (Anp_Export_Item_Builder), into one document or into files that each
 * carry the authors and terms of their own items (Anp_Wxr_Files).
 *
 * Memory stays flat: ids come a page at a time (Anp_Export_Query), each
 * chunk's rows with one query per kind (the next chunk's read in the
 * background meanwhile), each item is written as soon as it is made, and
 * what the chunk put in the object cache goes with it. Nothing is kept per
 * item but a failure.
 *
 * A post the writer refuses (invalid UTF-8 in one of its fields) is left
 * out and reported, "post 12: invalid UTF-8 in meta[3].value at byte 40
 * (meta key "anp_notes")", and the export goes on; the report says it failed.
 */
final class Anp_Exporter {

	/** Posts per chunk of rows. */
	const CHUNK = 200;

	/** Ids per page: a few chunks' worth, read with one query. */
	const PAGE = 1000;

	/** @var Anp_Export_Rows */
	private $rows;

	public function __construct() {
		$this->rows = new Anp_Export_Rows();
	}

	/**
	 * Runs an export.
	 *
	 * @param Anp_Export_Options       $options  The run.
	 * @param Anp_Export_Observer|null $observer Told of each item and file.
	 * @param resource|null            $stream   Where a --stdout export goes.
	 * @param callable|null            $writer_factory For Anp_Wxr_Files: makes a writer on ($target, $items_only); the default picks the extension's.
	 * @throws RuntimeException On a database error, or when a file cannot be written.
	 * @throws InvalidArgumentException When the files' options cannot give sound files.
	 */
	public function export( Anp_Export_Options $options, ?Anp_Export_Observer $observer = null, $stream = null, ?callable $writer_factory = null ): Anp_Export_Report {
		$report = new Anp_Export_Report();
		$query  = new Anp_Export_Query( $options->status, $options->from, $options->to, $options->batch );
		if ( null !== $options->batch && ( ! Anp_Export_Query::ledger_exists() || ! Anp_Export_Query::batch_exists( $options->batch ) ) ) {
			throw new RuntimeException( sprintf( 'no import batch "%s"; `wp anp status` lists the last one', $options->batch ) );
		}
		$total = Anp_Export_Query::ledger_exists() ? $query->count() : 0;
		if ( $observer ) {
			$observer->started( $total );
		}

		$file_options = array(
			// wp export's --max_file_size=0 means a file per post: any limit below one post's size does that.
			'max_bytes'       => $options->stdout ? -1 : ( -1 === $options->max_bytes ? -1 : max( 1, $options->max_bytes ) ),
			'filename_format' => $options->filename_format,
			'site'            => self::site_name(),
			'date'            => gmdate( 'Y-m-d' ),
			'on_file'         => static function ( array $file ) use ( $observer, $report ) {
				$report->files[] = $file;
				if ( $observer ) {
					$observer->file_done( $file );
				}
			},
		);
		if ( $options->stdout ) {
			$file_options['stdout'] = $stream ?? STDOUT;
		} else {
			$file_options['dir'] = $options->dir;
		}
		if ( $writer_factory ) {
			$file_options['writer_factory'] = $writer_factory;
		}
		$files   = new Anp_Wxr_Files( $file_options, new Anp_Site_Wxr_Header( $this->rows ) );
		$builder = new Anp_Export_Item_Builder( $this->rows );

		try {
			$chunks = $total ? $this->chunks( $query ) : array();
			$ids    = $chunks ? $chunks->current() : null;
			while ( $ids ) {
				$chunks->next();
				$next = $chunks->current();
				foreach ( $builder->items( $ids, $next ?? array() ) as $id => list( $item, $authors, $terms ) ) {
					$failure = null;
					try {
						$files->add( $item, $authors, $terms );
						++$report->items;
					} catch ( \Anp\WxrException $e ) {
						if ( 'target' === $e->field ) {
							throw new RuntimeException( $e->getMessage(), 0, $e );
						}
						$failure                   = self::failure( $id, $e, $item );
						$report->failures[ $id ] = $failure;
					}
					if ( $observer ) {
						$observer->item_done( $id, $failure );
					}
				}
				$ids = $next;
				self::forget_cache();
			}
			$totals = $files->finish();
		} catch ( \Anp\WxrException $e ) {
			throw new RuntimeException( $e->getMessage(), 0, $e );
		} finally {
			$this->rows->forget();
		}
		$report->bytes   = (int) $totals['bytes'];
		$report->dropped = (int) $totals['dropped'];
		return $report;
	}

	/**
	 * The export's ids, a chunk at a time, read a page at a time.
	 *
	 * @param Anp_Export_Query $query The export's posts.
	 * @return Generator of int[]
	 * @throws RuntimeException On a database error.
	 */
	private function chunks( Anp_Export_Query $query ): Generator {
		$after = 0;
		$read  = array( $this->rows, 'column' );
		$next  = null;
		while ( $page = $query->ids_after( $after, self::PAGE, $read ) ) { // phpcs:ignore Generic.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition
			if ( null !== $next ) {
				// Not taken when the ledger changed since it was read ahead: not kept either.
				$this->rows->discard( $next );
			}
			$after = end( $page );
			// The next page's posts are checked in the background while this page is written.
			$next = $query->next_check( $after, self::PAGE );
			if ( null !== $next ) {
				$this->rows->read_ahead( $next );
			}
			yield from array_chunk( $page, self::CHUNK );
		}
	}

	/**
	 * wp export's {site}: the site's name as a key, at most 50 characters, or "site".
	 */
	public static function site_name(): string {
		$site = substr( sanitize_key( get_bloginfo( 'name' ) ), 0, 50 );
		return '' === $site ? 'site' : $site;
	}

	/**
	 * Why a post is not in the export, naming the post, the field and, for
	 * meta, its key.
	 *
	 * @param int                $id   The post.
	 * @param \Anp\WxrException $e    What the writer said.
	 * @param array              $item The item it refused.
	 */
	private static function failure( int $id, \Anp\WxrException $e, array $item ): string {
		$message = sprintf( 'post %d: %s', $id, $e->getMessage() );
		if ( preg_match( '/^meta\[(\d+)\]\.value$/', $e->field, $m ) && isset( $item['meta'][ (int) $m[1] ]['key'] ) && preg_match( '//u', $item['meta'][ (int) $m[1] ]['key'] ) ) {
			$message .= sprintf( ' (meta key "%s")', $item['meta'][ (int) $m[1] ]['key'] );
		}
		return $message;
	}

	/**
	 * Forgets what the page put in this process's object cache (users,
	 * parents, options read again): memory stays flat. A persistent cache
	 * without a runtime flush is left alone: the export wrote nothing, and
	 * what it read belongs to every process that shares that cache.
	 */
	private static function forget_cache(): void {
		if ( function_exists( 'wp_cache_flush_runtime' ) && wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		} elseif ( ! wp_using_ext_object_cache() ) {
			wp_cache_flush();
		}
	}
}
