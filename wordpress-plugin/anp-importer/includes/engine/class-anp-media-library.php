<?php
/**
 * Local copies of a post's images, for the images=media setting.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Downloads the images of a parsed post into the media library, once per
 * URL: an image that is there already, from this import or an earlier one,
 * is used again. The importer calls it before it opens a group's
 * transaction, so that no database transaction waits on the network.
 */
final class Anp_Media_Library {

	/**
	 * The attachment's meta key that holds the URL it was downloaded from.
	 */
	const SOURCE_URL_META = '_anp_source_url';

	/**
	 * Image types the media library takes, by the MIME type of the bytes:
	 * what a file name without an extension (as CDN URLs often are) gets.
	 */
	const EXTENSIONS = array(
		'image/jpeg' => 'jpg',
		'image/png'  => 'png',
		'image/gif'  => 'gif',
		'image/webp' => 'webp',
	);

	/** @var Anp_Ledger */
	private $ledger;

	public function __construct( Anp_Ledger $ledger ) {
		$this->ledger = $ledger;
	}

	/**
	 * The local copy of each image block, downloaded when the library has
	 * none yet.
	 *
	 * @param array  $blocks   A parsed post's blocks.
	 * @param string $batch_id The run: an attachment it makes is its to roll back.
	 * @param int    $author   The user the attachments belong to.
	 * @return array Block index => array( 'id' => attachment id, 'url' => its URL ).
	 * @throws Anp_Media_Exception When an image cannot be had; nothing else is kept of it.
	 */
	public function local_copies( array $blocks, string $batch_id, int $author ): array {
		$copies = array();
		foreach ( $blocks as $index => $block ) {
			if ( 'image' !== $block['type'] ) {
				continue;
			}
			$url = (string) ( $block['url'] ?? '' );
			if ( ! Anp_Block_Serializer::is_http_url( $url ) ) {
				throw new Anp_Media_Exception( $url, '' === $url ? 'has no URL; expected one under "image sources"' : 'is not an http(s) URL' );
			}
			$attachment_id = $this->find( $url );
			if ( ! $attachment_id ) {
				$attachment_id = $this->download( $url, (string) $block['alt'], $author );
				$this->ledger->record_change( $batch_id, $attachment_id, 'created', 'media:' . hash( 'sha256', $url ), null, null );
			}
			$copies[ $index ] = array(
				'id'  => $attachment_id,
				'url' => (string) wp_get_attachment_image_url( $attachment_id, 'large' ),
			);
		}
		return $copies;
	}

	/**
	 * The attachment downloaded from a URL before, or 0.
	 *
	 * @param string $url The image's URL.
	 */
	public function find( string $url ): int {
		global $wpdb;
		return (int) $wpdb->get_var(
			$wpdb->prepare(
				"SELECT m.post_id FROM $wpdb->postmeta m JOIN $wpdb->posts p ON p.ID = m.post_id AND p.post_type = 'attachment'
				WHERE m.meta_key = %s AND m.meta_value = %s ORDER BY m.post_id LIMIT 1",
				self::SOURCE_URL_META,
				$url
			)
		);
	}

	/**
	 * Makes the posts the owners of their images, as an upload from the
	 * editor would, where the images have no owner yet.
	 *
	 * @param array $copies  What local_copies() returned for the post.
	 * @param int   $post_id The post.
	 */
	public function attach( array $copies, int $post_id ): void {
		global $wpdb;
		foreach ( array_unique( array_column( $copies, 'id' ) ) as $attachment_id ) {
			$updated = $wpdb->query( $wpdb->prepare( "UPDATE $wpdb->posts SET post_parent = %d WHERE ID = %d AND post_parent = 0", $post_id, $attachment_id ) );
			if ( false === $updated ) {
				throw new RuntimeException( 'database error: ' . $wpdb->last_error );
			}
			clean_post_cache( (int) $attachment_id );
		}
	}

	/**
	 * Downloads an image into the media library.
	 *
	 * @throws Anp_Media_Exception When it cannot be downloaded or is not an image.
	 */
	private function download( string $url, string $alt, int $author ): int {
		require_once ABSPATH . 'wp-admin/includes/file.php';
		require_once ABSPATH . 'wp-admin/includes/media.php';
		require_once ABSPATH . 'wp-admin/includes/image.php';

		$tmp = download_url( $url, 60 );
		if ( is_wp_error( $tmp ) ) {
			throw new Anp_Media_Exception( $url, 'could not be downloaded: ' . $tmp->get_error_message() );
		}
		try {
			$mime = wp_get_image_mime( $tmp );
			if ( ! isset( self::EXTENSIONS[ $mime ] ) ) {
				throw new Anp_Media_Exception( $url, 'is not an image; expected JPEG, PNG, GIF or WebP' );
			}
			$attachment_id = media_handle_sideload(
				array(
					'name'     => $this->file_name( $url, $mime ),
					'tmp_name' => $tmp,
				),
				0,
				'' === $alt ? null : $alt,
				array( 'post_author' => $author )
			);
		} finally {
			if ( file_exists( $tmp ) ) {
				wp_delete_file( $tmp ); // Still there when the media library refused it.
			}
		}
		if ( is_wp_error( $attachment_id ) ) {
			throw new Anp_Media_Exception( $url, 'the media library refused it: ' . $attachment_id->get_error_message() );
		}
		update_post_meta( $attachment_id, self::SOURCE_URL_META, wp_slash( $url ) );
		if ( '' !== $alt ) {
			update_post_meta( $attachment_id, '_wp_attachment_image_alt', wp_slash( $alt ) );
		}
		return (int) $attachment_id;
	}

	/**
	 * The name the file gets in the uploads folder: the last part of the
	 * URL's path, with the extension of what the bytes are.
	 */
	private function file_name( string $url, string $mime ): string {
		$base = sanitize_file_name( wp_basename( (string) wp_parse_url( $url, PHP_URL_PATH ) ) );
		$stem = preg_replace( '/\.[^.]*$/', '', $base );
		return ( '' === $stem ? 'image' : $stem ) . '.' . self::EXTENSIONS[ $mime ];
	}
}
