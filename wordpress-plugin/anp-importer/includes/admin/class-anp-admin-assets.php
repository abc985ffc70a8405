<?php
/**
 * What the plugin's wp-admin pages load and draw alike.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The importer, batches and export pages: the capability each asks for
 * (a 403 for anyone else), their script on the shared helpers of
 * assets/admin-ui.js, translated, their style, and the progress bar.
 */
final class Anp_Admin_Assets {

	/**
	 * Stops a user without the capability; loads the style, and the page's
	 * script (assets/<script>.js) with its translations.
	 *
	 * @param string      $capability What the page asks for.
	 * @param string|null $script     The page's script, without ".js"; null for none.
	 */
	public static function page( string $capability, ?string $script ): void {
		if ( ! current_user_can( $capability ) ) {
			wp_die( esc_html__( 'You are not allowed to open this page.', 'anp-importer' ), '', array( 'response' => 403 ) );
		}
		wp_enqueue_style( 'anp-admin', plugins_url( 'assets/importer.css', ANP_IMPORTER_FILE ), array(), ANP_IMPORTER_VERSION );
		if ( null === $script ) {
			return;
		}
		wp_register_script( 'anp-admin-ui', plugins_url( 'assets/admin-ui.js', ANP_IMPORTER_FILE ), array( 'wp-i18n' ), ANP_IMPORTER_VERSION, true );
		wp_set_script_translations( 'anp-admin-ui', 'anp-importer' );
		wp_enqueue_script( 'anp-' . $script, plugins_url( 'assets/' . $script . '.js', ANP_IMPORTER_FILE ), array( 'wp-api-fetch', 'wp-i18n', 'anp-admin-ui' ), ANP_IMPORTER_VERSION, true );
		wp_set_script_translations( 'anp-' . $script, 'anp-importer' );
	}

	/**
	 * The progress bar the page's script moves: role="progressbar" with
	 * aria-valuenow, labelled by its title, its words announced.
	 */
	public static function progress_box(): void {
		?>
		<div id="anp-progress-box" hidden>
			<h2 id="anp-progress-title"></h2>
			<div id="anp-progress" class="anp-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0" aria-labelledby="anp-progress-title">
				<div class="anp-progress-bar"></div>
			</div>
			<p id="anp-progress-text" aria-live="polite"></p>
			<ul id="anp-counts" class="anp-counts"></ul>
		</div>
		<?php
	}
}
