<?php
/**
 * Files uploaded in wp-admin converted to WXR, without importing them.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * `wp anp convert` for the browser: the files go into an upload of their
 * own (checked as the importer's are), are converted as the command
 * converts them with the site's settings into one document in that
 * upload's folder, and the upload's ANP files are removed at once. The
 * document waits there for its download (download()), which removes the
 * upload; one never fetched goes a day later (Anp_Upload_Job::expired()).
 */
final class Anp_Upload_Convert {

	/**
	 * Converts the files a request brought.
	 *
	 * @param array $uploaded [tmp path, name the browser gave, PHP's upload error] each.
	 * @return array id (of the upload holding the document, '' when none was made),
	 *               converted, skipped, refused (messages), failures (name, line, reason).
	 * @throws InvalidArgumentException When the settings are not valid.
	 * @throws RuntimeException When the uploads folder cannot be used or the document cannot be written.
	 */
	public static function convert( array $uploaded ): array {
		$store   = Anp_Upload_Store::for_site();
		$store->purge( array( 'Anp_Upload_Job', 'expired' ) );
		$id      = $store->create();
		$refused = array();
		foreach ( $uploaded as list( $tmp, $name, $error ) ) {
			if ( UPLOAD_ERR_OK !== $error || ! is_uploaded_file( $tmp ) ) {
				$refused[] = sprintf( '%s: did not arrive whole (upload error %d)', Anp_Zip_Entries::shown( $name ), $error );
				continue;
			}
			try {
				$store->add( $id, $tmp, $name );
			} catch ( Anp_Upload_Exception $e ) {
				$refused[] = $e->getMessage();
			}
		}
		$files = $store->files( $id );
		$out   = array(
			'id'        => '',
			'converted' => 0,
			'skipped'   => 0,
			'refused'   => $refused,
			'failures'  => array(),
		);
		if ( ! $files ) {
			$store->delete( $id );
			return $out;
		}
		try {
			$time  = time();
			$flags = array( 'dir' => $store->folder( $id ) );
			$login = Anp_Convert_Options::site_author( null );
			if ( null !== $login ) {
				$flags['author'] = $login;
			}
			$options   = Anp_Convert_Options::from_flags( Anp_Settings::get(), $flags, $store->folder( $id ), $time );
			$converter = new Anp_Converter( $options, ANP_IMPORTER_VERSION );
			$wxr       = new Anp_Wxr_Files(
				array(
					'dir'             => $store->folder( $id ),
					'max_bytes'       => -1,
					'filename_format' => Anp_Upload_Store::CONVERTED,
					'site'            => $options->file_site(),
					'date'            => gmdate( 'Y-m-d', $time ),
				),
				$converter->header()
			);
			$report = $converter->convert( array_column( $files, 'path' ), $wxr );
		} catch ( \Throwable $e ) {
			$store->delete( $id );
			if ( $e instanceof InvalidArgumentException ) {
				throw $e;
			}
			// The writer names its files: not the private folder's secret name.
			throw new RuntimeException( 'the converted file could not be written: ' . str_replace( $store->root(), '<private folder>', $e->getMessage() ), 0, $e );
		}
		$store->drop_files( $id );
		$names = array_column( $files, 'name', 'path' );
		foreach ( $report->failures() as $failure ) {
			$out['failures'][] = array(
				'name'   => (string) ( $names[ $failure['path'] ] ?? basename( $failure['path'] ) ),
				'line'   => (int) $failure['line'],
				'reason' => (string) $failure['reason'],
			);
		}
		$totals           = $report->totals();
		$out['converted'] = (int) $totals['converted'];
		$out['skipped']   = (int) $totals['skipped'];
		if ( $out['converted'] ) {
			$out['id'] = $id;
		} else {
			$store->delete( $id );
		}
		return $out;
	}

	/**
	 * Streams a converted document to $out and removes its upload.
	 *
	 * @param string   $id  The upload's id.
	 * @param resource $out Where it goes.
	 * @return bool False when there is no such document (fetched already, or never made).
	 * @throws RuntimeException When the site's uploads folder cannot be used.
	 */
	public static function download( string $id, $out ): bool {
		$store = Anp_Upload_Store::for_site();
		if ( ! $store->exists( $id ) ) {
			return false;
		}
		$path = $store->folder( $id ) . '/' . Anp_Upload_Store::CONVERTED;
		$in   = is_file( $path ) ? fopen( $path, 'rb' ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions
		if ( false === $in ) {
			return false;
		}
		try {
			stream_copy_to_stream( $in, $out );
		} finally {
			fclose( $in ); // phpcs:ignore WordPress.WP.AlternativeFunctions
			$store->delete( $id );
		}
		return true;
	}

	/**
	 * The size of a converted document, or null when there is none.
	 *
	 * @param string $id The upload's id.
	 */
	public static function size( string $id ): ?int {
		try {
			$store = Anp_Upload_Store::for_site();
			return $store->exists( $id ) && is_file( $store->folder( $id ) . '/' . Anp_Upload_Store::CONVERTED ) ? (int) filesize( $store->folder( $id ) . '/' . Anp_Upload_Store::CONVERTED ) : null;
		} catch ( RuntimeException $e ) {
			return null;
		}
	}
}
