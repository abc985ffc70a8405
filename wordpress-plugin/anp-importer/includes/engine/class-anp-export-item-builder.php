<?php
/**
 * WordPress's values for each post of an export, as core's export_wp()
 * makes them, a chunk of posts at a time.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Turns a chunk of post ids into the item arrays of the WXR writer
 * (docs/wxr-writer.md, "The arrays"), each value made as export_wp() makes
 * it (WordPress 6.1, wp-admin/includes/export.php): the same functions and
 * filters (the_title_export, the_permalink_rss, get_the_guid and the_guid,
 * the_content_export, the_excerpt_export, is_sticky, get_term and
 * get_{taxonomy} on each term, get_comment, wxr_export_skip_postmeta with
 * core's own _edit_lock rule, and wxr_export_skip_commentmeta), so that an
 * item's bytes are core's.
 *
 * What differs is how the rows are read: one query per kind of row for the
 * whole chunk (Anp_Export_Rows) rather than core's queries per post and per
 * comment. The chunk's posts and meta are put in the object cache while its
 * items are made (so that wp_get_attachment_url() and filters that read a
 * post or its meta find them without a query) and taken out after; nothing
 * is kept from one chunk to the next.
 *
 * Not run, as core runs them inside wp_get_object_terms(): the filters
 * get_object_terms and wp_get_object_terms, and a taxonomy's own query args
 * (register_taxonomy( …, array( 'args' => … ) )). Terms of one name come in
 * a defined order (term_taxonomy_id) where core leaves it to the
 * database.
 */
final class Anp_Export_Item_Builder {

	/** What WordPress fires when post meta is written or a post's cache cleaned (drop_chunk_meta()). */
	const META_WRITES = array( 'added_post_meta', 'updated_post_meta', 'deleted_post_meta', 'clean_post_cache' );

	/** @var Anp_Export_Rows */
	private $rows;

	/** @var array post type => taxonomy => true: get_object_taxonomies(), once a type. */
	private $taxonomies = array();

	/** @var array taxonomy => whether get_term() has filters to run for its terms, for the chunk at hand. */
	private $term_filtered = array();

	/** @var array[] term_taxonomy_id => its <category> (domain, nicename, name), where no filter runs: made once a chunk, not once a post. */
	private $category_of = array();

	/** @var string[] GMT date => its pubDate, for the chunk at hand (posts of one day share it). */
	private $pub_dates = array();

	/** @var array skip filter => whether anything is hooked to it, for the chunk at hand. */
	private $meta_filtered = array();

	/** @var array|null The chunk's values of what core asks per post, where no filter can change them per post; null: ask per post. */
	private $same = null;

	/** @var string|null A post's link but its id, where get_permalink() gives home_url( '?p=ID' ) for every post of type post (this chunk); null: ask it. */
	private $plain_link = null;

	/** @var array post id => meta rows: the chunk's, whose posts' meta prime_meta() has not put in the cache yet. */
	private $chunk_meta = array();

	/** @var array [id, group] of each cache entry the chunk put in (forget() takes them out). */
	private $primed = array();

	/** @var int[]|null How many times the_permalink_rss and the_guid run esc_url() and nothing else (this chunk), so that url() may stand in for them; null: run them. */
	private $plain_urls = null;

	public function __construct( Anp_Export_Rows $rows ) {
		$this->rows = $rows;
	}

