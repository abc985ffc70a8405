<?php
/**
 * Which posts `wp anp export` writes: the SQL that picks them.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The posts of an export, a page of ids at a time in id order, so that no
 * list of every id is ever held:
 *
 * - the ANP posts: posts the ledger (anp_items) names, that still exist, are
 *   not revisions or auto-drafts, and pass the filters (status, post_date
 *   range, batch);
 * - the attachments they use: children of those posts, and the attachments
 *   their `_thumbnail_id` names, whatever the attachments' own status and
 *   date (the stock importer needs them for featured images; newer core
 *   adds them too, trac #17379).
 *
 * A batch's posts are the ANP posts its change rows name (what it created
 * or updated, what a rollback undoes) and those whose ledger row it wrote
 * last (the only trace left of a batch after the tables were dropped and
 * rebuilt from post meta).
 */
final class Anp_Export_Query {

	/** @var string The WHERE of the ANP posts, on wp_posts as p, values prepared. */
	private $where;

	/**
	 * @param string|null $status Only posts of this post_status.
	 * @param string|null $from   Only posts whose post_date is at or after this ('Y-m-d H:i:s').
	 * @param string|null $to     Only posts whose post_date is at or before this ('Y-m-d H:i:s').
	 * @param string|null $batch  Only posts of this import batch.
	 */
	public function __construct( ?string $status = null, ?string $from = null, ?string $to = null, ?string $batch = null ) {
		global $wpdb;
		$items   = Anp_Schema::items_table();
		$changes = Anp_Schema::changes_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours, values are placeholders.
		$ledger = null === $batch
			? "SELECT i.post_id FROM $items i"
			: $wpdb->prepare( "SELECT i.post_id FROM $items i WHERE i.batch_id = %s OR i.post_id IN (SELECT c.post_id FROM $changes c WHERE c.batch_id = %s)", $batch, $batch );
		$where  = "p.ID IN ($ledger) AND p.post_type <> 'revision' AND p.post_status <> 'auto-draft'";
		if ( null !== $status ) {
			$where .= $wpdb->prepare( ' AND p.post_status = %s', $status );
		}
		if ( null !== $from ) {
			$where .= $wpdb->prepare( ' AND p.post_date >= %s', $from );
		}
		if ( null !== $to ) {
			$where .= $wpdb->prepare( ' AND p.post_date <= %s', $to );
		}
		// phpcs:enable
		$this->where = $where;
	}

	/**
	 * Whether the ledger's tables are there: a site that never imported has
	 * no ANP posts, and reading must not make the tables.
	 */
	public static function ledger_exists(): bool {
		return Anp_Schema::installed();
	}

	/**
	 * How many items the export writes: ANP posts and their attachments.
	 *
	 * @throws RuntimeException On a database error.
	 */
	public function count(): int {
		return (int) Anp_Db::value( 'SELECT COUNT(*) FROM (' . $this->anp_ids( 0, 0 ) . ' UNION ' . $this->attachment_ids( 0, 0 ) . ') x' );
	}

	/**
	 * The next page of ids, ascending.
	 *
	 * @param int $after The last id of the page before (0 for the first).
	 * @param int $limit The page's size.
	 * @return int[]
	 * @throws RuntimeException On a database error.
	 */
	public function ids_after( int $after, int $limit ): array {
		$sql = '(' . $this->anp_ids( $after, $limit ) . ') UNION (' . $this->attachment_ids( $after, $limit ) . ') ORDER BY ID LIMIT ' . $limit;
		return array_map( 'intval', Anp_Db::column( $sql ) );
	}

	/**
	 * Whether an import batch of this id was ever started.
	 *
	 * @throws RuntimeException On a database error.
	 */
	public static function batch_exists( string $batch ): bool {
		return null !== ( new Anp_Ledger() )->batch( $batch );
	}

	/**
	 * The ANP posts' ids after $after (a page of $limit; 0: all).
	 */
	private function anp_ids( int $after, int $limit ): string {
		global $wpdb;
		return "SELECT p.ID FROM {$wpdb->posts} p WHERE {$this->where} AND p.ID > $after" . ( $limit ? " ORDER BY p.ID LIMIT $limit" : '' );
	}

	/**
	 * The ids of the attachments the ANP posts use, after $after (a page of
	 * $limit; 0: all).
	 */
	private function attachment_ids( int $after, int $limit ): string {
		global $wpdb;
		$posts = "SELECT p.ID FROM {$wpdb->posts} p WHERE {$this->where}";
		return "SELECT a.ID FROM {$wpdb->posts} a WHERE a.post_type = 'attachment' AND a.ID > $after"
			. " AND ( a.post_parent IN ($posts) OR a.ID IN (SELECT CAST(m.meta_value AS UNSIGNED) FROM {$wpdb->postmeta} m WHERE m.meta_key = '_thumbnail_id' AND m.post_id IN ($posts)) )"
			. ( $limit ? " ORDER BY a.ID LIMIT $limit" : '' );
	}
}
