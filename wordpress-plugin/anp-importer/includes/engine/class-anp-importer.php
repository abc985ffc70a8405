<?php
/**
 * The import engine. It knows nothing of its front ends: WP-CLI, the plain
 * PHP runner and the admin page all hand it files and options and read back
 * a report.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Imports ANP files as docs/wordpress.md §5 says.
 *
 * Files are taken in groups of batch_size. For each group the identities are
 * looked up with one query, then the group is written in one database
 * transaction: its new posts in bulk (Anp_Bulk_Creator), updates one by one.
 * When anything fails, the group is rolled back and written again post by
 * post, each in a savepoint of its own, so that only the post at fault is
 * lost. After each group the runtime object cache is emptied, so that memory
 * stays flat however many files.
 */
final class Anp_Importer {

	/** @var array */
	private $settings;

	/** @var Anp_Ledger */
	private $ledger;

	/** @var Anp_Transaction */
	private $transaction;

	/** @var Anp_Bulk_Creator */
	private $bulk;

	/** @var Anp_Mapper */
	private $mapper;

	/** @var Anp_Media_Library */
	private $media;

	/** @var array The options of the current run. */
	private $run;

	/** @var Anp_Import_Report */
	private $report;

	/**
	 * @param array $settings Validated settings (Anp_Settings::get()).
	 */
	public function __construct( array $settings ) {
		$this->settings    = $settings;
		$this->ledger      = new Anp_Ledger();
		$this->transaction = new Anp_Transaction();
		$this->bulk        = new Anp_Bulk_Creator( $this->ledger );
		$this->media       = new Anp_Media_Library( $this->ledger );
	}

	/**
	 * Imports files.
	 *
	 * @param string[]      $files   Paths, in the order to import them.
	 * @param array         $options {
	 *     @type bool   $dry_run    Report what would happen, write nothing.
	 *     @type int    $author     The author of new posts (default: the post_author setting, else Anp_Users::default_author()).
	 *     @type string $status     Overrides the post_status setting.
	 *     @type string $post_type  Overrides the post_type setting.
	 *     @type string $on_change  Overrides the on_change setting.
	 *     @type int    $batch_size Overrides the batch_size setting.
	 *     @type string $post_date  Overrides the post_date setting.
	 *     @type string $images     Overrides the images setting.
	 *     @type array  $taxonomy_map Overrides the taxonomy_map setting.
	 *     @type string $args_hash  What identifies "the same command", to resume it.
	 * }
	 * @param callable|null $progress Called with the path after each file.
	 * @throws RuntimeException When another import holds the site's lock.
	 * @throws InvalidArgumentException When an option or the taxonomy map is not valid.
	 */
	public function import( array $files, array $options = array(), ?callable $progress = null ): Anp_Import_Report {
		$settings = $this->settings;
		$overrides = array(
			'status'       => 'post_status',
			'post_type'    => 'post_type',
			'on_change'    => 'on_change',
			'batch_size'   => 'batch_size',
			'post_date'    => 'post_date',
			'images'       => 'images',
			'taxonomy_map' => 'taxonomy_map',
		);
		foreach ( $overrides as $option => $setting ) {
			if ( isset( $options[ $option ] ) ) {
				$settings[ $setting ] = $options[ $option ];
			}
		}
		$settings = Anp_Settings::validate( $settings );
		foreach ( array_keys( $settings['taxonomy_map'] ) as $taxonomy ) {
			if ( ! taxonomy_exists( $taxonomy ) ) {
				throw new InvalidArgumentException( sprintf( 'taxonomy_map: there is no taxonomy "%s" on this site', $taxonomy ) );
			}
		}
		$this->mapper = new Anp_Mapper( $settings );
		$this->run    = array(
			'dry_run'    => ! empty( $options['dry_run'] ),
			'author'     => (int) ( $options['author'] ?? ( $settings['post_author'] ?: Anp_Users::default_author() ) ),
			'on_change'  => $settings['on_change'],
			'images'     => $settings['images'],
			// The taxonomies this run gives terms (the taxonomy_map may be overridden).
			'taxonomies' => array_keys( $settings['taxonomy_map'] ),
		);

		Anp_Schema::ensure();
		if ( $this->run['dry_run'] ) {
			$this->report          = new Anp_Import_Report();
			$this->report->dry_run = true;
			$this->import_groups( $files, $settings['batch_size'], $progress );
			return $this->report;
		}

		$lock = new Anp_Import_Lock();
		$lock->acquire();
		try {
			list( $batch_id, $resumed ) = $this->ledger->open_batch( (string) ( $options['args_hash'] ?? hash( 'sha256', implode( "\n", $files ) ) ), $this->run['author'] );
			$this->run['batch_id'] = $batch_id;
			// A resumed batch keeps the posts it created and updated (they are
			// "done" now); its files are all read again, so skips and
			// failures are counted afresh.
			$committed = $resumed ? ( $this->ledger->batch( $batch_id )['report'] ?? array() ) : array();
			$this->report = new Anp_Import_Report( array_intersect_key( $committed, array_flip( array( 'created', 'updated' ) ) ) );
			$this->report->batch_id = $batch_id;
			$this->report->resumed  = $resumed;

			// Counted once at the end rather than on every post.
			wp_defer_term_counting( true );
			$this->import_groups( $files, $settings['batch_size'], $progress );
			$this->recount_terms( $batch_id );
			$this->ledger->set_status( $batch_id, 'finished' );
			do_action( 'anp_import_finished', $this->report );
		} finally {
			wp_defer_term_counting( false );
			$lock->release();
		}
		return $this->report;
	}

