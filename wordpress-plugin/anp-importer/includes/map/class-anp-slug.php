<?php
/**
 * The slug WordPress gives a title or a term's name, without WordPress.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * WordPress's sanitize_title( $text ) (context "save": remove_accents(), then
 * sanitize_title_with_dashes()) as of 6.1, as a pure function, for `convert`,
 * which writes slugs with no site to ask (docs/wordpress-decisions.md,
 * "Convert"). For ASCII text it is WordPress's function, byte for byte. Where
 * it may differ: remove_accents() here is the table of its UTF-8 branch for
 * every locale but the ones it special-cases (de_*, da_DK, ca, sr_RS, bs_BA),
 * and without the NFC normalization it does when PHP has intl; and, as in
 * WordPress, non-ASCII letters are lowercased only when mbstring is there.
 * No "sanitize_title" filter runs. Tests compare it with WordPress's on the
 * names of the seeds and of a generated corpus.
 */
final class Anp_Slug {

	/**
	 * The slug of a title or a term's name; '' when nothing is left (WordPress
	 * then falls back to the post's id, or refuses the term).
	 *
	 * @param string $text A title or a name, as WordPress stores it or as given.
	 */
	public static function of( string $text ): string {
		return self::with_dashes( self::remove_accents( $text ) );
	}

	/**
	 * remove_accents() of the default locale.
	 *
	 * @param string $text Text.
	 */
	public static function remove_accents( string $text ): string {
		if ( ! preg_match( '/[\x80-\xff]/', $text ) || ! self::seems_utf8( $text ) ) {
			// WordPress maps ISO-8859-1 bytes when the text is not UTF-8;
			// parsed ANP text is always UTF-8, so such text is left as it is.
			return $text;
		}
		return strtr( $text, self::ACCENTS );
	}

	/**
	 * sanitize_title_with_dashes( $text, '', 'save' ).
	 *
	 * @param string $title Text without accents.
	 */
	public static function with_dashes( string $title ): string {
		$title = strip_tags( $title );
		// Escaped octets stay; other percent signs go.
		$title = (string) preg_replace( '|%([a-fA-F0-9][a-fA-F0-9])|', '---$1---', $title );
		$title = str_replace( '%', '', $title );
		$title = (string) preg_replace( '|---([a-fA-F0-9][a-fA-F0-9])---|', '%$1', $title );
		if ( self::seems_utf8( $title ) ) {
			// As WordPress: without mbstring only ASCII is lowercased (below).
			if ( function_exists( 'mb_strtolower' ) ) {
				$title = mb_strtolower( $title, 'UTF-8' );
			}
			$title = self::utf8_uri_encode( $title, 200 );
		}
		$title = strtolower( $title );
		// No-break space, en and em dashes, as octets and as entities, and "/" are dashes.
		$title = str_replace( array( '%c2%a0', '%e2%80%93', '%e2%80%94' ), '-', $title );
		$title = str_replace( array( '&nbsp;', '&#160;', '&ndash;', '&#8211;', '&mdash;', '&#8212;' ), '-', $title );
		$title = str_replace( '/', '-', $title );
		$title = str_replace( self::STRIPPED, '', $title );
		$title = str_replace( self::DASHES, '-', $title );
		$title = str_replace( '%c3%97', 'x', $title );
		// Entities go; dots are dashes; then only [%a-z0-9 _-] is left.
		$title = (string) preg_replace( '/&.+?;/', '', $title );
		$title = str_replace( '.', '-', $title );
		$title = (string) preg_replace( '/[^%a-z0-9 _-]/', '', $title );
		$title = (string) preg_replace( '/\s+/', '-', $title );
		$title = (string) preg_replace( '|-+|', '-', $title );
		return trim( $title, '-' );
	}

