<?php
/**
 * Undoing an import batch.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Deletes the posts a batch created and puts back those it updated
 * (Anp_Rollback_Writer says how).
 *
 * The batch's changes are read from the ledger a group at a time and each
 * group is written by Anp_Group_Writer in one database transaction, in bulk
 * where it can and one change at a time where it must. Term counts are
 * deferred and recounted once, at the end; the runtime object cache is
 * emptied after each group, so memory stays flat however large the batch.
 */
final class Anp_Rollback {

	/** Changes read and undone at once: one transaction each. */
	const GROUP_SIZE = 200;

	/** @var Anp_Ledger */
	private $ledger;

	public function __construct() {
		$this->ledger = new Anp_Ledger();
	}

	/**
	 * @return array deleted, restored, failed, failures (post id => reason),
	 *               kept (images the batch brought that other posts use)
	 * @throws RuntimeException When the batch is unknown or already rolled back.
	 */
	public function rollback( string $batch_id ): array {
		return $this->rollback_step( $batch_id, null, INF )[0];
	}

	/**
	 * Part of a rollback: the changes of the posts below $below (all, for
	 * null), a group at a time, until $seconds have gone by (after one group
	 * at least). wp-admin rolls a batch back this way, a request a step. The
	 * step that undoes the last change finishes the rollback; one cut off
	 * leaves the batch "rolling_back", and running it again (from the start,
	 * or from where it stopped) finishes it.
	 *
	 * @param string   $batch_id The batch.
	 * @param int|null $below    Where the step before stopped (a post id), or null to start.
	 * @param float    $seconds  How long to go on starting groups.
	 * @return array [ this step's result (as rollback()), where the next step starts, or null when done ]
	 * @throws RuntimeException When the batch is unknown or already rolled back.
	 */
	public function rollback_step( string $batch_id, ?int $below, float $seconds ): array {
		$batch = Anp_Schema::installed() ? $this->ledger->batch( $batch_id ) : null;
		if ( ! $batch ) {
			throw new RuntimeException( sprintf( 'no import batch "%s"; `wp anp status` lists the last one', $batch_id ) );
		}
		if ( 'rolled_back' === $batch['status'] ) {
			throw new RuntimeException( sprintf( 'batch "%s" was already rolled back', $batch_id ) );
		}
		Anp_Schema::ensure();
		// The type the batch's posts were made with, whatever the settings
		// say now. A batch from before the column was added has none: the
		// settings' type is the best guess, and a post of another type is
		// still deleted, through wp_delete_post().
		$steps    = new Anp_Rollback_Writer( $this->ledger, '' !== (string) ( $batch['post_type'] ?? '' ) ? $batch['post_type'] : Anp_Settings::get()['post_type'], $batch_id );
		$deadline = microtime( true ) + $seconds;
		$next     = ( new Anp_Run_Frame() )->run(
			function () use ( $batch_id, $steps, $below, $deadline ) {
				// Committed at once: a rollback cut short leaves the batch
				// marked as such (not "running", which an import would
				// resume), and running it again finishes it.
				$this->ledger->set_status( $batch_id, 'rolling_back' );
				$writer = new Anp_Group_Writer();
				$first  = true;
				while ( $changes = $this->ledger->changes( $batch_id, $below, self::GROUP_SIZE ) ) { // phpcs:ignore Generic.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition
					if ( ! $first && microtime( true ) >= $deadline ) {
						return $below; // A step: the next one goes on from here.
					}
					$first = false;
					$writer->write( $changes, $steps );
					// Forget what this group put in the cache: the next one needs none of it.
					Anp_Transaction::forget_cached_writes();
					$below = end( $changes )['post_id'];
				}
				$transaction = new Anp_Transaction();
				$transaction->begin();
				wp_defer_term_counting( false ); // Every term the batch's posts had, counted once.
				$this->ledger->set_status( $batch_id, $steps->result()['failed'] ? 'rollback_failed' : 'rolled_back' );
				( new Anp_Work_Queue() )->forget( $batch_id ); // A batch cut short leaves groups that no run will take now.
				$transaction->commit();
				return null;
			}
		);
		$result = $steps->result();
		if ( null === $next ) {
			do_action( 'anp_import_rolled_back', $batch_id, $result );
		}
		return array( $result, $next );
	}
}
