<?php
/**
 * What every run that writes posts stands in: imports and rollbacks alike.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * One run at a time on a site, or the workers of one batch (the import
 * lock), its transactions
 * watched (Anp_Transaction_Guard: no silent reconnect, no group counted
 * that the database did not keep), and term counts deferred while it
 * writes, so that each term is counted once at the end instead of at every
 * post. All of it is undone however the run ends.
 */
final class Anp_Run_Frame {

	/**
	 * Runs $body holding the site's import lock (alone, or as one of the
	 * workers of a batch), with term counting deferred.
	 *
	 * @param callable      $body      The run.
	 * @param string|null   $batch_key A worker's batch (its arguments hash); null to run alone.
	 * @param callable|null $opening   For a worker: what it does while it holds the site's lock alone, as it joins
	 *                                 (opening the batch); given whether no other worker of the batch runs.
	 * @return mixed What $body returned.
	 * @throws RuntimeException When another import or rollback holds the lock,
	 *                          a table cannot roll back, or the database fails.
	 */
	public function run( callable $body, ?string $batch_key = null, ?callable $opening = null ) {
		Anp_Db::read_from_primary();
		Anp_Transaction::require_transactional_tables();
		$lock = new Anp_Import_Lock();
		if ( null === $batch_key ) {
			$lock->acquire();
		} else {
			$lock->join( $batch_key, $opening );
		}
		$guard = Anp_Transaction_Guard::start( $lock->name(), $lock->connection_id() );
		try {
			wp_defer_term_counting( true );
			return $body();
		} finally {
			try {
				// Counts what is still deferred (a run cut short by an exception
				// included), then lets the next run in. With the connection gone
				// there is nothing to count on, and the server has freed the lock.
				if ( ! $guard->connection_lost() ) {
					wp_defer_term_counting( false );
					$lock->release();
				}
			} finally {
				$guard->stop();
			}
		}
	}
}
