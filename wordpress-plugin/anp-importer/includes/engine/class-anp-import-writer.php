<?php
/**
 * Writing the files of a group as posts.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The steps Anp_Group_Writer takes for an import: new posts in bulk
 * (Anp_Bulk_Creator), updates one by one through wp_update_post(), each with
 * its meta, terms, ledger row and the change a rollback undoes. Counts go
 * into the run's report as posts are written, and the batch's totals are
 * stored with the group, so they always match what was committed.
 *
 * Other code hears of a post once its group has committed, once: never of
 * a post rolled back, never twice for a group written again. Plugins' and
 * themes' handlers of save_post and the other actions wp_insert_post()
 * fires (fired by the bulk creator as it does, or by wp_insert_post() and
 * wp_update_post() one by one) are held until then (Anp_Held_Actions), and
 * anp_import_post_created / _updated fire then; WordPress's own handlers
 * run inside the transaction, as what they write belongs to the post.
 *
 * A worker's group of the work queue (in_queue_group()) is held in each of
 * its transactions, and its totals are recorded there, with the group, in
 * place of the batch's: many workers write one batch, and each group's
 * totals are its own.
 */
final class Anp_Import_Writer implements Anp_Group_Steps {

	/** @var Anp_Import_Options */
	private $options;

	/** @var Anp_Import_Report */
	private $report;

	/** @var string */
	private $batch_id;

	/** @var Anp_Ledger */
	private $ledger;

	/** @var Anp_Bulk_Creator */
	private $bulk;

	/** @var Anp_Media_Library */
	private $media;

	/** @var Anp_Import_Item[] The group being written, to rewind. */
	private $group = array();

	/** @var callable[] What fires once the group has committed, in order: 'bulk', or 'unit <spl_object_id>'. */
	private $after_commit = array();

	/** @var array<string,string[]> The actions held, for the post types they were made for. */
	private $held_hooks = array();

	/** @var array|null The work queue's group being written: queue, group_no, last, base, worker; null outside the queue. */
	private $queue_group = null;

	/** @var array What the queue group's earlier transactions recorded. */
	private $held_totals = array();

	/** @var bool Whether the queue group's last part was committed, recorded done. */
	private $queue_group_done = false;

	public function __construct( Anp_Import_Options $options, Anp_Import_Report $report, string $batch_id, Anp_Ledger $ledger, Anp_Media_Library $media ) {
		$this->options  = $options;
		$this->report   = $report;
		$this->batch_id = $batch_id;
		$this->ledger   = $ledger;
		$this->media    = $media;
		$this->bulk     = new Anp_Bulk_Creator( $ledger );
	}

	/**
	 * New posts go in bulk.
	 *
	 * @param Anp_Import_Item[] $units Files to write.
	 */
	public function split_bulk( array $units ): array {
		foreach ( $units as $item ) {
			$item->planned();
		}
		$this->group = $units;
		// A post too big for the server goes one by one, where it fails alone.
		$new = array_filter( $units, fn( $item ) => Anp_Import_Item::CREATE === $item->action && null === $this->bulk->cannot_write( $item ) );
		return array( array_values( $new ), array_values( array_diff_key( $units, $new ) ) );
	}

	/**
	 * @param Anp_Import_Item[] $units New posts' files.
	 * @throws RuntimeException On any failure: the group is rolled back.
	 */
	public function write_bulk( array $units ): array {
		$held = new Anp_Held_Actions();
		$ids  = $held->during( $this->held_hooks(), fn() => $this->bulk->create( $units, $this->batch_id ) );
		foreach ( $units as $i => $item ) {
			$item->post_id = $ids[ $i ];
			$held->during( $this->held_hooks(), fn() => $this->media->attach( $item->images, $item->post_id ) );
			$this->report->count( $item->action );
		}
		$this->after_commit['bulk'] = function () use ( $held, $units ) {
			$held->fire( fn( string $hook, array $args, Throwable $e ) => $this->handler_failed( $units, $hook, Anp_Held_Actions::post_of( $args ), $e ) );
			foreach ( $units as $item ) {
				$this->announce( $item );
			}
		};
		return array();
	}

