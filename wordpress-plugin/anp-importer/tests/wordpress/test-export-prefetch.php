<?php
/**
 * The export's background reads give the rows wpdb's connection gives.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Anp_Db_Prefetch runs queued reads on a second connection; what it hands
 * back must be what Anp_Db::read() reads on wpdb's (the same strings, the
 * same character set), a query that fails there must still throw, and a
 * read nobody queued is read at once.
 */
final class Test_Anp_Export_Prefetch extends Anp_WP_Test_Case {

	/**
	 * Runs in the sandbox's WordPress: the same reads both ways, and the
	 * failures.
	 */
	const RUN = <<<'PHP'
		global $wpdb;
		$id = wp_insert_post( array( 'post_title' => "Zoë ✓ \u{1F600}", 'post_content' => str_repeat( 'déjà vu ', 5000 ), 'post_status' => 'draft' ) );
		add_post_meta( $id, 'emoji', "\u{1F600} ü" );
		$reads = array(
			array( "SELECT * FROM {$wpdb->posts} WHERE ID = $id", 'object' ),
			array( "SELECT meta_id, post_id, meta_key, meta_value FROM {$wpdb->postmeta} WHERE post_id = $id ORDER BY meta_id", 'list' ),
			array( "SELECT option_name, option_value FROM {$wpdb->options} ORDER BY option_id LIMIT 50", 'assoc' ),
			array( "SELECT @@SESSION.collation_connection, @@SESSION.sql_mode", 'list' ),
		);
		$prefetch = Anp_Db_Prefetch::open();
		$out      = array( 'opened' => null !== $prefetch, 'same' => array() );
		foreach ( $reads as list( $sql, $form ) ) {
			$prefetch->add( $sql, $form );
		}
		$prefetch->pump();
		// Taken in another order than queued: each gets its own rows.
		foreach ( array_reverse( $reads ) as list( $sql, $form ) ) {
			$out['same'][] = array( json_encode( $prefetch->take( $sql, $form ) ), json_encode( Anp_Db::read( $sql, $form ) ) );
		}
		$out['unqueued'] = array( json_encode( $prefetch->take( "SELECT ID FROM {$wpdb->posts} WHERE ID = $id" ) ), json_encode( array( array( (string) $id ) ) ) );
		// A query that fails on the second connection throws when taken, as on wpdb's.
		$prefetch->add( 'SELECT no_such_column FROM ' . $wpdb->posts );
		try {
			$prefetch->take( 'SELECT no_such_column FROM ' . $wpdb->posts );
			$out['error'] = 'no exception';
		} catch ( RuntimeException $e ) {
			$out['error'] = $e->getMessage();
		}
		// After a failure it keeps reading, on wpdb's connection.
		$prefetch->add( "SELECT ID FROM {$wpdb->posts} WHERE ID = $id" );
		$out['after'] = $prefetch->take( "SELECT ID FROM {$wpdb->posts} WHERE ID = $id" );
		$out['id']    = $id;
		return $out;
		PHP;

	public function test_background_reads_are_the_rows_wpdb_reads_and_errors_still_throw(): void {
		$out = $this->wordpress( self::RUN );
		$this->assertTrue( $out['opened'], 'a second connection opens on the sandbox' );
		$this->assertCount( 4, $out['same'] );
		foreach ( $out['same'] as $i => list( $background, $direct ) ) {
			$this->assertNotSame( '[]', $direct, "read $i has rows" );
			$this->assertSame( $direct, $background, "read $i" );
		}
		$this->assertStringContainsString( '\ud83d\ude00', $out['same'][2][0], 'four-byte UTF-8 comes back whole' );
		$this->assertSame( $out['unqueued'][1], $out['unqueued'][0] );
		$this->assertStringStartsWith( 'database error: ', $out['error'] );
		$this->assertStringContainsString( 'no_such_column', $out['error'] );
		$this->assertSame( array( array( (string) $out['id'] ) ), $out['after'] );
	}

	/**
	 * Inside a transaction of wpdb's connection (a test's, a caller's) its
	 * own rows are not committed, and a second connection would not see
	 * them: no background reads there.
	 */
	public function test_no_background_reads_inside_a_transaction(): void {
		$got = $this->wordpress(
			'global $wpdb;
			$outside = null !== Anp_Db_Prefetch::open();
			$wpdb->query( "START TRANSACTION" );
			$inside = null !== Anp_Db_Prefetch::open();
			$wpdb->query( "ROLLBACK" );
			$wpdb->query( "SET autocommit = 0" );
			$no_autocommit = null !== Anp_Db_Prefetch::open();
			$wpdb->query( "SET autocommit = 1" );
			return array( $outside, $inside, $no_autocommit );'
		);
		$this->assertSame( array( true, false, false ), $got, 'opened outside, inside a transaction, with autocommit off' );
	}

