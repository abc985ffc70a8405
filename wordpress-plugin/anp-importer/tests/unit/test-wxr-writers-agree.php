<?php
/**
 * The two WXR writers give the same bytes for the same calls.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Runs every scenario through Anp\WxrWriter (the extension) and
 * Anp_Php_Wxr_Writer and compares what each wrote, returned and threw.
 * Skipped without the extension: run the unit suite with
 * `php -d extension=…/anp.so /usr/bin/phpunit …`.
 */
final class Test_Anp_Wxr_Writers_Agree extends TestCase {

	const CHANNEL = array(
		'title'         => 'Tom &#38; Jerry&#039;s &#60;b&#62; é 😀',
		'link'          => 'http://example.test/?a=1&#038;b=2',
		'description'   => 'Just & another <site>',
		'pubDate'       => 'Mon, 07 Dec 2026 02:13:49 +0000',
		'language'      => 'en-US',
		'base_site_url' => 'http://example.test',
		'base_blog_url' => 'http://example.test',
		'generator'     => 'WordPress/6.1.9',
		'created'       => '2026-12-07 02:13',
		'generator_url' => 'https://wordpress.org/?v=6.1.9',
	);

	/** Text that tests the rules: CDATA cuts, references, forbidden and 4-byte characters. */
	const PIECES = array(
		'', 'a', ']]>', ']]', ']', '>', ']]]>', '<![CDATA[', '&', '&amp;', '&#038;', '&#x1F600;', '&#0;', '&#xD800;',
		'&nbsp;', '&#', '<', '"', "'", "\t", "\n", "\r", "\r\n", "\x00", "\x01", "\x0B", "\x1F", "\x7F", "\u{FFFE}",
		"\u{FFFF}", "\u{FFFD}", 'é', '😀', "\u{10FFFF}", "\u{E000}", 'ü', '0', ' ', '--', '?>', 'a:1:{s:1:"k";s:3:"]]>";}',
	);

	protected function setUp(): void {
		if ( ! class_exists( 'Anp\WxrWriter', false ) ) {
			$this->markTestSkipped( 'the anp extension is not loaded: run phpunit with php -d extension=/path/to/anp.so to compare the C writer with the PHP one' );
		}
	}

	public function test_core_export_calls(): void {
		$calls = json_decode( (string) file_get_contents( __DIR__ . '/fixtures/wxr/core-export-calls.json' ), true );
		$c     = $this->assertAgree( $calls );
		$this->assertSame( (string) file_get_contents( __DIR__ . '/fixtures/wxr/core-export.xml' ), $c );
	}

	public function test_seeds_and_generated_posts(): void {
		$calls = array( array( 'startChannel', self::CHANNEL ) );
		$texts = array_map( 'file_get_contents', glob( ANP_TESTS_SEEDS . '/*.txt' ) );
		$gen   = new Anp_Corpus_Generator( 9 );
		for ( $i = 0; $i < 40; $i++ ) {
			$texts[] = $gen->generate( $i );
		}
		foreach ( $texts as $i => $text ) {
			list( $title, $body ) = explode( "\n", $text, 2 ) + array( '', '' );
			$calls[]              = array(
				'writeItem',
				array(
					'title'      => $title,
					'content'    => $body,
					'post_id'    => $i + 1,
					'post_name'  => rawurlencode( $title ),
					'status'     => 'publish',
					'post_type'  => 'post',
					'categories' => array( array( 'domain' => 'category', 'nicename' => 'seed', 'name' => 'Seed' ) ),
					'meta'       => array( array( 'key' => '_anp_source', 'value' => $text ) ),
				),
			);
		}
		$this->assertAgree( $calls );
	}

