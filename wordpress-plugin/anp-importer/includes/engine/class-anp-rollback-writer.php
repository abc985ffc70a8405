<?php
/**
 * Undoing the changes of an import batch.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The steps Anp_Group_Writer takes for a rollback: the new posts of the
 * batch's post type deleted together (Anp_Bulk_Deleter), the other changes
 * undone one by one: a post deleted through wp_delete_post(), an updated
 * post put back from the revision kept before the update and the batch's
 * record of its meta and terms. Each post is restored whole or not at all.
 */
final class Anp_Rollback_Writer implements Anp_Group_Steps {

	/** @var Anp_Ledger */
	private $ledger;

	/** @var Anp_Bulk_Deleter */
	private $deleter;

	/** @var string The type of the batch's posts: only those go in bulk. */
	private $post_type;

	/** @var string The batch rolled back. */
	private $batch_id;

	/** @var Anp_Attachments */
	private $attachments;

	/** @var int[] The posts of the group being written, to clean from the cache when it is undone. */
	private $group_post_ids = array();

	/**
	 * @var array deleted, restored, failed, failures (post id => reason),
	 * kept (images the batch brought that other posts use)
	 */
	private $result = array(
		'deleted'  => 0,
		'restored' => 0,
		'failed'   => 0,
		'failures' => array(),
		'kept'     => 0,
	);

	/**
	 * @param Anp_Ledger $ledger    The ledger of the batch.
	 * @param string     $post_type The type of the batch's posts.
	 * @param string     $batch_id  The batch rolled back: required, since an
	 *                              attachment its own posts use is not "used"
	 *                              (with '' every attachment would count as used
	 *                              and be kept).
	 */
	public function __construct( Anp_Ledger $ledger, string $post_type, string $batch_id ) {
		$this->ledger      = $ledger;
		$this->deleter     = new Anp_Bulk_Deleter();
		$this->post_type   = $post_type;
		$this->batch_id    = $batch_id;
		$this->attachments = new Anp_Attachments();
	}

	/**
	 * @return array deleted, restored, failed, failures (post id => reason), kept
	 */
	public function result(): array {
		return $this->result;
	}

	/**
	 * The new posts that the bulk deleter can take (with those already gone,
	 * which only leave the ledger), and the other changes, in their order.
	 *
	 * @param array $units Changes.
	 * @return array [bulk changes, other changes]
	 */
	public function split_bulk( array $units ): array {
		$this->group_post_ids = array_map( 'intval', array_column( $units, 'post_id' ) );

		$created = array_filter( $units, static fn( $change ) => 'created' === $change['action'] );
		// One query for the group's posts, instead of one in each get_post().
		_prime_post_caches( array_column( $created, 'post_id' ), false, false );
		$bulk = array();
		$rest = array();
		foreach ( $units as $change ) {
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
	 * @param array $units Created changes, each with its 'post' (null when gone).
	 * @return array The changes whose posts the deleter left to wp_delete_post().
	 * @throws RuntimeException On any failure: the caller rolls back.
	 */
	public function write_bulk( array $units ): array {
		$by_post = array_column( $units, null, 'post_id' );
		$posts   = array_values( array_filter( array_column( $units, 'post' ) ) );
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
	 * @param array $unit A change.
	 * @throws RuntimeException When the post cannot be deleted or restored.
	 */
	public function write_one( $unit ): void {
		if ( 'created' === $unit['action'] && $this->keep_used_attachment( $unit ) ) {
			++$this->result['kept'];
			return;
		}
		'created' === $unit['action'] ? $this->delete( $unit ) : $this->restore_post( $unit );
		++$this->result[ 'created' === $unit['action'] ? 'deleted' : 'restored' ];
	}

	/**
	 * @param array     $unit A change.
	 * @param Throwable $e    Why it was not undone.
	 */
	public function failed( $unit, Throwable $e ): void {
		++$this->result['failed'];
		$this->result['failures'][ $unit['post_id'] ] = $e->getMessage();
	}

	public function began(): void {
	}

	public function before_commit(): void {
	}

	public function after_commit(): void {
	}

	public function save() {
		return $this->result;
	}

	/**
	 * @param mixed $saved What save() returned.
	 */
	public function restore( $saved ): void {
		$this->result = $saved;
		// The attempt was rolled back, but the object cache still holds its
		// posts as it left them (a restored post as wp_update_post() read it
		// back, with its meta and terms). A persistent cache without a
		// runtime flush is never flushed whole (Anp_Transaction), so every
		// other process would read those posts so, not as the database
		// keeps them, until they next change: each post of the group is
		// cleaned, to be read from the database next.
		foreach ( $this->group_post_ids as $post_id ) {
			clean_post_cache( $post_id );
		}
	}

	/**
	 * Keeps an image the batch brought that other posts use (a later batch
	 * found it in the library, or someone put it in a post): it is given to
	 * the first of them, and to that post's batch, whose rollback takes it
	 * when nothing else uses it by then. Changes are undone newest first, so
	 * the batch's posts that used it are gone or excepted by then.
	 *
	 * @param array $change A created change.
	 * @return bool Whether it was kept.
	 * @throws RuntimeException On a database error.
	 */
	private function keep_used_attachment( array $change ): bool {
		$post = get_post( $change['post_id'] );
		if ( ! $post || 'attachment' !== $post->post_type ) {
			return false;
		}
		$users = $this->attachments->users( (int) $post->ID, $this->batch_id );
		if ( ! $users ) {
			return false;
		}
		$this->attachments->adopt( (int) $post->ID, $users[0] );
		$batch = (string) get_post_meta( $users[0], Anp_Meta_Keys::IMPORT_BATCH, true );
		if ( '' !== $batch ) {
			$this->ledger->record_change( $batch, (int) $post->ID, 'created', $change['identity'], null, null );
		}
		return true;
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
	private function restore_post( array $change ): void {
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
			if ( Anp_Meta_Keys::is_kept_for_rollback( $key ) && ! array_key_exists( $key, $previous['meta'] ) ) {
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
