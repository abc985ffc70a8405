<?php
/**
 * The site's side of a WXR header: the channel, and the authors and terms
 * a file's items use.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * What export_wp() writes before the items, with its values made as core
 * makes them (bloginfo_rss(), wxr_site_url(), the_generator( 'export' ),
 * do_action( 'rss2_head' )), but for one file's items only: the authors of
 * its posts, and the terms its posts carry with their ancestors.
 *
 * Differences from core, on purpose:
 * - authors are in user id order (core: the database's, undefined), and a
 *   file lists only the users of its posts even when that is none (core
 *   lists every author of the site when no post matches);
 * - a term whose parent does not exist is written as a top-level term (core
 *   loops forever on it), as are the terms of a loop of parents;
 * - from rss2_head only the <generator> element is kept, which is what core
 *   prints by default; anything else a plugin or the site icon adds there
 *   is left out (the writer has no place for it).
 */
final class Anp_Site_Wxr_Header implements Anp_Wxr_Header_Source {

	/** @var Anp_Export_Rows */
	private $rows;

	/** @var array|null The channel, made once a run: every file has the same. */
	private $channel;

	/** @var array|null taxonomy => true: the taxonomies not built in, whose terms go in the "terms" section (asked once a run). */
	private $custom;

	/**
	 * @var array "authors"|"terms" => key => records: Anp_Wxr_Files weighs
	 * each key on its own when it first comes into a file, so the same key is
	 * asked again for each file. Bounded: the site's authors and terms, at
	 * most CACHE_KEYS of them.
	 */
	private $single = array(
		'authors' => array(),
		'terms'   => array(),
	);

	/** The most keys $single keeps per kind; it starts anew past that. */
	const CACHE_KEYS = 5000;

	/** The most terms read along with one asked for. */
	const TERMS_AT_ONCE = 500;

	public function __construct( Anp_Export_Rows $rows ) {
		$this->rows = $rows;
	}