	/**
	 * @param Anp_Import_Item $unit A file to write.
	 * @throws RuntimeException When WordPress refuses the post, a meta or a term.
	 */
	public function write_one( $unit ): void {
		$refused = $this->bulk->cannot_write( $unit );
		if ( null !== $refused ) {
			throw new RuntimeException( $refused );
		}
		$held          = new Anp_Held_Actions();
		$unit->post_id = $held->during(
			$this->held_hooks(),
			fn() => Anp_Import_Item::CREATE === $unit->action ? $this->create( $unit ) : $this->update( $unit )
		);
		$this->report->count( $unit->action );
		$this->after_commit[ 'unit ' . spl_object_id( $unit ) ] = function () use ( $held, $unit ) {
			$held->fire( fn( string $hook, array $args, Throwable $e ) => $this->handler_failed( array( $unit ), $hook, $unit->post_id, $e ) );
			$this->announce( $unit );
		};
	}

	/**
	 * @param Anp_Import_Item $unit A file.
	 * @param Throwable       $e    Why it was not written.
	 */
	public function failed( $unit, Throwable $e ): void {
		unset( $this->after_commit[ 'unit ' . spl_object_id( $unit ) ] ); // Undone: nothing to tell.
		if ( $unit->post_id ) {
			clean_post_cache( $unit->post_id );
		}
		$unit->fail( 1, 'not imported: ' . $e->getMessage() );
		$this->report->fail( $unit->path, $unit->line, $unit->reason );
	}

	/**
	 * The next group is (part of) a group of the work queue.
	 *
	 * @param Anp_Work_Queue $queue    The queue.
	 * @param int            $group_no The group.
	 * @param bool           $last     Whether this part is the group's last (its files repeat no identity after it).
	 * @param array          $base     The report's totals before the part's files were counted.
	 * @param string         $worker   Who writes it.
	 */
	public function in_queue_group( Anp_Work_Queue $queue, int $group_no, bool $last, array $base, string $worker ): void {
		$this->queue_group      = compact( 'queue', 'group_no', 'last', 'base', 'worker' );
		$this->queue_group_done = false;
	}

	/**
	 * Whether the queue group's last part committed (and with it, the group
	 * recorded done).
	 */
	public function queue_group_recorded(): bool {
		return $this->queue_group_done;
	}

	/**
	 * @throws Anp_Group_Stale When the queue's group is done, or held by another worker.
	 */
	public function began(): void {
		if ( ! $this->queue_group ) {
			return;
		}
		$held = $this->queue_group['queue']->hold( $this->batch_id, $this->queue_group['group_no'] );
		if ( null === $held ) {
			throw new Anp_Group_Stale( sprintf( 'group %d was written by another worker', $this->queue_group['group_no'] ), true );
		}
		$this->held_totals = $held;
	}

	public function before_commit(): void {
		if ( ! $this->queue_group ) {
			$this->ledger->save_totals( $this->batch_id, $this->report->totals() );
			return;
		}
		$totals = array();
		foreach ( $this->report->totals() as $key => $count ) {
			$totals[ $key ] = (int) ( $this->held_totals[ $key ] ?? 0 ) + $count - (int) ( $this->queue_group['base'][ $key ] ?? 0 );
		}
		$this->queue_group['queue']->record( $this->batch_id, $this->queue_group['group_no'], $totals, $this->queue_group['last'], $this->queue_group['worker'] );
	}

	public function after_commit(): void {
		$this->queue_group_done = $this->queue_group && $this->queue_group['last'];
		$pending                = $this->after_commit;
		$this->after_commit     = array();
		foreach ( $pending as $fire ) {
			$fire();
		}
	}

	public function save() {
		return $this->report->state();
	}

	/**
	 * @param mixed $saved What save() returned.
	 */
	public function restore( $saved ): void {
		$this->report->restore( $saved );
		$this->after_commit = array(); // Rolled back: none of it happened.
		foreach ( $this->group as $item ) {
			if ( $item->post_id ) {
				clean_post_cache( $item->post_id ); // As it was, not as the undone attempt cached it.
			}
			$item->rewind();
		}
		$this->bulk->forget(); // Terms it found may have been rolled back.
		// And WordPress's cache may say "no such term" of one another worker
		// has made since: the attempt again must look in the database.
		Anp_Transaction::forget_cached_writes();
	}

