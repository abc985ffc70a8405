<?php
/**
 * The PHP WXR writer: core's bytes, the text rules, the order of calls.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use Anp\WxrException;
use PHPUnit\Framework\TestCase;

/**
 * Holds Anp_Php_Wxr_Writer to docs/wxr-writer.md. The bytes are checked
 * against a real export_wp() of WordPress 6.1.9 (fixtures/wxr, made by
 * fixtures/wxr/make-core-export.php in a sandbox), not against the writer's
 * own output.
 */
final class Test_Anp_Php_Wxr_Writer extends TestCase {

	const FIXTURES = __DIR__ . '/fixtures/wxr';

	/** A channel for the tests that do not care about it. */
	const CHANNEL = array(
		'title'         => 'Site',
		'link'          => 'http://example.test',
		'description'   => 'Desc',
		'pubDate'       => 'Mon, 07 Dec 2026 02:13:49 +0000',
		'language'      => 'en-US',
		'base_site_url' => 'http://example.test',
		'base_blog_url' => 'http://example.test',
		'generator'     => 'WordPress/6.1.9',
		'created'       => '2026-12-07 02:13',
		'generator_url' => 'https://wordpress.org/?v=6.1.9',
	);

	/** @var string[] Files to remove. */
	private $files = array();

	protected function tearDown(): void {
		foreach ( $this->files as $file ) {
			is_file( $file ) && unlink( $file );
		}
	}

	public function test_the_calls_that_describe_a_site_give_the_bytes_export_wp_gave_for_it(): void {
		$path = $this->temp();
		$this->replay( new Anp_Php_Wxr_Writer( $path ), self::calls() );
		$this->assertSame( self::core(), file_get_contents( $path ) );
	}

	public function test_a_stream_target_gets_the_same_bytes_and_stays_open(): void {
		$stream = fopen( 'php://memory', 'w+b' );
		$totals = $this->replay( new Anp_Php_Wxr_Writer( $stream ), self::calls() );
		$this->assertTrue( is_resource( $stream ), 'a stream it was given is the caller\'s to close' );
		rewind( $stream );
		$this->assertSame( self::core(), stream_get_contents( $stream ) );
		$this->assertSame( array( 'items' => 8, 'bytes' => strlen( self::core() ), 'dropped' => 0 ), $totals );
	}

	public function test_items_only_writes_the_items_of_the_document_and_nothing_else(): void {
		$core   = self::core();
		$start  = strpos( $core, "\t<item>" );
		$body   = substr( $core, $start, strrpos( $core, '</channel>' ) - $start );
		$stream = fopen( 'php://memory', 'w+b' );
		$writer = new Anp_Php_Wxr_Writer( $stream, true );
		$writer->beginItems(); // Allowed, and writes nothing: the header is someone else's.
		$items = array_filter( self::calls(), static fn( $call ) => 'writeItem' === $call[0] );
		$this->replay( $writer, $items );
		rewind( $stream );
		$this->assertSame( $body, stream_get_contents( $stream ) );
		$this->assertStringStartsWith( "\t<item>\n", $body, 'the fixture holds the items where this test looks' );
	}

	public function test_sections_left_empty_still_write_their_whitespace(): void {
		$head = $this->document( array( array( 'startChannel', self::CHANNEL ) ) );
		$this->assertStringEndsWith(
			"\t<wp:base_blog_url>http://example.test</wp:base_blog_url>\n"
			. "\n\t\n\t\t\t\t\n\t<generator>https://wordpress.org/?v=6.1.9</generator>\n\n\t</channel>\n</rss>\n\t",
			$head
		);
		$no_generator = $this->document( array( array( 'startChannel', array( 'generator_url' => '' ) + self::CHANNEL ) ) );
		$this->assertStringEndsWith( "\n\t\n\t\t\t\t\n\t\n\t</channel>\n</rss>\n\t", $no_generator );
		// A tag alone: the author and category sections' whitespace before it, the term section's after.
		$tag = $this->document(
			array(
				array( 'startChannel', self::CHANNEL ),
				array( 'writeTag', array( 'term_id' => 3, 'slug' => 't' ) ),
			)
		);
		$this->assertStringContainsString(
			"</wp:base_blog_url>\n\n\t\n\t\t\t<wp:tag>\n\t\t<wp:term_id>3</wp:term_id>\n\t\t<wp:tag_slug><![CDATA[t]]></wp:tag_slug>\n\t\t\t</wp:tag>\n\t\t\t\n\t<generator>",
			$tag
		);
	}

