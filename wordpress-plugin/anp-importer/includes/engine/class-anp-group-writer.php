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
 */
final class Anp_Group_Writer {

	/** @var Anp_Transaction */
	private $transaction;

	public function __construct() {
		$this->transaction = new Anp_Transaction();
	}

	/**
	 * @param array           $units The group.
	 * @param Anp_Group_Steps $steps What a unit is and how it is written.
	 */
	public function write( array $units, Anp_Group_Steps $steps ): void {
		list( $bulk, $rest ) = $steps->split_bulk( $units );
		$saved               = $steps->save();
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
	 * One unit in a savepoint; a failure is reported and undone.
	 *
	 * @param mixed           $unit  A unit.
	 * @param Anp_Group_Steps $steps The steps.
	 */
	private function write_one( $unit, Anp_Group_Steps $steps ): void {
		try {
			$this->transaction->atomically(
				static function () use ( $unit, $steps ) {
					$steps->write_one( $unit );
				}
			);
		} catch ( Throwable $e ) {
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
			$writes();
			$steps->before_commit();
			$this->transaction->commit();
		} catch ( Throwable $e ) {
			$this->transaction->rollback();
			throw $e;
		}
	}
}
