<?php
/**
 * Rolling back a batch whose images a later batch uses.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * An image is downloaded once, by the first batch that needs it, and used
 * again by the batches after it: rolling back the first batch must not take
 * it from under the later posts (their featured image, their content).
 */
final class Test_Anp_Rollback_Shared_Attachments extends Anp_WP_Test_Case {

	const IMAGES = 'anp-test-images';

	protected function setUp(): void {
		parent::setUp();
		self::serve();
		mkdir( self::wordpress_dir() . '/' . self::IMAGES );
		file_put_contents( self::wordpress_dir() . '/' . self::IMAGES . '/red.png', self::png( 4, 3 ) );
	}

	public function test_an_attachment_a_later_batch_uses_stays_and_goes_with_that_batch(): void {
		$url    = self::site_url() . '/' . self::IMAGES . '/red.png';
		$first  = $this->file_with_image( 'shared-first', 'first', $url );
		$second = $this->file_with_image( 'shared-second', 'second', $url );
		$a      = $this->import_ok( array( $first ), array( '--images=media' ) );
		$b      = $this->import_ok( array( $second ), array( '--images=media' ) );
		$this->assertSame( 1, $a['created'] );
		$this->assertSame( 1, $b['created'] );
		$attachments = self::rows( "SELECT ID, post_parent FROM wp_posts WHERE post_type = 'attachment'" );
		$this->assertCount( 1, $attachments, 'one download, used again' );
		$attachment = (int) $attachments[0]['ID'];
		$later      = self::posts_with_hash( hash_file( 'sha256', $second ) )[0];
		$this->assertSame( (string) $attachment, self::value( "SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_thumbnail_id'", array( $later ) ) );
		$this->assertStringContainsString( 'wp-image-' . $attachment, (string) self::value( 'SELECT post_content FROM wp_posts WHERE ID = ?', array( $later ) ) );
		$file = self::wordpress_dir() . '/wp-content/uploads/' . self::value( "SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_wp_attached_file'", array( $attachment ) );
		$this->assertFileExists( $file );

		// The first batch's post goes; its image stays, for the later post.
		$rollback = self::anp( array( 'rollback', $a['batch'] ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertSame( array(), self::posts_with_hash( hash_file( 'sha256', $first ) ) );
		$this->assertSame( 1, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE ID = ? AND post_type = 'attachment'", array( $attachment ) ), 'the image the later post uses is kept' );
		$this->assertFileExists( $file );
		$this->assertSame( (string) $later, self::value( 'SELECT post_parent FROM wp_posts WHERE ID = ?', array( $attachment ) ), 'it belongs to the post that uses it now' );
		$this->assertSame( $url, self::value( "SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_anp_source_url'", array( $attachment ) ) );
		$this->assertStringContainsString( '1 image kept', $rollback['stdout'] );

		// The later batch's rollback takes it: nothing uses it any more.
		$rollback = self::anp( array( 'rollback', $b['batch'] ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type IN ('post', 'attachment')" ) - (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post' AND ID = 1" ), 'no post, no attachment' );
		$this->assertFileDoesNotExist( $file );
		$this->assert_no_orphans();
	}

	public function test_an_attachment_an_edited_post_uses_stays(): void {
		$url   = self::site_url() . '/' . self::IMAGES . '/red.png';
		$first = $this->file_with_image( 'shared-edited', 'edited', $url );
		$a     = $this->import_ok( array( $first ), array( '--images=media' ) );
		$attachment = (int) self::value( "SELECT ID FROM wp_posts WHERE post_type = 'attachment'" );
		// Someone puts the image in a post of their own, by its URL.
		$src = $this->wordpress( 'return wp_get_attachment_image_url( $input, "large" );', $attachment );
		$own = $this->wordpress( 'return wp_insert_post( array( "post_title" => "mine", "post_status" => "publish", "post_content" => "<img src=\"" . $input . "\" />" ) );', $src );
		$rollback = self::anp( array( 'rollback', $a['batch'] ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertSame( 1, (int) self::value( 'SELECT COUNT(*) FROM wp_posts WHERE ID = ?', array( $attachment ) ), 'kept for the post that shows it' );
		$this->assertSame( 1, (int) self::value( 'SELECT COUNT(*) FROM wp_posts WHERE ID = ?', array( $own ) ) );
	}

	/**
	 * The first seed, with its image at $url and a reference of its own.
	 */
	private function file_with_image( string $dir, string $name, string $url ): string {
		$seed = self::seed_files()[0];
		$text = file_get_contents( $seed );
		$old  = anp_parse_file( $seed )['meta']['image_sources'][0]['url'];
		$text = str_replace( 'url: ' . $old, 'url: ' . $url, $text );
		$text = preg_replace( '/^reference(\S+)$/m', 'reference$1-' . $name, $text );
		$text = preg_replace( '/^(\s*• source id: \S+)$/m', '$1-' . $name, $text );
		$file = self::files_dir( $dir ) . "/$name.txt";
		file_put_contents( $file, $text );
		$this->assertSame( $url, anp_parse_file( $file )['meta']['image_sources'][0]['url'] );
		return $file;
	}

	/**
	 * A real PNG of one colour, made without GD.
	 */
	private static function png( int $width, int $height ): string {
		$chunk = static fn( string $type, string $data ): string => pack( 'N', strlen( $data ) ) . $type . $data . pack( 'N', crc32( $type . $data ) );
		$rows  = str_repeat( "\0" . str_repeat( "\xcc\x22\x11", $width ), $height );
		return "\x89PNG\r\n\x1a\n" . $chunk( 'IHDR', pack( 'NNCCCCC', $width, $height, 8, 2, 0, 0, 0 ) ) . $chunk( 'IDAT', gzcompress( $rows ) ) . $chunk( 'IEND', '' );
	}
}