	/**
	 * @dataProvider cdata_edges
	 */
	public function test_cdata_is_cut_after_every_double_bracket_before_a_greater_than( string $value, string $written ): void {
		$this->assertStringContainsString( "<title>$written</title>", $this->items( array( array( 'title' => $value ) ) ) );
	}

	public static function cdata_edges(): array {
		return array(
			'one'          => array( 'a]]>b', '<![CDATA[a]]]]><![CDATA[>b]]>' ),
			'three'        => array( ']]]>', '<![CDATA[]]]]]><![CDATA[>]]>' ),
			'twice'        => array( ']]>]]>', '<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>' ),
			'empty'        => array( '', '<![CDATA[]]>' ),
			'at the end'   => array( 'x]]>', '<![CDATA[x]]]]><![CDATA[>]]>' ),
			'no >'         => array( ']] > ]]', '<![CDATA[]] > ]]]]>' ),
			'markup as is' => array( '<p>&amp;</p>', '<![CDATA[<p>&amp;</p>]]>' ),
		);
	}

	public function test_characters_xml_forbids_are_dropped_counted_and_tab_lf_cr_kept(): void {
		$stream  = fopen( 'php://memory', 'w+b' );
		$writer  = new Anp_Php_Wxr_Writer( $stream, true );
		$dropped = $writer->writeItem(
			array(
				'title'   => "a\x00b\x01\x08\x0B\x0C\x0E\x1F\x7Fc",
				'content' => "t\tl\nc\r\u{FFFE}\u{FFFF}\u{FFFD}\u{10FFFF}",
				'meta'    => array( array( 'key' => "k\x02", 'value' => "\x03" ) ),
			)
		);
		$this->assertSame( 11, $dropped );
		$this->assertSame( 0, $writer->writeItem( array( 'title' => 'clean' ) ) );
		$this->assertSame( 11, $writer->finish()['dropped'] );
		rewind( $stream );
		$xml = stream_get_contents( $stream );
		$this->assertStringContainsString( "<title><![CDATA[ab\x7Fc]]></title>", $xml, 'DEL is allowed in XML 1.0' );
		$this->assertStringContainsString( "<content:encoded><![CDATA[t\tl\nc\r\u{FFFD}\u{10FFFF}]]></content:encoded>", $xml );
		$this->assertStringContainsString( '<wp:meta_key><![CDATA[k]]></wp:meta_key>', $xml );
	}

	public function test_a_header_name_line_depends_on_the_value_given_and_its_drops_count(): void {
		$xml = $this->document(
			array(
				array( 'startChannel', array( 'title' => "S\x01" ) + self::CHANNEL ),
				array( 'writeCategory', array( 'term_id' => 1, 'slug' => 'a', 'name' => "\x01", 'description' => '0' ) ),
				array( 'writeCategory', array( 'term_id' => 2, 'slug' => 'b', 'name' => '' ) ),
			),
			$totals
		);
		$this->assertStringContainsString( "<title>S</title>", $xml );
		$this->assertStringContainsString(
			"<wp:category_parent><![CDATA[]]></wp:category_parent>\n\t\t<wp:cat_name><![CDATA[]]></wp:cat_name>\n<wp:category_description><![CDATA[0]]></wp:category_description>\n\t</wp:category>",
			$xml,
			'a name given is written, emptied of what XML forbids; a "0" is written, unlike core'
		);
		$this->assertStringContainsString( "<wp:category_parent><![CDATA[]]></wp:category_parent>\n\t\t\t</wp:category>", $xml, 'an empty name has no line' );
		$this->assertSame( 2, $totals['dropped'], 'header records count too' );
	}

