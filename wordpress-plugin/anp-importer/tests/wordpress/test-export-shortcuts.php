<?php
/**
 * The export's shortcuts past WordPress functions give what the functions give.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Anp_Export_Item_Builder takes a chunk's time zone and sticky posts once,
 * and works the pubDate out itself, where nothing is hooked that could make
 * them differ per post. Here on the values where that could go wrong: a
 * time that does not exist in the site's zone (a DST gap, which core moves
 * an hour on), a zero GMT date, a sticky post, a site on a UTC offset; and
 * with a filter hooked, where the builder calls core's functions.
 */
final class Test_Anp_Export_Shortcuts extends Anp_WP_Test_Case {

	/**
	 * Makes posts with these GMT dates in the sandbox, then for each site
	 * setting gives, per post, the builder's pubDate and is_sticky and
	 * core's (mysql2date( get_post_time() ), is_sticky()), with no filter
	 * and with one hooked to get_post_time that changes nothing.
	 */
	const RUN = <<<'PHP'
		wp_set_current_user( 1 );
		$ids = array();
		foreach ( $input as $gmt ) {
			$id = wp_insert_post( array( 'post_title' => "at $gmt", 'post_status' => 'draft' ) );
			$GLOBALS['wpdb']->update( $GLOBALS['wpdb']->posts, array( 'post_date_gmt' => $gmt ), array( 'ID' => $id ) );
			clean_post_cache( $id );
			$ids[] = $id;
		}
		stick_post( $ids[2] );
		$out = array();
		foreach ( array( array( 'Europe/Berlin', 0 ), array( 'America/New_York', 0 ), array( '', 5.5 ) ) as list( $zone, $offset ) ) {
			update_option( 'timezone_string', $zone );
			update_option( 'gmt_offset', $offset );
			foreach ( array( 'plain' => false, 'filtered' => true ) as $mode => $filtered ) {
				$same = static fn( $time ) => $time;
				$filtered && add_filter( 'get_post_time', $same );
				$builder = new Anp_Export_Item_Builder( new Anp_Export_Rows() );
				foreach ( $builder->items( $ids ) as $id => list( $item ) ) {
					$post = get_post( $id );
					$out[ "$zone$offset $mode $id" ] = array(
						'anp'  => array( $item['pubDate'], $item['is_sticky'] ),
						'core' => array( (string) mysql2date( 'D, d M Y H:i:s +0000', get_post_time( 'Y-m-d H:i:s', true, $post ), false ), is_sticky( $id ) ? 1 : 0 ),
					);
				}
				remove_filter( 'get_post_time', $same );
			}
		}
		return $out;
		PHP;

	public function test_the_pub_date_and_sticky_shortcuts_give_what_core_gives(): void {
		$dates = array(
			'2021-03-28 02:30:00', // In Berlin's DST gap: core's mysql2date() moves it to 03:30.
			'2021-03-14 02:15:00', // In New York's.
			'0000-00-00 00:00:00', // Never published: no pubDate.
			'2020-02-29 23:59:59',
			'2021-10-31 02:30:00', // Berlin's repeated hour.
		);
		$out = $this->wordpress( self::RUN, $dates );
		$this->assertCount( 3 * 2 * count( $dates ), $out );
		foreach ( $out as $case => $values ) {
			$this->assertSame( $values['core'], $values['anp'], $case );
		}
		// The values the cases are there for.
		$this->assertContains( array( 'Sun, 28 Mar 2021 03:30:00 +0000', 0 ), array_column( $out, 'core' ), 'the DST gap moves the time in core' );
		$this->assertContains( array( '', 1 ), array_column( $out, 'core' ), 'the sticky post, without a pubDate' );
	}