	/**
	 * A chunk's meta read as a range of meta ids gives every row even when
	 * the rows changed between the count and the read (a row deleted and
	 * added again has a meta id past the range): here the range is made to
	 * end one row short of the count, as such a change makes it.
	 */
	public function test_a_range_read_of_meta_that_comes_short_is_read_again_whole(): void {
		$this->import_ok( array( self::seeds_copy( 'export-meta-range' ) ) );
		$got = $this->wordpress(
			'global $wpdb;
			$ids  = array_map( "intval", $wpdb->get_col( "SELECT post_id FROM {$wpdb->prefix}anp_items ORDER BY post_id" ) );
			$list = implode( ",", $ids );
			$want = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE post_id IN ($list)" );
			$rows = new Anp_Export_Rows();
			$sql  = ( new ReflectionMethod( $rows, "post_meta_sql" ) );
			$sql->setAccessible( true );
			$range = $sql->invoke( $rows, $list );
			$max   = (int) $wpdb->get_var( "SELECT MAX(meta_id) FROM {$wpdb->postmeta} WHERE post_id IN ($list)" );
			$short = preg_replace( "/BETWEEN (\\d+) AND \\d+/", "BETWEEN $1 AND " . ( $max - 1 ), $range );
			$cache = new ReflectionProperty( $rows, "meta_sql" );
			$cache->setAccessible( true );
			$cache->setValue( $rows, array( $list => $short ) );
			$read = 0;
			foreach ( $rows->post_meta( $ids ) as $list_of_post ) {
				$read += count( $list_of_post );
			}
			return array( str_contains( $range, "BETWEEN" ), $want, $read );'
		);
		$this->assertTrue( $got[0], 'the seeds\' meta is read as a range' );
		$this->assertSame( $got[1], $got[2], 'every meta row' );
	}

	/**
	 * A read queued with a callable hands its rows to it, which may queue
	 * the next read (the meta statement that depends on the meta's range);
	 * settle() waits for it; and once the connection is gone, settle()
	 * returns and the callable is never called.
	 */
	public function test_a_read_can_hand_its_rows_on_and_queue_the_next(): void {
		$got = $this->wordpress(
			'$prefetch = Anp_Db_Prefetch::open();
			$handed   = array();
			$prefetch->add(
				"SELECT 41",
				"list",
				function ( array $rows ) use ( $prefetch, &$handed ) {
					$handed[] = $rows;
					$prefetch->add( "SELECT " . ( 1 + (int) $rows[0][0] ) );
				}
			);
			$prefetch->settle( "SELECT 41" );
			$next = $prefetch->take( "SELECT 42" );
			$prefetch->close();
			$prefetch->add( "SELECT 43", "list", function () use ( &$handed ) { $handed[] = "called after close"; } );
			$prefetch->settle( "SELECT 43" );
			return array( $handed, $next );'
		);
		$this->assertSame( array( array( array( array( '41' ) ) ), array( array( '42' ) ) ), $got );
	}

	/**
	 * The next chunk's meta read in the background: the range's count comes
	 * back there, queues the meta statement, and the rows are those a read
	 * on wpdb's connection gives.
	 */
	public function test_the_next_chunks_meta_is_read_in_the_background_as_wpdb_reads_it(): void {
		$this->import_ok( array( self::seeds_copy( 'export-meta-background' ) ) );
		$got = $this->wordpress(
			'global $wpdb;
			$ids   = array_map( "intval", $wpdb->get_col( "SELECT post_id FROM {$wpdb->prefix}anp_items ORDER BY post_id" ) );
			$first = array_slice( $ids, 0, 2 );
			$next  = array_slice( $ids, 2 );
			$rows  = new Anp_Export_Rows();
			$rows->post_meta( $first );
			$rows->prefetch( $next );
			$known = new ReflectionProperty( $rows, "meta_sql" );
			$known->setAccessible( true );
			$list  = implode( ",", $next );
			for ( $i = 0; $i < 200 && ! isset( $known->getValue( $rows )[ $list ] ); ++$i ) {
				usleep( 10000 );
				$rows->pump();
			}
			$queued   = isset( $known->getValue( $rows )[ $list ] );
			$prefetch = ( new ReflectionProperty( $rows, "prefetch" ) )->getValue( $rows );
			$meta_sql = $known->getValue( $rows )[ $list ] ?? "";
			$prefetch->settle( $meta_sql );
			$queued     = $queued && array_key_exists( $meta_sql, ( new ReflectionProperty( $prefetch, "done" ) )->getValue( $prefetch ) );
			$background = $rows->post_meta( $next );
			$direct     = ( new Anp_Export_Rows() )->post_meta( $next );
			return array( $queued, count( $next ), count( $background ), json_encode( $background ) === json_encode( $direct ) );'
		);
		$this->assertTrue( $got[0], 'the range came back in the background and queued the meta statement, whose rows the background read' );
		$this->assertSame( $got[1], $got[2], 'meta for each post of the chunk' );
		$this->assertTrue( $got[3], 'the rows wpdb\'s connection reads' );
	}

