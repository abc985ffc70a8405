<?php
/**
 * A file whose text holds markup, shortcodes and control characters, as a
 * visitor's browser and a feed reader get it.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * The import runs as an administrator (--user=admin, as the readme says),
 * whom kses leaves alone: what keeps the file's text text is the plugin.
 * Pages and the feed are fetched over HTTP from the sandbox's web server,
 * so the theme, the_title and the_content filters (shortcodes among them)
 * all take part.
 */
final class Test_Anp_Hostile_Content extends Anp_WP_Test_Case {

	/** The title as a reader must see it. */
	const TITLE = 'Fish & Chips <3 <img src=x onerror=alert(1)> [gallery ids=1]';

	protected function setUp(): void {
		parent::setUp();
		self::serve();
	}

	public function test_markup_shortcodes_and_control_characters_from_a_file_show_as_text(): void {
		$file = self::files_dir( 'hostile-content' ) . '/hostile.txt';
		file_put_contents(
			$file,
			self::TITLE . " \e[2J\x0B\x0C end\n\n"
			. "A paragraph with [gallery ids=1] and <script>alert('p')</script> inside.\n\n"
			. "  \u{2022} item [embed]http://127.0.0.1:1/[/embed] <b>bold</b>\n  \u{2022} second \x01\x1F item\n\n"
			. "shot [gallery] <img src=x onerror=alert(2)>\nshot [gallery] <img src=x onerror=alert(2)>. image source: unsplash\n\n"
			. "alphanode post meta\n"
			. "summarySummary <img src=x onerror=alert(3)> & [gallery] \x08\x1B[31m end\n"
			. "difficulty<b>x</b> [gallery]\n"
			. "referencehostile-content-1\n"
			. "tools\n  \u{2022} tool <i>x</i> \x01 [gallery]\n"
			. "image sources\n    \u{2022} source: unsplash\n    \u{2022} url: https://example.com/a.png?x=[gallery]\n"
			. "    \u{2022} caption: shot [gallery] <img src=x onerror=alert(2)>\n\nSimilar Posts\n"
		);
		$this->assertSame( 'image', anp_parse_file( $file )['blocks'][2]['type'], 'the file is read as meant' );
		$this->import_ok( array( $file ), array( '--status=publish', '--taxonomy-map={"post_tag":"tools"}' ) );
		$id = self::posts_with_hash( hash_file( 'sha256', $file ) )[0];

		// the_title(), as a theme calls it.
		$title = $this->wordpress( 'global $post; $post = get_post( $input ); setup_postdata( $post ); ob_start(); the_title(); return ob_get_clean();', $id );
		$this->assertSame( self::TITLE . ' [2J end', self::text_of( $title ), 'the_title() shows the text' );
		$this->assertStringNotContainsString( '<img', $title );

		$html = self::fetch( '/?p=' . $id );
		$dom  = self::dom( $html );
		$this->assertSame( 0, $dom->getElementsByTagName( 'script' )->length ? self::scripts_from_the_file( $dom ) : 0, 'no script from the file' );
		foreach ( $dom->getElementsByTagName( 'img' ) as $img ) {
			$this->assertFalse( $img->hasAttribute( 'onerror' ), 'an <img> from the file: ' . $dom->saveHTML( $img ) );
		}
		foreach ( array( 'b', 'i' ) as $tag ) {
			foreach ( $dom->getElementsByTagName( $tag ) as $element ) {
				$this->assertNotSame( 'x', $element->textContent, "a <$tag> from the file" );
				$this->assertNotSame( 'bold', $element->textContent, "a <$tag> from the file" );
			}
		}
		$this->assertStringNotContainsString( 'class="gallery', $html, 'no gallery shortcode ran' );
		$this->assertStringNotContainsString( 'href="http://127.0.0.1:1/"', $html, 'no embed shortcode ran' );
		$text = self::text_of( $html );
		foreach ( array(
			self::TITLE . ' [2J end',
			"A paragraph with [gallery ids=1] and <script>alert('p')</script> inside.",
			'item [embed]http://127.0.0.1:1/[/embed] <b>bold</b>',
			'second item',
			'shot [gallery] <img src=x onerror=alert(2)>',
			'<b>x</b> [gallery]',
		) as $expected ) {
			$this->assertStringContainsString( $expected, $text, 'a visitor reads the text' );
		}
		$alts = array();
		foreach ( $dom->getElementsByTagName( 'img' ) as $img ) {
			$alts[] = $img->getAttribute( 'alt' );
		}
		$this->assertContains( 'shot [gallery] <img src=x onerror=alert(2)>', $alts, 'the alt text reads as the file says' );

		// The excerpt and the term, as WordPress shows them.
		$shown = $this->wordpress( 'global $post; $post = get_post( $input ); setup_postdata( $post ); ob_start(); the_excerpt(); $excerpt = ob_get_clean(); return array( $excerpt, wp_list_pluck( get_the_terms( $input, "post_tag" ), "name" ) );', $id );
		$this->assertSame( 'Summary <img src=x onerror=alert(3)> & [gallery] [31m end', trim( self::text_of( $shown[0] ) ) );
		$this->assertStringNotContainsString( '<img', $shown[0] );
		$this->assertSame( 1, count( $shown[1] ) );
		$this->assertStringNotContainsString( '<i>', $shown[1][0], 'a term name holds no markup' );
		$this->assertSame( 0, preg_match( '/[\x00-\x08\x0B\x0C\x0E-\x1F]/', $shown[1][0] ), 'nor a control character' );

		// The feed is XML, whatever the file held.
		$feed = self::fetch( '/?feed=rss2' );
		$this->assertStringContainsString( '<rss', $feed, 'the feed was fetched' );
		$path = tempnam( sys_get_temp_dir(), 'anp-feed-' );
		file_put_contents( $path, $feed );
		$lint = self::run_process( array( 'xmllint', '--noout', $path ) );
		unlink( $path );
		$this->assertSame( 0, $lint['exit'], "the feed is well-formed XML:\n" . $lint['stderr'] );
		$xml = simplexml_load_string( $feed );
		$this->assertSame( self::TITLE . ' [2J end', html_entity_decode( (string) $xml->channel->item[0]->title, ENT_QUOTES | ENT_HTML5 ) );
	}