	/**
	 * Anp_Export_Item_Builder::url() stands in for esc_url() on the
	 * export's links and guids: the same string for every URL, the ones it
	 * gives back at once and the ones it hands to esc_url(), and with a
	 * clean_url filter hooked.
	 */
	public function test_the_url_shortcut_gives_what_esc_url_gives(): void {
		$urls = array(
			'http://127.0.0.1:8089/?p=12', 'https://example.com/2024/05/a-post/', 'http://example.com/?post_type=book&p=10',
			'http://example.com/?p=1&amp;x=2', "http://example.com/it's", 'http://example.com/a b', 'http://example.com/%d0%b4%0a',
			'http://example.com/[x]', 'HTTP://EXAMPLE.COM/', 'javascript:alert(1)', 'http://', 'http://x', '/relative/path', 'example.com/no-scheme',
			'https://example.com/~user/a_b-c.d?e=f', "http://example.com/\u{00e9}", 'http://example.com/a;//b', 'ftp://example.com/f', '',
			'http://example.com:8080/?p=3', 'https://example.com/a:b:c/', 'http://:80/', 'http::', 'https:', 'http://x/javascript:alert(1)',
		);
		$got = $this->wordpress(
			'$out = array();
			foreach ( array( false, true ) as $hooked ) {
				$mark = static fn( $url ) => $url . "#cleaned";
				$hooked && add_filter( "clean_url", $mark );
				foreach ( $input as $url ) {
					$out[] = array( $url, $hooked, Anp_Export_Item_Builder::url( $url ), (string) esc_url( $url ) );
				}
				remove_filter( "clean_url", $mark );
			}
			return $out;',
			$urls
		);
		$this->assertCount( 2 * count( $urls ), $got );
		foreach ( $got as list( $url, $hooked, $anp, $core ) ) {
			$this->assertSame( $core, $anp, var_export( $url, true ) . ( $hooked ? ' with clean_url hooked' : '' ) );
		}
	}

	/** The run of the test below: each case's link and guid, the builder's and core's. */
	const LINKS = <<<'PHP'
		wp_set_current_user( 1 );
		$ids   = array(
			wp_insert_post( array( 'post_title' => 'plain', 'post_status' => 'publish' ) ),
			wp_insert_post( array( 'post_title' => 'odd guid', 'post_status' => 'draft', 'guid' => 'http://example.com/?p=1&x=<b>' ) ),
		);
		$mark  = static fn( $url ) => $url . "&marked='1'";
		$cases = array(
			'as hooked'            => array(),
			'esc_url on both'      => array( array( 'the_permalink_rss', 'esc_url' ) ),
			'nothing on either'    => array( array( 'the_guid', 'esc_url', true ) ),
			'a filter on the link' => array( array( 'the_permalink_rss', $mark ) ),
			'a filter on the guid' => array( array( 'the_guid', $mark ) ),
			'a filter on post_link' => array( array( 'post_link', $mark ) ),
			'pretty permalinks'    => array( array( 'permalink_structure', '/%year%/%postname%/' ) ),
		);
		$out = array();
		foreach ( $cases as $case => $hooks ) {
			$structure = get_option( 'permalink_structure' );
			foreach ( $hooks as $hook ) {
				if ( 'permalink_structure' === $hook[0] ) {
					update_option( 'permalink_structure', $hook[1] );
					continue;
				}
				empty( $hook[2] ) ? add_filter( $hook[0], $hook[1] ) : remove_filter( $hook[0], $hook[1] );
			}
			foreach ( ( new Anp_Export_Item_Builder( new Anp_Export_Rows() ) )->items( $ids ) as $id => list( $item ) ) {
				$GLOBALS['post'] = get_post( $id );
				ob_start();
				the_permalink_rss();
				$link = ob_get_clean();
				ob_start();
				the_guid( $id );
				$out[ "$case $id" ] = array( array( $item['link'], $item['guid'] ), array( $link, ob_get_clean() ) );
			}
			foreach ( $hooks as $hook ) {
				if ( 'permalink_structure' !== $hook[0] ) {
					empty( $hook[2] ) ? remove_filter( $hook[0], $hook[1] ) : add_filter( $hook[0], $hook[1] );
				}
			}
			update_option( 'permalink_structure', $structure );
		}
		return $out;
		PHP;