	/**
	 * @param string[] $files Paths.
	 */
	private function import_groups( array $files, int $batch_size, ?callable $progress ): void {
		foreach ( array_chunk( $files, $batch_size ) as $group ) {
			$this->import_group( $group, $progress );
			// Forget what this group put in the cache: the next one needs none of it.
			Anp_Transaction::forget_cached_writes();
		}
	}

	/**
	 * Reads, parses and maps a group of files, then writes them in one
	 * transaction.
	 *
	 * @param string[] $paths Paths.
	 */
	private function import_group( array $paths, ?callable $progress ): void {
		$prepared = array();
		foreach ( $paths as $path ) {
			$item = $this->prepare( $path );
			if ( null !== $item ) {
				$prepared[] = $item;
			}
		}
		$known = $this->ledger->find( array_unique( array_column( $prepared, 'identity' ) ) );

		if ( $this->run['dry_run'] ) {
			foreach ( $prepared as $item ) {
				$this->report->count( $this->decide( $item, $known )[0] );
			}
		} else {
			if ( 'media' === $this->run['images'] ) {
				// Before the transaction: no database transaction waits on the network.
				$prepared = $this->with_local_images( $prepared, $known );
			}
			$this->write_group( $prepared, $known );
		}
		if ( $progress ) {
			array_map( $progress, $paths );
		}
	}