	/**
	 * The items of a chunk, in id order. A generator: each item is made when
	 * the caller asks for it, and the chunk's rows go when it is done.
	 *
	 * @param int[] $ids  Post ids, ascending.
	 * @param int[] $next The next chunk's, whose rows the database reads while this one is made.
	 * @return Generator post id => [item, author keys (user ids), term keys (term_taxonomy_ids)].
	 * @throws RuntimeException On a database error.
	 */
	public function items( array $ids, array $next = array() ): Generator {
		$posts    = $this->rows->posts( $ids );
		$meta     = $this->rows->post_meta( $ids );
		$terms    = $this->rows->post_terms( $ids );
		$comments = $this->rows->comments( $ids );
		$users    = $this->rows->users( array_map( static fn( $row ) => (int) $row->post_author, $posts ) );
		$c_ids    = array();
		foreach ( $comments as $list ) {
			foreach ( $list as $row ) {
				$c_ids[] = (int) $row->comment_ID;
			}
		}
		$comment_meta = $this->rows->comment_meta( $c_ids );
		unset( $c_ids );
		$this->rows->prefetch( $next );

		// Filters are run as core runs them; where nothing is hooked, the
		// value they would return is taken at once (a fifth of the time).
		$this->term_filtered = array();
		$this->category_of   = array();
		$this->pub_dates     = array();
		$this->meta_filtered = array(
			'wxr_export_skip_postmeta'    => has_filter( 'wxr_export_skip_postmeta' ),
			'wxr_export_skip_commentmeta' => has_filter( 'wxr_export_skip_commentmeta' ),
		);
		if ( $this->meta_filtered['wxr_export_skip_postmeta'] ) {
			// What core's export_wp() hooks for its run.
			add_filter( 'wxr_export_skip_postmeta', array( self::class, 'skip_edit_lock' ), 10, 2 );
		}
		$this->same = $this->same_for_chunk();
		// the_guid runs esc_url() and nothing else, as WordPress hooks it,
		// and the_permalink_rss nothing (or esc_url() too, as older
		// WordPress hooked it): url() may stand in for them.
		$permalink_rss    = self::esc_url_only( 'the_permalink_rss' );
		$guid             = self::esc_url_only( 'the_guid' );
		$this->plain_urls = null === $permalink_rss || null === $guid ? null : array( $permalink_rss, $guid );
		$this->plain_link = self::plain_link( $posts );
		$this->prime( $posts, $meta );
		$had_post = array_key_exists( 'post', $GLOBALS );
		$was_post = $GLOBALS['post'] ?? null;
		try {
			$count = 0;
			foreach ( $posts as $id => $row ) {
				if ( 0 === ( ++$count & 15 ) ) {
					$this->rows->pump(); // The next chunk's reads, now and then.
				}
				$post = new WP_Post( self::raw( $row ) );
				// Filters of the export may read the global post, as in core's loop.
				$GLOBALS['post']  = $post; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
				$author           = $users[ (int) $post->post_author ] ?? null;
				list( $categories, $term_keys ) = $this->categories( $post, $terms[ $id ] ?? array() );
				$item = array(
					'title'             => (string) apply_filters( 'the_title_export', $post->post_title ),
					'link'              => $this->link( $post ),
					'pubDate'           => $this->pub_date( $post ),
					// get_the_author_meta( 'login' ), from the user setup_postdata() would load.
					'creator'           => (string) apply_filters( 'get_the_author_user_login', null === $author ? '' : (string) $author->user_login, null === $author ? 0 : (int) $author->ID, false ),
					'guid'              => $this->guid( $post ),
					'content'           => (string) apply_filters( 'the_content_export', $post->post_content ),
					'excerpt'           => (string) apply_filters( 'the_excerpt_export', $post->post_excerpt ),
					'post_id'           => (int) $post->ID,
					'post_date'         => (string) $post->post_date,
					'post_date_gmt'     => (string) $post->post_date_gmt,
					'post_modified'     => (string) $post->post_modified,
					'post_modified_gmt' => (string) $post->post_modified_gmt,
					'comment_status'    => (string) $post->comment_status,
					'ping_status'       => (string) $post->ping_status,
					'post_name'         => (string) $post->post_name,
					'status'            => (string) $post->post_status,
					'post_parent'       => (int) $post->post_parent,
					'menu_order'        => (int) $post->menu_order,
					'post_type'         => (string) $post->post_type,
					'post_password'     => (string) $post->post_password,
					'is_sticky'         => ( null === $this->same ? is_sticky( $post->ID ) : isset( $this->same['sticky'][ (int) $post->ID ] ) ) ? 1 : 0,
				);
				if ( 'attachment' === $post->post_type ) {
					$item['attachment_url'] = (string) wp_get_attachment_url( $post->ID );
				}
				$item['categories'] = $categories;
				$item['meta']       = $this->meta( $meta[ $id ] ?? array(), 'wxr_export_skip_postmeta' );
				$item['comments']   = $this->comments( $comments[ $id ] ?? array(), $comment_meta );
				yield $id => array( $item, array( (int) $post->post_author ), $term_keys );
			}
		} finally {
			if ( $had_post ) {
				$GLOBALS['post'] = $was_post; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			} else {
				unset( $GLOBALS['post'] );
			}
			$this->forget();
			remove_filter( 'wxr_export_skip_postmeta', array( self::class, 'skip_edit_lock' ), 10 );
		}
	}

