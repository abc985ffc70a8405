<?php
/**
 * Database faults in the middle of a group, on the real stack.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * "A post lands exactly once and nothing is half-written", whatever the
 * database does in the middle of a group: its connection killed, the server
 * restarted, a deadlock lost, a lock waited for in vain, a statement over
 * max_allowed_packet. A must-use plugin (fixtures/anp-faults.php) puts the
 * fault in, once, at a point of the first group; the run's report never
 * counts a post that is not there, and after the same command is run again
 * the site equals that of an uninterrupted run of the same files.
 */
final class Test_Anp_Faults extends Anp_WP_Test_Case {

	const FRESH_SITE = false;

	/** Seven files in groups of three: the fault hits the first group. */
	const FILES = 7;

	const FLAGS = array( '--batch-size=3' );

	/** @var array|null The uninterrupted run: fingerprint and what the hook wrote. */
	private static $reference;

	/**
	 * @return array[] fault, point
	 */
	public static function faults(): array {
		return array(
			'connection killed before the first post'   => array( 'kill', 'first' ),
			'connection killed before the meta'         => array( 'kill', 'middle' ),
			'connection killed before the commit'       => array( 'kill', 'before_commit' ),
			'connection killed in a save_post handler'  => array( 'kill', 'save_post' ),
			'MariaDB restarted before the meta'         => array( 'restart', 'middle' ),
			'deadlock lost before the meta'             => array( 'deadlock', 'middle' ),
			'deadlock lost before the commit'           => array( 'deadlock', 'before_commit' ),
			'deadlock lost in a save_post handler'      => array( 'deadlock', 'save_post' ),
			'lock wait timeout before the first post'   => array( 'lock_wait', 'first' ),
			'lock wait timeout before the commit'       => array( 'lock_wait', 'before_commit' ),
			'a hook\'s DDL before the meta'             => array( 'ddl', 'middle' ),
			'a hook\'s wp_die() before the meta'        => array( 'die', 'middle' ),
		);
	}

