<?php
/**
 * The box under an imported post on the front end.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shows the fields that Anp_Fields puts in the box (difficulty, reading
 * time, stack, tools, checklist and score) under a post's content
 * (docs/wordpress.md §4), when the meta_box setting is on. Every array is an
 * HTML list, every value is escaped: the values come from imported files,
 * which nobody on the site wrote.
 */
final class Anp_Meta_Box {

	const STYLE_HANDLE = 'anp-meta-box';

	/**
	 * Hooks the box in when the setting is on.
	 *
	 * @param array $settings The plugin's settings (Anp_Settings::get()).
	 */
	public static function register( array $settings ): void {
		if ( ! $settings['meta_box'] ) {
			return;
		}
		// Late, so that the box is not run through wpautop or shortcodes.
		add_filter( 'the_content', array( self::class, 'append_to_content' ), 20 );
		add_action( 'wp_enqueue_scripts', array( self::class, 'enqueue_style' ) );
	}

	public static function enqueue_style(): void {
		if ( is_singular() ) {
			wp_enqueue_style( self::STYLE_HANDLE, plugins_url( 'assets/meta-box.css', ANP_IMPORTER_FILE ), array(), ANP_IMPORTER_VERSION );
		}
	}

	/**
	 * The meta fields shown, in their order, with their labels: those
	 * Anp_Fields puts in the box.
	 */
	public static function fields(): array {
		$fields = array();
		foreach ( Anp_Fields::in_box() as $field ) {
			// The table is English and knows nothing of WordPress: the label is
			// translated here, as __() would (it calls translate()).
			$fields[ $field->meta_key ] = translate( $field->label, 'anp-importer' ); // phpcs:ignore WordPress.WP.I18n.LowLevelTranslationFunction,WordPress.WP.I18n.NonSingularStringLiteralText
		}
		/**
		 * Filters the meta fields the front-end box shows: meta key => label.
		 *
		 * @param array $fields Meta key => label.
		 */
		return (array) apply_filters( 'anp_meta_box_fields', $fields );
	}

	/**
	 * Adds the box under the content of the post a single view shows; other
	 * content (excerpts in lists, widgets, feeds) is left as it is.
	 *
	 * @param string $content The post content.
	 */
	public static function append_to_content( $content ) {
		if ( ! is_singular() || ! in_the_loop() || ! is_main_query() || is_feed() ) {
			return $content;
		}
		$post_id = get_the_ID();
		if ( ! $post_id ) {
			return $content;
		}
		$meta = array();
		foreach ( array_keys( self::fields() ) as $key ) {
			if ( metadata_exists( 'post', $post_id, $key ) ) {
				$meta[ $key ] = get_post_meta( $post_id, $key, true );
			}
		}
		return $content . self::render( $meta );
	}

	/**
	 * The box's HTML for these meta values, or '' when there is nothing to
	 * show (a post that was not imported).
	 *
	 * @param array $meta Meta key => value, for the keys of fields().
	 */
	public static function render( array $meta ): string {
		$rows = '';
		foreach ( self::fields() as $key => $label ) {
			if ( ! array_key_exists( $key, $meta ) || '' === $meta[ $key ] || array() === $meta[ $key ] || null === $meta[ $key ] ) {
				continue;
			}
			$value = Anp_Meta_Keys::field( 'reading_time' ) === $key && is_numeric( $meta[ $key ] )
				/* translators: %d: minutes needed to read the post. */
				? esc_html( sprintf( _n( '%d minute', '%d minutes', (int) $meta[ $key ], 'anp-importer' ), (int) $meta[ $key ] ) )
				: self::value( $meta[ $key ] );
			$rows .= '<dt>' . esc_html( $label ) . '</dt><dd>' . $value . '</dd>';
		}
		if ( '' === $rows ) {
			return '';
		}
		$html = '<section class="anp-meta-box" aria-label="' . esc_attr__( 'About this post', 'anp-importer' ) . '"><dl>' . $rows . '</dl></section>';
		/**
		 * Filters the front-end box's HTML.
		 *
		 * @param string $html The box.
		 * @param array  $meta The values it shows.
		 */
		return (string) apply_filters( 'anp_meta_box_html', $html, $meta );
	}

	/**
	 * A value as escaped HTML: a list for an array (with "key: value" items
	 * for a map, as a score is), nested lists for nested arrays.
	 *
	 * @param mixed $value A meta value.
	 */
	private static function value( $value ): string {
		if ( is_bool( $value ) ) {
			return $value ? esc_html__( 'yes', 'anp-importer' ) : esc_html__( 'no', 'anp-importer' );
		}
		if ( ! is_array( $value ) ) {
			return is_scalar( $value ) ? esc_html( (string) $value ) : '';
		}
		$items   = '';
		$is_list = array_is_list( $value );
		foreach ( $value as $key => $item ) {
			$items .= '<li>' . ( $is_list ? '' : esc_html( (string) $key ) . ': ' ) . self::value( $item ) . '</li>';
		}
		return '<ul>' . $items . '</ul>';
	}
}
