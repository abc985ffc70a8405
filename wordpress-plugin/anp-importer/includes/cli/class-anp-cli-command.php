<?php
/**
 * The `wp anp` commands.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Imports ANP post files into WordPress, and undoes imports.
 *
 * Runs under WP-CLI (`wp anp …`) and, for hosts with no WP-CLI, under the
 * plugin's own runner (`php bin/anp --path=<wordpress> …`), which hands the
 * same arguments to the same methods.
 */
final class Anp_CLI_Command {

	/** @var Anp_Output */
	private $out;

	/**
	 * @param Anp_Output|null $out Where to write; WP-CLI when null.
	 */
	public function __construct( ?Anp_Output $out = null ) {
		$this->out = $out ?? new Anp_WP_CLI_Output();
	}

	/**
	 * Imports ANP files.
	 *
	 * Files are matched to posts by their reference (or source id, or content
	 * hash): importing a file twice never makes two posts. An unchanged file is
	 * skipped; a changed one updates its post and keeps a revision. Each run is
	 * a batch that `wp anp rollback` can undo. A run that was cut short resumes
	 * its batch when started again with the same arguments.
	 *
	 * ## OPTIONS
	 *
	 * <path>...
	 * : Files, folders (their .txt and .anp files, recursively) or glob patterns. Symbolic links and other files that are not regular files in a folder or a glob's matches are skipped, with a warning; a file named on its own may be a link.
	 *
	 * [--dry-run]
	 * : List what would happen to each file (create, update, skip, fail) and, for an update, which fields, meta keys and taxonomies would change; write nothing.
	 *
	 * [--status=<status>]
	 * : Status of new posts: draft, pending, publish or private. A post flagged "needs human review" is pending whatever this says.
	 *
	 * [--author=<id|login|email>]
	 * : Author of new posts: a user id, login or email. Defaults to the post_author setting, else the user the command runs as (--user), else the site's first administrator.
	 *
	 * [--post-type=<type>]
	 * : Post type of new posts: a registered, public type that uses the editor. An update keeps a post's type.
	 *
	 * [--on-change=<action>]
	 * : What to do with a file that changed since it was imported.
	 * ---
	 * options:
	 *   - update
	 *   - skip
	 * ---
	 *
	 * [--post-date=<date>]
	 * : The date of new and updated posts.
	 * ---
	 * options:
	 *   - last_reviewed
	 *   - import_time
	 * ---
	 *
	 * [--images=<images>]
	 * : Link images where they are, download them into the media library (the first one becomes the featured image), or leave them out.
	 * ---
	 * options:
	 *   - external
	 *   - media
	 *   - none
	 * ---
	 *
	 * [--taxonomy-map=<json>]
	 * : Which field feeds which taxonomy, as JSON: {"post_tag":"tools","category":"entities:area"}. Replaces the setting's whole map.
	 *
	 * [--batch-size=<n>]
	 * : Posts written per database transaction.
	 *
	 * [--workers=<n>]
	 * : Import with n processes at once, which share the batch's files (1 to 32; default 1). The same command started on other machines that see the files at the same paths joins the same batch.
	 *
	 * [--format=<format>]
	 * : How to print the report. JSON adds each parse warning with its file and line, and in a dry run each file.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp import posts/
	 *     Importing  100% [====================] 0:01 / 0:01
	 *     +---------+---------+---------+--------+----------+
	 *     | created | updated | skipped | failed | warnings |
	 *     +---------+---------+---------+--------+----------+
	 *     | 5       | 0       | 0       | 0      | 1        |
	 *     +---------+---------+---------+--------+----------+
	 *     Success: Batch 20261121-101500-k2f9qa: 5 created, 0 updated, 0 skipped, 0 failed.
	 *
	 *     $ wp anp import posts/ --dry-run
	 *     +---------------+--------+---------+----------------------------------+
	 *     | file          | action | post_id | changes                          |
	 *     +---------------+--------+---------+----------------------------------+
	 *     | posts/000.txt | skip   | 12      |                                  |
	 *     | posts/002.txt | update | 14      | meta: anp_tools; terms: post_tag |
	 *     +---------------+--------+---------+----------------------------------+
	 *     Dry run, nothing written: 0 created, 1 updated, 1 skipped, 0 failed.
	 *
	 *     $ wp anp import broken.txt --format=json
	 *     {"batch":"20261121-101600-x81mzd","dry_run":false,"resumed":false,"created":0,"updated":0,"skipped":0,"failed":1,"failures":[{"path":"broken.txt","line":1,"reason":"empty input; expected a title line"}],"warnings":[]}
	 *
	 * @when after_wp_load
	 */
	public function import( array $args, array $assoc_args ): void {
		if ( ! $args ) {
			$this->out->error( 'expected files or folders: wp anp import <path>...' );
		}
		$finder = new Anp_File_Finder();
		$files  = $finder->find( $args );
		$format = $assoc_args['format'] ?? 'table';
		if ( isset( $assoc_args['workers'] ) && '1' !== (string) $assoc_args['workers'] && $files ) {
			$this->import_with_workers( $files, $finder, $assoc_args, $format );
			return;
		}
		try {
			$options        = Anp_Import_Options::from_flags( Anp_Settings::get(), $assoc_args );
			$options->batch = (string) getenv( Anp_CLI_Workers::BATCH ); // A worker of --workers: the batch its parent opened.
			$observer       = new Anp_CLI_Import_Observer( $this->out, 'table' === $format ? ( $options->dry_run ? 'Checking' : 'Importing' ) : null, $options->dry_run );
			$report         = ( new Anp_Importer() )->import( $files, $options, $observer );
		} catch ( InvalidArgumentException | RuntimeException $e ) {
			$this->out->error( $e->getMessage() );
		}
		$observer->finish();
		// A worker's parent reports the paths that are missing, once.
		foreach ( '' === $options->batch ? $finder->missing() : array() as $path ) {
			$report->fail( $path, 1, 'no such file or folder' );
		}
		$this->print_report( $report, $observer, $format, self::skipped_warnings( $finder->skipped() ) );
		if ( $report->has_failures() ) {
			$this->out->halt( 1 );
		}
	}

