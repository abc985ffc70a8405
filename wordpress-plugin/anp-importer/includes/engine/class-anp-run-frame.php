<?php
/**
 * What every run that writes posts stands in: imports and rollbacks alike.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * One writer at a time on a site (the import lock), and term counts
 * deferred while it writes, so that each term is counted once at the end
 * instead of at every post. Both are undone however the run ends.
 */
final class Anp_Run_Frame {

	/**
	 * Runs $body holding the site's import lock, with term counting deferred.
	 *
	 * @param callable $body The run.
	 * @return mixed What $body returned.
	 * @throws RuntimeException When another import or rollback holds the lock.
	 */
	public function run( callable $body ) {
		$lock = new Anp_Import_Lock();
		$lock->acquire();
		try {
			wp_defer_term_counting( true );
			return $body();
		} finally {
			// Counts what is still deferred (a run cut short by an exception
			// included), then lets the next run in.
			wp_defer_term_counting( false );
			$lock->release();
		}
	}
}
