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

	/** @var string The ledger's condition (the batch), on anp_items as i, values prepared; '' for none. */
	private $ledger = '';

	/** @var string The posts' conditions, on wp_posts as p, values prepared. */
	private $posts;

	/**
	 * @param string|null $status Only posts of this post_status.
	 * @param string|null $from   Only posts whose post_date is at or after this ('Y-m-d H:i:s').
	 * @param string|null $to     Only posts whose post_date is at or before this ('Y-m-d H:i:s').
	 * @param string|null $batch  Only posts of this import batch.
	 */
	public function __construct( ?string $status = null, ?string $from = null, ?string $to = null, ?string $batch = null ) {
		global $wpdb;
		$changes = Anp_Schema::changes_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours, values are placeholders.
		if ( null !== $batch ) {
			$this->ledger = $wpdb->prepare( "( i.batch_id = %s OR i.post_id IN (SELECT c.post_id FROM $changes c WHERE c.batch_id = %s) )", $batch, $batch );
		}
		$posts = "p.post_type <> 'revision' AND p.post_status <> 'auto-draft'";
		if ( null !== $status ) {
			$posts .= $wpdb->prepare( ' AND p.post_status = %s', $status );
		}
		if ( null !== $from ) {
			$posts .= $wpdb->prepare( ' AND p.post_date >= %s', $from );
		}
		if ( null !== $to ) {
			$posts .= $wpdb->prepare( ' AND p.post_date <= %s', $to );
		}
		// phpcs:enable
		$this->posts = $posts;
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
		return (int) Anp_Db::value( 'SELECT COUNT(*) FROM (' . $this->anp_posts() . ' UNION ' . $this->attachment_ids( 0, 0 ) . ') x' );
	}

	/**
	 * The next page of ids, ascending: the ANP posts (a page of the
	 * ledger's post_id index at a time, then those of them the posts'
	 * conditions keep) and the attachments, merged.
	 *
	 * @param int           $after The last id of the page before (0 for the first).
	 * @param int           $limit The page's size.
	 * @param callable|null $read  Reads the statements that check ledger ids against the posts (check_sql()): takes the SQL, gives the first column; a caller that read one ahead (next_check()) gives its rows here. Default: now, through Anp_Db.
	 * @return int[]
	 * @throws RuntimeException On a database error.
	 */
	public function ids_after( int $after, int $limit, ?callable $read = null ): array {
		$read ??= array( 'Anp_Db', 'column' );
		$ids    = array();
		$cursor = $after;
		while ( count( $ids ) < $limit ) {
			$ledger = $this->ledger_after( $cursor, $limit );
			if ( ! $ledger ) {
				break;
			}
			$cursor = (int) end( $ledger );
			$ids    = array_merge( $ids, $read( $this->check_sql( $ledger ) ) );
			if ( count( $ledger ) < $limit ) {
				break;
			}
		}
		// Every ANP post up to $cursor is in $ids, and the first $limit
		// attachments: the first $limit of both together are the page.
		$ids = array_unique( array_map( 'intval', array_merge( $ids, Anp_Db::column( $this->attachment_ids( $after, $limit ) ) ) ) );
		sort( $ids );
		return array_slice( $ids, 0, $limit );
	}

	/**
	 * The statement ids_after( $after, $limit ) reads first to check its
	 * ledger ids against the posts (null when the ledger has none past
	 * $after): a caller may read it ahead, in the background, while it
	 * works on the page before. (Waited for on wpdb's connection while the
	 * server reads the next chunk's rows in the background, it cost a tenth
	 * of an export.)
	 *
	 * @param int $after The last id of the page before.
	 * @param int $limit The page's size.
	 * @throws RuntimeException On a database error.
	 */
	public function next_check( int $after, int $limit ): ?string {
		$ledger = $this->ledger_after( $after, $limit );
		return $ledger ? $this->check_sql( $ledger ) : null;
	}

	/**
	 * The ledger's next post ids past $cursor, ascending (the batch's, for a batch export).
	 *
	 * @param int $cursor The last id read.
	 * @param int $limit  How many.
	 * @return string[]
	 * @throws RuntimeException On a database error.
	 */
	private function ledger_after( int $cursor, int $limit ): array {
		$items = Anp_Schema::items_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours, values are ints or prepared.
		return Anp_Db::column( "SELECT DISTINCT i.post_id FROM $items i WHERE i.post_id > $cursor" . ( '' === $this->ledger ? '' : " AND {$this->ledger}" ) . " ORDER BY i.post_id LIMIT $limit" );
	}

	/**
	 * Those of these ledger ids whose posts exist and pass the posts'
	 * conditions, ascending.
	 *
	 * @param string[] $ledger Post ids.
	 */
	private function check_sql( array $ledger ): string {
		global $wpdb;
		return "SELECT p.ID FROM {$wpdb->posts} p WHERE p.ID IN (" . implode( ',', array_map( 'intval', $ledger ) ) . ") AND {$this->posts} ORDER BY p.ID";
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
	 * All the ANP posts' ids, as a subquery.
	 */
	private function anp_posts(): string {
		global $wpdb;
		$items = Anp_Schema::items_table();
		return "SELECT i.post_id FROM $items i JOIN {$wpdb->posts} p ON p.ID = i.post_id WHERE {$this->posts}" . ( '' === $this->ledger ? '' : " AND {$this->ledger}" );
	}

	/**
	 * The ids of the attachments the ANP posts use, after $after (a page of
	 * $limit; 0: all).
	 */
	private function attachment_ids( int $after, int $limit ): string {
		global $wpdb;
		$posts = $this->anp_posts();
		return "SELECT a.ID FROM {$wpdb->posts} a WHERE a.post_type = 'attachment' AND a.ID > $after"
			. " AND ( a.post_parent IN ($posts) OR a.ID IN (SELECT CAST(m.meta_value AS UNSIGNED) FROM {$wpdb->postmeta} m WHERE m.meta_key = '_thumbnail_id' AND m.post_id IN ($posts)) )"
			. ( $limit ? " ORDER BY a.ID LIMIT $limit" : '' );
	}
}
