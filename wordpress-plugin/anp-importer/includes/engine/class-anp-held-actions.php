<?php
/**
 * Other code's handlers of a post's actions, held until the commit.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Holds back the handlers that plugins and themes add to the actions that
 * tell of a post being written (save_post and the others wp_insert_post()
 * fires), and runs them later, once the group's transaction has committed,
 * in the same order with the same arguments: such a handler hears of a
 * post once it is in the database for good, once, and never of a post that
 * is rolled back or of a group written a second time.
 *
 * WordPress's own handlers of those actions still run where WordPress
 * fires them, inside the transaction: what they write (a revision, the
 * _encloseme meta, the old date) belongs to the post and lands or goes with
 * it. A handler is WordPress's own when its code is in wp-includes or
 * wp-admin.
 *
 * While the work runs, each held hook that has other handlers is replaced
 * by its WordPress handlers and a recorder of the call; then it is put back.
 */
final class Anp_Held_Actions {

	/** @var array[] array( hook, WP_Hook of the held handlers, args ) each, in order. */
	private $calls = array();

	/** @var array<string,bool> Unique callback id => whether it is WordPress's own. */
	private static $own = array();

	/**
	 * Runs $work with these actions' other handlers held.
	 *
	 * @param string[] $hooks Action names.
	 * @param callable $work  The work.
	 * @return mixed What it returned.
	 */
	public function during( array $hooks, callable $work ) {
		global $wp_filter;
		$originals = array();
		foreach ( array_unique( $hooks ) as $hook ) {
			if ( ! isset( $wp_filter[ $hook ] ) ) {
				continue;
			}
			list( $inside, $held ) = self::split( $hook, $wp_filter[ $hook ] );
			if ( ! $held->has_filters() ) {
				continue;
			}
			$inside->add_filter(
				$hook,
				function ( ...$args ) use ( $hook, $held ) {
					$this->calls[] = array( $hook, $held, $args );
					return $args[0] ?? null;
				},
				PHP_INT_MIN,
				99
			);
			$originals[ $hook ] = $wp_filter[ $hook ];
			$wp_filter[ $hook ] = $inside; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- put back below.
		}
		try {
			return $work();
		} finally {
			foreach ( $originals as $hook => $original ) {
				$wp_filter[ $hook ] = $original; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- as it was.
			}
		}
	}

	/**
	 * Runs the held handlers, and forgets them. Each call has its own
	 * try: what is held runs after the commit, so a handler that throws can
	 * undo nothing, and must not keep the other calls (other posts' among
	 * them) from running. It is told to $failed; a lost connection or a
	 * stopped run (Anp_Transaction_Lost) still stops the run.
	 *
	 * @param callable $failed Called as ( string $hook, array $args, Throwable $e ) for a call that threw.
	 * @throws Anp_Transaction_Lost When a handler lost the connection or WordPress stopped the run.
	 */
	public function fire( callable $failed ): void {
		global $wp_current_filter;
		$calls       = $this->calls;
		$this->calls = array();
		foreach ( $calls as list( $hook, $held, $args ) ) {
			$wp_current_filter[] = $hook;
			try {
				$held->do_action( $args );
			} catch ( Anp_Transaction_Lost $e ) {
				throw $e;
			} catch ( Throwable $e ) {
				$failed( $hook, $args, $e );
			} finally {
				array_pop( $wp_current_filter );
			}
		}
	}

	/**
	 * The post a held call was about: its first argument that is a post or
	 * a post's id (save_post, wp_insert_post, edit_post, post_updated give
	 * the id first; the status transitions give the post last).
	 *
	 * @param array $args A call's arguments.
	 * @return int The post's id, or 0.
	 */
	public static function post_of( array $args ): int {
		foreach ( $args as $arg ) {
			if ( $arg instanceof WP_Post ) {
				return (int) $arg->ID;
			}
		}
		return is_int( $args[0] ?? null ) ? $args[0] : 0;
	}

	/**
	 * The actions wp_insert_post() and wp_update_post() fire for posts of
	 * these types, whatever their status was and becomes.
	 *
	 * @param string[] $types Post types.
	 * @return string[]
	 */
	public static function post_hooks( array $types ): array {
		$stati = array_keys( get_post_stati() );
		$hooks = array( 'transition_post_status', 'edit_post', 'post_updated', 'save_post', 'wp_insert_post', 'wp_after_insert_post', 'add_attachment', 'edit_attachment' );
		foreach ( $stati as $new ) {
			foreach ( array_merge( array( 'new' ), $stati ) as $old ) {
				$hooks[] = "{$old}_to_{$new}";
			}
			foreach ( $types as $type ) {
				$hooks[] = "{$new}_{$type}";
			}
		}
		foreach ( $types as $type ) {
			$hooks[] = "edit_post_{$type}";
			$hooks[] = "save_post_{$type}";
		}
		return $hooks;
	}

	/**
	 * A hook's handlers: WordPress's own, and the others.
	 *
	 * @param string  $hook  Its name.
	 * @param WP_Hook $hooks Its handlers.
	 * @return WP_Hook[] array( WordPress's, others' )
	 */
	private static function split( string $hook, WP_Hook $hooks ): array {
		$own    = new WP_Hook();
		$others = new WP_Hook();
		foreach ( $hooks->callbacks as $priority => $callbacks ) {
			foreach ( $callbacks as $id => $callback ) {
				if ( ! isset( self::$own[ $id ] ) ) {
					self::$own[ $id ] = self::is_wordpress( $callback['function'] );
				}
				( self::$own[ $id ] ? $own : $others )->add_filter( $hook, $callback['function'], $priority, $callback['accepted_args'] );
			}
		}
		return array( $own, $others );
	}

	/**
	 * Whether a callback's code is WordPress's (wp-includes, wp-admin).
	 *
	 * @param callable $callback A handler.
	 */
	private static function is_wordpress( $callback ): bool {
		try {
			if ( is_string( $callback ) && str_contains( $callback, '::' ) ) {
				$callback = explode( '::', $callback, 2 );
			}
			if ( is_array( $callback ) ) {
				$reflection = new ReflectionMethod( $callback[0], $callback[1] );
			} elseif ( is_string( $callback ) || $callback instanceof Closure ) {
				$reflection = new ReflectionFunction( $callback );
			} else {
				$reflection = new ReflectionMethod( $callback, '__invoke' );
			}
		} catch ( ReflectionException $e ) {
			return false;
		}
		$file = wp_normalize_path( (string) $reflection->getFileName() );
		foreach ( array( ABSPATH . WPINC, ABSPATH . 'wp-admin' ) as $dir ) {
			foreach ( array( $dir, (string) realpath( $dir ) ) as $path ) {
				if ( '' !== $path && str_starts_with( $file, wp_normalize_path( $path ) . '/' ) ) {
					return true;
				}
			}
		}
		return false;
	}
}
