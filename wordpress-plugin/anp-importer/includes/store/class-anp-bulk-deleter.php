<?php
/**
 * Deleting a group of posts with a handful of queries.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Deletes posts permanently, with their revisions, as wp_delete_post() would
 * leave the site, without its hundred-odd queries a post: one statement for
 * all the group's term relationships, one for all its meta, one for all its
 * post rows.
 *
 * It keeps what other code relies on: the pre_delete_post filter, and the
 * actions before_delete_post, delete_post, deleted_post, clean_post_cache
 * (through clean_post_cache()), after_delete_post and, for revisions,
 * wp_delete_post_revision. Each action fires for every post of the group
 * before the next step, so that each handler finds its post as
 * wp_delete_post() shows it at that point: whole at before_delete_post,
 * without meta, terms or comments at delete_post, gone at deleted_post.
 * Comments go through wp_delete_comment(), as in wp_delete_post().
 *
 * It does not fire the per-row actions (delete_post_meta, deleted_post_meta,
 * delete_term_relationships, deleted_term_relationships), as the bulk import
 * does not fire their add_ counterparts; and it hands the term counts to
 * wp_update_term_count(), which the caller defers and runs once at the end.
 *
 * It runs inside the caller's transaction. Any failure throws; the caller
 * rolls the group back and deletes the posts one by one to find the post at
 * fault.
 */
final class Anp_Bulk_Deleter {

	/**
	 * Whether this deleter can delete a post: it does posts of types whose
	 * deletion touches no other post of the type (not hierarchical) and
	 * owns no file (not attachments); the others need wp_delete_post().
	 */
	public static function can_delete( WP_Post $post ): bool {
		return 'attachment' !== $post->post_type && 'revision' !== $post->post_type && ! is_post_type_hierarchical( $post->post_type );
	}

	/**
	 * Deletes posts of one type, permanently, with their revisions.
	 *
	 * @param WP_Post[] $posts Posts that can_delete(), all of one type.
	 * @return WP_Post[] The posts that a pre_delete_post filter kept (for
	 *                   itself or for one of their revisions), untouched:
	 *                   wp_delete_post() should ask it again for each.
	 * @throws RuntimeException On a database error.
	 */
	public function delete( array $posts ): array {
		if ( ! $posts ) {
			return array();
		}
		list( $doomed, $revisions, $kept ) = $this->without_kept( $posts );
		if ( ! $doomed ) {
			return $kept;
		}
		// The revisions first, as wp_delete_post() deletes them before the
		// post itself.
		$all = array_merge( $revisions, $doomed );
		$ids = implode( ',', array_map( static fn( $post ) => (int) $post->ID, $all ) );

		foreach ( $all as $post ) {
			do_action( 'before_delete_post', $post->ID, $post );
		}
		$this->delete_term_relationships( $doomed );
		$this->reparent_attachments( $all );
		$this->delete_comments( $ids );
		global $wpdb;
		Anp_Db::query( "DELETE FROM {$wpdb->postmeta} WHERE post_id IN ($ids)" );
		$this->fire_delete_post( $all );
		$deleted = Anp_Db::query( "DELETE FROM {$wpdb->posts} WHERE ID IN ($ids)" );
		if ( count( $all ) !== $deleted ) {
			throw new RuntimeException( sprintf( 'deleted %d posts of %d: some changed under the rollback', $deleted, count( $all ) ) );
		}
		foreach ( $all as $post ) {
			do_action( 'deleted_post', $post->ID, $post );
			clean_post_cache( $post );
			wp_clear_scheduled_hook( 'publish_future_post', array( $post->ID ) );
			do_action( 'after_delete_post', $post->ID, $post );
			if ( 'revision' === $post->post_type ) {
				do_action( 'wp_delete_post_revision', $post->ID, $post );
			}
		}
		return $kept;
	}

