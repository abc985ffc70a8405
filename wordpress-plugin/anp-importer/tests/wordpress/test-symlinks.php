<?php
/**
 * Import folders with links in them: nothing outside the folder is read.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * A link leak.txt -> wp-config.php in an import folder became a draft
 * holding the database password: folders give their regular files only.
 */
final class Test_Anp_Symlinks extends Anp_WP_Test_Case {

	public function test_links_in_a_folder_are_skipped_and_told(): void {
		$dir    = self::seeds_copy( 'symlinks' );
		$config = self::wordpress_dir() . '/wp-config.php';
		$this->assertStringContainsString( 'DB_PASSWORD', file_get_contents( $config ) );
		symlink( $config, "$dir/leak.txt" );
		mkdir( "$dir/sub" );
		symlink( dirname( $config ), "$dir/sub/wordpress" );
		posix_mkfifo( "$dir/pipe.txt", 0600 );

		list( $result, $report ) = $this->import_json( array( $dir ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ), 'the five seeds, nothing else' );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_content LIKE '%DB_PASSWORD%' OR post_title LIKE '%php%'" ), 'nothing of wp-config.php' );
		$skipped = array_values( array_filter( $report['warnings'], static fn( $w ) => 'not_a_regular_file' === $w['code'] ) );
		$this->assertSame( array( "$dir/leak.txt", "$dir/pipe.txt", "$dir/sub/wordpress" ), array_column( $skipped, 'path' ) );

		// The table says so too.
		$table = self::anp( array( 'import', $dir ) );
		$this->assertSame( 0, $table['exit'], self::describe( $table ) );
		$this->assertStringContainsString( "Warning: $dir/leak.txt: a symbolic link, skipped; expected a regular file", $table['stderr'] );
		$this->assertSame( 5, self::anp_post_count() );
	}

	public function test_a_link_named_on_its_own_is_imported(): void {
		$seed = self::seed_files()[0];
		$link = self::files_dir( 'symlinks-named' ) . '/named.txt';
		symlink( $seed, $link );
		$report = $this->import_ok( array( $link ) );
		$this->assertSame( 1, $report['created'] );
		$this->assertSame( 1, count( self::posts_with_hash( hash_file( 'sha256', $seed ) ) ) );
	}
}
