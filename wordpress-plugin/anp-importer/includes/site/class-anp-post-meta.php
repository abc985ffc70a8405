<?php
/**
 * The post meta keys the plugin writes, registered with their types.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers every known field as "anp_" + its key with a type and a schema,
 * so that it shows in the REST API; and the plugin's own bookkeeping keys,
 * which stay private (a leading underscore).
 */
final class Anp_Post_Meta {

	/**
	 * Known fields and their REST schema.
	 */
	public static function schemas(): array {
		$string      = array( 'type' => 'string' );
		$integer     = array( 'type' => 'integer' );
		$strings     = array(
			'type'  => 'array',
			'items' => $string,
		);
		$string_map  = array(
			'type'                 => 'object',
			'additionalProperties' => $string,
		);
		$object_list = array(
			'type'  => 'array',
			'items' => $string_map,
		);
		return array(
			'topic'         => $string,
			'summary'       => $string,
			'ai_brief'      => $string,
			'code_language' => $string,
			'difficulty'    => $string,
			'reference'     => $string,
			'hash'          => $string,
			// An integer field whose value was not an integer stays a string.
			'reading_time'  => array( 'type' => array( 'integer', 'string' ) ),
			'view_count'    => array( 'type' => array( 'integer', 'string' ) ),
			'ai_outline'    => $string_map,
			'stack'         => $strings,
			'tools'         => $strings,
			'checklist'     => $strings,
			'notes'         => $strings,
			'score'         => array(
				'type'                 => 'object',
				'additionalProperties' => array( 'type' => array( 'integer', 'string' ) ),
			),
			'revision'      => $string_map,
			'flags'         => array(
				'type'                 => 'object',
				'additionalProperties' => array( 'type' => array( 'boolean', 'string' ) ),
			),
			'entities'      => $object_list,
			'image_sources' => $object_list,
			'payload'       => array(
				'type'                 => 'object',
				'additionalProperties' => array( 'type' => array( 'integer', 'string' ) ),
			),
		);
	}

	/**
	 * Whether a meta key is one an import writes: a field ("anp_" + key) or
	 * the plugin's bookkeeping ("_anp_").
	 *
	 * @param string $key A meta key.
	 */
	public static function is_import_key( string $key ): bool {
		return str_starts_with( $key, 'anp_' ) || str_starts_with( $key, '_anp_' );
	}

	/**
	 * Whether a meta key is kept before an update, to be put back by a
	 * rollback: the import's keys and the featured image (images=media sets it).
	 *
	 * @param string $key A meta key.
	 */
	public static function is_kept_for_rollback( string $key ): bool {
		return self::is_import_key( $key ) || '_thumbnail_id' === $key;
	}

	/**
	 * @param string $post_type The post type of the settings.
	 */
	public static function register( string $post_type ): void {
		foreach ( array_unique( array( 'post', $post_type ) ) as $type ) {
			foreach ( self::schemas() as $key => $schema ) {
				register_post_meta(
					$type,
					'anp_' . $key,
					array(
						// The schema may allow more than one type; register_meta() takes one.
						'type'          => is_array( $schema['type'] ) ? $schema['type'][0] : $schema['type'],
						'single'        => true,
						'show_in_rest'  => array( 'schema' => $schema ),
						// Written by imports only: editing it by hand would be undone by the next import.
						'auth_callback' => static function () {
							return current_user_can( 'edit_posts' );
						},
					)
				);
			}
			foreach ( array( '_anp_content_hash', '_anp_import_batch', '_anp_source' ) as $key ) {
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
