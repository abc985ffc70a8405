<?php
/**
 * Creating a group of new posts with a handful of queries.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Writes new posts as wp_insert_post() would leave them, without its hundred
 * queries a post: one statement for the group's post rows (insert_posts()
 * says how each row's id is known), one for all their meta, one for all
 * their term relationships, one for their ledger rows; the slugs with two
 * queries (Anp_Unique_Slugs), the GUIDs with none where the server gave
 * the ids foreseen (set_guids()).
 *
 * It keeps what other code relies on: the post data goes through
 * sanitize_post() and the wp_insert_post_data filter, the default category is
 * set as wp_insert_post() sets it, and the same actions fire (status
 * transition, save_post, wp_insert_post, wp_after_insert_post) once the post,
 * its meta and its terms are all written (Anp_Insert_Actions, which does
 * WordPress's per-post bookkeeping once a group; the caller may hold other
 * code's handlers of them until its commit: Anp_Held_Actions).
 * Terms are found and created with term_exists() and wp_insert_term(), as
 * wp_set_object_terms() does, and remembered for the run.
 *
 * The meta, the group's longest statement, goes through
 * Anp_Db::long_write(): the worker reads its next files while the server
 * writes it (Anp_Read_Ahead).
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

	/** @var array|null How the server numbers new posts: step, offset, stepped (a multi-row INSERT's ids are a step apart), returning (INSERT … RETURNING). */
	private $ids;

	/** @var bool[] For each row of the group: whether its guid is this class's to set (the filter gave none). */
	private $guid_is_ours = array();

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
		$postarrs = array();
		$fields   = array();
		$wanted   = array();
		$site     = $this->site_now();
		foreach ( $items as $i => $item ) {
			$postarrs[ $i ]                         = sanitize_post( $item->post, 'db' );
			$fields[ $i ]                           = $this->post_fields( $postarrs[ $i ], $site );
			$wanted[ $fields[ $i ]['post_type'] ][] = $fields[ $i ]['post_name'];
		}
		if ( Anp_Name_Claims::active() ) {
			// Before the slugs are read: a worker writing posts of the same
			// titles commits first, and this group reads its slugs then.
			Anp_Name_Claims::take( Anp_Name_Claims::TITLE_SLUG, array_merge( ...array_values( $wanted ) ) );
		}
		$slugs = new Anp_Unique_Slugs( $wanted );
		$posts = array();
		Anp_Name_Claims::in_bulk(
			function () use ( $items, $fields, $postarrs, $slugs, &$posts ) {
				foreach ( array_keys( $items ) as $i ) {
					$posts[] = $this->post_row( $fields[ $i ], $postarrs[ $i ], $slugs );
				}
			}
		);
		if ( Anp_Name_Claims::active() ) {
			// Other workers pick slugs beside this group (Anp_Name_Claims).
			Anp_Name_Claims::claim_slugs( $posts );
		}
		$ids = $this->insert_posts( $posts );
		foreach ( $ids as $i => $id ) {
			$posts[ $i ]['ID'] = $id;
		}
		$this->name_after_ids( $posts );
		// As wp_insert_post() leaves it: the new post is in the object cache,
		// so that the actions' handlers calling get_post() do not query it.
		$objects = array_map( static fn( $row ) => new WP_Post( (object) $row ), $posts );
		update_post_cache( $objects );

		$meta          = array();
		$relationships = array();
		foreach ( $items as $i => $item ) {
			foreach ( $item->meta as $key => $value ) {
				$meta[] = $this->meta_tuple( $ids[ $i ], (string) $key, $value );
			}
			foreach ( $this->term_taxonomy_ids( $item->terms, $posts[ $i ]['post_type'] ) as $tt_id ) {
				$relationships[] = sprintf( '(%d,%d,0)', $ids[ $i ], $tt_id );
			}
		}
		// The group's longest write: PHP reads the next files meanwhile.
		foreach ( $this->statements( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES ", $meta ) as list( $sql ) ) {
			Anp_Db::long_write( $sql, $wpdb->postmeta, array( 'meta_key', 'meta_value' ) );
		}
		$this->insert_rows( "INSERT IGNORE INTO {$wpdb->term_relationships} (object_id, term_taxonomy_id, term_order) VALUES ", $relationships );
		$this->set_guids( $objects, $posts );

		$ledger_items = array();
		foreach ( $items as $i => $item ) {
			$ledger_items[] = array( $item->identity, $ids[ $i ], $item->hash, $item->path, $item->ledger_row );
		}
		$this->ledger->remember_created( $ledger_items, $batch_id );

		wp_cache_set_posts_last_changed();
		wp_cache_set_terms_last_changed();
		$meta_keys = array();
		foreach ( $items as $i => $item ) {
			$meta_keys[ $ids[ $i ] ] = array_fill_keys( array_map( 'strval', array_keys( $item->meta ) ), true );
		}
		$added = ( new Anp_Insert_Actions() )->fire( $objects, $meta_keys );
		$this->insert_rows( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES ", array_map( fn( $row ) => $this->meta_tuple( ...$row ), $added ) );
		foreach ( array_unique( array_column( $added, 0 ) ) as $post_id ) {
			wp_cache_delete( $post_id, 'post_meta' );
		}
		return $ids;
	}

	/**
	 * Gives a published (or scheduled, or private) post whose title leaves
	 * no slug ("???") the one wp_insert_post() gives it once it has an id:
	 * sanitize_title()'s fallback, the id, made unique. Without it the
	 * post's pretty permalink has no name. One statement for the group;
	 * rare.
	 *
	 * @param array $posts The group's rows as inserted, with their ids.
	 * @throws RuntimeException On a database error.
	 * @throws Anp_Transaction_Lost When another worker took one of the slugs.
	 */
	private function name_after_ids( array &$posts ): void {
		global $wpdb;
		$cases   = array();
		$renamed = array();
		foreach ( $posts as $i => $row ) {
			if ( '' !== $row['post_name'] || in_array( $row['post_status'], Anp_Unique_Slugs::LEFT_AS_GIVEN, true ) ) {
				continue;
			}
			$slug                    = (string) wp_unique_post_slug( sanitize_title( $row['post_title'], $row['ID'] ), $row['ID'], $row['post_status'], $row['post_type'], (int) $row['post_parent'] );
			$posts[ $i ]['post_name'] = $slug;
			$cases[ $row['ID'] ]      = "WHEN {$row['ID']} THEN '" . Anp_Db::escape( $slug ) . "'";
			$renamed[]                = $posts[ $i ];
		}
		if ( ! $cases ) {
			return;
		}
		if ( Anp_Name_Claims::active() ) {
			// As for the group's other slugs: workers pick slugs beside this group.
			Anp_Name_Claims::claim_slugs( $renamed );
		}
		foreach ( array_chunk( $cases, self::ROWS_PER_STATEMENT, true ) as $chunk ) {
			$this->query( "UPDATE {$wpdb->posts} SET post_name = CASE ID " . implode( ' ', $chunk ) . ' END WHERE ID IN (' . implode( ',', array_keys( $chunk ) ) . ')' );
		}
		foreach ( array_keys( $cases ) as $id ) {
			// As wp_insert_post() does after its UPDATE: wp_unique_post_slug()
			// read the post (get_post()), and the cache holds it without its name.
			clean_post_cache( $id );
		}
	}

	/**
	 * A postmeta row's tuple. Escaped, not prepare()d: no format string to
	 * parse for each of ~25 rows a post.
	 *
	 * @param int    $post_id The post.
	 * @param string $key     The meta key.
	 * @param mixed  $value   The value, serialized here as add_post_meta() does.
	 */
	private function meta_tuple( int $post_id, string $key, $value ): string {
		return '(' . $post_id . ",'" . Anp_Db::escape( $key ) . "','" . Anp_Db::escape( (string) maybe_serialize( $value ) ) . "')";
	}

	/**
	 * Gives each new post the guid wp_insert_post() gives it: its permalink,
	 * read once its id and terms are written. insert_posts() already wrote
	 * the default permalink ("?p=<id>") from the id it foresaw, which is
	 * what a site without pretty permalinks ends with, so only the posts
	 * whose guid differs (pretty permalinks, a post_link filter, an id the
	 * server gave otherwise) are written again, in one statement. A guid the
	 * wp_insert_post_data filter gave is kept, as wp_insert_post() keeps it.
	 *
	 * @param WP_Post[] $objects The posts as cached, given their guid here.
	 * @param array     $rows    Their rows as inserted.
	 * @throws RuntimeException On a database error.
	 */
	private function set_guids( array $objects, array $rows ): void {
		global $wpdb;
		$cases = array();
		foreach ( $objects as $i => $post ) {
			if ( ! $this->guid_is_ours[ $i ] ) {
				continue;
			}
			$guid = (string) get_permalink( $post );
			if ( $guid !== $rows[ $i ]['guid'] ) {
				$cases[ $post->ID ] = "WHEN {$post->ID} THEN '" . Anp_Db::escape( $guid ) . "'";
				$post->guid         = $guid;
				// The cache holds a copy: the guid foreseen, until told.
				wp_cache_set( $post->ID, $post, 'posts' );
			}
		}
		foreach ( array_chunk( $cases, self::ROWS_PER_STATEMENT, true ) as $chunk ) {
			$this->query( "UPDATE {$wpdb->posts} SET guid = CASE ID " . implode( ' ', $chunk ) . ' END WHERE ID IN (' . implode( ',', array_keys( $chunk ) ) . ')' );
		}
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
			$key = (string) $key;
			if ( strlen( $key ) > self::META_KEY_LENGTH && mb_strlen( $key ) > self::META_KEY_LENGTH ) {
				return sprintf( 'meta key "%s..." is longer than the %d characters WordPress keeps', mb_substr( $key, 0, 40 ), self::META_KEY_LENGTH );
			}
			// A value escapes to twice its length at most, and a string
			// serialized (should it look serialized) to a few bytes more:
			// only a long one is measured escaped.
			$stored = is_string( $value ) ? $value : (string) maybe_serialize( $value );
			if ( 256 + 2 * ( strlen( $key ) + strlen( $stored ) + 32 ) < $limit ) {
				continue;
			}
			$bytes = 256 + $this->escaped_length( array( $key, is_string( $value ) ? (string) maybe_serialize( $value ) : $stored ), $limit );
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
			$escaped += strlen( Anp_Db::escape( $value ) );
		}
		return $escaped;
	}

	/**
	 * Inserts post rows and returns their ids, in as few statements as the
	 * server allows while telling each row's id:
	 * - InnoDB's auto-increment lock modes 0 and 1 give a multi-row INSERT
	 *   ids a step apart (auto_increment_increment: 1 on one server, the
	 *   number of nodes under Galera's wsrep_auto_increment_control);
	 * - mode 2 (interleaved, which Galera requires) does not, and there
	 *   MariaDB's INSERT … RETURNING tells each row's id;
	 * - else (MySQL in mode 2) one INSERT a row.
	 * A row the wp_insert_post_data filter gave no guid gets the default
	 * permalink of the id the server is expected to give it, so that on a
	 * site without pretty permalinks set_guids() has nothing to write.
	 *
	 * @param array $rows wp_posts rows; guids foreseen here.
	 * @return int[]
	 * @throws RuntimeException On a database error.
	 */
	private function insert_posts( array &$rows ): array {
		global $wpdb;
		if ( null === $this->ids ) {
			$server    = Anp_Db::row( 'SELECT @@innodb_autoinc_lock_mode AS lock_mode, @@auto_increment_increment AS id_step, @@auto_increment_offset AS id_offset, VERSION() AS version' );
			$this->ids = array(
				'step'      => max( 1, (int) $server['id_step'] ),
				'offset'    => max( 1, (int) $server['id_offset'] ),
				'stepped'   => (int) $server['lock_mode'] <= 1,
				'returning' => $wpdb->dbh instanceof mysqli && str_contains( (string) $server['version'], 'MariaDB' ) && version_compare( (string) $server['version'], '10.5', '>=' ),
			);
		}
		$this->guid_is_ours = array();
		$next               = $this->next_id();
		foreach ( $rows as $i => &$row ) {
			$this->guid_is_ours[ $i ] = '' === (string) ( $row['guid'] ?? '' );
			if ( $this->guid_is_ours[ $i ] ) {
				$row['guid'] = home_url( '/?p=' . ( $next + $i * $this->ids['step'] ) );
			}
		}
		unset( $row );
		$ids = array();
		if ( ! $this->ids['stepped'] && ! $this->ids['returning'] ) {
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
			$tuple   = "('" . implode( "','", array_map( array( Anp_Db::class, 'escape' ), array_map( 'strval', $row ) ) ) . "')";
			if ( $runs && end( $runs )[0] === $columns ) {
				$runs[ count( $runs ) - 1 ][1][] = $tuple;
			} else {
				$runs[] = array( $columns, array( $tuple ) );
			}
		}
		foreach ( $runs as list( $columns, $tuples ) ) {
			foreach ( $this->statements( "INSERT INTO {$wpdb->posts} (`$columns`) VALUES ", $tuples ) as list( $sql, $count ) ) {
				if ( $this->ids['stepped'] ) {
					$this->query( $sql );
					$first = (int) $wpdb->insert_id;
					$ids   = array_merge( $ids, range( $first, $first + ( $count - 1 ) * $this->ids['step'], $this->ids['step'] ) );
				} else {
					$ids = array_merge( $ids, Anp_Db::returning_ids( $sql . ' RETURNING ID' ) );
				}
			}
		}
		return $ids;
	}

	/**
	 * The id the server is expected to give the next post: the table's
	 * AUTO_INCREMENT, on this server's step and offset. A guess only (other
	 * writers may take it first), which set_guids() checks.
	 *
	 * @throws RuntimeException On a database error.
	 */
	private function next_id(): int {
		global $wpdb;
		$next   = (int) Anp_Db::value( $wpdb->prepare( 'SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s', $wpdb->posts ) );
		$step   = $this->ids['step'];
		$offset = $this->ids['offset'] > $step ? 1 : $this->ids['offset'];
		return $next + ( ( ( $offset - $next ) % $step ) + $step ) % $step;
	}

	/**
	 * Forgets the terms found so far: after a rollback, some of them may no
	 * longer exist.
	 */
	public function forget(): void {
		$this->term_ids = array();
	}

	/**
	 * A new post's fields as wp_insert_post() computes them before it makes
	 * the slug unique: sanitized, dated, a future publish date made
	 * "future"; post_name is the sanitized slug it asks for.
	 *
	 * @param array $postarr Post fields (title, content, excerpt, status, type, author, date, name), sanitize_post()ed.
	 * @param array $site    What site_now() read for the group (and each type's default comment and ping status, added here).
	 */
	private function post_fields( array $postarr, array &$site ): array {
		$type   = $postarr['post_type'];
		$status = $postarr['post_status'];
		$now    = $site['now'];
		$date   = empty( $postarr['post_date'] ) ? $now : $postarr['post_date'];
		// A draft's date "floats" until it is published: no GMT date yet.
		$floating = in_array( $status, $site['floating'], true );
		if ( $floating ) {
			$date_gmt = '0000-00-00 00:00:00';
		} else {
			// get_gmt_from_date(), with the site's time zone read once a group.
			$datetime = date_create( $date, $site['timezone'] );
			$date_gmt = false === $datetime ? gmdate( 'Y-m-d H:i:s', 0 ) : $datetime->setTimezone( new DateTimeZone( 'UTC' ) )->format( 'Y-m-d H:i:s' );
		}
		if ( ! isset( $site['comments'][ $type ] ) ) {
			$site['comments'][ $type ] = array( get_default_comment_status( $type ), get_default_comment_status( $type, 'pingback' ) );
		}
		if ( 'publish' === $status && strtotime( $date_gmt ) - time() >= MINUTE_IN_SECONDS ) {
			$status = 'future';
		}
		return array(
			'post_author'           => (int) $postarr['post_author'],
			'post_date'             => $date,
			'post_date_gmt'         => $date_gmt,
			'post_content'          => $postarr['post_content'],
			'post_content_filtered' => '',
			'post_title'            => $postarr['post_title'],
			'post_excerpt'          => $postarr['post_excerpt'],
			'post_status'           => $status,
			'post_type'             => $type,
			'comment_status'        => $site['comments'][ $type ][0],
			'ping_status'           => $site['comments'][ $type ][1],
			'post_password'         => '',
			'post_name'             => sanitize_title( $postarr['post_name'] ?? $postarr['post_title'] ),
			'to_ping'               => '',
			'pinged'                => '',
			// A new post's, as wp_insert_post() gives it: its own dates.
			'post_modified'         => $date,
			'post_modified_gmt'     => $date_gmt,
			'post_parent'           => 0,
			'menu_order'            => 0,
			'post_mime_type'        => '',
			'guid'                  => '',
		);
	}

	/**
	 * What post_fields() reads of the site, once a group where
	 * wp_insert_post() reads it once a post (the time zone alone was a
	 * tenth of a published post's PHP time): the time now, the statuses
	 * whose date floats, the time zone.
	 */
	private function site_now(): array {
		return array(
			'now'      => current_time( 'mysql' ),
			'floating' => get_post_stati( array( 'date_floating' => true ) ),
			'timezone' => wp_timezone(),
			'comments' => array(),
		);
	}

	/**
	 * The wp_posts row of a new post, as wp_insert_post() computes it: its
	 * fields with a unique slug, through the wp_insert_post_data filter.
	 *
	 * @param array            $data    What post_fields() gave.
	 * @param array            $postarr The post fields it was given, sanitize_post()ed.
	 * @param Anp_Unique_Slugs $slugs   The group's slugs.
	 */
	private function post_row( array $data, array $postarr, Anp_Unique_Slugs $slugs ): array {
		$data['post_name'] = $slugs->claim( $data['post_name'], $data['post_status'], $data['post_type'] );
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
	 * @throws RuntimeException On a database error.
	 */
	private function query( string $sql ): void {
		Anp_Db::query( $sql );
	}
}
