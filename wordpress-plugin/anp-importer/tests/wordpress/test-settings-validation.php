<?php
/**
 * Settings and flags checked against the site.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * Only public post types with the editor, the statuses a person picks, and
 * an author who can edit those posts: from `settings import`, the settings
 * page and the import's flags alike, each refusal naming the value and what
 * is allowed (issue 8, finding 16).
 */
final class Test_Anp_Settings_Validation extends Anp_WP_Test_Case {

	/**
	 * A subscriber and an editor.
	 *
	 * @return array login => id
	 */
	private function users(): array {
		return $this->wordpress(
			'$ids = array();
			foreach ( array( "a-subscriber" => "subscriber", "an-editor" => "editor" ) as $login => $role ) {
				$ids[ $login ] = wp_insert_user( array( "user_login" => $login, "user_pass" => "x", "user_email" => "$login@example.org", "role" => $role ) );
			}
			return $ids;'
		);
	}

	private static function stored_settings(): ?string {
		return self::value( "SELECT option_value FROM wp_options WHERE option_name = 'anp_importer_settings'" );
	}

	/**
	 * @dataProvider refused_settings
	 */
	public function test_settings_import_refuses( array $settings, array $said ): void {
		$users    = $this->users();
		$settings = array_map( static fn( $value ) => is_string( $value ) && isset( $users[ $value ] ) ? $users[ $value ] : $value, $settings );
		$before   = self::stored_settings();
		$result   = self::anp( array( 'settings', 'import' ), array( 'stdin' => json_encode( $settings ) ) );
		$this->assertSame( 1, $result['exit'], self::describe( $result ) );
		foreach ( $said as $words ) {
			$this->assertStringContainsString( $words, $result['stderr'], self::describe( $result ) );
		}
		$this->assertSame( $before, self::stored_settings(), 'the settings as they were' );
	}

	public function refused_settings(): array {
		$types = 'expected one of post, page';
		return array(
			'menu items'     => array( array( 'post_type' => 'nav_menu_item' ), array( '"nav_menu_item"', $types ) ),
			'revisions'      => array( array( 'post_type' => 'revision' ), array( '"revision"', $types ) ),
			'attachments'    => array( array( 'post_type' => 'attachment' ), array( '"attachment"', $types ) ),
			'no such type'   => array( array( 'post_type' => 'book' ), array( '"book"', $types ) ),
			'inherit'        => array( array( 'post_status' => 'inherit' ), array( '"inherit"', 'expected one of draft, pending, publish, private' ) ),
			'auto-draft'     => array( array( 'post_status' => 'auto-draft' ), array( '"auto-draft"', 'expected one of draft, pending, publish, private' ) ),
			'a subscriber'   => array( array( 'post_author' => 'a-subscriber' ), array( '"a-subscriber"', 'cannot edit posts of type "post"' ) ),
			'no such author' => array( array( 'post_author' => 987654 ), array( '987654', 'no such user' ) ),
		);
	}