	/**
	 * @dataProvider faults
	 */
	public function test_a_fault_in_a_group_then_the_same_command_ends_as_an_uninterrupted_run( string $fault, string $point ): void {
		$dir       = self::fault_files();
		$reference = $this->reference( $dir );

		self::fresh_site();
		$done = ANP_TESTS_FILES . '/fault-done';
		@unlink( $done ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		$env     = self::fault_env( "$fault:$point", $done );
		$command = array_merge( array( 'import', $dir, '--format=json' ), self::FLAGS );

		$first = self::anp( $command, array( 'env' => $env ) );
		self::reconnect(); // The server may be a new one.
		$this->assertFileExists( $done, 'the fault happened: ' . self::describe( $first ) );
		$this->assert_counts_are_posts( $first );
		if ( in_array( $fault, array( 'deadlock', 'lock_wait' ), true ) && 'save_post' !== $point ) {
			// The group is rolled back and written again.
			$this->assertSame( 0, $first['exit'], self::describe( $first ) );
			$finished = json_decode( trim( $first['stdout'] ), true );
		} elseif ( 'save_post' !== $point ) {
			// The lock and the transaction went with the connection: the run
			// stops, and says that the same command resumes it.
			$this->assertNotSame( 0, $first['exit'], 'a run that lost its connection stops: ' . self::describe( $first ) );
			$this->assertStringContainsStringIgnoringCase( 'run the same command again', $first['stderr'], self::describe( $first ) );
			$this->assertSame( 'running', self::value( 'SELECT status FROM wp_anp_batches' ), 'the batch is left to resume' );
		}
		if ( 'die' === $fault ) {
			// A message that speaks of the database is no lost connection:
			// the connection is alive, so the group is rolled back on it
			// and the lock released.
			$this->assertStringContainsString( 'WordPress stopped the run', $first['stderr'], self::describe( $first ) );
			$this->assertStringNotContainsString( 'lost the connection', $first['stderr'], self::describe( $first ) );
		}

		$again = self::anp( $command, array( 'env' => $env ) );
		$this->assertSame( 0, $again['exit'], self::describe( $first ) . "\n--- again:\n" . self::describe( $again ) );
		$this->assert_counts_are_posts( $again );
		$finished = $finished ?? json_decode( trim( 0 === $first['exit'] ? $first['stdout'] : $again['stdout'] ), true );
		$this->assertSame( array( 'created' => self::FILES, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $finished ), 'the batch counts each post once' );
		$this->assert_term_counts_right();
		$this->assert_same_fingerprint( $reference['site'], self::fingerprint( self::ACROSS_SITES ), "$fault at $point, then the same command again, against an uninterrupted run" );
		if ( 'save_post' !== $point ) {
			// What a hook wrote in a group committed with it, once. (After
			// the commit, in save_post, a run cut short does not fire the
			// rest of its group's actions again: they are not counted.)
			$this->assertSame( $reference['hook_writes'], self::hook_writes(), 'what hooks wrote in the groups, each once' );
		}
	}

	/**
	 * A statement over max_allowed_packet is never sent: the server would
	 * drop the connection, and with it the transaction and the lock. A group
	 * too big for one statement is split; a post too big for any fails
	 * alone, with the reason, and the others land.
	 */
	public function test_statements_stay_under_max_allowed_packet(): void {
		$dir   = self::files_dir( 'packet' );
		$files = array();
		foreach ( self::files_in( self::generated( 'packet-source', 20261201, 4 ) ) as $i => $file ) {
			$lines = explode( "\n", file_get_contents( $file ) );
			// A paragraph of quotes: each is 6 bytes as &quot; in the post.
			$quotes = array( 0, 60000, 200000, 60000 )[ $i ];
			if ( $quotes ) {
				array_splice( $lines, 3, 0, array( str_repeat( '"', $quotes ), '' ) );
			}
			$files[ $i ] = $dir . '/' . basename( $file );
			file_put_contents( $files[ $i ], implode( "\n", $lines ) );
		}
		$good = array( $files[0], $files[1], $files[3] );

		// The reference: the three good files on a site with the default packet size.
		self::fresh_site();
		$this->import_ok( $good, array( '--batch-size=4' ) );
		$reference = self::fingerprint( self::ACROSS_SITES );

		self::fresh_site();
		self::root_sql( 'SET GLOBAL max_allowed_packet = 1048576' );
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=4' ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 3, 'updated' => 0, 'skipped' => 0, 'failed' => 1 ), self::totals( $report ), self::describe( $result ) );
		$this->assertSame( $files[2], $report['failures'][0]['path'] );
		$this->assertStringContainsString( 'max_allowed_packet', $report['failures'][0]['reason'] );
		$this->assert_counts_are_posts( $result );
		$this->assert_same_fingerprint( $reference, self::fingerprint( self::ACROSS_SITES ), 'the good files, under a 1 MiB packet' );

		list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=4' ) );
		self::root_sql( 'SET GLOBAL max_allowed_packet = DEFAULT' );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 3, 'failed' => 1 ), self::totals( $report ), self::describe( $result ) );
		$this->assert_same_fingerprint( $reference, self::fingerprint( self::ACROSS_SITES ), 'the same command again' );
	}

	/**
	 * The bound is on a post's statement as a whole: values that each fit
	 * in half the packet may not fit together once escaped. A text of 1.5
	 * MiB of backslashes and a summary of 0.6 MiB of them are 2.1 MiB as
	 * they are and 4.2 MiB escaped, over a 4 MiB packet (MySQL 5.7's
	 * default): the file fails alone, with the reason, the run ends, and
	 * the same command again changes nothing.
	 */
	public function test_a_post_whose_values_together_pass_max_allowed_packet_fails_alone(): void {
		$dir   = self::files_dir( 'packet-sum' );
		$files = array();
		foreach ( self::files_in( self::generated( 'packet-sum-source', 20261203, 3 ) ) as $i => $file ) {
			$text = file_get_contents( $file );
			if ( 1 === $i ) {
				$lines = explode( "\n", $text );
				array_splice( $lines, 3, 0, array( str_repeat( '\\', 1572864 ), '' ) );
				$text = (string) preg_replace_callback( '/^summary.*$/m', static fn() => 'summary' . str_repeat( '\\', 629146 ), implode( "\n", $lines ), 1 );
			}
			$files[ $i ] = $dir . '/' . basename( $file );
			file_put_contents( $files[ $i ], $text );
		}

		self::fresh_site();
		self::root_sql( 'SET GLOBAL max_allowed_packet = 4194304' );
		try {
			list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=3' ) );
			$this->assertSame( 1, $result['exit'], self::describe( $result ) );
			$this->assertSame( array( 'created' => 2, 'updated' => 0, 'skipped' => 0, 'failed' => 1 ), self::totals( $report ), self::describe( $result ) );
			$this->assertSame( $files[1], $report['failures'][0]['path'] );
			$this->assertStringContainsString( 'max_allowed_packet', $report['failures'][0]['reason'] );
			$this->assert_counts_are_posts( $result );
			$site = self::fingerprint( self::ACROSS_SITES );

			list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=3' ) );
			$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 2, 'failed' => 1 ), self::totals( $report ), self::describe( $result ) );
			$this->assert_same_fingerprint( $site, self::fingerprint( self::ACROSS_SITES ), 'the same command again' );
		} finally {
			self::reconnect();
			self::root_sql( 'SET GLOBAL max_allowed_packet = DEFAULT' );
		}
	}

	/**
	 * save_post and the other actions of a post, and the plugin's own, fire
	 * once its group has committed: a handler sees the post as the database
	 * keeps it, once, even when the group was written twice (a deadlock);
	 * on the one by one path (updates) too.
	 */
	public function test_actions_fire_after_the_commit_once(): void {
		$dir = self::generated( 'actions', 20261202, 4 );
		self::fresh_site();
		$log = ANP_TESTS_FILES . '/actions.log';
		@unlink( $log ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		$done = ANP_TESTS_FILES . '/fault-actions';
		@unlink( $done ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		$env = array( 'ANP_FAULT_LOG' => $log ) + self::fault_env( 'deadlock:middle', $done );
		$this->import_ok( array( $dir ), array( '--batch-size=4' ), array( 'env' => $env ) );
		$this->assertFileExists( $done, 'the deadlock happened' );
		$this->assert_fired_once_committed( $log, 'created', 4 );

		// Updates go one by one, through wp_update_post().
		foreach ( array_slice( self::files_in( $dir ), 0, 2 ) as $file ) {
			file_put_contents( $file, str_replace( "\n\n", "\n\nan added paragraph.\n\n", file_get_contents( $file ) ) );
		}
		unlink( $log );
		$this->import_ok( array( $dir ), array( '--batch-size=4' ), array( 'env' => $env ) );
		$this->assert_fired_once_committed( $log, 'updated', 2 );
	}

	/**
	 * A plugin's save_post handler that throws, after the commit, for one
	 * post: nothing can be undone then. The post is written and counted,
	 * the report warns of it (the file and the post), the other posts'
	 * actions still fire, and the run goes on to its end.
	 */
	public function test_a_handler_that_throws_after_the_commit_is_a_warning(): void {
		$dir   = self::generated( 'throwing-handler', 20261204, 4 );
		$files = self::files_in( $dir );
		self::fresh_site();
		$log = ANP_TESTS_FILES . '/throwing-handler.log';
		@unlink( $log ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		$env = array(
			'ANP_FAULT_LOG'     => $log,
			'ANP_FAULT_THROW'   => '1',
			'ANP_FAULT_SANDBOX' => ANP_TESTS_SANDBOX,
		);
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=4' ), array( 'env' => $env ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 4, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ), self::describe( $result ) );
		$this->assert_counts_are_posts( $result );
		$warnings = array_values( array_filter( $report['warnings'], static fn( $w ) => 'action_handler_failed' === ( $w['code'] ?? '' ) ) );
		$this->assertCount( 1, $warnings, self::describe( $result ) );
		$this->assertContains( $warnings[0]['path'], $files );
		$post = (int) self::value( "SELECT p.ID FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_source' AND m.meta_value = ? AND p.post_type <> 'revision'", array( basename( $warnings[0]['path'] ) ) );
		$this->assertMatchesRegularExpression( '/^post ' . $post . ' was written; a save_post handler failed: a test plugin\'s save_post handler threw$/', $warnings[0]['message'] );

		$seen = array();
		foreach ( file( $log, FILE_IGNORE_NEW_LINES ) as $line ) {
			$entry                     = json_decode( $line, true );
			$seen[ $entry['hook'] ][] = $entry['post'];
		}
		$this->assertCount( 4, array_unique( $seen['anp_import_post_created'] ?? array() ), 'every post is announced' );
		$this->assertCount( 3, array_unique( $seen['save_post'] ?? array() ), 'the other posts\' save_post handlers ran' );
		$this->assertNotContains( $post, $seen['save_post'] ?? array() );

		list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=4' ), array( 'env' => $env ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 4, 'failed' => 0 ), self::totals( $report ), self::describe( $result ) );
	}

	/**
	 * An update keeps the post's type, whatever the settings say: a post a
	 * person made a "book" stays one, and plugins' handlers of that type's
	 * actions (save_post_book) are held until the commit as well.
	 */
	public function test_actions_of_a_kept_custom_type_fire_after_the_commit(): void {
		$dir = self::generated( 'book', 20261205, 2 );
		self::fresh_site();
		$env = array(
			'ANP_FAULT_BOOK'    => '1',
			'ANP_FAULT_SANDBOX' => ANP_TESTS_SANDBOX,
		);
		$this->import_ok( array( $dir ), array( '--batch-size=2' ), array( 'env' => $env ) );
		self::db()->query( "UPDATE wp_posts SET post_type = 'book' WHERE ID IN (SELECT post_id FROM wp_anp_items)" );
		foreach ( self::files_in( $dir ) as $file ) {
			file_put_contents( $file, str_replace( "\n\n", "\n\nan added paragraph.\n\n", file_get_contents( $file ) ) );
		}
		$log = ANP_TESTS_FILES . '/book.log';
		@unlink( $log ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=2' ), array( 'env' => array( 'ANP_FAULT_LOG' => $log ) + $env ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 2, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ), self::describe( $result ) );
		$this->assertSame( 2, (int) self::value( "SELECT COUNT(*) FROM wp_posts p JOIN wp_anp_items i ON i.post_id = p.ID WHERE p.post_type = 'book'" ), 'the type is kept' );
		$books = array();
		foreach ( file( $log, FILE_IGNORE_NEW_LINES ) as $line ) {
			$entry = json_decode( $line, true );
			if ( 'save_post_book' === $entry['hook'] ) {
				$books[] = $entry;
			}
		}
		$this->assertCount( 2, $books, 'save_post_book once a post' );
		foreach ( $books as $entry ) {
			$this->assertSame( 0, $entry['in_transaction'], 'save_post_book after the commit: ' . json_encode( $entry ) );
			$this->assertNotNull( $entry['committed'] );
		}
	}

	/**
	 * A wp_insert_post_data filter that orders one post's keys otherwise
	 * has each value land in its column.
	 */
	public function test_a_filter_that_reorders_a_post_s_columns_keeps_each_value_in_its_column(): void {
		$dir = self::generated( 'shuffle', 20261203, 4 );
		self::fresh_site();
		$this->import_ok( array( $dir ), array( '--batch-size=4' ) );
		$reference = self::fingerprint( self::ACROSS_SITES );
		self::fresh_site();
		$this->import_ok( array( $dir ), array( '--batch-size=4' ), array( 'env' => array( 'ANP_FAULT_SHUFFLE' => '1' ) + self::fault_env( '', '' ) ) );
		$this->assert_same_fingerprint( $reference, self::fingerprint( self::ACROSS_SITES ), 'posts whose keys a filter reordered' );
	}

	/**
	 * A table that cannot roll back makes "all or nothing" false: the run
	 * refuses to start, and says which table.
	 */
	public function test_a_table_that_cannot_roll_back_is_refused(): void {
		$dir = self::fault_files();
		self::fresh_site();
		self::db()->query( 'ALTER TABLE wp_postmeta ENGINE=MyISAM' );
		$result = self::anp( array( 'import', $dir ) );
		self::db()->query( 'ALTER TABLE wp_postmeta ENGINE=InnoDB' );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( 'wp_postmeta (MyISAM)', $result['stderr'], self::describe( $result ) );
		$this->assertSame( 0, self::anp_post_count() );
	}

	/**
	 * A persistent object cache without a runtime flush is shared by every
	 * site of the server: an import never flushes it whole, not after a
	 * group, not after a rollback (a deadlock, a post that fails).
	 */
	public function test_a_shared_object_cache_is_never_flushed_whole(): void {
		$dir = self::generated( 'cache', 20261204, 5 );
		self::fresh_site();
		$dropin  = self::wordpress_dir() . '/wp-content/object-cache.php';
		$flushed = self::wordpress_dir() . '/wp-content/object-cache-flushed.log';
		copy( __DIR__ . '/fixtures/object-cache.php', $dropin );
		@unlink( $flushed ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
		try {
			$done = ANP_TESTS_FILES . '/fault-cache';
			@unlink( $done ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
			list( $result, $report ) = $this->import_json( array( $dir ), array( '--batch-size=3' ), array( 'env' => self::fault_env( 'deadlock:middle', $done ) ) );
			$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ), self::describe( $result ) );
			$this->assertFileDoesNotExist( $flushed, 'the shared cache was flushed whole: ' . ( is_file( $flushed ) ? file_get_contents( $flushed ) : '' ) );
		} finally {
			unlink( $dropin );
		}
	}

	/**
	 * Each post's save_post and anp_import_post_<action> fired once, outside
	 * any transaction, with the post as committed.
	 */
	private function assert_fired_once_committed( string $log, string $action, int $posts ): void {
		$lines = array_map( static fn( $line ) => json_decode( $line, true ), file( $log, FILE_IGNORE_NEW_LINES ) );
		$seen  = array();
		foreach ( $lines as $line ) {
			$post = (int) $line['post'];
			$this->assertSame( 0, $line['in_transaction'], "{$line['hook']} of post $post fired inside a transaction" );
			$this->assertSame( md5( (string) self::value( 'SELECT post_content FROM wp_posts WHERE ID = ?', array( $post ) ) ), $line['committed'], "{$line['hook']} of post $post fired before the post was committed as it is" );
			$seen[ $line['hook'] ][] = $post;
		}
		foreach ( array( 'save_post', "anp_import_post_$action" ) as $hook ) {
			$this->assertCount( $posts, array_unique( $seen[ $hook ] ?? array() ), "$hook for each post" );
			$this->assertSame( array_unique( $seen[ $hook ] ), $seen[ $hook ], "$hook once a post" );
		}
	}

	/**
	 * The files, written once a run.
	 */
	private static function fault_files(): string {
		static $dir = null;
		if ( null === $dir ) {
			$dir = self::generated( 'faults', 20261130, self::FILES );
		}
		return $dir;
	}

	/**
	 * The uninterrupted run of the files, with the must-use plugin's hook
	 * writing and no fault; once a run of the tests. The hook writes once a
	 * group at each point but save_post (one statement of each kind a group
	 * in bulk), so one run tells what it writes at all of them.
	 */
	private function reference( string $dir ): array {
		if ( null === self::$reference ) {
			self::fresh_site();
			$done = ANP_TESTS_FILES . '/fault-reference';
			@unlink( $done ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
			$report = $this->import_ok( array( $dir ), self::FLAGS, array( 'env' => self::fault_env( 'none:middle', $done ) ) );
			$this->assertSame( self::FILES, $report['created'] );
			$this->assertSame( (int) ceil( self::FILES / 3 ), self::hook_writes(), 'the hook writes once a group' );
			self::$reference = array(
				'site'        => self::fingerprint( self::ACROSS_SITES ),
				'hook_writes' => self::hook_writes(),
			);
		}
		return self::$reference;
	}

	/**
	 * A fresh site, with the fault plugin: the sandbox is made once, then
	 * its database is put back from a dump of it (a second, where making
	 * the sandbox takes many).
	 */
	private static function fresh_site(): void {
		static $dump = null;
		self::reconnect();
		if ( null === $dump || ! is_file( ANP_TESTS_SANDBOX . '/mysql.sock' ) ) {
			self::sandbox_up();
			self::install_faults();
			$dump   = ANP_TESTS_FILES . '/fresh-site.sql';
			$result = self::run_process( array( 'sh', '-c', 'mariadb-dump --no-defaults --protocol=socket --socket="$0/mysql.sock" --user=root --databases wordpress > "$1"', ANP_TESTS_SANDBOX, $dump ) );
			if ( 0 !== $result['exit'] ) {
				throw new RuntimeException( self::describe( $result ) );
			}
			return;
		}
		$result = self::run_process( array( 'sh', '-c', 'mariadb --no-defaults --protocol=socket --socket="$0/mysql.sock" --user=root -e "DROP DATABASE wordpress" && mariadb --no-defaults --protocol=socket --socket="$0/mysql.sock" --user=root < "$1"', ANP_TESTS_SANDBOX, $dump ) );
		if ( 0 !== $result['exit'] ) {
			throw new RuntimeException( self::describe( $result ) );
		}
	}

	/**
	 * What the must-use plugin's hook wrote and kept.
	 */
	private static function hook_writes(): int {
		return (int) self::value( 'SELECT n FROM wp_anp_fault WHERE id = 3' );
	}

	/**
	 * Runs SQL as the server's root (through its socket).
	 */
	private static function root_sql( string $sql ): void {
		$result = self::run_process( array( 'mariadb', '--no-defaults', '--protocol=socket', '--socket=' . ANP_TESTS_SANDBOX . '/mysql.sock', '--user=root', '-e', $sql ) );
		if ( 0 !== $result['exit'] ) {
			throw new RuntimeException( self::describe( $result ) );
		}
	}

	/**
	 * What a run reported, and what each batch's totals say, is what the
	 * database holds: each post counted exists, once, and is counted once.
	 *
	 * @param array $result A run of bin/anp.
	 */
	private function assert_counts_are_posts( array $result ): void {
		$posts   = self::anp_post_count();
		$counted = 0;
		foreach ( self::rows( 'SELECT id, report FROM wp_anp_batches' ) as $row ) {
			$counted += (int) ( json_decode( (string) $row['report'], true )['created'] ?? 0 );
			// A batch not finished keeps its totals with its groups, in the work queue.
			foreach ( self::rows( 'SELECT totals FROM wp_anp_queue WHERE batch_id = ? AND totals IS NOT NULL', array( $row['id'] ) ) as $group ) {
				$counted += (int) ( json_decode( (string) $group['totals'], true )['created'] ?? 0 );
			}
		}
		$this->assertSame( $counted, $posts, 'posts the batches count as created, against posts there: ' . self::describe( $result ) );
		$report = json_decode( trim( $result['stdout'] ), true );
		if ( is_array( $report ) ) {
			$this->assertSame(
				(int) $report['created'],
				(int) self::value( "SELECT COUNT(*) FROM wp_postmeta m JOIN wp_posts p ON p.ID = m.post_id WHERE m.meta_key = '_anp_import_batch' AND m.meta_value = ? AND p.post_type <> 'revision'", array( $report['batch'] ) ),
				'posts the report counts as created, against posts of its batch there: ' . self::describe( $result )
			);
		}
		$this->assertSame( $posts, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items i JOIN wp_posts p ON p.ID = i.post_id' ), 'a ledger row for each post, and a post for each ledger row' );
		$this->assertSame( (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), $posts, 'no ledger row without its post' );
		$this->assertSame( 0, (int) self::value( 'SELECT COUNT(*) FROM wp_postmeta m LEFT JOIN wp_posts p ON p.ID = m.post_id WHERE p.ID IS NULL' ), 'no meta without its post' );
		$this->assertSame(
			$posts,
			(int) self::value( "SELECT COUNT(DISTINCT meta_value) FROM wp_postmeta WHERE meta_key = '_anp_content_hash'" ),
			'each file once'
		);
	}
}
