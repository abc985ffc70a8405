<?php
/**
 * The import of files uploaded in wp-admin, a request at a time.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * An upload goes through a dry run, then its import, each in steps of a
 * few seconds (Anp_Importer::import_step()), so that no request meets
 * PHP's time limit and a page closed half-way resumes where it stopped:
 * what is done is kept between steps in the upload's state. Only one
 * request works on an upload at a time (Anp_Upload_Store::take()); the
 * import itself also holds the site's import lock, as every import does.
 *
 * The state: the phase ("new", "planned", "importing", "finished"), the
 * cursor of each pass, its counts, each file's outcome (what a dry run
 * would do, what the import did: action, line and reason of a failure,
 * post id), the batch, and the run's flags. When the import finishes,
 * the uploaded files are removed; the state stays for the summary.
 */
final class Anp_Upload_Job {

	/** The passes, by the phase each starts from. */
	const PASSES = array(
		'plan'   => 'planned',
		'import' => 'finished',
	);

	/** @var Anp_Upload_Store */
	private $store;

	/** @var string */
	private $id;

	/**
	 * @param Anp_Upload_Store $store The site's uploads.
	 * @param string           $id    The upload's id (checked by the store).
	 */
	public function __construct( Anp_Upload_Store $store, string $id ) {
		$this->store = $store;
		$this->id    = $id;
	}

	/**
	 * A new, empty upload, for these import flags (the importer's, as
	 * `wp anp import` takes them: status, post-type…).
	 *
	 * @param Anp_Upload_Store $store The site's uploads.
	 * @param array            $flags Flag => value.
	 * @throws InvalidArgumentException When a flag is not valid (nothing is made).
	 * @throws RuntimeException When the upload's folder cannot be made.
	 */
	public static function create( Anp_Upload_Store $store, array $flags ): self {
		return self::made( $store, $flags );
	}

	/**
	 * create() on the site's store.
	 *
	 * @param array $flags Flag => value.
	 * @throws InvalidArgumentException When a flag is not valid.
	 * @throws RuntimeException When the uploads folder or the upload's folder cannot be used.
	 */
	public static function create_for_site( array $flags ): self {
		return self::made( Anp_Upload_Store::for_site(), $flags );
	}

	/**
	 * A new upload on this store.
	 *
	 * @param Anp_Upload_Store $store The uploads.
	 * @param array            $flags Flag => value.
	 */
	private static function made( Anp_Upload_Store $store, array $flags ): self {
		$store->purge( array( self::class, 'expired' ) );
		$flags = array_intersect_key( $flags, Anp_Import_Options::FLAGS );
		Anp_Import_Options::from_flags( Anp_Settings::get(), $flags ); // Refused now, not at the first step.
		$job = new self( $store, $store->create() );
		$store->save_state(
			$job->id,
			array(
				'phase'   => 'new',
				'flags'   => $flags,
				'user'    => get_current_user_id(),
				'created' => time(),
			)
		);
		return $job;
	}

	/**
	 * Whether an upload is no longer wanted, and goes when the next one is
	 * made: a conversion nobody downloaded, after a day; files never
	 * imported, after a week; a finished import's summary, after a month.
	 * An import begun and not finished stays: it may be resumed.
	 *
	 * @param array $state     Its state.
	 * @param bool  $converted Whether it holds a conversion.
	 * @param int   $age       Seconds since it last changed.
	 */
	public static function expired( array $state, bool $converted, int $age ): bool {
		$phase = $state['phase'] ?? 'new';
		if ( $converted ) {
			return $age > DAY_IN_SECONDS;
		}
		if ( 'importing' === $phase ) {
			return false;
		}
		return $age > ( 'finished' === $phase ? MONTH_IN_SECONDS : WEEK_IN_SECONDS );
	}

	/**
	 * The site's upload of this id, or null when there is none.
	 *
	 * @param string $id An id, from anywhere.
	 * @throws RuntimeException When the site's uploads folder cannot be used.
	 */
	public static function open( string $id ): ?self {
		$store = Anp_Upload_Store::for_site();
		return $store->exists( $id ) ? new self( $store, $id ) : null;
	}