	public function test_every_field_with_every_piece(): void {
		foreach ( self::PIECES as $n => $piece ) {
			$text  = "x{$piece}y{$piece}";
			$calls = array(
				array( 'startChannel', array_map( static fn() => $text, self::CHANNEL ) ),
				array( 'writeAuthor', array( 'id' => $n, 'login' => $text, 'email' => $text, 'display_name' => $text, 'first_name' => $piece, 'last_name' => '' ) ),
				array( 'writeCategory', array( 'term_id' => $n, 'slug' => $text, 'parent' => $piece, 'name' => $piece, 'description' => $text, 'meta' => array( array( 'key' => $piece, 'value' => $text ) ) ) ),
				array( 'writeTag', array( 'term_id' => $n, 'slug' => $text, 'name' => $text, 'description' => $piece, 'meta' => array( array( 'key' => $text, 'value' => $piece ) ) ) ),
				array( 'writeTerm', array( 'term_id' => $n, 'taxonomy' => $text, 'slug' => $text, 'parent' => $text, 'name' => $piece, 'description' => $piece, 'meta' => array() ) ),
				array( 'writeItem', self::item_of( $text, $n ) ),
				array( 'writeItem', self::item_of( $piece, $n ) + array( 'attachment_url' => $piece ) ),
			);
			$this->assertAgree( $calls, false, 'piece ' . $n . ' ' . bin2hex( $piece ) );
			$this->assertAgree( array_slice( $calls, 5 ), true, 'items only, piece ' . $n );
		}
	}

	public function test_empty_values_missing_keys_and_skipped_sections(): void {
		$empty = array_fill_keys( array_keys( self::item_of( '', 0 ) ), '' );
		unset( $empty['attachment_url'] );
		$this->assertAgree( array( array( 'startChannel', array() ) ) );
		$this->assertAgree( array( array( 'startChannel', array( 'generator_url' => '' ) + self::CHANNEL ), array( 'beginItems' ) ) );
		// Only '' leaves <generator> out: a value of forbidden characters alone is written empty.
		foreach ( array( "\x01", "\x00\u{FFFE}\x1F", "\u{FFFF}", null, 0, '0' ) as $url ) {
			$this->assertAgree( array( array( 'startChannel', array( 'generator_url' => $url ) + self::CHANNEL ), array( 'beginItems' ) ), false, 'generator_url ' . var_export( $url, true ) );
		}
		$this->assertAgree( array( array( 'startChannel', self::CHANNEL ), array( 'writeTag', array() ), array( 'writeItem', array() ), array( 'writeItem', $empty ) ) );
		$this->assertAgree( array( array( 'startChannel', self::CHANNEL ), array( 'writeAuthor', array() ), array( 'writeTerm', array() ) ) );
		$this->assertAgree( array( array( 'startChannel', self::CHANNEL ), array( 'writeCategory', array( 'name' => '0', 'description' => "\x01" ) ) ) );
		$this->assertAgree( array( array( 'writeItem', array( 'attachment_url' => null ) ), array( 'writeItem', array( 'attachment_url' => '' ) ) ), true );
		$this->assertAgree( array(), true );
	}

	public function test_the_generator_comment(): void {
		foreach ( array( 'a--b', "a-\x01-b", "-\u{FFFE}-", "x\xE9--", 'a-', '-', '&amp;<>]]>', "\x01" ) as $text ) {
			$this->assertAgree( array( array( 'startChannel', array( 'generator' => $text ) + self::CHANNEL ) ), false, bin2hex( $text ) );
			$this->assertAgree( array( array( 'startChannel', array( 'created' => $text ) + self::CHANNEL ) ), false, bin2hex( $text ) );
		}
	}

	public function test_ints_as_php_reads_them(): void {
		$this->assertAgree(
			array(
				array( 'writeItem', array( 'post_id' => '007', 'post_parent' => ' 12', 'menu_order' => -3, 'is_sticky' => '1', 'comments' => array( array( 'id' => '5', 'parent' => 0, 'user_id' => PHP_INT_MAX ) ) ) ),
				array( 'writeItem', array( 'post_id' => PHP_INT_MIN, 'title' => 42 ) ),
			),
			true
		);
	}

