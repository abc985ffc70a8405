<?php
/**
 * wp-admin's import of uploaded files, a request at a time.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Anp_Upload_Job on the sandbox: each step in a process of its own, as
 * each is a request of its own in wp-admin.
 */
final class Test_Anp_Upload_Job extends Anp_WP_Test_Case {

	/** Makes a job on a store at $input['root'] and adds $input['files'] (path => name). */
	const CREATE = <<<'PHP'
		wp_set_current_user( 1 );
		$store = new Anp_Upload_Store( $input['root'] );
		$job   = Anp_Upload_Job::create( $store, $input['flags'] );
		$added = array();
		foreach ( $input['files'] as $path => $name ) {
			$added = array_merge( $added, $job->add( $path, $name ) );
		}
		return array( 'id' => $job->id(), 'added' => $added );
		PHP;

	/** One step of a pass; with $input['hold'], while this process holds the upload. */
	const STEP = <<<'PHP'
		wp_set_current_user( 1 );
		$store = new Anp_Upload_Store( $input['root'] );
		$job   = new Anp_Upload_Job( $store, $input['id'] );
		$lock  = empty( $input['hold'] ) ? null : $store->take( $input['id'] );
		$state = $job->step( $input['pass'], $input['seconds'] );
		return array( 'state' => $state, 'files' => glob( $input['root'] . '/' . $input['id'] . '/*.anp' ) );
		PHP;

