<?php
/**
 * The REST routes of wp-admin's importer: uploads, their dry run and their import.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Under `anp/v1`, for users who may `import`, with the REST nonce (WordPress
 * takes a cookie without a valid `X-WP-Nonce` for a visitor's): anyone else
 * gets a 403 and nothing changes.
 *
 *   POST   /uploads               a new upload (the import's flags: status)
 *   POST   /uploads/<id>/files    one or more files (multipart "files[]")
 *   POST   /uploads/<id>/step     one step of a pass: pass=plan|import; 409 while another request has the
 *                                 upload or another import runs, 503 when the database or disk failed
 *   GET    /uploads/<id>          where it stands
 *   DELETE /uploads/<id>          the upload gone, before its import
 *
 * What the page is told names files as the browser did, never by a path
 * on the server.
 */
final class Anp_Rest_Uploads {

	const NAMESPACE = 'anp/v1';

	/** How long a step goes on starting groups of files: well under any host's time limit. */
	const STEP_SECONDS = 3.0;

	/** The files of a finished pass listed one by one, at most. */
	const LISTED = 10000;

	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'routes' ) );
	}

	public static function routes(): void {
		$id = '(?P<id>[a-f0-9]{32})';
		register_rest_route(
			self::NAMESPACE,
			'/uploads',
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'create' ),
				'permission_callback' => array( self::class, 'allowed' ),
				'args'                => array(
					'status' => array(
						'type' => 'string',
						'enum' => array( '', 'draft', 'pending', 'publish', 'private' ),
					),
				),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			"/uploads/$id/files",
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'add_files' ),
				'permission_callback' => array( self::class, 'allowed' ),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			"/uploads/$id/step",
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'step' ),
				'permission_callback' => array( self::class, 'allowed' ),
				'args'                => array(
					'pass' => array(
						'type'     => 'string',
						'enum'     => array( 'plan', 'import' ),
						'required' => true,
					),
				),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			"/uploads/$id",
			array(
				array(
					'methods'             => 'GET',
					'callback'            => array( self::class, 'show' ),
					'permission_callback' => array( self::class, 'allowed' ),
				),
				array(
					'methods'             => 'DELETE',
					'callback'            => array( self::class, 'delete' ),
					'permission_callback' => array( self::class, 'allowed' ),
				),
			)
		);
	}

	/**
	 * How long a step of an import or a rollback goes on starting groups:
	 * STEP_SECONDS, or what the `anp_upload_step_seconds` filter says (tests
	 * that must stop a run half-way give 0: one group a step).
	 */
	public static function step_seconds(): float {
		return (float) apply_filters( 'anp_upload_step_seconds', self::STEP_SECONDS );
	}

	/**
	 * Whether the request's user may import. A 403 for everyone else, the
	 * visitor too (WordPress would say 401 to one not logged in: the page
	 * and the tests look for one answer).
	 *
	 * @return true|WP_Error
	 */
	public static function allowed() {
		if ( current_user_can( 'import' ) ) {
			return true;
		}
		return new WP_Error( 'anp_forbidden', __( 'You are not allowed to import.', 'anp-importer' ), array( 'status' => 403 ) );
	}

	/**
	 * POST /uploads.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function create( WP_REST_Request $request ) {
		$flags = array();
		if ( '' !== (string) $request['status'] ) {
			$flags['status'] = (string) $request['status'];
		}
		try {
			$job = Anp_Upload_Job::create_for_site( $flags );
		} catch ( InvalidArgumentException $e ) {
			return new WP_Error( 'anp_refused', $e->getMessage(), array( 'status' => 400 ) );
		} catch ( RuntimeException $e ) {
			return self::failed( $e );
		}
		// The page offers to resume it until its import is through.
		update_user_meta( get_current_user_id(), Anp_Importer_Page::CURRENT, $job->id() );
		return new WP_REST_Response( self::summary( $job ), 201 );
	}

	/**
	 * POST /uploads/<id>/files: each file taken or refused on its own.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function add_files( WP_REST_Request $request ) {
		$job = self::job( $request );
		if ( $job instanceof WP_Error ) {
			return $job;
		}
		$added   = array();
		$refused = array();
		foreach ( self::uploaded( $request->get_file_params()['files'] ?? array() ) as list( $tmp, $name, $error ) ) {
			if ( UPLOAD_ERR_OK !== $error || ! is_uploaded_file( $tmp ) ) {
				$refused[] = sprintf( '%s: %s', Anp_Upload_Job::shown( $name ), self::upload_error( $error ) );
				continue;
			}
			try {
				$added = array_merge( $added, $job->add( $tmp, $name ) );
			} catch ( InvalidArgumentException $e ) {
				$refused[] = $e->getMessage();
			} catch ( Anp_Upload_Busy $e ) {
				return new WP_Error( 'anp_busy', $e->getMessage(), array( 'status' => 409 ) );
			} catch ( RuntimeException $e ) {
				return self::failed( $e );
			}
		}
		if ( ! $added && ! $refused ) {
			$refused[] = __( 'No file came with the request.', 'anp-importer' );
		}
		return new WP_REST_Response(
			array(
				'added'   => $added,
				'refused' => $refused,
			) + self::summary( $job ),
			$added ? 200 : 400
		);
	}

	/**
	 * POST /uploads/<id>/step.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function step( WP_REST_Request $request ) {
		$job = self::job( $request );
		if ( $job instanceof WP_Error ) {
			return $job;
		}
		try {
			$state = $job->step( (string) $request['pass'], self::step_seconds() );
		} catch ( InvalidArgumentException $e ) {
			return new WP_Error( 'anp_refused', $e->getMessage(), array( 'status' => 400 ) );
		} catch ( Anp_Upload_Busy $e ) {
			// Another tab, or another import: the page waits and tries again.
			return new WP_Error( 'anp_busy', $e->getMessage(), array( 'status' => 409 ) );
		} catch ( RuntimeException $e ) {
			// The database or the disk failed: what was committed stays, and a
			// later step goes on after it.
			return self::failed( $e );
		}
		if ( null === $state ) {
			return new WP_Error( 'anp_busy', __( 'Another tab or request is working on this upload; this one waits.', 'anp-importer' ), array( 'status' => 409 ) );
		}
		if ( 'finished' === $state['phase'] && get_user_meta( get_current_user_id(), Anp_Importer_Page::CURRENT, true ) === $job->id() ) {
			delete_user_meta( get_current_user_id(), Anp_Importer_Page::CURRENT );
		}
		return new WP_REST_Response( self::summary( $job ), 200 );
	}

	/**
	 * GET /uploads/<id>.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function show( WP_REST_Request $request ) {
		$job = self::job( $request );
		return $job instanceof WP_Error ? $job : new WP_REST_Response( self::summary( $job ), 200 );
	}

	/**
	 * DELETE /uploads/<id>: only before its import has begun (after, the
	 * batch's posts are undone with a rollback).
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function delete( WP_REST_Request $request ) {
		$job = self::job( $request );
		if ( $job instanceof WP_Error ) {
			return $job;
		}
		try {
			$job->delete();
		} catch ( InvalidArgumentException $e ) {
			return new WP_Error( 'anp_refused', $e->getMessage(), array( 'status' => 400 ) );
		} catch ( Anp_Upload_Busy $e ) {
			return new WP_Error( 'anp_busy', $e->getMessage(), array( 'status' => 409 ) );
		}
		if ( get_user_meta( get_current_user_id(), Anp_Importer_Page::CURRENT, true ) === $job->id() ) {
			delete_user_meta( get_current_user_id(), Anp_Importer_Page::CURRENT );
		}
		return new WP_REST_Response( array( 'deleted' => true ), 200 );
	}

	/**
	 * The upload of the request's id, or a 404.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return Anp_Upload_Job|WP_Error
	 */
	private static function job( WP_REST_Request $request ) {
		try {
			$job = Anp_Upload_Job::open( (string) $request['id'] );
		} catch ( RuntimeException $e ) {
			return self::failed( $e );
		}
		if ( null === $job ) {
			return new WP_Error( 'anp_no_upload', __( 'No such upload: it ended, was removed, or never was.', 'anp-importer' ), array( 'status' => 404 ) );
		}
		return $job;
	}

	/**
	 * A failure of the server (the database, the disk): a 503, with its
	 * message, which names no path of the private folder.
	 *
	 * @param RuntimeException $e What failed.
	 */
	private static function failed( RuntimeException $e ): WP_Error {
		return new WP_Error( 'anp_failed', $e->getMessage(), array( 'status' => 503 ) );
	}

	/**
	 * What the page is told of an upload.
	 *
	 * @param Anp_Upload_Job $job The upload.
	 */
	private static function summary( Anp_Upload_Job $job ): array {
		return $job->report( self::LISTED );
	}

	/**
	 * The files of a multipart field, one or many: [tmp path, name, error] each.
	 *
	 * @param array $field $_FILES['files'].
	 */
	private static function uploaded( array $field ): array {
		$out = array();
		foreach ( (array) ( $field['tmp_name'] ?? array() ) as $i => $tmp ) {
			$out[] = array( (string) $tmp, (string) ( ( (array) $field['name'] )[ $i ] ?? '' ), (int) ( ( (array) $field['error'] )[ $i ] ?? UPLOAD_ERR_NO_FILE ) );
		}
		return $out;
	}

	/**
	 * What PHP's upload error says, in words.
	 *
	 * @param int $error UPLOAD_ERR_*.
	 */
	private static function upload_error( int $error ): string {
		switch ( $error ) {
			case UPLOAD_ERR_INI_SIZE:
			case UPLOAD_ERR_FORM_SIZE:
				/* translators: %s: the largest upload, as "2 MB" */
				return sprintf( __( 'larger than this server takes (%s)', 'anp-importer' ), size_format( wp_max_upload_size() ) );
			case UPLOAD_ERR_PARTIAL:
				return __( 'only part of it arrived', 'anp-importer' );
			case UPLOAD_ERR_NO_FILE:
				return __( 'no file arrived', 'anp-importer' );
			default:
				/* translators: %d: PHP's upload error code */
				return sprintf( __( 'the server could not keep it (upload error %d)', 'anp-importer' ), $error );
		}
	}
}