	/**
	 * sanitize_post( $row, 'raw' ), which in the raw context only makes ID,
	 * post_parent and menu_order ints and says the post is raw.
	 *
	 * @param object $row A posts row.
	 */
	private static function raw( $row ) {
		$row->ID          = (int) $row->ID;
		$row->post_parent = (int) $row->post_parent;
		$row->menu_order  = (int) $row->menu_order;
		$row->filter      = 'raw';
		return $row;
	}

	/**
	 * What is_sticky() and get_post_time() read that is the same for every
	 * post of the chunk when nothing is hooked where it could differ: the
	 * sticky posts and the site's time zone. Null when something is.
	 */
	private function same_for_chunk(): ?array {
		foreach ( array( 'is_sticky', 'pre_option', 'alloptions', 'pre_option_sticky_posts', 'option_sticky_posts', 'get_post_time', 'pre_option_timezone_string', 'option_timezone_string', 'pre_option_gmt_offset', 'option_gmt_offset' ) as $hook ) {
			if ( has_filter( $hook ) && ! self::only_core( $hook ) ) {
				return null;
			}
		}
		$sticky = get_option( 'sticky_posts' );
		return array(
			'sticky'   => is_array( $sticky ) ? array_flip( array_map( 'intval', $sticky ) ) : array(),
			'timezone' => wp_timezone(),
			'utc'      => new DateTimeZone( 'UTC' ),
		);
	}

	/**
	 * Whether only core's own callback is hooked there: core hooks
	 * wp_timezone_override_offset() to pre_option_gmt_offset, which gives
	 * the same offset for every post of a chunk (the time zone's, now).
	 *
	 * @param string $hook A filter.
	 */
	private static function only_core( string $hook ): bool {
		global $wp_filter;
		if ( 'pre_option_gmt_offset' !== $hook || ! isset( $wp_filter[ $hook ] ) || 10 !== has_filter( $hook, 'wp_timezone_override_offset' ) ) {
			return false;
		}
		$count = 0;
		foreach ( $wp_filter[ $hook ]->callbacks as $callbacks ) {
			$count += count( $callbacks );
		}
		return 1 === $count;
	}

	/**
	 * the_permalink_rss() without its echo: esc_url() of the filtered
	 * get_permalink().
	 *
	 * @param WP_Post $post The post.
	 */
	private function link( WP_Post $post ): string {
		$permalink = null !== $this->plain_link && 'post' === $post->post_type ? $this->plain_link . $post->ID : (string) get_permalink( $post );
		if ( null === $this->plain_urls ) {
			return (string) esc_url( apply_filters( 'the_permalink_rss', $permalink ) );
		}
		for ( $i = $this->plain_urls[0]; $i >= 0; --$i ) {
			$permalink = self::url( $permalink );
		}
		return $permalink;
	}

	/**
	 * What get_permalink() gives a post of type post but its id, when that
	 * is the same for every one: on a site with plain permalinks (the
	 * setting WordPress starts with), with nothing hooked that is told the
	 * post (pre_post_link, post_link, home_url), it is home_url( '?p=' . ID ),
	 * which is home_url( '/' ) . '?p=' . ID. Checked against get_permalink()
	 * on one post of the chunk; null where it does not hold.
	 *
	 * @param object[] $posts The chunk's rows.
	 */
	private static function plain_link( array $posts ): ?string {
		if ( has_filter( 'pre_post_link' ) || has_filter( 'post_link' ) || has_filter( 'home_url' ) || '' !== (string) get_option( 'permalink_structure' ) ) {
			return null;
		}
		$base = home_url( '/' ) . '?p=';
		foreach ( $posts as $row ) {
			if ( 'post' === $row->post_type ) {
				return get_permalink( new WP_Post( self::raw( clone $row ) ) ) === $base . $row->ID ? $base : null;
			}
		}
		return null;
	}

