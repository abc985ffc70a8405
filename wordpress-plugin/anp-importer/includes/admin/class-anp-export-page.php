<?php
/**
 * Tools → ANP export: the site's ANP posts as a WXR download, and ANP files
 * converted to one without importing them.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Two forms, each posted to admin-post.php with a nonce, for users who may
 * `export`:
 *
 * - export: `wp anp export --stdout` with the form's filters, streamed to
 *   the browser as a download (the writer writes as the posts are read:
 *   a large site does not exhaust memory);
 * - convert: the files go through Anp_Upload_Convert, the page comes back
 *   with what was converted and what failed (`file:line: reason`), and a
 *   button fetches the document.
 */
final class Anp_Export_Page {

	const PAGE = 'anp-export';

	/** User meta: the last conversion's outcome, shown once. */
	const CONVERTED = 'anp_last_conversion';

	public static function register(): void {
		add_action( 'admin_menu', array( self::class, 'add_page' ) );
		add_action( 'admin_post_anp_export', array( self::class, 'export' ) );
		add_action( 'admin_post_anp_convert', array( self::class, 'convert' ) );
		add_action( 'admin_post_anp_converted', array( self::class, 'converted' ) );
	}

	public static function add_page(): void {
		add_management_page( __( 'ANP export', 'anp-importer' ), __( 'ANP export', 'anp-importer' ), 'export', self::PAGE, array( self::class, 'render' ) );
	}

	/**
	 * The page's address.
	 */
	public static function url(): string {
		return admin_url( 'tools.php?page=' . self::PAGE );
	}

	public static function render(): void {
		Anp_Admin_Assets::page( 'export', null );
		$error = get_transient( 'anp_export_error_' . get_current_user_id() );
		delete_transient( 'anp_export_error_' . get_current_user_id() );
		try {
			$batches = Anp_Batches::recent( Anp_Rest_Batches::LISTED );
		} catch ( RuntimeException $e ) {
			$batches = array();
		}
		?>
		<div class="wrap anp-importer">
			<h1><?php esc_html_e( 'ANP export', 'anp-importer' ); ?></h1>
			<?php if ( is_string( $error ) && '' !== $error ) : ?>
				<div class="notice notice-error"><p><?php echo esc_html( $error ); ?></p></div>
			<?php endif; ?>
			<?php self::conversion_notice(); ?>

			<h2><?php esc_html_e( 'Export the site\'s ANP posts', 'anp-importer' ); ?></h2>
			<p><?php esc_html_e( 'One WordPress export (WXR) file of the posts imported from ANP files and the attachments they use, which the WordPress Importer loads on any site.', 'anp-importer' ); ?></p>
			<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>" id="anp-export-form">
				<input type="hidden" name="action" value="anp_export">
				<?php wp_nonce_field( 'anp_export' ); ?>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="anp-export-status"><?php esc_html_e( 'Status', 'anp-importer' ); ?></label></th>
						<td><select id="anp-export-status" name="post_status">
							<option value=""><?php esc_html_e( 'All', 'anp-importer' ); ?></option>
							<?php foreach ( array( 'publish', 'draft', 'pending', 'private', 'future' ) as $status ) : ?>
								<option value="<?php echo esc_attr( $status ); ?>"><?php echo esc_html( (string) get_post_status_object( $status )->label ); ?></option>
							<?php endforeach; ?>
						</select></td>
					</tr>
					<tr>
						<th scope="row"><?php esc_html_e( 'Date range', 'anp-importer' ); ?></th>
						<td>
							<label for="anp-export-start"><?php esc_html_e( 'From', 'anp-importer' ); ?></label>
							<input type="date" id="anp-export-start" name="start_date">
							<label for="anp-export-end"><?php esc_html_e( 'to', 'anp-importer' ); ?></label>
							<input type="date" id="anp-export-end" name="end_date">
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="anp-export-batch"><?php esc_html_e( 'Batch', 'anp-importer' ); ?></label></th>
						<td><select id="anp-export-batch" name="batch">
							<option value=""><?php esc_html_e( 'All', 'anp-importer' ); ?></option>
							<?php foreach ( $batches as $batch ) : ?>
								<option value="<?php echo esc_attr( $batch['id'] ); ?>"><?php echo esc_html( $batch['id'] . ' (' . $batch['started'] . ' UTC, ' . $batch['user'] . ')' ); ?></option>
							<?php endforeach; ?>
						</select></td>
					</tr>
				</table>
				<?php submit_button( __( 'Download the export file', 'anp-importer' ), 'primary', 'anp-export-submit' ); ?>
			</form>

			<h2><?php esc_html_e( 'Convert ANP files to WXR', 'anp-importer' ); ?></h2>
			<p><?php esc_html_e( 'ANP files (.txt, .anp, or a .zip of them) turned into one WordPress export file, mapped with this site\'s settings as an import would map them, without importing them.', 'anp-importer' ); ?></p>
			<form method="post" enctype="multipart/form-data" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>" id="anp-convert-form">
				<input type="hidden" name="action" value="anp_convert">
				<?php wp_nonce_field( 'anp_convert' ); ?>
				<p>
					<input type="file" id="anp-convert-files" name="files[]" multiple accept=".txt,.anp,.zip">
					<span class="description">
						<?php
						/* translators: 1: the largest upload, as "2 MB"; 2: how many files a request may carry */
						echo esc_html( sprintf( __( 'Up to %1$s and %2$d files at once.', 'anp-importer' ), size_format( wp_max_upload_size() ), (int) ini_get( 'max_file_uploads' ) ) );
						?>
					</span>
				</p>
				<?php submit_button( __( 'Convert', 'anp-importer' ), 'secondary', 'anp-convert-submit' ); ?>
			</form>
		</div>
		<?php
	}

