<?php
/**
 * The text of a file as WordPress stores text.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * What a file holds is text, whoever runs the import: never markup, never a
 * shortcode, never a control character. WordPress stores a post's title,
 * excerpt and content as HTML and shows them as such (the_title() prints
 * the title as it is, the_content() runs shortcodes), so each text is
 * escaped on its way in. Pure PHP: no WordPress function is needed.
 */
final class Anp_Text {

	/**
	 * The control characters no text of a post means: C0 but tab, line feed
	 * and carriage return (those XML 1.0 forbids, which break a feed), DEL,
	 * C1 (U+0080-U+009F, which a terminal may read as escapes), and U+FFFE,
	 * U+FFFF (XML forbids them too). By bytes: the parser gives valid UTF-8,
	 * in which \xC2 and \xEF only ever start a character.
	 */
	const CONTROLS = '/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]|\xC2[\x80-\x9F]|\xEF\xBF[\xBE\xBF]/';

	/**
	 * Text without its control characters.
	 *
	 * @param string $text Text from a file.
	 */
	public static function without_controls( string $text ): string {
		return (string) preg_replace( self::CONTROLS, '', $text );
	}

	/**
	 * Text as HTML that shows it as it is: "&", "<", ">" and both quotes as
	 * entities, "[" as "&#91;" so that no shortcode runs (a visitor still
	 * reads "[gallery]"), control characters dropped. For element content
	 * and attribute values alike.
	 *
	 * @param string $text Text from a file.
	 */
	public static function html( string $text ): string {
		return str_replace( '[', '&#91;', htmlspecialchars( self::without_controls( $text ), ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8' ) );
	}

	/**
	 * Text as the HTML of a post's title or excerpt: as html(), but for the
	 * quotes, which element content shows as they are (and which
	 * wptexturize() then curls, as it does a typed title's).
	 *
	 * @param string $text Text from a file.
	 */
	public static function inline_html( string $text ): string {
		return str_replace( '[', '&#91;', htmlspecialchars( self::without_controls( $text ), ENT_NOQUOTES | ENT_SUBSTITUTE, 'UTF-8' ) );
	}
}
