<?php
/**
 * The SQL of the media library's images.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Finds the attachment downloaded from a URL, gives it its first owner, and
 * finds the posts that use it: the statements WordPress has no function for.
 */
final class Anp_Attachments {

	/**
	 * The attachment's meta key that holds the URL it was downloaded from.
	 */
	const SOURCE_URL_META = '_anp_source_url';

	/**
	 * The attachment downloaded from a URL before, or 0.
	 *
	 * @param string $url The image's URL.
	 * @throws RuntimeException On a database error.
	 */
	public function find( string $url ): int {
		global $wpdb;
		return (int) Anp_Db::value(
			$wpdb->prepare(
				"SELECT m.post_id FROM $wpdb->postmeta m JOIN $wpdb->posts p ON p.ID = m.post_id AND p.post_type = 'attachment'
				WHERE m.meta_key = %s AND m.meta_value = %s ORDER BY m.post_id LIMIT 1",
				self::SOURCE_URL_META,
				$url
			)
		);
	}

	/**
	 * Makes a post the owner of an attachment that has none yet, as an
	 * upload from the editor would.
	 *
	 * @throws RuntimeException On a database error.
	 */
	public function adopt( int $attachment_id, int $post_id ): void {
		global $wpdb;
		Anp_Db::query( $wpdb->prepare( "UPDATE $wpdb->posts SET post_parent = %d WHERE ID = %d AND post_parent = 0", $post_id, $attachment_id ) );
		clean_post_cache( $attachment_id );
	}

	/**
	 * The posts that use an attachment, but for those a batch wrote last
	 * (which its rollback deletes or puts back): as featured image, in
	 * their content (the editor's "wp-image-<id>" class or the file's URL,
	 * any of its sizes), or as its parent. Revisions and attachments are
	 * not users. A post of another image whose name starts the same is a
	 * user too: keeping an image too many is the safe side.
	 *
	 * @param int    $attachment_id The attachment.
	 * @param string $except_batch  The batch whose posts do not count.
	 * @return int[] Post ids, lowest first.
	 * @throws RuntimeException On a database error.
	 */
	public function users( int $attachment_id, string $except_batch ): array {
		global $wpdb;
		$where = array(
			$wpdb->prepare( "p.ID IN (SELECT post_id FROM $wpdb->postmeta WHERE meta_key = '_thumbnail_id' AND meta_value = %s)", (string) $attachment_id ),
			$wpdb->prepare( 'p.post_content LIKE %s', '%' . $wpdb->esc_like( 'wp-image-' . $attachment_id . '"' ) . '%' ),
			$wpdb->prepare( 'p.post_content LIKE %s', '%' . $wpdb->esc_like( 'wp-image-' . $attachment_id . ' ' ) . '%' ),
			$wpdb->prepare( "p.ID = (SELECT post_parent FROM $wpdb->posts WHERE ID = %d)", $attachment_id ),
		);
		$file = (string) get_post_meta( $attachment_id, '_wp_attached_file', true );
		if ( '' !== $file ) {
			// uploads/2026/12/red.png, or a size of it: red-1024x768.png.
			$stem    = preg_replace( '/\.[^.\/]*$/', '', $file );
			$where[] = $wpdb->prepare( 'p.post_content LIKE %s', '%' . $wpdb->esc_like( '/' . $file ) . '%' );
			$where[] = $wpdb->prepare( 'p.post_content LIKE %s', '%' . $wpdb->esc_like( '/' . $stem . '-' ) . '%' );
		}
		$sql = $wpdb->prepare(
			"SELECT p.ID FROM $wpdb->posts p WHERE p.post_type NOT IN ('revision', 'attachment') AND (" . implode( ' OR ', $where ) . ")
			AND NOT EXISTS (SELECT 1 FROM $wpdb->postmeta b WHERE b.post_id = p.ID AND b.meta_key = %s AND b.meta_value = %s) ORDER BY p.ID",
			Anp_Meta_Keys::IMPORT_BATCH,
			$except_batch
		);
		return array_map( 'intval', Anp_Db::column( $sql ) );
	}
}
