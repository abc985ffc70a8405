<?php
/**
 * The other commands, and what import does besides importing.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * status, parse, settings export|import, import --dry-run, the lock, and
 * rollback of an unknown batch (docs/wordpress.md §5).
 */
final class Test_Anp_Commands extends Anp_WP_Test_Case {

	public function test_status_tells_the_parser_the_versions_and_the_counts(): void {
		$status = $this->status();
		$this->assertSame( 'extension', $status['parser'] );
		$this->assertTrue( $status['extension_loaded'] );
		$this->assertSame( phpversion( 'anp' ), $status['extension_version'] );
		preg_match( '/^ \* Version:\s*(\S+)/m', file_get_contents( ANP_TESTS_PLUGIN . '/anp-importer.php' ), $version );
		$this->assertSame( $version[1], $status['plugin_version'] );
		$this->assertSame( PHP_VERSION, $status['php_version'] );
		preg_match( '/^\$wp_version = \'([^\']+)\';/m', file_get_contents( self::wordpress_dir() . '/wp-includes/version.php' ), $wp_version );
		$this->assertSame( $wp_version[1], $status['wordpress_version'] );
		$this->assertSame( 0, $status['imported_posts'] );
		$this->assertSame( 0, $status['batches'] );

		$report = $this->import_ok( array( ANP_TESTS_SEEDS ) );
		$status = $this->status();
		$this->assertSame( 5, $status['imported_posts'] );
		$this->assertSame( 1, $status['batches'] );
		$this->assertSame( $report['batch'], $status['last_batch'] );

		$table = self::anp( array( 'status' ) );
		$this->assertSame( 0, $table['exit'], self::describe( $table ) );
		$this->assertMatchesRegularExpression( '/\|\s*parser\s*\|\s*extension\s*\|/', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/\|\s*last_batch\s*\|\s*' . preg_quote( $report['batch'], '/' ) . '\s*\|/', $table['stdout'] );
	}

	public function test_parse_prints_what_anp_parse_file_returns(): void {
		$dir   = self::generated( 'parse', 31337, 25 );
		$files = array_merge( self::seed_files(), self::files_in( $dir ) );
		foreach ( $files as $file ) {
			$expected = anp_parse_file( $file );
			foreach ( array( true, false ) as $extension ) {
				$result = self::anp( array( 'parse', $file ), array( 'extension' => $extension ) );
				$this->assertSame( 0, $result['exit'], self::describe( $result ) );
				$this->assertSame( $expected, json_decode( $result['stdout'], true ), basename( $file ) . ( $extension ? '' : ' without the extension' ) );
			}
		}

		list( $bad_dir, $bad ) = self::good_and_bad_files( 'parse-bad' );
		unset( $bad_dir );
		foreach ( $bad as $failure ) {
			$result = self::anp( array( 'parse', $failure['path'] ) );
			$this->assertSame( 1, $result['exit'], self::describe( $result ) );
			$this->assertSame( '', $result['stdout'] );
			$this->assertSame( "Error: {$failure['path']}:{$failure['line']}: {$failure['reason']}\n", $result['stderr'] );
		}
	}

	public function test_settings_export_and_import_round_trip(): void {
		$export = self::anp( array( 'settings', 'export' ) );
		$this->assertSame( 0, $export['exit'], self::describe( $export ) );
		$defaults = json_decode( $export['stdout'], true );
		// The defaults of docs/wordpress.md.
		$this->assertSame( 'draft', $defaults['post_status'] );
		$this->assertSame( 'post', $defaults['post_type'] );
		$this->assertSame( 'last_reviewed', $defaults['post_date'] );
		$this->assertSame( 'update', $defaults['on_change'] );
		$this->assertSame( 'external', $defaults['images'] );
		$this->assertTrue( $defaults['meta_box'] );
		$this->assertSame(
			array(
				'category'          => 'entities:area',
				'post_tag'          => 'tools',
				'anp_stack'         => 'stack',
				'anp_problem'       => 'entities:problem',
				'anp_difficulty'    => 'difficulty',
				'anp_code_language' => 'code_language',
			),
			$defaults['taxonomy_map']
		);

		// Staging: settings changed, exported.
		$changed                             = $defaults;
		$changed['post_status']              = 'publish';
		$changed['batch_size']               = 7;
		$changed['on_change']                = 'skip';
		$changed['taxonomy_map']['post_tag'] = 'stack';
		$file = self::files_dir( 'settings' ) . '/staging.json';
		file_put_contents( $file, json_encode( $changed ) );
		$import = self::anp( array( 'settings', 'import', $file ) );
		$this->assertSame( 0, $import['exit'], self::describe( $import ) );
		$this->assertStringContainsString( 'Success: Settings imported.', $import['stdout'] );
		$staging = self::anp( array( 'settings', 'export' ) );
		$this->assertSame( $changed, json_decode( $staging['stdout'], true ) );

		// A bad file changes nothing.
		$bad = self::anp( array( 'settings', 'import' ), array( 'stdin' => '{"batch_size": 0}' ) );
		$this->assertSame( 1, $bad['exit'], self::describe( $bad ) );
		$this->assertStringContainsString( 'batch_size', $bad['stderr'] );
		$this->assertSame( $staging['stdout'], self::anp( array( 'settings', 'export' ) )['stdout'] );
		$this->assertSame( 1, self::anp( array( 'settings', 'import' ), array( 'stdin' => 'not json' ) )['exit'] );
		$this->assertSame( $staging['stdout'], self::anp( array( 'settings', 'export' ) )['stdout'] );

		// Production: a fresh site takes them from standard input.
		self::sandbox_up();
		$this->assertSame( $export['stdout'], self::anp( array( 'settings', 'export' ) )['stdout'], 'a fresh site has the defaults' );
		$import = self::anp( array( 'settings', 'import' ), array( 'stdin' => $staging['stdout'] ) );
		$this->assertSame( 0, $import['exit'], self::describe( $import ) );
		$this->assertSame( $staging['stdout'], self::anp( array( 'settings', 'export' ) )['stdout'] );

		// And the import follows them.
		$report = $this->import_ok( array( self::seed_files()[0] ) );
		$id     = self::posts_with_hash( hash_file( 'sha256', self::seed_files()[0] ) )[0];
		$this->assertSame( 'publish', self::value( 'SELECT post_status FROM wp_posts WHERE ID = ?', array( $id ) ) );
		$terms = self::post_terms( $id );
		$this->assertSame( array( 'backend', 'python', 'python services' ), $terms['post_tag'] );
		$this->assertSame( 1, $report['created'] );
	}

	public function test_import_flags_override_the_settings_for_one_run(): void {
		$report = $this->import_ok( array( ANP_TESTS_SEEDS ), array( '--post-date=import_time', '--taxonomy-map={"post_tag":"stack","anp_difficulty":"difficulty"}' ) );
		$this->assertSame( 5, $report['created'] );
		foreach ( self::seed_files() as $file ) {
			$meta = anp_parse_file( $file )['meta'];
			$id   = self::posts_with_hash( hash_file( 'sha256', $file ) )[0];
			// The site's clock is UTC: the post is dated now, not on revision.last_reviewed (years ago).
			$this->assertGreaterThan( time() - 600, strtotime( self::value( 'SELECT post_date FROM wp_posts WHERE ID = ?', array( $id ) ) . ' UTC' ), 'the import time' );
			$terms = self::post_terms( $id );
			$stack = $meta['stack'];
			sort( $stack, SORT_STRING );
			$this->assertSame( $stack, $terms['post_tag'], 'tags from the stack' );
			$this->assertSame( array( $meta['difficulty'] ), $terms['anp_difficulty'] );
			$this->assertArrayNotHasKey( 'anp_stack', $terms, 'a taxonomy left out of the map gets no terms' );
			$this->assertSame( array( 'Uncategorized' ), $terms['category'], 'no category from the files: the default one' );
		}
		// The settings themselves did not change.
		$this->assertSame( 'last_reviewed', json_decode( self::anp( array( 'settings', 'export' ) )['stdout'], true )['post_date'] );

		foreach ( array(
			'--taxonomy-map=stack'                    => 'Error: --taxonomy-map must be a JSON object of taxonomy => field, e.g. {"post_tag":"tools"}',
			'--taxonomy-map={"no_such_tax":"stack"}'  => 'Error: taxonomy_map: there is no taxonomy "no_such_tax" on this site',
			'--taxonomy-map={"post_tag":"not valid"}' => 'Error: taxonomy_map: "post_tag" => "not valid" is not a taxonomy and a meta field or entities:TYPE',
			'--images=inline'                         => 'Error: setting "images" must be one of external, media, none',
			'--post-date=tomorrow'                    => 'Error: setting "post_date" must be one of last_reviewed, import_time',
		) as $flag => $error ) {
			$result = self::anp( array( 'import', ANP_TESTS_SEEDS, $flag ) );
			$this->assertSame( 1, $result['exit'], self::describe( $result ) );
			$this->assertStringContainsString( $error, $result['stderr'], $flag );
		}
		$this->assertSame( 5, self::anp_post_count(), 'nothing more was imported' );
	}

	public function test_without_a_user_new_posts_belong_to_the_first_administrator(): void {
		// A later administrator and an editor: the rule takes the lowest id
		// among administrators, whoever else the site has.
		$this->wordpress(
			'wp_insert_user( array( "user_login" => "second-admin", "user_pass" => "x", "role" => "administrator" ) );
			wp_insert_user( array( "user_login" => "an-editor", "user_pass" => "x", "role" => "editor" ) );'
		);
		$report  = $this->import_ok( array( ANP_TESTS_SEEDS ), array(), array( 'user' => null ) );
		$authors = array_column( self::rows( "SELECT p.post_author FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_import_batch' AND m.meta_value = ?", array( $report['batch'] ) ), 'post_author' );
		$this->assertSame( array_fill( 0, 5, (string) self::admin_id() ), $authors, 'no --user and no author setting: the first administrator' );

		// --author still decides.
		$editor = (int) self::value( "SELECT ID FROM wp_users WHERE user_login = 'an-editor'" );
		$report = $this->import_ok( array( self::generated( 'author-flag', 4242, 2 ) ), array( '--author=an-editor' ), array( 'user' => null ) );
		$this->assertSame( array( (string) $editor, (string) $editor ), array_column( self::rows( "SELECT p.post_author FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_import_batch' AND m.meta_value = ?", array( $report['batch'] ) ), 'post_author' ) );
	}

	public function test_a_dry_run_writes_nothing(): void {
		$dir    = self::seeds_copy( 'dry-run' );
		$before = self::fingerprint();
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--dry-run' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertTrue( $report['dry_run'] );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after a dry run' );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'no batch' );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_terms t JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id WHERE tt.taxonomy <> 'category'" ), 'no term' );

