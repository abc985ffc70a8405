<?php
/**
 * What an update would change, for a dry run.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Compares a file, mapped as the import would write it, with the post it
 * would update: the fields, the meta keys and the taxonomies whose terms
 * would change. It reads through WordPress's API and writes nothing.
 */
final class Anp_Update_Diff {

	/**
	 * @param Anp_Import_Item $item       A file decided "updated", prepared.
	 * @param string[]        $taxonomies The taxonomies the run gives terms to.
	 * @return array array( 'fields' => names, 'meta' => keys, 'terms' => taxonomies ), each sorted.
	 */
	public static function changes( Anp_Import_Item $item, array $taxonomies ): array {
		$post = get_post( $item->post_id );
		if ( ! $post ) {
			return array(
				'fields' => array(),
				'meta'   => array(),
				'terms'  => array(),
			);
		}
		return array(
			'fields' => self::fields( $item, $post ),
			'meta'   => self::meta( $item, $post->ID ),
			'terms'  => self::terms( $item, $post->ID, $taxonomies ),
		);
	}

	/**
	 * The post fields the update would write with another value.
	 */
	private static function fields( Anp_Import_Item $item, WP_Post $post ): array {
		$changed = array();
		foreach ( Anp_Import_Writer::update_fields( $item->post, $post ) as $field => $value ) {
			if ( property_exists( $post, $field ) && 'ID' !== $field && (string) $post->$field !== (string) $value ) {
				$changed[] = $field;
			}
		}
		sort( $changed );
		return $changed;
	}

	/**
	 * The meta keys the update would add, change or delete; the run's own
	 * bookkeeping (its batch id, the new hash) aside, since every update
	 * changes it.
	 */
	private static function meta( Anp_Import_Item $item, int $post_id ): array {
		$current = array();
		foreach ( get_post_meta( $post_id ) as $key => $values ) {
			if ( Anp_Meta_Keys::is_import_key( $key ) ) {
				$current[ $key ] = maybe_unserialize( $values[0] );
			}
		}
		$changed = array();
		foreach ( $item->meta as $key => $value ) {
			if ( ! array_key_exists( $key, $current ) || $current[ $key ] != $value ) { // phpcs:ignore Universal.Operators.StrictComparisons -- a stored int reads back as a string.
				$changed[] = (string) $key;
			}
		}
		$changed = array_merge( $changed, array_map( 'strval', array_keys( array_diff_key( $current, $item->meta ) ) ) );
		$changed = array_values( array_diff( $changed, Anp_Meta_Keys::BOOKKEEPING ) );
		sort( $changed );
		return $changed;
	}

	/**
	 * The taxonomies in which the post's terms would not be the same.
	 */
	private static function terms( Anp_Import_Item $item, int $post_id, array $taxonomies ): array {
		$changed = array();
		foreach ( $taxonomies as $taxonomy ) {
			$current = wp_get_object_terms( $post_id, $taxonomy, array( 'fields' => 'names' ) );
			$current = is_wp_error( $current ) ? array() : array_map( 'strval', $current );
			$wanted  = array();
			foreach ( Anp_Import_Writer::term_names( $item->terms, $taxonomy ) as $term ) {
				$found    = is_int( $term ) ? get_term( $term, $taxonomy ) : null;
				// As wp_insert_term() would store the name ("&" as "&amp;").
				$wanted[] = $found instanceof WP_Term ? $found->name : (string) sanitize_term_field( 'name', (string) $term, 0, $taxonomy, 'db' );
			}
			sort( $current );
			sort( $wanted );
			if ( array_map( 'strtolower', $current ) !== array_map( 'strtolower', $wanted ) ) {
				$changed[] = $taxonomy;
			}
		}
		return $changed;
	}
}
