<?php
/**
 * images=media against hostile URLs and servers, with no internet.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * The allowed case is the sandbox's own server (php -S on the site's host
 * and port, which WordPress allows as the site's own); the refused ones are
 * addresses that must never be asked, and the sandbox's log of every HTTP
 * request WordPress attempts (anp-sandbox-offline.php, http_api_debug) shows
 * that none was. WP_HTTP_BLOCK_EXTERNAL keeps anything else off the network.
 */
final class Test_Anp_Image_Downloads extends Anp_WP_Test_Case {

	const IMAGES = 'anp-test-images';

	protected function setUp(): void {
		parent::setUp();
		self::serve();
		$images = self::wordpress_dir() . '/' . self::IMAGES;
		mkdir( $images );
		file_put_contents( "$images/red.png", self::png( 4, 3 ) );
		// To the cloud's metadata service.
		file_put_contents( "$images/redirect.php", '<?php header( "Location: http://169.254.169.254/latest/meta-data/iam.png", true, 302 );' );
		// A reason phrase and a body that say what answered.
		file_put_contents( "$images/banner.php", '<?php header( "HTTP/1.1 503 secret-banner-xyz" ); echo "internal host db-7.corp secret-body-xyz";' );
		// 10 MiB and one byte, a PNG by its first bytes.
		file_put_contents( "$images/big.png", str_pad( self::png( 1, 1 ), 10485761, "\0" ) );
		// A PNG sent one byte a second.
		file_put_contents( "$images/slow.php", '<?php header( "Content-Type: image/png" ); foreach ( str_split( ' . var_export( self::png( 2, 2 ), true ) . ' ) as $b ) { echo $b; flush(); sleep( 1 ); }' );
	}

	public function test_private_and_reserved_addresses_are_refused_without_a_request(): void {
		$port = (string) ANP_TESTS_PORT;
		$refused = array(
			'http://169.254.169.254/latest/meta-data/a.png',
			'http://100.64.0.1/a.png',
			'http://100.127.255.254/a.png',
			'http://192.0.0.8/a.png',
			'http://198.18.0.1/a.png',
			'http://224.0.0.1/a.png',
			'http://localhost:' . $port . '/' . self::IMAGES . '/red.png', // A name for a loopback address, not the site's host.
			'http://0x7f000001:' . $port . '/' . self::IMAGES . '/red.png',
		);
		$dir   = self::files_dir( 'image-downloads-refused' );
		$files = array();
		foreach ( $refused as $i => $url ) {
			$files[ $url ] = self::file_with_images( $dir, "refused-$i", array( $url ) );
		}
		$allowed = self::site_url() . '/' . self::IMAGES . '/red.png';
		self::file_with_images( $dir, 'allowed', array( $allowed ) );

		list( $result, $report ) = $this->import_json( array( $dir ), array( '--images=media' ) );
		$this->assertSame( 1, $report['created'], 'the image on the site itself is had: ' . self::describe( $result ) );
		$reasons = array_column( $report['failures'], 'reason', 'path' );
		foreach ( $files as $url => $file ) {
			$this->assertArrayHasKey( $file, $reasons, $url );
			$this->assertSame( "image $url could not be downloaded: not a public http(s) address", $reasons[ $file ], $url );
		}
		$asked = self::requests_logged();
		$this->assertSame( array( $allowed ), array_values( array_unique( $asked ) ), 'no request but to the site itself' );
	}

	public function test_a_redirect_to_a_private_address_is_not_followed(): void {
		$dir = self::files_dir( 'image-downloads-redirect' );
		$url = self::site_url() . '/' . self::IMAGES . '/redirect.php';
		$file = self::file_with_images( $dir, 'redirect', array( $url ) );
		list( , $report ) = $this->import_json( array( $dir ), array( '--images=media' ) );
		$this->assertSame( array( $file => "image $url could not be downloaded: not a public http(s) address" ), array_column( $report['failures'], 'reason', 'path' ) );
		$this->assertSame( array( $url ), self::requests_logged(), 'the redirect was not asked for' );
	}

