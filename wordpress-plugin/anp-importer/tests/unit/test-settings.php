<?php
/**
 * Settings validation.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

use PHPUnit\Framework\TestCase;

/**
 * Every setting refuses what it cannot use, naming it.
 */
final class Test_Anp_Settings extends TestCase {

	public function test_defaults_are_valid(): void {
		$this->assertSame( Anp_Settings::defaults(), Anp_Settings::validate( array() ) );
	}

	/**
	 * @dataProvider bad_settings
	 */
	public function test_refuses( array $settings, string $message ): void {
		$this->expectException( InvalidArgumentException::class );
		$this->expectExceptionMessage( $message );
		Anp_Settings::validate( $settings );
	}

	public function bad_settings(): array {
		return array(
			'unknown'      => array( array( 'colour' => 'red' ), 'unknown setting "colour"' ),
			'on_change'    => array( array( 'on_change' => 'merge' ), 'setting "on_change" must be one of update, skip' ),
			'images'       => array( array( 'images' => 'inline' ), 'setting "images" must be one of external, media, none' ),
			'status'       => array( array( 'post_status' => 'Pub lish' ), 'setting "post_status" is "Pub lish"; expected one of draft, pending, publish, private' ),
			'inherit'      => array( array( 'post_status' => 'inherit' ), 'setting "post_status" is "inherit"; expected one of draft, pending, publish, private' ),
			'auto-draft'   => array( array( 'post_status' => 'auto-draft' ), 'setting "post_status" is "auto-draft"' ),
			'future'       => array( array( 'post_status' => 'future' ), 'setting "post_status" is "future"' ),
			'trash'        => array( array( 'post_status' => 'trash' ), 'setting "post_status" is "trash"' ),
			'batch size'   => array( array( 'batch_size' => 0 ), 'setting "batch_size" must be from 1 to 5000' ),
			'batch string' => array( array( 'batch_size' => '10' ), 'setting "batch_size" must be an integer of 0 or more' ),
			'meta box'     => array( array( 'meta_box' => 'yes' ), 'setting "meta_box" must be true or false' ),
			'taxonomy'     => array( array( 'taxonomy_map' => array( 'category' => 'entities:' ) ), 'taxonomy_map: "category" => "entities:"' ),
		);
	}

	public function test_sanitize_repairs_a_broken_option_to_defaults(): void {
		$settings = Anp_Settings::sanitize( array( 'on_change' => 'merge', 'post_status' => 'publish', 'junk' => 1 ) );
		$this->assertSame( 'update', $settings['on_change'] );
		$this->assertSame( 'publish', $settings['post_status'] );
		$this->assertArrayNotHasKey( 'junk', $settings );
	}
}
