<?php
/**
 * The unique slugs of a group of new posts, with one query for the group.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Gives each new post of a group the slug wp_unique_post_slug() would give
 * it, where wp_unique_post_slug() asks the database once a post, and once
 * more for each "-2", "-3" it tries (a thousand posts of one title cost it
 * half a million queries): here the slugs the group wants are looked up
 * together, and when a slug is taken, the suffixes of every slug the
 * group may need them for are read at once, then the same checks and
 * filters run. Any other case (an attachment or a
 * hierarchical type; a feed's name, "embed", a number that could clash
 * with a date archive; a handler of wp_unique_post_slug_is_bad_flat_slug;
 * a slug too long for its suffix) goes through wp_unique_post_slug()
 * itself, carried on past the slugs the group already took.
 *
 * Like wp_unique_post_slug(), it sees only committed posts and the group's
 * own: two workers writing posts of the same title at the same moment can
 * both take its slug, as two editors publishing at once can.
 */
final class Anp_Unique_Slugs {

	/** The statuses whose slug wp_unique_post_slug() leaves as it is given: such posts may share one. */
	const LEFT_AS_GIVEN = array( 'draft', 'pending', 'auto-draft' );


	/** @var array<string,array<string,true>> Post type => slug => true: taken in the database or by the group. */
	private $taken = array();

	/** @var array<string,array<string,true>> Post type => slug => true: its suffixed slugs were read. */
	private $suffixes_read = array();

	/**
	 * @var array<string,array<string,true>> Post type => slug => true: a
	 * slug whose suffixes the group may need (taken in the database, or
	 * wanted by more than one of its posts), read with the first needed.
	 */
	private $may_need_suffixes = array();

	/**
	 * Reads which of the slugs a group wants posts of their types have.
	 *
	 * @param array<string,string[]> $wanted Post type => slugs (sanitized).
	 * @throws RuntimeException On a database error.
	 */
	public function __construct( array $wanted ) {
		global $wpdb;
		foreach ( $wanted as $type => $slugs ) {
			$this->taken[ $type ]             = array();
			$this->may_need_suffixes[ $type ] = array();
			$wanted_by                        = array_count_values( array_filter( array_map( 'strval', $slugs ), 'strlen' ) );
			$slugs                            = array_map( 'strval', array_keys( $wanted_by ) );
			if ( ! $slugs || ! self::flat( (string) $type ) ) {
				continue;
			}
			foreach ( $wanted_by as $slug => $posts ) {
				if ( $posts > 1 ) {
					$this->may_need_suffixes[ $type ][ (string) $slug ] = true;
				}
			}
			foreach ( array_chunk( $slugs, 500 ) as $chunk ) {
				$in = implode( ',', array_fill( 0, count( $chunk ), '%s' ) );
				foreach ( Anp_Db::column( $wpdb->prepare( "SELECT post_name FROM {$wpdb->posts} WHERE post_type = %s AND post_name IN ($in)", $type, ...$chunk ) ) as $taken ) {
					$this->taken[ $type ][ $taken ]             = true;
					$this->may_need_suffixes[ $type ][ $taken ] = true;
				}
			}
		}
	}

	/**
	 * The slug of a new post, and it is taken for the group's later posts.
	 *
	 * @param string $slug   The post's slug, sanitized.
	 * @param string $status Its status.
	 * @param string $type   Its post type (one the constructor was given).
	 */
	public function claim( string $slug, string $status, string $type ): string {
		if ( '' === $slug ) {
			// A title with nothing a slug keeps: wp_unique_post_slug() gives
			// '' back whatever else has it (its check reads '', which is
			// false), and a published post is then named after its id
			// (Anp_Bulk_Creator::name_after_ids()). Not taken: the next one is '' too.
			return '';
		}
		if ( in_array( $status, self::LEFT_AS_GIVEN, true ) ) {
			// wp_unique_post_slug() leaves these slugs as they are; but the
			// slug is in the table for the group's later posts to avoid.
			$this->taken[ $type ][ $slug ] = true;
			return $slug;
		}
		$unique = $this->free( $slug, $status, $type );
		if ( null === $unique ) {
			$unique = wp_unique_post_slug( $slug, 0, $status, $type, 0 );
			// Taken by an earlier post of the group, which wp_unique_post_slug()
			// cannot see: its own "-2", "-3"… carried on, each free when no post
			// of the group has it and the database does not either (it gives
			// a slug it has a "-2" of its own).
			for ( $suffix = 2; isset( $this->taken[ $type ][ $unique ] ); $suffix++ ) {
				$candidate = _truncate_post_slug( $slug, 200 - ( strlen( (string) $suffix ) + 1 ) ) . "-$suffix";
				if ( ! isset( $this->taken[ $type ][ $candidate ] ) && wp_unique_post_slug( $candidate, 0, $status, $type, 0 ) === $candidate ) {
					$unique = $candidate;
				}
			}
		}
		$this->taken[ $type ][ $unique ] = true;
		return $unique;
	}