	/**
	 * The group's files that will be written, with their images in the media
	 * library: the blocks point at the local copies and the first one is the
	 * featured image. A file whose image cannot be had fails, on the line
	 * that names the image, and nothing of it is written.
	 *
	 * @param array $prepared Prepared files.
	 * @param array $known    The ledger's rows by identity.
	 */
	private function with_local_images( array $prepared, array $known ): array {
		$ready = array();
		foreach ( $prepared as $item ) {
			if ( ! in_array( $this->decide( $item, $known )[0], array( 'created', 'updated' ), true ) ) {
				$ready[] = $item; // Skipped: its images are not needed.
				continue;
			}
			try {
				$copies = $this->media->local_copies( $item['parsed']['blocks'], $this->run['batch_id'], $this->run['author'] );
			} catch ( Anp_Media_Exception $e ) {
				$this->report->fail( $item['path'], self::line_of( $item['path'], $e->get_url() ), $e->getMessage() );
				continue;
			}
			if ( $copies ) {
				$item['local_images']                    = $copies;
				$item['mapped']['post']['post_content']  = $this->mapper->content( $item['parsed']['blocks'], $copies );
				$item['mapped']['meta']['_thumbnail_id'] = reset( $copies )['id'];
			}
			$ready[] = $item;
		}
		return $ready;
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

	/**
	 * Writes a group of prepared files in one transaction: its new posts all
	 * at once, then the rest one by one. Should anything fail, the group is
	 * rolled back and written again one post at a time, each in a savepoint,
	 * so that only the post at fault fails.
	 *
	 * @param array $prepared Prepared files.
	 * @param array $known    The ledger's rows by identity.
	 */
	private function write_group( array $prepared, array $known ): void {
		list( $new, $rest ) = $this->split_new( $prepared, $known );
		if ( ! $new ) {
			$this->write_one_by_one( $prepared, $known );
			return;
		}
		$before       = clone $this->report;
		$known_before = $known;
		try {
			$this->in_one_transaction(
				function () use ( $new, $rest, &$known ) {
					$this->create_in_bulk( $new, $known );
					foreach ( $rest as $item ) {
						$this->write( $item, $known );
					}
				}
			);
		} catch ( Throwable $e ) {
			$this->report = $before;
			$this->write_one_by_one( $prepared, $known_before );
			return;
		}
		do_action( 'anp_import_group_committed', $this->run['batch_id'], $this->report );
	}

	/**
	 * Writes prepared files one by one, each in a savepoint, in one transaction.
	 *
	 * @param array $prepared Prepared files.
	 * @param array $known    The ledger's rows by identity.
	 */
	private function write_one_by_one( array $prepared, array $known ): void {
		try {
			$this->in_one_transaction(
				function () use ( $prepared, &$known ) {
					foreach ( $prepared as $item ) {
						$this->write( $item, $known );
					}
				}
			);
		} catch ( Throwable $e ) {
			// Only the ledger's own writes get here (a post's failure is
			// caught in write()): the whole group is undone and reported.
			foreach ( $prepared as $item ) {
				$this->report->fail( $item['path'], 1, 'not imported: ' . $e->getMessage() );
			}
		}
		do_action( 'anp_import_group_committed', $this->run['batch_id'], $this->report );
	}

	/**
	 * Runs a group's writes and stores the batch's totals in one transaction;
	 * rolls it all back and rethrows on any failure.
	 *
	 * @param callable $writes The group's writes.
	 * @throws Throwable What $writes threw, after the rollback.
	 */
	private function in_one_transaction( callable $writes ): void {
		$this->transaction->begin();
		try {
			$writes();
			$this->ledger->save_totals( $this->run['batch_id'], $this->report->totals() );
			$this->transaction->commit();
		} catch ( Throwable $e ) {
			$this->transaction->rollback();
			$this->bulk->forget(); // Terms it found may have been rolled back.
			throw $e;
		}
	}

	/**
	 * The files of a group that make new posts (the first file of each new
	 * identity), and the others, in their order.
	 *
	 * @return array [new, rest]
	 */
	private function split_new( array $prepared, array $known ): array {
		$new  = array();
		$rest = array();
		$seen = array();
		foreach ( $prepared as $item ) {
			if ( ! isset( $seen[ $item['identity'] ] ) && 'created' === $this->decide( $item, $known )[0] ) {
				$new[] = $item;
			} else {
				$rest[] = $item;
			}
			$seen[ $item['identity'] ] = true;
		}
		return array( $new, $rest );
	}

	/**
	 * @param array $items New posts' files.
	 * @param array $known The ledger's rows by identity, updated with the new posts.
	 * @throws RuntimeException On any failure: the caller rolls back.
	 */
	private function create_in_bulk( array $items, array &$known ): void {
		foreach ( $items as &$item ) {
			$item += $this->filtered( $item );
		}
		unset( $item );
		$ids = $this->bulk->create( $items, $this->run['batch_id'] );
		foreach ( $items as $i => $item ) {
			$this->media->attach( $item['local_images'] ?? array(), $ids[ $i ] );
			$known[ $item['identity'] ] = array(
				'post_id'      => $ids[ $i ],
				'content_hash' => $item['hash'],
				'batch_id'     => $this->run['batch_id'],
				'exists'       => true,
				'this_process' => true,
			);
			$this->report->count( 'created' );
			do_action( 'anp_import_post_created', $ids[ $i ], $item['parsed'], $this->run['batch_id'] );
		}
	}

	/**
	 * A file's post fields, meta and terms after the site's filters, with the
	 * plugin's own bookkeeping meta.
	 *
	 * @param array $item A prepared file.
	 * @return array post, meta, terms
	 */
	private function filtered( array $item ): array {
		$meta = apply_filters( 'anp_import_post_meta', $item['mapped']['meta'], $item['parsed'], $item['path'] );
		$meta['_anp_content_hash'] = $item['hash'];
		$meta['_anp_import_batch'] = $this->run['batch_id'];
		$meta['_anp_source']       = wp_basename( $item['path'] );
		return array(
			'post'  => apply_filters( 'anp_import_post_data', $item['mapped']['post'], $item['parsed'], $item['path'] ),
			'meta'  => $meta,
			'terms' => apply_filters( 'anp_import_post_terms', $item['mapped']['terms'], $item['parsed'], $item['path'] ),
		);
	}

	/**
	 * A file read, parsed and mapped; null when it failed (and was reported).
	 */
	private function prepare( string $path ): ?array {
		$bytes = is_file( $path ) && is_readable( $path ) ? file_get_contents( $path ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local files.
		if ( false === $bytes ) {
			$this->report->fail( $path, 1, 'cannot read the file; expected a readable ANP file' );
			return null;
		}
		try {
			$parsed = Anp_Parser::parse( $bytes, array(), $path );
		} catch ( \Anp\ParseException $e ) {
			$this->report->fail( $path, $e->getInputLine(), Anp_Parser::reason( $e ) );
			return null;
		}
		$hash   = hash( 'sha256', $bytes );
		$mapped = $this->mapper->map( $parsed, $this->run['author'], $hash );
		return array(
			'path'     => $path,
			'hash'     => $hash,
			'parsed'   => $parsed,
			'mapped'   => $mapped,
			'identity' => $mapped['identity'],
		);
	}

	/**
	 * What to do with a file, and the post it is: created, updated or
	 * skipped; or "done" when a resumed batch wrote it before it was cut short
	 * (counted then, so not again).
	 *
	 * @param array $item  A prepared file.
	 * @param array $known The ledger's rows by identity.
	 * @return array [action, post_id]
	 */
	private function decide( array $item, array $known ): array {
		$existing = $known[ $item['identity'] ] ?? null;
		$post_id  = (int) apply_filters( 'anp_import_existing_post', $existing && $existing['exists'] ? $existing['post_id'] : 0, $item['identity'], $item['parsed'] );
		if ( ! $post_id ) {
			return array( 'created', 0 );
		}
		if ( $existing && $existing['content_hash'] === $item['hash'] ) {
			$written_before_resume = empty( $existing['this_process'] ) && $existing['batch_id'] === ( $this->run['batch_id'] ?? '' );
			return array( $written_before_resume ? 'done' : 'skipped', $post_id );
		}
		return array( 'skip' === $this->run['on_change'] ? 'skipped' : 'updated', $post_id );
	}

	/**
	 * Writes one post, alone in a savepoint; a failure is reported and undone.
	 *
	 * @param array $item  A prepared file.
	 * @param array $known The ledger's rows by identity; updated as posts are written,
	 *                     so a second file with the same identity finds the first.
	 */
	private function write( array $item, array &$known ): void {
		list( $action, $post_id ) = $this->decide( $item, $known );
		if ( 'done' === $action ) {
			return;
		}
		if ( 'skipped' === $action ) {
			$this->report->count( 'skipped' );
			return;
		}
		try {
			$post_id = $this->transaction->atomically(
				function () use ( $item, $action, $post_id ) {
					return 'created' === $action ? $this->create( $item ) : $this->update( $item, $post_id );
				}
			);
		} catch ( Throwable $e ) {
			$this->report->fail( $item['path'], 1, 'not imported: ' . $e->getMessage() );
			return;
		}
		$known[ $item['identity'] ] = array(
			'post_id'      => $post_id,
			'content_hash' => $item['hash'],
			'batch_id'     => $this->run['batch_id'],
			'exists'       => true,
			'this_process' => true,
		);
		$this->report->count( $action );
		do_action( 'created' === $action ? 'anp_import_post_created' : 'anp_import_post_updated', $post_id, $item['parsed'], $this->run['batch_id'] );
	}

	/**
	 * @throws RuntimeException When WordPress refuses the post, a meta or a term.
	 */
	private function create( array $item ): int {
		$item += $this->filtered( $item );
		// The slug of the title, set even for drafts (WordPress leaves theirs
		// empty); WordPress makes it unique when the post is published.
		$postarr = $item['post'] + array( 'post_name' => sanitize_title( $item['post']['post_title'] ) );
		$post_id = wp_insert_post( wp_slash( $postarr ), true );
		if ( is_wp_error( $post_id ) ) {
			throw new RuntimeException( $post_id->get_error_message() );
		}
		$this->write_meta_and_terms( $post_id, $item, null );
		$this->media->attach( $item['local_images'] ?? array(), $post_id );
		$this->ledger->remember( $item['identity'], $post_id, $item['hash'], $this->run['batch_id'], $item['path'] );
		$this->ledger->record_change( $this->run['batch_id'], $post_id, 'created', $item['identity'], null, null );
		return $post_id;
	}

	/**
	 * Updates a post, first keeping what it was: a revision of its fields, and
	 * its meta, terms and ledger row for a rollback.
	 *
	 * @throws RuntimeException When WordPress refuses the post, a meta or a term.
	 */
	private function update( array $item, int $post_id ): int {
		$post = get_post( $post_id );
		if ( ! $post ) {
			throw new RuntimeException( sprintf( 'post %d vanished', $post_id ) );
		}
		$previous    = $this->snapshot( $post, $item['identity'] );
		$revision_id = wp_is_post_revision( $post ) ? 0 : (int) _wp_put_post_revision( $post );

		// An update changes what the file says; it keeps what a person decided
		// on the site: the status (an import never unpublishes), the author and
		// the slug.
		$item   += $this->filtered( $item );
		$postarr = $item['post'];
		unset( $postarr['post_status'], $postarr['post_author'], $postarr['post_name'] );
		if ( 'pending' === $item['mapped']['post']['post_status'] && 'publish' !== $post->post_status ) {
			$postarr['post_status'] = 'pending'; // Needs a human review: never published by us.
		}
		$postarr['ID'] = $post_id;
		// Without it, WordPress gives a draft's update the current date.
		$postarr['edit_date'] = true;
		$result               = wp_update_post( wp_slash( $postarr ), true );
		if ( is_wp_error( $result ) ) {
			throw new RuntimeException( $result->get_error_message() );
		}
		$this->write_meta_and_terms( $post_id, $item, $previous['meta'] );
		$this->media->attach( $item['local_images'] ?? array(), $post_id );
		$this->ledger->remember( $item['identity'], $post_id, $item['hash'], $this->run['batch_id'], $item['path'] );
		$this->ledger->record_change( $this->run['batch_id'], $post_id, 'updated', $item['identity'], $revision_id, $previous );
		return $post_id;
	}

	/**
	 * @param int        $post_id  The post.
	 * @param array      $item     A prepared file.
	 * @param array|null $previous The post's anp meta before an update; null for a new post.
	 * @throws RuntimeException When a meta or a term cannot be written.
	 */
	private function write_meta_and_terms( int $post_id, array $item, ?array $previous ): void {
		global $wpdb;
		$meta = $item['meta'];
		// Fields the file no longer has go; the featured image stays unless the file gives another.
		$previous_fields = array_filter( array_keys( $previous ?? array() ), array( 'Anp_Post_Meta', 'is_import_key' ) );
		foreach ( array_diff( $previous_fields, array_map( 'strval', array_keys( $meta ) ) ) as $gone ) {
			delete_post_meta( $post_id, $gone );
		}
		foreach ( $meta as $key => $value ) {
			$wpdb->last_error = '';
			// update_post_meta() says false for an unchanged value too; only a
			// database error is a failure.
			$ok = null === $previous
				? false !== add_post_meta( $post_id, (string) $key, wp_slash( $value ) )
				: ( false !== update_post_meta( $post_id, (string) $key, wp_slash( $value ) ) || '' === $wpdb->last_error );
			if ( ! $ok ) {
				throw new RuntimeException( sprintf( 'meta %s could not be written: %s', $key, $wpdb->last_error ) );
			}
		}
		$terms = $item['terms'];
		foreach ( $this->run['taxonomies'] as $taxonomy ) {
			if ( ! isset( $terms[ $taxonomy ] ) && null === $previous ) {
				continue; // A new post with no terms here: nothing to clear.
			}
			$names = $terms[ $taxonomy ] ?? array();
			if ( ! $names && 'category' === $taxonomy ) {
				// As for a new post: no category is the default category.
				$names = array( (int) get_option( 'default_category' ) );
			}
			$result = wp_set_object_terms( $post_id, $names, $taxonomy );
			if ( is_wp_error( $result ) ) {
				throw new RuntimeException( sprintf( 'terms of %s: %s', $taxonomy, $result->get_error_message() ) );
			}
		}
	}

	/**
	 * What a post is before an update: enough to put it back.
	 */
	private function snapshot( WP_Post $post, string $identity ): array {
		$meta = array();
		foreach ( get_post_meta( $post->ID ) as $key => $values ) {
			if ( Anp_Post_Meta::is_kept_for_rollback( $key ) ) {
				$meta[ $key ] = maybe_unserialize( $values[0] );
			}
		}
		$terms = array();
		foreach ( $this->run['taxonomies'] as $taxonomy ) {
			$ids = wp_get_object_terms( $post->ID, $taxonomy, array( 'fields' => 'ids' ) );
			$terms[ $taxonomy ] = is_wp_error( $ids ) ? array() : array_map( 'intval', $ids );
		}
		$fields = array();
		foreach ( array( 'post_title', 'post_content', 'post_excerpt', 'post_status', 'post_date', 'post_date_gmt', 'post_name', 'post_author', 'post_type' ) as $field ) {
			$fields[ $field ] = $post->$field;
		}
		return array(
			'post'  => $fields,
			'meta'  => $meta,
			'terms' => $terms,
			'item'  => $this->ledger->item( $identity ),
		);
	}

	/**
	 * Term counts were deferred: count again every term that a post of this
	 * batch has now or had before it was updated. The batch's ledger, not this
	 * process's memory, says which, so a resumed run counts what the run cut
	 * short had touched too.
	 */
	private function recount_terms( string $batch_id ): void {
		$ids = $this->ledger->batch_term_taxonomy_ids( $batch_id );
		$this->ledger->each_previous_terms(
			$batch_id,
			static function ( array $terms ) use ( &$ids ) {
				foreach ( $terms as $taxonomy => $term_ids ) {
					foreach ( $term_ids as $term_id ) {
						$term = get_term( (int) $term_id, $taxonomy );
						if ( $term instanceof WP_Term ) {
							$ids[] = (int) $term->term_taxonomy_id;
						}
					}
				}
			}
		);
		$by_taxonomy = array();
		foreach ( array_unique( $ids ) as $tt_id ) {
			$term = get_term_by( 'term_taxonomy_id', $tt_id );
			if ( $term ) {
				$by_taxonomy[ $term->taxonomy ][] = $tt_id;
			}
		}
		foreach ( $by_taxonomy as $taxonomy => $tt_ids ) {
			wp_update_term_count_now( $tt_ids, $taxonomy );
		}
	}
}