	/**
	 * The actions whose other handlers are held until the commit: those of
	 * the settings' type, posts, pages and attachments, and of the types
	 * the group's posts actually have (an update keeps a post's type, which
	 * may be another, e.g. a plugin's "book": its save_post_book must not
	 * run inside the transaction either).
	 *
	 * @return string[]
	 */
	private function held_hooks(): array {
		$types = array( $this->options->settings['post_type'], 'post', 'page', 'attachment' );
		foreach ( $this->group as $item ) {
			$types[] = (string) ( $item->post['post_type'] ?? '' );
		}
		$types = array_values( array_unique( array_filter( $types ) ) );
		sort( $types );
		$key = implode( ' ', $types );
		if ( ! isset( $this->held_hooks[ $key ] ) ) {
			$this->held_hooks = array( $key => Anp_Held_Actions::post_hooks( $types ) );
		}
		return $this->held_hooks[ $key ];
	}

	/**
	 * Tells of a post imported, once its group has committed. A handler
	 * that throws is a warning: the post is written, and the other posts
	 * are still told of.
	 *
	 * @throws Anp_Transaction_Lost When a handler lost the connection or WordPress stopped the run.
	 */
	private function announce( Anp_Import_Item $item ): void {
		$hook = Anp_Import_Item::CREATE === $item->action ? 'anp_import_post_created' : 'anp_import_post_updated';
		try {
			do_action( $hook, $item->post_id, $item->parsed, $this->batch_id );
		} catch ( Anp_Transaction_Lost $e ) {
			throw $e;
		} catch ( Throwable $e ) {
			$this->handler_failed( array( $item ), $hook, $item->post_id, $e );
		}
	}

	/**
	 * A handler of a post's action, run after its group committed, threw:
	 * nothing can be undone then, so the run goes on, and its report warns
	 * of it, naming the file and the post. (The resume skips the file, so
	 * the handler is not run again.)
	 *
	 * @param Anp_Import_Item[] $items   The files whose actions were running.
	 * @param string            $hook    The action.
	 * @param int               $post_id The post it was about, or 0.
	 * @param Throwable         $e       What the handler threw.
	 */
	private function handler_failed( array $items, string $hook, int $post_id, Throwable $e ): void {
		$item = null;
		foreach ( $items as $candidate ) {
			if ( $candidate->post_id === $post_id ) {
				$item = $candidate;
			}
		}
		$this->report->warn(
			$item ? $item->path : '',
			$item ? $item->line : 0,
			sprintf( 'post %d was written; a %s handler failed: %s', $post_id, $hook, $e->getMessage() )
		);
	}

	/**
	 * @throws RuntimeException When WordPress refuses the post, a meta or a term.
	 */
	private function create( Anp_Import_Item $item ): int {
		// The slug of the title, set even for drafts (WordPress leaves theirs
		// empty); WordPress makes it unique when the post is published.
		$postarr = $item->post + array( 'post_name' => sanitize_title( $item->post['post_title'] ) );
		$post_id = wp_insert_post( wp_slash( $postarr ), true );
		if ( is_wp_error( $post_id ) ) {
			throw new RuntimeException( $post_id->get_error_message() );
		}
		$this->write_meta_and_terms( $post_id, $item, null );
		$this->media->attach( $item->images, $post_id );
		$this->ledger->remember( $item->identity, $post_id, $item->hash, $this->batch_id, $item->path, $item->ledger_row );
		$this->ledger->record_change( $this->batch_id, $post_id, 'created', $item->identity, null, null );
		return $post_id;
	}

	/**
	 * Updates a post, first keeping what it was: a revision of its fields, and
	 * its meta, terms and ledger row for a rollback.
	 *
	 * @throws RuntimeException When WordPress refuses the post, a meta or a term.
	 */
	private function update( Anp_Import_Item $item ): int {
		$post_id = $item->post_id;
		$post    = get_post( $post_id );
		if ( ! $post ) {
			throw new RuntimeException( sprintf( 'post %d vanished', $post_id ) );
		}
		$previous    = $this->snapshot( $post, $item->identity );
		$revision_id = wp_is_post_revision( $post ) ? 0 : (int) _wp_put_post_revision( $post );

		$postarr = self::update_fields( $item->post, $post );
		$result  = wp_update_post( wp_slash( $postarr ), true );
		if ( is_wp_error( $result ) ) {
			throw new RuntimeException( $result->get_error_message() );
		}
		$this->write_meta_and_terms( $post_id, $item, $previous['meta'] );
		$this->media->attach( $item->images, $post_id );
		$this->ledger->remember( $item->identity, $post_id, $item->hash, $this->batch_id, $item->path );
		$this->ledger->record_change( $this->batch_id, $post_id, 'updated', $item->identity, $revision_id, $previous );
		return $post_id;
	}