	/**
	 * The item's link and guid are what the_permalink_rss() and the_guid()
	 * echo, whatever is hooked to their filters: as WordPress hooks them
	 * (the_guid: esc_url, the_permalink_rss: nothing), with esc_url() on
	 * both or neither (where url() stands in for them), and with a filter
	 * that changes the URL (where the builder runs them); with plain
	 * permalinks (where the builder makes the link itself), a filter on
	 * post_link, and pretty permalinks (where it asks get_permalink()).
	 */
	public function test_the_link_and_guid_shortcuts_give_what_core_echoes(): void {
		$got = $this->wordpress( self::LINKS, array() );
		$this->assertCount( 14, $got );
		foreach ( $got as $case => list( $anp, $core ) ) {
			$this->assertSame( $core, $anp, $case );
		}
		$links = array_map( static fn( $pair ) => $pair[1][0], array_values( $got ) );
		$this->assertMatchesRegularExpression( '#^http://[^/]+/\?p=\d+$#', $links[0], 'plain permalinks, as the sandbox has them' );
		$this->assertStringContainsString( '&#038;marked=&#039;1&#039;', $links[6], 'the filter on the_permalink_rss ran' );
		$this->assertStringContainsString( '&#038;marked=&#039;1&#039;', $links[10], 'the filter on post_link ran' );
		$this->assertMatchesRegularExpression( '#^http://[^/]+/\d{4}/plain/?$#', $links[12], 'the pretty permalink of the published post' );
	}

	/** The run of the test below: a post's meta pairs and what filters saw, with and without skip filters hooked. */
	const META = <<<'PHP'
		global $wpdb;
		wp_set_current_user( 1 );
		$id = wp_insert_post( array( 'post_title' => 'meta', 'post_status' => 'draft' ) );
		add_post_meta( $id, 'keep', 'a' );
		add_post_meta( $id, 'skip', 'b' );
		add_post_meta( $id, '_edit_lock', '1:1' );
		add_post_meta( $id, 'keep', 'c' );
		$comment = wp_insert_comment( array( 'comment_post_ID' => $id, 'comment_content' => 'hi', 'comment_approved' => 1 ) );
		add_comment_meta( $comment, 'x', '1' );
		add_comment_meta( $comment, 'y', '2' );
		wp_cache_flush();
		$out = array();
		foreach ( array( 'plain' => false, 'skipping' => true ) as $mode => $skipping ) {
			$seen = array();
			$skip = static function ( $skip, $key, $row ) use ( &$seen ) {
				$seen[] = array( $key, array_keys( get_object_vars( $row ) ) );
				return in_array( $key, array( 'skip', 'y' ), true ) ? true : $skip;
			};
			$read = static function ( $content ) use ( &$seen, $wpdb ) {
				$queries = $wpdb->num_queries;
				$seen[]  = array( 'get_post_meta', get_post_meta( get_the_ID(), 'keep' ), $wpdb->num_queries - $queries );
				return $content;
			};
			if ( $skipping ) {
				add_filter( 'wxr_export_skip_postmeta', $skip, 10, 3 );
				add_filter( 'wxr_export_skip_commentmeta', $skip, 10, 3 );
			}
			add_filter( 'the_content_export', $read );
			foreach ( ( new Anp_Export_Item_Builder( new Anp_Export_Rows() ) )->items( array( $id ) ) as $item ) {
				$pairs = static fn( $meta ) => array_map( static fn( $pair ) => array( $pair['key'], $pair['value'] ), $meta );
				$out[ $mode ] = array(
					'meta'         => $pairs( $item[0]['meta'] ),
					'comment meta' => $pairs( $item[0]['comments'][0]['meta'] ),
					'seen'         => $seen,
				);
			}
			$out[ $mode ]['cached after'] = wp_cache_get( $id, 'post_meta' );
			remove_filter( 'wxr_export_skip_postmeta', $skip, 10 );
			remove_filter( 'wxr_export_skip_commentmeta', $skip, 10 );
			remove_filter( 'the_content_export', $read );
		}
		return $out;
		PHP;