	/**
	 * The import as --workers=<n> processes, each the same command.
	 *
	 * @param string[]        $files      The files found.
	 * @param Anp_File_Finder $finder     What found them (and the paths that are missing).
	 * @param array           $assoc_args The flags.
	 * @param string          $format     table or json.
	 */
	private function import_with_workers( array $files, Anp_File_Finder $finder, array $assoc_args, string $format ): void {
		$workers = (string) $assoc_args['workers'];
		if ( ! ctype_digit( $workers ) || (int) $workers < 1 || (int) $workers > Anp_Importer::WORKERS_MAX ) {
			$this->out->error( sprintf( '--workers: expected a number from 1 to %d, got "%s"', Anp_Importer::WORKERS_MAX, $workers ) );
		}
		if ( ! empty( $assoc_args['dry-run'] ) ) {
			$this->out->error( '--workers: a dry run writes nothing; run it without --workers' );
		}
		try {
			$options                            = Anp_Import_Options::from_flags( Anp_Settings::get(), $assoc_args ); // Refused here, once, not by each worker.
			list( $report, $warnings, $errors ) = ( new Anp_CLI_Workers( $this->out ) )->run( (int) $workers, $files, $options, 'table' === $format );
		} catch ( InvalidArgumentException | RuntimeException $e ) {
			$this->out->error( $e->getMessage() );
		}
		foreach ( $errors as $n => $error ) {
			$this->out->warning( sprintf( 'worker %d stopped (exit code %d): %s', $n, $error['exit'], $error['output'] ) );
		}
		if ( count( $errors ) === (int) $workers ) {
			$this->out->error( 'no worker finished; run the same command again to resume' );
		}
		foreach ( $finder->missing() as $path ) {
			$report->fail( $path, 1, 'no such file or folder' );
		}
		// Each worker's report has the files skipped in folders: the merged one has each once.
		$this->print_report( $report, new Anp_CLI_Import_Observer( $this->out, null, false ), $format, $warnings );
		if ( $report->has_failures() || $errors ) {
			$this->out->halt( 1 );
		}
	}

	/**
	 * Undoes an import batch.
	 *
	 * Deletes the posts it created and restores the posts it updated to what
	 * they were before.
	 *
	 * ## OPTIONS
	 *
	 * <batch>
	 * : The batch id that `wp anp import` printed.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp rollback 20261121-101500-k2f9qa
	 *     Success: Batch 20261121-101500-k2f9qa rolled back: 5 posts deleted, 0 restored.
	 *
	 * @when after_wp_load
	 */
	public function rollback( array $args, array $assoc_args ): void {
		if ( ! isset( $args[0] ) || '' === $args[0] ) {
			$this->out->error( 'expected a batch id: wp anp rollback <batch>' );
		}
		try {
			$result = ( new Anp_Rollback() )->rollback( (string) $args[0] );
		} catch ( RuntimeException $e ) {
			$this->out->error( $e->getMessage() );
		}
		foreach ( $result['failures'] as $post_id => $reason ) {
			$this->out->warning( sprintf( 'post %d: %s', $post_id, $reason ) );
		}
		if ( $result['failed'] ) {
			$this->out->error( sprintf( 'Batch %s: %d posts could not be rolled back.', $args[0], $result['failed'] ) );
		}
		$kept = empty( $result['kept'] ) ? '' : sprintf( ' %d %s kept: other posts use %s.', $result['kept'], 1 === $result['kept'] ? 'image' : 'images', 1 === $result['kept'] ? 'it' : 'them' );
		$this->out->success( sprintf( 'Batch %s rolled back: %d posts deleted, %d restored.%s', $args[0], $result['deleted'], $result['restored'], $kept ) );
	}

