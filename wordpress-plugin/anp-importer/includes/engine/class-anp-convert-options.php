<?php
/**
 * What one `convert` run does: the import's settings flags, the output flags,
 * and the few values a file for another site needs.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * The flags of `wp anp convert`, checked once, with no site to ask: the
 * mapping's flags are the import's (Anp_Import_Options::FLAGS, over the
 * settings the front end gives: the site's under WP-CLI, the plugin's
 * defaults without WordPress), checked with Anp_Settings::validate() only
 * (the post type, the taxonomies and the author belong to the site the
 * file is for); the output's flags mean what they mean for `wp anp export`
 * and `wp export`.
 */
final class Anp_Convert_Options {

	/** The output's flags, and those that say what the file says of its site. */
	const OUTPUT_FLAGS = array( 'dir', 'stdout', 'max_file_size', 'filename_format', 'site-url', 'site-title' ); // Anp_Wxr_Output::FLAGS and the channel's.

	/** The channel's title without --site-title. */
	const SITE_TITLE = 'ANP posts';

	/** The login of the posts' author without --author and without a site. */
	const AUTHOR = 'admin';

	/** @var array The mapping's settings, validated. */
	public $settings;

	/** @var string The login the posts are written for. */
	public $author = self::AUTHOR;

	/** @var string The folder of the files ('' with --stdout). */
	public $dir = '';

	/** @var bool One document on standard output. */
	public $stdout = false;

	/** @var int The size a file may reach before the next item starts a new one; -1: no limit. */
	public $max_bytes = -1;

	/** @var string The files' names: {site}, {date}, {n}. */
	public $filename_format = Anp_Wxr_Output::FILENAME_FORMAT;

	/** @var string The channel's link and base URLs ('' by default). */
	public $site_url = '';

	/** @var string The channel's title. */
	public $site_title = self::SITE_TITLE;

	/** @var int When the run started (Unix time): the date of posts the mapping dates not, and of the files. */
	public $time;

	private function __construct() {
	}

	/**
	 * The run that flags describe.
	 *
	 * @param array  $settings The settings the flags change (the site's, or Anp_Settings::defaults()).
	 * @param array  $flags    Flag => value as a command line gives them; --author already
	 *                         resolved to a login by the front end (a site's user, or as given).
	 * @param string $cwd      The folder --dir defaults to.
	 * @param int    $time     The run's time.
	 * @throws InvalidArgumentException Naming the first flag that is not valid.
	 */
	public static function from_flags( array $settings, array $flags, string $cwd, int $time ): self {
		$known   = array_merge( array_keys( Anp_Import_Options::FLAGS ), self::OUTPUT_FLAGS );
		$unknown = array_diff( array_keys( $flags ), $known );
		if ( $unknown ) {
			throw new InvalidArgumentException( sprintf( 'unknown flag --%s; expected %s', reset( $unknown ), implode( ', ', array_map( static fn( $f ) => "--$f", $known ) ) ) );
		}
		$options       = new self();
		$options->time = $time;
		$overrides     = array();
		foreach ( Anp_Import_Options::FLAGS as $flag => $setting ) {
			if ( 'author' !== $flag && isset( $flags[ $flag ] ) ) {
				$overrides[ $setting ] = self::setting_value( $flag, $flags[ $flag ] );
			}
		}
		try {
			$options->settings = Anp_Settings::validate( array_merge( $settings, $overrides ) );
		} catch ( InvalidArgumentException $e ) {
			throw self::named_by_flag( $e, $overrides );
		}
		if ( 'media' === $options->settings['images'] ) {
			throw new InvalidArgumentException( sprintf( '%s is media, which downloads images into a site\'s media library; a converted file is for another site: give --images=external (link the images where they are) or --images=none', isset( $overrides['images'] ) ? '--images' : 'the images setting' ) );
		}
		if ( isset( $flags['author'] ) ) {
			$options->author = self::login( $flags['author'] );
		}
		$output                   = Anp_Wxr_Output::from_flags( $flags, $cwd );
		$options->stdout          = $output->stdout;
		$options->dir             = $output->dir;
		$options->max_bytes       = $output->max_bytes;
		$options->filename_format = $output->filename_format;
		if ( isset( $flags['site-url'] ) ) {
			$options->site_url = self::text( 'site-url', $flags['site-url'] );
			if ( '' !== $options->site_url && ! preg_match( '#^https?://[^\s<>"\'\x00-\x1F\x7F]+$#', $options->site_url ) ) {
				throw new InvalidArgumentException( sprintf( '--site-url is "%s"; expected an http(s) URL, e.g. https://example.com', $options->site_url ) );
			}
			$options->site_url = rtrim( $options->site_url, '/' );
		}
		if ( isset( $flags['site-title'] ) ) {
			$options->site_title = self::text( 'site-title', $flags['site-title'] );
		}
		return $options;
	}

