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

	/** @var Anp_Attachments */
	private $attachments;

	/** @var Anp_Image_Download */
	private $download;

	public function __construct( Anp_Ledger $ledger ) {
		$this->ledger      = $ledger;
		$this->attachments = new Anp_Attachments();
		$this->download    = new Anp_Image_Download();
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
		$found  = array();
		foreach ( $blocks as $block ) {
			if ( 'image' !== $block['type'] ) {
				continue;
			}
			$url = (string) ( $block['url'] ?? '' );
			if ( ! Anp_Block_Serializer::is_http_url( $url ) ) {
				throw new Anp_Media_Exception( $url, '' === $url ? 'has no URL; expected one under "image sources"' : 'is not an http(s) URL' );
			}
			$found[ $url ] = $found[ $url ] ?? $this->attachments->find( $url );
		}
		// A file may not have the run download without end: a limit on the
		// images it brings, checked before any is asked for.
		$new = count( array_filter( $found, static fn( $id ) => ! $id ) );
		if ( $new > $this->download->limits()['images'] ) {
			throw new Anp_Media_Exception( (string) array_search( 0, $found, true ), sprintf( 'is one of %d new images in this file; at most %d are downloaded for a file', $new, $this->download->limits()['images'] ) );
		}
		$this->download->start_file();
		foreach ( $blocks as $index => $block ) {
			if ( 'image' !== $block['type'] ) {
				continue;
			}
			$url           = (string) $block['url'];
			$attachment_id = $this->attachments->find( $url );
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
	 * Makes the posts the owners of their images, as an upload from the
	 * editor would, where the images have no owner yet.
	 *
	 * @param array $copies  What local_copies() returned for the post.
	 * @param int   $post_id The post.
	 * @throws RuntimeException On a database error.
	 */
	public function attach( array $copies, int $post_id ): void {
		foreach ( array_unique( array_column( $copies, 'id' ) ) as $attachment_id ) {
			$this->attachments->adopt( (int) $attachment_id, $post_id );
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

		// Public addresses only, under limits of size and time, with
		// reasons in the plugin's words (Anp_Image_Download).
		$tmp = $this->download->download( $url );
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
				// The attachment's title: text, as a post's title is.
				'' === $alt ? null : Anp_Text::inline_html( $alt ),
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
		update_post_meta( $attachment_id, Anp_Attachments::SOURCE_URL_META, wp_slash( $url ) );
		if ( '' !== $alt ) {
			// Plain text, which WordPress escapes wherever it prints it.
			update_post_meta( $attachment_id, '_wp_attachment_image_alt', wp_slash( Anp_Text::without_controls( $alt ) ) );
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
