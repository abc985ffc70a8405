<?php
/**
 * The rows an export writes, a chunk of posts at a time.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * One query per kind of row for a whole chunk of posts (posts, post meta,
 * terms, comments, comment meta, users) instead of core's queries per post
 * and per comment; and the header's terms and users by id. Rows come as
 * wpdb gives them (objects of strings), each list in the order core reads
 * it: post meta and comment meta by meta_id, comments by comment_ID, a
 * post's terms by name under the database's collation.
 */
final class Anp_Export_Rows {

	/** Ids per IN () list: a chunk's comments may be many. */
	const IN_LIST = 1000;

	/**
	 * The posts' rows, by id.
	 *
	 * @param int[] $ids Post ids.
	 * @return object[] id => row.
	 * @throws RuntimeException On a database error.
	 */
	public function posts( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::read( "SELECT * FROM {$wpdb->posts} WHERE ID IN ($list) ORDER BY ID", 'object' ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row->ID ] = $row;
			}
		}
		return $out;
	}

	/**
	 * The posts' meta rows, by post, in meta_id order; each row a list
	 * (meta_id, post_id, meta_key, meta_value): a chunk holds thousands, and
	 * lists are what the database gives fastest.
	 *
	 * @param int[] $ids Post ids.
	 * @return array post id => list of [meta_id, post_id, meta_key, meta_value].
	 * @throws RuntimeException On a database error.
	 */
	public function post_meta( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::read( "SELECT meta_id, post_id, meta_key, meta_value FROM {$wpdb->postmeta} WHERE post_id IN ($list) ORDER BY post_id, meta_id" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row[1] ][] = $row;
			}
		}
		return $out;
	}

	/**
	 * The terms of the posts, by post, ordered as wp_get_object_terms()
	 * orders them (by name, under the database's collation); terms of one
	 * name by term_taxonomy_id, where core leaves the order to the server's
	 * sort: the order it reads a post's relationships in, and the one core's
	 * output shows most often (three ties in four on 10,000 posts).
	 *
	 * Two queries: the posts' relationships, then their terms, ordered. One
	 * join of the three tables ordered by name lets the server start from
	 * the terms and read every relationship of each (a hundred times slower
	 * on a site of 10,000 posts).
	 *
	 * @param int[] $ids Post ids.
	 * @return array post id => list of rows (term_id, name, slug, term_group, term_taxonomy_id, taxonomy, description, parent, count).
	 * @throws RuntimeException On a database error.
	 */
	public function post_terms( array $ids ): array {
		global $wpdb;
		$of = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::rows( "SELECT object_id, term_taxonomy_id FROM {$wpdb->term_relationships} WHERE object_id IN ($list)" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$of[ (int) $row->object_id ][] = (int) $row->term_taxonomy_id;
			}
		}
		if ( ! $of ) {
			return array();
		}
		$rank  = array();
		$terms = array();
		foreach ( $this->each_list( array_merge( ...array_values( $of ) ) ) as $list ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
			$sql = "SELECT t.term_id, t.name, t.slug, t.term_group, tt.term_taxonomy_id, tt.taxonomy, tt.description, tt.parent, tt.count
				FROM {$wpdb->term_taxonomy} tt JOIN {$wpdb->terms} t ON t.term_id = tt.term_id
				WHERE tt.term_taxonomy_id IN ($list)
				ORDER BY t.name, tt.term_taxonomy_id";
			foreach ( Anp_Db::rows( $sql ) as $row ) {
				$terms[ (int) $row->term_taxonomy_id ] = $row;
			}
		}
		if ( count( $terms ) > self::IN_LIST ) {
			// Ranked in pieces: order the whole list by the database once more.
			$terms = $this->ordered_terms( array_keys( $terms ) );
		}
		foreach ( array_keys( $terms ) as $position => $tt_id ) {
			$rank[ $tt_id ] = $position;
		}
		$out = array();
		foreach ( $of as $object => $tt_ids ) {
			$tt_ids = array_values( array_filter( $tt_ids, static fn( $id ) => isset( $rank[ $id ] ) ) );
			usort( $tt_ids, static fn( $a, $b ) => $rank[ $a ] <=> $rank[ $b ] );
			$out[ $object ] = array_map( static fn( $id ) => $terms[ $id ], $tt_ids );
		}
		return $out;
	}

	/**
	 * Term rows by term_taxonomy_id, in one query, ordered as post_terms() orders them.
	 *
	 * @param int[] $tt_ids term_taxonomy_ids.
	 * @return object[] term_taxonomy_id => row.
	 * @throws RuntimeException On a database error.
	 */
	private function ordered_terms( array $tt_ids ): array {
		global $wpdb;
		$out = array();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
		$sql = "SELECT t.term_id, t.name, t.slug, t.term_group, tt.term_taxonomy_id, tt.taxonomy, tt.description, tt.parent, tt.count
			FROM {$wpdb->term_taxonomy} tt JOIN {$wpdb->terms} t ON t.term_id = tt.term_id
			WHERE tt.term_taxonomy_id IN (" . implode( ',', array_map( 'intval', $tt_ids ) ) . ')
			ORDER BY t.name, tt.term_taxonomy_id';
		foreach ( Anp_Db::rows( $sql ) as $row ) {
			$out[ (int) $row->term_taxonomy_id ] = $row;
		}
		return $out;
	}

	/**
	 * The posts' comments but spam, by post, in comment_ID order.
	 *
	 * @param int[] $ids Post ids.
	 * @return array post id => list of rows.
	 * @throws RuntimeException On a database error.
	 */
	public function comments( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::read( "SELECT * FROM {$wpdb->comments} WHERE comment_post_ID IN ($list) AND comment_approved <> 'spam' ORDER BY comment_post_ID, comment_ID", 'object' ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row->comment_post_ID ][] = $row;
			}
		}
		return $out;
	}

	/**
	 * The comments' meta rows, by comment, in meta_id order; each row a list
	 * as post_meta() gives them.
	 *
	 * @param int[] $ids Comment ids.
	 * @return array comment id => list of [meta_id, comment_id, meta_key, meta_value].
	 * @throws RuntimeException On a database error.
	 */
	public function comment_meta( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::read( "SELECT meta_id, comment_id, meta_key, meta_value FROM {$wpdb->commentmeta} WHERE comment_id IN ($list) ORDER BY comment_id, meta_id" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row[1] ][] = $row;
			}
		}
		return $out;
	}

	/**
	 * Users with what an export says of them: login, email, display name,
	 * and the first first_name and last_name meta (as get_userdata() reads
	 * them). Users that do not exist are absent.
	 *
	 * @param int[] $ids User ids.
	 * @return object[] id => row (ID, user_login, user_email, display_name, first_name, last_name), by id.
	 * @throws RuntimeException On a database error.
	 */
	public function users( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
			$sql = "SELECT u.ID, u.user_login, u.user_email, u.display_name,
				(SELECT m.meta_value FROM {$wpdb->usermeta} m WHERE m.user_id = u.ID AND m.meta_key = 'first_name' ORDER BY m.umeta_id LIMIT 1) AS first_name,
				(SELECT m.meta_value FROM {$wpdb->usermeta} m WHERE m.user_id = u.ID AND m.meta_key = 'last_name' ORDER BY m.umeta_id LIMIT 1) AS last_name
				FROM {$wpdb->users} u WHERE u.ID IN ($list) ORDER BY u.ID";
			foreach ( Anp_Db::rows( $sql ) as $row ) {
				$out[ (int) $row->ID ] = $row;
			}
		}
		ksort( $out );
		return $out;
	}

	/**
	 * Terms by term_taxonomy_id, with all their ancestors (one query per
	 * level of the tree), for a header, ordered by name. A parent that does
	 * not exist, or lies in another taxonomy, is not followed.
	 *
	 * @param int[] $ids term_taxonomy_ids.
	 * @return object[] term_taxonomy_id => row (term_id, name, slug, term_taxonomy_id, taxonomy, description, parent).
	 * @throws RuntimeException On a database error.
	 */
	public function terms_with_ancestors( array $ids ): array {
		global $wpdb;
		$select = "SELECT t.term_id, t.name, t.slug, t.term_group, tt.term_taxonomy_id, tt.taxonomy, tt.description, tt.parent, tt.count
			FROM {$wpdb->term_taxonomy} tt JOIN {$wpdb->terms} t ON t.term_id = tt.term_id";
		$out     = array();
		$by_term = array();
		$want    = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::rows( "$select WHERE tt.term_taxonomy_id IN ($list)" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row->term_taxonomy_id ]                      = $row;
				$by_term[ $row->taxonomy . ':' . (int) $row->term_id ] = true;
			}
		}
		$level = $out;
		// Up one level of parents per pass; a loop of parents ends when no new term turns up.
		while ( $level ) {
			$parents = array();
			foreach ( $level as $row ) {
				if ( (int) $row->parent && ! isset( $by_term[ $row->taxonomy . ':' . (int) $row->parent ] ) ) {
					$parents[ (int) $row->parent ][ $row->taxonomy ] = true;
				}
			}
			$level = array();
			foreach ( $this->each_list( array_keys( $parents ) ) as $list ) {
				foreach ( Anp_Db::rows( "$select WHERE tt.term_id IN ($list)" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
					$key = $row->taxonomy . ':' . (int) $row->term_id;
					if ( ! isset( $parents[ (int) $row->term_id ][ $row->taxonomy ] ) || isset( $by_term[ $key ] ) ) {
						continue; // The same term_id in another taxonomy (a shared term of old).
					}
					$out[ (int) $row->term_taxonomy_id ] = $row;
					$by_term[ $key ]                     = true;
					$level[]                             = $row;
				}
			}
		}
		if ( ! $out ) {
			return array();
		}
		// All of them again, by name under the database's collation, as get_terms() orders them.
		$ordered = array();
		foreach ( Anp_Db::rows( "$select WHERE tt.term_taxonomy_id IN (" . implode( ',', array_keys( $out ) ) . ') ORDER BY t.name, t.term_id' ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
			$ordered[ (int) $row->term_taxonomy_id ] = $row;
		}
		return $ordered;
	}

	/**
	 * The terms' meta rows, by term, in meta_id order.
	 *
	 * @param int[] $ids term_ids.
	 * @return array term_id => list of rows (meta_id, term_id, meta_key, meta_value).
	 * @throws RuntimeException On a database error.
	 */
	public function term_meta( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::rows( "SELECT * FROM {$wpdb->termmeta} WHERE term_id IN ($list) ORDER BY term_id, meta_id" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row->term_id ][] = $row;
			}
		}
		return $out;
	}

	/**
	 * Ids as IN () lists of at most IN_LIST ids each.
	 *
	 * @param int[] $ids Ids.
	 * @return string[]
	 */
	private function each_list( array $ids ): array {
		$ids = array_values( array_unique( array_map( 'intval', $ids ) ) );
		return array_map( static fn( $part ) => implode( ',', $part ), $ids ? array_chunk( $ids, self::IN_LIST ) : array() );
	}
}
