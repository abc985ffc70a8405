<?php
/**
 * Published posts in bulk leave what wp_insert_post() leaves.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * The bulk path does once a group what WordPress does once a post when a
 * post is published (docs/wordpress-decisions.md, "Publishing in bulk"):
 * each test holds its end state to that of the same files written one by
 * one through wp_insert_post(), which a refused file in the group forces.
 */
final class Test_Anp_Publish_Path extends Anp_WP_Test_Case {

	/**
	 * Slugs against posts already there and against each other, guids
	 * under pretty permalinks, _encloseme, the calendar block's option and
	 * the pings' event.
	 *
	 * @dataProvider permalinks
	 */
	public function test_published_in_bulk_as_one_by_one( string $structure ): void {
		$dir = $this->same_titles( 'publish-path' );

		$this->site_with_taken_slugs( $structure );
		$this->import_ok( array( $dir ), array( '--status=publish', '--batch-size=500' ) );
		$bulk = $this->end_state();
		$this->assertGreaterThanOrEqual( 8, count( $bulk['guids'] ) );

		$this->site_with_taken_slugs( $structure );
		copy( $dir . '/000x_refused.txt.off', $dir . '/000x_refused.txt' );
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--status=publish', '--batch-size=500' ) );
		unlink( $dir . '/000x_refused.txt' );
		$this->assertSame( 1, $report['failed'], self::describe( $result ) );
		$one_by_one = $this->end_state();

		$this->assert_same_fingerprint( $one_by_one['fingerprint'], $bulk['fingerprint'], 'posts written in bulk against one by one' );
		unset( $one_by_one['fingerprint'], $bulk['fingerprint'] );
		$this->assertSame( $one_by_one, $bulk );
	}

	public function permalinks(): array {
		return array(
			'default permalinks' => array( '' ),
			'pretty permalinks'  => array( '/%year%/%postname%/' ),
		);
	}

	/**
	 * A server whose auto-increment steps by 2 (as Galera's does by the
	 * number of nodes) gives a multi-row INSERT ids two apart: each post's
	 * meta and terms are its own, and its guid its id's.
	 */
	public function test_ids_that_step_by_two(): void {
		$dir = $this->same_titles( 'publish-step' );
		$this->site_with_taken_slugs( '' );
		$this->import_ok( array( $dir ), array( '--status=publish', '--batch-size=500' ) );
		$expected = $this->end_state();

		$this->site_with_taken_slugs( '' );
		$root = new mysqli( 'localhost', 'root', '', '', 0, ANP_TESTS_SANDBOX . '/mysql.sock' );
		$root->query( 'SET GLOBAL auto_increment_increment = 2' );
		try {
			$this->import_ok( array( $dir ), array( '--status=publish', '--batch-size=500' ) );
		} finally {
			$root->query( 'SET GLOBAL auto_increment_increment = 1' );
			$root->close();
		}
		$ids = array_map( 'intval', array_column( self::rows( "SELECT post_id FROM wp_postmeta WHERE meta_key = '_anp_source' ORDER BY post_id" ), 'post_id' ) );
		$this->assertSame( range( $ids[0], $ids[0] + 2 * ( count( $ids ) - 1 ), 2 ), $ids, 'ids two apart' );
		$this->assert_no_orphans();
		$this->assert_same_fingerprint( $expected['fingerprint'], $this->end_state()['fingerprint'], 'ids two apart against one apart' );
	}

	/**
	 * The seeds with posts that share a slug: four more of the first seed's
	 * title; the second's title on a post pending review (whose slug
	 * WordPress leaves as it is) then on a published one; three posts
	 * titled "Feed" (a feed's name: wp_unique_post_slug()'s own way); two
	 * titled "???" and "!!!". And a file WordPress refuses, kept aside as
	 * 000x_refused.txt.off.
	 */
	private function same_titles( string $name ): string {
		$dir   = self::seeds_copy( $name );
		$first = file_get_contents( self::seed_files()[0] );
		for ( $i = 1; $i <= 4; $i++ ) {
			file_put_contents( "$dir/0001_copy_$i.txt", str_replace( 'anp-ref-028071-4798', "anp-ref-028071-4798-$i", $first ) );
		}
		$second = file_get_contents( self::seed_files()[1] );
		file_put_contents( "$dir/0002_a_pending.txt", str_replace( array( 'anp-ref-016093-7723', 'needs human review: 0' ), array( 'anp-ref-016093-7723-p', 'needs human review: 1' ), $second ) );
		file_put_contents( "$dir/0002_b_published.txt", str_replace( 'anp-ref-016093-7723', 'anp-ref-016093-7723-b', $second ) );
		$third = file_get_contents( self::seed_files()[2] );
		for ( $i = 1; $i <= 3; $i++ ) {
			file_put_contents( "$dir/0003_feed_$i.txt", str_replace( array( 'anp-ref-019503-6154', 'production checklist for building safer deployment steps in python services' ), array( "anp-ref-019503-6154-$i", 'Feed' ), $third ) );
		}
		// Titles with nothing a slug keeps: WordPress names a published post after its id, each one.
		file_put_contents( "$dir/0004_no_slug.txt", str_replace( array( 'anp-ref-019503-6154', 'production checklist for building safer deployment steps in python services' ), array( 'anp-ref-019503-6154-q', '???' ), $third ) );
		file_put_contents( "$dir/0004_no_slug_2.txt", str_replace( array( 'anp-ref-019503-6154', 'production checklist for building safer deployment steps in python services' ), array( 'anp-ref-019503-6154-r', '!!!' ), $third ) );
		file_put_contents( "$dir/000x_refused.txt.off", str_replace( array( 'anp-ref-028071-4798', "  • ruff\n" ), array( 'anp-ref-028071-4798x', '  • ' . str_repeat( 'r', 250 ) . "\n" ), $first ) );
		return $dir;
	}

