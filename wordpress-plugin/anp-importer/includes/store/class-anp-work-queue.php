<?php
/**
 * The groups of a batch, for workers to claim.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * A batch's files in groups, one row a group (anp_queue), which any number
 * of workers of the batch (processes on this machine or others, against
 * one server or the nodes of a cluster) share out among themselves.
 *
 * A worker claims a group inside the transaction that writes it, and marks
 * it done in the same transaction: the claim is the row's lock, taken with
 * SELECT … FOR UPDATE SKIP LOCKED (MariaDB 10.6+), so that other workers
 * pass over it to the next group instead of waiting. Whatever stops the
 * worker before its commit (a kill, a lost connection, a crash) rolls the
 * transaction back: the group is pending again and unlocked, with nothing
 * of it written, and the next claim takes it. There is no claim to expire:
 * the server ends a dead client's transaction when its connection goes (at
 * once for a killed process; after wait_timeout, or TCP's keepalive, for a
 * machine that vanished).
 *
 * Under Galera a row lock is the node's alone: workers on two nodes can
 * claim the same group, and the second to commit fails certification (both
 * changed the group's row), which the caller retries as a deadlock: the
 * group is done by then, and the retry claims another. Nothing is written
 * twice; the work of the loser is lost, which each worker keeps rare by
 * starting from its own share of the groups (claim()'s $start).
 */
final class Anp_Work_Queue {

	/** Rows per INSERT when filling the queue. */
	const ROWS_PER_STATEMENT = 200;

	/**
	 * Puts a batch's groups in the queue, once: a worker that joins later
	 * finds them there (the same batch is the same groups, in order).
	 *
	 * @param string     $batch_id The batch.
	 * @param string[][] $groups   Each group's file paths, in order.
	 * @throws RuntimeException On a database error.
	 */
	public function fill( string $batch_id, array $groups ): void {
		global $wpdb;
		$table = Anp_Schema::queue_table();
		$rows  = array();
		foreach ( array_values( $groups ) as $group_no => $paths ) {
			// Each path base64'd: a path is bytes, not always UTF-8, which
			// JSON would change or refuse (the ledger keeps them byte for byte too).
			$rows[] = $wpdb->prepare( '(%s,%d,%s)', $batch_id, $group_no, (string) wp_json_encode( array_map( 'base64_encode', array_values( $paths ) ) ) );
		}
		foreach ( array_chunk( $rows, self::ROWS_PER_STATEMENT ) as $chunk ) {
			Anp_Db::query( "INSERT IGNORE INTO $table (batch_id, group_no, paths) VALUES " . implode( ',', $chunk ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table, prepared rows.
		}
	}

	/**
	 * Claims the first pending group from $start on (then from the first),
	 * that no other transaction holds. Call it inside the transaction that
	 * writes the group: the claim lasts until that transaction ends.
	 *
	 * @param string $batch_id The batch.
	 * @param int    $start    The group to look from (a worker's share).
	 * @return array|null array( group_no, paths ), or null when every group
	 *                    is done or held by another worker.
	 * @throws RuntimeException On a database error, or paths not as fill() stored them.
	 */
	public function claim( string $batch_id, int $start = 0 ): ?array {
		global $wpdb;
		$table = Anp_Schema::queue_table();
		foreach ( array( '>=', '<' ) as $side ) {
			if ( '<' === $side && 0 === $start ) {
				break;
			}
			$row = Anp_Db::row( $wpdb->prepare( "SELECT group_no, paths FROM $table WHERE batch_id = %s AND state = 'pending' AND group_no $side %d ORDER BY group_no LIMIT 1 FOR UPDATE SKIP LOCKED", $batch_id, $start ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table; $side is ours.
			if ( $row ) {
				$paths = json_decode( (string) $row['paths'], true );
				$paths = is_array( $paths ) ? array_map( static fn( $path ) => base64_decode( (string) $path, true ), $paths ) : null; // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- paths stored as fill() stored them.
				if ( ! is_array( $paths ) || in_array( false, $paths, true ) ) {
					throw new RuntimeException( sprintf( 'group %d of batch %s in the queue has no list of files', (int) $row['group_no'], $batch_id ) );
				}
				return array( (int) $row['group_no'], $paths );
			}
		}
		return null;
	}

	/**
	 * Marks a claimed group done, in the transaction that claimed it.
	 *
	 * @param string $batch_id The batch.
	 * @param int    $group_no The group.
	 * @param array  $totals   What the group did (created, updated, skipped, failed, failures…).
	 * @param string $worker   Who did it (host and pid), for status.
	 * @throws RuntimeException On a database error, or a group that is not there or not pending.
	 */
	public function done( string $batch_id, int $group_no, array $totals, string $worker ): void {
		global $wpdb;
		$table   = Anp_Schema::queue_table();
		$changed = Anp_Db::query( $wpdb->prepare( "UPDATE $table SET state = 'done', worker = %s, totals = %s, done_gmt = UTC_TIMESTAMP() WHERE batch_id = %s AND group_no = %d AND state = 'pending'", $worker, wp_json_encode( $totals ), $batch_id, $group_no ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
		if ( 1 !== $changed ) {
			throw new RuntimeException( sprintf( 'group %d of batch %s is not a pending group of the queue', $group_no, $batch_id ) );
		}
	}

	/**
	 * How far a batch is: groups in all and done, and the done groups'
	 * totals summed (each worker's, whichever wrote them).
	 *
	 * @param string $batch_id The batch.
	 * @return array groups, done, totals (created, updated, skipped, failed), workers (who did groups).
	 * @throws RuntimeException On a database error.
	 */
	public function progress( string $batch_id ): array {
		global $wpdb;
		$table    = Anp_Schema::queue_table();
		$progress = array(
			'groups'  => 0,
			'done'    => 0,
			'totals'  => array_fill_keys( array( 'created', 'updated', 'skipped', 'failed' ), 0 ),
			'workers' => array(),
		);
		foreach ( Anp_Db::read( $wpdb->prepare( "SELECT state, worker, totals FROM $table WHERE batch_id = %s", $batch_id ), 'assoc' ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
			++$progress['groups'];
			if ( 'done' !== $row['state'] ) {
				continue;
			}
			++$progress['done'];
			$progress['workers'][ $row['worker'] ] = true;
			$totals                                = json_decode( (string) $row['totals'], true );
			foreach ( array_keys( $progress['totals'] ) as $count ) {
				$progress['totals'][ $count ] += (int) ( $totals[ $count ] ?? 0 );
			}
		}
		$progress['workers'] = array_keys( $progress['workers'] );
		return $progress;
	}

	/**
	 * Removes a batch's groups (the batch is finished or rolled back).
	 *
	 * @param string $batch_id The batch.
	 * @throws RuntimeException On a database error.
	 */
	public function forget( string $batch_id ): void {
		global $wpdb;
		$table = Anp_Schema::queue_table();
		Anp_Db::query( $wpdb->prepare( "DELETE FROM $table WHERE batch_id = %s", $batch_id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
	}
}