	/**
	 * The item's meta pairs are the rows as the database gives them (no
	 * pair array made for each) but _edit_lock, and what a skip filter
	 * skips when one is hooked, which gets the table's row as core passes
	 * it; get_post_meta() in a filter of the export finds the post's meta
	 * in the cache the chunk put it in (no query), and the cache is left
	 * as it was.
	 */
	public function test_meta_pairs_skip_filters_and_get_post_meta_during_the_export(): void {
		$got  = $this->wordpress( self::META, array() );
		$read = array( 'get_post_meta', array( 'a', 'c' ), 0 );
		$this->assertSame(
			array(
				'meta'         => array( array( 'keep', 'a' ), array( 'skip', 'b' ), array( 'keep', 'c' ) ),
				'comment meta' => array( array( 'x', '1' ), array( 'y', '2' ) ),
				'seen'         => array( $read ),
				'cached after' => false,
			),
			$got['plain']
		);
		$post_row    = array( 'meta_id', 'post_id', 'meta_key', 'meta_value' );
		$comment_row = array( 'meta_id', 'comment_id', 'meta_key', 'meta_value' );
		$this->assertSame(
			array(
				'meta'         => array( array( 'keep', 'a' ), array( 'keep', 'c' ) ),
				'comment meta' => array( array( 'x', '1' ) ),
				'seen'         => array( $read, array( 'keep', $post_row ), array( 'skip', $post_row ), array( '_edit_lock', $post_row ), array( 'keep', $post_row ), array( 'x', $comment_row ), array( 'y', $comment_row ) ),
				'cached after' => false,
			),
			$got['skipping']
		);
	}

	/**
	 * A filter of the export that writes a post's meta and reads it back
	 * reads what it wrote (and not the rows the chunk read before): add,
	 * update and delete, and meta deleted for every post at once.
	 */
	public function test_meta_written_during_the_export_is_read_back_as_written(): void {
		$got = $this->wordpress(
			'wp_set_current_user( 1 );
			$ids = array();
			foreach ( array( 1, 2 ) as $n ) {
				$ids[] = $id = wp_insert_post( array( "post_title" => "written $n", "post_status" => "draft" ) );
				add_post_meta( $id, "old", "x" );
				add_post_meta( $id, "gone", "y" );
			}
			wp_cache_flush();
			$seen  = array();
			$write = static function ( $content ) use ( &$seen ) {
				$id   = get_the_ID();
				$read = static function () use ( $id ) {
					$meta = get_post_meta( $id );
					ksort( $meta );
					return $meta;
				};
				add_post_meta( $id, "added", "a" );
				$steps = array( $read() );
				update_post_meta( $id, "old", "x2" );
				$steps[] = $read();
				delete_post_meta( $id, "gone" );
				$steps[] = $read();
				delete_metadata( "post", 0, "old", "", true );
				$steps[] = $read();
				$seen[ $id ] = $steps;
				return $content;
			};
			add_filter( "the_content_export", $write );
			foreach ( ( new Anp_Export_Item_Builder( new Anp_Export_Rows() ) )->items( $ids ) as $item ) {
			}
			remove_filter( "the_content_export", $write );
			return array_values( $seen );'
		);
		$later = array(
			array( 'added' => array( 'a' ), 'gone' => array( 'y' ), 'old' => array( 'x2' ) ),
			array( 'added' => array( 'a' ), 'old' => array( 'x2' ) ),
			array( 'added' => array( 'a' ) ),
		);
		$this->assertSame(
			array(
				array_merge( array( array( 'added' => array( 'a' ), 'gone' => array( 'y' ), 'old' => array( 'x' ) ) ), $later ),
				// The first post's filter deleted "old" of every post.
				array_merge( array( array( 'added' => array( 'a' ), 'gone' => array( 'y' ) ) ), $later ),
			),
			$got
		);
	}