	/**
	 * The posts to delete, their revisions, and the posts that the
	 * pre_delete_post filter keeps, asked once for each post and revision.
	 *
	 * @param WP_Post[] $posts Posts.
	 * @return array [posts, revisions, kept posts]
	 * @throws RuntimeException On a database error.
	 */
	private function without_kept( array $posts ): array {
		global $wpdb;
		$by_id = array();
		foreach ( $posts as $post ) {
			$by_id[ (int) $post->ID ] = $post;
		}
		$rows      = Anp_Db::rows( "SELECT * FROM {$wpdb->posts} WHERE post_type = 'revision' AND post_parent IN (" . implode( ',', array_keys( $by_id ) ) . ')' );
		$revisions = array_map( static fn( $row ) => new WP_Post( $row ), $rows );
		// Handlers of the actions ask for the post: let them find it here.
		update_post_cache( $revisions );

		$kept = array();
		foreach ( $posts as $post ) {
			if ( null !== apply_filters( 'pre_delete_post', null, $post, true ) ) {
				$kept[ (int) $post->ID ] = $post;
			}
		}
		$doomed_revisions = array();
		foreach ( $revisions as $revision ) {
			$parent = (int) $revision->post_parent;
			if ( isset( $kept[ $parent ] ) ) {
				continue;
			}
			// wp_delete_post_revision() deletes without force.
			if ( null !== apply_filters( 'pre_delete_post', null, $revision, false ) ) {
				// The post goes the way of wp_delete_post(), which leaves
				// such a revision behind.
				$kept[ $parent ] = $by_id[ $parent ];
				continue;
			}
			$doomed_revisions[] = $revision;
		}
		$doomed_revisions = array_values( array_filter( $doomed_revisions, static fn( $revision ) => ! isset( $kept[ (int) $revision->post_parent ] ) ) );
		return array( array_values( array_diff_key( $by_id, $kept ) ), $doomed_revisions, array_values( $kept ) );
	}

	/**
	 * Deletes the posts' relationships to the terms of their type's
	 * taxonomies (those wp_delete_post() removes: a link category's object
	 * id is a link's, not a post's) and hands their terms to
	 * wp_update_term_count().
	 *
	 * @param WP_Post[] $posts Posts of one type.
	 * @throws RuntimeException On a database error.
	 */
	private function delete_term_relationships( array $posts ): void {
		global $wpdb;
		$taxonomies = get_object_taxonomies( $posts[0]->post_type );
		if ( ! $taxonomies ) {
			return;
		}
		$where = sprintf(
			"tr.object_id IN (%s) AND tt.taxonomy IN ('%s')",
			implode( ',', array_map( static fn( $post ) => (int) $post->ID, $posts ) ),
			implode( "','", array_map( 'esc_sql', $taxonomies ) )
		);
		// STRAIGHT_JOIN: from the posts' relationships to their terms. Left
		// to itself, the optimizer starts from the taxonomies and reads every
		// relationship of each of their terms, all the site's posts of a
		// popular category.
		$from  = "{$wpdb->term_relationships} tr STRAIGHT_JOIN {$wpdb->term_taxonomy} tt ON tt.term_taxonomy_id = tr.term_taxonomy_id";
		$terms = array();
		foreach ( Anp_Db::rows( "SELECT DISTINCT tt.taxonomy, tt.term_taxonomy_id FROM $from WHERE $where" ) as $row ) {
			$terms[ $row->taxonomy ][] = (int) $row->term_taxonomy_id;
		}
		if ( ! $terms ) {
			return;
		}
		Anp_Db::query( "DELETE tr FROM $from WHERE $where" );
		wp_cache_set_terms_last_changed();
		foreach ( $terms as $taxonomy => $tt_ids ) {
			wp_update_term_count( $tt_ids, $taxonomy );
		}
	}

