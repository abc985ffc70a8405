<?php
/**
 * The files an import command names: files, folders and globs.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Expands paths into a sorted list of files, so that the same command always
 * imports the same files in the same order (which is what lets a killed run
 * resume where it was).
 *
 * A folder or a glob gives its regular files only: a symbolic link in an
 * import folder (leak.txt -> wp-config.php) would make a post of whatever it
 * points at, and a FIFO would hang the run. Those entries are skipped and
 * told (skipped()); a folder's files keep their real paths under the
 * folder. A file named on its own is taken when it is, or its link points
 * at, a regular file: the person who typed its name chose it.
 */
final class Anp_File_Finder {

	/**
	 * Extensions taken from folders. A file named on its own is taken
	 * whatever its name.
	 */
	const EXTENSIONS = array( 'txt', 'anp' );

	/** @var string[] Paths that named nothing. */
	private $missing = array();

	/** @var string[] Path => why it was not taken. */
	private $skipped = array();

	/**
	 * @param string[] $paths Files, folders, or glob patterns.
	 * @return string[] Files, each once, in a stable order.
	 */
	public function find( array $paths ): array {
		$files         = array();
		$this->missing = array();
		$this->skipped = array();
		foreach ( $paths as $path ) {
			$is_glob = (bool) preg_match( '/[*?[]/', $path );
			$matches = $is_glob ? glob( $path ) : array( $path );
			if ( ! $matches || ( 1 === count( $matches ) && ! file_exists( $matches[0] ) && ! is_link( $matches[0] ) ) ) {
				$this->missing[] = $path;
				continue;
			}
			foreach ( $matches as $match ) {
				// A glob's matches are a folder's entries, as the shell's are.
				if ( $is_glob && is_link( $match ) ) {
					$this->skip( $match, 'a symbolic link' );
					continue;
				}
				if ( is_dir( $match ) ) {
					$found = $this->in_folder( $match );
				} elseif ( is_file( $match ) ) {
					$found = array( $match );
				} else {
					$this->skip( $match, is_link( $match ) ? 'a symbolic link to nothing' : 'not a regular file' );
					continue;
				}
				foreach ( $found as $file ) {
					$files[ $file ] = true;
				}
			}
		}
		return array_keys( $files );
	}

	/**
	 * The paths of the last find() that named no file or folder.
	 *
	 * @return string[]
	 */
	public function missing(): array {
		return $this->missing;
	}

	/**
	 * What the last find() left out of folders and globs, and why: symbolic
	 * links, and whatever is not a regular file. Path => reason, sorted.
	 *
	 * @return string[]
	 */
	public function skipped(): array {
		ksort( $this->skipped, SORT_STRING );
		return $this->skipped;
	}

	private function skip( string $path, string $reason ): void {
		$this->skipped[ $path ] = $reason . ', skipped; expected a regular file';
	}

	/**
	 * @return string[] The ANP files under a folder, sorted by path.
	 */
	private function in_folder( string $dir ): array {
		$root  = realpath( $dir );
		$files = array();
		// Links to folders are not followed (no FOLLOW_SYMLINKS): they come
		// out as entries of their own, and are skipped below.
		$iterator = new RecursiveIteratorIterator(
			new RecursiveDirectoryIterator( $dir, FilesystemIterator::SKIP_DOTS )
		);
		foreach ( $iterator as $entry ) {
			$file = $entry->getPathname();
			if ( $entry->isLink() ) {
				$this->skip( $file, 'a symbolic link' );
				continue;
			}
			if ( ! in_array( strtolower( pathinfo( $file, PATHINFO_EXTENSION ) ), self::EXTENSIONS, true ) ) {
				continue;
			}
			if ( ! $entry->isFile() ) {
				$this->skip( $file, 'not a regular file' );
				continue;
			}
			// The folder's own files only, whatever the path's parts say.
			$real = realpath( $file );
			// realpath() answers with the system's separator, a backslash on Windows.
			if ( false === $root || false === $real || ! str_starts_with( $real, rtrim( $root, '/\\' ) . DIRECTORY_SEPARATOR ) ) {
				$this->skip( $file, 'outside the folder' );
				continue;
			}
			$files[] = $file;
		}
		sort( $files, SORT_STRING );
		return $files;
	}
}
