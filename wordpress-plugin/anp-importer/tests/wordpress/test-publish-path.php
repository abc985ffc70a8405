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
	 * Nine files of one title (four of the seeds' first, each its own post)
	 * with the seeds, and a file WordPress refuses, kept aside as
	 * 000x_refused.txt.off.
	 */
	private function same_titles( string $name ): string {
		$dir   = self::seeds_copy( $name );
		$first = file_get_contents( self::seed_files()[0] );
		for ( $i = 1; $i <= 4; $i++ ) {
			file_put_contents( "$dir/0001_copy_$i.txt", str_replace( 'anp-ref-028071-4798', "anp-ref-028071-4798-$i", $first ) );
		}
		file_put_contents( "$dir/000x_refused.txt.off", str_replace( array( 'anp-ref-028071-4798', "  • ruff\n" ), array( 'anp-ref-028071-4798x', '  • ' . str_repeat( 'r', 250 ) . "\n" ), $first ) );
		return $dir;
	}

	/**
	 * A fresh site with this permalink structure where published posts
	 * already hold the first file's slug and its "-3".
	 */
	private function site_with_taken_slugs( string $structure ): void {
		self::sandbox_up();
		$title = anp_parse_file( self::seed_files()[0] )['title'];
		$this->wordpress(
			'update_option( "permalink_structure", $input["structure"] );
			foreach ( array( "", "-3" ) as $suffix ) {
				wp_insert_post( array( "post_title" => "taken", "post_name" => sanitize_title( $input["title"] ) . $suffix, "post_status" => "publish", "post_date" => "2020-01-01 00:00:00" ) );
			}
			return true;',
			array(
				'structure' => $structure,
				'title'     => $title,
			)
		);
	}

	/**
	 * What the import left: the posts, and what the fingerprint does not
	 * hold: each post's guid (as its slug's), the calendar block's option,
	 * whether pings are due.
	 */
	private function end_state(): array {
		$guids = array();
		foreach ( self::rows( "SELECT p.ID, p.post_name, p.guid FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_source' ORDER BY p.post_name" ) as $row ) {
			$guids[ $row['post_name'] ] = str_replace( '=' . $row['ID'], '=<id>', $row['guid'] );
		}
		return array(
			'fingerprint' => self::fingerprint( self::ACROSS_SITES ),
			'guids'       => $guids,
			'state'       => $this->wordpress( 'return array( get_option( "wp_calendar_block_has_published_posts" ), (bool) wp_next_scheduled( "do_pings" ), get_option( "fresh_site" ) );' ),
		);
	}
}