	public function test_a_dry_run_then_an_import_in_steps_lands_each_post_once_and_names_the_bad_file(): void {
		$dir  = self::seeds_copy( 'upload-job' );
		$root = self::files_dir( 'upload-job-store' );
		file_put_contents( "$dir/zz_bad.txt", "|\n\n  |  \n\n" );
		$files = array();
		foreach ( self::files_in( $dir ) as $path ) {
			$files[ $path ] = 'zz_bad.txt' === basename( $path ) ? 'bad <b>title</b>.txt' : basename( $path );
		}
		$made = $this->wordpress(
			self::CREATE,
			array(
				'root'  => $root,
				'flags' => array( 'batch-size' => '2' ),
				'files' => $files,
			)
		);
		$this->assertCount( 6, $made['added'] );

		// The dry run: two files a step (batch-size 2, no time for more), nothing written.
		$steps = 0;
		do {
			$out = $this->wordpress( self::STEP, array( 'root' => $root, 'id' => $made['id'], 'pass' => 'plan', 'seconds' => 0 ) );
			++$steps;
		} while ( 'planned' !== $out['state']['phase'] && $steps < 10 );
		$this->assertSame( 3, $steps );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'done' => 0, 'failed' => 1 ), $out['state']['counts']['plan'] );
		$this->assertSame( 0, self::anp_post_count(), 'a dry run writes nothing' );
		$bad = array_search( 'bad <b>title</b>.txt', array_values( $files ), true );
		$this->assertSame( 'failed', $out['state']['plan']['files'][ (string) $bad ]['action'] );
		$this->assertSame( 1, $out['state']['plan']['files'][ (string) $bad ]['line'] );
		$this->assertNotSame( '', $out['state']['plan']['files'][ (string) $bad ]['reason'] );
		$this->assertStringNotContainsString( $root, json_encode( $out['state'] ), 'no server path in what the page is told' );

		// The import, in steps: a second request while one holds the upload is told so and does nothing.
		$busy = $this->wordpress( self::STEP, array( 'root' => $root, 'id' => $made['id'], 'pass' => 'import', 'seconds' => 0, 'hold' => true ) );
		$this->assertNull( $busy['state'] );
		$this->assertSame( 0, self::anp_post_count() );
		$steps = 0;
		do {
			$out = $this->wordpress( self::STEP, array( 'root' => $root, 'id' => $made['id'], 'pass' => 'import', 'seconds' => 0 ) );
			++$steps;
			if ( 1 === $steps ) {
				$this->assertSame( 'importing', $out['state']['phase'] );
				$this->assertSame( 'running', self::value( 'SELECT status FROM wp_anp_batches WHERE id = ?', array( $out['state']['batch'] ) ) );
			}
		} while ( 'finished' !== $out['state']['phase'] && $steps < 10 );
		$this->assertSame( 3, $steps );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'done' => 0, 'failed' => 1 ), $out['state']['counts']['import'] );
		$this->assertSame( 5, self::anp_post_count() );
		$this->assertSame( 'finished', self::value( 'SELECT status FROM wp_anp_batches WHERE id = ?', array( $out['state']['batch'] ) ) );
		$this->assertSame( 1, (int) self::value( 'SELECT COUNT(DISTINCT batch_id) FROM wp_anp_items' ), 'one batch over all the steps' );
		$this->assertSame( array(), $out['files'], 'the uploaded files are gone once the batch ends' );
		$posts = array_filter( array_column( $out['state']['import']['files'], 'post' ) );
		$this->assertCount( 5, $posts );
		$this->assertSame( array( '1' ), array_map( 'strval', array_unique( array_column( self::rows( 'SELECT post_author FROM wp_posts WHERE ID IN (' . implode( ',', $posts ) . ')' ), 'post_author' ) ) ) );
		$sources = array_column( self::rows( "SELECT meta_value FROM wp_postmeta WHERE meta_key = '_anp_source' AND post_id IN (" . implode( ',', $posts ) . ') ORDER BY meta_value' ), 'meta_value' );
		$this->assertSame( array_map( 'basename', self::seed_files() ), $sources, 'each post names its file as the browser did' );

		// A late step of another tab changes nothing.
		$late = $this->wordpress( self::STEP, array( 'root' => $root, 'id' => $made['id'], 'pass' => 'import', 'seconds' => 0 ) );
		$this->assertSame( $out['state'], $late['state'] );
		$this->assertSame( 5, self::anp_post_count() );
		$this->assert_term_counts_right();
	}

	/**
	 * A step cut off after it committed a group (here a handler that throws
	 * after the second) keeps what it committed: the upload is a batch's
	 * from then on (no file added, not removed), and the next step goes on
	 * after that group, with each file counted once, as created; the
	 * ledger's totals count every step's files.
	 */
	public function test_a_step_cut_off_keeps_the_groups_it_committed_and_the_next_goes_on_after_them(): void {
		$dir  = self::seeds_copy( 'upload-job-cut' );
		$root = self::files_dir( 'upload-job-cut-store' );
		file_put_contents( "$dir/!bad.txt", "|\n\n  |  \n\n" ); // First in order: its failure is an early step's.
		$files = array_combine( self::files_in( $dir ), array_map( 'basename', self::files_in( $dir ) ) );
		$made  = $this->wordpress( self::CREATE, array( 'root' => $root, 'flags' => array( 'batch-size' => '2' ), 'files' => $files ) );
		$cut   = $this->wordpress(
			'wp_set_current_user( 1 );
			$store = new Anp_Upload_Store( $input["root"] );
			$job   = new Anp_Upload_Job( $store, $input["id"] );
			$groups = 0;
			add_action( "anp_import_group_committed", static function () use ( &$groups ) {
				if ( 2 === ++$groups ) {
					throw new RuntimeException( "the database went away" );
				}
			}, 20 );
			try {
				$job->step( "import", 30 );
				$out = array( "thrown" => null );
			} catch ( RuntimeException $e ) {
				$out = array( "thrown" => $e->getMessage() );
			}
			$out["state"] = $store->state( $input["id"] );
			foreach ( array( "add" => fn() => $job->add( __FILE__, "late.txt" ), "delete" => fn() => $job->delete() ) as $what => $call ) {
				try {
					$call();
					$out[ $what ] = "done";
				} catch ( InvalidArgumentException $e ) {
					$out[ $what ] = $e->getMessage();
				}
			}
			return $out;',
			array( 'root' => $root, 'id' => $made['id'] )
		);
		$this->assertSame( 'the database went away', $cut['thrown'] );
		$this->assertSame( 'importing', $cut['state']['phase'] );
		$this->assertSame( 4, $cut['state']['import']['next'], 'two groups of two committed' );
		$this->assertNotSame( '', $cut['state']['batch'] );
		$this->assertStringContainsString( 'files can no longer be added', $cut['add'] );
		$this->assertStringContainsString( 'roll its batch back instead', $cut['delete'] );

		$out = $this->wordpress( self::STEP, array( 'root' => $root, 'id' => $made['id'], 'pass' => 'import', 'seconds' => 30 ) );
		$this->assertSame( 'finished', $out['state']['phase'] );
		$this->assertSame( $cut['state']['batch'], $out['state']['batch'] );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'done' => 0, 'failed' => 1 ), $out['state']['counts']['import'] );
		$this->assertSame( 5, self::anp_post_count() );
		$ledger = json_decode( (string) self::value( 'SELECT report FROM wp_anp_batches WHERE id = ?', array( $out['state']['batch'] ) ), true );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 1 ), array_intersect_key( $ledger, array_flip( array( 'created', 'updated', 'skipped', 'failed' ) ) ), 'the batch\'s totals in the ledger' );
	}

	public function test_a_file_added_or_the_upload_removed_while_a_request_holds_it_is_refused_as_busy(): void {
		$root = self::files_dir( 'upload-job-busy' );
		$made = $this->wordpress( self::CREATE, array( 'root' => $root, 'flags' => array(), 'files' => array( self::seed_files()[0] => 'a.txt' ) ) );
		$out  = $this->wordpress(
			'$store = new Anp_Upload_Store( $input["root"] );
			$job   = new Anp_Upload_Job( $store, $input["id"] );
			$held  = $store->take( $input["id"] );
			$out   = array();
			foreach ( array( "add" => fn() => $job->add( $input["file"], "b.txt" ), "delete" => fn() => $job->delete() ) as $what => $call ) {
				try {
					$call();
					$out[ $what ] = "done";
				} catch ( Anp_Upload_Busy $e ) {
					$out[ $what ] = "busy";
				}
			}
			$store->release( $held );
			$out["files"] = count( $store->files( $input["id"] ) );
			return $out;',
			array( 'root' => $root, 'id' => $made['id'], 'file' => self::seed_files()[1] )
		);
		$this->assertSame( array( 'add' => 'busy', 'delete' => 'busy', 'files' => 1 ), $out );
	}

	public function test_the_same_files_uploaded_again_are_skipped(): void {
		$root  = self::files_dir( 'upload-job-again' );
		$files = array_combine( self::seed_files(), array_map( 'basename', self::seed_files() ) );
		foreach ( array( 5, 0 ) as $created ) {
			$made = $this->wordpress( self::CREATE, array( 'root' => $root, 'flags' => array(), 'files' => $files ) );
			$out  = $this->wordpress( self::STEP, array( 'root' => $root, 'id' => $made['id'], 'pass' => 'import', 'seconds' => 30 ) );
			$this->assertSame( 'finished', $out['state']['phase'] );
			$this->assertSame( $created, $out['state']['counts']['import']['created'] );
			$this->assertSame( 5 - $created, $out['state']['counts']['import']['skipped'] );
		}
		$this->assertSame( 5, self::anp_post_count() );
	}

	public function test_a_bad_flag_is_refused_before_anything_is_made(): void {
		$root = self::files_dir( 'upload-job-flag' );
		$out  = $this->wordpress(
			'try {
				Anp_Upload_Job::create( new Anp_Upload_Store( $input ), array( "status" => "nonsense" ) );
				return "made";
			} catch ( InvalidArgumentException $e ) {
				return $e->getMessage();
			}',
			$root
		);
		$this->assertStringContainsString( '--status', $out );
		$this->assertSame( array(), glob( "$root/*" ) );
	}
}
