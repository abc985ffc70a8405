<?php
/**
 * The mapper: a parsed post to WordPress fields, markup, meta and terms.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Checks the mapping of docs/wordpress.md §1–4, without a database.
 */
final class Test_Anp_Mapper extends TestCase {

	private static function seed( string $prefix ): array {
		$files = glob( ANP_TESTS_SEEDS . '/' . $prefix . '_*.txt' );
		return Anp_Parser::parse( file_get_contents( $files[0] ) );
	}

	private static function mapper( array $settings = array() ): Anp_Mapper {
		return new Anp_Mapper( Anp_Settings::validate( $settings ) );
	}

	/**
	 * The blocks WordPress reads back from markup, without the white space
	 * between them.
	 */
	private static function read_back( string $markup ): array {
		$blocks = ( new WP_Block_Parser() )->parse( $markup );
		foreach ( $blocks as $block ) {
			if ( null === $block['blockName'] && '' !== trim( $block['innerHTML'] ) ) {
				return array( 'freeform content between blocks: ' . $block['innerHTML'] );
			}
		}
		return array_values( array_filter( $blocks, static fn( $b ) => null !== $b['blockName'] ) );
	}

	public function test_post_fields_of_seed_000(): void {
		$parsed = self::seed( '000' );
		$mapped = self::mapper()->map( $parsed, 7, str_repeat( 'a', 64 ) );
		$post   = $mapped['post'];
		$this->assertSame( 'production checklist for migrating settings without downtime in python services', $post['post_title'] );
		$this->assertSame( $parsed['meta']['summary'], $post['post_excerpt'] );
		$this->assertSame( 'draft', $post['post_status'] );
		$this->assertSame( 'post', $post['post_type'] );
		$this->assertSame( 7, $post['post_author'] );
		$this->assertSame( '2017-06-11 00:00:00', $post['post_date'] );
		$this->assertSame( 'reference:anp-ref-028071-4798', $mapped['identity'] );
	}

	public function test_markup_reads_back_as_the_same_blocks(): void {
		foreach ( array( '000', '001', '002', '003', '004' ) as $seed ) {
			$parsed = self::seed( $seed );
			$blocks = self::read_back( self::mapper()->map( $parsed, 1, '' )['post']['post_content'] );
			$names  = array(
				'paragraph' => 'core/paragraph',
				'heading'   => 'core/heading',
				'list'      => 'core/list',
				'code'      => 'core/code',
				'image'     => 'core/image',
			);
			$this->assertSame( array_map( static fn( $b ) => $names[ $b['type'] ], $parsed['blocks'] ), array_column( $blocks, 'blockName' ), "seed $seed" );
			foreach ( $parsed['blocks'] as $i => $block ) {
				$html = $blocks[ $i ]['innerHTML'];
				switch ( $block['type'] ) {
					case 'list':
						$items = array_map( static fn( $b ) => html_entity_decode( strip_tags( $b['innerHTML'] ), ENT_QUOTES ), $blocks[ $i ]['innerBlocks'] );
						$this->assertSame( $block['items'], array_map( 'trim', $items ) );
						$this->assertSame( array_fill( 0, count( $items ), 'core/list-item' ), array_column( $blocks[ $i ]['innerBlocks'], 'blockName' ) );
						break;
					case 'code':
						$this->assertSame( array( 'className' => 'language-python' ), $blocks[ $i ]['attrs'] );
						$this->assertStringContainsString( '<pre class="wp-block-code language-python"><code>', $html );
						$this->assertSame( $block['text'], html_entity_decode( strip_tags( trim( $html ) ), ENT_QUOTES | ENT_HTML5 ) );
						break;
					case 'image':
						$this->assertStringContainsString( 'src="' . htmlspecialchars( $block['url'] ) . '"', $html );
						$this->assertStringContainsString( 'alt="' . $block['alt'] . '"', $html );
						$this->assertStringContainsString( '<figcaption class="wp-element-caption">' . $block['alt'] . '</figcaption>', $html );
						break;
					default:
						$this->assertSame( $block['text'], html_entity_decode( strip_tags( trim( $html ) ), ENT_QUOTES ) );
				}
			}
		}
	}