	/**
	 * What an update writes of the mapped fields. An update changes what the
	 * file says; it keeps what a person decided on the site: the status (an
	 * import never unpublishes), the author and the slug.
	 *
	 * @param array   $fields The mapped post fields.
	 * @param WP_Post $post   The post as it is.
	 */
	public static function update_fields( array $fields, WP_Post $post ): array {
		$postarr = $fields;
		unset( $postarr['post_status'], $postarr['post_author'], $postarr['post_name'] );
		if ( 'pending' === ( $fields['post_status'] ?? '' ) && 'publish' !== $post->post_status ) {
			$postarr['post_status'] = 'pending'; // Needs a human review: never published by us.
		}
		$postarr['ID'] = $post->ID;
		// Without it, WordPress gives a draft's update the current date.
		$postarr['edit_date'] = true;
		return $postarr;
	}

	/**
	 * @param int             $post_id  The post.
	 * @param Anp_Import_Item $item     Its file.
	 * @param array|null      $previous The post's anp meta before an update; null for a new post.
	 * @throws RuntimeException When a meta or a term cannot be written.
	 */
	private function write_meta_and_terms( int $post_id, Anp_Import_Item $item, ?array $previous ): void {
		$meta = $item->meta;
		// Fields the file no longer has go; the featured image stays unless the file gives another.
		$previous_fields = array_filter( array_keys( $previous ?? array() ), array( 'Anp_Meta_Keys', 'is_import_key' ) );
		foreach ( array_diff( $previous_fields, array_map( 'strval', array_keys( $meta ) ) ) as $gone ) {
			delete_post_meta( $post_id, $gone );
		}
		foreach ( $meta as $key => $value ) {
			// add_post_meta() and update_post_meta() answer false for an
			// unchanged value too: only a database error is a failure.
			$written = Anp_Db::checked(
				static fn() => null === $previous
					? add_post_meta( $post_id, (string) $key, wp_slash( $value ) )
					: update_post_meta( $post_id, (string) $key, wp_slash( $value ) )
			);
			if ( null === $previous && false === $written ) {
				throw new RuntimeException( sprintf( 'meta %s could not be written', $key ) );
			}
		}
		foreach ( $this->options->taxonomies() as $taxonomy ) {
			if ( ! isset( $item->terms[ $taxonomy ] ) && null === $previous ) {
				continue; // A new post with no terms here: nothing to clear.
			}
			$result = wp_set_object_terms( $post_id, self::term_names( $item->terms, $taxonomy ), $taxonomy );
			if ( is_wp_error( $result ) ) {
				throw new RuntimeException( sprintf( 'terms of %s: %s', $taxonomy, $result->get_error_message() ) );
			}
		}
	}

	/**
	 * The terms a post gets in a taxonomy: none in category is the default
	 * category, as for a new post.
	 *
	 * @param array  $terms    Taxonomy => term names.
	 * @param string $taxonomy A taxonomy.
	 * @return array Names, or the default category's id.
	 */
	public static function term_names( array $terms, string $taxonomy ): array {
		$names = $terms[ $taxonomy ] ?? array();
		if ( ! $names && 'category' === $taxonomy ) {
			$names = array( (int) get_option( 'default_category' ) );
		}
		return $names;
	}

	/**
	 * What a post is before an update: enough to put it back.
	 */
	private function snapshot( WP_Post $post, string $identity ): array {
		$meta = array();
		foreach ( get_post_meta( $post->ID ) as $key => $values ) {
			if ( Anp_Meta_Keys::is_kept_for_rollback( $key ) ) {
				$meta[ $key ] = maybe_unserialize( $values[0] );
			}
		}
		$terms = array();
		foreach ( $this->options->taxonomies() as $taxonomy ) {
			$ids                = wp_get_object_terms( $post->ID, $taxonomy, array( 'fields' => 'ids' ) );
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
}