	/**
	 * seems_utf8(): lead bytes of up to six-byte forms, each with its
	 * continuation bytes (looser than strict UTF-8, as WordPress's).
	 *
	 * @param string $str Bytes.
	 */
	private static function seems_utf8( string $str ): bool {
		$length = strlen( $str );
		for ( $i = 0; $i < $length; $i++ ) {
			$c = ord( $str[ $i ] );
			if ( $c < 0x80 ) {
				$n = 0;
			} elseif ( ( $c & 0xE0 ) === 0xC0 ) {
				$n = 1;
			} elseif ( ( $c & 0xF0 ) === 0xE0 ) {
				$n = 2;
			} elseif ( ( $c & 0xF8 ) === 0xF0 ) {
				$n = 3;
			} elseif ( ( $c & 0xFC ) === 0xF8 ) {
				$n = 4;
			} elseif ( ( $c & 0xFE ) === 0xFC ) {
				$n = 5;
			} else {
				return false;
			}
			for ( $j = 0; $j < $n; $j++ ) {
				if ( ++$i === $length || ( ord( $str[ $i ] ) & 0xC0 ) !== 0x80 ) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * utf8_uri_encode( $text, $length ): bytes over 127 as lower-case %xx,
	 * whole characters only, at most $length bytes.
	 *
	 * @param string $text   UTF-8 text.
	 * @param int    $length The most bytes; 0 for no limit.
	 */
	private static function utf8_uri_encode( string $text, int $length ): string {
		$out        = '';
		$values     = array();
		$num_octets = 1;
		$out_length = 0;
		$bytes      = strlen( $text );
		for ( $i = 0; $i < $bytes; $i++ ) {
			$value = ord( $text[ $i ] );
			if ( $value < 128 ) {
				if ( $length && $out_length + 1 > $length ) {
					break;
				}
				$out .= $text[ $i ];
				++$out_length;
				continue;
			}
			if ( ! $values ) {
				$num_octets = $value < 224 ? 2 : ( $value < 240 ? 3 : 4 );
			}
			$values[] = $value;
			if ( $length && $out_length + $num_octets * 3 > $length ) {
				break;
			}
			if ( count( $values ) === $num_octets ) {
				foreach ( $values as $octet ) {
					$out .= '%' . dechex( $octet );
				}
				$out_length += $num_octets * 3;
				$values      = array();
				$num_octets  = 1;
			}
		}
		return $out;
	}

	/**
	 * What sanitize_title_with_dashes() drops: soft hyphen, inverted marks,
	 * angle and curly quotes, bullet, (c) (r) degree ellipsis (tm), accents,
	 * and the characters that show with no width.
	 */
	const STRIPPED = array(
		'%c2%ad', '%c2%a1', '%c2%bf', '%c2%ab', '%c2%bb', '%e2%80%b9', '%e2%80%ba', '%e2%80%98', '%e2%80%99',
		'%e2%80%9c', '%e2%80%9d', '%e2%80%9a', '%e2%80%9b', '%e2%80%9e', '%e2%80%9f', '%e2%80%a2', '%c2%a9',
		'%c2%ae', '%c2%b0', '%e2%80%a6', '%e2%84%a2', '%c2%b4', '%cb%8a', '%cc%81', '%cd%81', '%cc%80', '%cc%84',
		'%cc%8c', '%e2%80%8b', '%e2%80%8c', '%e2%80%8d', '%e2%80%8e', '%e2%80%8f', '%e2%80%aa', '%e2%80%ab',
		'%e2%80%ac', '%e2%80%ad', '%e2%80%ae', '%ef%bb%bf', '%ef%bf%bc',
	);

	/**
	 * What it makes a dash: the spaces that show with a width.
	 */
	const DASHES = array(
		'%e2%80%80', '%e2%80%81', '%e2%80%82', '%e2%80%83', '%e2%80%84', '%e2%80%85', '%e2%80%86', '%e2%80%87',
		'%e2%80%88', '%e2%80%89', '%e2%80%8a', '%e2%80%a8', '%e2%80%a9', '%e2%80%af',
	);

	/**
	 * remove_accents()'s table (UTF-8, default locale), WordPress 6.1.
	 */
	const ACCENTS = array(
		'ª' => 'a', 'º' => 'o', 'À' => 'A', 'Á' => 'A', 'Â' => 'A', 'Ã' => 'A', 'Ä' => 'A', 'Å' => 'A',
		'Æ' => 'AE', 'Ç' => 'C', 'È' => 'E', 'É' => 'E', 'Ê' => 'E', 'Ë' => 'E', 'Ì' => 'I', 'Í' => 'I',
		'Î' => 'I', 'Ï' => 'I', 'Ð' => 'D', 'Ñ' => 'N', 'Ò' => 'O', 'Ó' => 'O', 'Ô' => 'O', 'Õ' => 'O',
		'Ö' => 'O', 'Ù' => 'U', 'Ú' => 'U', 'Û' => 'U', 'Ü' => 'U', 'Ý' => 'Y', 'Þ' => 'TH', 'ß' => 's',
		'à' => 'a', 'á' => 'a', 'â' => 'a', 'ã' => 'a', 'ä' => 'a', 'å' => 'a', 'æ' => 'ae', 'ç' => 'c',
		'è' => 'e', 'é' => 'e', 'ê' => 'e', 'ë' => 'e', 'ì' => 'i', 'í' => 'i', 'î' => 'i', 'ï' => 'i',
		'ð' => 'd', 'ñ' => 'n', 'ò' => 'o', 'ó' => 'o', 'ô' => 'o', 'õ' => 'o', 'ö' => 'o', 'ø' => 'o',
		'ù' => 'u', 'ú' => 'u', 'û' => 'u', 'ü' => 'u', 'ý' => 'y', 'þ' => 'th', 'ÿ' => 'y', 'Ø' => 'O',
		'Ā' => 'A', 'ā' => 'a', 'Ă' => 'A', 'ă' => 'a', 'Ą' => 'A', 'ą' => 'a', 'Ć' => 'C', 'ć' => 'c',
		'Ĉ' => 'C', 'ĉ' => 'c', 'Ċ' => 'C', 'ċ' => 'c', 'Č' => 'C', 'č' => 'c', 'Ď' => 'D', 'ď' => 'd',
		'Đ' => 'D', 'đ' => 'd', 'Ē' => 'E', 'ē' => 'e', 'Ĕ' => 'E', 'ĕ' => 'e', 'Ė' => 'E', 'ė' => 'e',
		'Ę' => 'E', 'ę' => 'e', 'Ě' => 'E', 'ě' => 'e', 'Ĝ' => 'G', 'ĝ' => 'g', 'Ğ' => 'G', 'ğ' => 'g',
		'Ġ' => 'G', 'ġ' => 'g', 'Ģ' => 'G', 'ģ' => 'g', 'Ĥ' => 'H', 'ĥ' => 'h', 'Ħ' => 'H', 'ħ' => 'h',
		'Ĩ' => 'I', 'ĩ' => 'i', 'Ī' => 'I', 'ī' => 'i', 'Ĭ' => 'I', 'ĭ' => 'i', 'Į' => 'I', 'į' => 'i',
		'İ' => 'I', 'ı' => 'i', 'Ĳ' => 'IJ', 'ĳ' => 'ij', 'Ĵ' => 'J', 'ĵ' => 'j', 'Ķ' => 'K', 'ķ' => 'k',
		'ĸ' => 'k', 'Ĺ' => 'L', 'ĺ' => 'l', 'Ļ' => 'L', 'ļ' => 'l', 'Ľ' => 'L', 'ľ' => 'l', 'Ŀ' => 'L',
		'ŀ' => 'l', 'Ł' => 'L', 'ł' => 'l', 'Ń' => 'N', 'ń' => 'n', 'Ņ' => 'N', 'ņ' => 'n', 'Ň' => 'N',
		'ň' => 'n', 'ŉ' => 'n', 'Ŋ' => 'N', 'ŋ' => 'n', 'Ō' => 'O', 'ō' => 'o', 'Ŏ' => 'O', 'ŏ' => 'o',
		'Ő' => 'O', 'ő' => 'o', 'Œ' => 'OE', 'œ' => 'oe', 'Ŕ' => 'R', 'ŕ' => 'r', 'Ŗ' => 'R', 'ŗ' => 'r',
		'Ř' => 'R', 'ř' => 'r', 'Ś' => 'S', 'ś' => 's', 'Ŝ' => 'S', 'ŝ' => 's', 'Ş' => 'S', 'ş' => 's',
		'Š' => 'S', 'š' => 's', 'Ţ' => 'T', 'ţ' => 't', 'Ť' => 'T', 'ť' => 't', 'Ŧ' => 'T', 'ŧ' => 't',
		'Ũ' => 'U', 'ũ' => 'u', 'Ū' => 'U', 'ū' => 'u', 'Ŭ' => 'U', 'ŭ' => 'u', 'Ů' => 'U', 'ů' => 'u',
		'Ű' => 'U', 'ű' => 'u', 'Ų' => 'U', 'ų' => 'u', 'Ŵ' => 'W', 'ŵ' => 'w', 'Ŷ' => 'Y', 'ŷ' => 'y',
		'Ÿ' => 'Y', 'Ź' => 'Z', 'ź' => 'z', 'Ż' => 'Z', 'ż' => 'z', 'Ž' => 'Z', 'ž' => 'z', 'ſ' => 's',
		'Ș' => 'S', 'ș' => 's', 'Ț' => 'T', 'ț' => 't', '€' => 'E', '£' => '', 'Ơ' => 'O', 'ơ' => 'o',
		'Ư' => 'U', 'ư' => 'u', 'Ầ' => 'A', 'ầ' => 'a', 'Ằ' => 'A', 'ằ' => 'a', 'Ề' => 'E',
		'ề' => 'e', 'Ồ' => 'O', 'ồ' => 'o', 'Ờ' => 'O', 'ờ' => 'o', 'Ừ' => 'U', 'ừ' => 'u',
		'Ỳ' => 'Y', 'ỳ' => 'y', 'Ả' => 'A', 'ả' => 'a', 'Ẩ' => 'A', 'ẩ' => 'a', 'Ẳ' => 'A',
		'ẳ' => 'a', 'Ẻ' => 'E', 'ẻ' => 'e', 'Ể' => 'E', 'ể' => 'e', 'Ỉ' => 'I', 'ỉ' => 'i',
		'Ỏ' => 'O', 'ỏ' => 'o', 'Ổ' => 'O', 'ổ' => 'o', 'Ở' => 'O', 'ở' => 'o', 'Ủ' => 'U',
		'ủ' => 'u', 'Ử' => 'U', 'ử' => 'u', 'Ỷ' => 'Y', 'ỷ' => 'y', 'Ẫ' => 'A', 'ẫ' => 'a',
		'Ẵ' => 'A', 'ẵ' => 'a', 'Ẽ' => 'E', 'ẽ' => 'e', 'Ễ' => 'E', 'ễ' => 'e', 'Ỗ' => 'O',
		'ỗ' => 'o', 'Ỡ' => 'O', 'ỡ' => 'o', 'Ữ' => 'U', 'ữ' => 'u', 'Ỹ' => 'Y', 'ỹ' => 'y',
		'Ấ' => 'A', 'ấ' => 'a', 'Ắ' => 'A', 'ắ' => 'a', 'Ế' => 'E', 'ế' => 'e', 'Ố' => 'O',
		'ố' => 'o', 'Ớ' => 'O', 'ớ' => 'o', 'Ứ' => 'U', 'ứ' => 'u', 'Ạ' => 'A', 'ạ' => 'a',
		'Ậ' => 'A', 'ậ' => 'a', 'Ặ' => 'A', 'ặ' => 'a', 'Ẹ' => 'E', 'ẹ' => 'e', 'Ệ' => 'E',
		'ệ' => 'e', 'Ị' => 'I', 'ị' => 'i', 'Ọ' => 'O', 'ọ' => 'o', 'Ộ' => 'O', 'ộ' => 'o',
		'Ợ' => 'O', 'ợ' => 'o', 'Ụ' => 'U', 'ụ' => 'u', 'Ự' => 'U', 'ự' => 'u', 'Ỵ' => 'Y',
		'ỵ' => 'y', 'ɑ' => 'a', 'Ǖ' => 'U', 'ǖ' => 'u', 'Ǘ' => 'U', 'ǘ' => 'u', 'Ǎ' => 'A', 'ǎ' => 'a',
		'Ǐ' => 'I', 'ǐ' => 'i', 'Ǒ' => 'O', 'ǒ' => 'o', 'Ǔ' => 'U', 'ǔ' => 'u', 'Ǚ' => 'U', 'ǚ' => 'u',
		'Ǜ' => 'U', 'ǜ' => 'u',
	);
}
