<?php
/**
 * The text rules of the WXR writer (docs/wxr-writer.md, "Text"), byte by
 * byte, so that the PHP writer gives the C writer's bytes whatever libxml2
 * it runs on: strict UTF-8, the characters XML 1.0 forbids, and the
 * escaping of plain and attribute values.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Pure functions on strings; no state.
 */
final class Anp_Wxr_Text {

	/**
	 * The characters XML 1.0 forbids (TAB, LF and CR are allowed), in a
	 * string already known to be valid UTF-8.
	 */
	const FORBIDDEN = '/[\x00-\x08\x0B\x0C\x0E-\x1F]|\x{FFFE}|\x{FFFF}/u';

	/**
	 * Where the first ill-formed UTF-8 sequence starts, or -1 when the
	 * string is valid UTF-8 in the strict sense of Unicode's table 3-7: no
	 * overlong forms, no surrogates, nothing above U+10FFFF, no stray or
	 * missing continuation bytes.
	 *
	 * @param string $text Any bytes.
	 * @return int The 0-based offset of the lead byte of the bad sequence, or -1.
	 */
	public static function invalid_utf8_at( string $text ): int {
		// PCRE's check is the same strict one, in C: the scan below runs only on failure.
		if ( 1 === preg_match( '//u', $text ) ) {
			return -1;
		}
		$length = strlen( $text );
		$i      = 0;
		while ( $i < $length ) {
			$byte = ord( $text[ $i ] );
			if ( $byte < 0x80 ) {
				++$i;
				continue;
			}
			// The lead byte gives the length and the range of the first continuation byte.
			if ( $byte >= 0xC2 && $byte <= 0xDF ) {
				$need = 1;
				$low  = 0x80;
				$high = 0xBF;
			} elseif ( 0xE0 === $byte ) {
				$need = 2;
				$low  = 0xA0; // Not overlong.
				$high = 0xBF;
			} elseif ( 0xED === $byte ) {
				$need = 2;
				$low  = 0x80;
				$high = 0x9F; // No surrogates.
			} elseif ( $byte >= 0xE1 && $byte <= 0xEF ) {
				$need = 2;
				$low  = 0x80;
				$high = 0xBF;
			} elseif ( 0xF0 === $byte ) {
				$need = 3;
				$low  = 0x90; // Not overlong.
				$high = 0xBF;
			} elseif ( $byte >= 0xF1 && $byte <= 0xF3 ) {
				$need = 3;
				$low  = 0x80;
				$high = 0xBF;
			} elseif ( 0xF4 === $byte ) {
				$need = 3;
				$low  = 0x80;
				$high = 0x8F; // Not above U+10FFFF.
			} else {
				return $i; // A continuation byte without a lead, C0, C1, F5-FF.
			}
			// Every fault of the sequence (cut short, a bad continuation) is reported at its lead byte.
			for ( $k = 1; $k <= $need; $k++ ) {
				if ( $i + $k >= $length ) {
					return $i;
				}
				$next = ord( $text[ $i + $k ] );
				if ( $next < ( 1 === $k ? $low : 0x80 ) || $next > ( 1 === $k ? $high : 0xBF ) ) {
					return $i;
				}
			}
			$i += $need + 1;
		}
		return -1; // Not reached: PCRE said the string was invalid.
	}

	/**
	 * Drops the characters XML 1.0 forbids from valid UTF-8.
	 *
	 * @param string $text    Valid UTF-8.
	 * @param int    $dropped Incremented by the number of characters dropped.
	 */
	public static function drop_forbidden( string $text, int &$dropped ): string {
		$count = 0;
		$clean = preg_replace( self::FORBIDDEN, '', $text, -1, $count );
		$dropped += $count;
		return 0 === $count ? $text : (string) $clean;
	}

	/**
	 * The pieces a CDATA value is written in: cut after every "]]" that is
	 * followed by ">", as wxr_cdata() does, so that no piece holds "]]>".
	 *
	 * @param string $text The value.
	 * @return string[] At least one piece ('' for '').
	 */
	public static function cdata_pieces( string $text ): array {
		if ( false === strpos( $text, ']]>' ) ) {
			return array( $text );
		}
		$parts = explode( ']]>', $text );
		$last  = count( $parts ) - 1;
		foreach ( $parts as $i => $part ) {
			$parts[ $i ] = ( $i > 0 ? '>' : '' ) . $part . ( $i < $last ? ']]' : '' );
		}
		return $parts;
	}

	/**
	 * A plain value as written: WordPress's own escaping kept ("&#038;",
	 * "&#38;", "&amp;"), and only what would leave the XML ill-formed fixed:
	 * "<", ">" and an "&" that does not start a well-formed reference to a
	 * character XML allows.
	 *
	 * @param string $text Valid UTF-8 without forbidden characters.
	 */
	public static function plain( string $text ): string {
		if ( false === strpbrk( $text, '<>&' ) ) {
			return $text;
		}
		return (string) preg_replace_callback(
			'/[<>]|&(?:(?:amp|lt|gt|quot|apos);|#([0-9]+);|#x([0-9a-fA-F]+);)?/',
			static function ( array $match ): string {
				if ( '<' === $match[0] ) {
					return '&lt;';
				}
				if ( '>' === $match[0] ) {
					return '&gt;';
				}
				if ( '&' === $match[0] ) {
					return '&amp;';
				}
				if ( isset( $match[2] ) && '' !== $match[2] ) {
					$ok = self::allowed_reference( $match[2], 16 );
				} elseif ( isset( $match[1] ) && '' !== $match[1] ) {
					$ok = self::allowed_reference( $match[1], 10 );
				} else {
					$ok = true; // A predefined entity.
				}
				// A bad reference keeps its text: "#", digits and ";" need no escaping.
				return $ok ? $match[0] : '&amp;' . substr( $match[0], 1 );
			},
			$text
		);
	}

	/**
	 * An attribute value as written: "&", "<", ">", '"' as entities, and
	 * TAB, LF, CR as character references so that a parser's attribute
	 * normalisation keeps them.
	 *
	 * @param string $text Valid UTF-8 without forbidden characters.
	 */
	public static function attribute( string $text ): string {
		return strtr(
			$text,
			array(
				'&'  => '&amp;',
				'<'  => '&lt;',
				'>'  => '&gt;',
				'"'  => '&quot;',
				"\t" => '&#9;',
				"\n" => '&#10;',
				"\r" => '&#13;',
			)
		);
	}

	/**
	 * Whether a character reference's number names a character XML 1.0
	 * allows: #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF.
	 *
	 * @param string $digits The number, without "&#", "x" or ";".
	 * @param int    $base   10 or 16.
	 */
	private static function allowed_reference( string $digits, int $base ): bool {
		$digits = ltrim( $digits, '0' );
		// Longer than U+10FFFF's digits is out of range; this also keeps the number from overflowing.
		if ( strlen( $digits ) > ( 16 === $base ? 6 : 7 ) ) {
			return false;
		}
		$code = '' === $digits ? 0 : (int) intval( $digits, $base );
		return 0x9 === $code || 0xA === $code || 0xD === $code
			|| ( $code >= 0x20 && $code <= 0xD7FF )
			|| ( $code >= 0xE000 && $code <= 0xFFFD )
			|| ( $code >= 0x10000 && $code <= 0x10FFFF );
	}
}
