<?php
/**
 * Settings → ANP Importer in wp-admin.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Every setting of Anp_Settings on one page, through the Settings API, and
 * which parser the site uses. The page only turns form fields into settings
 * and back; Anp_Settings validates, as it does for `wp anp settings import`.
 */
final class Anp_Settings_Page {

	const PAGE  = 'anp-importer';
	const GROUP = 'anp_importer';

	/**
	 * Set once a submission was refused, so that WordPress's second pass
	 * through the sanitize callback (when the option is first added) does
	 * not show the message twice.
	 *
	 * @var bool
	 */
	private static $refused = false;

	public static function register(): void {
		add_action( 'admin_menu', array( self::class, 'add_page' ) );
		add_action( 'admin_init', array( self::class, 'register_fields' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( ANP_IMPORTER_FILE ), array( self::class, 'action_links' ) );
	}

	public static function add_page(): void {
		add_options_page(
			__( 'ANP Importer', 'anp-importer' ),
			__( 'ANP Importer', 'anp-importer' ),
			'manage_options',
			self::PAGE,
			array( self::class, 'render' )
		);
	}

	/**
	 * A "Settings" link beside Deactivate on the Plugins screen.
	 *
	 * @param array $links The plugin's action links.
	 */
	public static function action_links( $links ) {
		$url = admin_url( 'options-general.php?page=' . self::PAGE );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'anp-importer' ) . '</a>' );
		return $links;
	}

	public static function register_fields(): void {
		register_setting(
			self::GROUP,
			Anp_Settings::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( self::class, 'sanitize' ),
				'default'           => Anp_Settings::defaults(),
			)
		);
		add_settings_section( 'anp_posts', __( 'New posts', 'anp-importer' ), '__return_null', self::PAGE );
		add_settings_section( 'anp_import', __( 'Import', 'anp-importer' ), '__return_null', self::PAGE );
		add_settings_section( 'anp_taxonomies', __( 'Taxonomies', 'anp-importer' ), array( self::class, 'taxonomies_intro' ), self::PAGE );
		add_settings_section( 'anp_front_end', __( 'Front end', 'anp-importer' ), '__return_null', self::PAGE );

		$fields = array(
			'post_status'  => array( 'anp_posts', __( 'Status', 'anp-importer' ), 'status_field' ),
			'post_type'    => array( 'anp_posts', __( 'Post type', 'anp-importer' ), 'post_type_field' ),
			'post_author'  => array( 'anp_posts', __( 'Author', 'anp-importer' ), 'author_field' ),
			'post_date'    => array( 'anp_posts', __( 'Date', 'anp-importer' ), 'date_field' ),
			'images'       => array( 'anp_posts', __( 'Images', 'anp-importer' ), 'images_field' ),
			'on_change'    => array( 'anp_import', __( 'A file that changed', 'anp-importer' ), 'on_change_field' ),
			'batch_size'   => array( 'anp_import', __( 'Posts per transaction', 'anp-importer' ), 'batch_size_field' ),
			'taxonomy_map' => array( 'anp_taxonomies', __( 'Terms from', 'anp-importer' ), 'taxonomy_map_field' ),
			'meta_box'     => array( 'anp_front_end', __( 'Meta box', 'anp-importer' ), 'meta_box_field' ),
		);
		foreach ( $fields as $key => list( $section, $label, $callback ) ) {
			add_settings_field(
				'anp_' . $key,
				$label,
				array( self::class, $callback ),
				self::PAGE,
				$section,
				// Radio buttons and the taxonomy table label themselves.
				in_array( $key, array( 'post_status', 'post_type', 'post_author', 'batch_size' ), true ) ? array( 'label_for' => 'anp_' . $key ) : array()
			);
		}
	}

	/**
	 * The form's fields as settings, validated; when a value is refused, the
	 * settings stay as they were and the page says why.
	 *
	 * @param mixed $input What the form sent (or what Anp_Settings::save() stores).
	 */
	public static function sanitize( $input ) {
		$current = Anp_Settings::get();
		if ( ! is_array( $input ) ) {
			return $current;
		}
		try {
			return Anp_Settings::validate_for_site( array_merge( $current, self::from_form( $input ) ) );
		} catch ( InvalidArgumentException $e ) {
			if ( ! self::$refused ) {
				self::$refused = true;
				// settings_errors() prints messages as HTML, and this one
				// repeats what was typed.
				/* translators: %s: what is wrong with the value. */
				add_settings_error( Anp_Settings::OPTION, 'anp_invalid', sprintf( esc_html__( 'Settings not saved: %s.', 'anp-importer' ), esc_html( $e->getMessage() ) ) );
			}
			return $current;
		}
	}

	/**
	 * Form strings as typed settings. Values that are typed already (from
	 * Anp_Settings::save()) pass as they are.
	 *
	 * @param array $input The form's fields.
	 */
	public static function from_form( array $input ): array {
		foreach ( array( 'post_author', 'batch_size' ) as $key ) {
			if ( isset( $input[ $key ] ) && is_string( $input[ $key ] ) && preg_match( '/^\s*\d+\s*$/', $input[ $key ] ) ) {
				$input[ $key ] = (int) $input[ $key ];
			}
		}
		if ( isset( $input['meta_box'] ) && is_string( $input['meta_box'] ) ) {
			$input['meta_box'] = '1' === $input['meta_box'];
		}
		if ( isset( $input['taxonomy_map'] ) && is_array( $input['taxonomy_map'] ) ) {
			$map = array();
			foreach ( $input['taxonomy_map'] as $taxonomy => $source ) {
				$source = is_string( $source ) ? trim( $source ) : $source;
				if ( '' !== $source ) { // An empty source: the taxonomy gets no terms.
					$map[ $taxonomy ] = $source;
				}
			}
			$input['taxonomy_map'] = $map;
		}
		return $input;
	}

	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		?>
		<div class="wrap">
			<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
			<?php self::render_stored_problem(); ?>
			<?php self::render_status(); ?>
			<form action="options.php" method="post">
				<?php
				settings_fields( self::GROUP );
				do_settings_sections( self::PAGE );
				submit_button();
				?>
			</form>
		</div>
		<?php
	}

	/**
	 * Stored settings that an import refuses (a status or post type stored
	 * before they were checked): said here, since the fields below can only
	 * show the values allowed.
	 */
	public static function render_stored_problem(): void {
		$problem = Anp_Settings::stored_problem();
		if ( null === $problem ) {
			return;
		}
		/* translators: %s: what is wrong with the stored value. */
		echo '<div class="notice notice-error"><p>' . esc_html( sprintf( __( 'Imports are refused until the settings are saved again: %s.', 'anp-importer' ), $problem ) ) . '</p></div>';
	}

	/**
	 * Which parser imports run on, and what was imported.
	 */
	private static function render_status(): void {
		$status = Anp_Status::collect();
		$parser = 'extension' === $status['parser']
			/* translators: %s: version of the anp PHP extension. */
			? sprintf( __( 'the anp PHP extension %s (fast, in C)', 'anp-importer' ), $status['extension_version'] )
			: __( 'the plugin\'s pure-PHP parser (the anp extension is not loaded; imports are slower)', 'anp-importer' );
		$writer = 'extension' === $status['wxr_writer']
			? __( 'the anp PHP extension (in C, on libxml2)', 'anp-importer' )
			: __( 'the plugin\'s PHP writer on XMLWriter (the anp extension is not loaded; exports are slower)', 'anp-importer' );
		?>
		<table class="widefat striped anp-status" style="max-width: 48em; margin: 1em 0;">
			<tbody>
				<tr><th scope="row"><?php esc_html_e( 'Parser in use', 'anp-importer' ); ?></th><td id="anp-status-parser"><?php echo esc_html( $parser ); ?></td></tr>
				<tr><th scope="row"><?php esc_html_e( 'WXR writer in use', 'anp-importer' ); ?></th><td id="anp-status-wxr-writer"><?php echo esc_html( $writer ); ?></td></tr>
				<tr><th scope="row"><?php esc_html_e( 'Imported posts', 'anp-importer' ); ?></th><td><?php echo esc_html( number_format_i18n( $status['imported_posts'] ) ); ?></td></tr>
				<tr><th scope="row"><?php esc_html_e( 'Last batch', 'anp-importer' ); ?></th><td><code><?php echo esc_html( '' === $status['last_batch'] ? '—' : $status['last_batch'] ); ?></code></td></tr>
				<?php /* Each: "<batch>: <n> of <m> groups written, workers: <host pid>, …", as `wp anp status` prints it. */ ?>
				<tr><th scope="row"><?php esc_html_e( 'Batches not finished', 'anp-importer' ); ?></th><td id="anp-status-running"><?php echo esc_html( '' === $status['running_batches'] ? '—' : $status['running_batches'] ); ?></td></tr>
			</tbody>
		</table>
		<p>
			<?php
			echo wp_kses(
				sprintf(
					/* translators: %s: the address of Tools → Import → ANP files */
					__( 'Import from <a href="%s">Tools → Import → ANP files</a>, or from WP-CLI: <code>wp anp import &lt;path&gt;…</code>. Each setting below has a flag of the same meaning.', 'anp-importer' ),
					esc_url( Anp_Importer_Page::url() )
				),
				array(
					'a'    => array( 'href' => array() ),
					'code' => array(),
				)
			);
			?>
		</p>
		<?php
	}

	/**
	 * The name of a form field for a setting.
	 *
	 * @param string $key    The setting.
	 * @param string $subkey A key within it (taxonomy_map).
	 */
	private static function name( string $key, string $subkey = '' ): string {
		return Anp_Settings::OPTION . '[' . $key . ']' . ( '' === $subkey ? '' : '[' . $subkey . ']' );
	}

	/**
	 * A select of value => label.
	 */
	private static function select( string $key, array $choices, string $current ): void {
		echo '<select id="anp_' . esc_attr( $key ) . '" name="' . esc_attr( self::name( $key ) ) . '">';
		if ( ! array_key_exists( $current, $choices ) ) {
			$choices[ $current ] = $current; // A value set from WP-CLI stays selectable.
		}
		foreach ( $choices as $value => $label ) {
			echo '<option value="' . esc_attr( (string) $value ) . '"' . selected( (string) $value, $current, false ) . '>' . esc_html( $label ) . '</option>';
		}
		echo '</select>';
	}

	/**
	 * Radio buttons of value => label.
	 */
	private static function radios( string $key, array $choices, string $current, string $legend ): void {
		echo '<fieldset id="anp_' . esc_attr( $key ) . '"><legend class="screen-reader-text">' . esc_html( $legend ) . '</legend>';
		foreach ( $choices as $value => $label ) {
			echo '<label><input type="radio" name="' . esc_attr( self::name( $key ) ) . '" value="' . esc_attr( $value ) . '"' . checked( $value, $current, false ) . '> ' . esc_html( $label ) . '</label><br>';
		}
		echo '</fieldset>';
	}

	private static function description( string $text ): void {
		echo '<p class="description">' . esc_html( $text ) . '</p>';
	}

	public static function status_field(): void {
		self::select(
			'post_status',
			array(
				'draft'   => __( 'Draft', 'anp-importer' ),
				'pending' => __( 'Pending review', 'anp-importer' ),
				'publish' => __( 'Published', 'anp-importer' ),
				'private' => __( 'Private', 'anp-importer' ),
			),
			Anp_Settings::get()['post_status']
		);
		self::description( __( 'A post flagged "needs human review" is never published by an import: it goes to Pending review. Flag: --status.', 'anp-importer' ) );
	}

	public static function post_type_field(): void {
		$choices = array();
		foreach ( Anp_Settings::post_types() as $type ) {
			$choices[ $type ] = get_post_type_object( $type )->labels->singular_name;
		}
		self::select( 'post_type', $choices, Anp_Settings::get()['post_type'] );
		self::description( __( 'Flag: --post-type.', 'anp-importer' ) );
	}

	public static function author_field(): void {
		wp_dropdown_users(
			array(
				'id'                => 'anp_post_author',
				'name'              => self::name( 'post_author' ),
				'selected'          => Anp_Settings::get()['post_author'],
				'capability'        => array( 'edit_posts' ),
				'show_option_none'  => __( 'The user who runs the import', 'anp-importer' ),
				'option_none_value' => 0,
			)
		);
		self::description( __( 'Flag: --author.', 'anp-importer' ) );
	}

	public static function date_field(): void {
		self::radios(
			'post_date',
			array(
				'last_reviewed' => __( 'The date the post was last reviewed (revision.last_reviewed)', 'anp-importer' ),
				'import_time'   => __( 'The time of the import', 'anp-importer' ),
			),
			Anp_Settings::get()['post_date'],
			__( 'Date', 'anp-importer' )
		);
		self::description( __( 'Flag: --post-date.', 'anp-importer' ) );
	}

	public static function images_field(): void {
		self::radios(
			'images',
			array(
				'external' => __( 'Link to the image where it is (external URL)', 'anp-importer' ),
				'media'    => __( 'Download into the media library, make the first one the featured image', 'anp-importer' ),
				'none'     => __( 'Leave images out', 'anp-importer' ),
			),
			Anp_Settings::get()['images'],
			__( 'Images', 'anp-importer' )
		);
		self::description( __( 'Flag: --images.', 'anp-importer' ) );
	}

	public static function on_change_field(): void {
		self::radios(
			'on_change',
			array(
				'update' => __( 'Update its post (a revision keeps what it was)', 'anp-importer' ),
				'skip'   => __( 'Skip it: the post stays as it is', 'anp-importer' ),
			),
			Anp_Settings::get()['on_change'],
			__( 'A file that changed', 'anp-importer' )
		);
		self::description( __( 'An unchanged file is always skipped. Flag: --on-change.', 'anp-importer' ) );
	}

	public static function batch_size_field(): void {
		printf(
			'<input type="number" id="anp_batch_size" name="%s" value="%d" min="1" max="5000" step="1" class="small-text">',
			esc_attr( self::name( 'batch_size' ) ),
			(int) Anp_Settings::get()['batch_size']
		);
		self::description( __( 'Posts written in one database transaction: larger is faster, smaller holds locks for less time. Flag: --batch-size.', 'anp-importer' ) );
	}

	public static function taxonomies_intro(): void {
		echo '<p>' . esc_html__( 'Which field of a post gives the terms of each taxonomy: a meta field (stack, tools, difficulty, code_language, …) or the names of the entities of one type (entities:area). Leave a field empty to give that taxonomy no terms.', 'anp-importer' ) . '</p>';
	}

	public static function taxonomy_map_field(): void {
		$map = Anp_Settings::get()['taxonomy_map'] + array_fill_keys( array_keys( Anp_Settings::defaults()['taxonomy_map'] ), '' );
		echo '<table id="anp_taxonomy_map" class="anp-taxonomy-map"><tbody>';
		foreach ( $map as $taxonomy => $source ) {
			$taxonomy_object = get_taxonomy( $taxonomy );
			$label           = $taxonomy_object ? $taxonomy_object->labels->name . ' (' . $taxonomy . ')' : $taxonomy;
			$id              = 'anp_taxonomy_map_' . $taxonomy;
			printf(
				'<tr><td><label for="%1$s">%2$s</label></td><td><input type="text" id="%1$s" name="%3$s" value="%4$s" class="regular-text code" pattern="[a-z0-9_]+|entities:[a-z0-9_]+"></td></tr>',
				esc_attr( $id ),
				esc_html( $label ),
				esc_attr( self::name( 'taxonomy_map', $taxonomy ) ),
				esc_attr( $source )
			);
		}
		echo '</tbody></table>';
		self::description( __( 'Flag: --taxonomy-map (JSON, e.g. {"post_tag":"stack"}).', 'anp-importer' ) );
	}

	public static function meta_box_field(): void {
		// The hidden 0 is what the form sends when the box is unticked.
		printf(
			'<input type="hidden" name="%1$s" value="0"><label><input type="checkbox" id="anp_meta_box" name="%1$s" value="1"%2$s> %3$s</label>',
			esc_attr( self::name( 'meta_box' ) ),
			checked( Anp_Settings::get()['meta_box'], true, false ),
			esc_html__( 'Show difficulty, reading time, stack, tools, checklist and score under each imported post', 'anp-importer' )
		);
	}
}
