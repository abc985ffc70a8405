<?php
/**
 * Many workers on one batch.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * `import --workers=<n>`, and the same command run twice at once: one batch,
 * its files shared, each post once, and the end state of one worker, even
 * when a worker is killed half-way.
 */
final class Test_Anp_Workers extends Anp_WP_Test_Case {

	const FLAGS = array( '--status=publish', '--batch-size=25' );

	public function test_four_workers_one_killed_then_the_command_again_end_as_one_worker(): void {
		$corpus = self::corpus();

		// 1. One worker, uninterrupted: what the others must end as.
		$one       = $this->import_ok( array( $corpus ), self::FLAGS );
		$reference = self::fingerprint( self::ACROSS_SITES );
		$this->assertSame( 2000, $one['created'] );

		// 2. A fresh site: four workers, one killed with SIGKILL half-way.
		self::sandbox_up();
		$parent = self::start_process( self::anp_command( array_merge( array( 'import', $corpus, '--format=json', '--workers=4' ), self::FLAGS ) ) );
		$killed = $this->kill_a_worker_of( $parent, 600 );
		$parent = self::wait_process( $parent );
		$this->assertSame( 1, $parent['exit'], self::describe( $parent ) );
		$this->assertStringContainsString( "worker $killed stopped", $parent['stderr'] );
		$this->assertSame( 1, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'the four workers wrote one batch' );
		$this->assertSame( (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), self::anp_post_count(), 'as many posts as ledger rows' );
		$this->assertSame( array(), self::fingerprint( self::ACROSS_SITES )['orphans'] );

		// 3. The same command again.
		list( $again, $report ) = $this->import_json( array( $corpus ), array_merge( array( '--workers=4' ), self::FLAGS ) );
		$this->assertSame( 0, $again['exit'], self::describe( $again ) );
		$this->assertSame( array(), $report['failures'] );
		$this->assertSame( 2000, self::anp_post_count() );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_anp_batches WHERE status = 'running'" ), 'finished' );
		$this->assertSame( 0, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_queue' ), 'the queue is emptied with the batch' );
		$this->assert_term_counts_right( 'after the workers' );
		$this->assert_same_fingerprint( self::slugs_aside( $reference ), self::slugs_aside( self::fingerprint( self::ACROSS_SITES ) ), 'four workers, one killed, then again, against one worker' );
		$this->assertSame( '0', self::value( self::PUBLISHED_SLUG_TWICE ), 'no slug given to two published posts' );

		// 4. The batch rolls back whole, whichever worker wrote its posts.
		$batch_id = (string) self::value( 'SELECT id FROM wp_anp_batches ORDER BY started_gmt LIMIT 1' );
		$rollback = self::anp( array( 'rollback', $batch_id ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertSame( 0, self::anp_post_count() );
		$this->assert_no_orphans();
	}

	/**
	 * Two commands started together on the same files make one batch and
	 * share it: each file is written once, by one of them, and new terms
	 * are made once whichever worker met them first.
	 */
	public function test_two_commands_at_once_join_one_batch(): void {
		$files = self::generated( 'workers-join', 11, 300 );
		$first = self::start_process( self::anp_command( array_merge( array( 'import', $files, '--format=json' ), self::FLAGS ) ) );
		$other = self::start_process( self::anp_command( array_merge( array( 'import', $files, '--format=json' ), self::FLAGS ) ) );
		$first = self::wait_process( $first );
		$other = self::wait_process( $other );
		$this->assertSame( 0, $first['exit'], self::describe( $first ) );
		$this->assertSame( 0, $other['exit'], self::describe( $other ) );
		$reports = array( json_decode( $first['stdout'], true ), json_decode( $other['stdout'], true ) );
		$this->assertSame( $reports[0]['batch'], $reports[1]['batch'], 'one batch' );
		$this->assertSame( 300, self::anp_post_count() );
		$this->assertSame( 1, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ) );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM ( SELECT t.slug, tt.taxonomy FROM wp_terms t JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id GROUP BY t.slug, tt.taxonomy HAVING COUNT(*) > 1 ) AS twice' ), 'no term made twice' );
		$this->assertSame( '0', self::value( self::PUBLISHED_SLUG_TWICE ), 'no slug given to two published posts' );
		$this->assert_term_counts_right( 'after two commands' );
		$this->assertSame( 2, count( array_filter( $reports, static fn( $report ) => $report['created'] > 0 ) ), 'both wrote' );
	}

	/**
	 * More workers than groups: the first ones may write the whole batch
	 * before the last one starts. Still one batch, and its totals stay.
	 */
	public function test_more_workers_than_groups_make_one_batch_with_its_totals(): void {
		list( $result, $report ) = $this->import_json( array( ANP_TESTS_SEEDS ), array( '--workers=8' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ) );
		$this->assertSame( 1, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'one batch' );
		$this->assertSame( $report['batch'], self::value( 'SELECT id FROM wp_anp_batches' ) );
		$this->assertSame( 5, json_decode( (string) self::value( 'SELECT report FROM wp_anp_batches' ), true )['created'], 'the totals it keeps' );
	}

	/**
	 * Files whose posts were deleted, each twice in the batch (a copy in
	 * another group): two workers both decide "new" for one vanished post.
	 * One post each, and every file counted.
	 */
	public function test_two_files_of_a_deleted_post_make_one_post(): void {
		$dir = self::generated( 'workers-gone', 21, 60 );
		$this->import_ok( array( $dir ) );
		$this->wordpress( 'foreach ( get_posts( array( "numberposts" => -1, "post_status" => "any", "fields" => "ids" ) ) as $id ) { wp_delete_post( $id, true ); } return true;' );
		$this->assertSame( 0, self::anp_post_count() );
		$twice = self::files_dir( 'workers-gone-twice' );
		foreach ( self::files_in( $dir ) as $i => $file ) {
			copy( $file, sprintf( '%s/%03d-a.txt', $twice, $i ) );
			copy( $file, sprintf( '%s/%03d-b.txt', $twice, $i ) );
		}
		// A file a group: a file and its copy are next to each other in the
		// queue, and two workers take them at once.
		list( $result, $report ) = $this->import_json( array( $twice ), array( '--workers=4', '--batch-size=1' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( 60, self::anp_post_count(), 'one post a file and its copy' );
		$this->assertSame( array(), array_filter( array_keys( self::fingerprint()['posts'] ), static fn( $key ) => str_contains( $key, ' #' ) ), 'no identity with two posts' );
		$this->assertSame( array( 'created' => 60, 'updated' => 0, 'skipped' => 60, 'failed' => 0 ), self::totals( $report ), 'every file counted once' );
	}

	/**
	 * `--workers` refuses what it cannot do.
	 */
	public function test_workers_refuses_a_bad_count_and_a_dry_run(): void {
		$zero = self::anp( array( 'import', self::seeds_copy( 'workers-seeds' ), '--workers=0' ) );
		$this->assertSame( 1, $zero['exit'] );
		$this->assertStringContainsString( '--workers: expected a number from 1 to 32, got "0"', $zero['stderr'] );
		$dry = self::anp( array( 'import', self::seeds_copy( 'workers-seeds' ), '--workers=2', '--dry-run' ) );
		$this->assertSame( 1, $dry['exit'] );
		$this->assertStringContainsString( 'a dry run writes nothing', $dry['stderr'] );
		$this->assertSame( 0, self::anp_post_count() );
	}

	/**
	 * Kills one of the workers of a --workers run once the ledger has
	 * $rows rows.
	 *
	 * @return int The killed worker's number (1 to 4, in the order started).
	 */
	private function kill_a_worker_of( array $parent, int $rows ): int {
		$this->wait_for_ledger_rows( $parent, $rows );
		$children = array_map( 'intval', array_filter( explode( "\n", (string) shell_exec( 'pgrep -P ' . (int) $parent['pid'] ) ) ) );
		sort( $children );
		if ( 4 !== count( $children ) ) {
			$this->fail( 'four workers, found ' . count( $children ) . ': ' . self::describe( self::wait_process( $parent ) ) );
		}
		posix_kill( $children[1], SIGKILL );
		// While the others run: the status names them, a rollback waits for them.
		$status = json_decode( self::anp( array( 'status', '--format=json' ) )['stdout'], true );
		$this->assertMatchesRegularExpression( '/^\S+: \d+ of 80 groups written, workers: \S+ \d+/', (string) $status['running_batches'] );
		$rollback = self::anp( array( 'rollback', (string) self::value( 'SELECT id FROM wp_anp_batches' ) ) );
		$this->assertSame( 1, $rollback['exit'], self::describe( $rollback ) );
		$this->assertStringContainsString( 'another import is running on this site; wait for it to end (`wp anp status` shows its workers)', $rollback['stderr'] );
		return 2;
	}
}
