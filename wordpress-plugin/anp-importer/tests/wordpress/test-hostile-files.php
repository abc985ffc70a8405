<?php
/**
 * Hostile files through the importer, beside good ones.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * A file too big to read, a NUL byte, invalid UTF-8, an empty file, a file
 * of markers only, truncated files, a folder named like a file: each bad
 * file is reported with "path:line: reason" and fails alone, every good file
 * is imported whole, and running the command again changes nothing (issue 8,
 * finding 6 and the hostile corpus).
 */
final class Test_Anp_Hostile_Files extends Anp_WP_Test_Case {

	/** What a host with little memory gives PHP; a file 4 times that size. */
	const MEMORY_LIMIT = '64M';
	const HUGE_BYTES   = 256 * 1024 * 1024;

	/**
	 * bin/anp under a memory limit, as on a shared host.
	 *
	 * @param string[] $args The command and its arguments.
	 */
	private static function anp_limited( array $args ): array {
		$command = self::anp_command( $args );
		array_splice( $command, 1, 0, array( '-d', 'memory_limit=' . self::MEMORY_LIMIT ) );
		return self::run_process( $command );
	}

	/**
	 * The seeds and the hostile files in a folder.
	 *
	 * @return array [folder, failures expected (path, line, reason), files that parse]
	 */
	private static function hostile_folder(): array {
		list( $dir, $bad ) = self::good_and_bad_files( 'hostile' );

		// Over max_bytes, and over the memory PHP has: sparse, so it costs no disk.
		$huge = "$dir/005a_huge.txt";
		$handle = fopen( $huge, 'w' );
		ftruncate( $handle, self::HUGE_BYTES );
		fclose( $handle );
		$bad[] = array(
			'path'   => $huge,
			'line'   => 1,
			'reason' => sprintf( 'file is %d bytes; expected at most max_bytes (8388608)', self::HUGE_BYTES ),
		);

		// Just over max_bytes: a title and one long paragraph.
		$over = "$dir/005b_over_max_bytes.txt";
		file_put_contents( $over, "a title\n\n" . str_repeat( 'x', 8388608 - 9 + 1 ) );
		$bad[] = array(
			'path'   => $over,
			'line'   => 1,
			'reason' => 'file is 8388609 bytes; expected at most max_bytes (8388608)',
		);

		// Markers only, and a seed cut at several points: whatever the parser
		// says of each is what the import reports.
		$seed  = file_get_contents( self::seed_files()[2] );
		$files = array(
			'006a_markers_only.txt' => "alphanode post meta\nSimilar Posts\n",
			'006b_cut_in_title.txt' => substr( $seed, 0, 10 ),
			'006c_cut_in_body.txt'  => substr( $seed, 0, (int) ( strlen( $seed ) / 3 ) ),
			'006d_cut_in_meta.txt'  => substr( $seed, 0, (int) ( strpos( $seed, "\nalphanode post meta" ) + 40 ) ),
			'006e_cut_mid_utf8.txt' => substr( $seed, 0, strpos( $seed, "\xE2\x80\xA2" ) + 1 ),
		);
		$parsed = array();
		foreach ( $files as $name => $bytes ) {
			$path = "$dir/$name";
			file_put_contents( $path, $bytes );
			try {
				anp_parse_file( $path );
				$parsed[] = $path;
			} catch ( \Anp\ParseException $e ) {
				$bad[] = array(
					'path'   => $path,
					'line'   => $e->getInputLine(),
					'reason' => $e->getReason(),
				);
			}
		}

		// A folder named like a file: the import looks into it, and finds nothing.
		mkdir( "$dir/007a_folder.txt" );
		usort( $bad, static fn( $a, $b ) => strcmp( $a['path'], $b['path'] ) );
		return array( $dir, $bad, $parsed );
	}

	public function test_each_hostile_file_fails_alone_and_a_second_run_changes_nothing(): void {
		list( $dir, $bad, $parsed ) = self::hostile_folder();
		$this->assertContains( "$dir/006a_markers_only.txt", array_column( $bad, 'path' ), 'a file of markers has no title' );
		$this->assertContains( "$dir/006e_cut_mid_utf8.txt", array_column( $bad, 'path' ), 'a cut character is invalid UTF-8' );

		$result = self::anp_limited( array( 'import', $dir, '--format=json' ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$report = json_decode( trim( $result['stdout'] ), true );
		$this->assertIsArray( $report, self::describe( $result ) );
		$good = 5 + count( $parsed );
		$this->assertSame( array( 'created' => $good, 'updated' => 0, 'skipped' => 0, 'failed' => count( $bad ) ), self::totals( $report ), self::describe( $result ) );
		$this->assertSame( $bad, $report['failures'] );

		// The good files whole; nothing of the bad ones.
		foreach ( array_merge( self::seed_files(), $parsed ) as $file ) {
			$this->assertCount( 1, self::posts_with_hash( hash_file( 'sha256', $file ) ), basename( $file ) );
		}
		foreach ( $bad as $failure ) {
			if ( filesize( $failure['path'] ) < 1024 * 1024 ) {
				$this->assertSame( array(), self::posts_with_hash( hash_file( 'sha256', $failure['path'] ) ), basename( $failure['path'] ) );
			}
		}
		$this->assertSame( $good, self::anp_post_count() );
		$this->assert_no_orphans();
		$this->assertSame( 'finished', self::value( 'SELECT status FROM wp_anp_batches WHERE id = ?', array( $report['batch'] ) ) );

		// The table report: each failure as "path:line: reason".
		$before = self::fingerprint();
		$again  = self::anp_limited( array( 'import', $dir ) );
		$this->assertSame( 1, $again['exit'], self::describe( $again ) );
		foreach ( $bad as $failure ) {
			$this->assertStringContainsString( "\nWarning: {$failure['path']}:{$failure['line']}: {$failure['reason']}\n", "\n" . $again['stderr'], self::describe( $again ) );
		}
		$this->assertMatchesRegularExpression( "/0 created, 0 updated, $good skipped, " . count( $bad ) . ' failed\./', $again['stderr'] . $again['stdout'] );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after the second run' );
	}

	/**
	 * A run cut short by a poison file before the fix could never finish: each
	 * resume died on the same file. Now a run that meets it first, in a
	 * batch of one, finishes, and so does the same command again.
	 */
	public function test_a_run_with_a_huge_file_finishes_in_batches_of_one(): void {
		list( $dir, $bad ) = self::hostile_folder();
		$result = self::anp_limited( array( 'import', $dir, '--format=json', '--batch-size=1' ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$report = json_decode( trim( $result['stdout'] ), true );
		$this->assertIsArray( $report, self::describe( $result ) );
		$this->assertSame( count( $bad ), $report['failed'] );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_anp_batches WHERE status = 'running'" ), 'no batch left to resume' );
	}
}