	/**
	 * the_guid() without its echo: esc_url() of get_the_guid().
	 *
	 * @param WP_Post $post The post.
	 */
	private function guid( WP_Post $post ): string {
		$guid = (string) get_the_guid( $post );
		if ( null === $this->plain_urls ) {
			return (string) apply_filters( 'the_guid', $guid, $post->ID );
		}
		for ( $i = $this->plain_urls[1]; $i > 0; --$i ) {
			$guid = self::url( $guid );
		}
		return $guid;
	}

	/**
	 * esc_url( $url ), faster for the URLs WordPress makes of posts: an
	 * http(s) URL of only these characters (no space, quote, ampersand,
	 * bracket, percent sign or entity, which are what esc_url() changes;
	 * a colon, as in a port, only splits off the scheme it checks) is
	 * given back as it is, unless something hooks clean_url. Three calls a
	 * post made esc_url() a tenth of the export's time.
	 *
	 * @param string $url A URL.
	 */
	public static function url( string $url ): string {
		if ( preg_match( '#^https?://[A-Za-z0-9.\-_~/?=:]+$#D', $url ) && ! has_filter( 'clean_url' ) ) {
			return $url;
		}
		return (string) esc_url( $url );
	}

	/**
	 * Whether a filter runs nothing (0) or esc_url() and nothing else (1, at
	 * priority 10, as WordPress's default-filters.php hooks it); null when it
	 * runs something else.
	 *
	 * @param string $hook A filter.
	 */
	private static function esc_url_only( string $hook ): ?int {
		global $wp_filter;
		if ( ! has_filter( $hook ) ) {
			return 0;
		}
		if ( 10 !== has_filter( $hook, 'esc_url' ) ) {
			return null;
		}
		$count = 0;
		foreach ( $wp_filter[ $hook ]->callbacks as $callbacks ) {
			$count += count( $callbacks );
		}
		return 1 === $count ? 1 : null;
	}

	/**
	 * The item's pubDate: mysql2date( 'D, d M Y H:i:s +0000',
	 * get_post_time( 'Y-m-d H:i:s', true, $post ), false ), as core, whose
	 * steps without a filter come to this (the GMT date read in UTC, then
	 * read again as the site's local time, which moves a time that does not
	 * exist there, in a DST gap, as core moves it).
	 *
	 * @param WP_Post $post The post.
	 */
	private function pub_date( WP_Post $post ): string {
		if ( null === $this->same ) {
			return (string) mysql2date( 'D, d M Y H:i:s +0000', get_post_time( 'Y-m-d H:i:s', true, $post ), false );
		}
		$gmt = (string) $post->post_date_gmt;
		return $this->pub_dates[ $gmt ] ??= $this->local_pub_date( $gmt );
	}

	/**
	 * pub_date()'s value for a GMT date, where nothing is hooked.
	 *
	 * @param string $gmt The post's post_date_gmt.
	 */
	private function local_pub_date( string $gmt ): string {
		if ( '' === $gmt || '0' === $gmt || '0000-00-00 00:00:00' === $gmt ) {
			return '';
		}
		$time = date_create_immutable_from_format( 'Y-m-d H:i:s', $gmt, $this->same['utc'] );
		if ( false === $time ) {
			return '';
		}
		$local = date_create( $time->format( 'Y-m-d H:i:s' ), $this->same['timezone'] );
		return false === $local ? '' : $local->format( 'D, d M Y H:i:s +0000' );
	}

	/**
	 * Core's wxr_filter_postmeta(), which export_wp() hooks to
	 * wxr_export_skip_postmeta for its run: _edit_lock is not exported.
	 *
	 * @param bool   $skip     Whether to skip the meta.
	 * @param string $meta_key Its key.
	 */
	public static function skip_edit_lock( $skip, $meta_key ) {
		return '_edit_lock' === $meta_key ? true : $skip;
	}

