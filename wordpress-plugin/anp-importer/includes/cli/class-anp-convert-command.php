<?php
/**
 * The `wp anp convert` command.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Converts ANP files to WXR without writing to any site.
 *
 * Runs under WP-CLI (`wp anp convert`), where the site's settings are the
 * defaults of the mapping's flags and --author names one of its users, and
 * under `php bin/anp convert` with no WordPress at all (no --path), where
 * the plugin's defaults are. Both write the same files for the same flags,
 * settings and files (docs/wordpress-decisions.md, "Convert").
 */
final class Anp_Convert_Command {

	/** @var Anp_Output */
	private $out;

	/**
	 * @param Anp_Output|null $out Where to write; WP-CLI when null.
	 */
	public function __construct( ?Anp_Output $out = null ) {
		$this->out = $out ?? new Anp_WP_CLI_Output();
	}

	/**
	 * Converts ANP files to WXR, for a site that runs neither anp nor WP-CLI.
	 *
	 * Each file is mapped as `wp anp import` maps it (the same settings and
	 * flags), and its post carries the meta an import writes: once the
	 * WordPress Importer has brought the file into a site, `wp anp import` of
	 * the same files there skips the posts or updates them, and makes no
	 * second post. Nothing is written to any database.
	 *
	 * ## OPTIONS
	 *
	 * <path>...
	 * : Files, folders (their .txt and .anp files, recursively) or glob patterns, as `wp anp import` takes them.
	 *
	 * [--dir=<dir>]
	 * : The folder to write the files in. Defaults to the current folder.
	 *
	 * [--stdout]
	 * : Write one document to standard output instead of files.
	 *
	 * [--max_file_size=<MB>]
	 * : Start a new file when the next post would make this one larger; -1 for one file. A post is never split. Defaults to 15.
	 *
	 * [--filename_format=<format>]
	 * : The files' names, with {site}, {date} and {n}. Defaults to {site}.wordpress.{date}.{n}.xml.
	 *
	 * [--site-title=<title>]
	 * : The channel's title, and {site} in file names. Defaults to "ANP posts".
	 *
	 * [--site-url=<url>]
	 * : The channel's link and base URLs. Defaults to none.
	 *
	 * [--status=<status>]
	 * : Status of the posts: draft, pending, publish or private. A post flagged "needs human review" is pending whatever this says.
	 *
	 * [--author=<login>]
	 * : The login of the user the posts are for, on the site that imports them. Under WP-CLI a user of this site (id, login or email), written as its login; defaults to the post_author setting, else the user the command runs as, else the first administrator. Without WordPress, the login as given; defaults to admin.
	 *
	 * [--post-type=<type>]
	 * : Post type of the posts.
	 *
	 * [--post-date=<date>]
	 * : The posts' dates: last_reviewed, or import_time (the time of the conversion, UTC).
	 *
	 * [--images=<images>]
	 * : external (link images where they are) or none (leave them out). media is refused: there is no media library to download into.
	 *
	 * [--taxonomy-map=<json>]
	 * : Which field feeds which taxonomy, as JSON. The taxonomies must exist on the site that imports the files.
	 *
	 * [--on-change=<action>]
	 * : Accepted, as `wp anp import` takes it; it changes nothing here.
	 *
	 * [--batch-size=<n>]
	 * : Accepted, as `wp anp import` takes it; it changes nothing here.
	 *
	 * ## EXAMPLES
	 *
	 *     $ php bin/anp convert posts/ --dir=out --status=publish --author=editor
	 *     Success: 5 files converted, 0 skipped, 0 failed: out/anp-posts.wordpress.2026-12-07.000.xml
	 *
	 *     $ wp anp convert posts/ --stdout > posts.xml
	 *
	 * @when after_wp_load
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		if ( ! $args ) {
			$this->out->error( 'expected files or folders: wp anp convert <path>...' );
		}
		$finder = new Anp_File_Finder();
		$files  = $finder->find( $args );
		$site   = defined( 'ABSPATH' ) && function_exists( 'get_option' );
		$time   = time();
		try {
			$flags = $assoc_args;
			if ( $site ) {
				$flags['author'] = Anp_Convert_Options::site_author( $assoc_args['author'] ?? null );
				if ( null === $flags['author'] ) {
					unset( $flags['author'] );
				}
			}
			$options   = Anp_Convert_Options::from_flags( $site ? Anp_Settings::get() : Anp_Settings::defaults(), $flags, (string) getcwd(), $time );
			$converter = new Anp_Converter( $options, defined( 'ANP_IMPORTER_VERSION' ) ? ANP_IMPORTER_VERSION : 'unknown' );
			$wxr       = new Anp_Wxr_Files( self::wxr_options( $options, $time ), $converter->header() );
			$observer  = new Anp_CLI_Import_Observer( $this->out, $options->stdout ? null : 'Converting', false );
			$report    = $converter->convert( $files, $wxr, $observer );
		} catch ( InvalidArgumentException | RuntimeException $e ) {
			$this->out->error( $e->getMessage() );
		}
		$observer->finish();
		foreach ( $finder->missing() as $path ) {
			$report->fail( $path, 1, 'no such file or folder' );
		}
		foreach ( $finder->skipped() as $path => $reason ) {
			$this->out->warning( $path . ': ' . $reason );
		}
		foreach ( $observer->warnings() as $warning ) {
			$this->out->warning( $warning['path'] . ':' . $warning['line'] . ': ' . $warning['message'] );
		}
		foreach ( $report->failure_lines() as $line ) {
			$this->out->warning( $line );
		}
		$summary = vsprintf( '%d files converted, %d skipped, %d failed', array_values( $report->totals() ) );
		if ( ! $options->stdout ) {
			$summary .= ': ' . implode( ', ', self::paths( $report->output ) );
			if ( $report->has_failures() ) {
				$this->out->warning( $summary );
			} else {
				$this->out->success( $summary );
			}
		} elseif ( $report->has_failures() ) {
			$this->out->warning( $summary );
		}
		if ( $report->has_failures() ) {
			$this->out->halt( 1 );
		}
	}

	/**
	 * Anp_Wxr_Files' options for the run.
	 *
	 * @param Anp_Convert_Options $options The run.
	 * @param int                 $time    When it started.
	 */
	private static function wxr_options( Anp_Convert_Options $options, int $time ): array {
		$wxr = array(
			'max_bytes'       => $options->max_bytes,
			'filename_format' => $options->filename_format,
			'site'            => $options->file_site(),
			'date'            => gmdate( 'Y-m-d', $time ),
		);
		if ( $options->stdout ) {
			$wxr['stdout'] = defined( 'STDOUT' ) ? STDOUT : fopen( 'php://stdout', 'w' );
		} else {
			$wxr['dir'] = $options->dir;
		}
		return $wxr;
	}

	/**
	 * The paths of the files written, from Anp_Wxr_Files::finish().
	 *
	 * @param array $output What it returned.
	 * @return string[]
	 */
	private static function paths( array $output ): array {
		$paths = array();
		foreach ( $output['files'] ?? array() as $file ) {
			$paths[] = is_array( $file ) ? (string) ( $file['path'] ?? '' ) : (string) $file;
		}
		return $paths;
	}
}
