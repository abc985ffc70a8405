<?php
/**
 * Parsed ANP blocks to block-editor markup.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Writes each block as the block editor itself saves it (WordPress 6.1's
 * save functions of core/paragraph, core/heading, core/list and
 * core/list-item, core/code, core/image), so that posts open in the editor
 * with no "invalid block" warning. Every text is escaped for HTML, "[" too
 * (no shortcode runs), and loses its control characters (Anp_Text).
 * Pure PHP: no WordPress function is needed.
 */
final class Anp_Block_Serializer {

	/**
	 * Languages whose names hold characters a class name cannot.
	 */
	const LANGUAGE_CLASSES = array(
		'c++' => 'cpp',
		'c#'  => 'csharp',
		'f#'  => 'fsharp',
	);

	/**
	 * The post content for a list of parsed blocks.
	 *
	 * @param array $blocks     The "blocks" of a parsed ANP post.
	 * @param array $image_urls Optional URL for each image block by index,
	 *                          overriding its own (a media-library copy);
	 *                          false leaves an image out.
	 */
	public function serialize( array $blocks, array $image_urls = array() ): string {
		$out = array();
		foreach ( $blocks as $index => $block ) {
			if ( 'image' === $block['type'] && array_key_exists( $index, $image_urls ) ) {
				if ( false === $image_urls[ $index ] ) {
					continue;
				}
				$block['url'] = $image_urls[ $index ]['url'];
				$block['id']  = $image_urls[ $index ]['id'] ?? null;
			}
			$out[] = $this->block( $block );
		}
		return implode( "\n\n", $out );
	}

	/**
	 * One block's markup.
	 *
	 * @param array $block A parsed block.
	 */
	public function block( array $block ): string {
		switch ( $block['type'] ) {
			case 'heading':
				return $this->wrap( 'heading', array(), '<h2>' . $this->text( $block['text'] ) . '</h2>' );
			case 'list':
				return $this->list_block( $block['items'] );
			case 'code':
				return $this->code_block( $block['text'], $block['language'] );
			case 'image':
				return $this->image_block( $block );
			default:
				return $this->wrap( 'paragraph', array(), '<p>' . $this->text( $block['text'] ) . '</p>' );
		}
	}

	private function list_block( array $items ): string {
		$inner = array();
		foreach ( $items as $item ) {
			$inner[] = $this->wrap( 'list-item', array(), '<li>' . $this->text( (string) $item ) . '</li>' );
		}
		return $this->wrap( 'list', array(), '<ul>' . implode( "\n\n", $inner ) . '</ul>' );
	}

	private function code_block( string $code, ?string $language ): string {
		$attributes = array();
		$class      = 'wp-block-code';
		$language   = null === $language ? '' : $this->language_class( $language );
		if ( '' !== $language ) {
			$attributes['className'] = 'language-' . $language;
			$class                  .= ' language-' . $language;
		}
		// "[" escaped, as the editor's code block saves it, and as every
		// text is here: a shortcode written in code is shown, not run.
		$content = $this->text( $code );
		return $this->wrap( 'code', $attributes, '<pre class="' . $class . '"><code>' . $content . '</code></pre>' );
	}

	private function image_block( array $block ): string {
		$attributes = array();
		$img_class  = '';
		if ( ! empty( $block['id'] ) ) {
			$attributes = array(
				'id'       => (int) $block['id'],
				'sizeSlug' => 'large',
			);
			$img_class = ' class="wp-image-' . (int) $block['id'] . '"';
		}
		$src     = $this->url( $block['url'] ?? null );
		$img     = '<img' . ( '' === $src ? '' : ' src="' . $src . '"' ) . ' alt="' . $this->text( $block['alt'] ) . '"' . $img_class . '/>';
		$caption = '' === $block['alt'] ? '' : '<figcaption class="wp-element-caption">' . $this->text( $block['alt'] ) . '</figcaption>';
		$figure  = empty( $block['id'] ) ? 'wp-block-image' : 'wp-block-image size-large';
		return $this->wrap( 'image', $attributes, '<figure class="' . $figure . '">' . $img . $caption . '</figure>' );
	}

	/**
	 * The comment delimiters around a block's HTML.
	 */
	private function wrap( string $name, array $attributes, string $html ): string {
		$attrs = $attributes ? ' ' . $this->attributes( $attributes ) : '';
		return "<!-- wp:$name$attrs -->\n$html\n<!-- /wp:$name -->";
	}

	/**
	 * Block attributes as serialize_block_attributes() writes them: JSON in
	 * which nothing can end the HTML comment early.
	 */
	private function attributes( array $attributes ): string {
		$json = json_encode( $attributes, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		$json = preg_replace( '/--/', '\\u002d\\u002d', $json );
		$json = preg_replace( '/</', '\\u003c', $json );
		$json = preg_replace( '/>/', '\\u003e', $json );
		$json = preg_replace( '/&/', '\\u0026', $json );
		return preg_replace( '/\\\\"/', '\\u0022', $json );
	}

	private function text( string $text ): string {
		return Anp_Text::html( $text );
	}

	/**
	 * Whether an image URL is one the plugin links or downloads: http(s)
	 * only, since a file could name a javascript: URL, and no white space,
	 * quote, angle bracket or control character.
	 *
	 * @param string|null $url A URL from a parsed file.
	 */
	public static function is_http_url( ?string $url ): bool {
		return null !== $url && 1 === preg_match( '#^https?://[^\s"<>\x00-\x1F\x7F]+$#i', $url );
	}

	/**
	 * An http(s) URL escaped for an attribute, or '' for anything else.
	 */
	private function url( ?string $url ): string {
		return self::is_http_url( $url ) ? $this->text( $url ) : '';
	}

	private function language_class( string $language ): string {
		$language = strtolower( trim( $language ) );
		$language = self::LANGUAGE_CLASSES[ $language ] ?? $language;
		return preg_replace( '/[^a-z0-9_-]+/', '-', $language );
	}
}
