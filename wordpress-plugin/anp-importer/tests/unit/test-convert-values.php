<?php
/**
 * The pure parts of `convert`: stored meta values, slugs, options.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

$anp_includes = dirname( __DIR__, 2 ) . '/includes';
require_once $anp_includes . '/map/class-anp-slug.php';
require_once $anp_includes . '/map/class-anp-stored-meta.php';
require_once $anp_includes . '/engine/class-anp-import-options.php';
require_once $anp_includes . '/engine/class-anp-wxr-output.php';
require_once $anp_includes . '/engine/class-anp-convert-options.php';

/**
 * What WordPress stores and reads back, without WordPress; the WordPress
 * suite (test-convert.php) holds these to WordPress's own functions.
 */
final class Test_Anp_Convert_Values extends TestCase {

	/**
	 * The WordPress Importer's read of a stored value: maybe_unserialize().
	 *
	 * @param string $stored A meta_value.
	 */
	private static function read_back( string $stored ) {
		return Anp_Stored_Meta::is_serialized( $stored ) ? unserialize( trim( $stored ) ) : $stored; // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize
	}

	public function test_a_stored_value_reads_back_and_stores_the_same_bytes_again(): void {
		$values = array( true, false, null, 0, 42, 1.5, '', 'text', 'a:1:{i:0;i:1;}', 'i:3;', 'N;', ' b:1; ', array(), array( 'k' => array( 'x', 2, false ) ), 's:3:"abc";' );
		foreach ( $values as $value ) {
			$stored = Anp_Stored_Meta::value( $value );
			$this->assertSame( $stored, Anp_Stored_Meta::value( self::read_back( $stored ) ), var_export( $value, true ) );
		}
		$this->assertSame( '1', Anp_Stored_Meta::value( true ) );
		$this->assertSame( '', Anp_Stored_Meta::value( false ) );
		$this->assertSame( serialize( 'i:3;' ), Anp_Stored_Meta::value( 'i:3;' ), 'a string that looks serialized is serialized again' );
		$this->assertSame( serialize( array( 1 ) ), Anp_Stored_Meta::value( array( 1 ) ) );
		$this->assertSame( 'plain; text', Anp_Stored_Meta::value( 'plain; text' ) );
	}

	public function test_slugs_of_ascii_and_accented_text(): void {
		$this->assertSame( 'fish-chips', Anp_Slug::of( 'Fish & Chips <3' ), 'strip_tags() takes "<3" for a tag' );
		$this->assertSame( 'node-js', Anp_Slug::of( 'Node.js' ) );
		$this->assertSame( 'a-b-testing', Anp_Slug::of( 'A/B testing' ) );
		$this->assertSame( 'cafe-naive', Anp_Slug::of( 'Café naïve' ) );
		$this->assertSame( '%d0%b4%d0%b0', Anp_Slug::of( 'Да' ) );
		$this->assertSame( '', Anp_Slug::of( '++' ) );
		$this->assertLessThanOrEqual( 200, strlen( Anp_Slug::of( str_repeat( 'ж', 150 ) ) ) );
	}

	public function test_options_refuse_what_a_file_for_another_site_cannot_have(): void {
		$cwd = sys_get_temp_dir();
		foreach ( array(
			array( array( 'images' => 'media' ), 'media library' ),
			array( array( 'status' => 'future' ), '--status' ),
			array( array( 'taxonomy-map' => '[' ), '--taxonomy-map' ),
			array( array( 'stdout' => true, 'dir' => $cwd ), 'no --dir' ),
			array( array( 'max_file_size' => '-2' ), '--max_file_size' ),
			array( array( 'max_file_size' => '1e400' ), '--max_file_size' ),
			array( array( 'max_file_size' => '1e30' ), '--max_file_size' ),
			array( array( 'filename_format' => 'x.xml', 'max_file_size' => '1' ), 'no {n}' ),
			array( array( 'site-url' => 'javascript:x' ), '--site-url' ),
			array( array( 'author' => '' ), '--author' ),
			array( array( 'nope' => '1' ), 'unknown flag --nope' ),
		) as list( $flags, $said ) ) {
			try {
				Anp_Convert_Options::from_flags( Anp_Settings::defaults(), $flags, $cwd, 0 );
				$this->fail( 'accepted ' . json_encode( $flags ) );
			} catch ( InvalidArgumentException $e ) {
				$this->assertStringContainsString( $said, $e->getMessage() );
			}
		}
		$options = Anp_Convert_Options::from_flags( Anp_Settings::defaults(), array( 'status' => 'publish', 'max_file_size' => '0', 'site-title' => 'My Site!' ), $cwd, 0 );
		$this->assertSame( 'publish', $options->settings['post_status'] );
		$this->assertSame( 1, $options->max_bytes, '0: a file a post' );
		$this->assertSame( 'mysite', $options->file_site() );
		$this->assertSame( 'admin', $options->author );
	}
}
