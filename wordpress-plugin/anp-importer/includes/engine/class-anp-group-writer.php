<?php
/**
 * Writing a group of posts: in bulk in one transaction, else one by one.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Writes a group in one database transaction (one commit, one log flush,
 * instead of one per query): what can be written together first, in bulk,
 * then the rest one by one. When anything fails, the group is rolled back
 * and written again one unit at a time, each in a savepoint, so that only
 * the unit at fault fails; and if the transaction itself fails, every unit
 * of the group is reported as failed and nothing of it stays. Imports and
 * rollbacks both go through here (Anp_Import_Writer, Anp_Rollback_Writer).
 *
 * A transaction that did not hold (Anp_Transaction_Lost: a deadlock, a lock
 * wait timeout, a lost connection, anywhere in the group) is no unit's
 * fault: the group counts for nothing, and it is written again from the
 * start, a few times, when the connection and the lock still stand; else
 * the exception stops the run, which the same command resumes. What must
 * follow a group's commit (the actions that tell other code of the posts)
 * runs once, after the commit that holds.
 *
 * A group found stale (Anp_Group_Stale: another worker took it, or wrote
 * a post it was planned without) is rolled back and handed to the caller,
 * who plans it again or moves on.
 */
final class Anp_Group_Writer {

	/**
	 * Times a group is written before a deadlock, a lock wait or a name
	 * another worker took (Anp_Name_Claims) stops the run. Many: under
	 * Galera, groups of three nodes with posts of one title collide at
	 * every commit, and each collision has one winner; the others write
	 * their group again, and see its posts.
	 */
	const ATTEMPTS = 20;

	/** @var Anp_Transaction */
	private $transaction;

	public function __construct() {
		$this->transaction = new Anp_Transaction();
	}

	/**
	 * @param array           $units The group.
	 * @param Anp_Group_Steps $steps What a unit is and how it is written.
	 * @throws Anp_Transaction_Lost When the group's transaction cannot be made to hold: nothing of the group is kept or counted.
	 * @throws Anp_Group_Stale      When the group is not as planned any more: nothing of it is kept or counted.
	 */
	public function write( array $units, Anp_Group_Steps $steps ): void {
		for ( $attempt = 1; ; ++$attempt ) {
			$saved = $steps->save();
			try {
				$this->write_group( $units, $steps, $saved );
				break;
			} catch ( Anp_Group_Stale $e ) {
				$steps->restore( $saved );
				throw $e;
			} catch ( Anp_Transaction_Lost $e ) {
				$steps->restore( $saved );
				if ( ! $e->retryable() ) {
					throw new Anp_Transaction_Lost( $e->getMessage() . '; nothing of the group was kept', false, $e );
				}
				if ( $attempt >= self::ATTEMPTS ) {
					throw new Anp_Transaction_Lost( sprintf( '%s, %d times in a row; nothing of the group was kept', $e->getMessage(), $attempt ), false, $e );
				}
				// The other transaction gets its turn first; workers that
				// collided wait for different times.
				usleep( 50000 * min( $attempt, 8 ) + wp_rand( 0, 100000 ) );
			}
		}
		try {
			$steps->after_commit();
		} catch ( Anp_Transaction_Lost $e ) {
			throw new Anp_Transaction_Lost( 'the group was committed, but not all of what follows its commit ran: ' . $e->getMessage(), false, $e );
		}
	}

	/**
	 * One attempt: in bulk, else one by one.
	 *
	 * @param array           $units The group.
	 * @param Anp_Group_Steps $steps The steps.
	 * @param mixed           $saved What $steps->save() returned before it.
	 * @throws Anp_Transaction_Lost When the transaction did not hold.
	 */
	private function write_group( array $units, Anp_Group_Steps $steps, $saved ): void {
		list( $bulk, $rest ) = $steps->split_bulk( $units );
		if ( $bulk ) {
			try {
				$this->in_one_transaction(
					function () use ( $bulk, $rest, $steps ) {
						foreach ( array_merge( $steps->write_bulk( $bulk ), $rest ) as $unit ) {
							$this->write_one( $unit, $steps );
						}
					},
					$steps
				);
				return;
			} catch ( Anp_Transaction_Lost | Anp_Group_Stale $e ) {
				throw $e;
			} catch ( Throwable $e ) {
				$steps->restore( $saved );
			}
		}
		try {
			$this->in_one_transaction(
				function () use ( $units, $steps ) {
					foreach ( $units as $unit ) {
						$this->write_one( $unit, $steps );
					}
				},
				$steps
			);
		} catch ( Anp_Transaction_Lost | Anp_Group_Stale $e ) {
			throw $e;
		} catch ( Throwable $e ) {
			// Only the transaction itself gets here (a unit's failure is
			// caught in write_one()): the whole group is undone and reported.
			$steps->restore( $saved );
			foreach ( $units as $unit ) {
				$steps->failed( $unit, $e );
			}
		}
	}

	/**
	 * One unit in a savepoint; a failure is reported and undone. A lost
	 * transaction is not the unit's failure: it goes on to write().
	 *
	 * @param mixed           $unit  A unit.
	 * @param Anp_Group_Steps $steps The steps.
	 * @throws Anp_Transaction_Lost When the group's transaction did not hold.
	 */
	private function write_one( $unit, Anp_Group_Steps $steps ): void {
		try {
			$this->transaction->atomically(
				static function () use ( $unit, $steps ) {
					$steps->write_one( $unit );
				}
			);
		} catch ( Anp_Transaction_Lost | Anp_Group_Stale $e ) {
			throw $e;
		} catch ( Throwable $e ) {
			$guard = Anp_Transaction_Guard::current();
			if ( $guard && $guard->lost() ) {
				throw $guard->lost();
			}
			$steps->failed( $unit, $e );
		}
	}

	/**
	 * Runs a group's writes and what commits with them in one transaction;
	 * rolls it all back and rethrows on any failure.
	 *
	 * @param callable        $writes The group's writes.
	 * @param Anp_Group_Steps $steps  The steps.
	 * @throws Throwable What failed, after the rollback.
	 */
	private function in_one_transaction( callable $writes, Anp_Group_Steps $steps ): void {
		$this->transaction->begin();
		try {
			$steps->began();
			$writes();
			$steps->before_commit();
			$this->transaction->commit();
		} catch ( Throwable $e ) {
			$this->transaction->rollback();
			throw $e;
		}
	}
}
