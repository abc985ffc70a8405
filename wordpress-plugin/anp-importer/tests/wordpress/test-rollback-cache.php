<?php
/**
 * A rollback undone midway, on a persistent object cache.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * A persistent object cache without a runtime flush is never flushed whole
 * (every site of the server shares it), so when the transaction of a
 * rollback's group is undone, what the undone attempt cached of its posts
 * must go from the cache post by post: else every other process reads the
 * posts as the undone attempt left them, not as the database keeps them.
 */
final class Test_Anp_Rollback_Cache extends Anp_WP_Test_Case {

	/**
	 * The connection of a rollback killed as it restores its first post
	 * (at the INSERT of the revision wp_update_post() makes, after
	 * WordPress has read the restored post back into the cache): the run
	 * stops, the database keeps the updated posts, and a second process
	 * reads them as the database keeps them.
	 */
	public function test_a_rollback_cut_short_leaves_no_undone_post_in_a_persistent_cache(): void {
		$dir = self::generated( 'rollback-cache', 20261205, 3 );
		$this->import_ok( array( $dir ) );
		$files = array_slice( self::files_in( $dir ), 0, 2 );
		foreach ( $files as $file ) {
			file_put_contents( $file, str_replace( "\n\n", "\n\nan added paragraph.\n\n", file_get_contents( $file ) ) );
		}
		$update = $this->import_ok( array( $dir ) );
		$this->assertSame( 2, $update['updated'] );
		$ids = array_map( 'intval', array_column( self::rows( "SELECT post_id FROM wp_anp_changes WHERE batch_id = ? AND action = 'updated'", array( $update['batch'] ) ), 'post_id' ) );
		$this->assertCount( 2, $ids, 'the updated posts' );

		self::install_faults();
		$dropin = self::wordpress_dir() . '/wp-content/object-cache.php';
		copy( __DIR__ . '/fixtures/object-cache-persistent.php', $dropin );
		try {
			$done = ANP_TESTS_FILES . '/fault-rollback-cache';
			@unlink( $done ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- there or not.
			$rollback = self::anp( array( 'rollback', $update['batch'] ), array( 'env' => self::fault_env( 'kill:first', $done ) ) );
			self::reconnect();
			$this->assertFileExists( $done, 'the fault happened: ' . self::describe( $rollback ) );
			$this->assertNotSame( 0, $rollback['exit'], 'a rollback that lost its connection stops: ' . self::describe( $rollback ) );

			$kept   = array();
			$cached = $this->wordpress( 'return array_map( static fn( $id ) => get_post( $id )->post_content, $input );', $ids );
			foreach ( $ids as $i => $id ) {
				$kept[ $i ] = self::value( 'SELECT post_content FROM wp_posts WHERE ID = ?', array( $id ) );
				$this->assertStringContainsString( 'an added paragraph.', $kept[ $i ], "post $id is still updated: " . self::describe( $rollback ) );
			}
			$this->assertSame( $kept, $cached, 'the posts as another process reads them through the cache, against the database' );
		} finally {
			unlink( $dropin );
		}
	}
}
