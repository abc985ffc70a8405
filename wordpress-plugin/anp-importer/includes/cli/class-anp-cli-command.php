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
	 * : Files, folders (their .txt and .anp files, recursively) or glob patterns.
	 *
	 * [--dry-run]
	 * : Parse and report what would happen; write nothing.
	 *
	 * [--status=<status>]
	 * : Status of new posts. A post flagged "needs human review" is pending whatever this says.
	 *
	 * [--author=<id|login|email>]
	 * : Author of new posts: a user id, login or email. Defaults to the post_author setting, else the user the command runs as (--user), else the site's first administrator.
	 *
	 * [--post-type=<type>]
	 * : Post type of new posts.
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
	 * [--format=<format>]
	 * : How to print the report.
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
	 *     +---------+---------+---------+--------+
	 *     | created | updated | skipped | failed |
	 *     +---------+---------+---------+--------+
	 *     | 5       | 0       | 0       | 0      |
	 *     +---------+---------+---------+--------+
	 *     Success: Batch 20261121-101500-k2f9qa: 5 created, 0 updated, 0 skipped, 0 failed.
	 *
	 *     $ wp anp import broken.txt --format=json
	 *     {"batch":"20261121-101600-x81mzd","dry_run":false,"resumed":false,"created":0,"updated":0,"skipped":0,"failed":1,"failures":[{"path":"broken.txt","line":1,"reason":"empty input; expected a title line"}]}
	 *
	 * @when after_wp_load
	 */
	public function import( array $args, array $assoc_args ): void {
		if ( ! $args ) {
			$this->out->error( 'expected files or folders: wp anp import <path>...' );
			return;
		}
		$finder = new Anp_File_Finder();
		$files  = $finder->find( $args );
		$report = null;
		$options = array(
			'dry_run'    => ! empty( $assoc_args['dry-run'] ),
			'status'     => $assoc_args['status'] ?? null,
			'post_type'  => $assoc_args['post-type'] ?? null,
			'on_change'  => $assoc_args['on-change'] ?? null,
			'batch_size' => isset( $assoc_args['batch-size'] ) ? (int) $assoc_args['batch-size'] : null,
			'post_date'  => $assoc_args['post-date'] ?? null,
			'images'     => $assoc_args['images'] ?? null,
		);
		if ( isset( $assoc_args['taxonomy-map'] ) ) {
			$map = json_decode( (string) $assoc_args['taxonomy-map'], true );
			if ( ! is_array( $map ) ) {
				$this->out->error( '--taxonomy-map must be a JSON object of taxonomy => field, e.g. {"post_tag":"tools"}' );
				return;
			}
			$options['taxonomy_map'] = $map;
		}
		if ( isset( $assoc_args['author'] ) ) {
			$options['author'] = $this->author( (string) $assoc_args['author'] );
		}
		// "The same command": the files it found and the options that change
		// what lands, so that running it again resumes its batch.
		$options['args_hash'] = hash( 'sha256', (string) wp_json_encode( array( array_map( 'realpath', $files ), array_filter( $options ) ) ) );

		$format   = $assoc_args['format'] ?? 'table';
		$progress = 'table' === $format && $files ? $this->out->progress( $options['dry_run'] ? 'Checking' : 'Importing', count( $files ) ) : null;
		try {
			$importer = new Anp_Importer( Anp_Settings::get() );
			$report   = $importer->import(
				$files,
				$options,
				$progress ? static function () use ( $progress ) {
					$progress->tick();
				} : null
			);
		} catch ( InvalidArgumentException | RuntimeException $e ) {
			$this->out->error( $e->getMessage() );
			return;
		}
		if ( $progress ) {
			$progress->finish();
		}
		foreach ( $finder->missing() as $path ) {
			$report->fail( $path, 1, 'no such file or folder' );
		}
		$this->print_report( $report, $format );
		if ( $report->has_failures() ) {
			$this->out->halt( 1 );
		}
	}

	/**
	 * Undoes an import batch: deletes the posts it created and restores the
	 * posts it updated to what they were before.
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
			return;
		}
		try {
			$result = ( new Anp_Rollback() )->rollback( (string) $args[0] );
		} catch ( RuntimeException $e ) {
			$this->out->error( $e->getMessage() );
			return;
		}
		foreach ( $result['failures'] as $post_id => $reason ) {
			$this->out->warning( sprintf( 'post %d: %s', $post_id, $reason ) );
		}
		if ( $result['failed'] ) {
			$this->out->error( sprintf( 'Batch %s: %d posts could not be rolled back.', $args[0], $result['failed'] ) );
			return;
		}
		$this->out->success( sprintf( 'Batch %s rolled back: %d posts deleted, %d restored.', $args[0], $result['deleted'], $result['restored'] ) );
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
			return;
		}
		try {
			$parsed = Anp_Parser::parse_file( (string) $args[0] );
		} catch ( \Anp\ParseException $e ) {
			$this->out->error( $e->getMessage() );
			return;
		}
		if ( 'php' === ( $assoc_args['format'] ?? 'json' ) ) {
			$this->out->line( var_export( $parsed, true ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- the requested output.
			return;
		}
		$this->out->line( (string) wp_json_encode( $parsed, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
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
			$this->out->line( (string) wp_json_encode( $status ) );
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
	 * Exports or imports the plugin's settings as JSON, to carry them from
	 * staging to production.
	 *
	 * ## OPTIONS
	 *
	 * <action>
	 * : export or import.
	 * ---
	 * options:
	 *   - export
	 *   - import
	 * ---
	 *
	 * [<file>]
	 * : For import: the JSON file; standard input when absent.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp anp settings export > anp-settings.json
	 *     $ wp anp settings import anp-settings.json
	 *     Success: Settings imported.
	 *
	 * @when after_wp_load
	 */
	public function settings( array $args, array $assoc_args ): void {
		$action = $args[0] ?? '';
		if ( 'export' === $action ) {
			$this->out->line( rtrim( Anp_Settings::export_json() ) );
			return;
		}
		if ( 'import' !== $action ) {
			$this->out->error( 'expected "export" or "import"' );
			return;
		}
		$source = $args[1] ?? 'php://stdin';
		$json   = file_get_contents( $source ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file or stdin.
		if ( false === $json ) {
			$this->out->error( sprintf( 'cannot read %s', $source ) );
			return;
		}
		try {
			Anp_Settings::import_json( $json );
		} catch ( InvalidArgumentException $e ) {
			$this->out->error( $source . ': ' . $e->getMessage() );
			return;
		}
		$this->out->success( 'Settings imported.' );
	}

	private function print_report( Anp_Import_Report $report, string $format ): void {
		if ( 'json' === $format ) {
			$this->out->line( (string) wp_json_encode( $report->to_array(), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
			return;
		}
		foreach ( $report->failure_lines() as $line ) {
			$this->out->warning( $line );
		}
		$totals = $report->totals();
		$this->out->items( 'table', array( $totals ), array( 'created', 'updated', 'skipped', 'failed' ) );
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
	 * A user id from an id, a login or an email.
	 */
	private function author( string $author ): int {
		$user = Anp_Users::find( $author );
		if ( ! $user ) {
			$this->out->error( sprintf( 'no user "%s" for --author', $author ) );
			return 0;
		}
		return (int) $user->ID;
	}
}
