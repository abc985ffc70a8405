<?php
/**
 * The post meta keys the plugin writes, registered with their types.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers every known field (Anp_Fields) under its meta key with a type
 * and a schema, so that it shows in the REST API; and the plugin's own
 * bookkeeping keys (Anp_Meta_Keys), which stay private.
 */
final class Anp_Post_Meta {

	/**
	 * Registers the fields of Anp_Fields and the bookkeeping keys, for posts
	 * and for the post type imports make.
	 *
	 * @param string $post_type The post type of the settings.
	 */
	public static function register( string $post_type ): void {
		foreach ( array_unique( array( 'post', $post_type ) ) as $type ) {
			foreach ( Anp_Fields::all() as $field ) {
				register_post_meta(
					$type,
					$field->meta_key,
					array(
						'type'          => $field->type,
						'single'        => true,
						'show_in_rest'  => array( 'schema' => $field->schema ),
						// Written by imports only: editing it by hand would be undone by the next import.
						'auth_callback' => static function () {
							return current_user_can( 'edit_posts' );
						},
					)
				);
			}
			foreach ( Anp_Meta_Keys::BOOKKEEPING as $key ) {
				register_post_meta(
					$type,
					$key,
					array(
						'type'   => 'string',
						'single' => true,
					)
				);
			}
		}
	}
}