	/**
	 * @dataProvider invalid_utf8
	 */
	public function test_invalid_utf8_names_the_field_and_the_byte_and_writes_nothing_of_the_item( array $item, string $field, int $at ): void {
		$stream = fopen( 'php://memory', 'w+b' );
		$writer = new Anp_Php_Wxr_Writer( $stream, true );
		$writer->writeItem( array( 'title' => 'before' ) );
		$before = $writer->bytes();
		try {
			$writer->writeItem( $item + array( 'title' => 'a title', 'content' => 'text' ) );
			$this->fail( 'no exception' );
		} catch ( WxrException $e ) {
			$this->assertSame( $field, $e->field );
			$this->assertSame( "invalid UTF-8 in $field at byte $at", $e->getMessage() );
		}
		$this->assertSame( $before, $writer->bytes() );
		rewind( $stream );
		$this->assertSame( $before, strlen( stream_get_contents( $stream ) ), 'nothing of the item reached the stream' );
		$writer->writeItem( array( 'title' => 'after' ) );
		$totals = $writer->finish();
		$this->assertSame( 2, $totals['items'], 'the writer goes on after a refused item' );
	}

	public static function invalid_utf8(): array {
		return array(
			'Latin-1 in content'       => array( array( 'content' => "caf\xC3\xA9 caf\xE9" ), 'content', 9 ),
			'overlong'                 => array( array( 'content' => "ab\xC0\xAF" ), 'content', 2 ),
			'overlong three bytes'     => array( array( 'content' => "\xE0\x80\xAF" ), 'content', 0 ),
			'surrogate'                => array( array( 'content' => "x\xED\xA0\x80" ), 'content', 1 ),
			'above U+10FFFF'           => array( array( 'content' => "\xF4\x90\x80\x80" ), 'content', 0 ),
			'five bytes'               => array( array( 'content' => "\xF8\x88\x80\x80\x80" ), 'content', 0 ),
			'stray continuation'       => array( array( 'content' => "ok\x80" ), 'content', 2 ),
			'cut short at the end'     => array( array( 'content' => "\xF0\x9F\x98" ), 'content', 0 ),
			'cut short by ASCII'       => array( array( 'content' => "\xE2\x82A" ), 'content', 0 ),
			'FF'                       => array( array( 'content' => "\xFF" ), 'content', 0 ),
			'a meta value'             => array( array( 'meta' => array( array( 'key' => 'a', 'value' => 'b' ), array( 'key' => 'c', 'value' => 'd' ), array( 'key' => 'e', 'value' => "\xC3" ) ) ), 'meta[2].value', 0 ),
			'a comment'                => array( array( 'comments' => array( array( 'content' => "\x80" ) ) ), 'comments[0].content', 0 ),
			'a comment meta key'       => array( array( 'comments' => array( array( 'meta' => array( array( 'key' => "\xE9" ) ) ) ) ), 'comments[0].meta[0].key', 0 ),
			'a category name'          => array( array( 'categories' => array( array( 'name' => 'x' ), array( 'name' => "\xE9" ) ) ), 'categories[1].name', 0 ),
			'an attribute'             => array( array( 'categories' => array( array( 'nicename' => "\xE9" ) ) ), 'categories[0].nicename', 0 ),
			'a plain field'            => array( array( 'guid' => "http://x/\xE9" ), 'guid', 9 ),
			'the last field is enough' => array( array( 'attachment_url' => "\xE9" ), 'attachment_url', 0 ),
		);
	}