	/**
	 * A name from a browser or a zip as a message may hold it (escaping is
	 * the page's job).
	 *
	 * @param string $name The name.
	 */
	public static function shown( string $name ): string {
		return Anp_Zip_Entries::shown( $name );
	}

	/**
	 * What a page is told of the upload: its phase and files, and for each
	 * pass begun the files done, the time taken, the counts and the
	 * failures (name, line, reason); once a pass is through, each file's
	 * outcome too (at most $listed), with its post's links after the import.
	 * Files are named as the browser named them.
	 *
	 * @param int $listed The most files to list.
	 * @throws Anp_Upload_Exception When there is no such upload.
	 */
	public function report( int $listed ): array {
		$state = $this->store->state( $this->id );
		$names = array_column( $this->store->files( $this->id ), 'name' );
		$out   = array(
			'id'     => $this->id,
			'phase'  => $state['phase'] ?? 'new',
			'total'  => count( $names ),
			'batch'  => (string) ( $state['batch'] ?? '' ),
			'passes' => array(),
		);
		foreach ( array_keys( self::PASSES ) as $pass ) {
			if ( ! isset( $state[ $pass ] ) ) {
				continue;
			}
			$through  = (int) $state[ $pass ]['next'] >= count( $names );
			$failures = array();
			$files    = array();
			foreach ( $state[ $pass ]['files'] as $index => $outcome ) {
				$row = array(
					'name'   => (string) ( $names[ (int) $index ] ?? '' ),
					'action' => (string) ( $outcome['action'] ?? Anp_Import_Item::FAIL ),
					'line'   => (int) ( $outcome['line'] ?? 0 ),
					'reason' => (string) ( $outcome['reason'] ?? '' ),
				);
				if ( Anp_Import_Item::FAIL === $row['action'] ) {
					$failures[] = $row;
				}
				if ( $through && count( $files ) < $listed ) {
					$post = (int) ( $outcome['post'] ?? 0 );
					if ( 'import' === $pass && $post ) {
						$row['post'] = array(
							'id'    => $post,
							// get_the_title() is markup (entities, texturized quotes): the page shows text.
							'title' => html_entity_decode( (string) get_the_title( $post ), ENT_QUOTES | ENT_HTML5, 'UTF-8' ),
							'link'  => (string) get_permalink( $post ),
							'edit'  => (string) get_edit_post_link( $post, 'raw' ),
						);
					}
					$files[] = $row;
				}
			}
			$out['passes'][ $pass ] = array(
				'done'     => min( (int) $state[ $pass ]['next'], count( $names ) ),
				'seconds'  => round( (float) $state[ $pass ]['seconds'], 3 ),
				'counts'   => $state['counts'][ $pass ] ?? array(),
				'failures' => $failures,
				'files'    => $files,
			);
		}
		return $out;
	}

	/**
	 * The upload's id.
	 */
	public function id(): string {
		return $this->id;
	}

	/**
	 * Takes a file the browser sent, while nothing has been imported.
	 *
	 * @param string $path Where PHP put it.
	 * @param string $name The browser's name for it.
	 * @return string[] The ANP files it gave, as named.
	 * @throws Anp_Upload_Exception When it is refused, or the import has begun.
	 * @throws Anp_Upload_Busy When a request is at work on the upload.
	 */
	public function add( string $path, string $name ): array {
		return $this->holding(
			function () use ( $path, $name ): array {
				$state = $this->store->state( $this->id );
				if ( ! in_array( $state['phase'] ?? '', array( 'new', 'planned' ), true ) ) {
					throw new Anp_Upload_Exception( 'the import of this upload has begun: files can no longer be added' );
				}
				$added = $this->store->add( $this->id, $path, $name );
				// A dry run no longer says what this upload would do.
				$this->store->save_state( $this->id, array_intersect_key( $state, array_flip( array( 'flags', 'user', 'created' ) ) ) + array( 'phase' => 'new' ) );
				return $added;
			}
		);
	}

