<?php
/**
 * An import on a node of a Galera cluster.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * The site's database is a node of a three-node MariaDB Galera cluster
 * (scripts/galera): ids step by three (wsrep_auto_increment_control) and
 * InnoDB's auto-increment lock mode is 2, so the bulk path takes each new
 * post's id from INSERT … RETURNING (docs/wordpress-decisions.md). The
 * import ends as on one server, and every node has it; and so does one
 * batch written by three workers at once, one on each node, one of them
 * killed half-way and its command run again.
 */
final class Test_Anp_Galera extends Anp_WP_Test_Case {

	const FRESH_SITE = false;

	/** @var string The cluster's folder, beside the sandbox. */
	private $cluster;

	protected function setUp(): void {
		parent::setUp();
		// Not beside the sandbox: its servers run as the user mysql, who
		// may not reach the project's folder (a clone under /root, 0700).
		$this->cluster = sys_get_temp_dir() . '/anp-test-galera-' . getmypid();
	}

	protected function tearDown(): void {
		self::sandbox_down();
		self::run_process( array( ANP_TESTS_ROOT . '/scripts/galera', 'down', $this->cluster ), array( 'timeout' => 120 ) );
		self::run_process( array( 'rm', '-rf', '--', $this->cluster ) );
		parent::tearDown();
	}

	/**
	 * Ports for the cluster that nothing listens on: node i's SQL port
	 * base + i, its group communication base + 100 + 10 i, + 1, + 2.
	 */
	private static function free_ports(): array {
		$offsets = array();
		for ( $i = 1; $i <= 3; $i++ ) {
			array_push( $offsets, $i, 100 + 10 * $i, 101 + 10 * $i, 102 + 10 * $i );
		}
		$base = self::free_port_base( $offsets );
		return array(
			'GALERA_BASE_PORT'  => (string) $base,
			'GALERA_GCOMM_PORT' => (string) ( $base + 100 ),
		);
	}

	/**
	 * Brings up the cluster and the sandbox's site on node 1.
	 */
	private function cluster_up(): void {
		$up = self::run_process(
			array( ANP_TESTS_ROOT . '/scripts/galera', 'up', $this->cluster ),
			array(
				'timeout' => 300,
				'env'     => self::free_ports(),
			)
		);
		$this->assertSame( 0, $up['exit'], self::describe( $up ) );
		$this->assertSame( 3, substr_count( $up['stdout'], 'Synced, cluster size 3, auto_increment_increment 3' ), $up['stdout'] );
		self::sandbox_up( array( 'WP_SANDBOX_DB_SOCKET' => $this->cluster . '/node1/mysql.sock' ) );
		// WordPress's installer writes what belongs to its first post and
		// its two pages for post ids 1, 2 and 3, the ids they get on one
		// server (the post's category, its comment, the pages' template,
		// the privacy page's option); under a step of three they are the
		// node's offset and the next two of its step, and the offset
		// depends on the order the nodes joined. Not the import's doing:
		// put right.
		list( $post, $page, $privacy ) = array_map( 'intval', array_column( self::rows( 'SELECT ID FROM wp_posts ORDER BY ID LIMIT 3' ), 'ID' ) );
		$db = self::db();
		$db->query( "DELETE FROM wp_postmeta WHERE meta_key = '_wp_page_template' AND post_id IN (2, 3)" );
		$db->query( "INSERT INTO wp_postmeta (post_id, meta_key, meta_value) VALUES ($page, '_wp_page_template', 'default'), ($privacy, '_wp_page_template', 'default')" );
		$db->query( "UPDATE wp_term_relationships SET object_id = $post WHERE object_id = 1" );
		$db->query( "UPDATE wp_comments SET comment_post_ID = $post WHERE comment_post_ID = 1" );
		$db->query( "UPDATE wp_options SET option_value = '$privacy' WHERE option_name = 'wp_page_for_privacy_policy'" );
	}