	public function test_invalid_utf8_in_the_header_names_the_record_and_field(): void {
		$writer = new Anp_Php_Wxr_Writer( fopen( 'php://memory', 'w+b' ) );
		try {
			$writer->startChannel( array( 'title' => "\xE9" ) + self::CHANNEL );
			$this->fail( 'no exception' );
		} catch ( WxrException $e ) {
			$this->assertSame( 'channel.title', $e->field );
		}
		$this->assertSame( 0, $writer->bytes() );
		$writer->startChannel( self::CHANNEL );
		$before = $writer->bytes();
		try {
			$writer->writeTerm( array( 'meta' => array( array( 'value' => "\xE9" ) ) ) );
			$this->fail( 'no exception' );
		} catch ( WxrException $e ) {
			$this->assertSame( 'term.meta[0].value', $e->field );
		}
		$this->assertSame( $before, $writer->bytes() );
	}

	public function test_the_generator_comment_is_written_as_given_and_refuses_a_double_hyphen(): void {
		$xml = $this->document( array( array( 'startChannel', array( 'generator' => 'a&b<c>]]>-x-', 'created' => "2026\x01" ) + self::CHANNEL ) ) );
		$this->assertStringContainsString( "\n\t<!-- generator=\"a&b<c>]]>-x-\" created=\"2026\" -->\n<rss", $xml, 'references mean nothing in a comment' );
		foreach ( array( 'a--b' => 1, "a-\x01-b" => 1, "-\u{FFFE}-" => 0 ) as $generator => $at ) {
			$writer = new Anp_Php_Wxr_Writer( fopen( 'php://memory', 'w+b' ) );
			try {
				$writer->startChannel( array( 'generator' => $generator ) + self::CHANNEL );
				$this->fail( 'no exception' );
			} catch ( WxrException $e ) {
				$this->assertSame( 'channel.generator', $e->field );
				$this->assertSame( "\"--\" in channel.generator at byte $at: an XML comment cannot hold it", $e->getMessage() );
			}
			$this->assertSame( 0, $writer->bytes() );
		}
	}

	/**
	 * @dataProvider plain_values
	 */
	public function test_plain_values_keep_wordpress_escaping_and_fix_only_what_is_ill_formed( string $value, string $written ): void {
		$xml = $this->items( array( array( 'link' => $value, 'comments' => array( array( 'author_url' => $value ) ) ) ) );
		$this->assertStringContainsString( "<link>$written</link>", $xml );
		$this->assertStringContainsString( "<wp:comment_author_url>$written</wp:comment_author_url>", $xml );
	}

	public static function plain_values(): array {
		return array(
			'esc_url'              => array( 'http://x/?a=1&#038;b=2', 'http://x/?a=1&#038;b=2' ),
			'ent2ncr'              => array( 'Tom &#38; Jerry', 'Tom &#38; Jerry' ),
			'entities'             => array( '&amp;&lt;&gt;&quot;&apos;', '&amp;&lt;&gt;&quot;&apos;' ),
			'hex'                  => array( '&#x41;&#x1F600;&#x10FFFF;', '&#x41;&#x1F600;&#x10FFFF;' ),
			'a bare ampersand'     => array( 'http://x/?a=1&b=2', 'http://x/?a=1&amp;b=2' ),
			'an html entity'       => array( '&nbsp;&eacute;', '&amp;nbsp;&amp;eacute;' ),
			'no semicolon'         => array( '&amp &#38', '&amp;amp &amp;#38' ),
			'a forbidden char ref' => array( '&#0;&#x1F;&#xFFFE;&#xD800;', '&amp;#0;&amp;#x1F;&amp;#xFFFE;&amp;#xD800;' ),
			'out of range'         => array( '&#x110000;&#1114112;&#99999999999999999999999;', '&amp;#x110000;&amp;#1114112;&amp;#99999999999999999999999;' ),
			'leading zeros'        => array( '&#0000038;&#x000041;', '&#0000038;&#x000041;' ),
			'capital X'            => array( '&#X41;', '&amp;#X41;' ),
			'empty reference'      => array( '&#;&#x;&;', '&amp;#;&amp;#x;&amp;;' ),
			'angle brackets'       => array( '<b>', '&lt;b&gt;' ),
			'quotes stay'          => array( '"\'', '"\'' ),
		);
	}

