<?php
/**
 * Undoing an import batch.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Deletes the posts a batch created and puts back those it updated: their
 * fields from the revision kept before the update, their meta and terms from
 * the batch's ledger. Each post is restored whole or not at all.
 *
 * The batch's changes are read from the ledger a group at a time and each
 * group is undone in one database transaction: the new posts of the plugin's
 * post type deleted together (Anp_Bulk_Deleter), the other changes one by
 * one, each in a savepoint. When anything of the bulk part fails, the group
 * is rolled back and undone again one post at a time, so that only the post
 * at fault is reported. Term counts are deferred and recounted once, at the
 * end; the runtime object cache is emptied after each group, so memory stays
 * flat however large the batch.
 */
final class Anp_Rollback {

	/** Changes read and undone at once: one transaction each. */
	const GROUP_SIZE = 200;

	/** @var Anp_Ledger */
	private $ledger;

	/** @var Anp_Transaction */
	private $transaction;

	/** @var Anp_Bulk_Deleter */
	private $deleter;

	/** @var string The type of the posts the plugin creates. */
	private $post_type;

	/** @var array deleted, restored, failed, failures (post id => reason) */
	private $result;

	public function __construct() {
		$this->ledger      = new Anp_Ledger();
		$this->transaction = new Anp_Transaction();
		$this->deleter     = new Anp_Bulk_Deleter();
		$this->post_type   = Anp_Settings::get()['post_type'];
	}

	/**
	 * @return array deleted, restored, failed, failures (post id => reason)
	 * @throws RuntimeException When the batch is unknown or already rolled back.
	 */
	public function rollback( string $batch_id ): array {
		Anp_Schema::ensure();
		$batch = $this->ledger->batch( $batch_id );
		if ( ! $batch ) {
			throw new RuntimeException( sprintf( 'no import batch "%s"; `wp anp status` lists the last one', $batch_id ) );
		}
		if ( 'rolled_back' === $batch['status'] ) {
			throw new RuntimeException( sprintf( 'batch "%s" was already rolled back', $batch_id ) );
		}
		$this->result = array(
			'deleted'  => 0,
			'restored' => 0,
			'failed'   => 0,
			'failures' => array(),
		);
		$lock = new Anp_Import_Lock();
		$lock->acquire();
		try {
			// Committed at once: a rollback cut short leaves the batch marked
			// as such (not "running", which an import would resume), and
			// running it again finishes it.
			$this->ledger->set_status( $batch_id, 'rolling_back' );
			wp_defer_term_counting( true );
			$below = null;
			while ( $changes = $this->ledger->changes( $batch_id, $below, self::GROUP_SIZE ) ) { // phpcs:ignore Generic.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition
				$this->roll_back_group( $changes );
				// Forget what this group put in the cache: the next one needs none of it.
				Anp_Transaction::forget_cached_writes();
				$below = end( $changes )['post_id'];
			}
			$this->transaction->begin();
			wp_defer_term_counting( false ); // Every term the batch's posts had, counted once.
			$this->ledger->set_status( $batch_id, $this->result['failed'] ? 'rollback_failed' : 'rolled_back' );
			$this->transaction->commit();
		} finally {
			wp_defer_term_counting( false );
			$lock->release();
		}
		do_action( 'anp_import_rolled_back', $batch_id, $this->result );
		return $this->result;
	}

	/**
	 * Undoes a group of changes in one transaction: the new posts that the
	 * bulk deleter can delete all at once, the others one by one. Should
	 * anything fail, the group is rolled back and undone again one change at
	 * a time.
	 *
	 * @param array $changes A page of the ledger's changes.
	 */
	private function roll_back_group( array $changes ): void {
		list( $bulk, $rest ) = $this->split_bulk( $changes );
		if ( ! $bulk ) {
			$this->one_by_one( $changes );
			return;
		}
		$before = $this->result;
		try {
			$this->transaction->begin();
			$rest = array_merge( $this->delete_in_bulk( $bulk ), $rest );
			foreach ( $rest as $change ) {
				$this->roll_back_one( $change );
			}
			$this->transaction->commit();
		} catch ( Throwable $e ) {
			$this->transaction->rollback();
			$this->result = $before;
			$this->one_by_one( $changes );
		}
	}