	/**
	 * A post's <category> elements as wxr_post_taxonomy() writes them: the
	 * terms of its type's taxonomies, each through get_term() (whose filters
	 * give post formats their display names), in the rows' order; and the
	 * keys of those terms for the header.
	 *
	 * @param WP_Post  $post The post.
	 * @param object[] $rows Its term rows, ordered by name.
	 * @return array [categories, term_taxonomy_ids]
	 */
	private function categories( WP_Post $post, array $rows ): array {
		if ( ! $rows ) {
			return array( array(), array() );
		}
		$allowed    = $this->taxonomies[ $post->post_type ] ??= array_fill_keys( get_object_taxonomies( $post->post_type ), true );
		$categories = array();
		$keys       = array();
		foreach ( $rows as $row ) {
			if ( ! isset( $allowed[ $row->taxonomy ] ) ) {
				continue;
			}
			// get_term() on a raw row changes none of these three but through
			// its filters (which give post formats their display names).
			$filtered = $this->term_filtered[ $row->taxonomy ] ??= has_filter( 'get_term' ) || has_filter( 'get_' . $row->taxonomy );
			$key      = (int) $row->term_taxonomy_id;
			if ( ! $filtered ) {
				$categories[] = $this->category_of[ $key ] ??= self::category( $row );
				$keys[]       = $key;
				continue;
			}
			$term = get_term( new WP_Term( $row ) );
			if ( $term instanceof WP_Term ) {
				$categories[] = self::category( $term );
				$keys[]       = $key;
			}
		}
		return array( $categories, $keys );
	}

	/**
	 * A term's <category>: its taxonomy, slug and name.
	 *
	 * @param object $term A term row or WP_Term.
	 */
	private static function category( $term ): array {
		return array(
			'domain'   => (string) $term->taxonomy,
			'nicename' => (string) $term->slug,
			'name'     => (string) $term->name,
		);
	}

	/**
	 * A post's comments as core writes them (spam is left out by the query).
	 *
	 * @param object[] $rows         The comment rows.
	 * @param array    $comment_meta comment id => meta rows.
	 */
	private function comments( array $rows, array $comment_meta ): array {
		$out = array();
		foreach ( $rows as $row ) {
			$comment = get_comment( $row );
			if ( ! $comment instanceof WP_Comment ) {
				continue;
			}
			$out[] = array(
				'id'           => (int) $comment->comment_ID,
				'author'       => (string) $comment->comment_author,
				'author_email' => (string) $comment->comment_author_email,
				'author_url'   => (string) sanitize_url( $comment->comment_author_url ),
				'author_ip'    => (string) $comment->comment_author_IP,
				'date'         => (string) $comment->comment_date,
				'date_gmt'     => (string) $comment->comment_date_gmt,
				'content'      => (string) $comment->comment_content,
				'approved'     => (string) $comment->comment_approved,
				'type'         => (string) $comment->comment_type,
				'parent'       => (int) $comment->comment_parent,
				'user_id'      => (int) $comment->user_id,
				'meta'         => $this->meta( $comment_meta[ (int) $row->comment_ID ] ?? array(), 'wxr_export_skip_commentmeta' ),
			);
		}
		return $out;
	}