	public function test_attributes_escape_markup_and_whitespace(): void {
		$xml = $this->items( array( array( 'categories' => array( array( 'domain' => "a&b<c>d\"e'f", 'nicename' => "t\tl\nc\r", 'name' => 'N' ) ) ) ) );
		$this->assertStringContainsString( "<category domain=\"a&amp;b&lt;c&gt;d&quot;e'f\" nicename=\"t&#9;l&#10;c&#13;\"><![CDATA[N]]></category>", $xml );
	}

	public function test_ints_are_written_as_php_casts_them_and_other_values_are_refused(): void {
		$xml = $this->items( array( array( 'post_id' => '007', 'post_parent' => ' 12', 'menu_order' => -3, 'is_sticky' => true, 'title' => 42, 'excerpt' => 1.5, 'content' => false, 'post_type' => null ) ) );
		$this->assertStringContainsString( '<wp:post_id>7</wp:post_id>', $xml );
		$this->assertStringContainsString( '<wp:post_parent>12</wp:post_parent>', $xml );
		$this->assertStringContainsString( '<wp:menu_order>-3</wp:menu_order>', $xml );
		$this->assertStringContainsString( '<wp:is_sticky>1</wp:is_sticky>', $xml );
		$this->assertStringContainsString( '<title><![CDATA[42]]></title>', $xml );
		$this->assertStringContainsString( '<excerpt:encoded><![CDATA[1.5]]></excerpt:encoded>', $xml );
		$this->assertStringContainsString( '<content:encoded><![CDATA[]]></content:encoded>', $xml );
		$this->assertStringContainsString( '<wp:post_type><![CDATA[]]></wp:post_type>', $xml );
		$prefix = 'Anp_Php_Wxr_Writer::writeItem(): Argument #1 ($item) key ';
		foreach (
			array(
				'post_id'  => array( array( 'post_id' => '12abc' ), '"post_id" must be an integer or a string of one, string given' ),
				'float'    => array( array( 'menu_order' => 1.5 ), '"menu_order" must be an integer or a string of one, float given' ),
				'float 2'  => array( array( 'menu_order' => '1.5' ), '"menu_order" must be an integer or a string of one, string given' ),
				'overflow' => array( array( 'post_id' => '9999999999999999999999' ), '"post_id" must be an integer or a string of one, string given' ),
				'array'    => array( array( 'content' => array( 'x' ) ), '"content" must be of type string, array given' ),
				'meta'     => array( array( 'meta' => 'x' ), '"meta" must be of type array, string given' ),
				'nested'   => array( array( 'meta' => array( array( 'value' => array() ) ) ), '"meta[0].value" must be of type string, array given' ),
				'comment'  => array( array( 'comments' => array( array( 'parent' => 'x' ) ) ), '"comments[0].parent" must be an integer or a string of one, string given' ),
				'category' => array( array( 'categories' => array( 'x' ) ), '"categories[0]" must be of type array, string given' ),
			) as $case => list( $item, $message )
		) {
			$writer = new Anp_Php_Wxr_Writer( fopen( 'php://memory', 'w+b' ), true );
			try {
				$writer->writeItem( $item );
				$this->fail( "no TypeError for $case" );
			} catch ( \TypeError $e ) {
				$this->assertSame( $prefix . $message, $e->getMessage(), $case );
			}
			$this->assertSame( 0, $writer->bytes(), $case );
		}
		$writer = new Anp_Php_Wxr_Writer( fopen( 'php://memory', 'w+b' ) );
		$writer->startChannel( self::CHANNEL );
		$this->expectException( \TypeError::class );
		$this->expectExceptionMessage( 'Anp_Php_Wxr_Writer::writeCategory(): Argument #1 ($term) key "meta[0].key" must be of type string, array given' );
		$writer->writeCategory( array( 'meta' => array( array( 'key' => array() ) ) ) );
	}

