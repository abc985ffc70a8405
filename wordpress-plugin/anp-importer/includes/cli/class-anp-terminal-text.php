<?php
/**
 * Text from files, made safe for a terminal.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * What the commands print holds paths, URLs, titles and reasons that came
 * from files, and a terminal obeys the escape sequences in what it is sent
 * (a file could clear the screen and print a "Success" of its own). Both
 * outputs pass every text through here: control characters are dropped,
 * and a one-line message keeps to one line.
 */
final class Anp_Terminal_Text {

	/**
	 * C0 but line feed and tab, DEL, and C1 (U+0080-U+009F: an 8-bit
	 * terminal reads U+009B as the start of an escape sequence).
	 */
	const CONTROLS = '/[\x00-\x08\x0B-\x1F\x7F]|\xC2[\x80-\x9F]/';

	/**
	 * One well-formed UTF-8 character (group 1), else one byte.
	 */
	const UTF8_OR_BYTE = '/([\x00-\x7F]|[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2})|./s';

	/**
	 * Output that may hold several lines (JSON, a table, var_export()).
	 *
	 * @param string $text What to print.
	 */
	public static function lines( string $text ): string {
		// Bytes that are not UTF-8 (a file name's, say) could be C1 in an
		// 8-bit terminal: each becomes "?" first, as mb_scrub() makes it
		// (PCRE rather than mbstring, which a host's PHP may lack).
		if ( ! preg_match( '//u', $text ) ) {
			$text = (string) preg_replace_callback( self::UTF8_OR_BYTE, static fn( array $m ): string => '' === ( $m[1] ?? '' ) ? '?' : $m[1], $text );
		}
		return (string) preg_replace( self::CONTROLS, '', $text );
	}

	/**
	 * A message of one line ("Warning: …", a table's cell): line feeds and
	 * tabs become spaces, so that no text from a file starts a line of its own.
	 *
	 * @param string $text What to print.
	 */
	public static function line( string $text ): string {
		return self::lines( str_replace( array( "\n", "\t" ), ' ', $text ) );
	}

	/**
	 * Data as JSON for a terminal: as wp_json_encode() writes it, with DEL
	 * and C1 written as \u escapes, as the control characters already are,
	 * so that nothing is lost and nothing reaches the terminal raw.
	 *
	 * @param mixed $data  What to encode.
	 * @param int   $flags json_encode() flags.
	 */
	public static function json( $data, int $flags = 0 ): string {
		return (string) preg_replace_callback(
			'/\x7F|\xC2[\x80-\x9F]/',
			// U+007F, or U+0080-U+009F from its second byte.
			static fn( array $m ): string => sprintf( '\\u%04x', 1 === strlen( $m[0] ) ? 0x7F : ord( $m[0][1] ) ),
			(string) wp_json_encode( $data, $flags )
		);
	}
}
