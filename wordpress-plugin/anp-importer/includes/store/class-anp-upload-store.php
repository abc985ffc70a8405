<?php
/**
 * The private folder where files uploaded in wp-admin wait for their import.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * One folder per upload, named by a random id, under a root the web server
 * must not serve: by default `uploads/anp-private-<random>/`, the way
 * WooCommerce keeps its downloads (a `.htaccess` and a `web.config` that
 * deny every request, an empty `index.php`, and a name no one can guess,
 * for servers that read neither); the `anp_upload_root` filter moves it,
 * outside the web root best.
 *
 * Nothing the browser sends becomes a path: an upload is found by its id
 * (32 hex digits, checked), each file is stored as `<n>.anp` in the order
 * it came, and the names the browser or the zip gave are kept only to be
 * shown, in the upload's manifest. A file is taken only when its name ends
 * in .txt or .anp and its bytes are UTF-8 text; a zip only as
 * Anp_Zip_Entries checks it.
 */
final class Anp_Upload_Store {

	/** The WXR document a conversion leaves in its upload's folder for download. */
	const CONVERTED = 'converted.xml';

	/** The largest file taken, in bytes: far above any real post. */
	const MAX_FILE_BYTES = 64 * 1024 * 1024;

	/** @var string The root folder, without a trailing slash. */
	private $root;

	/** @var int The largest file taken. */
	private $max_file_bytes;

	/**
	 * @param string $root           The root folder (made, with its deny files, on first use).
	 * @param int    $max_file_bytes The largest file taken (MAX_FILE_BYTES; smaller in tests).
	 */
	public function __construct( string $root, int $max_file_bytes = self::MAX_FILE_BYTES ) {
		$this->root           = rtrim( $root, '/' );
		$this->max_file_bytes = $max_file_bytes;
	}

