<?php
/**
 * Tools → ANP batches: the last imports, each with a Roll back button.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The page is a table the script fills from GET /anp/v1/batches
 * (Anp_Rest_Batches); a rollback asks to confirm, then runs a step a
 * request, with a progress bar, as the import does.
 */
final class Anp_Batches_Page {

	const PAGE = 'anp-batches';

	public static function register(): void {
		add_action( 'admin_menu', array( self::class, 'add_page' ) );
	}

	public static function add_page(): void {
		add_management_page( __( 'ANP batches', 'anp-importer' ), __( 'ANP batches', 'anp-importer' ), 'import', self::PAGE, array( self::class, 'render' ) );
	}

	/**
	 * The page's address.
	 */
	public static function url(): string {
		return admin_url( 'tools.php?page=' . self::PAGE );
	}

	public static function render(): void {
		Anp_Admin_Assets::page( 'import', 'batches' );
		?>
		<div class="wrap anp-importer">
			<h1 class="wp-heading-inline"><?php esc_html_e( 'ANP batches', 'anp-importer' ); ?></h1>
			<a class="page-title-action" href="<?php echo esc_url( Anp_Importer_Page::url() ); ?>"><?php esc_html_e( 'Import files', 'anp-importer' ); ?></a>
			<hr class="wp-header-end">
			<div id="anp-notices" aria-live="polite"></div>
			<?php Anp_Admin_Assets::progress_box(); ?>
			<table class="widefat striped anp-results-table anp-batches">
				<thead><tr>
					<th scope="col"><?php esc_html_e( 'Batch', 'anp-importer' ); ?></th>
					<th scope="col"><?php esc_html_e( 'When', 'anp-importer' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Who', 'anp-importer' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Files', 'anp-importer' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Counts', 'anp-importer' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Status', 'anp-importer' ); ?></th>
					<th scope="col"><span class="screen-reader-text"><?php esc_html_e( 'Actions', 'anp-importer' ); ?></span></th>
				</tr></thead>
				<tbody id="anp-batches-rows"><tr><td colspan="7"><?php esc_html_e( 'Loading…', 'anp-importer' ); ?></td></tr></tbody>
			</table>
		</div>
		<?php
	}
}
