<?php
/**
 * Tools → Import → "ANP files".
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registered as WordPress registers importers (`register_importer`), so it
 * is listed with the others and opens at admin.php?import=anp. The page is
 * a form and empty places; assets/importer.js does the work through the
 * REST routes of Anp_Rest_Uploads: it sends the files, runs the dry run
 * and the import a step at a time, and draws the progress and the results.
 * Everything it shows goes in as text, never as markup.
 */
final class Anp_Importer_Page {

	const IMPORTER = 'anp';

	/** User meta: the user's upload whose import is not through, for the page to offer to resume. */
	const CURRENT = 'anp_current_upload';

	public static function register(): void {
		add_action( 'admin_init', array( self::class, 'register_importer' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( ANP_IMPORTER_FILE ), array( self::class, 'action_links' ) );
	}

	public static function register_importer(): void {
		// wp-admin/admin.php refuses a user who may not import with a 500;
		// this page says 403, as its REST routes do.
		if ( self::IMPORTER === ( $_GET['import'] ?? null ) && ! current_user_can( 'import' ) ) { // phpcs:ignore WordPress.Security.NonceVerification -- which page, not an action.
			wp_die( esc_html__( 'You are not allowed to import.', 'anp-importer' ), '', array( 'response' => 403 ) );
		}
		if ( ! function_exists( 'register_importer' ) ) {
			require_once ABSPATH . 'wp-admin/includes/import.php';
		}
		register_importer(
			self::IMPORTER,
			__( 'ANP files', 'anp-importer' ),
			__( 'Import ANP post files (.txt, .anp, or a .zip of them): a dry run first, then the import in steps, with rollback.', 'anp-importer' ),
			array( self::class, 'render' )
		);
	}

	/**
	 * The page's address.
	 */
	public static function url(): string {
		return admin_url( 'admin.php?import=' . self::IMPORTER );
	}

	/**
	 * An "Import" link beside the plugin's others on the Plugins screen.
	 *
	 * @param array $links The plugin's action links.
	 */
	public static function action_links( $links ) {
		if ( current_user_can( 'import' ) ) {
			array_unshift( $links, '<a href="' . esc_url( self::url() ) . '">' . esc_html__( 'Import', 'anp-importer' ) . '</a>' );
		}
		return $links;
	}

	public static function render(): void {
		Anp_Admin_Assets::page( 'import', 'importer' );
		wp_localize_script(
			'anp-importer',
			'anpImporter',
			array(
				'resume'         => self::resumable(),
				'maxUploadBytes' => (int) wp_max_upload_size(),
				'maxFiles'       => max( 1, (int) ini_get( 'max_file_uploads' ) ),
				'batchesUrl'     => Anp_Batches_Page::url(),
			)
		);
		$settings = Anp_Settings::get();
		?>
		<div class="wrap anp-importer">
			<h1><?php esc_html_e( 'Import ANP files', 'anp-importer' ); ?></h1>
			<div id="anp-notices" aria-live="polite"></div>

			<div id="anp-resume" class="notice notice-info" hidden>
				<p>
					<span id="anp-resume-text"></span>
					<button type="button" class="button button-primary" id="anp-resume-button"><?php esc_html_e( 'Resume', 'anp-importer' ); ?></button>
					<button type="button" class="button" id="anp-resume-discard"><?php esc_html_e( 'Start anew', 'anp-importer' ); ?></button>
				</p>
			</div>

			<form id="anp-upload-form">
				<div id="anp-drop" class="anp-drop" tabindex="0">
					<p><?php esc_html_e( 'Drop .txt or .anp files, or a .zip of them, here, or', 'anp-importer' ); ?></p>
					<label class="button" for="anp-files"><?php esc_html_e( 'Choose files', 'anp-importer' ); ?></label>
					<input type="file" id="anp-files" name="files[]" multiple accept=".txt,.anp,.zip" class="screen-reader-text">
					<p class="description">
						<?php
						/* translators: %s: the largest file the server takes, as "2 MB" */
						echo esc_html( sprintf( __( 'Largest file this server takes: %s.', 'anp-importer' ), size_format( wp_max_upload_size() ) ) );
						?>
					</p>
					<p id="anp-chosen" class="anp-chosen"></p>
				</div>
				<p>
					<label for="anp-status"><?php esc_html_e( 'Status of new posts', 'anp-importer' ); ?></label>
					<select id="anp-status" name="status">
						<option value=""><?php echo esc_html( sprintf( /* translators: %s: the status in the settings */ __( 'As in the settings (%s)', 'anp-importer' ), $settings['post_status'] ) ); ?></option>
						<option value="draft"><?php esc_html_e( 'Draft', 'anp-importer' ); ?></option>
						<option value="pending"><?php esc_html_e( 'Pending review', 'anp-importer' ); ?></option>
						<option value="publish"><?php esc_html_e( 'Published', 'anp-importer' ); ?></option>
						<option value="private"><?php esc_html_e( 'Private', 'anp-importer' ); ?></option>
					</select>
				</p>
				<p>
					<label><input type="checkbox" id="anp-dry-run" checked> <?php esc_html_e( 'Dry run first: show what would be created, updated, skipped or failed before anything is written', 'anp-importer' ); ?></label>
				</p>
				<p><button type="submit" class="button button-primary" id="anp-start" disabled><?php esc_html_e( 'Upload', 'anp-importer' ); ?></button></p>
			</form>

			<?php Anp_Admin_Assets::progress_box(); ?>

			<div id="anp-results" hidden>
				<h2 id="anp-results-title"></h2>
				<p id="anp-results-actions"></p>
				<table class="widefat striped anp-results-table">
					<thead><tr>
						<th scope="col"><?php esc_html_e( 'File', 'anp-importer' ); ?></th>
						<th scope="col"><?php esc_html_e( 'Outcome', 'anp-importer' ); ?></th>
						<th scope="col"><?php esc_html_e( 'Post, or why not', 'anp-importer' ); ?></th>
					</tr></thead>
					<tbody id="anp-results-rows"></tbody>
				</table>
			</div>
		</div>
		<?php
	}

	/**
	 * The current user's upload whose import is not through, for the page to
	 * offer: its id, or ''.
	 */
	private static function resumable(): string {
		$id = (string) get_user_meta( get_current_user_id(), self::CURRENT, true );
		if ( '' === $id ) {
			return '';
		}
		try {
			$job = Anp_Upload_Job::open( $id );
		} catch ( RuntimeException $e ) {
			$job = null;
		}
		if ( null === $job || 'finished' === ( $job->state()['phase'] ?? '' ) ) {
			delete_user_meta( get_current_user_id(), self::CURRENT );
			return '';
		}
		return $id;
	}
}
