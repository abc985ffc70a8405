<?php
/**
 * The names of the post meta keys an import writes.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * How a field's key becomes a meta key, and which keys belong to an import
 * (docs/wordpress.md §4). The mapper writes these names, the site registers
 * them and the engine keeps and clears them by these rules, so they are said
 * once, here.
 */
final class Anp_Meta_Keys {

	/**
	 * Before a field's key: "reading_time" is stored as "anp_reading_time".
	 */
	const FIELD_PREFIX = 'anp_';

	/**
	 * Before the plugin's own keys: the leading underscore keeps them private
	 * (out of the custom fields box and of the REST API).
	 */
	const BOOKKEEPING_PREFIX = '_anp_';

	/**
	 * The sha256 of the source file's bytes.
	 */
	const CONTENT_HASH = '_anp_content_hash';

	/**
	 * The run that last wrote the post.
	 */
	const IMPORT_BATCH = '_anp_import_batch';

	/**
	 * The source file's name.
	 */
	const SOURCE = '_anp_source';

	/**
	 * The bookkeeping every imported post has, all strings.
	 */
	const BOOKKEEPING = array( self::CONTENT_HASH, self::IMPORT_BATCH, self::SOURCE );

	/**
	 * WordPress's featured image: not the import's key, but images=media sets
	 * it, so a rollback must put the old one back.
	 */
	const FEATURED_IMAGE = '_thumbnail_id';

	/**
	 * The meta key of a field, known or not: every field is kept.
	 *
	 * @param string $key A field's normalized key ("reading_time").
	 */
	public static function field( string $key ): string {
		return self::FIELD_PREFIX . $key;
	}

	/**
	 * Whether a meta key is one an import writes: a field ("anp_" + key) or
	 * the plugin's bookkeeping ("_anp_").
	 *
	 * @param string $key A meta key.
	 */
	public static function is_import_key( string $key ): bool {
		return str_starts_with( $key, self::FIELD_PREFIX ) || str_starts_with( $key, self::BOOKKEEPING_PREFIX );
	}

	/**
	 * Whether a meta key is kept before an update, to be put back by a
	 * rollback: the import's keys and the featured image.
	 *
	 * @param string $key A meta key.
	 */
	public static function is_kept_for_rollback( string $key ): bool {
		return self::is_import_key( $key ) || self::FEATURED_IMAGE === $key;
	}
}