	public function test_the_feed_stays_xml_whatever_characters_a_file_holds(): void {
		$file = self::files_dir( 'hostile-feed' ) . '/feed.txt';
		// Every character XML 1.0 forbids but NUL (which makes a file no text file).
		$forbidden = implode( '', array_map( 'chr', array_merge( range( 1, 8 ), array( 11, 12 ), range( 14, 31 ) ) ) ) . "\u{FFFE}\u{FFFF}";
		file_put_contents(
			$file,
			"Feed title $forbidden end\n\nA paragraph $forbidden end.\n\n"
			. "alphanode post meta\nsummarySummary $forbidden end\nreferencehostile-feed-1\ntools\n  \u{2022} tool $forbidden end\n"
		);
		$this->assertStringContainsString( "\x1B", anp_parse_file( $file )['title'], 'the parser keeps them' );
		$this->import_ok( array( $file ), array( '--status=publish', '--taxonomy-map={"post_tag":"tools"}' ) );
		$feed = self::fetch( '/?feed=rss2' );
		$path = tempnam( sys_get_temp_dir(), 'anp-feed-' );
		file_put_contents( $path, $feed );
		$lint = self::run_process( array( 'xmllint', '--noout', $path ) );
		unlink( $path );
		$this->assertSame( 0, $lint['exit'], "the feed is well-formed XML:\n" . $lint['stderr'] );
		$item = simplexml_load_string( $feed )->channel->item[0];
		$this->assertSame( 'Feed title end', preg_replace( '/\s+/', ' ', (string) $item->title ) );
		$this->assertSame( 'tool end', trim( preg_replace( '/\s+/', ' ', (string) $item->category[1] ) ) );
	}

