<?php
/**
 * What the importer remembers: which post each identity became, each run,
 * and what each run changed. All SQL on the plugin's tables is here.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads and writes anp_items, anp_batches and anp_changes (see Anp_Schema).
 */
final class Anp_Ledger {

	/**
	 * The posts known for some identities, with one query.
	 *
	 * @param string[] $identities Identities of the files of one batch.
	 * @return array identity => [post_id, content_hash, batch_id, exists, post_type]
	 */
	public function find( array $identities ): array {
		global $wpdb;
		if ( ! $identities ) {
			return array();
		}
		$items        = Anp_Schema::items_table();
		$placeholders = implode( ',', array_fill( 0, count( $identities ), '%s' ) );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours, values are placeholders.
		$sql  = $wpdb->prepare( "SELECT i.identity, i.post_id, i.content_hash, i.batch_id, p.ID IS NOT NULL AS post_exists, p.post_type FROM $items i LEFT JOIN {$wpdb->posts} p ON p.ID = i.post_id WHERE i.identity IN ($placeholders)", array_values( $identities ) );
		$rows = Anp_Db::rows( $sql, ARRAY_A );
		$out  = array();
		foreach ( $rows as $row ) {
			$out[ $row['identity'] ] = array(
				'post_id'      => (int) $row['post_id'],
				'content_hash' => $row['content_hash'],
				'batch_id'     => $row['batch_id'],
				'exists'       => (bool) $row['post_exists'],
				'post_type'    => (string) $row['post_type'],
			);
		}
		return $out;
	}