		// After a real import, a dry run with a changed file.
		$this->import_ok( array( $dir ) );
		$file = $dir . '/' . basename( self::seed_files()[2] );
		file_put_contents( $file, str_replace( "  • git\n", "  • mercurial\n", file_get_contents( $file ), $count ) );
		$this->assertSame( 1, $count );
		$before  = self::fingerprint();
		$batches = self::value( 'SELECT COUNT(*) FROM wp_anp_batches' );
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--dry-run' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 1, 'skipped' => 4, 'failed' => 0 ), self::totals( $report ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after a dry run of a changed file' );
		$this->assertSame( $batches, self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'no batch' );
	}

	public function test_a_second_import_while_one_runs_is_refused(): void {
		$corpus = self::corpus();
		$first  = self::start_process( self::anp_command( array( 'import', $corpus, '--format=json', '--batch-size=10' ) ) );
		// Wait until it holds the lock: its batch is open.
		$deadline = microtime( true ) + 60;
		while ( self::is_running( $first ) && microtime( true ) < $deadline && ! self::value( "SELECT COUNT(*) FROM wp_anp_batches WHERE status = 'running'" ) ) {
			usleep( 2000 );
		}
		$batch = self::value( "SELECT id FROM wp_anp_batches WHERE status = 'running'" );

		$second   = self::anp( array( 'import', ANP_TESTS_SEEDS, '--format=json' ) );
		$rollback = self::anp( array( 'rollback', (string) $batch ) );
		$this->assertTrue( self::is_running( $first ), 'the first import still ran when the second one was refused' );
		$first = self::wait_process( $first );

		$this->assertNotSame( 0, $second['exit'], self::describe( $second ) );
		$this->assertStringContainsString( 'another import is running', $second['stderr'] );
		$this->assertNotSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertStringContainsString( 'another import is running', $rollback['stderr'] );

		$this->assertSame( 0, $first['exit'], self::describe( $first ) );
		$this->assertSame( 2000, json_decode( $first['stdout'], true )['created'] );
		$this->assertSame( 2000, self::anp_post_count(), 'nothing of the refused import' );
		$this->assertSame( 'finished', self::value( 'SELECT status FROM wp_anp_batches WHERE id = ?', array( $batch ) ) );
		$this->assertSame( '1', self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'no batch for the refused import' );

		// Once the first is done, the lock is free.
		$report = $this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->assertSame( 5, $report['created'] );
	}

	public function test_rollback_of_an_unknown_batch_fails_clearly(): void {
		$this->import_ok( array( ANP_TESTS_SEEDS ) );
		$before = self::fingerprint();
		$result = self::anp( array( 'rollback', '20000101-000000-nosuch' ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringStartsWith( 'Error: no import batch "20000101-000000-nosuch"', $result['stderr'] );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after a refused rollback' );
	}

	public function test_rollback_without_a_batch_fails_clearly(): void {
		$result = self::anp( array( 'rollback' ) );
		$this->assertNotSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringStartsWith( 'Error: ', $result['stderr'], 'an error, not a PHP warning: ' . self::describe( $result ) );
	}

	public function test_the_runner_fails_when_the_database_is_down(): void {
		self::sandbox_down();
		$result = self::anp( array( 'status', '--format=json' ) );
		$this->assertNotSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringNotContainsString( '<html', $result['stdout'], 'an error for a terminal, not a web page' );
		$this->assertStringContainsString( 'database', $result['stderr'] . $result['stdout'] );
	}

	/**
	 * `status --format=json`, decoded.
	 */
	private function status(): array {
		$result = self::anp( array( 'status', '--format=json' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$status = json_decode( $result['stdout'], true );
		$this->assertIsArray( $status, self::describe( $result ) );
		return $status;
	}
}
