<?php
/**
 * The actions of new posts, with WordPress's bookkeeping done once a group.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Fires for each post of a group the actions wp_insert_post() fires for a
 * new post (the status transition, save_post, wp_insert_post,
 * wp_after_insert_post), once its row, meta and terms are written.
 *
 * Some of WordPress's own handlers of them do, for each post, work whose
 * end state does not depend on how often it runs; here it runs once for
 * the group, which is most of what publishing costs over a draft:
 * - the term counts (nine queries a post): the importer recounts every
 *   term it touched when the run ends;
 * - the is_multi_author transient (two queries a post): deleted once;
 * - the calendar block's "has published posts" option (a COUNT and an
 *   update_option() a published post): read once.
 * And the meta that handlers add to a new post (_publish_post_hook's
 * _encloseme and _pingme, a query and an INSERT each) is handed back to be
 * written with one statement, as the post's imported meta is: like it, it
 * goes in without add_post_meta / added_post_meta firing for it. A
 * handler's "unique" add is refused as add_post_meta() refuses it, by the
 * keys the post already has or was given here.
 *
 * Other code's handlers are the caller's business (Anp_Held_Actions runs
 * them after the commit); these run inside the transaction, as WordPress
 * runs them.
 */
final class Anp_Insert_Actions {

	/** Core's handlers of transition_post_status run once a group (above), by priority. */
	const ONCE = array(
		'_update_term_count_on_transition_post_status',
		'__clear_multi_author_cache',
		'block_core_calendar_update_has_published_post_on_transition_post_status',
	);

	/** @var array<int,array<string,true>> Post id => its meta keys, for a unique add. */
	private $meta_keys = array();

	/** @var array[] array( post id, key, value ) each: the meta handlers added. */
	private $added = array();

	/**
	 * Fires the actions of new posts.
	 *
	 * @param WP_Post[]                     $posts     The posts, as cached.
	 * @param array<int,array<string,true>> $meta_keys Post id => the meta keys it was written with.
	 * @return array[] array( post id, key, value ) each: meta the handlers
	 *                 added to the posts, unslashed and sanitized as
	 *                 add_post_meta() leaves it, for the caller to write.
	 */
	public function fire( array $posts, array $meta_keys ): array {
		$this->meta_keys = $meta_keys;
		$this->added     = array();
		$removed         = array();
		foreach ( self::ONCE as $callback ) {
			$priority = has_action( 'transition_post_status', $callback );
			if ( is_int( $priority ) ) {
				remove_action( 'transition_post_status', $callback, $priority );
				$removed[ $callback ] = $priority;
			}
		}
		$collect = array( $this, 'collect' );
		add_filter( 'add_post_metadata', $collect, PHP_INT_MAX, 5 );
		try {
			foreach ( $posts as $post ) {
				wp_transition_post_status( $post->post_status, 'new', $post );
				do_action( "save_post_{$post->post_type}", $post->ID, $post, false );
				do_action( 'save_post', $post->ID, $post, false );
				do_action( 'wp_insert_post', $post->ID, $post, false );
				wp_after_insert_post( $post, false, null );
			}
		} finally {
			remove_filter( 'add_post_metadata', $collect, PHP_INT_MAX );
			foreach ( $removed as $callback => $priority ) {
				add_action( 'transition_post_status', $callback, $priority, 3 );
			}
		}
		if ( isset( $removed['__clear_multi_author_cache'] ) ) {
			__clear_multi_author_cache();
		}
		$published_post = static fn( WP_Post $post ) => 'post' === $post->post_type && 'publish' === $post->post_status;
		if ( isset( $removed['block_core_calendar_update_has_published_post_on_transition_post_status'] ) && array_filter( $posts, $published_post ) ) {
			block_core_calendar_update_has_published_posts();
		}
		return $this->added;
	}

	/**
	 * The add_post_metadata short-circuit, last of its handlers: a new
	 * post's meta is kept to be written with the group's.
	 *
	 * @param mixed  $check     Another handler's answer, or null.
	 * @param int    $object_id The post.
	 * @param string $meta_key  The key, unslashed.
	 * @param mixed  $value     The value, unslashed and sanitized.
	 * @param bool   $unique    Whether the key must be new to the post.
	 * @return mixed
	 */
	public function collect( $check, $object_id, $meta_key, $value, $unique ) {
		$post_id = (int) $object_id;
		if ( null !== $check || ! isset( $this->meta_keys[ $post_id ] ) ) {
			return $check;
		}
		if ( $unique && isset( $this->meta_keys[ $post_id ][ $meta_key ] ) ) {
			return false;
		}
		$this->meta_keys[ $post_id ][ $meta_key ] = true;
		$this->added[]                           = array( $post_id, (string) $meta_key, $value );
		return true;
	}
}
