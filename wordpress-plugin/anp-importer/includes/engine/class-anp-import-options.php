<?php
/**
 * What one import run does: the settings, and the flags that change them.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * The settings of one run: the site's settings with the run's flags over
 * them, validated once, the author resolved, and what makes the run "the
 * same command" as an earlier one that was cut short. Every front end (WP-CLI,
 * bin/anp, wp-admin) builds it from the same flags, so a flag means one thing
 * wherever it is given.
 */
final class Anp_Import_Options {

	/**
	 * Each flag and the setting it overrides for one run: the one table, used
	 * by the command's help, the runner and the resume key alike.
	 */
	const FLAGS = array(
		'status'       => 'post_status',
		'post-type'    => 'post_type',
		'author'       => 'post_author',
		'post-date'    => 'post_date',
		'images'       => 'images',
		'taxonomy-map' => 'taxonomy_map',
		'on-change'    => 'on_change',
		'batch-size'   => 'batch_size',
	);

	/** @var array The settings of the run, validated. */
	public $settings;

	/** @var bool Report what would happen; write nothing. */
	public $dry_run = false;

	/** @var int The author of new posts. */
	public $author;

	/** @var string[] Path => the name a post's source meta gives its file, where not the path's own (an upload's files: the browser's names). */
	public $source_names = array();

	/** @var string The batch to join, as a worker of `--workers` (its parent opened it); '' to open or resume the batch of the files. */
	public $batch = '';

	/** @var array Setting => value: what the flags changed. */
	private $overrides = array();

	private function __construct() {
	}

	/**
	 * The run that flags describe, over the site's settings.
	 *
	 * @param array $settings The site's settings (Anp_Settings::get()).
	 * @param array $flags    Flag => value as a command line gives them
	 *                        (strings; true for a flag without a value).
	 * @throws InvalidArgumentException Naming the first flag or setting that is not valid.
	 */
	public static function from_flags( array $settings, array $flags ): self {
		$options          = new self();
		$options->dry_run = ! empty( $flags['dry-run'] );
		foreach ( self::FLAGS as $flag => $setting ) {
			if ( isset( $flags[ $flag ] ) ) {
				$options->overrides[ $setting ] = self::value( $flag, $flags[ $flag ] );
			}
		}
		try {
			$options->settings = Anp_Settings::validate_for_site( array_merge( $settings, $options->overrides ) );
		} catch ( InvalidArgumentException $e ) {
			throw self::named_by_flag( $e, $options->overrides );
		}
		foreach ( array_keys( $options->settings['taxonomy_map'] ) as $taxonomy ) {
			if ( ! taxonomy_exists( $taxonomy ) ) {
				throw new InvalidArgumentException( sprintf( 'taxonomy_map: there is no taxonomy "%s" on this site', $taxonomy ) );
			}
		}
		$options->author = $options->settings['post_author'] ?: Anp_Users::default_author();
		if ( $options->author ) {
			// The user running the import authors its posts when no author is
			// named: they must be able to edit them too.
			Anp_Settings::check_author( $options->author, $options->settings['post_type'] );
		}
		return $options;
	}

	/**
	 * What makes a command "the same" as one that was cut short, so that
	 * running it again resumes its batch: the files it found and the flags
	 * that change what lands. The site's settings are not in it: a run
	 * resumes as it started, with what the batch already wrote.
	 *
	 * The hash of the JSON of [ the files' real paths, the flags ], taken a
	 * path at a time: the whole JSON of a million paths is some 80 MB, and a
	 * worker's memory must not grow with the batch. The same bytes are
	 * hashed as when it was one wp_json_encode() (batches cut short before
	 * resume as before): a path that is not UTF-8 is converted alone as it
	 * was in the whole array.
	 *
	 * @param string[] $files The files the run imports.
	 */
	public function resume_key( array $files ): string {
		$overrides = $this->overrides;
		ksort( $overrides );
		$hash      = hash_init( 'sha256' );
		$separator = '[[';
		foreach ( $files as $file ) {
			hash_update( $hash, $separator . wp_json_encode( realpath( $file ) ) );
			$separator = ',';
		}
		hash_update( $hash, ( $files ? '' : '[[' ) . '],' . wp_json_encode( $overrides ) . ']' );
		return hash_final( $hash );
	}

	/**
	 * The taxonomies the run gives terms to.
	 *
	 * @return string[]
	 */
	public function taxonomies(): array {
		return array_keys( $this->settings['taxonomy_map'] );
	}

	/**
	 * A refused setting named as the flag that gave it: "--post-type is
	 * "nav_menu_item", …" rather than "setting "post_type" is …".
	 *
	 * @param InvalidArgumentException $e         What the settings said.
	 * @param array                    $overrides Setting => value, from flags.
	 */
	private static function named_by_flag( InvalidArgumentException $e, array $overrides ): InvalidArgumentException {
		foreach ( self::FLAGS as $flag => $setting ) {
			$prefix = sprintf( 'setting "%s" is ', $setting );
			if ( array_key_exists( $setting, $overrides ) && str_starts_with( $e->getMessage(), $prefix ) ) {
				return new InvalidArgumentException( '--' . $flag . ' is ' . substr( $e->getMessage(), strlen( $prefix ) ), 0, $e );
			}
		}
		return $e;
	}

	/**
	 * A flag's text as its setting's value.
	 *
	 * @param string $flag  The flag.
	 * @param mixed  $value What the command line gave.
	 * @throws InvalidArgumentException When it cannot be one.
	 */
	private static function value( string $flag, $value ) {
		switch ( $flag ) {
			case 'batch-size':
				return (int) $value;
			case 'taxonomy-map':
				$map = is_array( $value ) ? $value : json_decode( (string) $value, true );
				if ( ! is_array( $map ) ) {
					throw new InvalidArgumentException( '--taxonomy-map must be a JSON object of taxonomy => field, e.g. {"post_tag":"tools"}' );
				}
				return $map;
			case 'author':
				$user = Anp_Users::find( (string) $value );
				if ( ! $user ) {
					throw new InvalidArgumentException( sprintf( 'no user "%s" for --author', $value ) );
				}
				return (int) $user->ID;
			default:
				return $value;
		}
	}
}