	public function test_limits_of_size_time_and_count_and_reasons_in_the_plugins_words(): void {
		// Lower limits of time for the test: the slow server would hold php -S.
		file_put_contents( self::wordpress_dir() . '/wp-content/mu-plugins/anp-test-limits.php', '<?php add_filter( "anp_image_download_limits", static fn( $l ) => array( "seconds" => 2, "images" => 3 ) + $l );' );
		$dir   = self::files_dir( 'image-downloads-limits' );
		$base  = self::site_url() . '/' . self::IMAGES;
		$big   = self::file_with_images( $dir, 'big', array( "$base/big.png" ) );
		$slow  = self::file_with_images( $dir, 'slow', array( "$base/slow.php" ) );
		$chat  = self::file_with_images( $dir, 'banner', array( "$base/banner.php" ) );
		$many  = self::file_with_images( $dir, 'many', array( "$base/red.png?1", "$base/red.png?2", "$base/red.png?3", "$base/red.png?4" ) );
		$three = self::file_with_images( $dir, 'three', array( "$base/red.png?1", "$base/red.png?2", "$base/red.png?3" ) );

		list( $result, $report ) = $this->import_json( array( $dir ), array( '--images=media' ) );
		$this->assertSame( 1, $report['created'], 'three images in a file are allowed: ' . self::describe( $result ) );
		$this->assertSame(
			array(
				$chat => "image $base/banner.php could not be downloaded: Service Unavailable",
				$big  => "image $base/big.png could not be downloaded: it is larger than 10485760 bytes",
				$many => "image $base/red.png?1 is one of 4 new images in this file; at most 3 are downloaded for a file",
				$slow => "image $base/slow.php could not be downloaded: it took longer than 2 seconds",
			),
			array_column( $report['failures'], 'reason', 'path' )
		);
		$this->assertStringNotContainsString( 'secret', $result['stdout'] . $result['stderr'] );
		$this->assertNotContains( "$base/red.png?4", self::requests_logged(), 'a file over the limit asks for nothing' );
		$this->assertSame( 3, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'" ) );
		$this->assertSame( array(), glob( sys_get_temp_dir() . '/anp-image*' ) ?: array(), 'no temporary file left' );
	}

	public function test_addresses_that_are_not_public(): void {
		$checks = array(
			'8.8.8.8'                 => true,
			'2606:4700:4700::1111'    => true,
			'169.254.169.254'         => false,
			'100.64.0.1'              => false,
			'100.127.255.255'         => false,
			'100.128.0.1'             => true,
			'127.0.0.1'               => false,
			'0.0.0.0'                 => false,
			'10.1.2.3'                => false,
			'172.31.255.255'          => false,
			'172.32.0.1'              => true,
			'192.168.1.1'             => false,
			'255.255.255.255'         => false,
			'::1'                     => false,
			'::'                      => false,
			'::ffff:169.254.169.254'  => false,
			'::ffff:8.8.8.8'          => true,
			'64:ff9b::a9fe:a9fe'      => false,
			'2002:a9fe:a9fe::1'       => false,
			'fd00::1'                 => false,
			'fe80::1'                 => false,
			'ff02::1'                 => false,
			'2001:db8::1'             => false,
			'2001::1'                 => false,
			'fd00:ec2::254'           => false,
		);
		$this->assertSame( $checks, $this->wordpress( 'return array_map( static fn( $a ) => Anp_Image_Download::is_public( $a ), $input );', array_combine( array_keys( $checks ), array_keys( $checks ) ) ) );
	}

	/**
	 * The URLs WordPress was asked to request since the test began, as the
	 * sandbox logs them.
	 *
	 * @return string[]
	 */
	private static function requests_logged(): array {
		preg_match_all( '/anp-sandbox: HTTP GET (\S+) ->/', (string) file_get_contents( ANP_TESTS_SANDBOX . '/debug.log' ), $m );
		return $m[1];
	}

	/**
	 * A file with one image block for each URL.
	 *
	 * @param string[] $urls Image URLs.
	 */
	private function file_with_images( string $dir, string $name, array $urls ): string {
		$text    = "post $name\n\nsome text for the post.\n\n";
		$sources = '';
		foreach ( $urls as $i => $url ) {
			$text    .= "picture $i of $name\npicture $i of $name. image source: test\n\n";
			$sources .= "    \u{2022} source: test\n    \u{2022} url: $url\n    \u{2022} caption: picture $i of $name\n";
		}
		$file = "$dir/$name.txt";
		file_put_contents( $file, $text . "alphanode post meta\nreference$name-" . md5( $dir ) . "\nimage sources\n" . $sources );
		$parsed = anp_parse_file( $file );
		$this->assertSame( $urls, array_column( array_filter( $parsed['blocks'], static fn( $b ) => 'image' === $b['type'] ), 'url' ), $file );
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
