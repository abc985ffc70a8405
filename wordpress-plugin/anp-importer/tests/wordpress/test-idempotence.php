<?php
/**
 * Importing the same files again.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * An unchanged file is skipped, and nothing in the database moves
 * (docs/wordpress.md §5).
 */
final class Test_Anp_Idempotence extends Anp_WP_Test_Case {

	public function test_a_second_import_of_the_seeds_changes_nothing(): void {
		$first = $this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->assertSame( 5, $first['created'] );
		$before = self::fingerprint();

		$second = $this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 5, 'failed' => 0 ), self::totals( $second ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after the second import' );
		$this->assertSame( 5, self::anp_post_count() );
	}

	/**
	 * Published posts (unique slugs, term counts), and the same files named
	 * another way: one by one, and by a glob.
	 */
	public function test_a_second_import_of_published_posts_changes_nothing(): void {
		$dir   = self::generated( 'idempotence', 99, 300 );
		$first = $this->import_ok( array( $dir, ANP_TESTS_SEEDS ), array( '--status=publish' ) );
		$this->assertSame( 305, $first['created'] );
		$this->assert_term_counts_right( 'after the first import' );
		$before = self::fingerprint();

		$second = $this->import_ok( array( ANP_TESTS_SEEDS . '/*.txt', $dir ), array( '--status=publish', '--batch-size=7' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 305, 'failed' => 0 ), self::totals( $second ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after the second import' );

		$third = $this->import_ok( self::seed_files() );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 5, 'failed' => 0 ), self::totals( $third ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after the third import' );
		$this->assert_term_counts_right( 'at the end' );
	}

	/**
	 * Two files with the same identity in one run make one post.
	 */
	public function test_two_copies_of_a_file_in_one_run_make_one_post(): void {
		$dir = self::files_dir( 'copies' );
		copy( self::seed_files()[0], "$dir/a.txt" );
		copy( self::seed_files()[0], "$dir/b.txt" );
		$report = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 1, 'updated' => 0, 'skipped' => 1, 'failed' => 0 ), self::totals( $report ) );
		$this->assertSame( 1, self::anp_post_count() );
	}
}
