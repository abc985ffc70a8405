<?php
/**
 * What Anp_Group_Writer asks of an import or a rollback.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The steps of writing one group of units (files to import, changes to
 * undo): the writer decides when each runs and in which transaction, the
 * steps know what a unit is.
 */
interface Anp_Group_Steps {

	/**
	 * Runs first in each transaction of the group, before any write (an
	 * import's worker holds its group of the work queue there).
	 *
	 * @throws Anp_Group_Stale When the group is not this run's to write, or
	 *                         not as it was planned: nothing of it is written.
	 */
	public function began(): void;

	/**
	 * The units that can be written together, and the others, in order.
	 *
	 * @param array $units The group.
	 * @return array array( bulk units, other units )
	 */
	public function split_bulk( array $units ): array;

	/**
	 * Writes units together.
	 *
	 * @param array $units What split_bulk() put first.
	 * @return array The units it left to write_one().
	 * @throws Throwable On any failure: the writer rolls the group back.
	 */
	public function write_bulk( array $units ): array;

	/**
	 * Writes one unit, in a savepoint of its own.
	 *
	 * @param mixed $unit A unit.
	 * @throws Throwable On a failure: its savepoint is rolled back and failed() called.
	 */
	public function write_one( $unit ): void;

	/**
	 * Records that a unit was not written.
	 *
	 * @param mixed     $unit A unit.
	 * @param Throwable $e    Why.
	 */
	public function failed( $unit, Throwable $e ): void;

	/**
	 * Writes what must commit with the group (the batch's totals).
	 *
	 * @throws Throwable On a failure: the group is rolled back.
	 */
	public function before_commit(): void;

	/**
	 * Runs what must follow the group's commit, once (the actions that tell
	 * other code of the posts written): called after the commit that holds,
	 * never for a group rolled back.
	 */
	public function after_commit(): void;

	/**
	 * What the steps have counted so far, to go back to.
	 *
	 * @return mixed
	 */
	public function save();

	/**
	 * Goes back to what save() returned: the group's transaction was
	 * rolled back, so nothing since then happened.
	 *
	 * @param mixed $saved What save() returned.
	 */
	public function restore( $saved ): void;
}
