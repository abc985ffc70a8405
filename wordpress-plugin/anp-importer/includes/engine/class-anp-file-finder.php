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
 */
final class Anp_File_Finder {

	/**
	 * Extensions taken from folders. A file named on its own is taken
	 * whatever its name.
	 */
	const EXTENSIONS = array( 'txt', 'anp' );

	/** @var string[] Paths that named nothing. */
	private $missing = array();

	/**
	 * @param string[] $paths Files, folders, or glob patterns.
	 * @return string[] Files, each once, in a stable order.
	 */
	public function find( array $paths ): array {
		$files         = array();
		$this->missing = array();
		foreach ( $paths as $path ) {
			$matches = preg_match( '/[*?[]/', $path ) ? glob( $path ) : array( $path );
			if ( ! $matches || ( 1 === count( $matches ) && ! file_exists( $matches[0] ) ) ) {
				$this->missing[] = $path;
				continue;
			}
			foreach ( $matches as $match ) {
				$found = is_dir( $match ) ? $this->in_folder( $match ) : array( $match );
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
	 * @return string[] The ANP files under a folder, sorted by path.
	 */
	private function in_folder( string $dir ): array {
		$files    = array();
		$iterator = new RecursiveIteratorIterator(
			new RecursiveDirectoryIterator( $dir, FilesystemIterator::SKIP_DOTS | FilesystemIterator::CURRENT_AS_PATHNAME )
		);
		foreach ( $iterator as $file ) {
			if ( in_array( strtolower( pathinfo( $file, PATHINFO_EXTENSION ) ), self::EXTENSIONS, true ) ) {
				$files[] = $file;
			}
		}
		sort( $files, SORT_STRING );
		return $files;
	}
}
