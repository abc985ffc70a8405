<?php
/**
 * The taxonomies the plugin registers.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * anp_stack, anp_problem, anp_difficulty and anp_code_language, shown in the
 * REST API and the block editor like categories and tags.
 */
final class Anp_Taxonomies {

	/**
	 * Taxonomy => [plural label, singular label, hierarchical].
	 */
	public static function all(): array {
		return array(
			'anp_stack'         => array( __( 'Stacks', 'anp-importer' ), __( 'Stack', 'anp-importer' ), false ),
			'anp_problem'       => array( __( 'Problems', 'anp-importer' ), __( 'Problem', 'anp-importer' ), false ),
			'anp_difficulty'    => array( __( 'Difficulties', 'anp-importer' ), __( 'Difficulty', 'anp-importer' ), false ),
			'anp_code_language' => array( __( 'Code languages', 'anp-importer' ), __( 'Code language', 'anp-importer' ), false ),
		);
	}

	/**
	 * Registers them for the post type imports write to.
	 *
	 * @param string $post_type The post type of the settings.
	 */
	public static function register( string $post_type ): void {
		foreach ( self::all() as $taxonomy => list( $plural, $singular, $hierarchical ) ) {
			register_taxonomy(
				$taxonomy,
				array_unique( array( 'post', $post_type ) ),
				array(
					'labels'            => array(
						'name'          => $plural,
						'singular_name' => $singular,
					),
					'hierarchical'      => $hierarchical,
					'public'            => true,
					'show_in_rest'      => true,
					'show_admin_column' => true,
					'rewrite'           => array( 'slug' => str_replace( '_', '-', substr( $taxonomy, 4 ) ) ),
				)
			);
		}
	}
}