	/**
	 * A fresh site with this permalink structure where published posts
	 * already hold the first file's slug and its "-3", the second's "-2"
	 * (read with the first's, in one query), and "feed-3".
	 */
	private function site_with_taken_slugs( string $structure ): void {
		self::sandbox_up();
		$this->wordpress(
			'update_option( "permalink_structure", $input["structure"] );
			foreach ( array( sanitize_title( $input["title"] ), sanitize_title( $input["title"] ) . "-3", sanitize_title( $input["second"] ) . "-2", "feed-3" ) as $slug ) {
				wp_insert_post( array( "post_title" => "taken", "post_name" => $slug, "post_status" => "publish", "post_date" => "2020-01-01 00:00:00" ) );
			}
			return true;',
			array(
				'structure' => $structure,
				'title'     => anp_parse_file( self::seed_files()[0] )['title'],
				'second'    => anp_parse_file( self::seed_files()[1] )['title'],
			)
		);
		// A handler of each new post, after its commit: the guid it reads
		// is the object cache's.
		@mkdir( self::wordpress_dir() . '/wp-content/mu-plugins', 0777, true ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		file_put_contents( self::wordpress_dir() . '/wp-content/mu-plugins/anp-test-guid-seen.php', '<?php add_action( "anp_import_post_created", static function ( $id ) { file_put_contents( ' . var_export( self::guids_seen(), true ) . ', $id . " " . get_post( $id )->post_name . " " . get_post( $id )->guid . "\\n", FILE_APPEND ); } );' );
		@unlink( self::guids_seen() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
	}

	/** Where the handler writes the guids it read. */
	private static function guids_seen(): string {
		return ANP_TESTS_FILES . '/guids-seen.txt';
	}

	/**
	 * What the import left: the posts, and what the fingerprint does not
	 * hold: each post's guid (as its slug's) and modified dates, the
	 * calendar block's option, whether pings are due; and the guid the
	 * object cache gives, as a handler in the run would read it.
	 */
	private function end_state(): array {
		$guids    = array();
		$modified = array();
		foreach ( self::rows( "SELECT p.ID, p.post_name, p.guid, p.post_modified, p.post_modified_gmt, m.meta_value AS source FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_source' ORDER BY m.meta_value" ) as $row ) {
			$named_by_id                     = $row['ID'] === $row['post_name'];
			$guids[ $named_by_id ? '<its id> ' . basename( $row['source'] ) : $row['post_name'] ] = str_replace( array( '=' . $row['ID'], '/' . $row['ID'] . '/' ), array( '=<id>', '/<id>/' ), $row['guid'] );
			$modified[ basename( $row['source'] ) ] = array( $row['post_modified'], $row['post_modified_gmt'] );
		}
		$seen = 0;
		foreach ( file( self::guids_seen(), FILE_IGNORE_NEW_LINES ) as $line ) {
			list( $id, $name, $guid ) = explode( ' ', $line, 3 );
			$this->assertSame( self::value( 'SELECT guid FROM wp_posts WHERE ID = ?', array( $id ) ), $guid, "the guid a handler read of post $id" );
			$this->assertSame( self::value( 'SELECT post_name FROM wp_posts WHERE ID = ?', array( $id ) ), $name, "the slug a handler read of post $id" );
			++$seen;
		}
		return array(
			'fingerprint' => self::fingerprint( self::ACROSS_SITES ),
			'seen'        => $seen,
			'guids'       => $guids,
			'modified'    => $modified,
			'state'       => $this->wordpress( 'return array( get_option( "wp_calendar_block_has_published_posts" ), (bool) wp_next_scheduled( "do_pings" ), get_option( "fresh_site" ) );' ),
		);
	}
}
