<?php
/**
 * What an import tells its front end: a dry run's plan, parse warnings,
 * and the reads that must write nothing.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * `--dry-run` lists each file and what an update would change; JSON and the
 * table carry each file's parse warnings; status reads without writing; a
 * batch keeps its post type; `settings` needs its subcommand.
 */
final class Test_Anp_Run_Reports extends Anp_WP_Test_Case {

	public function test_a_dry_run_lists_each_file_and_what_an_update_would_change(): void {
		$dir   = self::seeds_copy( 'dry-run-files' );
		$names = array_map( 'basename', self::seed_files() );

		list( $result, $report ) = $this->import_json( array( $dir ), array( '--dry-run' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array_fill( 0, 5, 'create' ), array_column( $report['files'], 'action' ) );
		$this->assertSame( $names, array_map( 'basename', array_column( $report['files'], 'path' ) ) );

		$ids = array();
		$this->import_ok( array( $dir ) );
		foreach ( self::seed_files() as $file ) {
			$ids[] = self::posts_with_hash( hash_file( 'sha256', $file ) )[0];
		}
		// One file changes a tool (a meta field and a tag), another its title.
		$tools_file = $dir . '/' . $names[2];
		file_put_contents( $tools_file, str_replace( "  • git\n", "  • mercurial\n", file_get_contents( $tools_file ), $count ) );
		$this->assertSame( 1, $count );
		$title_file = $dir . '/' . $names[4];
		$parsed     = anp_parse_file( $title_file );
		file_put_contents( $title_file, preg_replace( '/^' . preg_quote( $parsed['title'], '/' ) . '$/m', $parsed['title'] . ' revised', file_get_contents( $title_file ), 1 ) );
		$this->assertSame( $parsed['title'] . ' revised', anp_parse_file( $title_file )['title'] );

		$before                  = self::fingerprint();
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--dry-run' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after a dry run' );
		$this->assertSame( array( 'created' => 0, 'updated' => 2, 'skipped' => 3, 'failed' => 0 ), self::totals( $report ) );
		$files = array_column( $report['files'], null, 'path' );
		foreach ( array( 0, 1, 3 ) as $i ) {
			$this->assertSame(
				array(
					'path'    => $dir . '/' . $names[ $i ],
					'action'  => 'skip',
					'post_id' => $ids[ $i ],
				),
				$files[ $dir . '/' . $names[ $i ] ]
			);
		}
		$this->assertSame(
			array(
				'path'    => $tools_file,
				'action'  => 'update',
				'post_id' => $ids[2],
				'fields'  => array(),
				'meta'    => array( 'anp_tools' ),
				'terms'   => array( 'post_tag' ),
			),
			$files[ $tools_file ],
			'a tool is a meta field and a tag'
		);
		$this->assertSame( array( 'post_title' ), $files[ $title_file ]['fields'] );
		$this->assertSame( array(), $files[ $title_file ]['meta'] );
		$this->assertSame( array(), $files[ $title_file ]['terms'] );

		// The table says the same, a row a file.
		$table = self::anp( array( 'import', $dir, '--dry-run' ) );
		$this->assertSame( 0, $table['exit'], self::describe( $table ) );
		$this->assertMatchesRegularExpression( '/\|\s*' . preg_quote( $tools_file, '/' ) . '\s*\|\s*update\s*\|\s*' . $ids[2] . '\s*\|\s*meta: anp_tools; terms: post_tag\s*\|/', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/\|\s*' . preg_quote( $title_file, '/' ) . '\s*\|\s*update\s*\|\s*' . $ids[4] . '\s*\|\s*fields: post_title\s*\|/', $table['stdout'] );
		$this->assertStringContainsString( 'Dry run, nothing written: 0 created, 2 updated, 3 skipped, 0 failed.', $table['stdout'] );
	}

	public function test_parse_warnings_are_reported_with_their_file_and_line(): void {
		$dir  = self::seeds_copy( 'warnings' );
		$file = $dir . '/' . basename( self::seed_files()[2] );
		file_put_contents( $file, str_replace( "alphanode post meta\n", "alphanode post meta\nreading time  soon\n", file_get_contents( $file ), $count ) );
		$this->assertSame( 1, $count );
		$expected = array_map( static fn( $warning ) => array( 'path' => $file ) + $warning, anp_parse_file( $file )['warnings'] );
		$this->assertCount( 2, $expected, 'bad_int, then duplicate_field' );

		foreach ( array( array(), array( '--dry-run' ) ) as $flags ) {
			list( $result, $report ) = $this->import_json( array( $dir ), $flags );
			$this->assertSame( 0, $result['exit'], self::describe( $result ) );
			$this->assertSame( $expected, $report['warnings'], implode( ' ', $flags ) );
		}

		$table = self::anp( array( 'import', $dir ) );
		$this->assertSame( 0, $table['exit'], self::describe( $table ) );
		$this->assertMatchesRegularExpression( '/\|\s*created\s*\|\s*updated\s*\|\s*skipped\s*\|\s*failed\s*\|\s*warnings\s*\|/', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/\|\s*0\s*\|\s*0\s*\|\s*5\s*\|\s*0\s*\|\s*2\s*\|/', $table['stdout'] );
	}

	public function test_status_on_a_site_that_never_imported_creates_no_table(): void {
		$this->wordpress( 'global $wpdb; foreach ( array( "anp_items", "anp_batches", "anp_changes", "anp_queue", "anp_claims" ) as $t ) { $wpdb->query( "DROP TABLE {$wpdb->prefix}$t" ); } delete_option( "anp_importer_schema_version" );' );
		$status = self::anp( array( 'status', '--format=json' ) );
		$this->assertSame( 0, $status['exit'], self::describe( $status ) );
		$decoded = json_decode( $status['stdout'], true );
		$this->assertSame( array( 0, 0, '' ), array( $decoded['imported_posts'], $decoded['batches'], $decoded['last_batch'] ) );
		$this->assertSame( array(), self::rows( "SHOW TABLES LIKE 'wp\\_anp\\_%'" ), 'no table' );

		// A dry run reads nothing it would have to make, and an import makes them.
		list( $result, $report ) = $this->import_json( array( ANP_TESTS_SEEDS ), array( '--dry-run' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( 5, $report['created'] );
		$this->assertSame( array(), self::rows( "SHOW TABLES LIKE 'wp\\_anp\\_%'" ), 'no table after a dry run' );
		$this->assertSame( 5, $this->import_ok( array( ANP_TESTS_SEEDS ) )['created'] );
		$this->assertCount( 5, self::rows( "SHOW TABLES LIKE 'wp\\_anp\\_%'" ) );
	}

	public function test_a_batch_keeps_its_post_type_for_its_rollback(): void {
		$report = $this->import_ok( array( ANP_TESTS_SEEDS ), array( '--post-type=page' ) );
		$this->assertSame( 'page', self::value( 'SELECT post_type FROM wp_anp_batches WHERE id = ?', array( $report['batch'] ) ) );
		$this->assertSame( 0, self::anp( array( 'settings', 'import' ), array( 'stdin' => '{"post_type": "post"}' ) )['exit'] );

		$rollback = self::anp( array( 'rollback', $report['batch'] ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertStringContainsString( '5 posts deleted, 0 restored', $rollback['stdout'] );
		$this->assertSame( 0, self::anp_post_count() );
	}

	public function test_settings_needs_its_subcommand(): void {
		foreach ( array( array( 'settings' ), array( 'settings', 'show' ) ) as $args ) {
			$result = self::anp( $args );
			$this->assertSame( 1, $result['exit'], self::describe( $result ) );
			$this->assertSame( "Error: expected \"export\" or \"import\": settings export|import [<file>]\n", $result['stderr'] );
		}
	}
}