	/**
	 * Prints the array a file parses to, as the importer sees it.
	 *
	 * ## OPTIONS
	 *
	 * <file>
	 * : An ANP file.
	 *
	 * [--format=<format>]
	 * : How to print it.
	 * ---
	 * default: json
	 * options:
	 *   - json
	 *   - php
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp parse posts/000.txt | head -c 60
	 *     {
	 *         "title": "production checklist for migrating
	 *
	 * @when after_wp_load
	 */
	public function parse( array $args, array $assoc_args ): void {
		if ( ! isset( $args[0] ) ) {
			$this->out->error( 'expected a file: wp anp parse <file>' );
		}
		try {
			$parsed = Anp_Parser::parse_file( (string) $args[0] );
		} catch ( \Anp\ParseException $e ) {
			$this->out->error( $e->getMessage() );
		}
		if ( 'php' === ( $assoc_args['format'] ?? 'json' ) ) {
			$this->out->line( var_export( $parsed, true ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- the requested output.
			return;
		}
		$this->out->line( Anp_Terminal_Text::json( $parsed, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
	}

	/**
	 * Shows which parser is in use, the versions, and what was imported.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : How to print it.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp status
	 *     +------------------+-------------------------+
	 *     | field            | value                   |
	 *     +------------------+-------------------------+
	 *     | parser           | extension               |
	 *     | extension        | 0.1.0                   |
	 *     ...
	 *
	 * @when after_wp_load
	 */
	public function status( array $args, array $assoc_args ): void {
		$status = Anp_Status::collect();
		if ( 'json' === ( $assoc_args['format'] ?? 'table' ) ) {
			$this->out->line( Anp_Terminal_Text::json( $status ) );
			return;
		}
		$rows = array();
		foreach ( $status as $field => $value ) {
			$rows[] = array(
				'field' => $field,
				'value' => is_bool( $value ) ? ( $value ? 'yes' : 'no' ) : (string) $value,
			);
		}
		$this->out->items( 'table', $rows, array( 'field', 'value' ) );
	}

	/**
	 * The report: JSON, or a table of the totals (after a dry run's list of
	 * files) and a last line that says how it went.
	 */
	private function print_report( Anp_Import_Report $report, Anp_CLI_Import_Observer $observer, string $format, array $skipped = array() ): void {
		$warnings = array_merge( $skipped, $observer->warnings(), $report->warnings() );
		if ( 'json' === $format ) {
			$json = $report->to_array() + array( 'warnings' => $warnings );
			if ( $report->dry_run ) {
				$json['files'] = $observer->files();
			}
			$this->out->line( Anp_Terminal_Text::json( $json, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
			return;
		}
		if ( $report->dry_run && $observer->files() ) {
			$this->out->items( 'table', array_map( array( $this, 'dry_run_row' ), $observer->files() ), array( 'file', 'action', 'post_id', 'changes' ) );
		}
		foreach ( $skipped as $warning ) {
			$this->out->warning( $warning['path'] . ': ' . $warning['message'] );
		}
		foreach ( $report->warnings() as $warning ) {
			$this->out->warning( $warning['path'] . ':' . $warning['line'] . ': ' . $warning['message'] );
		}
		foreach ( $report->failure_lines() as $line ) {
			$this->out->warning( $line );
		}
		$totals = $report->totals();
		$this->out->items( 'table', array( $totals + array( 'warnings' => count( $warnings ) ) ), array( 'created', 'updated', 'skipped', 'failed', 'warnings' ) );
		$summary = vsprintf( '%d created, %d updated, %d skipped, %d failed.', array_values( $totals ) );
		if ( $report->dry_run ) {
			$this->out->line( 'Dry run, nothing written: ' . $summary );
		} elseif ( $report->has_failures() ) {
			$this->out->warning( sprintf( 'Batch %s%s: %s', $report->batch_id, $report->resumed ? ' (resumed)' : '', $summary ) );
		} else {
			$this->out->success( sprintf( 'Batch %s%s: %s', $report->batch_id, $report->resumed ? ' (resumed)' : '', $summary ) );
		}
	}

	/**
	 * What the finder left out of folders and globs (links, FIFOs), as
	 * warnings: not a file's line, so line 0.
	 *
	 * @param string[] $skipped Path => reason.
	 */
	private static function skipped_warnings( array $skipped ): array {
		$warnings = array();
		foreach ( $skipped as $path => $reason ) {
			$warnings[] = array(
				'path'    => $path,
				'line'    => 0,
				'code'    => 'not_a_regular_file',
				'message' => $reason,
			);
		}
		return $warnings;
	}

	/**
	 * A dry run's file as a table row: what would change in one cell.
	 *
	 * @param array $file What the observer kept of a file.
	 */
	private function dry_run_row( array $file ): array {
		$changes = array();
		foreach ( array( 'fields', 'meta', 'terms' ) as $kind ) {
			if ( ! empty( $file[ $kind ] ) ) {
				$changes[] = $kind . ': ' . implode( ', ', $file[ $kind ] );
			}
		}
		if ( isset( $file['reason'] ) ) {
			$changes[] = $file['line'] . ': ' . $file['reason'];
		}
		return array(
			'file'    => $file['path'],
			'action'  => $file['action'],
			'post_id' => $file['post_id'] ?? '',
			'changes' => implode( '; ', $changes ),
		);
	}
}
