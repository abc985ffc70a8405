<?php
/**
 * The plugin's settings: defaults, validation, and their JSON form for
 * `wp anp settings export|import`.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * One option holds every mapping choice of docs/wordpress.md that is
 * marked "setting". Each has a WP-CLI flag of the same meaning.
 */
final class Anp_Settings {

	const OPTION = 'anp_importer_settings';

	/**
	 * The sources a taxonomy can take its terms from: a meta field, or the
	 * names of the meta.entities of one type ("entities:area").
	 */
	const TERM_SOURCE_PATTERN = '/^(?:[a-z0-9_]+|entities:[a-z0-9_]+)$/';

	/**
	 * The statuses an import may give: those a person picks in the editor.
	 * "future" is not one: WordPress schedules a published post whose date is
	 * ahead by itself, and an import's dates are past or now; "inherit",
	 * "auto-draft" and "trash" are WordPress's own bookkeeping.
	 */
	const POST_STATUSES = array( 'draft', 'pending', 'publish', 'private' );

	/**
	 * What an admin gets without touching a setting.
	 */
	public static function defaults(): array {
		return array(
			'post_status'  => 'draft',
			'post_type'    => 'post',
			'post_author'  => 0, // 0: the importing user, else the first administrator (Anp_Users::default_author()).
			'post_date'    => 'last_reviewed', // Or "import_time".
			'on_change'    => 'update', // Or "skip".
			'images'       => 'external', // Or "media" (download into the media library) or "none".
			'meta_box'     => true,
			'batch_size'   => 100,
			'taxonomy_map' => array(
				'category'          => 'entities:area',
				'post_tag'          => 'tools',
				'anp_stack'         => 'stack',
				'anp_problem'       => 'entities:problem',
				'anp_difficulty'    => 'difficulty',
				'anp_code_language' => 'code_language',
			),
		);
	}

	/**
	 * The stored settings over the defaults.
	 */
	public static function get(): array {
		$stored = function_exists( 'get_option' ) ? get_option( self::OPTION, array() ) : array();
		return self::sanitize( is_array( $stored ) ? $stored : array() );
	}

	/**
	 * Validates and stores settings.
	 *
	 * @param array $settings Any subset of the settings.
	 * @throws InvalidArgumentException When a value is not allowed.
	 */
	public static function save( array $settings ): array {
		$clean = self::validate_for_site( array_merge( self::get(), $settings ) );
		update_option( self::OPTION, $clean, false );
		return $clean;
	}

	/**
	 * Settings with every value checked.
	 *
	 * @param array $settings Settings as stored or as given.
	 * @throws InvalidArgumentException Naming the first value that is not allowed.
	 */
	public static function validate( array $settings ): array {
		$unknown = array_diff( array_keys( $settings ), array_keys( self::defaults() ) );
		if ( $unknown ) {
			throw new InvalidArgumentException( sprintf( 'unknown setting "%s"', reset( $unknown ) ) );
		}
		$settings = array_merge( self::defaults(), $settings );
		$allowed  = array(
			'post_date' => array( 'last_reviewed', 'import_time' ),
			'on_change' => array( 'update', 'skip' ),
			'images'    => array( 'external', 'media', 'none' ),
		);
		foreach ( $allowed as $key => $values ) {
			if ( ! in_array( $settings[ $key ], $values, true ) ) {
				throw new InvalidArgumentException( sprintf( 'setting "%s" must be one of %s', $key, implode( ', ', $values ) ) );
			}
		}
		if ( ! in_array( $settings['post_status'], self::POST_STATUSES, true ) ) {
			throw new InvalidArgumentException( sprintf( 'setting "post_status" is "%s"; expected one of %s', is_scalar( $settings['post_status'] ) ? $settings['post_status'] : gettype( $settings['post_status'] ), implode( ', ', self::POST_STATUSES ) ) );
		}
		if ( ! is_string( $settings['post_type'] ) || ! preg_match( '/^[a-z0-9_-]{1,20}$/', $settings['post_type'] ) ) {
			throw new InvalidArgumentException( 'setting "post_type" must be a post type name' );
		}
		foreach ( array( 'post_author', 'batch_size' ) as $key ) {
			if ( ! is_int( $settings[ $key ] ) || $settings[ $key ] < 0 ) {
				throw new InvalidArgumentException( sprintf( 'setting "%s" must be an integer of 0 or more', $key ) );
			}
		}
		if ( $settings['batch_size'] < 1 || $settings['batch_size'] > 5000 ) {
			throw new InvalidArgumentException( 'setting "batch_size" must be from 1 to 5000' );
		}
		if ( ! is_bool( $settings['meta_box'] ) ) {
			throw new InvalidArgumentException( 'setting "meta_box" must be true or false' );
		}
		if ( ! is_array( $settings['taxonomy_map'] ) ) {
			throw new InvalidArgumentException( 'setting "taxonomy_map" must map taxonomies to sources' );
		}
		foreach ( $settings['taxonomy_map'] as $taxonomy => $source ) {
			if ( ! is_string( $taxonomy ) || ! preg_match( '/^[a-z0-9_-]{1,32}$/', $taxonomy )
				|| ! is_string( $source ) || ! preg_match( self::TERM_SOURCE_PATTERN, $source ) ) {
				throw new InvalidArgumentException( sprintf( 'taxonomy_map: "%s" => "%s" is not a taxonomy and a meta field or entities:TYPE', $taxonomy, is_string( $source ) ? $source : gettype( $source ) ) );
			}
		}
		return $settings;
	}

