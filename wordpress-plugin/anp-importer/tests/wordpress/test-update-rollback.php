<?php
/**
 * A changed file, and undoing batches.
 *
 * @package anp-importer
 */

'cli' === PHP_SAPI || exit;

/**
 * A changed file updates its post and keeps a revision; `rollback` undoes an
 * update batch and an import batch (docs/wordpress.md §5).
 */
final class Test_Anp_Update_Rollback extends Anp_WP_Test_Case {

	const OLD_PARAGRAPH = 'write the final notes immediately after the change ships.';
	const NEW_PARAGRAPH = 'write the final notes on the day the change ships, & <not> a week later.';

	public function test_a_changed_file_updates_its_post_and_keeps_a_revision(): void {
		$s    = $this->imported_then_changed( 'draft' );
		$id   = $s['post_id'];
		$file = $s['file'];

		$this->assertSame( array( 'created' => 0, 'updated' => 1, 'skipped' => 4, 'failed' => 0 ), self::totals( $s['update'] ) );
		$this->assertNotSame( $s['import']['batch'], $s['update']['batch'], 'a new batch' );

		// The same post, now holding the new file.
		$new_hash = hash_file( 'sha256', $file );
		$this->assertSame( array( $id ), self::posts_with_hash( $new_hash ), 'the same post ID' );
		$this->assertSame( 5, self::anp_post_count() );
		$post = self::rows( 'SELECT * FROM wp_posts WHERE ID = ?', array( $id ) )[0];
		$this->assertStringContainsString( '<p>' . htmlspecialchars( self::NEW_PARAGRAPH, ENT_QUOTES ) . ' include the reason', $post['post_content'] );
		$this->assertStringNotContainsString( self::OLD_PARAGRAPH, $post['post_content'] );
		$this->assertSame( 'draft', $post['post_status'] );
		$this->assertSame( $s['old_post']['post_name'], $post['post_name'] );
		$parsed = anp_parse_file( $file );
		$this->assertSame( $parsed['meta']['revision']['last_reviewed'] . ' 00:00:00', $post['post_date'], 'post_date = revision.last_reviewed, after an update too' );
		$this->assertSame( self::spec_terms( $parsed['meta'] ), self::post_terms( $id ), 'the new terms' );
		$this->assertContains( 'black', self::post_terms( $id )['post_tag'] );
		$this->assertNotContains( 'ruff', self::post_terms( $id )['post_tag'] );
		$meta = self::post_meta( $id );
		$this->assertSame( $parsed['meta']['tools'], unserialize( $meta['anp_tools'][0], array( 'allowed_classes' => false ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize
		$this->assertSame( array( $new_hash ), $meta['_anp_content_hash'] );
		$this->assertSame( array( $s['update']['batch'] ), $meta['_anp_import_batch'] );
		$this->assertSame( array( basename( $file ) ), $meta['_anp_source'] );

		// The revision holds what the post was.
		$revisions = self::rows( "SELECT * FROM wp_posts WHERE post_type = 'revision' AND post_parent = ? ORDER BY ID", array( $id ) );
		$this->assertNotEmpty( $revisions, 'a revision' );
		$this->assertContains( $s['old_post']['post_content'], array_column( $revisions, 'post_content' ), 'a revision with the old content' );
		// WordPress itself adds a revision of the new state on update; what
		// matters is that only the updated post has revisions.
		$this->assertSame( 0, (int) self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'revision' AND post_parent <> ?", array( $id ) ), 'no revision of the skipped posts' );

		// The other posts did not move.
		$before = $s['before'];
		$after  = self::fingerprint();
		$key    = 'reference:' . $parsed['meta']['reference'];
		unset( $before['posts'][ $key ], $after['posts'][ $key ], $before['ledger'][ $key ], $after['ledger'][ $key ] );
		$this->assert_same_fingerprint( $before['posts'], $after['posts'], 'the other posts' );
		$this->assert_same_fingerprint( $before['ledger'], $after['ledger'], 'the ledger of the other posts' );
		$this->assert_no_orphans();
	}

	/**
	 * An update leaves the post as an import of the new file into a fresh
	 * site makes it: here the file also loses its area (so its category),
	 * its notes, and changes its difficulty.
	 */
	public function test_an_updated_post_is_what_a_fresh_import_of_the_file_makes(): void {
		$dir  = self::seeds_copy( 'update-fresh' );
		$file = $dir . '/' . basename( self::seed_files()[0] );
		$this->import_ok( array( $dir ), array( '--status=publish' ) );

		$bytes = file_get_contents( $file );
		$bytes = str_replace( self::OLD_PARAGRAPH, self::NEW_PARAGRAPH, $bytes, $paragraphs );
		$bytes = str_replace( "  • ruff\n", "  • black\n", $bytes, $tools );
		$bytes = str_replace( "    • name: backend\n    • type: area\n", '', $bytes, $area );
		$bytes = str_replace( 'difficultyadvanced', 'difficultyintermediate', $bytes, $difficulty );
		$bytes = preg_replace( '/\nnotes\n(  • [^\n]*\n)+/', "\n", $bytes, -1, $notes );
		$this->assertSame( array( 1, 1, 1, 1, 1 ), array( $paragraphs, $tools, $area, $difficulty, $notes ), 'the fixture changed' );
		file_put_contents( $file, $bytes );
		$meta = anp_parse_file( $file )['meta'];
		$this->assertArrayNotHasKey( 'notes', $meta );
		$this->assertSame( array( 'Uncategorized' ), self::spec_terms( $meta )['category'], 'the fixture has no area' );

		$update = $this->import_ok( array( $dir ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 1, 'skipped' => 4, 'failed' => 0 ), self::totals( $update ) );
		$this->assert_term_counts_right( 'after the update' );
		$options = array(
			'revisions' => false,
			'changes'   => false,
		) + self::ACROSS_SITES;
		$updated = self::without_unused_terms( self::fingerprint( $options ) );

		self::sandbox_up();
		$this->import_ok( array( $dir ), array( '--status=publish' ) );
		$fresh = self::without_unused_terms( self::fingerprint( $options ) );
		unset( $updated['ledger'], $fresh['ledger'] ); // Its batch ids aside, the ledger is the same; its source too.
		$this->assert_same_fingerprint( $fresh, $updated, 'the updated site against a fresh import' );
	}

	public function test_on_change_skip_leaves_a_changed_file_alone(): void {
		$dir  = self::seeds_copy( 'on-change-skip' );
		$file = $dir . '/' . basename( self::seed_files()[0] );
		$this->import_ok( array( $dir ) );
		$before = self::fingerprint();
		file_put_contents( $file, str_replace( self::OLD_PARAGRAPH, self::NEW_PARAGRAPH, file_get_contents( $file ) ) );
		$report = $this->import_ok( array( $dir ), array( '--on-change=skip' ) );
		$this->assertSame( array( 'created' => 0, 'updated' => 0, 'skipped' => 5, 'failed' => 0 ), self::totals( $report ) );
		$this->assert_same_fingerprint( $before, self::fingerprint(), 'after an import with --on-change=skip' );
	}

	public function test_rollback_of_an_update_restores_the_previous_state(): void {
		$s = $this->imported_then_changed( 'publish' );
		$this->assert_term_counts_right( 'after the update' );
		$this->assertSame( '1', self::value( "SELECT tt.count FROM wp_term_taxonomy tt JOIN wp_terms t ON t.term_id = tt.term_id WHERE tt.taxonomy = 'post_tag' AND t.name = 'black'" ), 'the new tag counts its post' );
		$this->assertSame( '4', self::value( "SELECT tt.count FROM wp_term_taxonomy tt JOIN wp_terms t ON t.term_id = tt.term_id WHERE tt.taxonomy = 'post_tag' AND t.name = 'ruff'" ), 'the old tag lost one' );
		$this->assert_update_rolled_back( $s );
	}

	public function test_rollback_of_an_update_of_drafts_restores_the_previous_state(): void {
		$this->assert_update_rolled_back( $this->imported_then_changed( 'draft' ) );
	}

	public function test_rollback_of_the_import_deletes_its_posts(): void {
		$s      = $this->imported_then_changed( 'publish' );
		$result = self::anp( array( 'rollback', $s['update']['batch'] ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );

		// Undo the import: its posts are gone, and nothing of them is left.
		$result = self::anp( array( 'rollback', $s['import']['batch'] ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( 'Batch ' . $s['import']['batch'] . ' rolled back: 5 posts deleted, 0 restored.', $result['stdout'] );
		$this->assertSame( 0, self::anp_post_count() );
		$this->assertSame( '0', self::value( "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'revision'" ), 'revisions of deleted posts' );
		$this->assertSame( '0', self::value( 'SELECT COUNT(*) FROM wp_anp_items' ), 'ledger rows of deleted posts' );
		$this->assert_same_fingerprint( self::without_unused_terms( self::without_revisions_and_changes( $s['empty'] ) ), self::without_unused_terms( self::fingerprint( array( 'revisions' => false, 'changes' => false ) ) ), 'after the rollback of the import' );
		$this->assert_term_counts_right( 'after the rollback of the import' );
		$this->assert_no_orphans();

		// A batch is undone once.
		$again = self::anp( array( 'rollback', $s['import']['batch'] ) );
		$this->assertNotSame( 0, $again['exit'], self::describe( $again ) );
		$this->assertStringContainsString( 'already rolled back', $again['stderr'] );

		// The files come back as new posts.
		$report = $this->import_ok( array( dirname( $s['file'] ) ), array( '--status=publish' ) );
		$this->assertSame( array( 'created' => 5, 'updated' => 0, 'skipped' => 0, 'failed' => 0 ), self::totals( $report ) );
		$this->assert_term_counts_right( 'after importing again' );
	}

	/**
	 * `rollback` of the update batch puts the site back as it was before it.
	 *
	 * @param array $s What imported_then_changed() returned.
	 */
	private function assert_update_rolled_back( array $s ): void {
		$result = self::anp( array( 'rollback', $s['update']['batch'] ) );
		$this->assertSame( 0, $result['exit'], self::describe( $result ) );
		$this->assertStringContainsString( 'Batch ' . $s['update']['batch'] . ' rolled back: 0 posts deleted, 1 restored.', $result['stdout'] );
		$after = self::fingerprint( array( 'revisions' => false, 'changes' => false ) );
		// The one term the update made stays, with no post (WordPress never
		// deletes a term when its last post goes; neither does a rollback).
		$this->assertSame( array( 'post_tag|black' ), array_keys( array_diff_key( $after['terms'], $s['before']['terms'] ) ), 'terms made by the update' );
		$this->assertSame( 0, $after['terms']['post_tag|black']['count'] );
		$this->assertSame( 0, $after['terms']['post_tag|black']['objects'] );
		$this->assert_term_counts_right( 'after the rollback of the update' );
		$this->assert_no_orphans();
		$this->assert_same_fingerprint( self::without_unused_terms( self::without_revisions_and_changes( $s['before'] ) ), self::without_unused_terms( $after ), 'after the rollback of the update' );
	}

	/**
	 * The seeds imported, then seed 000 changed (a paragraph, and the tool
	 * "ruff" become "black") and imported again.
	 *
	 * @param string $status --status of both imports.
	 */
	private function imported_then_changed( string $status ): array {
		$empty  = self::fingerprint();
		$dir    = self::seeds_copy( 'update' );
		$file   = $dir . '/' . basename( self::seed_files()[0] );
		$import = $this->import_ok( array( $dir ), array( "--status=$status" ) );
		$this->assertSame( 5, $import['created'] );
		$before = self::fingerprint();
		$ids    = self::posts_with_hash( hash_file( 'sha256', $file ) );
		$this->assertCount( 1, $ids );
		$old_post = self::rows( 'SELECT * FROM wp_posts WHERE ID = ?', array( $ids[0] ) )[0];

		$bytes = file_get_contents( $file );
		$bytes = str_replace( self::OLD_PARAGRAPH, self::NEW_PARAGRAPH, $bytes, $paragraphs );
		$bytes = str_replace( "  • ruff\n", "  • black\n", $bytes, $tools );
		$this->assertSame( array( 1, 1 ), array( $paragraphs, $tools ), 'the fixture changed' );
		file_put_contents( $file, $bytes );

		$update = $this->import_ok( array( $dir ), array( "--status=$status" ) );
		return array(
			'empty'    => $empty,
			'before'   => $before,
			'import'   => $import,
			'update'   => $update,
			'file'     => $file,
			'post_id'  => $ids[0],
			'old_post' => $old_post,
		);
	}
}
