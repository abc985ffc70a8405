<?php
/**
 * Reading one file for an import or `convert` (Anp_File_Reader).
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * On the samples and on files of the test's own.
 */
final class Test_Anp_File_Reader extends TestCase {

	/** @var string */
	private $dir;

	protected function setUp(): void {
		$this->dir = sys_get_temp_dir() . '/anp-reader-' . getmypid() . '-' . bin2hex( random_bytes( 4 ) );
		mkdir( $this->dir );
	}

	protected function tearDown(): void {
		exec( 'rm -rf ' . escapeshellarg( $this->dir ) );
	}

	/**
	 * A sample is read whole: the same array as parsing its bytes, and the
	 * hash of its bytes.
	 */
	public function test_a_sample_is_read_whole(): void {
		foreach ( glob( ANP_TESTS_SEEDS . '/*.txt' ) as $path ) {
			$bytes = file_get_contents( $path );
			$item  = Anp_File_Reader::read( $path );
			$this->assertSame( '', (string) $item->reason, $path );
			$this->assertSame( Anp_Parser::parse( $bytes, array(), $path ), $item->parsed, $path );
			$this->assertSame( hash( 'sha256', $bytes ), $item->hash, $path );
		}
	}

	/**
	 * Reading a small file takes memory for that file, not for the largest
	 * file the reader takes (8 MiB): asked for up to the limit,
	 * file_get_contents() set aside the whole limit for each file, which
	 * was a tenth of an import's time (an 8 MiB map and unmap a file).
	 */
	public function test_a_small_file_takes_memory_for_its_own_size(): void {
		if ( ! function_exists( 'memory_reset_peak_usage' ) ) {
			$this->markTestSkipped( 'memory_reset_peak_usage() is PHP 8.2\'s' );
		}
		$paths = glob( ANP_TESTS_SEEDS . '/*.txt' );
		Anp_File_Reader::read( $paths[0] );
		$before = memory_get_usage();
		memory_reset_peak_usage();
		foreach ( $paths as $path ) {
			Anp_File_Reader::read( $path );
		}
		$this->assertLessThan( 1024 * 1024, memory_get_peak_usage() - $before );
	}

	/**
	 * The limit still holds, and a file of exactly the limit is read.
	 */
	public function test_a_file_over_the_limit_fails_and_one_at_the_limit_is_read(): void {
		$sample = file_get_contents( glob( ANP_TESTS_SEEDS . '/*.txt' )[0] );
		$at     = $this->dir . '/at-limit.txt';
		// The sample, its body grown with spaces to exactly MAX_BYTES.
		$cut = strpos( $sample, "\n\n" ) + 2;
		file_put_contents( $at, substr( $sample, 0, $cut ) . str_repeat( ' ', Anp_File_Reader::MAX_BYTES - strlen( $sample ) ) . substr( $sample, $cut ) );
		$this->assertSame( Anp_File_Reader::MAX_BYTES, filesize( $at ) );
		$item = Anp_File_Reader::read( $at );
		$this->assertSame( '', (string) $item->reason );
		$this->assertSame( hash_file( 'sha256', $at ), $item->hash );

		$over = $this->dir . '/over-limit.txt';
		copy( $at, $over );
		file_put_contents( $over, ' ', FILE_APPEND );
		$item = Anp_File_Reader::read( $over );
		$this->assertSame( sprintf( 'file is %d bytes; expected at most max_bytes (%d)', Anp_File_Reader::MAX_BYTES + 1, Anp_File_Reader::MAX_BYTES ), $item->reason );
	}
}