	public function test_text_from_files_reaches_the_terminal_without_control_characters(): void {
		$dir  = self::files_dir( 'hostile-terminal' );
		$fake = "\e[2J\e[H\u{9B}2J\rSuccess: Batch fake: 0 created\n";
		// A name and an image URL that would clear the screen and print a
		// "Success" of their own, and a file that fails on its first line.
		file_put_contents( "$dir/a{$fake}.txt", "Title \e]0;owned\x07 here\n\nshot\nshot. image source: s\n\nalphanode post meta\nimage sources\n    \u{2022} source: s\n    \u{2022} url: javascript:\e[2J\e[H\u{9B}2JSuccess: Batch fake\n    \u{2022} caption: shot\n" );
		file_put_contents( "$dir/b{$fake}.txt", '' );
		$outputs = array(
			'table'   => self::anp( array( 'import', $dir, '--images=media' ) ),
			'dry run' => self::anp( array( 'import', $dir, '--dry-run' ) ),
			'parse'   => self::anp( array( 'parse', "$dir/a{$fake}.txt", '--format=php' ) ),
			'json'    => self::anp( array( 'import', $dir, '--format=json', '--images=media' ) ),
		);
		foreach ( $outputs as $name => $result ) {
			foreach ( array( 'stdout', 'stderr' ) as $stream ) {
				$this->assertSame( 0, preg_match( '/[\x00-\x08\x0B-\x1F\x7F]|\xC2[\x80-\x9F]/', $result[ $stream ] ), "$name: no control character on $stream: " . json_encode( $result[ $stream ] ) );
				$this->assertSame( 0, preg_match( '/^Success: Batch fake/m', $result[ $stream ] ), "$name: no line of the file's own on $stream" );
			}
		}
		$this->assertStringContainsString( 'is not an http(s) URL', $outputs['table']['stderr'], 'the failure is still told' );
		// JSON says it all, escaped: the paths as they are.
		$report = json_decode( $outputs['json']['stdout'], true );
		$this->assertSame( array( "$dir/a{$fake}.txt", "$dir/b{$fake}.txt" ), array_column( $report['failures'], 'path' ) );
	}

	public function test_the_plugins_test_files_do_nothing_when_requested_over_http(): void {
		// The sandbox serves the plugin's folder as it is, tests included,
		// as a site that installs the plugin from its repository would.
		$plugin = realpath( ANP_TESTS_PLUGIN );
		$this->assertSame( $plugin, realpath( self::wordpress_dir() . '/wp-content/plugins/' . basename( ANP_TESTS_PLUGIN ) ) );
		$files = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( "$plugin/tests", FilesystemIterator::SKIP_DOTS ) );
		$ran   = array();
		$count = 0;
		foreach ( $files as $file ) {
			$path = $file->getPathname();
			// Fixtures are drop-ins the fault tests put into WordPress, to run
			// inside it; node_modules holds the browser tests' packages.
			if ( 'php' !== $file->getExtension() || str_contains( $path, '/node_modules/' ) || str_contains( $path, '/fixtures/' ) ) {
				continue;
			}
			++$count;
			$url     = self::site_url() . '/wp-content/plugins/' . basename( ANP_TESTS_PLUGIN ) . substr( $path, strlen( $plugin ) );
			$context = stream_context_create( array( 'http' => array( 'timeout' => 30, 'ignore_errors' => true ) ) );
			$body    = file_get_contents( $url, false, $context );
			$status  = $http_response_header[0] ?? 'no answer';
			if ( ! str_contains( $status, ' 200 ' ) || '' !== $body ) {
				$ran[ substr( $path, strlen( $plugin ) + 1 ) ] = $status . ': ' . substr( (string) $body, 0, 200 );
			}
		}
		$this->assertGreaterThan( 15, $count );
		$this->assertSame( array(), $ran, 'each test file refuses to run outside the command line (first statement)' );
		$this->assertStringContainsString( "/tests\n", (string) file_get_contents( "$plugin/.distignore" ), 'and a built plugin has no tests' );
	}

	/**
	 * The scripts of a page that hold text from the file.
	 */
	private static function scripts_from_the_file( DOMDocument $dom ): int {
		$count = 0;
		foreach ( $dom->getElementsByTagName( 'script' ) as $script ) {
			$count += str_contains( $script->textContent, 'alert(' ) ? 1 : 0;
		}
		return $count;
	}

	/**
	 * A page of the site, as a visitor gets it.
	 */
	private static function fetch( string $path ): string {
		$context = stream_context_create( array( 'http' => array( 'timeout' => 30 ) ) );
		$body    = file_get_contents( self::site_url() . $path, false, $context );
		if ( false === $body ) {
			throw new RuntimeException( "cannot fetch $path" );
		}
		return $body;
	}

	private static function dom( string $html ): DOMDocument {
		$dom = new DOMDocument();
		libxml_use_internal_errors( true );
		$dom->loadHTML( '<?xml encoding="UTF-8">' . $html );
		libxml_clear_errors();
		return $dom;
	}

	/**
	 * The text a reader sees in some HTML, white space runs as one space.
	 */
	private static function text_of( string $html ): string {
		$text = self::dom( '<body>' . $html . '</body>' )->textContent;
		return trim( preg_replace( '/\s+/u', ' ', $text ) );
	}
}