	public function test_values_of_other_types_are_converted_or_refused_alike(): void {
		$values = array( 1.5, 0.1 + 0.2, true, false, null, -0.0, 1e100, PHP_INT_MAX, '12abc', ' 12', '012', '1e3', '0x1A', '', array(), array( 'x' ), array( array() ), 'x' );
		foreach ( array( 'title', 'link', 'post_id', 'is_sticky', 'meta', 'categories', 'comments' ) as $key ) {
			foreach ( $values as $value ) {
				$this->assertAgree( array( array( 'writeItem', array( $key => $value ) ) ), true, $key . ' ' . var_export( $value, true ) );
				$this->assertAgree( array( array( 'writeItem', array( 'meta' => array( array( 'key' => $value ) ), 'comments' => array( array( 'id' => $value ) ) ) ) ), true, 'nested ' . var_export( $value, true ) );
			}
		}
		$this->assertAgree( array( array( 'startChannel', array( 'title' => array() ) ) ) );
		$this->assertAgree( array( array( 'startChannel', array() ), array( 'writeTerm', array( 'term_id' => 'x' ) ) ) );
	}

	/**
	 * @dataProvider invalid_utf8
	 */
	public function test_invalid_utf8_is_refused_alike( array $item ): void {
		$this->assertAgree( array( array( 'writeItem', array( 'title' => 'before' ) ), array( 'writeItem', $item ), array( 'writeItem', array( 'title' => 'after' ) ) ), true );
		$this->assertAgree( array( array( 'startChannel', array( 'description' => $item['content'] ?? "\xE9" ) + self::CHANNEL ) ) );
		$this->assertAgree( array( array( 'startChannel', self::CHANNEL ), array( 'writeTerm', array( 'slug' => 'ok', 'meta' => array( array( 'key' => 'k', 'value' => $item['content'] ?? "\xE9" ) ) ) ) ) );
	}

	public static function invalid_utf8(): array {
		return array(
			'latin-1'      => array( array( 'content' => "caf\xC3\xA9 caf\xE9" ) ),
			'overlong'     => array( array( 'content' => "ab\xC0\xAF" ) ),
			'overlong 3'   => array( array( 'content' => "\xE0\x80\xAF" ) ),
			'overlong 4'   => array( array( 'content' => "\xF0\x80\x80\xAF" ) ),
			'surrogate'    => array( array( 'content' => "x\xED\xA0\x80" ) ),
			'above max'    => array( array( 'content' => "\xF4\x90\x80\x80" ) ),
			'five bytes'   => array( array( 'content' => "\xF8\x88\x80\x80\x80" ) ),
			'stray'        => array( array( 'content' => "ok\x80" ) ),
			'cut at end'   => array( array( 'content' => "\xF0\x9F\x98" ) ),
			'cut by ascii' => array( array( 'content' => "\xE2\x82A" ) ),
			'ff'           => array( array( 'content' => "\xFF" ) ),
			'meta value'   => array( array( 'meta' => array( array( 'key' => 'a' ), array( 'key' => 'c' ), array( 'value' => "\xC3" ) ) ) ),
			'comment'      => array( array( 'comments' => array( array( 'content' => 'x' ), array( 'author_url' => "\x80" ) ) ) ),
			'comment meta' => array( array( 'comments' => array( array( 'meta' => array( array( 'key' => "\xE9" ) ) ) ) ) ),
			'category'     => array( array( 'categories' => array( array( 'name' => 'x' ), array( 'domain' => "\xE9" ) ) ) ),
			'attachment'   => array( array( 'attachment_url' => "\xE9", 'title' => "\xE9" ) ),
		);
	}

	public function test_a_thousand_random_items(): void {
		mt_srand( 20261207 );
		$calls = array( array( 'startChannel', self::CHANNEL ) );
		for ( $i = 0; $i < 1000; $i++ ) {
			$item = self::item_of( self::random_text(), $i );
			foreach ( array( 'title', 'link', 'guid', 'pubDate', 'excerpt', 'post_password' ) as $key ) {
				$item[ $key ] = self::random_text();
			}
			if ( mt_rand( 0, 3 ) ) {
				unset( $item['attachment_url'] );
			}
			$calls[] = array( 'writeItem', $item );
		}
		$this->assertAgree( $calls );
		$this->assertAgree( array_slice( $calls, 1 ), true );
	}

