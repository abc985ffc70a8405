<?php
/**
 * Rolling back batches of several groups, on a site that touched the posts.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * `rollback` undoes a batch a group of changes at a time, new posts of the
 * plugin's type in bulk; what the site added to those posts since (comments,
 * meta of its own, revisions, menu items) goes with them, as it goes with
 * wp_delete_post(), and a post that fails to roll back fails alone
 * (docs/wordpress.md §5).
 */
final class Test_Anp_Rollback extends Anp_WP_Test_Case {

	/** New posts of the second batch: more than two of the rollback's groups (Anp_Rollback::GROUP_SIZE). */
	const NEW_POSTS = 450;

	public function test_a_batch_of_several_groups_rolls_back_to_the_site_before_it(): void {
		$s = $this->seeds_then_a_large_batch( 'rollback-large' );

		// What the site did to the batch's posts before the rollback.
		$site = $this->wordpress(
			'$created = $input["created"];
			$comment  = wp_insert_comment( array( "comment_post_ID" => $created[0], "comment_content" => "a reader says hi", "comment_approved" => 1 ) );
			add_comment_meta( $comment, "rating", 5 );
			wp_insert_comment( array( "comment_post_ID" => $created[0], "comment_parent" => $comment, "comment_content" => "a reply", "comment_approved" => 1 ) );
			add_post_meta( $created[1], "site_note", "added by an editor" );
			wp_set_current_user( 1 );
			wp_update_post( array( "ID" => $created[2], "post_title" => "retitled on the site" ) );
			stick_post( $created[3] );
			$menu = wp_create_nav_menu( "main" );
			$item = wp_update_nav_menu_item( $menu, 0, array( "menu-item-object-id" => $created[4], "menu-item-object" => "post", "menu-item-type" => "post_type", "menu-item-status" => "publish" ) );
			return array( "comment" => $comment, "menu_item" => $item, "revisions" => count( wp_get_post_revisions( $created[2] ) ) );',
			array( 'created' => $s['created'] )
		);
		$this->assertGreaterThan( 0, $site['revisions'], 'the site\'s edit kept a revision' );
		$this->assertSame( '2', self::value( 'SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID = ?', array( $s['created'][0] ) ) );
		$this->assertSame( 'nav_menu_item', self::value( 'SELECT post_type FROM wp_posts WHERE ID = ?', array( $site['menu_item'] ) ) );

		$result = self::anp( array( 'rollback', $s['batch'] ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( 'Batch ' . $s['batch'] . ' rolled back: ' . self::NEW_POSTS . ' posts deleted, 1 restored.', $result['stdout'] );

		$this->assert_same_fingerprint( self::without_unused_terms( self::without_revisions_and_changes( $s['before'] ) ), self::without_unused_terms( self::fingerprint( array( 'revisions' => false, 'changes' => false ) ) ), 'after the rollback' );
		$this->assert_term_counts_right( 'after the rollback' );
		$this->assert_no_orphans();
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID = ?', array( $s['created'][0] ) ), 'comments of deleted posts' );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_commentmeta WHERE comment_id = ?', array( $site['comment'] ) ), 'comment meta of deleted posts' );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = 'site_note'" ) );
		$this->assertNull( self::value( 'SELECT ID FROM wp_posts WHERE ID = ?', array( $site['menu_item'] ) ), 'the menu item of a deleted post' );
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'revision' AND post_parent = ?", array( $s['created'][2] ) ), 'revisions of deleted posts' );
		$sticky = $this->wordpress( 'return get_option( "sticky_posts" );' );
		$this->assertNotContains( $s['created'][3], $sticky, 'a deleted post is not sticky' );
		$this->assertSame( 'rolled_back', self::value( 'SELECT status FROM wp_anp_batches WHERE id = ?', array( $s['batch'] ) ) );

		// The files come back as they were imported.
		$again = $this->import_ok( array( $s['dir'] ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => self::NEW_POSTS, 'updated' => 1, 'skipped' => 4, 'failed' => 0 ), self::totals( $again ) );
		$this->assert_term_counts_right( 'after importing again' );
	}

	/**
	 * wp-admin rolls back a step (a request) at a time: each step goes on
	 * from where the one before stopped, the batch stays "rolling_back"
	 * until the last, and the end is the same site as one rollback's.
	 */
	public function test_a_rollback_in_steps_ends_as_one_rollback_does(): void {
		$s     = $this->seeds_then_a_large_batch( 'rollback-steps' );
		$steps = $this->wordpress(
			'wp_set_current_user( 1 ); // As the REST route runs it: an administrator (kses leaves their markup alone).
			$below = null;
			$steps  = array();
			do {
				list( $result, $below ) = ( new Anp_Rollback() )->rollback_step( $input, $below, 0 );
				$steps[] = array( $result["deleted"], $result["restored"], $result["failed"], $below, Anp_Db::value( "SELECT status FROM wp_anp_batches WHERE id = \"" . esc_sql( $input ) . "\"" ) );
			} while ( null !== $below && count( $steps ) < 10 );
			return $steps;',
			$s['batch']
		);
		$this->assertCount( 3, $steps, '451 changes, 200 a group, one group a step' );
		$this->assertSame( array( 'rolling_back', 'rolling_back', 'rolled_back' ), array_column( $steps, 4 ) );
		$this->assertSame( self::NEW_POSTS, array_sum( array_column( $steps, 0 ) ) );
		$this->assertSame( 1, array_sum( array_column( $steps, 1 ) ) );
		$this->assertSame( 0, array_sum( array_column( $steps, 2 ) ) );
		$this->assert_same_fingerprint( self::without_unused_terms( self::without_revisions_and_changes( $s['before'] ) ), self::without_unused_terms( self::fingerprint( array( 'revisions' => false, 'changes' => false ) ) ), 'after the rollback in steps' );
		$this->assert_term_counts_right( 'after the rollback in steps' );
		$this->assert_no_orphans();
	}

