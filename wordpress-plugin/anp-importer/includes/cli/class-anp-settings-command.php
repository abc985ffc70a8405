<?php
/**
 * The `wp anp settings` commands.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Exports and imports the plugin's settings as JSON.
 *
 * To carry them from one site to another: from staging to production, say.
 */
final class Anp_Settings_Command {

	/** @var Anp_Output */
	private $out;

	/**
	 * @param Anp_Output|null $out Where to write; WP-CLI when null.
	 */
	public function __construct( ?Anp_Output $out = null ) {
		$this->out = $out ?? new Anp_WP_CLI_Output();
	}

	/**
	 * Prints the plugin's settings as JSON.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp settings export > anp-settings.json
	 *
	 *     $ wp anp settings export
	 *     {
	 *         "post_status": "draft",
	 *         "post_type": "post",
	 *         ...
	 *     }
	 *
	 * @when after_wp_load
	 */
	public function export( array $args, array $assoc_args ): void {
		$this->out->line( rtrim( Anp_Settings::export_json() ) );
	}

	/**
	 * Stores settings from JSON that `wp anp settings export` wrote.
	 *
	 * Every value is checked first; one that is not valid keeps all the old
	 * settings and says which.
	 *
	 * ## OPTIONS
	 *
	 * [<file>]
	 * : The JSON file; standard input when absent.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp settings import anp-settings.json
	 *     Success: Settings imported.
	 *
	 *     $ wp anp settings export | ssh production wp anp settings import
	 *     Success: Settings imported.
	 *
	 * @when after_wp_load
	 */
	public function import( array $args, array $assoc_args ): void {
		$source = $args[0] ?? 'php://stdin';
		$json   = file_get_contents( $source ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file or stdin.
		if ( false === $json ) {
			$this->out->error( sprintf( 'cannot read %s', $source ) );
		}
		try {
			Anp_Settings::import_json( $json );
		} catch ( InvalidArgumentException $e ) {
			$this->out->error( $source . ': ' . $e->getMessage() );
		}
		$this->out->success( 'Settings imported.' );
	}
}
