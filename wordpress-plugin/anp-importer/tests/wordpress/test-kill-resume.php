<?php
/**
 * An import killed half-way, then started again.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * "A run that is killed can be started again with the same command and ends
 * with the same posts as an uninterrupted run" (docs/wordpress.md §5).
 */
final class Test_Anp_Kill_Resume extends Anp_WP_Test_Case {

	/** Rows of anp_items to wait for before each kill. */
	const KILL_AFTER = array( 300, 1100 );

	public function test_a_killed_import_started_again_ends_as_an_uninterrupted_one(): void {
		$corpus = self::corpus();
		$this->assertCount( 2000, self::files_in( $corpus ) );
		$args = array( 'import', $corpus, '--format=json', '--status=publish', '--batch-size=50' );

		// 1. The import, killed with SIGKILL once some hundreds of posts are
		// in; then the same command, killed again further on.
		$batch_id = null;
		foreach ( self::KILL_AFTER as $threshold ) {
			$this->kill_when_the_ledger_has( $args, $threshold );
			$running = self::rows( 'SELECT * FROM wp_anp_batches' );
			$this->assertCount( 1, $running, 'one batch, however many times it was started' );
			$this->assertSame( 'running', $running[0]['status'], 'the killed batch is left running' );
			$batch_id = $batch_id ?? $running[0]['id'];
			$this->assertSame( $batch_id, $running[0]['id'] );
			$items = (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' );
			$this->assertGreaterThanOrEqual( $threshold, $items );
			$this->assertLessThan( 2000, $items, 'killed before the end' );
			$this->assertSame( $items, self::anp_post_count(), 'as many posts as ledger rows' );
		}
		$cut_short = self::fingerprint( self::ACROSS_SITES );
		$this->assertSame( array(), $cut_short['orphans'] );

		// 2. The same command again.
		list( $result, $resumed ) = $this->import_json( array( $corpus ), array( '--status=publish', '--batch-size=50' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertTrue( $resumed['resumed'], 'resumed' );
		$this->assertSame( $batch_id, $resumed['batch'], 'the same batch' );
		$this->assertSame( array(), $resumed['failures'] );
		$batch_after_resume = self::rows( 'SELECT status, report FROM wp_anp_batches WHERE id = ?', array( $resumed['batch'] ) )[0];
		$this->assertSame( 'finished', $batch_after_resume['status'] );
		$this->assertSame( 2000, self::anp_post_count() );
		$this->assert_term_counts_right( 'after the resumed run' );
		$resumed_site = self::fingerprint( self::ACROSS_SITES );
		$this->assertSame( 1, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'no second batch' );

		// 3. The batch rolls back whole: the posts of every run of it go.
		$rollback = self::anp( array( 'rollback', $batch_id ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertStringContainsString( '2000 posts deleted, 0 restored.', $rollback['stdout'] );
		$this->assertSame( 0, self::anp_post_count() );
		$this->assert_term_counts_right( 'after the rollback' );
		$this->assert_no_orphans();

		// 4. The same files, uninterrupted, into a fresh site.
		self::sandbox_up();
		$whole = $this->import_ok( array( $corpus ), array( '--status=publish', '--batch-size=50' ) );
		$this->assertFalse( $whole['resumed'] );
		$this->assertSame( array( 'created' => 2000, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $whole ) );
		$this->assert_term_counts_right( 'after the uninterrupted run' );
		$batch_whole = self::rows( 'SELECT status, report FROM wp_anp_batches WHERE id = ?', array( $whole['batch'] ) )[0];
		$reference   = self::fingerprint( self::ACROSS_SITES );

		$this->assertSame( self::totals( $whole ), self::totals( $resumed ), 'the totals of the resumed batch' );
		$this->assertSame( json_decode( $batch_whole['report'], true ), json_decode( $batch_after_resume['report'], true ), 'the totals the ledger keeps' );
		$this->assert_same_fingerprint( $reference, $resumed_site, 'the resumed site against the uninterrupted one' );

		// What the killed run had written was whole: each post as the
		// uninterrupted run wrote it (the term counts aside: recounted at the end).
		$this->assertSame( array(), array_keys( array_diff_key( $cut_short['posts'], $reference['posts'] ) ), 'posts the uninterrupted run does not have' );
		foreach ( $cut_short['posts'] as $key => $post ) {
			$this->assertSame( $reference['posts'][ $key ], $post, "$key as the killed run left it" );
		}
	}

	/**
	 * The same for a run that updates posts (one by one, with revisions).
	 */
	public function test_a_killed_update_started_again_ends_as_an_uninterrupted_one(): void {
		$dir = self::files_dir( 'corpus-v2' );
		foreach ( self::files_in( self::corpus() ) as $file ) {
			copy( $file, $dir . '/' . basename( $file ) );
		}
		$this->import_ok( array( $dir ), array( '--status=publish' ) );
		$changed = 0;
		foreach ( self::files_in( $dir ) as $file ) {
			$bytes = str_replace( "\n  • git\n", "\n  • mercurial\n", file_get_contents( $file ), $count );
			if ( $count ) {
				file_put_contents( $file, $bytes );
				++$changed;
			}
		}
		$this->assertGreaterThan( 500, $changed );
		$args = array( 'import', $dir, '--format=json', '--status=publish', '--batch-size=50' );

		$this->kill_when_the_ledger_has( $args, 300, "SELECT COUNT(*) FROM wp_anp_changes WHERE action = 'updated'" );
		$this->assertLessThan( $changed, (int) self::value( "SELECT COUNT(*) FROM wp_anp_changes WHERE action = 'updated'" ), 'killed before the end' );

		list( $result, $resumed ) = $this->import_json( array( $dir ), array( '--status=publish', '--batch-size=50' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertTrue( $resumed['resumed'] );
		$this->assert_term_counts_right( 'after the resumed update' );
		$options      = array( 'changes' => false ) + self::ACROSS_SITES;
		$resumed_site = self::fingerprint( $options );

		// Uninterrupted, on a fresh site: the first files, then the changed ones.
		foreach ( self::files_in( $dir ) as $file ) {
			file_put_contents( $file, str_replace( "\n  • mercurial\n", "\n  • git\n", file_get_contents( $file ) ) );
		}
		self::sandbox_up();
		$this->import_ok( array( $dir ), array( '--status=publish' ) );
		foreach ( self::files_in( $dir ) as $file ) {
			file_put_contents( $file, str_replace( "\n  • git\n", "\n  • mercurial\n", file_get_contents( $file ) ) );
		}
		$whole = $this->import_ok( array( $dir ), array( '--status=publish', '--batch-size=50' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => $changed, 'skipped' => 2000 - $changed, 'failed' => 0 ), self::totals( $whole ) );
		$this->assert_same_fingerprint( self::fingerprint( $options ), $resumed_site, 'the resumed update against the uninterrupted one' );
		$this->assertSame( self::totals( $whole ), self::totals( $resumed ), 'the totals of the resumed batch' );
	}

	/**
	 * Files that an earlier batch imported are skipped by the killed run
	 * and by the resumed one: counted once, as in an uninterrupted run.
	 */
	public function test_a_resumed_import_counts_skipped_files_once(): void {
		$corpus = self::corpus();
		$this->import_ok( array( ANP_TESTS_SEEDS ) );
		$args = array( 'import', ANP_TESTS_SEEDS, $corpus, '--format=json', '--batch-size=50' );
		$this->kill_when_the_ledger_has( $args, 5 + self::KILL_AFTER[0] );
		$running = self::rows( "SELECT id FROM wp_anp_batches WHERE status = 'running'" );
		$this->assertCount( 1, $running );
		// A batch not finished keeps its totals with its groups, in the work queue.
		$skipped = 0;
		foreach ( self::rows( 'SELECT totals FROM wp_anp_queue WHERE batch_id = ? AND totals IS NOT NULL', array( $running[0]['id'] ) ) as $group ) {
			$skipped += json_decode( $group['totals'], true )['skipped'] ?? 0;
		}
		$this->assertSame( 5, $skipped, 'the killed run had skipped the seeds' );
		list( $result, $resumed ) = $this->import_json( array( ANP_TESTS_SEEDS, $corpus ), array( '--batch-size=50' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertTrue( $resumed['resumed'] );
		$resumed_site = self::fingerprint( self::ACROSS_SITES );

		self::sandbox_up();
		$this->import_ok( array( ANP_TESTS_SEEDS ) );
		$whole = $this->import_ok( array( ANP_TESTS_SEEDS, $corpus ), array( '--batch-size=50' ) );
		$this->assertSame( array( 'created' => 2000, 'updated' => 0, 'skipped' => 5, 'failed' => 0 ), self::totals( $whole ) );
		$this->assertSame( self::totals( $whole ), self::totals( $resumed ), 'the totals of the resumed batch' );
		$this->assert_same_fingerprint( self::fingerprint( self::ACROSS_SITES ), $resumed_site, 'the resumed site against the uninterrupted one' );
	}

	/**
	 * What names a batch to resume (its files and flags) is taken a path at
	 * a time, so that a worker's memory does not grow with the batch; it is
	 * the same hash as the one wp_json_encode() of them all gave, so that a
	 * batch cut short before resumes after: paths that are not UTF-8, a
	 * missing file, no files, flags in any order.
	 */
	public function test_the_resume_key_is_the_hash_of_the_files_and_flags_as_one_json(): void {
		$dir   = self::files_dir( 'resume-key' );
		$files = array( "$dir/caf\xe9.txt", "$dir/ok.txt", "$dir/\xff\xfe.txt", "$dir/missing.txt" );
		foreach ( array_slice( $files, 0, 3 ) as $file ) {
			file_put_contents( $file, 'x' );
		}
		$keys = $this->wordpress(
			'$options = Anp_Import_Options::from_flags( Anp_Settings::get(), array( "status" => "publish", "batch-size" => "7" ) );
			$files   = array_map( "base64_decode", $input );
			$whole   = function ( array $files ) use ( $options ) {
				$overrides = ( new ReflectionProperty( $options, "overrides" ) )->getValue( $options );
				ksort( $overrides );
				return hash( "sha256", (string) wp_json_encode( array( array_map( "realpath", $files ), $overrides ) ) );
			};
			return array(
				array( $whole( $files ), $options->resume_key( $files ) ),
				array( $whole( array() ), $options->resume_key( array() ) ),
				array( $whole( array( $files[1] ) ), $options->resume_key( array( $files[1] ) ) ),
			);',
			array_map( 'base64_encode', $files )
		);
		foreach ( $keys as $i => list( $whole, $streamed ) ) {
			$this->assertSame( $whole, $streamed, "case $i" );
		}
		$this->assertNotSame( $keys[0][0], $keys[1][0] );
	}

	/**
	 * Starts bin/anp with these arguments and kills it with SIGKILL as soon
	 * as the ledger holds so many rows.
	 *
	 * @param string[] $args      The command and its arguments.
	 * @param int      $threshold Rows of the ledger.
	 * @param string   $count     The query that counts them.
	 */
	private function kill_when_the_ledger_has( array $args, int $threshold, string $count = self::LEDGER_ROWS ): void {
		$process = self::start_process( self::anp_command( $args ) );
		$this->wait_for_ledger_rows( $process, $threshold, $count );
		posix_kill( $process['pid'], SIGKILL );
		$killed = self::wait_process( $process );
		$this->assertSame( SIGKILL, $killed['signal'], self::describe( $killed ) );
	}
}
