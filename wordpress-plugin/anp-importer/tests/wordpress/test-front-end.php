<?php
/**
 * The box under an imported post, as a visitor's browser gets the page.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Pages are fetched over HTTP from the sandbox's own web server (php -S), so
 * the theme (WordPress 6.1's default block theme), the_content filters and
 * the setting all take part.
 */
final class Test_Anp_Front_End extends Anp_WP_Test_Case {

	const HOSTILE_TOOL       = '<script>alert("tools")</script> & ruff';
	const HOSTILE_DIFFICULTY = '<b onmouseover="alert(1)">advanced</b>';

	protected function setUp(): void {
		parent::setUp();
		self::serve();
	}

	public function test_an_imported_post_shows_its_meta_box_with_every_value_escaped(): void {
		$dir  = self::seeds_copy( 'front-end' );
		$file = self::files_in( $dir )[0];
		$text = file_get_contents( $file );
		$text = str_replace( "\n  • ruff\n", "\n  • " . self::HOSTILE_TOOL . "\n", $text );
		$text = str_replace( "\ndifficultyadvanced\n", "\ndifficulty" . self::HOSTILE_DIFFICULTY . "\n", $text );
		file_put_contents( $file, $text );
		$parsed = anp_parse_file( $file );
		$this->assertContains( self::HOSTILE_TOOL, $parsed['meta']['tools'], 'the file was changed as meant' );
		$this->assertSame( self::HOSTILE_DIFFICULTY, $parsed['meta']['difficulty'] );

		$this->import_ok( array( $dir ), array( '--status=publish' ) );
		$id   = self::posts_with_hash( hash_file( 'sha256', $file ) )[0];
		$html = self::page( $id );
		$box  = self::meta_box( $html );
		$this->assertNotNull( $box, 'a meta box under the post' );

		$meta = $parsed['meta'];
		$list = static fn( array $items ): string => '<ul><li>' . implode( '</li><li>', array_map( static fn( $item ) => htmlspecialchars( (string) $item, ENT_QUOTES ), $items ) ) . '</li></ul>';
		$score = array();
		foreach ( $meta['score'] as $name => $value ) {
			$score[] = "$name: $value";
		}
		$expected = array(
			'Difficulty'   => htmlspecialchars( self::HOSTILE_DIFFICULTY, ENT_QUOTES ),
			'Reading time' => $meta['reading_time'] . ' minutes',
			'Stack'        => $list( $meta['stack'] ),
			'Tools'        => $list( $meta['tools'] ),
			'Checklist'    => $list( $meta['checklist'] ),
			'Score'        => $list( $score ),
		);
		$this->assertSame( $expected, self::rows_of( $box ) );
		$this->assertStringNotContainsString( '<script>alert("tools")', $html, 'no script from the file' );
		$this->assertStringNotContainsString( '<b onmouseover', $html );
		// Under the post's content, not before it.
		$this->assertGreaterThan( strpos( $html, 'security and maintenance notes' ), strpos( $html, '<section class="anp-meta-box"' ) );
		$this->assertStringContainsString( 'anp-importer/assets/meta-box.css', $html, 'its style sheet' );

		// A post that was not imported has no box.
		$this->assertNull( self::meta_box( self::page( 1 ) ), 'no box under "Hello world!"' );

		// The setting turns it off.
		$this->assertSame( 0, self::anp( array( 'settings', 'import' ), array( 'stdin' => '{"meta_box":false}' ) )['exit'] );
		$html = self::page( $id );
		$this->assertStringContainsString( 'security and maintenance notes', $html, 'the post is still shown' );
		$this->assertNull( self::meta_box( $html ), 'no box with meta_box off' );
	}

	/**
	 * A post's page as a visitor gets it.
	 */
	private static function page( int $post_id ): string {
		$context = stream_context_create( array( 'http' => array( 'timeout' => 30 ) ) );
		$html    = file_get_contents( self::site_url() . '/?p=' . $post_id, false, $context );
		if ( false === $html ) {
			throw new RuntimeException( "cannot fetch post $post_id" );
		}
		return $html;
	}

	/**
	 * The box's HTML in a page, or null.
	 */
	private static function meta_box( string $html ): ?string {
		return preg_match( '#<section class="anp-meta-box"[^>]*>.*?</section>#s', $html, $m ) ? $m[0] : null;
	}

	/**
	 * The box's label => value HTML.
	 */
	private static function rows_of( string $box ): array {
		preg_match_all( '#<dt>(.*?)</dt><dd>(.*?)</dd>#s', $box, $m );
		return array_combine( $m[1], $m[2] );
	}
}
