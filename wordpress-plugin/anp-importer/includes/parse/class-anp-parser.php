<?php
/**
 * The parser facade: the C extension when it is loaded, else the pure-PHP
 * parser, which returns identical arrays and throws identical exceptions.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Parses ANP files with the fastest parser at hand.
 */
final class Anp_Parser {

	/**
	 * Whether the C extension does the parsing.
	 */
	public static function uses_extension(): bool {
		return function_exists( 'anp_parse' ) && ! self::extension_disabled();
	}

	/**
	 * "extension" or "php": what status screens print.
	 */
	public static function backend(): string {
		return self::uses_extension() ? 'extension' : 'php';
	}

	/**
	 * Parses ANP text.
	 *
	 * @param string $text    The file's bytes.
	 * @param array  $options max_bytes, invalid_utf8.
	 * @param string $path    What error messages call the input.
	 * @throws \Anp\ParseException When the text is not an ANP post.
	 */
	public static function parse( string $text, array $options = array(), string $path = 'input' ): array {
		if ( self::uses_extension() ) {
			if ( 'input' === $path ) {
				return anp_parse( $text, $options );
			}
			try {
				return anp_parse( $text, $options );
			} catch ( \Anp\ParseException $e ) {
				// The extension names a string "input"; name the file instead.
				throw new \Anp\ParseException( $path, $e->getInputLine(), $e->getReason(), $e );
			}
		}
		self::load_php_parser();
		return Anp_Php_Parser::parse( $text, $options, $path );
	}

	/**
	 * Parses an ANP file.
	 *
	 * @param string $path    Path or stream URL.
	 * @param array  $options max_bytes, invalid_utf8.
	 * @throws \Anp\ParseException When the file is unreadable or not an ANP post.
	 */
	public static function parse_file( string $path, array $options = array() ): array {
		if ( self::uses_extension() ) {
			return anp_parse_file( $path, $options );
		}
		self::load_php_parser();
		return Anp_Php_Parser::parse_file( $path, $options );
	}

	/**
	 * ANP_IMPORTER_DISABLE_EXTENSION forces the pure-PHP parser, for tests that
	 * compare both and for hosts that want to rule the extension out.
	 */
	private static function extension_disabled(): bool {
		return defined( 'ANP_IMPORTER_DISABLE_EXTENSION' ) && ANP_IMPORTER_DISABLE_EXTENSION;
	}

	private static function load_php_parser(): void {
		require_once __DIR__ . '/class-anp-parse-exception.php';
		require_once __DIR__ . '/class-anp-php-parser.php';
	}
}