	/**
	 * Runs a pass ("plan": the dry run; "import") for about $seconds,
	 * from where it stopped.
	 *
	 * @param string $pass    "plan" or "import".
	 * @param float  $seconds How long to go on starting groups of files.
	 * @return array|null The state after the step; null when another request is at work on this upload.
	 * @throws Anp_Upload_Exception When there is no such upload, or it has no files.
	 * @throws Anp_Upload_Busy When another import holds the site's lock.
	 * @throws RuntimeException When the database or the disk fails.
	 */
	public function step( string $pass, float $seconds ): ?array {
		if ( ! isset( self::PASSES[ $pass ] ) ) {
			throw new InvalidArgumentException( sprintf( 'no pass "%s": plan or import', $pass ) );
		}
		return $this->holding(
			function () use ( $pass, $seconds ): array {
				$state = $this->store->state( $this->id );
				$files = $this->store->files( $this->id );
				if ( ! $files ) {
					throw new Anp_Upload_Exception( 'the upload holds no file yet' );
				}
				if ( 'finished' === ( $state['phase'] ?? '' ) ) {
					return $state; // Nothing left: a late step of a second tab.
				}
				if ( 'plan' === $pass && ! in_array( $state['phase'] ?? 'new', array( 'new', 'planned' ), true ) ) {
					throw new Anp_Upload_Exception( 'the import of this upload has begun: no dry run now' );
				}
				try {
					$state = $this->run( $pass, $state, $files, $seconds );
				} catch ( Anp_Import_Locked $e ) {
					throw new Anp_Upload_Busy( $e->getMessage(), 0, $e ); // Another import: this one waits for it.
				}
				$this->store->save_state( $this->id, $state );
				if ( 'finished' === $state['phase'] ) {
					$this->store->drop_files( $this->id );
				}
				return $state;
			},
			static fn() => null
		);
	}

	/**
	 * The state as it stands.
	 *
	 * @throws Anp_Upload_Exception When there is no such upload.
	 */
	public function state(): array {
		return $this->store->state( $this->id );
	}

	/**
	 * Removes the upload, its files and its state, unless its import has
	 * begun (that batch is resumed, or rolled back).
	 *
	 * @throws Anp_Upload_Exception When its import has begun.
	 * @throws Anp_Upload_Busy When a request is at work on it.
	 */
	public function delete(): void {
		$this->holding(
			function (): void {
				if ( 'importing' === ( $this->store->state( $this->id )['phase'] ?? '' ) ) {
					throw new Anp_Upload_Exception( 'the import of this upload has begun: roll its batch back instead' );
				}
				$this->store->delete( $this->id );
			}
		);
	}

	/**
	 * Runs $work holding the upload: two requests never change one upload
	 * at once.
	 *
	 * @param callable      $work    What to do.
	 * @param callable|null $if_busy What answers instead when a request is at work on it.
	 * @return mixed What $work (or $if_busy) returns.
	 * @throws Anp_Upload_Busy When a request is at work on it and there is no $if_busy.
	 */
	private function holding( callable $work, ?callable $if_busy = null ) {
		$lock = $this->store->take( $this->id );
		if ( null === $lock ) {
			if ( null !== $if_busy ) {
				return $if_busy();
			}
			throw new Anp_Upload_Busy( 'another tab or request is working on this upload; try again in a moment' );
		}
		try {
			return $work();
		} finally {
			$this->store->release( $lock );
		}
	}

