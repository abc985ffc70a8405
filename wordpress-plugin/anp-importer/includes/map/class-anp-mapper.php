<?php
/**
 * A parsed ANP post to WordPress: post fields, block markup, meta and terms.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Maps one parsed post as docs/wordpress.md §1–4 says. Pure: no
 * database, no global state; the importer decides what to do with the result.
 */
final class Anp_Mapper {

	/**
	 * The mapping choices (Anp_Settings::get()).
	 *
	 * @var array
	 */
	private $settings;

	/**
	 * @var Anp_Block_Serializer
	 */
	private $serializer;

	/**
	 * @param array $settings Validated settings.
	 */
	public function __construct( array $settings ) {
		$this->settings   = $settings;
		$this->serializer = new Anp_Block_Serializer();
	}

	/**
	 * The WordPress shape of a parsed post.
	 *
	 * @param array  $parsed       What anp_parse() returned.
	 * @param int    $author_id    The user the post belongs to.
	 * @param string $content_hash sha256 of the file, the identity of last resort.
	 * @param array  $local_copies With images=media, the local copy of each
	 *                             image block: block index => array( 'id' =>
	 *                             attachment id, 'url' => its URL ). The blocks
	 *                             point at them and the first is the featured image.
	 * @return array {
	 *     @type array  $post     Fields for wp_insert_post().
	 *     @type array  $meta     Post meta, key => value (arrays stay arrays).
	 *     @type array  $terms    Taxonomy => term names.
	 *     @type string $identity What makes this post the same post next time.
	 * }
	 */
	public function map( array $parsed, int $author_id, string $content_hash, array $local_copies = array() ): array {
		$meta = $parsed['meta'];
		$post = array(
			// WordPress keeps both as HTML and the_title() prints the title
			// as it is: the file's text goes in escaped, whoever imports
			// (kses leaves an administrator's markup alone).
			'post_title'   => Anp_Text::inline_html( $parsed['title'] ),
			'post_content' => $this->content( $parsed['blocks'], $local_copies ),
			'post_excerpt' => is_string( $meta['summary'] ?? null ) ? Anp_Text::inline_html( $meta['summary'] ) : '',
			'post_status'  => $this->status( $meta ),
			'post_type'    => $this->settings['post_type'],
			'post_author'  => $author_id,
		);
		$date = $this->date( $meta );
		if ( null !== $date ) {
			$post['post_date'] = $date;
		}
		$post_meta = $this->meta( $meta );
		if ( $local_copies ) {
			$post_meta[ Anp_Meta_Keys::FEATURED_IMAGE ] = reset( $local_copies )['id'];
		}
		return array(
			'post'     => $post,
			'meta'     => $post_meta,
			'terms'    => $this->terms( $meta ),
			'identity' => self::identity( $meta, $content_hash ),
		);
	}

	/**
	 * The block markup of a post.
	 *
	 * @param array $blocks       Parsed blocks.
	 * @param array $local_copies Block index => array( 'id' => attachment id, 'url' => URL ).
	 */
	public function content( array $blocks, array $local_copies = array() ): string {
		if ( 'none' === $this->settings['images'] ) {
			return $this->serializer->serialize( $blocks, $this->no_images( $blocks ) );
		}
		return $this->serializer->serialize( $blocks, $local_copies );
	}

	/**
	 * The identity of a post: meta.reference, else payload.source_id, else the
	 * hash of the file. Kept short enough for an index.
	 *
	 * @param array  $meta         The parsed meta.
	 * @param string $content_hash sha256 of the file's bytes.
	 */
	public static function identity( array $meta, string $content_hash ): string {
		if ( is_string( $meta['reference'] ?? null ) && '' !== $meta['reference'] ) {
			$identity = 'reference:' . $meta['reference'];
		} elseif ( is_string( $meta['payload']['source_id'] ?? null ) && '' !== $meta['payload']['source_id'] ) {
			$identity = 'source_id:' . $meta['payload']['source_id'];
		} else {
			return 'hash:' . $content_hash;
		}
		// The ledger's key holds 191 characters; a longer identity is hashed.
		return strlen( $identity ) <= 191 ? $identity : 'sha256:' . hash( 'sha256', $identity );
	}

	/**
	 * The post meta: every field, known or not, under its meta key
	 * (Anp_Meta_Keys::field()).
	 *
	 * @param array $meta The parsed meta.
	 */
	public function meta( array $meta ): array {
		$out = array();
		foreach ( $meta as $key => $value ) {
			$out[ Anp_Meta_Keys::field( $key ) ] = $value;
		}
		return $out;
	}

	/**
	 * Term names for each mapped taxonomy, from the field that feeds it.
	 *
	 * @param array $meta The parsed meta.
	 */
	public function terms( array $meta ): array {
		$terms = array();
		foreach ( $this->settings['taxonomy_map'] as $taxonomy => $source ) {
			$names = self::term_names( $meta, $source );
			if ( $names ) {
				$terms[ $taxonomy ] = $names;
			}
		}
		return $terms;
	}

	/**
	 * @param array  $meta   The parsed meta.
	 * @param string $source A meta key, or "entities:TYPE".
	 */
	private static function term_names( array $meta, string $source ): array {
		if ( str_starts_with( $source, 'entities:' ) ) {
			$type  = substr( $source, strlen( 'entities:' ) );
			$names = array();
			foreach ( is_array( $meta['entities'] ?? null ) ? $meta['entities'] : array() as $entity ) {
				if ( is_array( $entity ) && ( $entity['type'] ?? null ) === $type && is_string( $entity['name'] ?? null ) ) {
					$names[] = $entity['name'];
				}
			}
		} else {
			$value = $meta[ $source ] ?? array();
			$names = is_array( $value ) ? array_values( $value ) : array( $value );
		}
		// WordPress sanitizes a term's name as text (tags stripped, "&" and
		// "<" as entities); control characters, which a feed's <category>
		// cannot hold, go here.
		$clean = array();
		foreach ( $names as $name ) {
			$name = is_scalar( $name ) ? trim( Anp_Text::without_controls( (string) $name ) ) : '';
			if ( '' !== $name ) {
				$clean[] = $name;
			}
		}
		return array_values( array_unique( $clean ) );
	}

	/**
	 * A post that needs a human review is never published by an import.
	 *
	 * @param array $meta The parsed meta.
	 */
	private function status( array $meta ): string {
		if ( true === ( $meta['flags']['needs_human_review'] ?? null ) ) {
			return 'pending';
		}
		return $this->settings['post_status'];
	}

	/**
	 * The post date from revision.last_reviewed, when that setting is on and
	 * the value is a real date; else null (WordPress uses the import time).
	 *
	 * @param array $meta The parsed meta.
	 */
	private function date( array $meta ): ?string {
		if ( 'last_reviewed' !== $this->settings['post_date'] ) {
			return null;
		}
		$date = $meta['revision']['last_reviewed'] ?? null;
		if ( ! is_string( $date ) || ! preg_match( '/^(\d{4})-(\d{2})-(\d{2})$/', $date, $m )
			|| ! checkdate( (int) $m[2], (int) $m[3], (int) $m[1] ) ) {
			return null;
		}
		return $date . ' 00:00:00';
	}

	/**
	 * Every image left out of the content.
	 *
	 * @param array $blocks Parsed blocks.
	 */
	private function no_images( array $blocks ): array {
		$out = array();
		foreach ( $blocks as $index => $block ) {
			if ( 'image' === $block['type'] ) {
				$out[ $index ] = false;
			}
		}
		return $out;
	}
}