	public function test_order_errors_are_thrown_alike(): void {
		$channel = array( 'startChannel', self::CHANNEL );
		foreach (
			array(
				array( false, array( $channel, array( 'writeCategory', array() ), array( 'writeAuthor', array() ) ) ),
				array( false, array( $channel, array( 'writeItem', array() ), array( 'writeTerm', array() ) ) ),
				array( false, array( $channel, $channel ) ),
				array( false, array( array( 'writeAuthor', array() ) ) ),
				array( false, array( $channel, array( 'finish' ), array( 'writeItem', array() ) ) ),
				array( true, array( $channel ) ),
				array( true, array( array( 'writeTag', array() ) ) ),
				array( false, array( array( 'beginItems' ) ) ),
				array( false, array( array( 'writeItem', array() ) ) ),
				array( true, array( array( 'beginItems' ), array( 'writeItem', array() ), array( 'beginItems' ) ) ),
				array( false, array( $channel, array( 'writeTerm', array() ), array( 'beginItems' ), array( 'beginItems' ), array( 'writeTag', array() ) ) ),
			) as $n => list( $items_only, $calls )
		) {
			$this->assertAgree( $calls, $items_only, "order case $n" );
		}
	}

	public function test_a_writer_freed_before_the_items_begin_writes_alike(): void {
		$channel = array( 'startChannel', self::CHANNEL );
		foreach (
			array(
				'channel'                => array( $channel ),
				'refused category'       => array( $channel, array( 'writeAuthor', array( 'login' => 'ann' ) ), array( 'writeCategory', array( 'term_id' => 1, 'slug' => "\xEF" ) ) ),
				'every section'          => array( $channel, array( 'writeAuthor', array() ), array( 'writeCategory', array() ), array( 'writeTag', array() ), array( 'writeTerm', array() ) ),
				'order error'            => array( $channel, array( 'writeTag', array() ), array( 'writeAuthor', array() ) ),
				'begun'                  => array( $channel, array( 'writeAuthor', array() ), array( 'beginItems' ) ),
				'bytes() flushes'        => array( $channel, array( 'writeAuthor', array() ), array( 'bytes' ) ),
				'item'                   => array( $channel, array( 'writeItem', array( 'title' => 't' ) ) ),
				'items only, nothing'    => array( array( 'beginItems' ) ),
			) as $case => $calls
		) {
			$written = array();
			foreach ( array( 'c', 'php' ) as $which ) {
				$stream = fopen( 'php://memory', 'w+b' );
				$writer = 'c' === $which ? new \Anp\WxrWriter( $stream, 'items only, nothing' === $case ) : new Anp_Php_Wxr_Writer( $stream, 'items only, nothing' === $case );
				$sizes  = array();
				foreach ( $calls as $call ) {
					try {
						$writer->{$call[0]}( ...( array_key_exists( 1, $call ) ? array( $call[1] ) : array() ) );
					} catch ( \Anp\WxrException | \LogicException $e ) {
						$sizes[] = get_class( $e );
					}
					$sizes[] = fstat( $stream )['size']; // What reached the target after each call, bytes() not asked.
				}
				unset( $writer );
				rewind( $stream );
				$written[ $which ] = array( $sizes, bin2hex( (string) stream_get_contents( $stream ) ) );
			}
			$this->assertSame( $written['c'], $written['php'], $case );
		}
	}

