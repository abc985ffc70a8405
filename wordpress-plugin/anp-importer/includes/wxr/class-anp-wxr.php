<?php
/**
 * The WXR writer facade: the C extension's Anp\WxrWriter when it is loaded,
 * else the PHP twin, which writes the same bytes for the same calls.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

require_once __DIR__ . '/class-anp-wxr-exception.php';

/**
 * Picks the WXR writer.
 */
final class Anp_Wxr {

	/**
	 * A writer on a path or a stream (docs/wxr-writer.md, "The class").
	 *
	 * @param string|resource $target     A path (created or truncated) or a writable stream.
	 * @param bool            $items_only Write only <item> elements.
	 * @return \Anp\WxrWriter|Anp_Php_Wxr_Writer
	 * @throws \Anp\WxrException When the target cannot be opened.
	 */
	public static function writer( $target, bool $items_only = false ) {
		if ( self::uses_extension() ) {
			return new \Anp\WxrWriter( $target, $items_only );
		}
		require_once __DIR__ . '/class-anp-php-wxr-writer.php';
		return new Anp_Php_Wxr_Writer( $target, $items_only );
	}

	/**
	 * "extension" or "php": what status output prints.
	 */
	public static function implementation(): string {
		return self::uses_extension() ? 'extension' : 'php';
	}

	/**
	 * Whether the C writer is at hand and not ruled out. The parser's switch,
	 * ANP_IMPORTER_DISABLE_EXTENSION, rules out this one too.
	 */
	private static function uses_extension(): bool {
		return class_exists( 'Anp\WxrWriter', false )
			&& ! ( defined( 'ANP_IMPORTER_DISABLE_EXTENSION' ) && ANP_IMPORTER_DISABLE_EXTENSION );
	}
}