	public function test_every_text_is_escaped(): void {
		$text   = "evil post\n\n<script>alert(1)</script> & \"quotes\".\n\nx = [gallery] <b>\ny = 1\n\n"
			. "a <img> \"pic\"\na <img> \"pic\". image source: <src>\n\nalphanode post meta\n"
			. "code language\"><script>\nimage sources\n    • caption: a <img> \"pic\"\n    • url: javascript:alert(1)\n";
		$markup = self::mapper()->map( Anp_Parser::parse( $text ), 1, '' )['post']['post_content'];
		$this->assertStringNotContainsString( '<script>', $markup );
		$this->assertStringNotContainsString( '<b>', $markup );
		$this->assertStringNotContainsString( 'javascript:', $markup );
		$this->assertStringNotContainsString( '[gallery]', $markup, 'a shortcode in code is shown, not run' );
		$this->assertStringContainsString( '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;.', $markup );
		$blocks = self::read_back( $markup );
		$this->assertSame( array( 'core/heading', 'core/paragraph', 'core/code', 'core/image' ), array_merge( array( 'core/heading' ), array_slice( array_column( $blocks, 'blockName' ), 0, 3 ) ) );
		$this->assertMatchesRegularExpression( '/^language-[a-z0-9_-]+$/', $blocks[1]['attrs']['className'] );
	}

	public function test_needs_human_review_is_never_published(): void {
		$parsed = self::seed( '000' );
		$parsed['meta']['flags']['needs_human_review'] = true;
		$this->assertSame( 'pending', self::mapper( array( 'post_status' => 'publish' ) )->map( $parsed, 1, '' )['post']['post_status'] );
		$parsed['meta']['flags']['needs_human_review'] = false;
		$this->assertSame( 'publish', self::mapper( array( 'post_status' => 'publish' ) )->map( $parsed, 1, '' )['post']['post_status'] );
	}

	public function test_terms(): void {
		$terms = self::mapper()->terms( self::seed( '000' )['meta'] );
		$this->assertSame(
			array(
				'category'          => array( 'backend' ),
				'post_tag'          => array( 'fastapi', 'pytest', 'uvicorn', 'ruff', 'git', 'logs' ),
				'anp_stack'         => array( 'python services', 'backend', 'python' ),
				'anp_problem'       => array( 'migrating settings without downtime' ),
				'anp_difficulty'    => array( 'advanced' ),
				'anp_code_language' => array( 'python' ),
			),
			$terms
		);
		$custom = self::mapper( array( 'taxonomy_map' => array( 'post_tag' => 'stack' ) ) )->terms( self::seed( '000' )['meta'] );
		$this->assertSame( array( 'post_tag' => array( 'python services', 'backend', 'python' ) ), $custom );
	}

	public function test_meta_keeps_every_field_under_anp_prefix(): void {
		$meta   = self::seed( '000' )['meta'];
		$mapped = self::mapper()->meta( $meta );
		$this->assertSame( array_map( static fn( $k ) => 'anp_' . $k, array_keys( $meta ) ), array_keys( $mapped ) );
		$this->assertSame( 6, $mapped['anp_reading_time'] );
		$this->assertSame( $meta['score'], $mapped['anp_score'] );
	}

	public function test_identity_falls_back_to_source_id_then_hash(): void {
		$this->assertSame( 'reference:r', Anp_Mapper::identity( array( 'reference' => 'r', 'payload' => array( 'source_id' => 's' ) ), 'h' ) );
		$this->assertSame( 'source_id:s', Anp_Mapper::identity( array( 'payload' => array( 'source_id' => 's' ) ), 'h' ) );
		$this->assertSame( 'hash:h', Anp_Mapper::identity( array( 'reference' => '' ), 'h' ) );
		$long = Anp_Mapper::identity( array( 'reference' => str_repeat( 'x', 300 ) ), 'h' );
		$this->assertSame( 'sha256:' . hash( 'sha256', 'reference:' . str_repeat( 'x', 300 ) ), $long );
	}

	public function test_post_date_setting_and_bad_dates(): void {
		$parsed = self::seed( '000' );
		$this->assertArrayNotHasKey( 'post_date', self::mapper( array( 'post_date' => 'import_time' ) )->map( $parsed, 1, '' )['post'] );
		$parsed['meta']['revision']['last_reviewed'] = '2023-02-29';
		$this->assertArrayNotHasKey( 'post_date', self::mapper()->map( $parsed, 1, '' )['post'] );
	}