	/**
	 * Undoes changes one by one, each in a savepoint, in one transaction.
	 *
	 * @param array $changes Changes.
	 */
	private function one_by_one( array $changes ): void {
		$before = $this->result;
		try {
			$this->transaction->begin();
			foreach ( $changes as $change ) {
				$this->roll_back_one( $change );
			}
			$this->transaction->commit();
		} catch ( Throwable $e ) {
			// Only the transaction itself gets here (a post's failure is
			// caught in roll_back_one()): the whole group is undone and reported.
			$this->transaction->rollback();
			$this->result = $before;
			foreach ( $changes as $change ) {
				$this->fail( $change, $e );
			}
		}
	}

	/**
	 * The new posts that the bulk deleter can take (with those already gone,
	 * which only leave the ledger), and the other changes, in their order.
	 *
	 * @param array $changes Changes.
	 * @return array [bulk changes, other changes]
	 */
	private function split_bulk( array $changes ): array {
		$created = array_filter( $changes, static fn( $change ) => 'created' === $change['action'] );
		// One query for the group's posts, instead of one in each get_post().
		_prime_post_caches( array_column( $created, 'post_id' ), false, false );
		$bulk = array();
		$rest = array();
		foreach ( $changes as $change ) {
			$post = 'created' === $change['action'] ? get_post( $change['post_id'] ) : null;
			$gone = 'created' === $change['action'] && ! $post;
			if ( $gone || ( $post && $this->post_type === $post->post_type && Anp_Bulk_Deleter::can_delete( $post ) ) ) {
				$bulk[] = $change + array( 'post' => $post );
			} else {
				$rest[] = $change;
			}
		}
		return array( $bulk, $rest );
	}

	/**
	 * Deletes the posts of created changes at once, and their ledger rows.
	 *
	 * @param array $changes Created changes, each with its 'post' (null when gone).
	 * @return array The changes whose posts the deleter left to wp_delete_post().
	 * @throws RuntimeException On any failure: the caller rolls back.
	 */
	private function delete_in_bulk( array $changes ): array {
		$by_post = array_column( $changes, null, 'post_id' );
		$posts   = array_values( array_filter( array_column( $changes, 'post' ) ) );
		$kept    = array();
		foreach ( $this->deleter->delete( $posts ) as $post ) {
			$kept[] = $by_post[ $post->ID ];
			unset( $by_post[ $post->ID ] );
		}
		$this->ledger->forget_items( array_column( $by_post, 'identity' ) );
		$this->result['deleted'] += count( $by_post );
		return $kept;
	}

	/**
	 * Undoes one change in a savepoint; a failure is reported and undone.
	 *
	 * @param array $change A change.
	 */
	private function roll_back_one( array $change ): void {
		try {
			$this->transaction->atomically(
				function () use ( $change ) {
					'created' === $change['action'] ? $this->delete( $change ) : $this->restore( $change );
				}
			);
			++$this->result[ 'created' === $change['action'] ? 'deleted' : 'restored' ];
		} catch ( Throwable $e ) {
			$this->fail( $change, $e );
		}
	}

	private function fail( array $change, Throwable $e ): void {
		++$this->result['failed'];
		$this->result['failures'][ $change['post_id'] ] = $e->getMessage();
	}

	/**
	 * Deletes a post the way WordPress does, for what the bulk deleter does
	 * not take: attachments (whose files go with them), posts of other
	 * types, and the posts of a group that failed in bulk.
	 *
	 * @throws RuntimeException When WordPress refuses to delete the post.
	 */
	private function delete( array $change ): void {
		if ( get_post( $change['post_id'] ) && ! wp_delete_post( $change['post_id'], true ) ) {
			throw new RuntimeException( sprintf( 'post %d could not be deleted', $change['post_id'] ) );
		}
		$this->ledger->restore_item( $change['identity'], null );
	}

