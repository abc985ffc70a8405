<?php
/**
 * An import behind a read/write split, with a replica that lags.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * The site runs on a primary and a replica (scripts/replica) through a
 * drop-in that sends reads to the replica, as large sites do with HyperDB
 * or LudicrousDB (fixtures/db-read-replica.php behaves as they do). The
 * replica here has stopped applying: what an import reads to decide what
 * to write must come from the primary, or the second run of the same files
 * makes every post again (docs/scaling.md).
 */
final class Test_Anp_Replica extends Anp_WP_Test_Case {

	const FRESH_SITE = false;

	/** @var string The pair's folder, beside the sandbox. */
	private $pair;

	protected function setUp(): void {
		parent::setUp();
		// Not beside the sandbox: its servers run as the user mysql, who
		// may not reach the project's folder (a clone under /root, 0700).
		$this->pair = sys_get_temp_dir() . '/anp-test-replica-' . getmypid();
	}

	protected function tearDown(): void {
		self::sandbox_down();
		self::run_process( array( ANP_TESTS_ROOT . '/scripts/replica', 'down', $this->pair ), array( 'timeout' => 120 ) );
		self::run_process( array( 'rm', '-rf', '--', $this->pair ) );
		parent::tearDown();
	}

	public function test_an_import_reads_what_decides_its_writes_from_the_primary(): void {
		$env = array( 'REPLICA_BASE_PORT' => (string) self::free_port_base( array( 1, 2 ) ) );
		$up  = self::run_process( array( ANP_TESTS_ROOT . '/scripts/replica', 'up', $this->pair ), array( 'timeout' => 300, 'env' => $env ) );
		$this->assertSame( 0, $up['exit'], self::describe( $up ) );
		self::sandbox_up( array( 'WP_SANDBOX_DB_SOCKET' => $this->pair . '/primary/mysql.sock' ) );
		$this->assertSame( 0, self::run_process( array( ANP_TESTS_ROOT . '/scripts/replica', 'sync', $this->pair ), array( 'env' => $env ) )['exit'], 'the replica has the new site' );
		file_put_contents(
			self::wordpress_dir() . '/wp-content/db.php',
			"<?php\ndefine( 'ANP_TEST_REPLICA_SOCKET', " . var_export( $this->pair . '/replica/mysql.sock', true ) . " );\n?>" . file_get_contents( __DIR__ . '/fixtures/db-read-replica.php' )
		);
		$replica = new mysqli( 'localhost', 'root', '', 'wordpress', 0, $this->pair . '/replica/mysql.sock' );
		$replica->query( 'STOP SLAVE' ); // From here on, the replica lags behind.

		$dir   = self::generated( 'replica', 5, 30 );
		$first = $this->import_ok( array( $dir ), array( '--status=publish' ) );
		$this->assertSame( 30, $first['created'] );
		$this->assertSame( '0', $replica->query( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_anp_source'" )->fetch_row()[0], 'the replica has none of it' );

		list( $result, $dry ) = $this->import_json( array( $dir ), array( '--dry-run' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 30, 'failed' => 0 ), self::totals( $dry ), 'the dry run reads the primary' );
		$second = $this->import_ok( array( $dir ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 30, 'failed' => 0 ), self::totals( $second ) );
		$this->assertSame( 30, self::anp_post_count() );
		$replica->close();
	}
}