	public function test_settings_import_takes_what_the_site_allows(): void {
		$users  = $this->users();
		$result = self::anp( array( 'settings', 'import' ), array( 'stdin' => json_encode( array( 'post_type' => 'page', 'post_status' => 'private', 'post_author' => $users['an-editor'] ) ) ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$stored = unserialize( self::stored_settings() );
		$this->assertSame( array( 'page', 'private', $users['an-editor'] ), array( $stored['post_type'], $stored['post_status'], $stored['post_author'] ) );
	}

	/**
	 * The import's flags: refused before anything is written, the flag named.
	 *
	 * @dataProvider refused_flags
	 */
	public function test_import_flags_refuse( string $flag, array $said ): void {
		$this->users();
		$result = self::anp( array( 'import', ANP_TESTS_SEEDS, $flag ) );
		$this->assertNotSame( 0, $result['exit'], self::describe( $result ) );
		foreach ( $said as $words ) {
			$this->assertStringContainsString( $words, $result['stderr'], self::describe( $result ) );
		}
		$this->assertSame( 0, self::anp_post_count(), 'nothing written' );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'no batch' );
	}

	public function refused_flags(): array {
		return array(
			'menu items'   => array( '--post-type=nav_menu_item', array( '--post-type is "nav_menu_item"', 'expected one of post, page' ) ),
			'attachments'  => array( '--post-type=attachment', array( '--post-type is "attachment"' ) ),
			'inherit'      => array( '--status=inherit', array( '--status is "inherit"', 'expected one of draft, pending, publish, private' ) ),
			'a subscriber' => array( '--author=a-subscriber', array( '"a-subscriber"', 'cannot edit posts of type "post"' ) ),
		);
	}

	/**
	 * The user running the import authors its posts when none is named: a
	 * subscriber cannot.
	 */
	public function test_a_subscriber_running_the_import_is_refused_as_its_author(): void {
		$this->users();
		$result = self::anp( array( 'import', ANP_TESTS_SEEDS ), array( 'user' => 'a-subscriber' ) );
		$this->assertNotSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( '"a-subscriber"', $result['stderr'], self::describe( $result ) );
		$this->assertSame( 0, self::anp_post_count() );
	}

	public function test_import_flags_take_what_the_site_allows(): void {
		$users  = $this->users();
		$report = $this->import_ok( array( ANP_TESTS_SEEDS ), array( '--post-type=page', '--status=private', '--author=an-editor' ) );
		$this->assertSame( 5, $report['created'] );
		$this->assertSame( array( array( 'post_type' => 'page', 'post_status' => 'private', 'post_author' => (string) $users['an-editor'] ) ), self::rows( "SELECT DISTINCT post_type, post_status, post_author FROM wp_posts WHERE ID IN (SELECT post_id FROM wp_anp_items)" ) );
	}

	/**
	 * The settings page refuses too, saying why, and keeps the settings.
	 */
	public function test_the_settings_page_refuses_a_menu_item_type(): void {
		$before = self::stored_settings();
		$result = $this->wordpress(
			'require_once ABSPATH . "wp-admin/includes/template.php";
			wp_set_current_user( 1 );
			$kept = Anp_Settings_Page::sanitize( array( "post_type" => "nav_menu_item", "post_status" => "draft" ) );
			return array( $kept["post_type"], array_column( get_settings_errors( Anp_Settings::OPTION ), "message" ) );'
		);
		$this->assertSame( 'post', $result[0] );
		$this->assertCount( 1, $result[1] );
		$this->assertStringContainsString( 'nav_menu_item', $result[1][0] );
		$this->assertStringContainsString( 'expected one of post, page', $result[1][0] );
		$this->assertSame( $before, self::stored_settings() );
	}
	/**
	 * A status stored before statuses were checked ("future", or a status a
	 * plugin registered) is refused, as a stored post type no longer public
	 * is: repairing it to "draft" would publish differently without a word.
	 */
	public function test_a_stored_status_no_longer_allowed_stops_the_import(): void {
		$this->wordpress( 'update_option( Anp_Settings::OPTION, array( "post_status" => "future", "on_change" => "skip" ), false );' );
		$result = self::anp( array( 'import', ANP_TESTS_SEEDS ) );
		$this->assertNotSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( 'setting "post_status" is "future"; expected one of draft, pending, publish, private', $result['stderr'], self::describe( $result ) );
		$this->assertSame( 0, self::anp_post_count(), 'nothing written' );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_anp_batches' ), 'no batch' );
		$this->assertSame( 'skip', $this->wordpress( 'return Anp_Settings::get()["on_change"];' ), 'the other stored settings kept' );
		$result = $this->wordpress(
			'require_once ABSPATH . "wp-admin/includes/template.php";
			wp_set_current_user( 1 );
			ob_start();
			Anp_Settings_Page::render_stored_problem();
			return ob_get_clean();'
		);
		$this->assertStringContainsString( 'notice-error', $result, 'the settings page says so' );
		$this->assertStringContainsString( '&quot;future&quot;; expected one of draft, pending, publish, private', $result );
	}
}