	public function test_a_worker_on_each_node_one_killed_then_again_ends_as_one_worker_on_one_server(): void {
		$dir   = self::generated( 'galera-workers', 12, 600 );
		$flags = array( '--status=publish', '--batch-size=20' );
		self::sandbox_up();
		$this->import_ok( array( $dir ), $flags );
		$expected = self::fingerprint( self::ACROSS_SITES );

		$this->cluster_up();
		$command = self::anp_command( array_merge( array( 'import', $dir, '--format=json' ), $flags ) );
		$on_node = fn( int $node ) => array( 'env' => array( 'WP_SANDBOX_DB_HOST' => 'localhost:' . $this->cluster . "/node$node/mysql.sock" ) );
		$workers = array();
		for ( $node = 1; $node <= 3; $node++ ) {
			$workers[ $node ] = self::start_process( $command, $on_node( $node ) );
		}
		// Node 2's worker dies half-way, as a machine that goes away: its
		// node rolls back what it held, and the others write it.
		$this->wait_for_ledger_rows( $workers[2], 200 );
		posix_kill( $workers[2]['pid'], SIGKILL );
		$batches = array();
		foreach ( $workers as $node => $worker ) {
			$worker = self::wait_process( $worker );
			if ( 2 === $node ) {
				$this->assertSame( SIGKILL, $worker['signal'], 'node 2: ' . self::describe( $worker ) );
				continue;
			}
			$this->assertSame( 0, $worker['exit'], "node $node: " . self::describe( $worker ) );
			$batches[ $node ] = json_decode( $worker['stdout'], true )['batch'];
		}
		$this->assertCount( 1, array_unique( $batches ), 'one batch' );
		$this->assertSame( (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), self::anp_post_count(), 'as many posts as ledger rows: ' . $this->ledger_without_posts() );

		// The same command again on node 2: whatever is left is written, nothing twice.
		$again = self::run_process( $command, $on_node( 2 ) );
		$this->assertSame( 0, $again['exit'], 'again on node 2: ' . self::describe( $again ) );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_anp_batches WHERE status = 'running'" ), 'finished' );
		$this->assertSame( 1, (int) self::value( "SELECT COUNT(*) FROM wp_anp_batches WHERE id = ? AND status = 'finished'", array( reset( $batches ) ) ) );
		$this->assertSame( 600, self::anp_post_count() );
		$this->assert_same_fingerprint( self::slugs_aside( $expected ), self::slugs_aside( self::fingerprint( self::ACROSS_SITES ) ), 'three workers on three nodes, one killed, then again, against one on one server' );
		$this->assertSame( '0', self::value( self::PUBLISHED_SLUG_TWICE ), 'no slug given to two published posts' );
		$this->assert_no_orphans();
		$this->assert_term_counts_right();
		$this->assertSame( 0, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_queue' ), 'the queue is emptied with the batch' );
		$steps = array_unique( array_map( static fn( $id ) => (int) $id % 3, array_column( self::rows( "SELECT post_id FROM wp_postmeta WHERE meta_key = '_anp_source'" ), 'post_id' ) ) );
		$this->assertGreaterThan( 1, count( $steps ), 'posts written on more than one node (ids on more than one step of three)' );
	}

	/**
	 * What tells a ledger row without its post apart, on each node: its
	 * batch and post id, and the queue's groups (state, claimed by, written by).
	 */
	private function ledger_without_posts(): string {
		$lines = array();
		for ( $node = 1; $node <= 3; $node++ ) {
			$db = new mysqli( 'localhost', 'root', '', 'wordpress', 0, $this->cluster . "/node$node/mysql.sock" );
			$db->query( 'SET SESSION wsrep_sync_wait = 1' );
			$missing = $db->query( 'SELECT i.post_id, i.source FROM wp_anp_items i LEFT JOIN wp_posts p ON p.ID = i.post_id WHERE p.ID IS NULL ORDER BY i.post_id' )->fetch_all( MYSQLI_ASSOC );
			$lines[] = "node $node: " . count( $missing ) . ' ledger rows without a post: ' . json_encode( array_slice( $missing, 0, 5 ) );
			if ( 1 === $node ) {
				$lines[] = 'queue: ' . json_encode( $db->query( 'SELECT group_no, state, claimed_by, worker FROM wp_anp_queue ORDER BY group_no' )->fetch_all( MYSQLI_ASSOC ) );
			}
			$db->close();
		}
		return implode( "\n", $lines );
	}

	/**
	 * Another node's write aborts a group's transaction after its token
	 * was checked and before the guard's own check, the last before the
	 * commit (a "brute force" abort, which the client may hear of only
	 * there): the group is written again, and the import ends as on one
	 * server.
	 */
	public function test_a_group_aborted_by_another_node_just_before_its_commit_is_written_again(): void {
		$dir   = self::generated( 'galera-abort', 13, 40 );
		$flags = array( '--status=publish', '--batch-size=10' );
		$done  = ANP_TESTS_FILES . '/galera-abort-done';
		self::sandbox_up();
		self::install_faults();
		$this->import_ok( array( $dir ), $flags, array( 'env' => self::fault_env( 'none:verify', $done ) ) );
		$expected = self::fingerprint( self::ACROSS_SITES );

		$this->cluster_up();
		self::install_faults();
		@unlink( $done ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		$env     = self::fault_env( 'other_node:verify', $done ) + array( 'ANP_FAULT_OTHER_NODE' => $this->cluster . '/node2/mysql.sock' );
		$aborted = fn() => (int) self::rows( "SHOW GLOBAL STATUS LIKE 'wsrep_local_bf_aborts'" )[0]['Value'];
		$before  = $aborted();
		$result  = self::anp( array_merge( array( 'import', $dir, '--format=json' ), $flags ), array( 'env' => $env ) );
		$this->assertFileExists( $done, 'the fault happened: ' . self::describe( $result ) );
		$this->assertSame( 1, $aborted() - $before, 'node 2\'s write aborted the group\'s transaction on node 1' );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 40, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( json_decode( $result['stdout'], true ) ), self::describe( $result ) );
		$this->assert_same_fingerprint( $expected, self::fingerprint( self::ACROSS_SITES ), 'a group aborted before its commit, then written again, against one server' );
		$this->assert_no_orphans();
		$this->assert_term_counts_right();
	}

	public function test_one_worker_on_a_galera_node_ends_as_on_one_server(): void {
		$dir = self::generated( 'galera', 11, 300 );
		self::sandbox_up();
		$this->import_ok( array( $dir, ANP_TESTS_SEEDS ), array( '--status=publish', '--batch-size=40' ) );
		$expected = self::fingerprint( self::ACROSS_SITES );

		$this->cluster_up();
		$this->import_ok( array( $dir, ANP_TESTS_SEEDS ), array( '--status=publish', '--batch-size=40' ) );
		$this->assert_same_fingerprint( $expected, self::fingerprint( self::ACROSS_SITES ), 'on a Galera node against one server' );
		$this->assert_no_orphans();
		$this->assert_term_counts_right();

		$ids = array_map( 'intval', array_column( self::rows( "SELECT post_id FROM wp_postmeta WHERE meta_key = '_anp_source' ORDER BY post_id" ), 'post_id' ) );
		$this->assertCount( 305, $ids );
		foreach ( $ids as $id ) {
			$this->assertSame( $ids[0] % 3, $id % 3, 'every id of this node is on its step of three' );
			$this->assertSame( "http://127.0.0.1:" . ANP_TESTS_PORT . "/?p=$id", self::value( 'SELECT guid FROM wp_posts WHERE ID = ?', array( $id ) ) );
		}

		// The other nodes have it all (Galera replicates at each commit).
		$node3 = new mysqli( 'localhost', 'root', '', 'wordpress', 0, $this->cluster . '/node3/mysql.sock' );
		$this->assertSame( '305', $node3->query( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_anp_source'" )->fetch_row()[0] );
		$this->assertSame( self::value( 'SELECT COUNT(*) FROM wp_postmeta' ), $node3->query( 'SELECT COUNT(*) FROM wp_postmeta' )->fetch_row()[0] );
		$node3->close();
	}
}