	/**
	 * What wp_unique_post_slug() gives a slug, when that can be told
	 * without it: null otherwise. The same steps in the same order: its
	 * short-circuit filter, the flat slug's checks, the first of "-2",
	 * "-3"… that no post has (all the slug's suffixes read in one query,
	 * where it asks once a suffix), its last filter.
	 *
	 * @throws RuntimeException On a database error.
	 */
	private function free( string $slug, string $status, string $type ): ?string {
		global $wp_rewrite;
		if ( ! self::flat( $type ) || 'user_request' === $type ) {
			return null;
		}
		$override = apply_filters( 'pre_wp_unique_post_slug', null, $slug, 0, $status, $type, 0 );
		if ( null !== $override ) {
			return $override;
		}
		$feeds = is_array( $wp_rewrite->feeds ) ? $wp_rewrite->feeds : array();
		if ( in_array( $slug, $feeds, true ) || 'embed' === $slug || preg_match( '/^[0-9]+$/', $slug ) || has_filter( 'wp_unique_post_slug_is_bad_flat_slug' ) ) {
			return null;
		}
		$unique = $slug;
		if ( isset( $this->taken[ $type ][ $slug ] ) ) {
			$this->read_suffixes( $slug, $type );
			for ( $suffix = 2; isset( $this->taken[ $type ][ $unique = "$slug-$suffix" ] ); $suffix++ ) {
				continue;
			}
			if ( strlen( $unique ) > 200 ) {
				return null; // wp_unique_post_slug() shortens the slug to fit its suffix.
			}
		}
		return apply_filters( 'wp_unique_post_slug', $unique, 0, $status, $type, 0, $slug );
	}

	/**
	 * Adds the slugs "<slug>-<anything>" that posts of a type have to those
	 * taken, once a slug; with it, those of every other slug of the group
	 * that may need them, in the same query (half the posts of a large
	 * site can share a title with an earlier one: a query each was a
	 * tenth of the server's time in bench/import.sh).
	 *
	 * @throws RuntimeException On a database error.
	 */
	private function read_suffixes( string $slug, string $type ): void {
		global $wpdb;
		if ( isset( $this->suffixes_read[ $type ][ $slug ] ) ) {
			return;
		}
		$slugs = array( $slug );
		foreach ( array_map( 'strval', array_keys( $this->may_need_suffixes[ $type ] ?? array() ) ) as $other ) {
			if ( ! isset( $this->suffixes_read[ $type ][ $other ] ) && $other !== $slug ) {
				$slugs[] = $other;
			}
		}
		foreach ( array_chunk( $slugs, 100 ) as $chunk ) {
			$likes = array();
			foreach ( $chunk as $each ) {
				$this->suffixes_read[ $type ][ $each ] = true;
				$likes[]                               = $wpdb->esc_like( $each . '-' ) . '%';
			}
			$where = implode( ' OR ', array_fill( 0, count( $likes ), 'post_name LIKE %s' ) );
			foreach ( Anp_Db::column( $wpdb->prepare( "SELECT post_name FROM {$wpdb->posts} WHERE post_type = %s AND ($where)", $type, ...$likes ) ) as $taken ) {
				$this->taken[ $type ][ $taken ] = true;
			}
		}
	}

	/**
	 * Whether a type's slugs are unique among its own posts alone (not an
	 * attachment's, across all types, nor a page's, under its parent).
	 */
	private static function flat( string $type ): bool {
		return 'attachment' !== $type && 'nav_menu_item' !== $type && ! is_post_type_hierarchical( $type );
	}
}