	/**
	 * The item's meta pairs: the rows as Anp_Export_Rows names them (key,
	 * value, and the ids the writer does not read), raw, but those the skip
	 * filter skips (with core's own rule for post meta: _edit_lock). Where
	 * nothing is hooked, the rows are the pairs: no array is made per pair.
	 *
	 * @param array[] $rows   The rows: key, value, meta_id and post_id or comment_id each.
	 * @param string  $filter wxr_export_skip_postmeta or wxr_export_skip_commentmeta.
	 */
	private function meta( array $rows, string $filter ): array {
		$id = 'wxr_export_skip_postmeta' === $filter ? 'post_id' : 'comment_id';
		if ( ! ( $this->meta_filtered[ $filter ] ?? true ) ) {
			if ( 'post_id' !== $id ) {
				return $rows;
			}
			// $rows is a list whose every row has a "key" (post_meta()'s), so
			// array_column()'s positions are the rows'.
			$locks = array_keys( array_column( $rows, 'key' ), '_edit_lock', true );
			// A list again where a pair went: meta[i] in an error counts the pairs.
			return $locks ? array_values( array_diff_key( $rows, array_flip( $locks ) ) ) : $rows;
		}
		$out = array();
		foreach ( $rows as $row ) {
			// The row as core passes it: the table's row, as wpdb reads it.
			$object = (object) array(
				'meta_id'    => $row['meta_id'],
				$id          => $row[ $id ],
				'meta_key'   => $row['key'], // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
				'meta_value' => $row['value'], // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_value
			);
			if ( ! apply_filters( $filter, false, $row['key'], $object ) ) {
				$out[] = $row;
			}
		}
		return $out;
	}

	/**
	 * Puts the chunk's posts in this process's object cache where they are
	 * not yet, so that get_post() on them runs no query, and their meta as
	 * soon as anything asks for a post's (prime_meta()): wp_get_attachment_url()
	 * does, filters may; never in a persistent cache.
	 *
	 * @param object[] $posts id => row.
	 * @param array    $meta  id => meta rows.
	 */
	private function prime( array $posts, array $meta ): void {
		$this->primed     = array();
		$this->chunk_meta = array();
		if ( wp_using_ext_object_cache() ) {
			// A persistent cache is shared with the site's requests, and
			// these rows may be a chunk old (read in the background): the
			// export reads around it instead (a query per attachment).
			return;
		}
		foreach ( $posts as $id => $row ) {
			if ( wp_cache_add( $id, clone $row, 'posts' ) ) {
				$this->primed[] = array( $id, 'posts' );
			}
		}
		$this->chunk_meta = $meta;
		add_filter( 'get_post_metadata', array( $this, 'prime_meta' ), 10, 2 );
		foreach ( self::META_WRITES as $action ) {
			add_action( $action, array( $this, 'drop_chunk_meta' ) );
		}
	}

	/**
	 * Hooked to the actions that say post meta was written (or a post's
	 * cache cleaned) while a chunk is made: the chunk's rows may no longer be
	 * what is stored, so prime_meta() puts none of them in the cache after
	 * that (get_metadata() reads the database). A write during an export
	 * comes only from a filter, and is rare: every post's rows go, which
	 * also covers delete_metadata() of a key for every post.
	 */
	public function drop_chunk_meta(): void {
		$this->chunk_meta = array();
	}

	/**
	 * Hooked to get_post_metadata while a chunk is made, before
	 * get_metadata() looks in the cache: puts the post's meta there from the
	 * chunk's rows, if it is one of the chunk's posts and not there yet. (Done
	 * for every post of the chunk at once, it cost a twentieth of an export,
	 * for the few posts whose meta anything reads.)
	 *
	 * @param mixed $value     What the filter had (returned as it is).
	 * @param int   $object_id The post.
	 * @return mixed
	 */
	public function prime_meta( $value, $object_id ) {
		$object_id = (int) $object_id;
		if ( isset( $this->chunk_meta[ $object_id ] ) ) {
			$values = array();
			foreach ( $this->chunk_meta[ $object_id ] as $row ) {
				$values[ $row['key'] ][] = $row['value'];
			}
			unset( $this->chunk_meta[ $object_id ] );
			if ( wp_cache_add( $object_id, $values, 'post_meta' ) ) {
				$this->primed[] = array( $object_id, 'post_meta' );
			}
		}
		return $value;
	}

	/**
	 * Takes out what prime() and prime_meta() put in.
	 */
	private function forget(): void {
		remove_filter( 'get_post_metadata', array( $this, 'prime_meta' ), 10 );
		foreach ( self::META_WRITES as $action ) {
			remove_action( $action, array( $this, 'drop_chunk_meta' ) );
		}
		foreach ( $this->primed as list( $id, $group ) ) {
			wp_cache_delete( $id, $group );
		}
		$this->primed     = array();
		$this->chunk_meta = array();
	}
}
