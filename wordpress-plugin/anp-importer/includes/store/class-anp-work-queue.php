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
 * A worker claims a group (claim(): it marks the row with its name, so
 * that the others take the next one while it reads and plans the files),
 * then holds it inside the transaction that writes it (hold(): the row's
 * lock, SELECT … FOR UPDATE SKIP LOCKED, MariaDB 10.6+) and records it
 * done in that same transaction (record()). Only the holder can write a
 * group, and a group recorded done is never held again, so a group is
 * written once whoever claimed it.
 *
 * Whatever stops a worker before its commit (a kill, a lost connection, a
 * crash) rolls its transaction back: the group is pending again and
 * unlocked, with nothing of it written. Its claim stays, so the others
 * first take the groups nobody claimed; when there are none left, they
 * take a claimed group that no transaction holds (claim()'s second pass).
 * That is how a dead worker's group is given back: no timeout to wait
 * for, since the server ends a dead client's transaction when its
 * connection goes (at once for a killed process; after wait_timeout, or
 * TCP's keepalive, for a machine that vanished). A live worker still
 * planning its claimed group may lose it so at the end of a batch; then
 * its hold() finds the group done or held, and it moves on.
 *
 * Under Galera a row lock is the node's alone: workers on two nodes can
 * hold the same group, and the second to commit fails certification (both
 * changed the group's row), which the caller retries as a deadlock: the
 * group is done by then, and the retry's hold() says so. Nothing is
 * written twice.
 */
final class Anp_Work_Queue {

	/** Rows per INSERT when filling the queue. */
	const ROWS_PER_STATEMENT = 200;

	/**
	 * Puts a batch's groups in the queue, once: a worker that joins later
	 * finds them there (the same batch is the same groups, in order).
	 * A statement's rows at a time: a worker's memory must not grow with
	 * the batch beyond its list of paths.
	 *
	 * @param string   $batch_id   The batch.
	 * @param string[] $files      The batch's file paths, in order.
	 * @param int      $group_size Files a group.
	 * @throws RuntimeException On a database error.
	 */
	public function fill( string $batch_id, array $files, int $group_size ): void {
		global $wpdb;
		$table  = Anp_Schema::queue_table();
		$files  = array_values( $files );
		$groups = (int) ceil( count( $files ) / $group_size );
		for ( $first = 0; $first < $groups; $first += self::ROWS_PER_STATEMENT ) {
			$rows = array();
			for ( $group_no = $first; $group_no < min( $groups, $first + self::ROWS_PER_STATEMENT ); $group_no++ ) {
				// Each path base64'd: a path is bytes, not always UTF-8, which
				// JSON would change or refuse (the ledger keeps them byte for byte too).
				$paths  = array_slice( $files, $group_no * $group_size, $group_size );
				$rows[] = $wpdb->prepare( '(%s,%d,%s)', $batch_id, $group_no, (string) wp_json_encode( array_map( 'base64_encode', $paths ) ) );
			}
			// Workers on two Galera nodes fill at once: the second's rows are there after its retry.
			Anp_Db::again_on_deadlock( static fn() => Anp_Db::query( "INSERT IGNORE INTO $table (batch_id, group_no, paths) VALUES " . implode( ',', $rows ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table, prepared rows.
		}
	}

	/**
	 * Claims a pending group for $worker: the first that no worker claimed,
	 * else the first claimed one that no transaction holds (its worker is
	 * gone, or still planning it). Call it outside a transaction; then
	 * plan the group, and hold() it in the transaction that writes it.
	 *
	 * @param string $batch_id The batch.
	 * @param string $worker   Who claims it (host and pid).
	 * @param int[]  $passed   Groups not to claim (this worker tried them already).
	 * @return array|null array( group_no, paths, started: whether a transaction
	 *                    of it committed already ), or null when every group
	 *                    is done or held by another worker.
	 * @throws RuntimeException On a database error, or paths not as fill() stored them.
	 */
	public function claim( string $batch_id, string $worker, array $passed = array() ): ?array {
		global $wpdb;
		$table  = Anp_Schema::queue_table();
		$passed = $passed ? ' AND group_no NOT IN (' . implode( ',', array_map( 'intval', $passed ) ) . ')' : '';
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
		for ( $tries = 0; $tries < 100; ++$tries ) {
			$row = Anp_Db::row( $wpdb->prepare( "SELECT group_no, paths, totals IS NOT NULL AS started FROM $table WHERE batch_id = %s AND state = 'pending' AND claimed_by = ''$passed ORDER BY group_no LIMIT 1", $batch_id ) );
			if ( ! $row ) {
				break;
			}
			// Another worker may have marked it since: the one whose UPDATE
			// changed the row has it (on another Galera node: certified first).
			$mark = $wpdb->prepare( "UPDATE $table SET claimed_by = %s WHERE batch_id = %s AND group_no = %d AND claimed_by = ''", $worker, $batch_id, $row['group_no'] );
			if ( 1 === Anp_Db::again_on_deadlock( static fn() => Anp_Db::query( $mark ) ) ) {
				return self::group( $batch_id, $row );
			}
		}
		$row = Anp_Db::row( $wpdb->prepare( "SELECT group_no, paths, totals IS NOT NULL AS started FROM $table WHERE batch_id = %s AND state = 'pending'$passed ORDER BY group_no LIMIT 1 FOR UPDATE SKIP LOCKED", $batch_id ) );
		// phpcs:enable
		return $row ? self::group( $batch_id, $row ) : null;
	}

	/**
	 * Lets go of the claims of a batch's pending groups: their workers are
	 * gone (a run that was killed), and the next worker takes the groups in
	 * their order again, not after all the others.
	 *
	 * @param string $batch_id The batch.
	 * @throws RuntimeException On a database error.
	 */
	public function let_go( string $batch_id ): void {
		global $wpdb;
		$table = Anp_Schema::queue_table();
		$sql   = $wpdb->prepare( "UPDATE $table SET claimed_by = '' WHERE batch_id = %s AND state = 'pending' AND claimed_by <> ''", $batch_id ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
		Anp_Db::again_on_deadlock( static fn() => Anp_Db::query( $sql ) );
	}

	/**
	 * Holds a claimed group for the transaction it is written in: its row's
	 * lock, until the commit or the rollback.
	 *
	 * @param string $batch_id The batch.
	 * @param int    $group_no The group.
	 * @return array|null What the group's earlier transactions recorded (its
	 *                    totals so far), or null when the group is done, or
	 *                    held by another worker: it is not this worker's to write.
	 * @throws RuntimeException On a database error.
	 */
	public function hold( string $batch_id, int $group_no ): ?array {
		global $wpdb;
		$table = Anp_Schema::queue_table();
		$row   = Anp_Db::row( $wpdb->prepare( "SELECT totals FROM $table WHERE batch_id = %s AND group_no = %d AND state = 'pending' FOR UPDATE SKIP LOCKED", $batch_id, $group_no ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
		if ( ! $row ) {
			return null;
		}
		$totals = json_decode( (string) $row['totals'], true );
		return is_array( $totals ) ? $totals : array();
	}

	/**
	 * Records what a held group did, in the transaction that holds it: its
	 * totals so far, and whether it is done (a group whose files repeat an
	 * identity is written in more than one transaction).
	 *
	 * @param string $batch_id The batch.
	 * @param int    $group_no The group.
	 * @param array  $totals   What the group did (created, updated, skipped, failed).
	 * @param bool   $done     Whether this was its last transaction.
	 * @param string $worker   Who did it (host and pid), for status.
	 * @throws RuntimeException On a database error, or a group that is not there or not pending.
	 */
	public function record( string $batch_id, int $group_no, array $totals, bool $done, string $worker ): void {
		global $wpdb;
		$table   = Anp_Schema::queue_table();
		$changed = Anp_Db::query( $wpdb->prepare( "UPDATE $table SET state = %s, worker = %s, totals = %s, done_gmt = UTC_TIMESTAMP() WHERE batch_id = %s AND group_no = %d AND state = 'pending'", $done ? 'done' : 'pending', $worker, wp_json_encode( $totals ), $batch_id, $group_no ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
		if ( 1 !== $changed && ! ( 0 === $changed && ! $done ) ) {
			throw new RuntimeException( sprintf( 'group %d of batch %s is not a pending group of the queue', $group_no, $batch_id ) );
		}
	}

	/**
	 * A queue row as claim() returns it.
	 *
	 * @throws RuntimeException When its paths are not as fill() stored them.
	 */
	private static function group( string $batch_id, array $row ): array {
		$paths = json_decode( (string) $row['paths'], true );
		$paths = is_array( $paths ) ? array_map( static fn( $path ) => base64_decode( (string) $path, true ), $paths ) : null; // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- paths stored as fill() stored them.
		if ( ! is_array( $paths ) || in_array( false, $paths, true ) ) {
			throw new RuntimeException( sprintf( 'group %d of batch %s in the queue has no list of files', (int) $row['group_no'], $batch_id ) );
		}
		return array( (int) $row['group_no'], $paths, (bool) $row['started'] );
	}

	/**
	 * How far a batch is: groups in all and done, and the done groups'
	 * totals summed (each worker's, whichever wrote them).
	 *
	 * @param string $batch_id The batch.
	 * @return array groups, done, totals (created, updated, skipped, failed), workers (who did groups), claimed (who claimed a group not done yet).
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
			'claimed' => array(),
		);
		foreach ( Anp_Db::read( $wpdb->prepare( "SELECT state, claimed_by, worker, totals FROM $table WHERE batch_id = %s", $batch_id ), 'assoc' ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table.
			++$progress['groups'];
			if ( 'done' !== $row['state'] ) {
				if ( '' !== $row['claimed_by'] ) {
					$progress['claimed'][ $row['claimed_by'] ] = true;
				}
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
		$progress['claimed'] = array_keys( $progress['claimed'] );
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
