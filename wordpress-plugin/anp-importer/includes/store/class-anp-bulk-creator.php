<?php
/**
 * Creating a group of new posts with a handful of queries.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Writes new posts as wp_insert_post() would leave them, without its hundred
 * queries a post: one INSERT per post row, then one statement for all the
 * group's meta, one for all its term relationships, one for its ledger rows.
 *
 * It keeps what other code relies on: the post data goes through
 * sanitize_post() and the wp_insert_post_data filter, the default category is
 * set as wp_insert_post() sets it, and the same actions fire (status
 * transition, save_post, wp_insert_post, wp_after_insert_post) once the post,
 * its meta and its terms are all written (the caller may hold other code's
 * handlers of them until its commit: Anp_Held_Actions).
 * Terms are found and created with term_exists() and wp_insert_term(), as
 * wp_set_object_terms() does, and remembered for the run.
 *
 * Statements are cut to stay under the server's max_allowed_packet, which
 * the server answers by dropping the connection; a post that no statement
 * can hold is refused before anything is sent (cannot_write()).
 *
 * It runs inside the caller's transaction. Any failure throws; the caller
 * rolls the group back, calls forget(), and writes the group again post by
 * post to find the post at fault.
 */
final class Anp_Bulk_Creator {

	/** Rows per multi-row INSERT at most (and fewer when they are long: max_allowed_packet). */
	const ROWS_PER_STATEMENT = 500;

	/** What a row of wp_posts takes besides its values, in a statement: columns, quotes, commas. */
	const POST_ROW_OVERHEAD = 4096;

	/** Characters WordPress keeps of a meta key (wp_postmeta.meta_key). */
	const META_KEY_LENGTH = 255;

	/** @var array "taxonomy\0name" => term_taxonomy_id */
	private $term_ids = array();

	/** @var Anp_Ledger */
	private $ledger;

	/** @var bool|null Whether a multi-row INSERT gets consecutive ids. */
	private $consecutive_ids;

	/** @var mysqli|false|null wpdb's connection, when it is mysqli. */
	private $mysqli;

	public function __construct( Anp_Ledger $ledger ) {
		$this->ledger = $ledger;
	}

