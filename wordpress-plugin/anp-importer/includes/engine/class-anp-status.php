<?php
/**
 * What `wp anp status` and the settings page show.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The parser and the WXR writer in use, the versions around them, and what
 * was imported.
 */
final class Anp_Status {

	/**
	 * Reads only: a site that never imported shows zeros and gets no table.
	 */
	public static function collect(): array {
		$extension = extension_loaded( 'anp' );
		return array(
			'parser'            => Anp_Parser::backend(),
			'wxr_writer'        => Anp_Wxr::implementation(),
			'extension_loaded'  => $extension,
			'extension_version' => $extension ? (string) phpversion( 'anp' ) : '',
			'libxml2_version'   => defined( 'LIBXML_DOTTED_VERSION' ) ? LIBXML_DOTTED_VERSION : '',
			'plugin_version'    => ANP_IMPORTER_VERSION,
			'php_version'       => PHP_VERSION,
			'wordpress_version' => get_bloginfo( 'version' ),
		) + ( new Anp_Ledger() )->counts() + self::running();
	}

	/**
	 * The batches not finished: each one's groups written and in all, and
	 * the workers that hold a group of it now ("" when none runs).
	 */
	private static function running(): array {
		$running = array();
		foreach ( Anp_Schema::installed() ? Anp_Batches::recent( 20 ) : array() as $batch ) {
			if ( 'running' === $batch['status'] ) {
				$running[] = sprintf(
					'%s: %s, workers: %s',
					$batch['id'],
					$batch['groups'] ? sprintf( '%d of %d groups written', $batch['groups'][0], $batch['groups'][1] ) : 'cut short',
					$batch['workers'] ? implode( ', ', $batch['workers'] ) : 'none'
				);
			}
		}
		return array( 'running_batches' => implode( '; ', $running ) );
	}
}
