<?php
/**
 * The SQL of the media library's images.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Finds the attachment downloaded from a URL and gives it its first owner:
 * the two statements WordPress has no function for.
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
}
