<?php
/**
 * PHP reads the next group's files while the server writes a group.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * A group's meta goes to the server without waiting for it
 * (Anp_Db::long_write()), and the worker reads and maps the next group's
 * files meanwhile (Anp_Read_Ahead). On the sandbox's real MariaDB: the
 * spare work runs while a statement runs, a failed statement still
 * throws, and a file is read up to one group before it is written.
 */
final class Test_Anp_Read_Ahead extends Anp_WP_Test_Case {

	/**
	 * Runs in the sandbox's WordPress: a slow statement (SLEEP), with
	 * spare work that counts its steps; then the failures.
	 */
	const LONG_WRITE = <<<'PHP'
		global $wpdb;
		$id    = wp_insert_post( array( 'post_title' => 'long write', 'post_status' => 'draft' ) );
		$steps = 0;
		$step  = static function () use ( &$steps ) {
			++$steps;
			usleep( 10000 );
			return $steps < 1000;
		};
		$out = array();
		$out['rows'] = Anp_Db::with_spare_work( $step, static fn() => Anp_Db::long_write( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) SELECT $id, 'anp_slow', CONCAT('Zoë ✓ \u{1F600} ', SLEEP(0.5))", $wpdb->postmeta, array( 'meta_key', 'meta_value' ) ) );
		$out['steps'] = $steps;
		$out['value'] = $wpdb->get_var( "SELECT meta_value FROM {$wpdb->postmeta} WHERE post_id = $id AND meta_key = 'anp_slow'" );

		// The server's error, as query() gives it.
		try {
			Anp_Db::with_spare_work( static fn() => false, static fn() => Anp_Db::long_write( "INSERT INTO {$wpdb->postmeta} (meta_id, post_id, meta_key, meta_value) VALUES (1, $id, 'a', 'b'), (1, $id, 'a', 'b')", $wpdb->postmeta, array( 'meta_key', 'meta_value' ) ) );
			$out['error'] = 'no exception';
		} catch ( RuntimeException $e ) {
			$out['error'] = $e->getMessage();
		}

		// Spare work that throws: the statement's answer is still read, and
		// the connection answers the next one.
		try {
			Anp_Db::with_spare_work(
				static function () {
					throw new LogicException( 'the spare work failed' );
				},
				static fn() => Anp_Db::long_write( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) SELECT $id, 'anp_after', SLEEP(0.2)", $wpdb->postmeta, array( 'meta_key', 'meta_value' ) )
			);
			$out['thrown'] = 'no exception';
		} catch ( LogicException $e ) {
			$out['thrown'] = $e->getMessage();
		}
		$out['after'] = $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE post_id = $id AND meta_key = 'anp_after'" );

		// Without spare work it is a statement like any other.
		$out['plain'] = Anp_Db::long_write( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES ($id, 'anp_plain', 'x')", $wpdb->postmeta, array( 'meta_key', 'meta_value' ) );

		// A utf8mb3 key column (an old site's) cannot hold a 4-byte
		// character: wpdb refuses such a statement, and long_write() leaves
		// it to wpdb instead of sending it (MariaDB would store "?").
		// wpdb's cache of the charsets (protected, and not through __set()), for the table as it is now.
		$forget_charsets = function () {
			$this->col_meta      = array();
			$this->table_charset = array();
		};
		$wpdb->query( "ALTER TABLE {$wpdb->postmeta} MODIFY meta_key varchar(255) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci DEFAULT NULL" );
		Closure::bind( $forget_charsets, $wpdb, wpdb::class )();
		$steps = 0;
		try {
			Anp_Db::with_spare_work( $step, static fn() => Anp_Db::long_write( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES ($id, 'anp_\u{1F600}', 'x')", $wpdb->postmeta, array( 'meta_key', 'meta_value' ) ) );
			$out['utf8mb3'] = 'no exception';
		} catch ( RuntimeException $e ) {
			$out['utf8mb3'] = $e->getMessage();
		} finally {
			$wpdb->query( "ALTER TABLE {$wpdb->postmeta} MODIFY meta_key varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci DEFAULT NULL" );
			Closure::bind( $forget_charsets, $wpdb, wpdb::class )();
		}
		$out['utf8mb3_steps'] = $steps;
		$out['utf8mb3_rows']  = $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE post_id = $id AND meta_key LIKE 'anp\\_%' AND meta_value = 'x' AND meta_key <> 'anp_plain'" );

		// The connection killed from another while the statement runs, in
		// a group's transaction: the group is lost, as for any statement.
		$thread = mysqli_thread_id( $wpdb->dbh );
		$guard  = Anp_Transaction_Guard::start( 'anp-test-long-write', (int) $wpdb->get_var( 'SELECT CONNECTION_ID()' ) );
		$guard->opened();
		$killed = false;
		try {
			Anp_Db::with_spare_work(
				static function () use ( &$killed, $thread, $wpdb ) {
					if ( ! $killed ) {
						$killed = true;
						list( $host, $port, $socket ) = $wpdb->parse_db_host( DB_HOST );
						$other = new mysqli( $host, DB_USER, DB_PASSWORD, DB_NAME, (int) $port, $socket );
						$other->query( "KILL $thread" );
						$other->close();
					}
					usleep( 10000 );
					return true;
				},
				static fn() => Anp_Db::long_write( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) SELECT $id, 'anp_killed', SLEEP(5)", $wpdb->postmeta, array( 'meta_key', 'meta_value' ) )
			);
			$out['killed'] = 'no exception';
		} catch ( Throwable $e ) {
			$out['killed'] = get_class( $e ) . ': ' . $e->getMessage();
		} finally {
			$guard->closed();
			$guard->stop();
		}
		// wpdb connects again for the next statement: the killed one left nothing.
		$out['killed_rows'] = $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key = 'anp_killed'" );
		return $out;
		PHP;

	public function test_spare_work_runs_while_the_server_writes_and_errors_still_throw(): void {
		$out = $this->wordpress( self::LONG_WRITE );
		$this->assertSame( 1, $out['rows'] );
		$this->assertSame( "Zoë ✓ \u{1F600} 0", $out['value'], 'the row as written, in utf8mb4' );
		// 0.5 s of server time, 10 ms a step: steps ran while it slept,
		// and stopped when it answered.
		$this->assertGreaterThanOrEqual( 10, $out['steps'], 'spare work while the server works' );
		$this->assertLessThan( 100, $out['steps'], 'no spare work once the server answered' );
		$this->assertStringStartsWith( 'database error: Duplicate entry', $out['error'] );
		$this->assertSame( 'the spare work failed', $out['thrown'] );
		$this->assertSame( '1', $out['after'], 'the statement ran whole, and the connection answers' );
		$this->assertSame( 1, $out['plain'] );
		$this->assertStringContainsString( 'contains invalid data', $out['utf8mb3'] );
		$this->assertSame( 0, $out['utf8mb3_steps'], 'sent by wpdb, not in the background' );
		$this->assertSame( '0', $out['utf8mb3_rows'], 'no key stored as "?"' );
		$this->assertStringStartsWith( 'Anp_Transaction_Lost: lost the connection to the database', $out['killed'] );
		$this->assertSame( '0', $out['killed_rows'] );
	}

	/**
	 * Runs in the sandbox's WordPress: an import of ten files in groups
	 * of five. When the first group is committed, the second group's
	 * first file is rewritten with another title: read ahead, it was
	 * already read, and the post has the title it had then.
	 */
	const IMPORT = <<<'PHP'
		wp_set_current_user( 1 );
		$files     = $input['files'];
		$rewritten = false;
		add_action(
			'anp_import_group_committed',
			static function () use ( $files, &$rewritten ) {
				if ( ! $rewritten ) {
					$rewritten = true;
					$bytes = file_get_contents( $files[5] );
					$title = Anp_Parser::parse( $bytes )['title'];
					file_put_contents( $files[5], substr_replace( $bytes, 'Rewritten after it was read ahead', strpos( $bytes, $title ), strlen( $title ) ) );
				}
			}
		);
		$report = ( new Anp_Importer() )->import( $files, Anp_Import_Options::from_flags( Anp_Settings::get(), array( 'batch-size' => 5, 'status' => 'publish' ) ) );
		return array( 'totals' => $report->totals(), 'failures' => $report->failure_lines() );
		PHP;

	public function test_the_next_group_is_read_while_a_group_is_written(): void {
		$dir   = self::generated( 'read-ahead', 7, 10 );
		$files = self::files_in( $dir );
		$read  = hash_file( 'sha256', $files[5] );

		$out = $this->wordpress( self::IMPORT, array( 'files' => $files ) );
		$this->assertSame( array(), $out['failures'] );
		$this->assertSame( 10, $out['totals']['created'] );
		$now = hash_file( 'sha256', $files[5] );
		$this->assertNotSame( $read, $now, 'the file was rewritten' );
		$this->assertCount( 1, self::posts_with_hash( $read ), 'the post is the file as read ahead, before it was rewritten' );
		$this->assertSame( array(), self::posts_with_hash( $now ) );

		// The next run reads the file as it is now: one post updated.
		$report = $this->import_ok( array( $dir ), array( '--status=publish', '--batch-size=5' ) );
		$this->assertSame( array( 0, 1, 9 ), array( $report['created'], $report['updated'], $report['skipped'] ) );
		$this->assertCount( 1, self::posts_with_hash( $now ) );
		$this->assertSame( array(), self::posts_with_hash( $read ) );
		$this->assert_no_orphans();
	}
}
