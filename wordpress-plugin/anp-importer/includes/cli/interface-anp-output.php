<?php
/**
 * Where the commands write: WP-CLI, or the plain PHP runner.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * The few things Anp_CLI_Command says, so that the same command class runs
 * under WP-CLI and under bin/anp on hosts that have no WP-CLI.
 */
interface Anp_Output {

	public function line( string $text ): void;

	public function success( string $text ): void;

	public function warning( string $text ): void;

	/**
	 * Reports an error and ends the command with exit code 1.
	 */
	public function error( string $text ): never;

	/**
	 * Ends the command with an exit code.
	 */
	public function halt( int $code ): never;

	/**
	 * A progress bar: an object with tick() and finish().
	 */
	public function progress( string $label, int $total );

	/**
	 * Rows as a table, JSON, CSV or YAML, as WP-CLI's format_items() does.
	 *
	 * @param string $format table, json, csv or yaml.
	 * @param array  $items  Rows (arrays).
	 * @param array  $fields The columns.
	 */
	public function items( string $format, array $items, array $fields ): void;
}