	public function test_attachment_url_is_written_only_when_present_and_not_null(): void {
		$xml = $this->items( array( array( 'attachment_url' => null ), array( 'attachment_url' => '' ) ) );
		$this->assertSame( 1, substr_count( $xml, '<wp:attachment_url><![CDATA[]]></wp:attachment_url>' ) );
		$this->assertSame( 2, substr_count( $xml, '<wp:is_sticky>0</wp:is_sticky>' ) );
	}

	/**
	 * @dataProvider order_errors
	 */
	public function test_calls_out_of_order_are_logic_errors_that_name_the_call( bool $items_only, array $calls, string $message ): void {
		$writer = new Anp_Php_Wxr_Writer( fopen( 'php://memory', 'w+b' ), $items_only );
		$last   = array_pop( $calls );
		$this->replay( $writer, $calls, false );
		$before = self::bytes_or_null( $writer );
		try {
			$writer->{$last[0]}( ...( isset( $last[1] ) ? array( $last[1] ) : array() ) );
			$this->fail( 'no LogicException' );
		} catch ( \LogicException $e ) {
			$this->assertStringStartsWith( 'Anp_Php_Wxr_Writer::' . $message, $e->getMessage() );
		}
		$this->assertSame( $before, self::bytes_or_null( $writer ), 'nothing written' );
	}

	/**
	 * bytes(), or null after finish(), when bytes() is itself an order error.
	 */
	private static function bytes_or_null( Anp_Php_Wxr_Writer $writer ): ?int {
		try {
			return $writer->bytes();
		} catch ( \LogicException $e ) {
			return null;
		}
	}

	public static function order_errors(): array {
		$channel = array( 'startChannel', self::CHANNEL );
		return array(
			'author after category'   => array( false, array( $channel, array( 'writeCategory', array() ), array( 'writeAuthor', array() ) ), 'writeAuthor() called out of order: the categories have begun' ),
			'category after tag'      => array( false, array( $channel, array( 'writeTag', array() ), array( 'writeCategory', array() ) ), 'writeCategory() called out of order: the tags have begun' ),
			'tag after term'          => array( false, array( $channel, array( 'writeTerm', array() ), array( 'writeTag', array() ) ), 'writeTag() called out of order: the terms have begun' ),
			'term after an item'      => array( false, array( $channel, array( 'writeItem', array() ), array( 'writeTerm', array() ) ), 'writeTerm() called out of order: the items have begun' ),
			'author after beginItems' => array( false, array( $channel, array( 'beginItems' ), array( 'writeAuthor', array() ) ), 'writeAuthor() called out of order: the items have begun' ),
			'channel twice'           => array( false, array( $channel, $channel ), 'startChannel() called twice' ),
			'author first'            => array( false, array( array( 'writeAuthor', array() ) ), 'writeAuthor() called before startChannel()' ),
			'item first'              => array( false, array( array( 'writeItem', array() ) ), 'writeItem() called before startChannel()' ),
			'finish first'            => array( false, array( array( 'finish' ) ), 'finish() called before startChannel()' ),
			'item after finish'       => array( false, array( $channel, array( 'finish' ), array( 'writeItem', array() ) ), 'writeItem() called after finish()' ),
			'finish twice'            => array( true, array( array( 'finish' ), array( 'finish' ) ), 'finish() called after finish()' ),
			'channel in items-only'   => array( true, array( $channel ), 'startChannel() writes the header, and this writer writes items only' ),
			'tag in items-only'       => array( true, array( array( 'writeTag', array() ) ), 'writeTag() writes the header, and this writer writes items only' ),
		);
	}

	public function test_bytes_counts_what_was_written_and_finish_returns_the_totals(): void {
		$path   = $this->temp();
		$writer = new Anp_Php_Wxr_Writer( $path );
		$writer->startChannel( self::CHANNEL );
		$bytes = $writer->bytes();
		clearstatcache();
		$this->assertSame( filesize( $path ), $bytes, 'bytes() flushes what the writer holds' );
		$writer->writeItem( array( 'title' => 'é' ) );
		clearstatcache();
		$this->assertSame( filesize( $path ), $writer->bytes() );
		$totals = $writer->finish();
		clearstatcache();
		$this->assertSame( array( 'items' => 1, 'bytes' => filesize( $path ), 'dropped' => 0 ), $totals );
		$this->assertSame( 0, substr_compare( (string) file_get_contents( $path ), "</channel>\n</rss>\n\t", -19 ) );
	}