	/**
	 * @throws RuntimeException When the post is gone or refuses the update.
	 */
	private function restore( array $change ): void {
		$previous = $change['previous'];
		$post_id  = $change['post_id'];
		if ( ! is_array( $previous ) || ! get_post( $post_id ) ) {
			throw new RuntimeException( sprintf( 'post %d cannot be restored: it or its record is gone', $post_id ) );
		}
		// The revision saved before the update and what a revision does not
		// hold (status, dates, slug, author) in one wp_update_post(), where
		// wp_restore_post_revision() would make it two: the fields it would
		// restore, then the snapshot's (edit_date, or WordPress would give a
		// draft the current date). Not through wp_restore_post_revision()
		// either for the mark it leaves, the current user as the last editor:
		// a rollback puts back what was.
		$revision = $change['revision_id'] ? wp_get_post_revision( $change['revision_id'], ARRAY_A ) : null;
		$restored = $revision ? array_intersect_key( $revision, _wp_post_revision_fields( $revision ) ) : array();
		$result   = wp_update_post( wp_slash( array( 'ID' => $post_id, 'edit_date' => true ) + $previous['post'] + $restored ), true );
		if ( is_wp_error( $result ) ) {
			throw new RuntimeException( $result->get_error_message() );
		}
		if ( $revision ) {
			/** This action is documented in wp-includes/revision.php */
			do_action( 'wp_restore_post_revision', $post_id, $revision['ID'] );
		}
		foreach ( array_keys( get_post_meta( $post_id ) ) as $key ) {
			if ( Anp_Post_Meta::is_kept_for_rollback( $key ) && ! array_key_exists( $key, $previous['meta'] ) ) {
				delete_post_meta( $post_id, $key );
			}
		}
		foreach ( $previous['meta'] as $key => $value ) {
			update_post_meta( $post_id, $key, wp_slash( $value ) );
		}
		$current = $this->term_ids( $post_id, array_keys( $previous['terms'] ) );
		foreach ( $previous['terms'] as $taxonomy => $term_ids ) {
			$term_ids = array_map( 'intval', $term_ids );
			sort( $term_ids );
			// Most updates leave most taxonomies as they were; setting the
			// same terms again costs a dozen queries and changes nothing.
			if ( isset( $current[ $taxonomy ] ) && $current[ $taxonomy ] === $term_ids ) {
				continue;
			}
			$terms = wp_set_object_terms( $post_id, $term_ids, $taxonomy );
			if ( is_wp_error( $terms ) ) {
				throw new RuntimeException( $terms->get_error_message() );
			}
		}
		$this->ledger->restore_item( $change['identity'], $previous['item'] );
	}

	/**
	 * A post's terms in some taxonomies, with one query: taxonomy => sorted
	 * term ids, for the taxonomies that exist and are not ordered per post.
	 *
	 * @param string[] $taxonomies Taxonomies.
	 */
	private function term_ids( int $post_id, array $taxonomies ): array {
		$taxonomies = array_values( array_filter( $taxonomies, static fn( $taxonomy ) => taxonomy_exists( $taxonomy ) && empty( get_taxonomy( $taxonomy )->sort ) ) );
		if ( ! $taxonomies ) {
			return array();
		}
		$terms = wp_get_object_terms( $post_id, $taxonomies, array( 'update_term_meta_cache' => false ) );
		if ( is_wp_error( $terms ) ) {
			return array();
		}
		$ids = array_fill_keys( $taxonomies, array() );
		foreach ( $terms as $term ) {
			$ids[ $term->taxonomy ][] = (int) $term->term_id;
		}
		foreach ( $ids as &$term_ids ) {
			sort( $term_ids );
		}
		unset( $term_ids );
		return $ids;
	}
}