	/**
	 * {site} in file names: the title as sanitize_key() makes it, at most
	 * 50 characters, or "site" (as wp export names its files).
	 */
	public function file_site(): string {
		$key = substr( (string) preg_replace( '/[^a-z0-9_\-]/', '', strtolower( $this->site_title ) ), 0, 50 );
		return '' === $key ? 'site' : $key;
	}

	/**
	 * A mapping flag's text as its setting's value, as the import reads it.
	 *
	 * @param string $flag  The flag.
	 * @param mixed  $value What the command line gave.
	 * @throws InvalidArgumentException When it cannot be one.
	 */
	private static function setting_value( string $flag, $value ) {
		if ( 'batch-size' === $flag ) {
			return (int) $value;
		}
		if ( 'taxonomy-map' === $flag ) {
			$map = is_array( $value ) ? $value : json_decode( (string) $value, true );
			if ( ! is_array( $map ) ) {
				throw new InvalidArgumentException( '--taxonomy-map must be a JSON object of taxonomy => field, e.g. {"post_tag":"tools"}' );
			}
			return $map;
		}
		return $value;
	}

	/**
	 * A refused setting named as the flag that gave it, as the import names it.
	 *
	 * @param InvalidArgumentException $e         What the settings said.
	 * @param array                    $overrides Setting => value, from flags.
	 */
	private static function named_by_flag( InvalidArgumentException $e, array $overrides ): InvalidArgumentException {
		foreach ( Anp_Import_Options::FLAGS as $flag => $setting ) {
			foreach ( array( sprintf( 'setting "%s" is ', $setting ), sprintf( 'setting "%s" ', $setting ) ) as $prefix ) {
				if ( array_key_exists( $setting, $overrides ) && str_starts_with( $e->getMessage(), $prefix ) ) {
					return new InvalidArgumentException( '--' . $flag . ' ' . substr( $e->getMessage(), strlen( $prefix ) ), 0, $e );
				}
			}
		}
		return $e;
	}

	/**
	 * The login of --author: a user name of the site the file is for, as
	 * WordPress allows it (no control character, at most 60 bytes).
	 *
	 * @param mixed $value What the command line gave.
	 * @throws InvalidArgumentException When it cannot be a login.
	 */
	private static function login( $value ): string {
		$login = self::text( 'author', $value );
		if ( '' === trim( $login ) || strlen( $login ) > 60 ) {
			throw new InvalidArgumentException( sprintf( '--author is "%s"; expected the login of the user the posts are for (at most 60 characters)', $login ) );
		}
		return $login;
	}

	/**
	 * A flag's text, which must be UTF-8 without control characters.
	 *
	 * @param string $flag  The flag.
	 * @param mixed  $value Its value.
	 * @throws InvalidArgumentException When it is not.
	 */
	private static function text( string $flag, $value ): string {
		if ( ! is_string( $value ) || ! preg_match( '//u', $value ) || preg_match( '/[\x00-\x1F\x7F]/', $value ) ) {
			throw new InvalidArgumentException( sprintf( '--%s needs a value of text: --%s=<text>', $flag, $flag ) );
		}
		return $value;
	}

	/**
	 * The login --author names on this site (an id, a login or an email, as
	 * `wp anp import` reads it), or the import's default author's: the
	 * post_author setting, the user the command runs as, the first
	 * administrator. Null when there is none: the plugin's default login.
	 *
	 * @param mixed $who The flag's value, or null.
	 * @throws InvalidArgumentException When --author names no user.
	 */
	public static function site_author( $who ): ?string {
		if ( null !== $who ) {
			$user = Anp_Users::find( (string) $who );
			if ( ! $user ) {
				throw new InvalidArgumentException( sprintf( 'no user "%s" for --author', is_scalar( $who ) ? (string) $who : '' ) );
			}
			return $user->user_login;
		}
		$id   = Anp_Settings::get()['post_author'] ?: Anp_Users::default_author();
		$user = $id ? get_userdata( $id ) : false;
		return $user ? $user->user_login : null;
	}
}
