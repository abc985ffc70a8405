<?php
/**
 * Workers sharing a batch's groups through the queue.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Anp_Work_Queue against a real MariaDB, each worker a process of its own
 * with its own connection, as workers are.
 */
final class Test_Anp_Work_Queue extends Anp_WP_Test_Case {

	/** A worker: claims a group, holds it in a transaction and commits it done, or ($input['then'] "hold") says which and keeps holding it. */
	const WORKER = '
		global $wpdb;
		$queue  = new Anp_Work_Queue();
		$worker = "worker " . getmypid();
		$claim  = $queue->claim( "batch-q", $worker );
		$wpdb->query( "START TRANSACTION" );
		$held = $claim ? $queue->hold( "batch-q", $claim[0] ) : null;
		if ( "hold" === $input["then"] ) {
			echo json_encode( $claim ), "\n";
			sleep( 120 );
		}
		if ( null !== $held ) {
			$queue->record( "batch-q", $claim[0], array( "created" => count( $claim[1] ), "failed" => 1 ), true, $worker );
		}
		$wpdb->query( "COMMIT" );
		return null === $held ? null : $claim;';

	/**
	 * A held group is passed over, a killed worker's group comes back, and
	 * the totals are the done groups' sum.
	 */
	public function test_workers_share_the_groups_and_a_killed_ones_group_comes_back(): void {
		$this->wordpress( '( new Anp_Work_Queue() )->fill( "batch-q", $input, 2 ); ( new Anp_Work_Queue() )->fill( "batch-q", $input, 2 ); return true;', array( 'a', 'b', 'c', 'd', 'e' ) );
		$latin1 = "/files/caf\xe9.txt";
		$claim  = $this->wordpress( '$queue = new Anp_Work_Queue(); $queue->fill( "batch-latin1", array( base64_decode( $input ) ), 100 ); $claim = $queue->claim( "batch-latin1", "w" ); return array( $claim[0], array_map( "base64_encode", $claim[1] ) );', base64_encode( $latin1 ) );
		$this->assertSame( array( 0, array( base64_encode( $latin1 ) ) ), $claim, 'a path that is not UTF-8, byte for byte' );
		$this->assertSame( '3', self::value( "SELECT COUNT(*) FROM wp_anp_queue WHERE batch_id = 'batch-q'" ), 'filled once' );
		// More groups than one statement's rows: each group once, in order, across statements.
		$this->wordpress( '( new Anp_Work_Queue() )->fill( "batch-many", $input, 2 ); return true;', array_map( 'strval', range( 1, 901 ) ) );
		$this->assertSame( array( '451', '450' ), array_values( self::rows( "SELECT COUNT(*) AS n, MAX(group_no) AS last FROM wp_anp_queue WHERE batch_id = 'batch-many'" )[0] ) );
		$this->assertSame( '["Mzk5","NDAw"]', self::value( "SELECT paths FROM wp_anp_queue WHERE batch_id = 'batch-many' AND group_no = 199" ) );
		$this->assertSame( '["NDAx","NDAy"]', self::value( "SELECT paths FROM wp_anp_queue WHERE batch_id = 'batch-many' AND group_no = 200" ) );
		$this->assertSame( '["OTAx"]', self::value( "SELECT paths FROM wp_anp_queue WHERE batch_id = 'batch-many' AND group_no = 450" ) );

		$holder = $this->start_worker( array( 'then' => 'hold' ) );
		$this->assertSame( array( 0, array( 'a', 'b' ), false ), $this->claim_of( $holder ), 'the first worker holds group 0' );
		$this->assertSame( array( 1, array( 'c', 'd' ), false ), $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ), 'the next passes over it' );
		$this->assertSame( array( 2, array( 'e' ), false ), $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ), 'the last group, shorter' );
		$this->assertNull( $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ), 'none free while group 0 is held' );

		posix_kill( $holder['pid'], SIGKILL );
		self::wait_process( $holder );
		$this->assertSame( array( 0, array( 'a', 'b' ), false ), $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ), "the killed worker's group, back" );
		$this->assertNull( $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ), 'all done' );

		$progress = $this->wordpress( 'return ( new Anp_Work_Queue() )->progress( "batch-q" );' );
		$this->assertSame( 3, $progress['groups'] );
		$this->assertSame( 3, $progress['done'] );
		$this->assertSame(
			array(
				'created' => 5,
				'updated' => 0,
				'skipped' => 0,
				'failed'  => 3,
			),
			$progress['totals']
		);
		$this->assertCount( 3, $progress['workers'] );
	}

	/**
	 * Workers take the groups nobody claimed first; a claimed group is held
	 * by one transaction only, and done once.
	 */
	public function test_a_claimed_group_is_passed_over_and_a_group_is_done_once(): void {
		$this->wordpress( '( new Anp_Work_Queue() )->fill( "batch-q", $input, 1 ); return true;', array( 'a', 'b', 'c' ) );
		$this->assertSame( array( 0, array( 'a' ), false ), $this->wordpress( 'return ( new Anp_Work_Queue() )->claim( "batch-q", "planner" );' ), 'claimed, not held' );
		$this->assertSame( array( 1, array( 'b' ), false ), $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ), 'the next worker passes over a claimed group' );
		$this->assertSame( array( 2, array( 'c' ), false ), $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ) );
		$this->assertSame( array( 0, array( 'a' ), false ), $this->wordpress( self::WORKER, array( 'then' => 'commit' ) ), 'then the claimed group no transaction holds' );
		$again = $this->wordpress(
			'global $wpdb;
			$queue = new Anp_Work_Queue();
			$wpdb->query( "START TRANSACTION" );
			$held = $queue->hold( "batch-q", 0 );
			try {
				$queue->record( "batch-q", 0, array(), true, "late" );
				$recorded = "no error";
			} catch ( RuntimeException $e ) {
				$recorded = $e->getMessage();
			}
			$wpdb->query( "ROLLBACK" );
			return array( $held, $recorded, $queue->claim( "batch-q", "late" ) );'
		);
		$this->assertSame( array( null, 'group 0 of batch batch-q is not a pending group of the queue', null ), $again, 'a done group is not held, recorded or claimed again' );

		$this->wordpress( '( new Anp_Work_Queue() )->forget( "batch-q" ); return true;' );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_anp_queue WHERE batch_id = 'batch-q'" ) );
	}

	/**
	 * A worker process that keeps running, as self::wordpress() runs code.
	 */
	private function start_worker( array $input ): array {
		$script = 'require getenv( "ANP_TEST_WP_LOAD" ); $input = json_decode( stream_get_contents( STDIN ), true ); ( function ( $input ) { ' . self::WORKER . ' } )( $input );';
		return self::start_process(
			array( PHP_BINARY, '-r', $script ),
			array(
				'stdin' => json_encode( $input ),
				'env'   => array( 'ANP_TEST_WP_LOAD' => self::wordpress_dir() . '/wp-load.php' ),
			)
		);
	}

	/**
	 * The claim a started worker printed, once it has.
	 */
	private function claim_of( array $process ) {
		for ( $i = 0; $i < 600; $i++ ) {
			$out = (string) file_get_contents( $process['out'] );
			if ( str_contains( $out, "\n" ) ) {
				return json_decode( strtok( $out, "\n" ), true );
			}
			usleep( 50000 );
		}
		$this->fail( 'the worker claimed nothing in 30 s: ' . file_get_contents( $process['err'] ) );
	}
}
