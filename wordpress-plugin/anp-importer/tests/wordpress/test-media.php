<?php
/**
 * images=media: images downloaded into the media library.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * The seeds' images are served by the sandbox's own web server (php -S), as
 * any other site would serve them, and downloaded over HTTP by WordPress's
 * download_url(): the same path as for images on the web, with no filter.
 */
final class Test_Anp_Media extends Anp_WP_Test_Case {

	/** Where the served images live, under the site's root. */
	const IMAGES = 'anp-test-images';

	protected function setUp(): void {
		parent::setUp();
		self::serve();
		$images = self::wordpress_dir() . '/' . self::IMAGES;
		mkdir( $images );
		file_put_contents( "$images/red.png", self::png( 4, 3 ) );
		// As CDNs name them: no extension. The bytes say it is a PNG.
		file_put_contents( "$images/photo-1555949963", self::png( 5, 2 ) );
		file_put_contents( "$images/not-an-image.png", "<html>a page, not an image</html>\n" );
	}

	public function test_images_land_in_the_media_library_once_and_become_featured(): void {
		$dir = $this->seeds_with_images(
			'media',
			array(
				'/photo-1555949963?w=1200&q=80', // A query string, and no extension.
				'/red.png',
				'/red.png', // The same image in two posts: one attachment.
			)
		);
		$this->assertSame( 0, self::anp( array( 'settings', 'import' ), array( 'stdin' => '{"images":"media"}' ) )['exit'] );
		$report = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ) );

		$attachments = self::rows( "SELECT p.ID, p.post_parent, p.post_author, p.post_mime_type, m.meta_value AS source FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_anp_source_url' WHERE p.post_type = 'attachment' ORDER BY p.ID" );
		$this->assertCount( 2, $attachments, 'one attachment per URL' . print_r( $attachments, true ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		$this->assertSame( array( self::site_url() . '/' . self::IMAGES . '/photo-1555949963?w=1200&q=80', self::site_url() . '/' . self::IMAGES . '/red.png' ), array_column( $attachments, 'source' ) );
		$this->assertSame( array( 'image/png', 'image/png' ), array_column( $attachments, 'post_mime_type' ) );
		$this->assertSame( array( (string) self::admin_id(), (string) self::admin_id() ), array_column( $attachments, 'post_author' ) );

		$posts_with_images = 0;
		foreach ( self::files_in( $dir ) as $file ) {
			$parsed = anp_parse_file( $file );
			$id     = self::posts_with_hash( hash_file( 'sha256', $file ) )[0];
			$images = array_values( array_filter( $parsed['blocks'], static fn( $b ) => 'image' === $b['type'] ) );
			$check  = $this->wordpress(
				'$blocks = array_values( array_filter( parse_blocks( get_post( $input )->post_content ), static fn( $b ) => "core/image" === $b["blockName"] ) );
				return array(
					"thumbnail" => (int) get_post_thumbnail_id( $input ),
					"images"    => array_map( static fn( $b ) => array( "id" => $b["attrs"]["id"] ?? null, "html" => $b["innerHTML"] ), $blocks ),
				);',
				$id
			);
			if ( ! $images ) {
				$this->assertSame( 0, $check['thumbnail'], "$file has no image: no featured image" );
				continue;
			}
			++$posts_with_images;
			$attachment = self::rows( 'SELECT * FROM wp_posts WHERE ID = ?', array( $check['thumbnail'] ) )[0] ?? null;
			$this->assertNotNull( $attachment, "$file: its first image is the featured image" );
			$this->assertSame( 'attachment', $attachment['post_type'] );
			$this->assertSame( $images[0]['url'], self::value( "SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_anp_source_url'", array( $attachment['ID'] ) ) );
			if ( (int) $attachment['post_parent'] === $id ) { // Its alt text is from the post that brought it.
				$this->assertSame( $images[0]['alt'], self::value( "SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_wp_attachment_image_alt'", array( $attachment['ID'] ) ) );
			}
			// The block points at the local copy, as the editor writes it.
			$this->assertSame( (int) $attachment['ID'], $check['images'][0]['id'] );
			$local = $this->wordpress( 'return wp_get_attachment_image_url( $input, "large" );', (int) $attachment['ID'] );
			$this->assertStringStartsWith( self::site_url() . '/wp-content/uploads/', $local );
			$this->assertStringContainsString( 'src="' . $local . '"', $check['images'][0]['html'] );
			$this->assertStringContainsString( 'class="wp-image-' . $attachment['ID'] . '"', $check['images'][0]['html'] );
			$this->assertStringNotContainsString( self::IMAGES, $check['images'][0]['html'], 'no link to where the image came from' );
			// The file is there, and is the image that was served.
			$file_path = self::wordpress_dir() . '/wp-content/uploads/' . self::value( "SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_wp_attached_file'", array( $attachment['ID'] ) );
			$this->assertFileExists( $file_path );
			$this->assertSame( 'image/png', mime_content_type( $file_path ) );
		}
		$this->assertSame( 3, $posts_with_images );
		// Each attachment belongs to the first post that used it.
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment' AND post_parent = 0" ) );

		// Again: nothing is downloaded or written a second time.
		$before = self::fingerprint();
		$again  = $this->import_ok( array( $dir ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 5, 'failed' => 0 ), self::totals( $again ) );
		$this->assertSame( 2, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'" ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'a second import' );

		// Rollback takes the posts and the images the batch brought, files too.
		$files = array_map(
			static fn( $row ) => self::wordpress_dir() . '/wp-content/uploads/' . $row['meta_value'],
			self::rows( "SELECT meta_value FROM wp_postmeta WHERE meta_key = '_wp_attached_file'" )
		);
		$rollback = self::anp( array( 'rollback', $report['batch'] ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertSame( 0, self::anp_post_count() );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'" ) );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key IN ('_anp_source_url', '_thumbnail_id')" ) );
		foreach ( $files as $file ) {
			$this->assertFileDoesNotExist( $file );
		}
		$this->assert_no_orphans();
	}

	public function test_rolling_back_an_update_that_brought_images_puts_the_posts_back_as_they_were(): void {
		// Another post brings red.png into the library first: the update
		// below uses that attachment, which its rollback must not delete.
		$other = self::files_dir( 'media-update-other' ) . '/other.txt';
		$text  = file_get_contents( self::seed_files()[0] );
		$url   = anp_parse_file( self::seed_files()[0] )['meta']['image_sources'][0]['url'];
		$text  = str_replace( 'url: ' . $url, 'url: ' . self::site_url() . '/' . self::IMAGES . '/red.png', $text );
		file_put_contents( $other, preg_replace( '/^reference(\S+)$/m', 'reference$1-other', $text ) );
		$this->import_ok( array( $other ), array( '--images=media' ) );
		$this->assertSame( 1, (int) self::value( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_thumbnail_id'" ) );

		$dir = self::seeds_copy( 'media-update' );
		$this->import_ok( array( $dir ) ); // External images, no featured image.
		// The revisions an update leaves stay after its rollback, as always.
		$before = self::fingerprint( array( 'revisions' => false ) );

		$this->seeds_with_images( 'media-update', array( '/red.png', '/photo-1555949963', '/red.png' ), false );
		$update = $this->import_ok( array( $dir ), array( '--images=media' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 3, 'skipped' => 2, 'failed' => 0 ), self::totals( $update ) );
		$this->assertSame( 4, (int) self::value( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_thumbnail_id'" ) );
		$this->assertSame( 2, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'" ), 'red.png was used again' );
		$this->assertSame( 4, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type <> 'revision' AND post_content LIKE '%wp-content/uploads/%'" ) );

		$rollback = self::anp( array( 'rollback', $update['batch'] ) );
		$this->assertSame( 0, $rollback['exit'], self::describe( $rollback ) );
		$this->assertSame( 1, (int) self::value( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_thumbnail_id'" ), 'no featured image, as before, but for the other post' );
		$this->assertSame( array( self::site_url() . '/' . self::IMAGES . '/red.png' ), array_column( self::rows( "SELECT meta_value FROM wp_postmeta WHERE meta_key = '_anp_source_url'" ), 'meta_value' ), 'the image the update brought is gone, the one it used again stays' );
		$this->assert_same_fingerprint( $before['posts'], self::fingerprint( array( 'revisions' => false ) )['posts'], 'the posts as they were' );
	}

	public function test_an_image_that_cannot_be_had_fails_its_file_on_the_line_that_names_it(): void {
		$dir = $this->seeds_with_images(
			'media-bad',
			array(
				'/red.png',
				'/gone.png', // 404.
				'/not-an-image.png',
			)
		);
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--images=media' ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 3, 'updated' => 0, 'skipped' => 0, 'failed' => 2 ), self::totals( $report ) );

		$expected = array();
		foreach ( array( '/gone.png' => 'could not be downloaded: Not Found', '/not-an-image.png' => 'is not an image; expected JPEG, PNG, GIF or WebP' ) as $path => $reason ) {
			$url  = self::site_url() . '/' . self::IMAGES . $path;
			$file = $this->file_naming( $dir, $url );
			$expected[] = array(
				'path'   => $file,
				'line'   => self::line_naming( $file, $url ),
				'reason' => "image $url $reason",
			);
		}
		$this->assertSame( $expected, $report['failures'] );
		foreach ( $expected as $failure ) {
			$this->assertSame( array(), self::posts_with_hash( hash_file( 'sha256', $failure['path'] ) ), 'no post for ' . $failure['path'] );
		}
		$this->assertSame( 1, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'" ), 'only the image that could be had' );

		// Once the images are there, the same command imports the two files.
		$images = self::wordpress_dir() . '/' . self::IMAGES;
		file_put_contents( "$images/gone.png", self::png( 2, 2 ) );
		file_put_contents( "$images/not-an-image.png", self::png( 3, 3 ) );
		list( $result, $report ) = $this->import_json( array( $dir ), array( '--images=media' ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertSame( array( 'created' => 2, 'updated' => 0, 'skipped' => 3, 'failed' => 0 ), self::totals( $report ) );
		$this->assertSame( 3, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'" ) );
	}

	public function test_images_none_leaves_images_out(): void {
		$dir    = $this->seeds_with_images( 'media-none', array( '/red.png', '/red.png', '/red.png' ) );
		$report = $this->import_ok( array( $dir ), array( '--images=none' ) );
		$this->assertSame( 5, $report['created'] );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_content LIKE '%wp:image%' OR post_type = 'attachment'" ) );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_thumbnail_id'" ) );
	}

	/**
	 * The seeds copied, the URL of each seed's image (in the order of the
	 * seeds that have one) pointed at this site's server.
	 *
	 * @param string   $name  The folder's name.
	 * @param string[] $paths      Paths under the images folder, one per seed with an image.
	 * @param bool     $fresh_copy Copy the seeds afresh, or change the copies already there.
	 * @return string The folder.
	 */
	private function seeds_with_images( string $name, array $paths, bool $fresh_copy = true ): string {
		$dir = $fresh_copy ? self::seeds_copy( $name ) : ANP_TESTS_FILES . '/' . $name;
		foreach ( self::files_in( $dir ) as $file ) {
			$parsed = anp_parse_file( $file );
			$image  = array_values( array_filter( $parsed['blocks'], static fn( $b ) => 'image' === $b['type'] ) )[0] ?? null;
			if ( ! $image ) {
				continue;
			}
			$this->assertNotEmpty( $paths, 'more seeds with an image than paths given' );
			$url = self::site_url() . '/' . self::IMAGES . array_shift( $paths );
			file_put_contents( $file, str_replace( 'url: ' . $image['url'], 'url: ' . $url, file_get_contents( $file ) ) );
			$this->assertSame( $url, anp_parse_file( $file )['blocks'][ array_search( $image, $parsed['blocks'], true ) ]['url'] );
		}
		$this->assertSame( array(), $paths, 'fewer seeds with an image than paths given' );
		return $dir;
	}

	/**
	 * The file of a folder whose image has this URL.
	 */
	private function file_naming( string $dir, string $url ): string {
		foreach ( self::files_in( $dir ) as $file ) {
			if ( str_contains( file_get_contents( $file ), 'url: ' . $url . "\n" ) ) {
				return $file;
			}
		}
		$this->fail( "no file names $url" );
	}

	/**
	 * The line of a file that gives an image's URL, counted here from the file.
	 */
	private static function line_naming( string $file, string $url ): int {
		foreach ( file( $file ) as $index => $line ) {
			if ( str_ends_with( rtrim( $line, "\n" ), 'url: ' . $url ) ) {
				return $index + 1;
			}
		}
		throw new LogicException( "$file does not name $url" );
	}

	/**
	 * A real PNG of one colour, made without GD (Debian's PHP has none here).
	 */
	private static function png( int $width, int $height ): string {
		$chunk = static fn( string $type, string $data ): string => pack( 'N', strlen( $data ) ) . $type . $data . pack( 'N', crc32( $type . $data ) );
		$rows  = str_repeat( "\0" . str_repeat( "\xcc\x22\x11", $width ), $height );
		return "\x89PNG\r\n\x1a\n" . $chunk( 'IHDR', pack( 'NNCCCCC', $width, $height, 8, 2, 0, 0, 0 ) ) . $chunk( 'IDAT', gzcompress( $rows ) ) . $chunk( 'IEND', '' );
	}
}