	public function test_images_can_be_left_out(): void {
		$markup = self::mapper( array( 'images' => 'none' ) )->map( self::seed( '000' ), 1, '' )['post']['post_content'];
		$this->assertStringNotContainsString( 'wp:image', $markup );
		$this->assertCount( 13, self::read_back( $markup ) );
	}

	/**
	 * A file whose every text holds markup, shortcodes and control characters.
	 */
	private static function hostile(): array {
		$esc = "\e[2J\e[H";
		return Anp_Parser::parse(
			"Fish & Chips <3 <img src=x onerror=alert(1)> [gallery ids=1] {$esc}Success: fake\x0B\x0C\x7F\u{9B} end\n\n"
			. "A paragraph with [gallery ids=1] and <script>alert(1)</script>\x1B[31m inside.\n\n"
			. "  \u{2022} item [embed]http://x/[/embed] <b>bold</b>\n  \u{2022} second \e]0;title\x07\n\n"
			. "shot [gallery] <img src=x onerror=alert(2)>\nshot [gallery] <img src=x onerror=alert(2)>. image source: unsplash\n\n"
			. "alphanode post meta\nsummarysum <img src=x onerror=alert(3)> & [gallery] \e[31mred\n"
			. "tools\n  \u{2022} tool <i>x</i> \x01\n"
			. "image sources\n    \u{2022} source: unsplash\n    \u{2022} url: https://example.com/a.png\n\nSimilar Posts\n"
		);
	}

	public function test_title_and_excerpt_are_text_not_markup(): void {
		$post = self::mapper()->map( self::hostile(), 1, '' )['post'];
		$this->assertSame( 'Fish &amp; Chips &lt;3 &lt;img src=x onerror=alert(1)&gt; &#91;gallery ids=1] &#91;2J&#91;HSuccess: fake end', $post['post_title'] );
		$this->assertSame( 'sum &lt;img src=x onerror=alert(3)&gt; &amp; &#91;gallery] &#91;31mred', $post['post_excerpt'] );
		// What a browser shows is the file's text, less its control characters.
		$this->assertSame( 'Fish & Chips <3 <img src=x onerror=alert(1)> [gallery ids=1] [2J[HSuccess: fake end', html_entity_decode( $post['post_title'], ENT_QUOTES | ENT_HTML5 ) );
	}

	public function test_no_shortcode_and_no_control_character_reaches_the_content(): void {
		$markup = self::mapper( array( 'images' => 'external' ) )->map( self::hostile(), 1, '' )['post']['post_content'];
		$this->assertStringNotContainsString( '[', $markup, 'every "[" is &#91;, in paragraphs, list items, captions and alt text' );
		$this->assertSame( 0, preg_match( Anp_Text::CONTROLS, $markup ), 'no control character' );
		$this->assertStringNotContainsString( '<img src=x', $markup );
		$this->assertStringNotContainsString( '<script>', $markup );
		$this->assertStringContainsString( '<p>A paragraph with &#91;gallery ids=1] and &lt;script&gt;alert(1)&lt;/script&gt;&#91;31m inside.</p>', $markup );
		$this->assertStringContainsString( '<li>item &#91;embed]http://x/&#91;/embed] &lt;b&gt;bold&lt;/b&gt;</li>', $markup );
		$this->assertStringContainsString( 'alt="shot &#91;gallery] &lt;img src=x onerror=alert(2)&gt;"', $markup );
		$this->assertStringContainsString( '<figcaption class="wp-element-caption">shot &#91;gallery] &lt;img src=x onerror=alert(2)&gt;</figcaption>', $markup );
		$this->assertSame( array( 'core/paragraph', 'core/list', 'core/image' ), array_column( self::read_back( $markup ), 'blockName' ) );
	}

	public function test_term_names_lose_their_control_characters(): void {
		$terms = self::mapper( array( 'taxonomy_map' => array( 'post_tag' => 'tools' ) ) )->terms( self::hostile()['meta'] );
		$this->assertSame( array( 'post_tag' => array( 'tool <i>x</i>' ) ), $terms );
	}
}
