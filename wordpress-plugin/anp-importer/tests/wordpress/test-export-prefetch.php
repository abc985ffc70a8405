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
}