	/**
	 * Records that an identity is now this post, at this content.
	 *
	 * @param string|null $row For a new post: the identity's row when it was
	 *                         decided (Anp_Import_Item::$ledger_row); null for an update.
	 * @throws Anp_Group_Stale When another worker recorded the identity meanwhile.
	 */
	public function remember( string $identity, int $post_id, string $content_hash, string $batch_id, string $source, ?string $row = null ): void {
		global $wpdb;
		$items = Anp_Schema::items_table();
		if ( 'gone' === $row ) {
			self::check_replaced( array( $identity ) );
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$changed = Anp_Db::query( $wpdb->prepare( "INSERT INTO $items (identity, post_id, content_hash, batch_id, source) VALUES (%s, %d, %s, %s, %s) ON DUPLICATE KEY UPDATE post_id = VALUES(post_id), content_hash = VALUES(content_hash), batch_id = VALUES(batch_id), source = VALUES(source)", $identity, $post_id, $content_hash, $batch_id, $source ) );
		if ( null !== $row ) {
			self::check_new( $changed, array( $row ) );
		}
	}

	/**
	 * Records new posts of a batch, with two statements whatever their number.
	 *
	 * @param array $created [identity, post_id, content_hash, source, ledger row as decided (Anp_Import_Item::$ledger_row)] each.
	 * @throws Anp_Group_Stale  When another worker recorded one of the identities meanwhile.
	 * @throws RuntimeException On a database error.
	 */
	public function remember_created( array $created, string $batch_id ): void {
		global $wpdb;
		$items   = Anp_Schema::items_table();
		$changes = Anp_Schema::changes_table();
		$item_rows   = array();
		$change_rows = array();
		self::check_replaced( array_column( array_filter( $created, static fn( $row ) => 'gone' === $row[4] ), 0 ) );
		foreach ( $created as list( $identity, $post_id, $hash, $source ) ) {
			$item_rows[]   = $wpdb->prepare( '(%s,%d,%s,%s,%s)', $identity, $post_id, $hash, $batch_id, $source );
			$change_rows[] = $wpdb->prepare( "(%s,%d,'created',%s,0,'')", $batch_id, $post_id, $identity );
		}
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- built from prepared tuples.
		$changed = Anp_Db::query( "INSERT INTO $items (identity, post_id, content_hash, batch_id, source) VALUES " . implode( ',', $item_rows ) . ' ON DUPLICATE KEY UPDATE post_id = VALUES(post_id), content_hash = VALUES(content_hash), batch_id = VALUES(batch_id), source = VALUES(source)' );
		self::check_new( $changed, array_column( $created, 4 ) );
		Anp_Db::query( "INSERT IGNORE INTO $changes (batch_id, post_id, action, identity, revision_id, previous) VALUES " . implode( ',', $change_rows ) );
		// phpcs:enable
	}

	/**
	 * The rows new posts replace must still name posts that are gone, as
	 * when the files were decided: if another worker of the batch created a
	 * post of one of these identities since (both decided "new" for the same
	 * vanished post), the row names that post now, and the group must be
	 * decided again, where it is an update. A locking read: it waits for a
	 * worker that is writing the row, and reads what it committed.
	 *
	 * @param string[] $identities The identities whose rows new posts replace.
	 * @throws Anp_Group_Stale When one of them names a post that exists.
	 */
	private static function check_replaced( array $identities ): void {
		global $wpdb;
		if ( ! $identities ) {
			return;
		}
		$items = Anp_Schema::items_table();
		$in    = implode( ',', array_fill( 0, count( $identities ), '%s' ) );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- our table, placeholders.
		$post_ids = array_map( 'intval', Anp_Db::column( $wpdb->prepare( "SELECT post_id FROM $items WHERE identity IN ($in) FOR UPDATE", ...array_values( $identities ) ) ) );
		if ( $post_ids && Anp_Db::value( "SELECT ID FROM {$wpdb->posts} WHERE ID IN (" . implode( ',', $post_ids ) . ') LIMIT 1 LOCK IN SHARE MODE' ) ) {
			throw new Anp_Group_Stale( 'another worker created a post of the same identity', false );
		}
		// phpcs:enable
	}

	/**
	 * New posts' rows must be new, or replace the row of a post that was
	 * gone when they were decided: one changed row each, or two for a
	 * replaced one (MariaDB's count for an INSERT … ON DUPLICATE KEY
	 * UPDATE). Any other count means that another worker of the batch
	 * created a post of one of these identities after they were decided (it
	 * committed first: this INSERT waited for its row lock, or under Galera
	 * this group was written again after certification failed), and the
	 * group must be decided again, where it is an update.
	 *
	 * @param int      $changed The statement's changed rows.
	 * @param string[] $rows    Each new post's ledger row as decided ('' none).
	 * @throws Anp_Group_Stale When the count is not what the decision makes it.
	 */
	private static function check_new( int $changed, array $rows ): void {
		$expected = 0;
		foreach ( $rows as $row ) {
			$expected += '' === $row ? 1 : 2;
		}
		if ( $changed !== $expected ) {
			throw new Anp_Group_Stale( 'another worker created a post of the same identity', false );
		}
	}

	/**
	 * Puts an identity's row back as it was, or removes it.
	 *
	 * @param array|null $row The row as it was, or null when it did not exist.
	 */
	public function restore_item( string $identity, ?array $row ): void {
		global $wpdb;
		if ( null === $row ) {
			Anp_Db::checked( static fn() => $wpdb->delete( Anp_Schema::items_table(), array( 'identity' => $identity ) ) );
			return;
		}
		$this->remember( $identity, (int) $row['post_id'], $row['content_hash'], $row['batch_id'], $row['source'] ?? '' );
	}

	/**
	 * An identity's row, for a snapshot before an update.
	 */
	public function item( string $identity ): ?array {
		global $wpdb;
		$items = Anp_Schema::items_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return Anp_Db::row( $wpdb->prepare( "SELECT post_id, content_hash, batch_id, source FROM $items WHERE identity = %s", $identity ) );
	}

	/**
	 * Records what a batch did to a post. The first change of a post in a
	 * batch is kept: it holds the state before the batch, which a rollback
	 * restores.
	 *
	 * @param array|null $previous The post before the change (updates only).
	 */
	public function record_change( string $batch_id, int $post_id, string $action, string $identity, ?int $revision_id, ?array $previous ): void {
		global $wpdb;
		$changes = Anp_Schema::changes_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$sql = $wpdb->prepare( "INSERT IGNORE INTO $changes (batch_id, post_id, action, identity, revision_id, previous) VALUES (%s, %d, %s, %s, %d, %s)", $batch_id, $post_id, $action, $identity, (int) $revision_id, null === $previous ? '' : maybe_serialize( $previous ) );
		Anp_Db::query( $sql );
	}

	/**
	 * A page of a batch's changes, last first (the order to undo them in):
	 * those of posts below $below_post_id, so that a batch of a million posts,
	 * each change with the post as it was before, is never in memory at once.
	 *
	 * @param int|null $below_post_id Where the previous page ended; null for the first page.
	 * @param int      $limit         Changes per page.
	 */
	public function changes( string $batch_id, ?int $below_post_id, int $limit ): array {
		global $wpdb;
		$changes = Anp_Schema::changes_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$sql = null === $below_post_id
			? $wpdb->prepare( "SELECT post_id, action, identity, revision_id, previous FROM $changes WHERE batch_id = %s ORDER BY post_id DESC LIMIT %d", $batch_id, $limit )
			: $wpdb->prepare( "SELECT post_id, action, identity, revision_id, previous FROM $changes WHERE batch_id = %s AND post_id < %d ORDER BY post_id DESC LIMIT %d", $batch_id, $below_post_id, $limit );
		// phpcs:enable
		$rows = Anp_Db::rows( $sql, ARRAY_A );
		foreach ( $rows as &$row ) {
			$row['post_id']     = (int) $row['post_id'];
			$row['revision_id'] = (int) $row['revision_id'];
			$row['previous']    = '' === $row['previous'] ? null : maybe_unserialize( $row['previous'] );
		}
		return $rows;
	}

	/**
	 * Removes the rows of identities whose posts are gone, with one statement.
	 *
	 * @param string[] $identities Identities.
	 * @throws RuntimeException On a database error.
	 */
	public function forget_items( array $identities ): void {
		global $wpdb;
		if ( ! $identities ) {
			return;
		}
		$items        = Anp_Schema::items_table();
		$placeholders = implode( ',', array_fill( 0, count( $identities ), '%s' ) );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours, values are placeholders.
		Anp_Db::query( $wpdb->prepare( "DELETE FROM $items WHERE identity IN ($placeholders)", array_values( $identities ) ) );
	}

	/**
	 * Calls $visit with the terms each updated post had before the batch, a
	 * page of rows at a time, so that a batch of a million posts is not held
	 * in memory at once.
	 *
	 * @param callable $visit Takes taxonomy => term ids.
	 */
	public function each_previous_terms( string $batch_id, callable $visit ): void {
		global $wpdb;
		$changes = Anp_Schema::changes_table();
		$after   = 0;
		do {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$rows = Anp_Db::rows( $wpdb->prepare( "SELECT post_id, previous FROM $changes WHERE batch_id = %s AND action = 'updated' AND post_id > %d ORDER BY post_id LIMIT 500", $batch_id, $after ), ARRAY_A );
			foreach ( $rows as $row ) {
				$after    = (int) $row['post_id'];
				$previous = maybe_unserialize( $row['previous'] );
				$visit( is_array( $previous ) ? ( $previous['terms'] ?? array() ) : array() );
			}
		} while ( count( $rows ) === 500 );
	}

	/**
	 * The terms (term_taxonomy_id) attached to the posts a batch changed.
	 */
	public function batch_term_taxonomy_ids( string $batch_id ): array {
		global $wpdb;
		$changes = Anp_Schema::changes_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return array_map( 'intval', Anp_Db::column( $wpdb->prepare( "SELECT DISTINCT tr.term_taxonomy_id FROM {$wpdb->term_relationships} tr JOIN $changes c ON c.post_id = tr.object_id WHERE c.batch_id = %s", $batch_id ) ) );
	}

	/**
	 * The unfinished batch started with these arguments, if a run was cut
	 * short; otherwise a new batch.
	 *
	 * @param string $args_hash What makes a command the same (Anp_Import_Options::resume_key()).
	 * @param int    $user_id   The author of its posts.
	 * @param string $post_type The type of its posts, which its rollback deletes in bulk.
	 * @return array [batch_id, resumed: whether it was running already]
	 */
	public function open_batch( string $args_hash, int $user_id, string $post_type ): array {
		global $wpdb;
		$batches = Anp_Schema::batches_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$running = $wpdb->prepare( "SELECT id FROM $batches WHERE args_hash = %s AND status = 'running' ORDER BY started_gmt DESC LIMIT 1", $args_hash );
		$id      = Anp_Db::value( $running );
		if ( $id ) {
			return array( $id, true );
		}
		$id = gmdate( 'Ymd-His' ) . '-' . strtolower( wp_generate_password( 6, false ) );
		try {
			Anp_Db::checked(
				static fn() => $wpdb->insert(
					$batches,
					array(
						'id'          => $id,
						'args_hash'   => $args_hash,
						'status'      => 'running',
						'user_id'     => $user_id,
						'post_type'   => $post_type,
						'started_gmt' => gmdate( 'Y-m-d H:i:s' ),
						'report'      => wp_json_encode( array() ),
						'running_key' => $args_hash,
					)
				)
			);
		} catch ( Anp_Transaction_Lost $e ) {
			throw $e;
		} catch ( RuntimeException $e ) {
			// A worker that started with this one opened it first (the
			// running key is unique; on another Galera node, its insert
			// certified first): this one joins it, once it sees the row
			// (a Galera node applies another's writes a moment later).
			for ( $wait = 0; $wait < 50; ++$wait ) {
				$id = Anp_Db::value( $running );
				if ( $id ) {
					return array( $id, true );
				}
				usleep( 100000 );
			}
			throw $e;
		}
		return array( $id, false );
	}

	/**
	 * A batch's row, or null.
	 */
	public function batch( string $batch_id ): ?array {
		global $wpdb;
		$batches = Anp_Schema::batches_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$row = Anp_Db::row( $wpdb->prepare( "SELECT * FROM $batches WHERE id = %s", $batch_id ) );
		if ( ! $row ) {
			return null;
		}
		$row['report'] = json_decode( (string) $row['report'], true ) ?: array();
		return $row;
	}

	/**
	 * Stores a batch's running totals; called inside the transaction of each
	 * group of posts, so the totals always match what was committed.
	 */
	public function save_totals( string $batch_id, array $totals ): void {
		global $wpdb;
		Anp_Db::again_on_deadlock( static fn() => Anp_Db::checked( static fn() => $wpdb->update( Anp_Schema::batches_table(), array( 'report' => wp_json_encode( $totals ) ), array( 'id' => $batch_id ) ) ) );
	}

	public function set_status( string $batch_id, string $status ): void {
		global $wpdb;
		Anp_Db::again_on_deadlock(
			static fn() => Anp_Db::checked(
				static fn() => $wpdb->update(
					Anp_Schema::batches_table(),
					array(
						'status'       => $status,
						'finished_gmt' => gmdate( 'Y-m-d H:i:s' ),
						'running_key'  => null, // Not running: the same arguments may open a new batch.
					),
					array( 'id' => $batch_id )
				)
			)
		);
	}

	/**
	 * The last batches, newest first: the batch's row (report decoded), how
	 * many changes it holds (what a rollback undoes), and the sources of up
	 * to $sources of its files. Nothing on a site that never imported.
	 *
	 * @param int $limit   How many batches.
	 * @param int $sources How many sources each.
	 * @throws RuntimeException On a database error.
	 */
	public function recent( int $limit, int $sources ): array {
		global $wpdb;
		if ( ! Anp_Schema::installed() ) {
			return array();
		}
		$batches = Anp_Schema::batches_table();
		$changes = Anp_Schema::changes_table();
		$items   = Anp_Schema::items_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$rows = Anp_Db::rows( $wpdb->prepare( "SELECT b.id, b.status, b.user_id, b.post_type, b.started_gmt, b.finished_gmt, b.report, (SELECT COUNT(*) FROM $changes c WHERE c.batch_id = b.id) AS changes FROM $batches b ORDER BY b.started_gmt DESC, b.id DESC LIMIT %d", $limit ), ARRAY_A );
		foreach ( $rows as &$row ) {
			$row['report']  = json_decode( (string) $row['report'], true ) ?: array();
			$row['changes'] = (int) $row['changes'];
			$row['sources'] = Anp_Db::column( $wpdb->prepare( "SELECT source FROM $items WHERE batch_id = %s ORDER BY source LIMIT %d", $row['id'], $sources ) );
			$row['files']   = (int) Anp_Db::value( $wpdb->prepare( "SELECT COUNT(*) FROM $items WHERE batch_id = %s", $row['id'] ) );
		}
		// phpcs:enable
		return $rows;
	}

	/**
	 * Counts for `wp anp status`; zeros on a site that has never imported,
	 * without making the tables: reading the status writes nothing.
	 */
	public function counts(): array {
		global $wpdb;
		if ( ! Anp_Schema::installed() ) {
			return array(
				'imported_posts' => 0,
				'batches'        => 0,
				'last_batch'     => '',
			);
		}
		$items   = Anp_Schema::items_table();
		$batches = Anp_Schema::batches_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return array(
			'imported_posts' => (int) Anp_Db::value( "SELECT COUNT(*) FROM $items" ),
			'batches'        => (int) Anp_Db::value( "SELECT COUNT(*) FROM $batches" ),
			'last_batch'     => (string) Anp_Db::value( "SELECT id FROM $batches ORDER BY started_gmt DESC, id DESC LIMIT 1" ),
		);
		// phpcs:enable
	}
}
