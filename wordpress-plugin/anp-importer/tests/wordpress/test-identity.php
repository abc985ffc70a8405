<?php
/**
 * Identities in the ledger: compared byte for byte, kept whole, upgraded.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Two files are one post only when their identities are the same bytes, as
 * PHP compares them: the site's collation (case and accents ignored) must
 * not make "CAFE-REF-1" the post of "cafe-ref-1" (issue 8, finding 3).
 */
final class Test_Anp_Identity extends Anp_WP_Test_Case {

	/** The seed whose reference the tests vary, and its reference line. */
	const REFERENCE = 'referenceanp-ref-028071-4798';

	/**
	 * A copy of the first seed with another reference and title.
	 */
	private static function variant( string $dir, string $name, string $reference ): string {
		$bytes = file_get_contents( self::seed_files()[0] );
		$path  = "$dir/$name";
		file_put_contents( $path, str_replace( self::REFERENCE, 'reference' . $reference, "$reference title\n\n" . substr( $bytes, strpos( $bytes, "\n" ) + 2 ) ) );
		return $path;
	}

	/**
	 * Files whose references differ in case, accents or a trailing
	 * character a collation pads: each its own post, and a second run
	 * changes nothing.
	 */
	public function test_references_that_differ_only_in_case_or_accents_are_different_posts(): void {
		$dir   = self::files_dir( 'identity-case' );
		$files = array(
			self::variant( $dir, 'a.txt', 'cafe-ref-1' ),
			self::variant( $dir, 'b.txt', 'CAFE-REF-1' ),
			self::variant( $dir, 'c.txt', 'café-ref-1' ),
		);
		foreach ( $files as $file ) {
			$this->assertNotSame( '', anp_parse_file( $file )['meta']['reference'] );
		}
		$first = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 3, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $first ) );
		$this->assertSame( 3, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), 'one ledger row each' );
		foreach ( $files as $file ) {
			$reference = anp_parse_file( $file )['meta']['reference'];
			$posts     = self::posts_with_hash( hash_file( 'sha256', $file ) );
			$this->assertCount( 1, $posts, basename( $file ) );
			$this->assertSame( (string) $posts[0], self::value( 'SELECT post_id FROM wp_anp_items WHERE identity = ?', array( "reference:$reference" ) ), "$reference: its own row" );
			$this->assertSame( "$reference title", self::value( 'SELECT post_title FROM wp_posts WHERE ID = ?', array( $posts[0] ) ) );
		}
		$before = self::fingerprint();

		$second = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 3, 'failed' => 0 ), self::totals( $second ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after the second run' );
		$this->assertSame( 3, self::anp_post_count() );
	}

	/**
	 * Every column compared in SQL is binary, so that no collation decides
	 * what is equal: identities, hashes, batch ids.
	 */
	public function test_the_ledger_compares_bytes(): void {
		$this->import_ok( array( ANP_TESTS_SEEDS ) );
		$types = array();
		foreach ( self::rows( "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'wordpress' AND TABLE_NAME IN ('wp_anp_items', 'wp_anp_batches', 'wp_anp_changes')" ) as $row ) {
			$types[ $row['TABLE_NAME'] . '.' . $row['COLUMN_NAME'] ] = $row['DATA_TYPE'];
		}
		$binary = array( 'wp_anp_items.identity', 'wp_anp_items.content_hash', 'wp_anp_items.batch_id', 'wp_anp_items.source', 'wp_anp_batches.id', 'wp_anp_batches.args_hash', 'wp_anp_changes.batch_id', 'wp_anp_changes.identity' );
		foreach ( $binary as $column ) {
			$this->assertContains( $types[ $column ] ?? null, array( 'binary', 'varbinary' ), $column );
		}
		$batch = self::value( 'SELECT id FROM wp_anp_batches' );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_anp_batches WHERE id = ?', array( strtoupper( $batch ) ) ), 'a batch id in capitals is another batch' );
	}

	/**
	 * A path longer than the old column's 255 characters is kept whole.
	 */
	public function test_a_long_source_path_is_kept_whole(): void {
		$dir = self::files_dir( 'identity-long' ) . '/' . str_repeat( 'd', 200 ) . '/' . str_repeat( 'e', 200 );
		mkdir( $dir, 0777, true );
		$file = "$dir/" . str_repeat( 'f', 100 ) . '.txt';
		copy( self::seed_files()[0], $file );
		$this->assertGreaterThan( 255, strlen( $file ) );
		$this->import_ok( array( $file ) );
		$this->assertSame( $file, self::value( 'SELECT source FROM wp_anp_items' ) );
	}

	/**
	 * A site with the tables of version 2 (site collation) holding data gets
	 * version 3 when the plugin loads, here for bin/anp, with every row kept,
	 * and from then on the case-only variant is a post of its own.
	 */
	public function test_tables_of_version_2_are_upgraded_with_their_rows_when_the_plugin_loads(): void {
		$this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->tables_back_to_version_2();
		$this->assertSame( 'varchar', self::value( "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'wordpress' AND TABLE_NAME = 'wp_anp_items' AND COLUMN_NAME = 'identity'" ), 'version 2 set up' );
		$this->assertSame( '1', self::value( "SELECT COUNT(*) FROM wp_anp_items WHERE identity = 'REFERENCE:ANP-REF-028071-4798'" ), 'version 2 ignores case' );
		$rows = self::rows( 'SELECT * FROM wp_anp_items ORDER BY post_id' );
		$this->assertCount( 5, $rows );

		// Any command loads the plugin: status reads, and upgrades first.
		$status = self::anp( array( 'status', '--format=json' ) );
		$this->assertSame( 0, $status['exit'], self::describe( $status ) );
		$this->assertSame( '5', self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_schema_version'" ) );
		$this->assertSame( 'varbinary', self::value( "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'wordpress' AND TABLE_NAME = 'wp_anp_items' AND COLUMN_NAME = 'identity'" ) );
		$this->assertSame( $rows, self::rows( 'SELECT * FROM wp_anp_items ORDER BY post_id' ), 'every row as it was' );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_anp_items WHERE identity = 'REFERENCE:ANP-REF-028071-4798'" ) );

		$before = self::fingerprint();
		$again  = $this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 5, 'failed' => 0 ), self::totals( $again ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'the seeds again after the upgrade' );

		$dir = self::files_dir( 'identity-upgrade' );
		self::variant( $dir, 'upper.txt', 'ANP-REF-028071-4798' );
		$upper = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 1, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $upper ) );
		$this->assertSame( 6, self::anp_post_count() );
	}

	/**
	 * An update keeps the post's type: a page imported with
	 * --post-type=page stays a page when the changed file comes back with the
	 * default type, and the run says so, naming the file (finding 14).
	 */
	public function test_an_update_keeps_the_post_type_and_warns_of_the_mismatch(): void {
		$dir  = self::seeds_copy( 'identity-type' );
		$file = self::seed_files()[0];
		$copy = $dir . '/' . basename( $file );
		$this->assertSame( 5, $this->import_ok( array( $dir ), array( '--post-type=page' ) )['created'] );
		$page = self::value( "SELECT post_id FROM wp_anp_items WHERE identity = 'reference:anp-ref-028071-4798'" );
		$this->assertSame( 'page', self::value( 'SELECT post_type FROM wp_posts WHERE ID = ?', array( $page ) ) );

		file_put_contents( $copy, str_replace( 'this is a field note', 'this is a changed field note', file_get_contents( $file ) ) );
		list( $result, $report ) = $this->import_json( array( $dir ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 1, 'skipped' => 4, 'failed' => 0 ), self::totals( $report ) );
		$this->assertSame( 'page', self::value( 'SELECT post_type FROM wp_posts WHERE ID = ?', array( $page ) ), 'still a page' );
		$this->assertStringContainsString( 'this is a changed field note', self::value( 'SELECT post_content FROM wp_posts WHERE ID = ?', array( $page ) ) );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post' AND ID IN (SELECT post_id FROM wp_anp_items)" ), 'no post made of a page' );
		$this->assertSame( 5, self::anp_post_count() );
		$kept = array_values( array_filter( $report['warnings'], static fn( $w ) => 'post_type_kept' === $w['code'] ) );
		$this->assertCount( 1, $kept, json_encode( $report['warnings'] ) );
		$this->assertSame( $copy, $kept[0]['path'] );
		$this->assertStringContainsString( "post $page is a \"page\"", $kept[0]['message'] );
		$this->assertStringContainsString( 'writes "post"', $kept[0]['message'] );

		// The table report counts it; a run again changes nothing.
		$before = self::fingerprint();
		$again  = self::anp( array( 'import', $dir ) );
		$this->assertSame( 0, $again['exit'], self::describe( $again ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after a run of the same files' );
	}
	/**
	 * The tables as version 2 made them: text columns in the site's collation.
	 */
	private function tables_back_to_version_2(): void {
		$this->wordpress(
			'global $wpdb;
			$wpdb->query( "ALTER TABLE {$wpdb->prefix}anp_items MODIFY identity varchar(191) NOT NULL, MODIFY content_hash char(64) NOT NULL, MODIFY batch_id varchar(40) NOT NULL, MODIFY source varchar(255) NOT NULL DEFAULT \'\'" );
			$wpdb->query( "ALTER TABLE {$wpdb->prefix}anp_batches MODIFY id varchar(40) NOT NULL, MODIFY args_hash char(64) NOT NULL" );
			$wpdb->query( "ALTER TABLE {$wpdb->prefix}anp_changes MODIFY batch_id varchar(40) NOT NULL, MODIFY identity varchar(191) NOT NULL" );
			update_option( "anp_importer_schema_version", "2", false );
			return $wpdb->last_error;'
		);
	}

	/**
	 * An upgrade that fails, here because a must-use plugin breaks one of its
	 * statements, takes nothing down: the front page answers, the version
	 * stays 2 (columns dbDelta left as text are not version 3), an import is
	 * refused saying why, and the next load that succeeds raises it.
	 *
	 * @dataProvider upgrade_faults
	 */
	public function test_a_failed_upgrade_keeps_the_site_up_and_the_version_at_2( string $statement ): void {
		$this->import_ok( array( ANP_TESTS_SEEDS ) );
		$this->tables_back_to_version_2();
		$posts = self::anp_post_count();
		self::serve();
		$fault = self::wordpress_dir() . '/wp-content/mu-plugins/anp-test-upgrade-fault.php';
		@mkdir( dirname( $fault ), 0777, true );
		file_put_contents( $fault, '<?php add_filter( "query", static fn( $sql ) => str_starts_with( $sql, ' . var_export( $statement, true ) . ' ) ? "SELECT * FROM anp_test_no_such_table" : $sql );' );
		try {
			$context = stream_context_create( array( 'http' => array( 'ignore_errors' => true, 'timeout' => 60 ) ) );
			$html    = file_get_contents( self::site_url() . '/', false, $context );
			$this->assertStringContainsString( ' 200 ', $http_response_header[0], substr( (string) $html, -2000 ) );
			$this->assertSame( '2', self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_schema_version'" ), 'the version as it was' );
			$notice = $this->wordpress( 'wp_set_current_user( 1 ); ob_start(); do_action( "admin_notices" ); return ob_get_clean();' );
			$this->assertStringContainsString( 'notice-error', $notice, 'wp-admin says so' );
			$this->assertStringContainsString( 'could not be upgraded to version 5', $notice );
			$result = self::anp( array( 'import', ANP_TESTS_SEEDS ) );
			$this->assertNotSame( 0, $result['exit'], self::describe( $result ) );
			$this->assertStringContainsString( 'could not be upgraded to version 5', $result['stderr'], self::describe( $result ) );
			$this->assertSame( '2', self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_schema_version'" ), 'the version as it was' );
			$this->assertSame( $posts, self::anp_post_count() );
		} finally {
			unlink( $fault );
		}
		$status = self::anp( array( 'status', '--format=json' ) );
		$this->assertSame( 0, $status['exit'], self::describe( $status ) );
		$this->assertSame( '5', self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_schema_version'" ) );
		$this->assertSame( 'varbinary', self::value( "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'wordpress' AND TABLE_NAME = 'wp_anp_items' AND COLUMN_NAME = 'identity'" ) );
	}

	public function upgrade_faults(): array {
		return array(
			'dbDelta cannot alter the identity' => array( 'ALTER TABLE wp_anp_items CHANGE COLUMN `identity`' ),
			'rebuild_items() cannot read'       => array( 'SELECT 1 FROM wp_anp_items LIMIT 1' ),
		);
	}
}