	/**
	 * Gives the attachments of the posts their post's parent, as
	 * wp_delete_post() does (the attachments of a revision end with its
	 * post's parent, as its post is deleted after it).
	 *
	 * @param WP_Post[] $posts Posts and revisions.
	 * @throws RuntimeException On a database error.
	 */
	private function reparent_attachments( array $posts ): void {
		global $wpdb;
		$parent_of = array();
		foreach ( $posts as $post ) {
			$parent_of[ (int) $post->ID ] = (int) $post->post_parent;
		}
		$moves = array();
		foreach ( $parent_of as $id => $parent ) {
			// Up past the parents deleted with it.
			for ( $steps = 0; isset( $parent_of[ $parent ] ) && $steps < count( $parent_of ); $steps++ ) {
				$parent = $parent_of[ $parent ];
			}
			$moves[ $parent ][] = $id;
		}
		foreach ( $moves as $parent => $ids ) {
			Anp_Db::query( $wpdb->prepare( "UPDATE {$wpdb->posts} SET post_parent = %d WHERE post_type = 'attachment' AND post_parent IN (" . implode( ',', $ids ) . ')', $parent ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- ids are ints.
		}
	}

	/**
	 * Deletes the comments of the posts through wp_delete_comment(), newest
	 * first, as wp_delete_post() does: few imported posts have any, and
	 * those that do keep their comment actions and comment meta cleanup.
	 *
	 * @param string $ids Post ids, comma separated.
	 * @throws RuntimeException When a comment cannot be deleted.
	 */
	private function delete_comments( string $ids ): void {
		global $wpdb;
		$comment_ids = Anp_Db::rows( "SELECT comment_ID FROM {$wpdb->comments} WHERE comment_post_ID IN ($ids) ORDER BY comment_ID DESC" );
		if ( ! $comment_ids ) {
			return;
		}
		wp_defer_comment_counting( true );
		try {
			foreach ( $comment_ids as $row ) {
				if ( ! wp_delete_comment( (int) $row->comment_ID, true ) ) {
					throw new RuntimeException( sprintf( 'comment %d could not be deleted', $row->comment_ID ) );
				}
			}
		} finally {
			wp_defer_comment_counting( false );
		}
	}

	/**
	 * Fires delete_post for each post. Two of core's handlers cost a query
	 * or more a post: the menu items of a post are looked for with one query
	 * for the group instead, and the calendar block's "has published posts"
	 * flag, whose end state does not depend on how often it is computed, is
	 * computed once, where wp_delete_post() computes it (the rows still there).
	 *
	 * @param WP_Post[] $posts Posts and revisions.
	 * @throws RuntimeException On a database error.
	 */
	private function fire_delete_post( array $posts ): void {
		$menu_items = has_action( 'delete_post', '_wp_delete_post_menu_item' );
		$calendar   = has_action( 'delete_post', 'block_core_calendar_update_has_published_post_on_delete' );
		foreach ( array_filter( array( '_wp_delete_post_menu_item' => $menu_items, 'block_core_calendar_update_has_published_post_on_delete' => $calendar ), 'is_int' ) as $callback => $priority ) {
			remove_action( 'delete_post', $callback, $priority );
		}
		try {
			foreach ( $posts as $post ) {
				do_action( 'delete_post', $post->ID, $post );
			}
		} finally {
			if ( is_int( $menu_items ) ) {
				add_action( 'delete_post', '_wp_delete_post_menu_item', $menu_items );
			}
			if ( is_int( $calendar ) ) {
				add_action( 'delete_post', 'block_core_calendar_update_has_published_post_on_delete', $calendar );
			}
		}
		if ( is_int( $menu_items ) ) {
			foreach ( $this->with_menu_items( $posts ) as $post_id ) {
				_wp_delete_post_menu_item( $post_id );
			}
		}
		if ( is_int( $calendar ) ) {
			foreach ( $posts as $post ) {
				if ( 'publish' === $post->post_status && 'post' === $post->post_type ) {
					block_core_calendar_update_has_published_posts();
					break;
				}
			}
		}
	}

	/**
	 * The ids of the posts that a nav menu item points at, as
	 * wp_get_associated_nav_menu_items() finds them, with one query.
	 *
	 * @param WP_Post[] $posts Posts.
	 * @return int[]
	 * @throws RuntimeException On a database error.
	 */
	private function with_menu_items( array $posts ): array {
		global $wpdb;
		$ids  = "'" . implode( "','", array_map( static fn( $post ) => (int) $post->ID, $posts ) ) . "'";
		$rows = Anp_Db::rows( "SELECT DISTINCT m.meta_value FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE p.post_type = 'nav_menu_item' AND m.meta_key = '_menu_item_object_id' AND m.meta_value IN ($ids)" );
		return array_map( static fn( $row ) => (int) $row->meta_value, $rows );
	}
}
