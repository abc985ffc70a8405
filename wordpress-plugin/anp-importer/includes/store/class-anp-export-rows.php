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

	/** The most term rows a run keeps. */
	const TERM_CACHE = 5000;

	/** A meta row's columns as post_meta() and comment_meta() name them, the object's id after them. */
	const META_COLUMNS = 'meta_key AS `key`, meta_value AS `value`, meta_id';

	/** @var object[] term_taxonomy_id => term row, in post_terms()'s order: the terms met in this run. */
	private array $term_rows = array();

	/** @var int[] term_taxonomy_id => its position in $term_rows. */
	private array $term_rank = array();

	/** @var array user id => users() row, or null for no such user: the authors met in this run (TERM_CACHE of them at most). */
	private array $user_rows = array();

	/** @var true[] term_taxonomy_id => true: relationships to no term met in this run. */
	private array $term_absent = array();

	/** @var Anp_Db_Prefetch|false|null The background reads; false where there can be none, null until asked. */
	private $prefetch;

	/** @var string[] IN () list => the statement that reads its meta (post_meta_sql()): this chunk's and the next. */
	private array $meta_sql = array();

	/** @var array IN () list => the rows its range read must give (null: not a range read). */
	private array $meta_count = array();

	/**
	 * Starts reading the rows of the next chunk (posts, post meta, term
	 * relationships, comments) in the background, while this one is
	 * written: the methods below take them from there.
	 *
	 * @param int[] $ids Post ids of the next chunk.
	 */
	public function prefetch( array $ids ): void {
		if ( ! $ids || count( $ids ) > self::IN_LIST ) {
			return;
		}
		if ( ! $this->background() ) {
			return;
		}
		$list = $this->each_list( $ids )[0];
		$this->prefetch->add( $this->posts_sql( $list ), 'object' );
		if ( isset( $this->meta_sql[ $list ] ) ) {
			$this->prefetch->add( $this->meta_sql[ $list ], 'assoc' );
		} else {
			// Which statement reads the meta depends on its range: read
			// that in the background too, then queue the meta.
			$prefetch = $this->prefetch;
			$prefetch->add(
				$this->meta_range_sql( $list ),
				'list',
				function ( array $rows ) use ( $prefetch, $list ) {
					$prefetch->add( $this->post_meta_sql( $list, $rows ), 'assoc' );
				}
			);
		}
		$this->prefetch->add( $this->relationships_sql( $list ) );
		$this->prefetch->add( $this->comments_sql( $list ), 'object' );
	}

	/**
	 * Starts a read in the background, for column() to take later: the
	 * export's next page of ids (Anp_Export_Query::next_check()).
	 *
	 * @param string $sql A SELECT.
	 */
	public function read_ahead( string $sql ): void {
		if ( $this->background() ) {
			$this->prefetch->add( $sql );
		}
	}

	/**
	 * Whether there is a background connection, opened the first time it is asked for.
	 */
	private function background(): bool {
		if ( null === $this->prefetch ) {
			$this->prefetch = Anp_Db_Prefetch::open() ?? false;
		}
		return (bool) $this->prefetch;
	}

	/**
	 * Forgets what read_ahead() read if column() did not take it.
	 *
	 * @param string $sql A SELECT given to read_ahead().
	 */
	public function discard( string $sql ): void {
		if ( $this->prefetch ) {
			$this->prefetch->discard( $sql );
		}
	}

	/**
	 * A read's first column: from the background when read_ahead() queued
	 * it, else now.
	 *
	 * @param string $sql A SELECT.
	 * @return string[]
	 * @throws RuntimeException On a database error.
	 */
	public function column( string $sql ): array {
		return array_column( $this->read( $sql ), 0 );
	}

	/**
	 * Lets the background reads go on: call it now and then while working.
	 */
	public function pump(): void {
		if ( $this->prefetch ) {
			$this->prefetch->pump();
		}
	}

	/**
	 * Forgets what a run kept: the term and user rows, the meta statements, and the background reads not
	 * taken (a run that stopped halfway). The next run reads its rows anew.
	 */
	public function forget(): void {
		$this->term_rows   = array();
		$this->term_rank   = array();
		$this->term_absent = array();
		$this->user_rows   = array();
		$this->meta_sql    = array();
		$this->meta_count  = array();
		if ( $this->prefetch ) {
			$this->prefetch->clear();
		}
	}

	/**
	 * The posts' rows, by id.
	 *
	 * @param int[] $ids Post ids.
	 * @return object[] id => row.
	 * @throws RuntimeException On a database error.
	 */
	public function posts( array $ids ): array {
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( $this->read( $this->posts_sql( $list ), 'object' ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row->ID ] = $row;
			}
		}
		return $out;
	}

	/**
	 * The posts' meta rows, by post, in meta_id order. Each row comes with
	 * its key and value named as the WXR writer's meta pairs are ("key",
	 * "value"; then meta_id and post_id, which the writer does not read),
	 * so that a post's rows are its item's meta as they stand: a chunk
	 * holds thousands, and a pair array made for each cost a tenth of an
	 * export.
	 *
	 * @param int[] $ids Post ids.
	 * @return array post id => list of [key, value, meta_id, post_id] (by those names).
	 * @throws RuntimeException On a database error.
	 */
	public function post_meta( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			$sql  = $this->post_meta_sql( $list );
			$rows = $this->read( $sql, 'assoc' );
			$held = $this->meta_count[ $list ] ?? null;
			if ( null !== $held && count( $rows ) < $held ) {
				// Meta rewritten between the count and the read (a row
				// deleted and added again has a meta_id past the range):
				// read the chunk's meta whole, by post, on wpdb's connection.
				$rows = Anp_Db::read( 'SELECT ' . self::META_COLUMNS . ", post_id FROM {$wpdb->postmeta} WHERE post_id IN ($list) ORDER BY meta_id", 'assoc' ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
			}
			foreach ( $rows as $row ) {
				$out[ (int) $row['post_id'] ][] = $row;
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
	 * The posts' relationships are read for each chunk; the term rows are
	 * kept for the run (TERM_CACHE of them at most: the site's terms, which
	 * later chunks use again) with their rank in that order, and read again,
	 * all of them ordered by the database, only when a chunk brings a term
	 * not met yet. (One join of the three tables ordered by name lets the
	 * server start from the terms and read every relationship of each: a
	 * hundred times slower on a site of 10,000 posts.)
	 *
	 * @param int[] $ids Post ids.
	 * @return array post id => list of rows (term_id, name, slug, term_group, term_taxonomy_id, taxonomy, description, parent, count).
	 * @throws RuntimeException On a database error.
	 */
	public function post_terms( array $ids ): array {
		$of = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( $this->read( $this->relationships_sql( $list ) ) as $row ) {
				$of[ (int) $row[0] ][] = (int) $row[1];
			}
		}
		if ( ! $of ) {
			return array();
		}
		$new = array();
		foreach ( $of as $tt_ids ) {
			foreach ( $tt_ids as $tt_id ) {
				if ( ! isset( $this->term_rank[ $tt_id ] ) && ! isset( $this->term_absent[ $tt_id ] ) ) {
					$new[ $tt_id ] = true;
				}
			}
		}
		if ( $new ) {
			$known = array_keys( $this->term_rows );
			if ( count( $known ) + count( $this->term_absent ) + count( $new ) > self::TERM_CACHE ) {
				// More terms than the run keeps: this chunk's alone.
				$known             = array();
				$this->term_absent = array();
				$new               = array_fill_keys( array_merge( ...array_values( $of ) ), true );
			}
			$this->term_rows = $this->ordered_terms( array_merge( $known, array_keys( $new ) ) );
			$this->term_rank = array_flip( array_keys( $this->term_rows ) );
			foreach ( $new as $tt_id => $unused ) {
				if ( ! isset( $this->term_rank[ $tt_id ] ) ) {
					$this->term_absent[ $tt_id ] = true; // A relationship to no term: left out, as core leaves it.
				}
			}
		}
		$out = array();
		foreach ( $of as $object => $tt_ids ) {
			$ranked = array();
			foreach ( $tt_ids as $tt_id ) {
				if ( isset( $this->term_rank[ $tt_id ] ) ) {
					$ranked[ $this->term_rank[ $tt_id ] ] = $this->term_rows[ $tt_id ];
				}
			}
			ksort( $ranked );
			$out[ $object ] = array_values( $ranked );
		}
		return $out;
	}

	/**
	 * The term_taxonomy_ids post_terms() has met in this run (those of the
	 * last chunks, when there were more than TERM_CACHE), so that a header
	 * may read the records of many at once.
	 *
	 * @return int[]
	 */
	public function met_terms(): array {
		return array_keys( $this->term_rows );
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
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( $this->read( $this->comments_sql( $list ), 'object' ) as $row ) {
				$out[ (int) $row->comment_post_ID ][] = $row;
			}
		}
		return $out;
	}

	/**
	 * The comments' meta rows, by comment, in meta_id order; each row named
	 * as post_meta() names them, with comment_id for post_id.
	 *
	 * @param int[] $ids Comment ids.
	 * @return array comment id => list of [key, value, meta_id, comment_id] (by those names).
	 * @throws RuntimeException On a database error.
	 */
	public function comment_meta( array $ids ): array {
		global $wpdb;
		$out = array();
		foreach ( $this->each_list( $ids ) as $list ) {
			foreach ( Anp_Db::read( 'SELECT ' . self::META_COLUMNS . ", comment_id FROM {$wpdb->commentmeta} WHERE comment_id IN ($list) ORDER BY comment_id, meta_id", 'assoc' ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
				$out[ (int) $row['comment_id'] ][] = $row;
			}
		}
		return $out;
	}

	/**
	 * Users with what an export says of them: login, email, display name,
	 * and the first first_name and last_name meta (as get_userdata() reads
	 * them). Users that do not exist are absent. Kept for the run, as the
	 * terms are: a chunk's authors are mostly the last chunk's, and a query
	 * a chunk for them cost a fiftieth of an export.
	 *
	 * @param int[] $ids User ids.
	 * @return object[] id => row (ID, user_login, user_email, display_name, first_name, last_name), by id.
	 * @throws RuntimeException On a database error.
	 */
	public function users( array $ids ): array {
		$want = array_unique( array_map( 'intval', $ids ) );
		$new  = array_values( array_filter( $want, fn( $id ) => ! array_key_exists( $id, $this->user_rows ) ) );
		if ( $new ) {
			if ( count( $this->user_rows ) + count( $new ) > self::TERM_CACHE ) {
				$this->user_rows = array(); // More users than the run keeps: these alone.
				$new             = $want;
			}
			$read = $this->read_users( $new );
			foreach ( $new as $id ) {
				$this->user_rows[ $id ] = $read[ $id ] ?? null; // null: no such user.
			}
		}
		$out = array();
		foreach ( $want as $id ) {
			if ( null !== ( $this->user_rows[ $id ] ?? null ) ) {
				$out[ $id ] = $this->user_rows[ $id ];
			}
		}
		ksort( $out );
		return $out;
	}

	/**
	 * users() read from the database.
	 *
	 * @param int[] $ids User ids.
	 * @return object[] id => row, by id.
	 * @throws RuntimeException On a database error.
	 */
	private function read_users( array $ids ): array {
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
	 * A read's rows: from the background when prefetch() queued it, else now.
	 *
	 * @param string $sql  A SELECT.
	 * @param string $form As Anp_Db::read() takes it.
	 * @throws RuntimeException On a database error.
	 */
	private function read( string $sql, string $form = 'list' ): array {
		return $this->prefetch ? $this->prefetch->take( $sql, $form ) : Anp_Db::read( $sql, $form );
	}

	/**
	 * The posts' rows. (The SQL of each read prefetch() queues is made in one
	 * place: the read takes the background's rows by the statement.)
	 *
	 * @param string $list Ids, an IN () list.
	 */
	private function posts_sql( string $list ): string {
		global $wpdb;
		return "SELECT * FROM {$wpdb->posts} WHERE ID IN ($list) ORDER BY ID";
	}

	/**
	 * The posts' meta: the columns META_COLUMNS names and post_id, in
	 * meta_id order (post_meta() groups them by post).
	 *
	 * The meta of a chunk's posts was mostly written together (an import
	 * writes a post's meta at once, and posts in id order), so their
	 * meta_ids lie close together: read as a range of the primary key, the
	 * rows come in the table's own order, about 40% faster on the server
	 * than one lookup of the primary key per row from the post_id index.
	 * That is only when the range is dense (at most twice the rows it holds:
	 * one cheap count over the post_id index says), else a post updated
	 * long after the others would make the server read the table between.
	 * The statement is remembered for the chunk being read and the next,
	 * because prefetch() and post_meta() must name the same statement; so is
	 * the count, and a read that gives fewer rows (meta rewritten between
	 * the two) is done again without the range. For the next chunk the
	 * count is read in the background (prefetch() queues it, and its rows
	 * come here); waiting for it on wpdb's connection cost a twentieth of
	 * an export.
	 *
	 * @param string     $list       Ids, an IN () list.
	 * @param array|null $range_rows meta_range_sql()'s rows, when read already.
	 * @throws RuntimeException On a database error.
	 */
	private function post_meta_sql( string $list, ?array $range_rows = null ): string {
		global $wpdb;
		if ( null === $range_rows && ! isset( $this->meta_sql[ $list ] ) && $this->prefetch ) {
			$this->prefetch->settle( $this->meta_range_sql( $list ) ); // Queued by prefetch(): its rows come here.
		}
		if ( isset( $this->meta_sql[ $list ] ) ) {
			return $this->meta_sql[ $list ];
		}
		$sql   = 'SELECT ' . self::META_COLUMNS . ", post_id FROM {$wpdb->postmeta} WHERE post_id IN ($list) ORDER BY meta_id";
		$range = ( $range_rows ?? Anp_Db::read( $this->meta_range_sql( $list ) ) )[0] ?? null;
		$count = null;
		if ( $range && (int) $range[2] > 0 && (int) $range[1] - (int) $range[0] + 1 <= 2 * (int) $range[2] ) {
			$sql   = sprintf( 'SELECT ' . self::META_COLUMNS . ", post_id FROM {$wpdb->postmeta} FORCE INDEX (PRIMARY) WHERE meta_id BETWEEN %d AND %d AND post_id IN ($list) ORDER BY meta_id", (int) $range[0], (int) $range[1] );
			$count = (int) $range[2];
		}
		$this->meta_sql   = array_slice( $this->meta_sql, -1, null, true ) + array( $list => $sql );
		$this->meta_count = array_intersect_key( $this->meta_count, $this->meta_sql ) + array( $list => $count );
		return $sql;
	}

	/**
	 * The first meta_id, the last, and how many rows the posts' meta has
	 * (post_meta_sql() reads a dense range by the primary key).
	 *
	 * @param string $list Ids, an IN () list.
	 */
	private function meta_range_sql( string $list ): string {
		global $wpdb;
		return "SELECT MIN(meta_id), MAX(meta_id), COUNT(*) FROM {$wpdb->postmeta} WHERE post_id IN ($list)";
	}

	/**
	 * The posts' term relationships: object_id, term_taxonomy_id.
	 *
	 * @param string $list Ids, an IN () list.
	 */
	private function relationships_sql( string $list ): string {
		global $wpdb;
		return "SELECT object_id, term_taxonomy_id FROM {$wpdb->term_relationships} WHERE object_id IN ($list)";
	}

	/**
	 * The posts' comments but spam, by post and comment_ID.
	 *
	 * @param string $list Ids, an IN () list.
	 */
	private function comments_sql( string $list ): string {
		global $wpdb;
		return "SELECT * FROM {$wpdb->comments} WHERE comment_post_ID IN ($list) AND comment_approved <> 'spam' ORDER BY comment_post_ID, comment_ID";
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