	/**
	 * admin-post.php?action=anp_export: the download.
	 */
	public static function export(): void {
		self::check( 'anp_export' );
		$flags = array( 'stdout' => true );
		foreach ( array( 'post_status', 'start_date', 'end_date', 'batch' ) as $field ) {
			$value = isset( $_POST[ $field ] ) ? sanitize_text_field( wp_unslash( $_POST[ $field ] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- check() did.
			if ( '' !== $value ) {
				$flags[ $field ] = $value;
			}
		}
		try {
			$options = Anp_Export_Options::from_flags( $flags, get_temp_dir() );
		} catch ( InvalidArgumentException $e ) {
			self::back_with_error( $e->getMessage() );
		}
		$name = sanitize_file_name( Anp_Exporter::site_name() . '.wordpress.' . gmdate( 'Y-m-d' ) . '.xml' );
		nocache_headers();
		header( 'Content-Description: File Transfer' );
		header( 'Content-Disposition: attachment; filename=' . $name );
		header( 'Content-Type: text/xml; charset=' . get_option( 'blog_charset' ), true );
		$out = fopen( 'php://output', 'wb' ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		try {
			( new Anp_Exporter() )->export( $options, null, $out );
		} catch ( RuntimeException $e ) {
			// The download has begun: the error can only go to the site's log.
			error_log( 'ANP Importer: the export stopped: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
		}
		fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		exit;
	}

	/**
	 * admin-post.php?action=anp_convert: the files converted, then the page again.
	 */
	public static function convert(): void {
		self::check( 'anp_convert' );
		$field    = $_FILES['files'] ?? array(); // phpcs:ignore WordPress.Security.NonceVerification,WordPress.Security.ValidatedSanitizedInput -- check() did; the names are only shown, escaped.
		$uploaded = array();
		foreach ( (array) ( $field['tmp_name'] ?? array() ) as $i => $tmp ) {
			$uploaded[] = array( (string) $tmp, (string) ( ( (array) $field['name'] )[ $i ] ?? '' ), (int) ( ( (array) $field['error'] )[ $i ] ?? UPLOAD_ERR_NO_FILE ) );
		}
		if ( ! $uploaded ) {
			self::back_with_error( __( 'Choose the files to convert first.', 'anp-importer' ) );
		}
		try {
			$outcome = Anp_Upload_Convert::convert( $uploaded );
		} catch ( InvalidArgumentException | RuntimeException $e ) {
			self::back_with_error( $e->getMessage() );
		}
		update_user_meta( get_current_user_id(), self::CONVERTED, $outcome );
		wp_safe_redirect( self::url() );
		exit;
	}

	/**
	 * admin-post.php?action=anp_converted&upload=<id>: the converted document.
	 */
	public static function converted(): void {
		self::check( 'anp_converted' );
		$id = isset( $_GET['upload'] ) ? sanitize_key( wp_unslash( $_GET['upload'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- check() did.
		if ( null === Anp_Upload_Convert::size( $id ) ) {
			self::back_with_error( __( 'That converted file is gone: it was downloaded already, or is more than a day old. Convert the files again.', 'anp-importer' ) );
		}
		nocache_headers();
		header( 'Content-Description: File Transfer' );
		header( 'Content-Disposition: attachment; filename=' . sanitize_file_name( 'anp-converted.' . gmdate( 'Y-m-d' ) . '.xml' ) );
		header( 'Content-Type: text/xml; charset=UTF-8', true );
		$out = fopen( 'php://output', 'wb' ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		try {
			Anp_Upload_Convert::download( $id, $out );
		} catch ( RuntimeException $e ) {
			error_log( 'ANP Importer: the converted file could not be sent: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
		}
		fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		exit;
	}

	/**
	 * The last conversion's outcome, once: counts, refused files and
	 * failures as text, and the button that fetches the document.
	 */
	private static function conversion_notice(): void {
		$outcome = get_user_meta( get_current_user_id(), self::CONVERTED, true );
		if ( ! is_array( $outcome ) ) {
			return;
		}
		delete_user_meta( get_current_user_id(), self::CONVERTED );
		$failed = count( $outcome['failures'] ) + count( $outcome['refused'] );
		?>
		<div class="notice <?php echo esc_attr( $failed ? 'notice-warning' : 'notice-success' ); ?>" id="anp-conversion">
			<p>
				<?php
				/* translators: 1: files converted, 2: files skipped (a second file of one post), 3: files that failed or were refused */
				echo esc_html( sprintf( __( '%1$d files converted, %2$d skipped, %3$d failed.', 'anp-importer' ), $outcome['converted'], $outcome['skipped'], $failed ) );
				?>
			</p>
			<?php if ( $failed ) : ?>
				<ul class="anp-failures">
					<?php foreach ( $outcome['refused'] as $message ) : ?>
						<li><?php echo esc_html( $message ); ?></li>
					<?php endforeach; ?>
					<?php foreach ( $outcome['failures'] as $failure ) : ?>
						<li><?php echo esc_html( $failure['name'] . ':' . $failure['line'] . ': ' . $failure['reason'] ); ?></li>
					<?php endforeach; ?>
				</ul>
			<?php endif; ?>
			<?php if ( '' !== $outcome['id'] ) : ?>
				<p><a class="button button-primary" id="anp-converted-download" href="<?php echo esc_url( wp_nonce_url( admin_url( 'admin-post.php?action=anp_converted&upload=' . $outcome['id'] ), 'anp_converted' ) ); ?>">
					<?php
					/* translators: %s: the file's size, as "2 MB" */
					echo esc_html( sprintf( __( 'Download the WXR file (%s)', 'anp-importer' ), size_format( (int) Anp_Upload_Convert::size( $outcome['id'] ) ) ) );
					?>
				</a></p>
			<?php endif; ?>
		</div>
		<?php
	}

	/**
	 * Stops a request of a user who may not export, or without this form's nonce.
	 *
	 * @param string $action The nonce's action.
	 */
	private static function check( string $action ): void {
		if ( ! current_user_can( 'export' ) ) {
			wp_die( esc_html__( 'You are not allowed to export.', 'anp-importer' ), '', array( 'response' => 403 ) );
		}
		if ( ! wp_verify_nonce( isset( $_REQUEST['_wpnonce'] ) ? sanitize_key( wp_unslash( $_REQUEST['_wpnonce'] ) ) : '', $action ) ) {
			wp_die( esc_html__( 'The link or form has expired: open the page again.', 'anp-importer' ), '', array( 'response' => 403 ) );
		}
	}

	/**
	 * Back to the page, which shows the message.
	 *
	 * @param string $message What went wrong.
	 */
	private static function back_with_error( string $message ): void {
		set_transient( 'anp_export_error_' . get_current_user_id(), $message, 300 );
		wp_safe_redirect( self::url() );
		exit;
	}
}