	/**
	 * The channel's values (docs/wxr-writer.md, "channel").
	 */
	public function channel(): array {
		if ( null === $this->channel ) {
			$generator = (string) apply_filters( 'the_generator', get_the_generator( 'export' ), 'export' );
			if ( ! preg_match( '/<!-- generator="([^"]*)" created="([^"]*)" -->/', $generator, $comment ) ) {
				// A filter changed it past recognition: the writer's comment says what core's would.
				$comment = array( '', 'WordPress/' . get_bloginfo( 'version' ), gmdate( 'Y-m-d H:i' ) );
			}
			ob_start();
			do_action( 'rss2_head' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- core's hook.
			$head = (string) ob_get_clean();
			$this->channel = array(
				'title'         => self::bloginfo_rss( 'name' ),
				'link'          => self::bloginfo_rss( 'url' ),
				'description'   => self::bloginfo_rss( 'description' ),
				'pubDate'       => gmdate( 'D, d M Y H:i:s +0000' ),
				'language'      => self::bloginfo_rss( 'language' ),
				// wxr_site_url().
				'base_site_url' => (string) ( is_multisite() ? network_home_url() : get_bloginfo_rss( 'url' ) ),
				'base_blog_url' => self::bloginfo_rss( 'url' ),
				'generator'     => $comment[1],
				'created'       => $comment[2],
				'generator_url' => preg_match( '#<generator>(.*?)</generator>#s', $head, $url ) ? $url[1] : '',
			);
		}
		return $this->channel;
	}

	/**
	 * The authors that exist among these user ids, in id order.
	 *
	 * @param array $keys User ids.
	 * @throws RuntimeException On a database error.
	 */
	public function authors( array $keys ): array {
		if ( 1 === count( $keys ) ) {
			return $this->single( 'authors', reset( $keys ), array( $this, 'read_authors' ) );
		}
		return $this->read_authors( $keys );
	}

	/**
	 * authors(), from the database.
	 *
	 * @param array $keys User ids.
	 * @throws RuntimeException On a database error.
	 */
	public function read_authors( array $keys ): array {
		$out = array();
		foreach ( $this->rows->users( $keys ) as $user ) {
			$out[] = array(
				'id'           => (int) $user->ID,
				'login'        => (string) $user->user_login,
				'email'        => (string) $user->user_email,
				'display_name' => (string) $user->display_name,
				'first_name'   => (string) $user->first_name,
				'last_name'    => (string) $user->last_name,
			);
		}
		return $out;
	}

	/**
	 * The terms of these term_taxonomy_ids and their ancestors, in core's
	 * sections: categories, tags, and the terms of the taxonomies that are not
	 * built in (post formats, menus and the like are not in the header, as in
	 * core: the importer makes them from the items). Each section by name,
	 * then turned so that no child comes before its parent, as core turns it.
	 *
	 * @param array $keys term_taxonomy_ids.
	 * @return array ['categories' => [], 'tags' => [], 'terms' => []]
	 * @throws RuntimeException On a database error.
	 */
	public function terms( array $keys ): array {
		if ( 1 !== count( $keys ) ) {
			return $this->read_terms( $keys );
		}
		$key = reset( $keys );
		if ( ! isset( $this->single['terms'][ $key ] ) ) {
			// Asked one at a time, as each first comes into a file, the terms
			// cost three queries or more each (a site's tags are thousands):
			// the ones the run has met and not read yet are read along with it.
			$more = array();
			if ( count( $this->single['terms'] ) >= self::CACHE_KEYS ) {
				$this->single['terms'] = array();
			}
			$room = min( self::TERMS_AT_ONCE, self::CACHE_KEYS - count( $this->single['terms'] ) - 1 );
			foreach ( $this->rows->met_terms() as $met ) {
				if ( count( $more ) >= $room ) {
					break;
				}
				if ( ! isset( $this->single['terms'][ $met ] ) && (int) $met !== (int) $key ) {
					$more[] = $met;
				}
			}
			$this->single['terms'] = array_replace( $this->single['terms'], $this->read_each_term( array_merge( array( $key ), $more ) ) );
		}
		return $this->single['terms'][ $key ];
	}

	/**
	 * terms(), from the database.
	 *
	 * @param array $keys term_taxonomy_ids.
	 * @throws RuntimeException On a database error.
	 */
	public function read_terms( array $keys ): array {
		if ( ! $keys ) {
			return self::no_terms();
		}
		$rows = $this->rows->terms_with_ancestors( $keys );
		return $this->records( $rows, $this->rows->term_meta( self::term_ids( $rows ) ) );
	}

	/**
	 * read_terms( array( $key ) ) for each of these keys, with the queries
	 * of one read for all (three, and one per level of ancestors): the rows of one key are its own and its ancestors', taken
	 * from the rows of all in their order (by name), as the database gives
	 * them for that key alone.
	 *
	 * @param int[] $keys term_taxonomy_ids.
	 * @return array key => what read_terms( array( $key ) ) gives.
	 * @throws RuntimeException On a database error.
	 */
	private function read_each_term( array $keys ): array {
		$rows = $this->rows->terms_with_ancestors( $keys );
		$meta = $this->rows->term_meta( self::term_ids( $rows ) );
		$rank = array_flip( array_keys( $rows ) );
		$tt_of = array();
		foreach ( $rows as $tt_id => $row ) {
			$tt_of[ $row->taxonomy . ':' . (int) $row->term_id ] = $tt_id;
		}
		$out = array();
		foreach ( $keys as $key ) {
			// Up the parents in its taxonomy that exist, until a loop comes
			// back (as terms_with_ancestors() goes), from the key read as an
			// id, as terms_with_ancestors() reads it ("05" is 5).
			$id    = (int) $key;
			$chain = array();
			for ( $at = isset( $rows[ $id ] ) ? $id : null; null !== $at && ! isset( $chain[ $at ] ); ) {
				$chain[ $at ] = $rank[ $at ];
				$row          = $rows[ $at ];
				$at           = (int) $row->parent ? ( $tt_of[ $row->taxonomy . ':' . (int) $row->parent ] ?? null ) : null;
			}
			asort( $chain );
			$own = array();
			foreach ( $chain as $tt_id => $unused ) {
				$own[ $tt_id ] = $rows[ $tt_id ];
			}
			$out[ $key ] = $this->records( $own, $meta );
		}
		return $out;
	}

	/**
	 * The header's term records of these rows (terms_with_ancestors()'s, in
	 * its order), in core's sections, each section turned so that no child
	 * comes before its parent.
	 *
	 * @param object[] $rows term_taxonomy_id => row, by name.
	 * @param array    $meta term_id => meta rows.
	 * @return array ['categories' => [], 'tags' => [], 'terms' => []]
	 */
	private function records( array $rows, array $meta ): array {
		$out = self::no_terms();
		if ( ! $rows ) {
			return $out;
		}
		$custom   = $this->custom ??= array_fill_keys( get_taxonomies( array( '_builtin' => false ) ), true );
		$sections = self::no_terms();
		foreach ( $rows as $row ) {
			if ( 'category' === $row->taxonomy ) {
				$sections['categories'][] = $row;
			} elseif ( 'post_tag' === $row->taxonomy ) {
				$sections['tags'][] = $row;
			} elseif ( isset( $custom[ $row->taxonomy ] ) ) {
				$sections['terms'][] = $row;
			}
		}
		foreach ( $sections as $section => $section_rows ) {
			foreach ( self::parents_first( $section_rows ) as list( $row, $parent ) ) {
				$term = get_term( new WP_Term( $row ) );
				if ( ! $term instanceof WP_Term ) {
					continue;
				}
				$record = array(
					'term_id'     => (int) $term->term_id,
					'taxonomy'    => (string) $term->taxonomy,
					'slug'        => (string) $term->slug,
					'parent'      => $parent,
					'name'        => (string) $term->name,
					'description' => (string) $term->description,
					'meta'        => self::meta( $meta[ (int) $row->term_id ] ?? array() ),
				);
				if ( 'tags' === $section ) {
					unset( $record['taxonomy'], $record['parent'] );
				} elseif ( 'categories' === $section ) {
					unset( $record['taxonomy'] );
				}
				$out[ $section ][] = $record;
			}
		}
		return $out;
	}

	/**
	 * The sections of a header without terms.
	 */
	private static function no_terms(): array {
		return array(
			'categories' => array(),
			'tags'       => array(),
			'terms'      => array(),
		);
	}

	/**
	 * The term_ids of term rows.
	 *
	 * @param object[] $rows Term rows.
	 * @return int[]
	 */
	private static function term_ids( array $rows ): array {
		$ids = array();
		foreach ( $rows as $row ) {
			$ids[] = (int) $row->term_id;
		}
		return $ids;
	}

	/**
	 * The records of one key, from the cache or read.
	 *
	 * @param string   $kind "authors" or "terms".
	 * @param mixed    $key  The key.
	 * @param callable $read Reads the records of a list of keys.
	 */
	private function single( string $kind, $key, callable $read ): array {
		if ( ! isset( $this->single[ $kind ][ $key ] ) ) {
			if ( count( $this->single[ $kind ] ) >= self::CACHE_KEYS ) {
				$this->single[ $kind ] = array();
			}
			$this->single[ $kind ][ $key ] = $read( array( $key ) );
		}
		return $this->single[ $kind ][ $key ];
	}

	/**
	 * Terms of one taxonomy ordered so that no child comes before its
	 * parent, as export_wp() orders them (a child met before its parent goes
	 * to the end of the list), but a term whose parent is not among them is
	 * top level, and so are the terms of a loop of parents, where core never
	 * ends.
	 *
	 * @param object[] $rows Term rows, by name.
	 * @return array [row, the parent's slug or ''] each.
	 */
	private static function parents_first( array $rows ): array {
		$slug_of = array();
		foreach ( $rows as $row ) {
			$slug_of[ $row->taxonomy . ':' . (int) $row->term_id ] = (string) $row->slug;
		}
		$placed = array();
		$out    = array();
		while ( $rows ) {
			$later = array();
			foreach ( $rows as $row ) {
				$parent = $row->taxonomy . ':' . (int) $row->parent;
				if ( ! (int) $row->parent || ! isset( $slug_of[ $parent ] ) ) {
					$out[] = array( $row, '' );
				} elseif ( isset( $placed[ $parent ] ) ) {
					$out[] = array( $row, $slug_of[ $parent ] );
				} else {
					$later[] = $row;
					continue;
				}
				$placed[ $row->taxonomy . ':' . (int) $row->term_id ] = true;
			}
			if ( count( $later ) === count( $rows ) ) {
				// A loop of parents: none of them can come first.
				foreach ( $later as $row ) {
					$out[] = array( $row, '' );
				}
				break;
			}
			$rows = $later;
		}
		return $out;
	}

	/**
	 * Term meta as key/value pairs, but what wxr_export_skip_termmeta skips.
	 *
	 * @param object[] $rows Meta rows.
	 */
	private static function meta( array $rows ): array {
		$out = array();
		foreach ( $rows as $row ) {
			if ( apply_filters( 'wxr_export_skip_termmeta', false, $row->meta_key, $row ) ) {
				continue;
			}
			$out[] = array(
				'key'   => (string) $row->meta_key,
				'value' => (string) $row->meta_value,
			);
		}
		return $out;
	}

	/**
	 * bloginfo_rss( $show ), returned instead of printed.
	 *
	 * @param string $show What of the site.
	 */
	private static function bloginfo_rss( string $show ): string {
		return (string) apply_filters( 'bloginfo_rss', get_bloginfo_rss( $show ), $show );
	}
}
