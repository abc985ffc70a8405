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
 */
final class Anp_Rollback {

	/** @var Anp_Ledger */
	private $ledger;

	/** @var Anp_Transaction */
	private $transaction;

	public function __construct() {
		$this->ledger      = new Anp_Ledger();
		$this->transaction = new Anp_Transaction();
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
		$result = array(
			'deleted'  => 0,
			'restored' => 0,
			'failed'   => 0,
			'failures' => array(),
		);
		$lock = new Anp_Import_Lock();
		$lock->acquire();
		try {
			$this->transaction->begin();
			foreach ( $this->ledger->changes( $batch_id ) as $change ) {
				try {
					$this->transaction->atomically(
						function () use ( $change ) {
							'created' === $change['action'] ? $this->delete( $change ) : $this->restore( $change );
						}
					);
					++$result[ 'created' === $change['action'] ? 'deleted' : 'restored' ];
				} catch ( Throwable $e ) {
					++$result['failed'];
					$result['failures'][ $change['post_id'] ] = $e->getMessage();
				}
			}
			$this->ledger->set_status( $batch_id, $result['failed'] ? 'rollback_failed' : 'rolled_back' );
			$this->transaction->commit();
		} finally {
			$lock->release();
		}
		do_action( 'anp_import_rolled_back', $batch_id, $result );
		return $result;
	}

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
		// Restoring a revision marks the post as edited by the current user;
		// a rollback puts back what was, so that mark goes back too.
		$edit_last = get_post_meta( $post_id, '_edit_last' );
		if ( $change['revision_id'] && wp_get_post_revision( $change['revision_id'] ) ) {
			wp_restore_post_revision( $change['revision_id'] );
		}
		delete_post_meta( $post_id, '_edit_last' );
		foreach ( $edit_last as $value ) {
			add_post_meta( $post_id, '_edit_last', wp_slash( $value ) );
		}
		// What a revision does not hold: status, dates, slug, author
		// (edit_date, or WordPress would give a draft the current date).
		$result = wp_update_post( wp_slash( array( 'ID' => $post_id, 'edit_date' => true ) + $previous['post'] ), true );
		if ( is_wp_error( $result ) ) {
			throw new RuntimeException( $result->get_error_message() );
		}
		foreach ( array_keys( get_post_meta( $post_id ) ) as $key ) {
			if ( ( str_starts_with( $key, 'anp_' ) || str_starts_with( $key, '_anp_' ) ) && ! array_key_exists( $key, $previous['meta'] ) ) {
				delete_post_meta( $post_id, $key );
			}
		}
		foreach ( $previous['meta'] as $key => $value ) {
			update_post_meta( $post_id, $key, wp_slash( $value ) );
		}
		foreach ( $previous['terms'] as $taxonomy => $term_ids ) {
			$terms = wp_set_object_terms( $post_id, array_map( 'intval', $term_ids ), $taxonomy );
			if ( is_wp_error( $terms ) ) {
				throw new RuntimeException( $terms->get_error_message() );
			}
		}
		$this->ledger->restore_item( $change['identity'], $previous['item'] );
	}
}