	/**
	 * Creates the posts of prepared files.
	 *
	 * @param Anp_Import_Item[] $items    Files planned as new posts, their
	 *                                   post, meta and terms filtered.
	 * @param string            $batch_id The run.
	 * @return int[] The new post ids, in the order of $items.
	 * @throws RuntimeException On any database error.
	 */
	public function create( array $items, string $batch_id ): array {
		global $wpdb;
		$posts = array();
		$slugs = array();
		foreach ( $items as $item ) {
			$posts[] = $this->post_row( $item->post, $slugs );
		}
		$ids = $this->insert_posts( $posts );
		foreach ( $ids as $i => $id ) {
			$posts[ $i ]['ID'] = $id;
		}
		// As wp_insert_post() leaves it: the new post is in the object cache,
		// so that the actions' handlers calling get_post() do not query it.
		$objects = array_map( static fn( $row ) => new WP_Post( (object) $row ), $posts );
		update_post_cache( $objects );
		// What wp_insert_post() writes in a second query, for the whole group.
		$this->query( $wpdb->prepare( "UPDATE {$wpdb->posts} SET guid = CONCAT(%s, ID) WHERE ID IN (" . implode( ',', $ids ) . ')', home_url( '/?p=' ) ) );

		$meta          = array();
		$relationships = array();
		foreach ( $items as $i => $item ) {
			foreach ( $item->meta as $key => $value ) {
				// Escaped, not prepare()d: no format string to parse for each
				// of ~25 rows a post.
				$meta[] = '(' . $ids[ $i ] . ",'" . $this->escape( (string) $key ) . "','" . $this->escape( (string) maybe_serialize( $value ) ) . "')";
			}
			foreach ( $this->term_taxonomy_ids( $item->terms, $posts[ $i ]['post_type'] ) as $tt_id ) {
				$relationships[] = sprintf( '(%d,%d,0)', $ids[ $i ], $tt_id );
			}
		}
		$this->insert_rows( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES ", $meta );
		$this->insert_rows( "INSERT IGNORE INTO {$wpdb->term_relationships} (object_id, term_taxonomy_id, term_order) VALUES ", $relationships );

		$ledger_items = array();
		foreach ( $items as $i => $item ) {
			$ledger_items[] = array( $item->identity, $ids[ $i ], $item->hash, $item->path );
		}
		$this->ledger->remember_created( $ledger_items, $batch_id );

		wp_cache_set_posts_last_changed();
		wp_cache_set_terms_last_changed();
		$this->fire_insert_actions( $objects );
		return $ids;
	}

	/**
	 * Why a post cannot be written as it is, or null: a statement holding it
	 * would be over max_allowed_packet (the server would drop the
	 * connection), or a meta key is longer than WordPress keeps (which
	 * wp_insert_post()'s add_post_meta() refuses too; MariaDB would cut it).
	 *
	 * @param Anp_Import_Item $item A file planned as a post.
	 * @throws RuntimeException On a database error.
	 */
	public function cannot_write( Anp_Import_Item $item ): ?string {
		$limit  = Anp_Db::max_statement_bytes();
		$values = array();
		foreach ( $item->post as $value ) {
			if ( is_scalar( $value ) ) {
				$values[] = (string) $value;
			}
		}
		$post = self::POST_ROW_OVERHEAD + $this->escaped_length( $values, $limit );
		if ( $post > $limit ) {
			return sprintf( 'the post is about %s bytes as an SQL statement, more than the database server takes in one (max_allowed_packet is %s bytes)', number_format( $post ), number_format( $limit + 1024 ) );
		}
		foreach ( $item->meta as $key => $value ) {
			if ( mb_strlen( (string) $key ) > self::META_KEY_LENGTH ) {
				return sprintf( 'meta key "%s..." is longer than the %d characters WordPress keeps', mb_substr( (string) $key, 0, 40 ), self::META_KEY_LENGTH );
			}
			$bytes = 256 + $this->escaped_length( array( (string) $key, (string) maybe_serialize( $value ) ), $limit );
			if ( $bytes > $limit ) {
				return sprintf( 'meta %s is about %s bytes as an SQL statement, more than the database server takes in one (max_allowed_packet is %s bytes)', $key, number_format( $bytes ), number_format( $limit + 1024 ) );
			}
		}
		return null;
	}

	/**
	 * The length of one statement's values escaped for SQL. Escaping at
	 * most doubles a value, so the values are only escaped when twice
	 * their sum is near the limit. The bound is on the sum, not on each
	 * value: two values each under half the limit may still, escaped
	 * together, be over it.
	 *
	 * @param string[] $values The values one statement holds.
	 * @param int      $limit  The most bytes a statement may have.
	 */
	private function escaped_length( array $values, int $limit ): int {
		$length = array_sum( array_map( 'strlen', $values ) );
		if ( 2 * $length + self::POST_ROW_OVERHEAD < $limit ) {
			return $length;
		}
		$escaped = 0;
		foreach ( $values as $value ) {
			$escaped += strlen( $this->escape( $value ) );
		}
		return $escaped;
	}

	/**
	 * The actions wp_insert_post() fires for new posts.
	 *
	 * @param WP_Post[] $posts The posts create() made.
	 */
	private function fire_insert_actions( array $posts ): void {
		// Two of core's handlers of a status change do, for each post, work
		// whose end state does not depend on how often it is done: recounting
		// the post's terms (nine queries a post; the importer recounts every
		// term it touched at the end of the run) and deleting the
		// is_multi_author transient (two queries a post; done once below).
		$once = array(
			'_update_term_count_on_transition_post_status' => has_action( 'transition_post_status', '_update_term_count_on_transition_post_status' ),
			'__clear_multi_author_cache'                   => has_action( 'transition_post_status', '__clear_multi_author_cache' ),
		);
		foreach ( array_filter( $once, 'is_int' ) as $callback => $priority ) {
			remove_action( 'transition_post_status', $callback, $priority );
		}
		try {
			foreach ( $posts as $post ) {
				$this->fire_post_insert_actions( $post );
			}
		} finally {
			foreach ( array_filter( $once, 'is_int' ) as $callback => $priority ) {
				add_action( 'transition_post_status', $callback, $priority, 3 );
			}
		}
		if ( is_int( $once['__clear_multi_author_cache'] ) ) {
			__clear_multi_author_cache();
		}
	}

	/**
	 * Inserts post rows and returns their ids. One statement for them all
	 * when the server hands a multi-row INSERT consecutive ids (InnoDB's
	 * auto-increment lock modes 0 and 1 guarantee it), else one per row.
	 *
	 * @param array $rows wp_posts rows.
	 * @return int[]
	 * @throws RuntimeException On a database error.
	 */
	private function insert_posts( array $rows ): array {
		global $wpdb;
		if ( null === $this->consecutive_ids ) {
			$this->consecutive_ids = (int) Anp_Db::value( 'SELECT @@innodb_autoinc_lock_mode' ) <= 1;
		}
		$ids = array();
		if ( ! $this->consecutive_ids ) {
			foreach ( $rows as $row ) {
				Anp_Db::checked( static fn() => $wpdb->insert( $wpdb->posts, $row ) );
				$ids[] = (int) $wpdb->insert_id;
			}
			return $ids;
		}
		// Rows in statements of their own columns: a wp_insert_post_data
		// filter may give a post keys the others lack, or in another order.
		$runs = array();
		foreach ( $rows as $row ) {
			ksort( $row );
			$columns = implode( '`,`', array_keys( $row ) );
			$tuple   = "('" . implode( "','", array_map( array( $this, 'escape' ), array_map( 'strval', $row ) ) ) . "')";
			if ( $runs && end( $runs )[0] === $columns ) {
				$runs[ count( $runs ) - 1 ][1][] = $tuple;
			} else {
				$runs[] = array( $columns, array( $tuple ) );
			}
		}
		foreach ( $runs as list( $columns, $tuples ) ) {
			foreach ( $this->statements( "INSERT INTO {$wpdb->posts} (`$columns`) VALUES ", $tuples ) as list( $sql, $count ) ) {
				$this->query( $sql );
				// Consecutive ids within one statement (see above).
				$first = (int) $wpdb->insert_id;
				$ids   = array_merge( $ids, range( $first, $first + $count - 1 ) );
			}
		}
		return $ids;
	}

	/**
	 * Forgets the terms found so far: after a rollback, some of them may no
	 * longer exist.
	 */
	public function forget(): void {
		$this->term_ids = array();
	}

	/**
	 * The wp_posts row of a new post, as wp_insert_post() computes it.
	 *
	 * @param array $postarr Post fields (title, content, excerpt, status, type, author, date, name).
	 * @param array $slugs   Slugs given to earlier posts of the group, which are not
	 *                       in the database yet for wp_unique_post_slug() to see.
	 */
	private function post_row( array $postarr, array &$slugs ): array {
		$postarr = sanitize_post( $postarr, 'db' );
		$type    = $postarr['post_type'];
		$status  = $postarr['post_status'];
		$now     = current_time( 'mysql' );
		$date    = empty( $postarr['post_date'] ) ? $now : $postarr['post_date'];
		// A draft's date "floats" until it is published: no GMT date yet.
		$floating = in_array( $status, get_post_stati( array( 'date_floating' => true ) ), true );
		$date_gmt = $floating ? '0000-00-00 00:00:00' : get_gmt_from_date( $date );
		if ( 'publish' === $status && strtotime( $date_gmt ) - time() >= MINUTE_IN_SECONDS ) {
			$status = 'future';
		}
		$name = sanitize_title( $postarr['post_name'] ?? $postarr['post_title'] );
		if ( ! $floating ) {
			// wp_unique_post_slug()'s own "-2", "-3" suffixes, carried on past
			// the slugs this group already took.
			$candidate = $name;
			for ( $suffix = 2; isset( $slugs[ $type ][ $unique = wp_unique_post_slug( $candidate, 0, $status, $type, 0 ) ] ); $suffix++ ) {
				$candidate = $name . '-' . $suffix;
			}
			$name                    = $unique;
			$slugs[ $type ][ $name ] = true;
		}
		$data = array(
			'post_author'           => (int) $postarr['post_author'],
			'post_date'             => $date,
			'post_date_gmt'         => $date_gmt,
			'post_content'          => $postarr['post_content'],
			'post_content_filtered' => '',
			'post_title'            => $postarr['post_title'],
			'post_excerpt'          => $postarr['post_excerpt'],
			'post_status'           => $status,
			'post_type'             => $type,
			'comment_status'        => get_default_comment_status( $type ),
			'ping_status'           => get_default_comment_status( $type, 'pingback' ),
			'post_password'         => '',
			'post_name'             => $name,
			'to_ping'               => '',
			'pinged'                => '',
			'post_modified'         => $now,
			'post_modified_gmt'     => current_time( 'mysql', 1 ),
			'post_parent'           => 0,
			'menu_order'            => 0,
			'post_mime_type'        => '',
			'guid'                  => '',
		);
		// The filter sees slashed data, as it does in wp_insert_post().
		return wp_unslash( apply_filters( 'wp_insert_post_data', wp_slash( $data ), wp_slash( $postarr ), wp_slash( $postarr ), false ) );
	}

	/**
	 * The term_taxonomy_ids of a post's terms, creating missing terms; and the
	 * default category when the post has none, as wp_insert_post() gives it.
	 *
	 * @param array  $terms     Taxonomy => term names.
	 * @param string $post_type The post's type.
	 * @throws RuntimeException When a term cannot be created.
	 */
	private function term_taxonomy_ids( array $terms, string $post_type ): array {
		$ids = array();
		if ( empty( $terms['category'] ) && is_object_in_taxonomy( $post_type, 'category' ) ) {
			$default = get_term( (int) get_option( 'default_category' ), 'category' );
			if ( $default instanceof WP_Term ) {
				$ids[] = (int) $default->term_taxonomy_id;
			}
		}
		foreach ( $terms as $taxonomy => $names ) {
			if ( ! taxonomy_exists( $taxonomy ) ) {
				throw new RuntimeException( sprintf( 'terms of %s: Invalid taxonomy.', $taxonomy ) );
			}
			foreach ( $names as $name ) {
				$ids[] = $this->term_taxonomy_id( $taxonomy, (string) $name );
			}
		}
		return array_unique( $ids );
	}

	/**
	 * @throws RuntimeException When the term cannot be created.
	 */
	private function term_taxonomy_id( string $taxonomy, string $name ): int {
		$key = $taxonomy . "\0" . $name;
		if ( ! isset( $this->term_ids[ $key ] ) ) {
			$term = term_exists( $name, $taxonomy );
			if ( ! $term ) {
				$term = wp_insert_term( $name, $taxonomy );
			}
			if ( is_wp_error( $term ) ) {
				throw new RuntimeException( sprintf( 'terms of %s: %s', $taxonomy, $term->get_error_message() ) );
			}
			$this->term_ids[ $key ] = (int) $term['term_taxonomy_id'];
		}
		return $this->term_ids[ $key ];
	}

	/**
	 * The actions wp_insert_post() fires for a new post.
	 */
	private function fire_post_insert_actions( WP_Post $post ): void {
		wp_transition_post_status( $post->post_status, 'new', $post );
		do_action( "save_post_{$post->post_type}", $post->ID, $post, false );
		do_action( 'save_post', $post->ID, $post, false );
		do_action( 'wp_insert_post', $post->ID, $post, false );
		wp_after_insert_post( $post, false, null );
	}

	/**
	 * @param string   $head The statement up to VALUES.
	 * @param string[] $rows Prepared "(…)" tuples.
	 * @throws RuntimeException On a database error.
	 */
	private function insert_rows( string $head, array $rows ): void {
		foreach ( $this->statements( $head, $rows ) as list( $sql ) ) {
			$this->query( $sql );
		}
	}

	/**
	 * Multi-row statements of tuples, each under max_allowed_packet and of
	 * ROWS_PER_STATEMENT rows at most.
	 *
	 * @param string   $head   The statement up to VALUES.
	 * @param string[] $tuples "(…)" tuples.
	 * @return array[] array( statement, rows in it ) each.
	 * @throws RuntimeException When one tuple alone is too long (cannot_write() keeps such posts out).
	 */
	private function statements( string $head, array $tuples ): array {
		$limit      = Anp_Db::max_statement_bytes();
		$statements = array();
		$chunk      = array();
		$bytes      = strlen( $head );
		foreach ( $tuples as $tuple ) {
			$length = strlen( $tuple ) + 1;
			if ( $chunk && ( $bytes + $length > $limit || count( $chunk ) >= self::ROWS_PER_STATEMENT ) ) {
				$statements[] = array( $head . implode( ',', $chunk ), count( $chunk ) );
				$chunk        = array();
				$bytes        = strlen( $head );
			}
			if ( strlen( $head ) + $length > $limit ) {
				throw new RuntimeException( sprintf( 'a row of %s bytes does not fit in a statement (max_allowed_packet)', number_format( $length ) ) );
			}
			$chunk[] = $tuple;
			$bytes  += $length;
		}
		if ( $chunk ) {
			$statements[] = array( $head . implode( ',', $chunk ), count( $chunk ) );
		}
		return $statements;
	}

	/**
	 * A string escaped for a quoted SQL literal. esc_sql() also marks every
	 * "%" for prepare(), which these statements never go through, and that
	 * marking cost as much as the escaping itself.
	 */
	private function escape( string $text ): string {
		if ( null === $this->mysqli ) {
			global $wpdb;
			$this->mysqli = $wpdb->dbh instanceof mysqli ? $wpdb->dbh : false;
		}
		return $this->mysqli ? mysqli_real_escape_string( $this->mysqli, $text ) : esc_sql( $text );
	}

	/**
	 * @throws RuntimeException On a database error.
	 */
	private function query( string $sql ): void {
		Anp_Db::query( $sql );
	}
}
