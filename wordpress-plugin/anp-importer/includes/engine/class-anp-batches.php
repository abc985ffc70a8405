<?php
/**
 * The import batches as wp-admin lists them, and their rollback in steps.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * A batch's files are named as the admin knows them: by the names the
 * browser gave, for a batch made from wp-admin (its upload's manifest),
 * else by the files' names without their folders (no server path is shown).
 */
final class Anp_Batches {

	/** Files named per batch, at most. */
	const NAMED = 5;

	/**
	 * The last batches, newest first: id, status, who, when, counts, how
	 * many files and changes, the first files' names; and for a running
	 * batch, its groups done and in all, and the workers (host and process)
	 * that claimed a group not done yet.
	 *
	 * @param int $limit How many.
	 * @throws RuntimeException On a database error.
	 */
	public static function recent( int $limit ): array {
		$uploads = self::uploads();
		$store   = $uploads ? self::store() : null;
		$out     = array();
		foreach ( ( new Anp_Ledger() )->recent( $limit, self::NAMED ) as $row ) {
			$names  = array_map( 'basename', $row['sources'] );
			$files  = (int) $row['files'];
			$counts = array_intersect_key( $row['report'], array_flip( array( 'created', 'updated' ) ) );
			if ( $store && isset( $uploads[ $row['id'] ] ) ) {
				// Made in wp-admin: its upload names all its files (the ledger
				// only those whose posts it made or changed) and counts all.
				try {
					$all    = array_column( $store->files( $uploads[ $row['id'] ] ), 'name' );
					$names  = array_slice( $all, 0, self::NAMED );
					$files  = count( $all );
					$counts = $store->state( $uploads[ $row['id'] ] )['counts']['import'] ?? $counts;
				} catch ( InvalidArgumentException $e ) {
					unset( $e ); // The upload went meanwhile: the ledger's names stand.
				}
			}
			$workers = array();
			$groups  = null;
			if ( 'running' === $row['status'] ) {
				// Written by workers now, or cut short: the queue says how far,
				// and who holds a group not done yet.
				$progress = ( new Anp_Work_Queue() )->progress( (string) $row['id'] );
				if ( $progress['groups'] ) {
					$workers = $progress['claimed'];
					$groups  = array( $progress['done'], $progress['groups'] );
					$counts  = $progress['totals'];
				}
			}
			$user  = $row['user_id'] ? get_userdata( (int) $row['user_id'] ) : false;
			$out[] = array(
				'id'       => (string) $row['id'],
				'status'   => (string) $row['status'],
				'user'     => $user ? (string) $user->display_name : '',
				'started'  => (string) $row['started_gmt'],
				'finished' => (string) $row['finished_gmt'],
				'counts'   => array_intersect_key( $counts, array_flip( array( 'created', 'updated', 'skipped', 'failed' ) ) ),
				'files'    => $files,
				'names'    => array_map( array( 'Anp_Upload_Job', 'shown' ), $names ),
				'changes'  => (int) $row['changes'],
				'workers'  => $workers,
				'groups'   => $groups,
			);
		}
		return $out;
	}

	/**
	 * One step of a batch's rollback (Anp_Rollback::rollback_step()); the
	 * step that ends it removes what is left of the batch's upload.
	 *
	 * @param string   $batch_id The batch.
	 * @param int|null $below    Where the step before stopped, or null.
	 * @param float    $seconds  The step's time.
	 * @return array [ the step's result, where the next starts or null when done ]
	 * @throws RuntimeException When the batch is unknown, rolled back already, or the database fails.
	 */
	public static function rollback_step( string $batch_id, ?int $below, float $seconds ): array {
		list( $result, $next ) = ( new Anp_Rollback() )->rollback_step( $batch_id, $below, $seconds );
		if ( null === $next ) {
			$upload = self::uploads()[ $batch_id ] ?? null;
			if ( null !== $upload ) {
				self::store()->delete( $upload );
			}
		}
		return array( $result, $next );
	}

	/**
	 * Batch id => upload id, or nothing when the uploads folder cannot be used.
	 */
	private static function uploads(): array {
		$store = self::store();
		return $store ? $store->by_batch() : array();
	}

	/**
	 * The site's upload store, or null when the uploads folder cannot be used.
	 */
	private static function store(): ?Anp_Upload_Store {
		try {
			return Anp_Upload_Store::for_site();
		} catch ( RuntimeException $e ) {
			return null;
		}
	}
}