	/**
	 * Settings checked against the site as well: a post type that is
	 * registered, public and edited with the editor (not "nav_menu_item",
	 * "attachment" or "revision"), and an author who can edit posts of that
	 * type. Not part of validate(): the stored settings are read at "init",
	 * before every plugin has registered its post types, and repairing them
	 * there would drop a type that is only late.
	 *
	 * @param array $settings Settings as stored or as given.
	 * @throws InvalidArgumentException Naming the first value that is not allowed, and what is.
	 */
	public static function validate_for_site( array $settings ): array {
		$settings = self::validate( $settings );
		self::check_post_type( $settings['post_type'] );
		if ( $settings['post_author'] ) {
			self::check_author( $settings['post_author'], $settings['post_type'] );
		}
		return $settings;
	}

	/**
	 * The post types an import may write: public, with the editor.
	 *
	 * @return string[]
	 */
	public static function post_types(): array {
		$types = array();
		foreach ( get_post_types( array( 'public' => true ), 'names' ) as $type ) {
			if ( 'attachment' !== $type && post_type_supports( $type, 'editor' ) ) {
				$types[] = $type;
			}
		}
		return $types;
	}

	/**
	 * @param string $post_type A post type's name.
	 * @throws InvalidArgumentException When an import may not write it.
	 */
	private static function check_post_type( string $post_type ): void {
		if ( ! in_array( $post_type, self::post_types(), true ) ) {
			throw new InvalidArgumentException( sprintf( 'setting "post_type" is "%s", which is not a public post type with the editor on this site; expected one of %s', $post_type, implode( ', ', self::post_types() ) ) );
		}
	}

	/**
	 * Checks that a user may author posts of a type: one who cannot edit
	 * them would own posts they cannot open.
	 *
	 * @param int    $user_id   The author.
	 * @param string $post_type A post type an import may write.
	 * @throws InvalidArgumentException When there is no such user, or they cannot edit those posts.
	 */
	public static function check_author( int $user_id, string $post_type ): void {
		$user = get_userdata( $user_id );
		if ( ! $user ) {
			throw new InvalidArgumentException( sprintf( 'setting "post_author" is %d, and there is no such user; expected a user who can edit posts of type "%s"', $user_id, $post_type ) );
		}
		$capability = get_post_type_object( $post_type )->cap->edit_posts;
		if ( ! user_can( $user, $capability ) ) {
			throw new InvalidArgumentException( sprintf( 'the author "%s" (user %d) cannot edit posts of type "%s" (%s); expected a user who can, such as an editor or an administrator', $user->user_login, $user_id, $post_type, $capability ) );
		}
	}

	/**
	 * Settings as stored, repaired to the defaults where a value went bad, so
	 * that a broken option never stops an import with a fatal error. A status
	 * is the exception: one stored before statuses were checked ("future", a
	 * plugin's own) is kept as it is, so that validate_for_site() refuses the
	 * import naming it and the settings page shows it, as it does a stored
	 * post type that is no longer public; made "draft" here, the import would
	 * publish differently without a word.
	 *
	 * @param array $stored The option's value.
	 */
	public static function sanitize( array $stored ): array {
		$settings = self::defaults();
		foreach ( $stored as $key => $value ) {
			if ( ! array_key_exists( $key, $settings ) ) {
				continue;
			}
			try {
				// Each value on its own: a refused one must not make the
				// others after it default too.
				self::validate( array_merge( self::defaults(), array( $key => $value ) ) );
				$settings[ $key ] = $value;
			} catch ( InvalidArgumentException $e ) {
				if ( 'post_status' === $key && is_string( $value ) && preg_match( '/^[a-z0-9_-]{1,20}$/', $value ) ) {
					$settings[ $key ] = $value;
				}
				continue; // Keep the default for this one.
			}
		}
		return $settings;
	}

	/**
	 * Why the stored settings cannot be used on this site, or null when
	 * they can: for the settings page, which shows it.
	 */
	public static function stored_problem(): ?string {
		try {
			self::validate_for_site( self::get() );
			return null;
		} catch ( InvalidArgumentException $e ) {
			return $e->getMessage();
		}
	}

	/**
	 * The settings as pretty JSON, to carry from staging to production.
	 */
	public static function export_json(): string {
		return wp_json_encode( self::get(), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) . "\n";
	}

	/**
	 * Stores settings read from JSON.
	 *
	 * @param string $json What export_json() wrote.
	 * @throws InvalidArgumentException When the JSON or a value is not valid.
	 */
	public static function import_json( string $json ): array {
		$settings = json_decode( $json, true );
		if ( ! is_array( $settings ) ) {
			throw new InvalidArgumentException( 'settings must be a JSON object: ' . json_last_error_msg() );
		}
		return self::save( $settings );
	}
}
