<?php
/**
 * The `wp anp export` command.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Exports the site's ANP posts as WXR 1.2, for the WordPress importer.
 *
 * Runs under WP-CLI (`wp anp export`) and under the plugin's runner
 * (`php bin/anp --path=<wordpress> export`).
 */
final class Anp_Export_Command {

	/** @var Anp_Output */
	private $out;

	/**
	 * @param Anp_Output|null $out Where to write; WP-CLI when null.
	 */
	public function __construct( ?Anp_Output $out = null ) {
		$this->out = $out ?? new Anp_WP_CLI_Output();
	}

	/**
	 * Exports the ANP posts as WXR 1.2.
	 *
	 * Writes the posts the plugin imported (and the attachments they use:
	 * their children and featured images) in post id order, each item as
	 * WordPress's own export writes it, into files of at most --max_file_size
	 * each. Every file is a complete document with the authors and terms of
	 * its own items. Characters XML does not allow are dropped and counted; a
	 * post with invalid UTF-8 is left out and named, and the command then
	 * exits with code 1.
	 *
	 * ## OPTIONS
	 *
	 * [--dir=<dir>]
	 * : The folder of the files (default: the current folder). It must exist.
	 *
	 * [--stdout]
	 * : Write one document to standard output instead of files; the summary goes to standard error.
	 *
	 * [--max_file_size=<MB>]
	 * : Start a new file when the next post would take a file past this size, in MB (1024 x 1024 bytes). A post is never split: one larger than this gets a file of its own. -1 for one file; 0 for a file per post. Defaults to 15.
	 *
	 * [--filename_format=<format>]
	 * : The files' names: {site} (the site's name as a key), {date} (Y-m-d, UTC), {n} (the file's number: 000, 001, ...). Must hold {n} unless --max_file_size=-1. Defaults to {site}.wordpress.{date}.{n}.xml.
	 *
	 * [--post_status=<status>]
	 * : Only posts of this status (publish, draft, pending, ...).
	 *
	 * [--start_date=<date>]
	 * : Only posts dated on or after this day (post_date from 00:00:00).
	 *
	 * [--end_date=<date>]
	 * : Only posts dated on or before this day (post_date to 23:59:59); a month (2024-05) means its last day.
	 *
	 * [--batch=<id>]
	 * : Only the posts an import batch created or updated (the id `wp anp import` printed).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp export --dir=/tmp/export --max_file_size=0.3
	 *     Exporting  100% [==================================================] 0:00 / 0:00
	 *     +-----------------------------------------------------+-------+--------+
	 *     | path                                                | items | bytes  |
	 *     +-----------------------------------------------------+-------+--------+
	 *     | /tmp/export/anpsandbox.wordpress.2026-12-07.000.xml | 25    | 308413 |
	 *     | /tmp/export/anpsandbox.wordpress.2026-12-07.001.xml | 25    | 313949 |
	 *     | /tmp/export/anpsandbox.wordpress.2026-12-07.002.xml | 17    | 188023 |
	 *     +-----------------------------------------------------+-------+--------+
	 *     Success: Exported 67 items in 3 files, 810385 bytes.
	 *
	 *     $ wp anp export --stdout --post_status=pending > pending.xml
	 *     Exported 33 items to standard output, 398202 bytes.
	 *
	 * @when after_wp_load
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		if ( $args ) {
			$this->out->error( sprintf( 'wp anp export takes no arguments, only flags; got "%s"', $args[0] ) );
		}
		try {
			$options = Anp_Export_Options::from_flags( $assoc_args, (string) getcwd() );
		} catch ( InvalidArgumentException $e ) {
			$this->out->error( $e->getMessage() );
		}
		$observer = new Anp_CLI_Export_Observer( $this->out, ! $options->stdout );
		try {
			$report = ( new Anp_Exporter() )->export( $options, $observer );
		} catch ( InvalidArgumentException | RuntimeException $e ) {
			$observer->finish();
			$this->out->error( $e->getMessage() );
		}
		$observer->finish();
		$this->print_report( $report, $options );
		if ( $report->has_failures() ) {
			$this->out->halt( 1 );
		}
	}

	/**
	 * The files (unless the document went to standard output), the failed
	 * posts, and a last line with the totals.
	 */
	private function print_report( Anp_Export_Report $report, Anp_Export_Options $options ): void {
		if ( ! $options->stdout && $report->files ) {
			$this->out->items( 'table', $report->files, array( 'path', 'items', 'bytes' ) );
		}
		foreach ( $report->failures as $failure ) {
			$this->out->warning( $failure );
		}
		if ( $report->dropped ) {
			$this->out->warning( sprintf( '%d %s that XML does not allow (control characters, U+FFFE, U+FFFF) dropped from the items.', $report->dropped, 1 === $report->dropped ? 'character' : 'characters' ) );
		}
		$where   = $options->stdout ? 'to standard output' : sprintf( 'in %d %s', count( $report->files ), 1 === count( $report->files ) ? 'file' : 'files' );
		$summary = sprintf( 'Exported %d %s %s, %d bytes.', $report->items, 1 === $report->items ? 'item' : 'items', $where, $report->bytes );
		if ( $report->has_failures() ) {
			$this->out->warning( sprintf( '%s %d %s failed and %s left out.', $summary, count( $report->failures ), 1 === count( $report->failures ) ? 'post' : 'posts', 1 === count( $report->failures ) ? 'is' : 'are' ) );
		} elseif ( $options->stdout ) {
			// Standard output holds the document: the summary goes beside it.
			fwrite( STDERR, $summary . "\n" );
		} else {
			$this->out->success( $summary );
		}
	}
}
