<?php
/**
 * The plugin on its pure-PHP parser.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * "The plugin works without the C extension, on its pure-PHP parser, only
 * slower; status says which is in use" (docs/wordpress.md §5): the
 * same files make the same site either way.
 */
final class Test_Anp_Without_Extension extends Anp_WP_Test_Case {

	public function test_status_says_which_parser_and_writer_are_in_use(): void {
		$with = self::anp( array( 'status', '--format=json' ) );
		$this->assertSame( 0, $with['exit'], self::describe( $with ) );
		$this->assertSame( 'extension', json_decode( $with['stdout'], true )['parser'] ?? null, self::describe( $with ) );
		$this->assertTrue( json_decode( $with['stdout'], true )['extension_loaded'] );
		$this->assertSame( 'extension', json_decode( $with['stdout'], true )['wxr_writer'] ?? null, 'the WXR writer in C' );

		$without = self::anp( array( 'status', '--format=json' ), array( 'extension' => false ) );
		$this->assertSame( 0, $without['exit'], self::describe( $without ) );
		$status = json_decode( $without['stdout'], true );
		$this->assertSame( 'php', $status['parser'] ?? null, self::describe( $without ) );
		$this->assertFalse( $status['extension_loaded'] );
		$this->assertSame( '', $status['extension_version'] );
		$this->assertSame( 'php', $status['wxr_writer'] ?? null, 'the WXR writer in PHP' );
	}

	public function test_the_same_files_make_the_same_site_without_the_extension(): void {
		$paths = array( ANP_TESTS_SEEDS, self::corpus() );
		$flags = array( '--status=publish' );

		$with      = $this->import_ok( $paths, $flags );
		$reference = self::fingerprint( self::ACROSS_SITES );
		$this->assertSame( 2005, $with['created'] );

		self::sandbox_up();
		$status = json_decode( self::anp( array( 'status', '--format=json' ), array( 'extension' => false ) )['stdout'], true );
		$this->assertSame( 'php', $status['parser'] ?? null );
		$without = $this->import_ok( $paths, $flags, array( 'extension' => false ) );
		$this->assertSame( self::totals( $with ), self::totals( $without ) );
		$this->assert_term_counts_right( 'without the extension' );
		$this->assert_same_fingerprint( $reference, self::fingerprint( self::ACROSS_SITES ), 'the site made without the extension' );

		// And a second run skips all of it, whichever parser reads the files.
		$again = $this->import_ok( $paths, $flags );
		$this->assertSame( 2005, $again['skipped'] );
	}

	public function test_bad_files_are_reported_the_same_without_the_extension(): void {
		list( $dir, $bad ) = self::good_and_bad_files( 'bad-files-php' );
		list( $with, $report_with ) = $this->import_json( array( $dir ), array( '--dry-run' ) );
		list( $without, $report_without ) = $this->import_json( array( $dir ), array( '--dry-run' ), array( 'extension' => false ) );
		$this->assertSame( 1, $with['exit'], self::describe( $with ) );
		$this->assertSame( 1, $without['exit'], self::describe( $without ) );
		$this->assertSame( $bad, $report_with['failures'] );
		$this->assertSame( $bad, $report_without['failures'] );
	}
}