	/**
	 * The export's pages of ids with the next page's check read ahead in
	 * the background (as Anp_Exporter reads them) are the pages read
	 * without it, with a status filter that leaves posts out; and the
	 * check read ahead is the one the next page takes.
	 */
	public function test_pages_of_ids_read_ahead_are_the_pages_read_now(): void {
		$this->import_ok( array( self::seeds_copy( 'export-pages-ahead' ), '--status=publish' ) );
		$got = $this->wordpress(
			'global $wpdb;
			$ledger = array_map( "intval", $wpdb->get_col( "SELECT post_id FROM {$wpdb->prefix}anp_items ORDER BY post_id" ) );
			wp_update_post( array( "ID" => $ledger[1], "post_status" => "draft" ) );
			$pages = array();
			foreach ( array( "now", "ahead" ) as $way ) {
				$query = new Anp_Export_Query( "publish" );
				$rows  = new Anp_Export_Rows();
				$after = 0;
				$next  = null;
				$done  = null;
				while ( $page = $query->ids_after( $after, 2, "ahead" === $way ? array( $rows, "column" ) : null ) ) {
					if ( null !== $done ) {
						// The check read ahead was the one this page took.
						$pages["$way taken"][] = ! array_key_exists( $next, $done->getValue( $prefetch ) );
					}
					$pages[ $way ][] = $page;
					$after           = end( $page );
					$next            = $query->next_check( $after, 2 );
					if ( "ahead" === $way && null !== $next ) {
						$rows->read_ahead( $next );
						$prefetch = ( new ReflectionProperty( $rows, "prefetch" ) )->getValue( $rows );
						$done     = new ReflectionProperty( $prefetch, "done" );
						$prefetch->settle( $next );
						$pages["$way ready"][] = array_key_exists( $next, $done->getValue( $prefetch ) );
					}
				}
			}
			$pages["published"] = array_values( array_diff( $ledger, array( $ledger[1] ) ) );
			return $pages;'
		);
		$this->assertSame( $got['now'], $got['ahead'] );
		$this->assertSame( $got['published'], array_merge( ...$got['now'] ), 'every published ANP post once, the draft left out' );
		$this->assertGreaterThan( 1, count( $got['now'] ), 'more than one page' );
		$this->assertSame( array_fill( 0, count( $got['now'] ) - 1, true ), $got['ahead ready'], 'each next check read in the background' );
		$this->assertSame( $got['ahead ready'], $got['ahead taken'], 'and taken by the page after' );
	}

	/**
	 * A background read whose connection dies while its rows stream in
	 * (killed here from wpdb's connection once the server has sent part of
	 * them) gives every row all the same: what came before the break is
	 * not taken for the whole result, the read is made again on wpdb's
	 * connection.
	 */
	public function test_a_background_read_cut_off_mid_rows_is_read_again_whole(): void {
		$got = $this->wordpress(
			'global $wpdb;
			$sql      = "SELECT seq, REPEAT( \'x\', 1000 ) FROM seq_1_to_5000";
			$prefetch = Anp_Db_Prefetch::open();
			$dbh      = ( new ReflectionProperty( $prefetch, "dbh" ) )->getValue( $prefetch );
			$prefetch->add( $sql );
			usleep( 300000 ); // The server sends what the socket holds, then waits.
			$wpdb->query( "KILL " . (int) mysqli_thread_id( $dbh ) );
			usleep( 100000 );
			$rows = $prefetch->take( $sql );
			$gone = null === ( new ReflectionProperty( $prefetch, "dbh" ) )->getValue( $prefetch );
			return array( count( $rows ), $rows[4999][0] ?? null, $gone );'
		);
		$this->assertSame( array( 5000, '5000', true ), $got, 'every row, and the cut connection given up' );
	}

	/**
	 * clear() and close() while a read that hands its rows on is running
	 * leave nothing behind: the read it would queue is not started, and
	 * Anp_Export_Rows::forget() forgets the meta statements it remembered,
	 * so that a next run reads its rows anew.
	 */
	public function test_clearing_while_a_read_hands_its_rows_on_leaves_nothing_running(): void {
		$got = $this->wordpress(
			'$state = static function ( $prefetch ) {
				$out = array();
				foreach ( array( "running", "queue", "done" ) as $name ) {
					$out[ $name ] = ( new ReflectionProperty( $prefetch, $name ) )->getValue( $prefetch );
				}
				return $out;
			};
			$out = array();
			foreach ( array( "clear", "close" ) as $how ) {
				$prefetch = Anp_Db_Prefetch::open();
				$prefetch->add( "SELECT SLEEP( 0.2 ), 41", "list", static function () use ( $prefetch ) {
					$prefetch->add( "SELECT 42" );
				} );
				$prefetch->$how();
				$out[ $how ] = $state( $prefetch );
			}
			global $wpdb;
			$rows = new Anp_Export_Rows();
			$ids  = array_map( "intval", $wpdb->get_col( "SELECT ID FROM {$wpdb->posts} ORDER BY ID LIMIT 3" ) );
			$rows->post_meta( $ids );
			$rows->forget();
			$out["meta statements after forget"] = ( new ReflectionProperty( $rows, "meta_sql" ) )->getValue( $rows );
			return $out;'
		);
		$empty = array(
			'running' => null,
			'queue'   => array(),
			'done'    => array(),
		);
		$this->assertSame( $empty, $got['clear'] );
		$this->assertSame( $empty, $got['close'] );
		$this->assertSame( array(), $got['meta statements after forget'] );
	}
}