	/**
	 * One step of a pass over the state.
	 *
	 * @param string $pass    "plan" or "import".
	 * @param array  $state   The state so far.
	 * @param array  $files   The upload's files (path, name).
	 * @param float  $seconds The step's time.
	 */
	private function run( string $pass, array $state, array $files, float $seconds ): array {
		$flags    = $state['flags'] ?? array();
		$paths    = array_column( $files, 'path' );
		$cursor   = (int) ( $state[ $pass ]['next'] ?? 0 );
		$outcomes = $state[ $pass ]['files'] ?? array();
		$options  = Anp_Import_Options::from_flags( Anp_Settings::get(), $flags + ( 'plan' === $pass ? array( 'dry-run' => true ) : array() ) );
		// A post names its file as the admin knows it, not by its number in the upload.
		$options->source_names = array_column( $files, 'name', 'path' );
		if ( 'import' === $pass && ! $options->settings['post_author'] && ! empty( $state['user'] ) ) {
			// New posts are the uploader's, whichever admin's request goes on with the import.
			$options->author = (int) $state['user'];
		}
		$index    = array_flip( $paths );
		$observer = new class( $index, $outcomes ) implements Anp_Import_Observer {
			/** @var array Path => index. */
			private $index;
			/** @var array Index => outcome. */
			public $outcomes;
			public function __construct( array $index, array $outcomes ) {
				$this->index    = $index;
				$this->outcomes = $outcomes;
			}
			public function started( int $files ): void {
			}
			public function file_done( Anp_Import_Item $item ): void {
				$this->outcomes[ (string) $this->index[ $item->path ] ] = array_filter(
					array(
						'action' => $item->action,
						'line'   => $item->line,
						'reason' => $item->reason,
						'post'   => $item->post_id,
					)
				);
			}
		};
		$started = microtime( true );
		$before  = (float) ( $state[ $pass ]['seconds'] ?? 0 );
		$kept    = null;
		// The pass as it stands in the state: its cursor, outcomes, time and counts, and the batch.
		$record = static function ( array $state, int $next, ?string $batch ) use ( $pass, $observer, $started, $before ): array {
			$state[ $pass ]           = array(
				'next'    => $next,
				'files'   => $observer->outcomes,
				'seconds' => $before + ( microtime( true ) - $started ),
			);
			$state['counts'][ $pass ] = self::counts( $observer->outcomes );
			if ( null !== $batch ) {
				$state['batch'] = $batch;
			}
			return $state;
		};
		if ( 'import' === $pass ) {
			// From now on the files are a batch's: no file is added, the upload
			// is not removed, whatever becomes of this request.
			$state['phase'] = 'importing';
			$this->store->save_state( $this->id, $state );
			// Each group's outcomes are kept as soon as it is committed: a step
			// cut off (a database error, PHP's time limit) loses none of them,
			// and the next goes on after the last it committed.
			$kept = function ( string $batch_id ) use ( &$state, $record, $observer ): void {
				$state = $record( $state, $observer->outcomes ? max( array_map( 'intval', array_keys( $observer->outcomes ) ) ) + 1 : 0, $batch_id );
				$this->store->save_state( $this->id, $state );
			};
			add_action( 'anp_import_group_committed', $kept );
		}
		try {
			list( $report, $next ) = ( new Anp_Importer() )->import_step( $paths, $cursor, $seconds, $options, $observer );
		} finally {
			if ( null !== $kept ) {
				remove_action( 'anp_import_group_committed', $kept );
			}
		}
		$state          = $record( $state, $next, 'import' === $pass ? $report->batch_id : null );
		$done           = $next >= count( $paths );
		$state['phase'] = $done ? self::PASSES[ $pass ] : ( 'plan' === $pass ? 'new' : 'importing' );
		return $state;
	}

	/**
	 * How many files came to each outcome.
	 *
	 * @param array $outcomes Index => outcome.
	 */
	private static function counts( array $outcomes ): array {
		$counts = array_fill_keys( array( Anp_Import_Item::CREATE, Anp_Import_Item::UPDATE, Anp_Import_Item::SKIP, Anp_Import_Item::DONE, Anp_Import_Item::FAIL ), 0 );
		foreach ( $outcomes as $outcome ) {
			++$counts[ $outcome['action'] ?? Anp_Import_Item::FAIL ];
		}
		return $counts;
	}
}