	public function test_a_writer_dropped_without_finish_writes_nothing_more(): void {
		$stream = fopen( 'php://memory', 'w+b' );
		$writer = new Anp_Php_Wxr_Writer( $stream );
		$writer->startChannel( self::CHANNEL );
		$writer->writeItem( array() );
		$bytes = $writer->bytes();
		unset( $writer );
		rewind( $stream );
		$xml = stream_get_contents( $stream );
		$this->assertSame( $bytes, strlen( $xml ) );
		$this->assertStringEndsWith( "\t\t</item>\n\t\t\t\t", $xml );
	}

	public function test_the_header_stays_in_the_writer_until_the_items_begin_and_a_writer_freed_before_writes_nothing(): void {
		$stream = fopen( 'php://memory', 'w+b' );
		$writer = new Anp_Php_Wxr_Writer( $stream );
		$writer->startChannel( self::CHANNEL );
		$writer->writeAuthor( array( 'login' => 'ann' ) );
		try {
			$writer->writeCategory( array( 'slug' => "\xEF" ) );
			$this->fail( 'no exception' );
		} catch ( WxrException $e ) {
			$this->assertSame( 'category.slug', $e->field );
		}
		$this->assertSame( 0, fstat( $stream )['size'], 'nothing reached the target' );
		unset( $writer );
		$this->assertSame( 0, fstat( $stream )['size'], 'a writer freed before beginItems() writes nothing' );

		$path   = $this->temp();
		$writer = new Anp_Php_Wxr_Writer( $path );
		$writer->startChannel( self::CHANNEL );
		$writer->writeTag( array( 'slug' => 't' ) );
		unset( $writer );
		clearstatcache();
		$this->assertSame( 0, filesize( $path ), 'a path it opened is left empty' );

		$stream = fopen( 'php://memory', 'w+b' );
		$writer = new Anp_Php_Wxr_Writer( $stream );
		$writer->startChannel( self::CHANNEL );
		$writer->writeAuthor( array( 'login' => 'ann' ) );
		$writer->beginItems();
		$header = fstat( $stream )['size'];
		$this->assertGreaterThan( 0, $header );
		unset( $writer );
		rewind( $stream );
		$this->assertSame( $header, strlen( (string) stream_get_contents( $stream ) ), 'flushed by beginItems(), nothing after' );
	}

	public function test_a_generator_url_of_forbidden_characters_only_is_written_empty_and_only_empty_leaves_it_out(): void {
		$xml = $this->document( array( array( 'startChannel', array( 'generator_url' => "\x01\u{FFFE}" ) + self::CHANNEL ) ), $totals );
		$this->assertStringContainsString( "\t\n\t<generator></generator>\n\n\t</channel>", $xml );
		$this->assertSame( 2, $totals['dropped'] );
		$xml = $this->document( array( array( 'startChannel', array( 'generator_url' => '' ) + self::CHANNEL ) ) );
		$this->assertStringNotContainsString( '<generator>', $xml );
		$this->assertStringContainsString( "\t\n\t\n\t</channel>", $xml );
	}