	/**
	 * The site's store: under the uploads folder, its random part kept in
	 * an option, unless `anp_upload_root` names another root.
	 *
	 * @throws RuntimeException When the uploads folder cannot be used.
	 */
	public static function for_site(): self {
		$secret = get_option( 'anp_upload_secret' );
		if ( ! is_string( $secret ) || ! preg_match( '/^[a-f0-9]{32}$/', $secret ) ) {
			$secret = bin2hex( random_bytes( 16 ) );
			update_option( 'anp_upload_secret', $secret, false );
		}
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) ) {
			throw new RuntimeException( 'the uploads folder cannot be used: ' . $uploads['error'] );
		}
		return new self( (string) apply_filters( 'anp_upload_root', $uploads['basedir'] . '/anp-private-' . $secret ) );
	}

	/**
	 * Makes a new, empty upload.
	 *
	 * @return string Its id.
	 * @throws RuntimeException When the folder cannot be made.
	 */
	public function create(): string {
		$this->make_root();
		$id = bin2hex( random_bytes( 16 ) );
		if ( ! @mkdir( $this->root . '/' . $id, 0700 ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions -- the message says why.
			throw new RuntimeException( 'cannot make a folder for the upload in the private upload folder: ' . self::last_error( $this->root ) );
		}
		$this->write_manifest( $id, array() );
		return $id;
	}

	/**
	 * Removes the uploads $expired says are no longer wanted.
	 *
	 * @param callable $expired ( array $state, bool $converted, int $age ) → bool: its
	 *                          state, whether it holds a conversion (CONVERTED), and
	 *                          seconds since it last changed.
	 */
	public function purge( callable $expired ): void {
		foreach ( (array) glob( $this->root . '/*/manifest.json' ) as $manifest ) {
			$folder = dirname( $manifest );
			$id     = basename( $folder );
			if ( ! self::valid_id( $id ) ) {
				continue;
			}
			$changed = 0;
			foreach ( array( 'manifest.json', 'state.json', self::CONVERTED ) as $file ) {
				$changed = max( $changed, (int) @filemtime( $folder . '/' . $file ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- not every upload has each.
			}
			$state = json_decode( (string) @file_get_contents( $folder . '/state.json' ), true ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
			if ( $expired( is_array( $state ) ? $state : array(), is_file( $folder . '/' . self::CONVERTED ), time() - $changed ) ) {
				$this->delete( $id );
			}
		}
	}

	/**
	 * Whether an upload of this id is there.
	 *
	 * @param string $id An id, from anywhere.
	 */
	public function exists( string $id ): bool {
		return self::valid_id( $id ) && is_file( $this->root . '/' . $id . '/manifest.json' );
	}

	/**
	 * Takes one file the browser sent: an ANP file, or a zip of them.
	 *
	 * @param string $id    The upload's id.
	 * @param string $path  Where PHP put the file (the caller checked it is an upload).
	 * @param string $name  The name the browser gave it: only shown, and its ending read.
	 * @return string[] The names of the ANP files taken, as shown.
	 * @throws Anp_Upload_Exception When the file is refused; nothing of it is kept.
	 * @throws RuntimeException When it cannot be stored (the disk); nothing of it is kept.
	 */
	public function add( string $id, string $path, string $name ): array {
		$files   = $this->manifest( $id );
		$label   = Anp_Zip_Entries::shown( basename( str_replace( '\\', '/', $name ) ) );
		$taken   = array();
		$written = array();
		// Each file is stored as soon as it is read and checked, so that a zip
		// is never held in memory whole; all of it goes if one is refused.
		$store = function ( string $bytes, string $shown ) use ( $id, &$files, &$taken, &$written ): void {
			self::check_text( $bytes, $shown );
			$stored = sprintf( '%06d.anp', count( $files ) + 1 );
			$target = $this->root . '/' . $id . '/' . $stored;
			if ( strlen( $bytes ) !== @file_put_contents( $target, $bytes, LOCK_EX ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
				throw new RuntimeException( $shown . ': cannot be stored: ' . self::last_error( $this->root ) );
			}
			$written[] = $target;
			$files[]   = array( $stored, $shown );
			$taken[]   = $shown;
		};
		try {
			if ( preg_match( '/\.zip$/i', $name ) ) {
				$zip = new Anp_Zip_Entries( $path, $label );
				foreach ( $zip->entries() as $entry ) {
					$shown = $label . '/' . Anp_Zip_Entries::shown( $entry['name'] );
					$this->check_size( $entry['size'], $shown );
					$store( $zip->read( $entry, $label ), $shown );
				}
			} elseif ( preg_match( '/\.(txt|anp)$/i', $name ) ) {
				$this->check_size( (int) @filesize( $path ), $label ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
				$bytes = @file_get_contents( $path ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
				if ( false === $bytes ) {
					throw new Anp_Upload_Exception( $label . ': cannot be read' );
				}
				$store( $bytes, $label );
			} else {
				throw new Anp_Upload_Exception( sprintf( '%s: not an ANP file; upload .txt or .anp files, or a .zip of them', $label ) );
			}
			$this->write_manifest( $id, $files );
		} catch ( \Throwable $e ) {
			array_map( 'unlink', array_filter( $written, 'is_file' ) );
			throw $e;
		}
		return $taken;
	}


	/**
	 * The upload's files in the order they came: path (to import) and name (to show).
	 *
	 * @param string $id The upload's id.
	 * @return array[]
	 * @throws Anp_Upload_Exception When there is no such upload.
	 */
	public function files( string $id ): array {
		$out = array();
		foreach ( $this->manifest( $id ) as list( $stored, $shown ) ) {
			$out[] = array(
				'path' => $this->root . '/' . $id . '/' . $stored,
				'name' => $shown,
			);
		}
		return $out;
	}

	/**
	 * Removes an upload and its files (nothing when there is none).
	 *
	 * @param string $id The upload's id.
	 */
	public function delete( string $id ): void {
		if ( ! self::valid_id( $id ) || ! is_dir( $this->root . '/' . $id ) ) {
			return;
		}
		// Dot files too: a conversion cut off may leave the body of its document.
		foreach ( array_diff( (array) scandir( $this->root . '/' . $id ), array( '.', '..' ) ) as $file ) {
			@unlink( $this->root . '/' . $id . '/' . $file ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
		}
		@rmdir( $this->root . '/' . $id ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	}

	/**
	 * What the upload's import has kept between its steps (state.json), or
	 * an empty array.
	 *
	 * @param string $id The upload's id.
	 * @throws Anp_Upload_Exception When there is no such upload.
	 */
	public function state( string $id ): array {
		$this->manifest( $id );
		$path = $this->root . '/' . $id . '/state.json';
		$json = is_file( $path ) ? json_decode( (string) file_get_contents( $path ), true ) : null; // phpcs:ignore WordPress.WP.AlternativeFunctions
		return is_array( $json ) ? $json : array();
	}

	/**
	 * Keeps the upload's import state, whole or not at all.
	 *
	 * @param string $id    The upload's id.
	 * @param array  $state What to keep.
	 * @throws Anp_Upload_Exception When it cannot be written.
	 */
	public function save_state( string $id, array $state ): void {
		$this->manifest( $id );
		$this->write_json( $this->root . '/' . $id . '/state.json', $state );
	}

	/**
	 * Takes the upload for one step, or answers null when another request
	 * has it: two tabs never work on one upload at once. Let go with
	 * release(), or when the request ends.
	 *
	 * @param string $id The upload's id.
	 * @return resource|null
	 * @throws Anp_Upload_Exception When there is no such upload.
	 */
	public function take( string $id ) {
		$this->manifest( $id );
		$lock = @fopen( $this->root . '/' . $id . '/lock', 'c' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
		if ( false === $lock ) {
			throw new RuntimeException( 'cannot open the upload\'s lock: ' . self::last_error( $this->root ) );
		}
		if ( ! flock( $lock, LOCK_EX | LOCK_NB ) ) {
			fclose( $lock ); // phpcs:ignore WordPress.WP.AlternativeFunctions
			return null;
		}
		return $lock;
	}

	/**
	 * Lets go of what take() gave.
	 *
	 * @param resource $lock From take().
	 */
	public function release( $lock ): void {
		flock( $lock, LOCK_UN );
		fclose( $lock ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	}

	/**
	 * Removes the upload's ANP files but keeps its list and state: what the
	 * summary of a finished import shows.
	 *
	 * @param string $id The upload's id.
	 */
	public function drop_files( string $id ): void {
		if ( ! self::valid_id( $id ) ) {
			return;
		}
		foreach ( (array) glob( $this->root . '/' . $id . '/*.anp' ) as $file ) {
			@unlink( $file ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
		}
	}

	/**
	 * The upload's folder, for what is made of its files (a conversion).
	 *
	 * @param string $id The upload's id.
	 * @throws Anp_Upload_Exception When there is no such upload.
	 */
	public function folder( string $id ): string {
		$this->manifest( $id );
		return $this->root . '/' . $id;
	}

	/**
	 * Which upload made each batch: batch id => upload id, from the
	 * uploads' states (a site keeps few).
	 */
	public function by_batch(): array {
		$out = array();
		foreach ( (array) glob( $this->root . '/*/state.json' ) as $file ) {
			$id = basename( dirname( $file ) );
			if ( ! self::valid_id( $id ) ) {
				continue;
			}
			$state = json_decode( (string) file_get_contents( $file ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions
			if ( is_array( $state ) && is_string( $state['batch'] ?? null ) && '' !== $state['batch'] ) {
				$out[ $state['batch'] ] = $id;
			}
		}
		return $out;
	}

	/**
	 * The root folder.
	 */
	public function root(): string {
		return $this->root;
	}

	/**
	 * Refuses a file larger than an ANP file may be.
	 *
	 * @param int    $size  Its bytes.
	 * @param string $label Its name, as shown.
	 * @throws Anp_Upload_Exception When it is.
	 */
	private function check_size( int $size, string $label ): void {
		if ( $size > $this->max_file_bytes ) {
			throw new Anp_Upload_Exception( sprintf( '%s: %d bytes, more than the %d an ANP file may have', $label, $size, $this->max_file_bytes ) );
		}
	}

	/**
	 * Refuses bytes that are not UTF-8 text: invalid UTF-8, or a NUL (a
	 * picture, an archive or a document renamed .txt).
	 *
	 * @param string $bytes The file's bytes.
	 * @param string $label Its name, as shown.
	 * @throws Anp_Upload_Exception When they are not.
	 */
	public static function check_text( string $bytes, string $label ): void {
		if ( false !== strpos( $bytes, "\0" ) ) {
			throw new Anp_Upload_Exception( sprintf( '%s: not a text file (it holds a NUL byte at %d); an ANP file is UTF-8 text', $label, strpos( $bytes, "\0" ) ) );
		}
		if ( ! preg_match( '//u', $bytes ) ) {
			throw new Anp_Upload_Exception( sprintf( '%s: not UTF-8 text; an ANP file is UTF-8', $label ) );
		}
	}

	/**
	 * The manifest: [stored name, shown name] per file.
	 *
	 * @param string $id The upload's id.
	 * @throws Anp_Upload_Exception When there is no such upload.
	 */
	private function manifest( string $id ): array {
		if ( ! $this->exists( $id ) ) {
			throw new Anp_Upload_Exception( 'no such upload: it ended, was removed, or never was' );
		}
		$files = json_decode( (string) file_get_contents( $this->root . '/' . $id . '/manifest.json' ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		return is_array( $files ) ? $files : array();
	}

	/**
	 * Writes the manifest whole, then puts it in place: a request that dies
	 * half-way leaves the one before.
	 *
	 * @param string $id    The upload's id.
	 * @param array  $files [stored name, shown name] per file.
	 * @throws Anp_Upload_Exception When it cannot be written.
	 */
	private function write_manifest( string $id, array $files ): void {
		$this->write_json( $this->root . '/' . $id . '/manifest.json', $files );
	}

	/**
	 * Writes JSON to a file whole, then puts it in place.
	 *
	 * @param string $path  The file.
	 * @param array  $value What to write.
	 * @throws Anp_Upload_Exception When it cannot be written.
	 */
	private function write_json( string $path, array $value ): void {
		$json = (string) json_encode( $value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode -- also runs without WordPress (the unit tests).
		if ( strlen( $json ) !== @file_put_contents( $path . '.new', $json ) || ! @rename( $path . '.new', $path ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
			throw new RuntimeException( 'cannot write ' . basename( $path ) . ' of the upload: ' . self::last_error( $this->root ) );
		}
	}

	/**
	 * Makes the root and what keeps web servers out of it.
	 *
	 * @throws Anp_Upload_Exception When it cannot.
	 */
	private function make_root(): void {
		if ( ! is_dir( $this->root ) && ! @mkdir( $this->root, 0700, true ) && ! is_dir( $this->root ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
			throw new RuntimeException( 'cannot make the private upload folder (under the uploads folder; the anp_upload_root filter moves it): ' . self::last_error( $this->root ) );
		}
		$deny = array(
			'.htaccess'  => "# anp: uploads waiting for their import; never served.\n<IfModule mod_authz_core.c>\n\tRequire all denied\n</IfModule>\n<IfModule !mod_authz_core.c>\n\tDeny from all\n</IfModule>\n",
			'web.config' => "<?xml version=\"1.0\"?>\n<configuration><system.webServer><authorization><deny users=\"*\" /></authorization></system.webServer></configuration>\n",
			'index.php'  => "<?php\n// Silence is golden.\n",
		);
		foreach ( $deny as $file => $content ) {
			if ( ! is_file( $this->root . '/' . $file ) && false === @file_put_contents( $this->root . '/' . $file, $content ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
				throw new RuntimeException( 'cannot write ' . $file . ' in the private upload folder: ' . self::last_error( $this->root ) );
			}
		}
	}

	/**
	 * Whether an id is one create() could have made.
	 *
	 * @param string $id An id.
	 */
	private static function valid_id( string $id ): bool {
		return 1 === preg_match( '/^[a-f0-9]{32}$/D', $id );
	}

	/**
	 * The message of PHP's last error, with the private root's path (whose
	 * random name keeps it from the web) put as "<private folder>".
	 *
	 * @param string $root The root, or '' for none to hide.
	 */
	private static function last_error( string $root = '' ): string {
		$error   = error_get_last();
		$message = null === $error ? 'unknown error' : (string) preg_replace( '/^\w+\(\S*\): /', '', $error['message'] );
		return '' === $root ? $message : str_replace( $root, '<private folder>', $message );
	}
}