	/**
	 * The header reads the terms the run has met along with the one it is
	 * asked for: each term's records are still what reading it alone gives
	 * (its ancestors, a parent that is gone, a loop of parents, another
	 * taxonomy's term of the same name, term meta), in a few queries for
	 * all rather than three each.
	 */
	public function test_terms_read_together_are_what_each_read_alone_gives(): void {
		$got = $this->wordpress(
			'global $wpdb;
			wp_set_current_user( 1 );
			$suffix = wp_generate_password( 6, false );
			$cat    = static fn( $name, $parent = 0 ) => wp_insert_term( "$name $suffix", "category", array( "parent" => $parent ) )["term_id"];
			$top    = $cat( "Top" );
			$mid    = $cat( "Mid", $top );
			$leaf   = $cat( "Leaf", $mid );
			$orphan = $cat( "Orphan", $cat( "Doomed" ) );
			$loop_a = $cat( "Loop A" );
			$loop_b = $cat( "Loop B", $loop_a );
			$wpdb->query( "UPDATE $wpdb->term_taxonomy SET parent = $loop_b WHERE term_id = $loop_a" );
			$doomed = get_term( $orphan, "category" )->parent;
			$wpdb->query( "DELETE FROM $wpdb->term_taxonomy WHERE term_id = $doomed" );
			$wpdb->query( "DELETE FROM $wpdb->terms WHERE term_id = $doomed" );
			add_term_meta( $leaf, "colour", "green" );
			$tag = wp_insert_term( "Top $suffix", "post_tag" )["term_id"];
			clean_term_cache( array( $top, $mid, $leaf, $orphan, $loop_a, $loop_b, $tag ) );
			$ids = array();
			foreach ( array( array( $leaf, $tag ), array( $orphan, $loop_b ), array( $top, $loop_a ) ) as $n => $terms ) {
				$ids[] = $id = wp_insert_post( array( "post_title" => "terms $n", "post_status" => "draft" ) );
				wp_set_object_terms( $id, array_slice( $terms, 0, 1 ), "category" );
				if ( $terms[1] === $tag ) {
					wp_set_object_terms( $id, array( $tag ), "post_tag" );
				} else {
					wp_set_object_terms( $id, array_slice( $terms, 0, 2 ), "category" );
				}
			}
			$rows = new Anp_Export_Rows();
			$keys = array();
			foreach ( $rows->post_terms( $ids ) as $list ) {
				foreach ( $list as $row ) {
					$keys[ (int) $row->term_taxonomy_id ] = (int) $row->term_taxonomy_id;
				}
			}
			$together = new Anp_Site_Wxr_Header( $rows );
			$queries  = $wpdb->num_queries;
			$out      = array( "together" => array(), "alone" => array() );
			foreach ( $keys as $key ) {
				$out["together"][ $key ] = $together->terms( array( $key ) );
			}
			$out["queries"] = $wpdb->num_queries - $queries;
			$alone          = new Anp_Site_Wxr_Header( new Anp_Export_Rows() );
			foreach ( $keys as $key ) {
				$out["alone"][ $key ] = $alone->read_terms( array( $key ) );
			}
			// A key given as a string with a leading zero is the same id to both.
			$text            = "0" . reset( $keys );
			$out["as text"]  = array( ( new Anp_Site_Wxr_Header( $rows ) )->terms( array( $text ) ), $alone->read_terms( array( $text ) ) );
			return $out;'
		);
		$this->assertCount( 6, $got['alone'], 'six terms on the posts, Mid only an ancestor' );
		$this->assertSame( $got['alone'], $got['together'] );
		$this->assertSame( $got['as text'][1], $got['as text'][0] );
		$this->assertNotSame( array(), array_filter( $got['as text'][1] ) );
		$this->assertLessThanOrEqual( 6, $got['queries'], 'read together, not three queries a term' );
		$flat = json_encode( $got['alone'] );
		foreach ( array( 'Top ', 'Mid ', 'Leaf ', 'Orphan ', 'Loop A', 'Loop B', 'green' ) as $name ) {
			$this->assertStringContainsString( $name, $flat, "$name is in some header" );
		}
	}
}