	/**
	 * A post the site refuses to delete (an action that throws, a
	 * pre_delete_post filter that says no) fails alone, whole; the others of
	 * its group go. The batch can be rolled back again once the site lets go.
	 */
	public function test_a_post_that_fails_to_roll_back_fails_alone(): void {
		$s = $this->seeds_then_a_large_batch( 'rollback-refused' );
		file_put_contents(
			self::wordpress_dir() . '/wp-content/mu-plugins/anp-test-refuse-delete.php',
			'<?php
			add_action( "before_delete_post", static function ( $id ) {
				if ( (int) get_option( "anp_test_throw_on_delete" ) === (int) $id ) {
					throw new RuntimeException( "the site holds on to it" );
				}
			} );
			add_filter( "pre_delete_post", static fn( $check, $post ) => (int) get_option( "anp_test_keep_on_delete" ) === (int) $post->ID ? false : $check, 10, 2 );'
		);
		// The rollback starts from the newest post: one post of its first
		// group, whose failure sends the group one post at a time, and one of
		// its second group, which the bulk path leaves to wp_delete_post().
		list( $throws, $kept ) = array( $s['created'][ self::NEW_POSTS - 3 ], $s['created'][100] );
		$this->wordpress( 'update_option( "anp_test_throw_on_delete", $input[0] ); update_option( "anp_test_keep_on_delete", $input[1] ); return true;', array( $throws, $kept ) );
		$batch_posts = self::fingerprint()['posts'];
		$refused     = array_column( self::rows( 'SELECT identity FROM wp_anp_items WHERE post_id IN (?, ?)', array( $throws, $kept ) ), 'identity' );
		$this->assertCount( 2, $refused );

		$result = self::anp( array( 'rollback', $s['batch'] ) );
		$this->assertNotSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( "post $throws: the site holds on to it", $result['stderr'] );
		$this->assertStringContainsString( "post $kept: post $kept could not be deleted", $result['stderr'] );
		$this->assertStringContainsString( '2 posts could not be rolled back', $result['stderr'] );
		$this->assertSame( 'rollback_failed', self::value( 'SELECT status FROM wp_anp_batches WHERE id = ?', array( $s['batch'] ) ) );

		// The two posts are whole, with their ledger rows; the others are gone.
		$left = self::fingerprint();
		$this->assertSame( self::NEW_POSTS - 2, count( $batch_posts ) - count( $left['posts'] ), 'posts deleted' );
		$this->assertSame( 5 + 2, self::anp_post_count() );
		foreach ( $refused as $key ) {
			$this->assertSame( $batch_posts[ $key ], $left['posts'][ $key ] ?? null, "$key as it was" );
		}
		$this->assertSame( 5 + 2, (int) self::value( 'SELECT COUNT(*) FROM wp_anp_items' ) );
		$this->assert_term_counts_right( 'after a rollback that failed for two posts' );
		$this->assert_no_orphans();

		// Once the site lets go, the batch rolls back whole.
		$this->wordpress( 'delete_option( "anp_test_throw_on_delete" ); delete_option( "anp_test_keep_on_delete" ); return true;' );
		$again = self::anp( array( 'rollback', $s['batch'] ) );
		$this->assertSame( 0, $again['exit'], self::describe( $again ) );
		$this->assert_same_fingerprint( self::without_unused_terms( self::without_revisions_and_changes( $s['before'] ) ), self::without_unused_terms( self::fingerprint( array( 'revisions' => false, 'changes' => false ) ) ), 'after the second rollback' );
		$this->assert_term_counts_right( 'after the second rollback' );
		$this->assertSame( 'rolled_back', self::value( 'SELECT status FROM wp_anp_batches WHERE id = ?', array( $s['batch'] ) ) );
	}

	/**
	 * The seeds imported; then, in one batch, seed 000 changed and
	 * NEW_POSTS generated files new.
	 *
	 * @return array dir, before (the site's fingerprint before the batch), batch, created (its new posts' ids, oldest first)
	 */
	private function seeds_then_a_large_batch( string $name ): array {
		$dir = self::seeds_copy( $name );
		$this->import_ok( array( $dir ), array( '--status=publish' ) );
		$before = self::fingerprint();

		$file = $dir . '/' . basename( self::seed_files()[0] );
		file_put_contents( $file, str_replace( "  • ruff\n", "  • black\n", file_get_contents( $file ), $changed ) );
		$this->assertSame( 1, $changed, 'the fixture changed' );
		$generated = self::generated( $name . '-new', 20261122, self::NEW_POSTS );
		foreach ( self::files_in( $generated ) as $new ) {
			rename( $new, $dir . '/zz-' . basename( $new ) );
		}
		$report = $this->import_ok( array( $dir ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => self::NEW_POSTS, 'updated' => 1, 'skipped' => 4, 'failed' => 0 ), self::totals( $report ) );
		$created = array_map( 'intval', array_column( self::rows( "SELECT post_id FROM wp_anp_changes WHERE batch_id = ? AND action = 'created' ORDER BY post_id", array( $report['batch'] ) ), 'post_id' ) );
		$this->assertCount( self::NEW_POSTS, $created );
		return array(
			'dir'     => $dir,
			'before'  => $before,
			'batch'   => $report['batch'],
			'created' => $created,
		);
	}
}