	public function test_a_target_that_cannot_be_opened_or_written_is_a_wxr_exception_on_the_target(): void {
		foreach (
			array(
				'cannot open "/nonexistent-anp-dir/out.xml" for writing: No such file or directory' => static fn() => new Anp_Php_Wxr_Writer( '/nonexistent-anp-dir/out.xml' ),
				'the target stream is not open for writing' => static fn() => new Anp_Php_Wxr_Writer( fopen( __FILE__, 'rb' ) ),
			) as $message => $open
		) {
			try {
				$open();
				$this->fail( 'no exception' );
			} catch ( WxrException $e ) {
				$this->assertSame( 'target', $e->field );
				$this->assertSame( $message, $e->getMessage() );
			}
		}
		$writer = new Anp_Php_Wxr_Writer( fopen( '/dev/full', 'wb' ) );
		$writer->startChannel( self::CHANNEL ); // Held until the items begin.
		foreach ( array( 'cannot write to /dev/full: ', 'an earlier write to the target failed' ) as $message ) {
			try {
				$writer->beginItems();
				$this->fail( 'no exception' );
			} catch ( WxrException $e ) {
				$this->assertSame( 'target', $e->field );
				$this->assertStringStartsWith( $message, $e->getMessage(), 'a writer that failed stays failed' );
			}
		}
	}

	public function test_every_document_is_well_formed_xml(): void {
		$xml = $this->document(
			array(
				array( 'startChannel', array( 'title' => 'A & B <c>' ) + self::CHANNEL ),
				array( 'writeAuthor', array( 'login' => ']]>' ) ),
				array( 'writeItem', array( 'title' => "]]>\x01", 'link' => 'x&y', 'categories' => array( array( 'domain' => '"&<', 'nicename' => "\n" ) ), 'comments' => array( array( 'author_url' => 'http://a/?b&c<' ) ) ) ),
			)
		);
		$previous = libxml_use_internal_errors( true );
		$doc      = simplexml_load_string( $xml );
		libxml_use_internal_errors( $previous );
		$this->assertNotFalse( $doc );
		$this->assertSame( 'A & B <c>', (string) $doc->channel->title );
		$this->assertSame( "\n", (string) $doc->channel->item->category['nicename'], 'a LF in an attribute survives a parser' );
	}

	public function test_the_facade_names_the_writer_it_gives(): void {
		$writer = Anp_Wxr::writer( fopen( 'php://memory', 'w+b' ) );
		$this->assertSame( class_exists( 'Anp\WxrWriter', false ) ? 'extension' : 'php', Anp_Wxr::implementation() );
		$this->assertInstanceOf( 'php' === Anp_Wxr::implementation() ? Anp_Php_Wxr_Writer::class : 'Anp\WxrWriter', $writer );
	}

	/**
	 * The writer calls recorded with core's export.
	 */
	private static function calls(): array {
		return json_decode( (string) file_get_contents( self::FIXTURES . '/core-export-calls.json' ), true, 512, JSON_THROW_ON_ERROR );
	}

	/**
	 * What export_wp() wrote.
	 */
	private static function core(): string {
		return (string) file_get_contents( self::FIXTURES . '/core-export.xml' );
	}

	/**
	 * Makes the calls, then finish() unless told not to.
	 *
	 * @param object $writer The writer.
	 * @param array  $calls  [method, argument?] pairs.
	 * @param bool   $finish Whether to call finish().
	 */
	private function replay( $writer, array $calls, bool $finish = true ): array {
		foreach ( $calls as $call ) {
			$writer->{$call[0]}( ...( array_key_exists( 1, $call ) ? array( $call[1] ) : array() ) );
		}
		return $finish ? $writer->finish() : array();
	}

	/**
	 * A whole document from calls, as a string.
	 */
	private function document( array $calls, ?array &$totals = null ): string {
		$stream = fopen( 'php://memory', 'w+b' );
		$totals = $this->replay( new Anp_Php_Wxr_Writer( $stream ), $calls );
		rewind( $stream );
		return (string) stream_get_contents( $stream );
	}

	/**
	 * Items written in items-only mode, as a string.
	 */
	private function items( array $items ): string {
		$stream = fopen( 'php://memory', 'w+b' );
		$this->replay( new Anp_Php_Wxr_Writer( $stream, true ), array_map( static fn( $item ) => array( 'writeItem', $item ), $items ) );
		rewind( $stream );
		return (string) stream_get_contents( $stream );
	}

	private function temp(): string {
		$path          = tempnam( sys_get_temp_dir(), 'anp-wxr' );
		$this->files[] = $path;
		return $path;
	}
}
