<?php
/**
 * A meta value as WordPress stores it, without WordPress.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * The text of wp_postmeta.meta_value for a value, as an import stores it
 * (Anp_Bulk_Creator writes `(string) maybe_serialize( $value )`): arrays
 * serialized, a string that looks serialized serialized again, true as
 * "1", false and null as "", numbers as PHP writes them. `convert` writes
 * these strings into WXR; the WordPress Importer reads them back with
 * maybe_unserialize() and add_post_meta() serializes them again, so the
 * site stores the same bytes an import would (docs/wordpress-decisions.md,
 * "Convert"). is_serialized() is WordPress 6.1's, ported.
 */
final class Anp_Stored_Meta {

	/**
	 * @param mixed $value A meta value as the mapping gives it.
	 */
	public static function value( $value ): string {
		if ( is_array( $value ) || is_object( $value ) || self::is_serialized( $value, false ) ) {
			return serialize( $value ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize -- what maybe_serialize() writes.
		}
		return (string) $value;
	}

	/**
	 * WordPress's is_serialized().
	 *
	 * @param mixed $data   A value.
	 * @param bool  $strict Whether the end must be ";" or "}".
	 */
	public static function is_serialized( $data, bool $strict = true ): bool {
		if ( ! is_string( $data ) ) {
			return false;
		}
		$data = trim( $data );
		if ( 'N;' === $data ) {
			return true;
		}
		if ( strlen( $data ) < 4 || ':' !== $data[1] ) {
			return false;
		}
		if ( $strict ) {
			$last = substr( $data, -1 );
			if ( ';' !== $last && '}' !== $last ) {
				return false;
			}
		} else {
			$semicolon = strpos( $data, ';' );
			$brace     = strpos( $data, '}' );
			if ( false === $semicolon && false === $brace ) {
				return false;
			}
			if ( ( false !== $semicolon && $semicolon < 3 ) || ( false !== $brace && $brace < 4 ) ) {
				return false;
			}
		}
		$token = $data[0];
		switch ( $token ) {
			case 's':
				if ( $strict ? '"' !== substr( $data, -2, 1 ) : false === strpos( $data, '"' ) ) {
					return false;
				}
				// A string is then checked as the others.
			case 'a':
			case 'O':
			case 'E':
				return (bool) preg_match( "/^{$token}:[0-9]+:/s", $data );
			case 'b':
			case 'i':
			case 'd':
				$end = $strict ? '$' : '';
				return (bool) preg_match( "/^{$token}:[0-9.E+-]+;$end/", $data );
		}
		return false;
	}
}
