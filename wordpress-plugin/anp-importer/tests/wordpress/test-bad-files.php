<?php
/**
 * Files that do not parse, among files that do.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * A file that fails to parse is reported with its path, line and reason; the
 * run goes on with the other files and ends with a non-zero exit code
 * (docs/wordpress.md §5).
 */
final class Test_Anp_Bad_Files extends Anp_WP_Test_Case {

	public function test_the_good_files_land_and_each_bad_one_is_reported(): void {
		list( $dir, $bad ) = self::good_and_bad_files( 'bad-files' );
		$empty = self::fingerprint();

		// The table report: each failure on stderr as "path:line: reason".
		$result = self::anp( array( 'import', $dir ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		foreach ( $bad as $failure ) {
			$this->assertStringContainsString( "\nWarning: {$failure['path']}:{$failure['line']}: {$failure['reason']}\n", "\n" . $result['stderr'], self::describe( $result ) );
		}
		$this->assertSame( count( $bad ), preg_match_all( '/^Warning: ' . preg_quote( $dir . '/', '/' ) . '/m', $result['stderr'] ), 'one warning per bad file' );
		$this->assertMatchesRegularExpression( '/5 created, 0 updated, 0 skipped, 4 failed\./', $result['stderr'] . $result['stdout'] );

		// The good ones landed, whole.
		foreach ( self::seed_files() as $file ) {
			$this->assertCount( 1, self::posts_with_hash( hash_file( 'sha256', $file ) ), basename( $file ) );
		}
		$this->assertSame( 5, self::anp_post_count() );
		$this->assert_no_orphans();
		$after = self::fingerprint();
		$this->assertSame( array_keys( $empty['posts'] + $after['posts'] ), array_keys( $after['posts'] ), 'no other post' );

		// The JSON report, on a second run: the same failures, in file order.
		list( $result, $report ) = $this->import_json( array( $dir ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 5, 'failed' => 4 ), self::totals( $report ) );
		$this->assertSame( $bad, $report['failures'] );
		$this->assert_same_fingerprint( $after, self::fingerprint(), 'after the second run' );
	}

	public function test_a_path_that_names_nothing_is_reported(): void {
		list( $result, $report ) = $this->import_json( array( ANP_TESTS_SEEDS, ANP_TESTS_FILES . '/no-such-folder' ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertSame( 5, $report['created'] );
		$this->assertSame( 1, $report['failed'] );
		$this->assertSame( ANP_TESTS_FILES . '/no-such-folder', $report['failures'][0]['path'] );
		$this->assertSame( 5, self::anp_post_count() );
	}

	/**
	 * A file WordPress refuses (a tool too long for a term name) fails alone,
	 * whole: its group is written again post by post (wp_insert_post()), and
	 * those posts are the posts the bulk path writes.
	 *
	 * @dataProvider statuses
	 */
	public function test_a_post_wordpress_refuses_fails_alone_and_whole( string $status ): void {
		$dir  = self::seeds_copy( 'refused' );
		$bad  = $dir . '/000x_long_tool.txt';
		$tool = str_repeat( 'r', 250 );
		file_put_contents( $bad, str_replace( array( 'referenceanp-ref-028071-4798', "  • ruff\n" ), array( 'referenceanp-ref-028071-4798x', "  • $tool\n" ), file_get_contents( self::seed_files()[0] ) ) );
		$this->assertContains( $tool, anp_parse_file( $bad )['meta']['tools'] );

		list( $result, $report ) = $this->import_json( array( $dir ), array( "--status=$status" ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 1 ), self::totals( $report ) );
		$this->assertSame( $bad, $report['failures'][0]['path'] );
		$this->assertSame( 1, $report['failures'][0]['line'] );
		$this->assertSame( array(), self::posts_with_hash( hash_file( 'sha256', $bad ) ), 'nothing of the refused post' );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_terms WHERE name = ?', array( $tool ) ) );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_anp_items WHERE identity = 'reference:anp-ref-028071-4798x'" ) );
		$this->assert_no_orphans();
		$this->assert_term_counts_right();
		$one_by_one = self::fingerprint( self::ACROSS_SITES );

		unlink( $bad );
		self::sandbox_up();
		$this->import_ok( array( $dir ), array( "--status=$status" ) );
		$this->assert_same_fingerprint( self::fingerprint( self::ACROSS_SITES ), $one_by_one, 'posts written one by one against posts written in bulk' );
	}

	public function statuses(): array {
		return array(
			'drafts'    => array( 'draft' ),
			'published' => array( 'publish' ),
		);
	}
}