	/**
	 * Runs the calls through both writers (then finish()) and asserts they
	 * wrote, returned and threw the same.
	 *
	 * @return string What they wrote.
	 */
	private function assertAgree( array $calls, bool $items_only = false, string $case = '' ): string { // phpcs:ignore WordPress.NamingConventions.ValidFunctionName
		$c   = $this->run_writer( new \Anp\WxrWriter( $s1 = fopen( 'php://memory', 'w+b' ), $items_only ), $s1, $calls );
		$php = $this->run_writer( new Anp_Php_Wxr_Writer( $s2 = fopen( 'php://memory', 'w+b' ), $items_only ), $s2, $calls );
		$this->assertSame( $php['log'], $c['log'], "$case: what each call returned or threw" );
		$this->assertSame( bin2hex( $php['bytes'] ) === bin2hex( $c['bytes'] ) ? '' : $php['bytes'], bin2hex( $php['bytes'] ) === bin2hex( $c['bytes'] ) ? '' : $c['bytes'], "$case: the bytes" );
		return $c['bytes'];
	}

	private function run_writer( $writer, $stream, array $calls ): array {
		$log = array();
		foreach ( array_merge( $calls, array( array( 'finish' ) ) ) as $call ) {
			try {
				$result = $writer->{$call[0]}( ...( array_key_exists( 1, $call ) ? array( $call[1] ) : array() ) );
				$log[]  = array( $call[0], $result, 'finish' === $call[0] ? null : $writer->bytes() );
			} catch ( \Anp\WxrException $e ) {
				$log[] = array( $call[0], 'WxrException', $e->field, $e->getMessage(), self::bytes( $writer ) );
			} catch ( \TypeError $e ) {
				// The same words, the class aside.
				$log[] = array( $call[0], 'TypeError', str_replace( array( 'Anp\\WxrWriter::', 'Anp_Php_Wxr_Writer::' ), '', $e->getMessage() ), self::bytes( $writer ) );
			} catch ( \LogicException $e ) {
				$log[] = array( $call[0], 'LogicException', str_replace( array( 'Anp\\WxrWriter::', 'Anp_Php_Wxr_Writer::' ), '', $e->getMessage() ), self::bytes( $writer ) );
			}
		}
		rewind( $stream );
		return array(
			'log'   => $log,
			'bytes' => (string) stream_get_contents( $stream ),
		);
	}

	/**
	 * bytes(), or null after finish(), where it throws.
	 */
	private static function bytes( $writer ): ?int {
		try {
			return $writer->bytes();
		} catch ( \LogicException | \Error $e ) {
			return null;
		}
	}

	private static function item_of( string $text, int $n ): array {
		return array(
			'title'             => $text,
			'link'              => $text,
			'pubDate'           => $text,
			'creator'           => $text,
			'guid'              => $text,
			'content'           => $text,
			'excerpt'           => $text,
			'post_id'           => $n,
			'post_date'         => $text,
			'post_date_gmt'     => $text,
			'post_modified'     => $text,
			'post_modified_gmt' => $text,
			'comment_status'    => $text,
			'ping_status'       => $text,
			'post_name'         => $text,
			'status'            => $text,
			'post_parent'       => $n,
			'menu_order'        => -$n,
			'post_type'         => $text,
			'post_password'     => $text,
			'is_sticky'         => $n % 2,
			'attachment_url'    => $text,
			'categories'        => array( array( 'domain' => $text, 'nicename' => $text, 'name' => $text ), array( 'domain' => 'category', 'nicename' => 'b', 'name' => '' ) ),
			'meta'              => array( array( 'key' => $text, 'value' => $text ), array( 'key' => '', 'value' => '' ) ),
			'comments'          => array(
				array( 'id' => $n, 'author' => $text, 'author_email' => $text, 'author_url' => $text, 'author_ip' => $text, 'date' => $text, 'date_gmt' => $text, 'content' => $text, 'approved' => $text, 'type' => $text, 'parent' => $n, 'user_id' => $n, 'meta' => array( array( 'key' => $text, 'value' => $text ) ) ),
				array(),
			),
		);
	}

	private static function random_text(): string {
		$text = '';
		for ( $k = mt_rand( 0, 12 ); $k > 0; $k-- ) {
			$text .= self::PIECES[ mt_rand( 0, count( self::PIECES ) - 1 ) ];
		}
		return $text;
	}
}
