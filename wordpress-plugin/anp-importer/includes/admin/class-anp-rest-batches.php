<?php
/**
 * The REST routes of wp-admin's batches list: the last batches, and a rollback a step at a time.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Under `anp/v1`, for users who may `import` (rolling back is undoing an
 * import), with the REST nonce; anyone else gets a 403.
 *
 *   GET  /batches                  the last batches
 *   POST /batches/<id>/rollback    one step: below = where the last stopped (none to start)
 */
final class Anp_Rest_Batches {

	/** Batches listed. */
	const LISTED = 50;

	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'routes' ) );
	}

	public static function routes(): void {
		register_rest_route(
			Anp_Rest_Uploads::NAMESPACE,
			'/batches',
			array(
				'methods'             => 'GET',
				'callback'            => array( self::class, 'list' ),
				'permission_callback' => array( 'Anp_Rest_Uploads', 'allowed' ),
			)
		);
		register_rest_route(
			Anp_Rest_Uploads::NAMESPACE,
			'/batches/(?P<id>[A-Za-z0-9_-]{1,40})/rollback',
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'rollback' ),
				'permission_callback' => array( 'Anp_Rest_Uploads', 'allowed' ),
				'args'                => array(
					'below' => array(
						'type'    => array( 'integer', 'null' ),
						'minimum' => 1,
					),
				),
			)
		);
	}

	/**
	 * GET /batches.
	 */
	public static function list() {
		try {
			return new WP_REST_Response( array( 'batches' => Anp_Batches::recent( self::LISTED ) ), 200 );
		} catch ( RuntimeException $e ) {
			return new WP_Error( 'anp_failed', $e->getMessage(), array( 'status' => 500 ) );
		}
	}

	/**
	 * POST /batches/<id>/rollback.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function rollback( WP_REST_Request $request ) {
		$below = null === $request['below'] ? null : (int) $request['below'];
		try {
			list( $result, $next ) = Anp_Batches::rollback_step( (string) $request['id'], $below, Anp_Rest_Uploads::step_seconds() );
		} catch ( RuntimeException $e ) {
			// Unknown, rolled back already, or another import holds the site's lock.
			return new WP_Error( 'anp_refused', $e->getMessage(), array( 'status' => 409 ) );
		}
		return new WP_REST_Response(
			array(
				'deleted'  => (int) $result['deleted'],
				'restored' => (int) $result['restored'],
				'failed'   => (int) $result['failed'],
				'failures' => array_map(
					static fn( $post, $reason ) => sprintf( 'post %d: %s', $post, $reason ),
					array_keys( (array) $result['failures'] ),
					array_values( (array) $result['failures'] )
				),
				'next'     => $next,
				'done'     => null === $next,
			),
			200
		);
	}
}
