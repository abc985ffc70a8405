<?php
/**
 * The import engine. It knows nothing of its front ends: WP-CLI, the plain
 * PHP runner and the admin page all hand it files and options, follow it
 * through an observer and read back a report.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Imports ANP files as docs/wordpress.md §5 says.
 *
 * Files are taken in groups of batch_size. Each group is planned before
 * anything is written (Anp_Import_Planner: read, parse, one query for the
 * identities, a decision per file, images, mapping), then written in one
 * database transaction (Anp_Group_Writer with Anp_Import_Writer): new posts
 * in bulk, updates one by one, and the whole group again post by post, each
 * in a savepoint, should anything fail. A group holds each identity once; a
 * second file of an identity starts the next group, so that it is decided
 * against what the first one wrote. After each group the runtime object
 * cache is emptied, so that memory stays flat however many files.
 *
 * A group whose transaction did not hold (a deadlock, a lock wait timeout:
 * written again; a lost connection, and with it the lock: the run stops,
 * Anp_Transaction_Lost) is never counted; the run that stops says that the
 * same command resumes it.
 */
final class Anp_Importer {

	/** Workers of one batch at most, on one server (each holds a lock of its own). */
	const WORKERS_MAX = Anp_Import_Lock::WORKERS_MAX;

	/** @var Anp_Ledger */
	private $ledger;

	/** @var Anp_Media_Library */
	private $media;

	public function __construct() {
		$this->ledger = new Anp_Ledger();
		$this->media  = new Anp_Media_Library( $this->ledger );
	}

	/**
	 * Imports files.
	 *
	 * @param string[]                 $files    Paths, in the order to import them.
	 * @param Anp_Import_Options       $options  The run.
	 * @param Anp_Import_Observer|null $observer Told of each file's outcome.
	 * @throws RuntimeException When another import holds the site's lock, or the database fails.
	 */
	public function import( array $files, Anp_Import_Options $options, ?Anp_Import_Observer $observer = null ): Anp_Import_Report {
		if ( $observer ) {
			$observer->started( count( $files ) );
		}
		if ( $options->dry_run ) {
			return $this->import_step( $files, 0, INF, $options, $observer )[0];
		}
		return $this->import_as_worker( array_values( $files ), $options, $observer );
	}

	/**
	 * Imports files as one worker of their batch: alone, or beside other
	 * processes that run the same import (`--workers`, or the same command
	 * on other machines), which share the batch's groups through the work
	 * queue (Anp_Work_Queue). The batch's groups go into the queue once;
	 * each worker claims groups until none is left, writes each in its own
	 * transaction, which holds the group and records it done, and the one
	 * that finds every group done finishes the batch. A worker killed at
	 * any moment leaves its group pending, and another worker, or the same
	 * command run again, writes it.
	 *
	 * One worker writes the groups in order, as a sequential run does.
	 * Several write them side by side: a file of an identity that another
	 * group of the batch repeats may be written before that other one or
	 * after it (docs/scaling.md).
	 *
	 * @param string[]                 $files    Paths, in order.
	 * @param Anp_Import_Options       $options  The run.
	 * @param Anp_Import_Observer|null $observer Told of each file this worker writes.
	 * @return Anp_Import_Report The batch's totals (all workers'), this worker's failures.
	 * @throws RuntimeException When another import holds the site's lock, or the database fails.
	 */
	private function import_as_worker( array $files, Anp_Import_Options $options, ?Anp_Import_Observer $observer ): Anp_Import_Report {
		$planner    = new Anp_Import_Planner( $options, $this->ledger, $this->media );
		$read_ahead = new Anp_Read_Ahead( $planner, $files, (int) $options->settings['batch_size'] );
		$key        = $options->resume_key( $files );
		$batch      = array();
		Anp_Schema::ensure();
		return ( new Anp_Run_Frame() )->run(
			function () use ( $options, $planner, $read_ahead, $observer, &$batch ) {
				list( $batch_id, $resumed ) = $batch;
				$queue            = new Anp_Work_Queue();
				$report           = new Anp_Import_Report();
				$report->batch_id = $batch_id;
				$report->resumed  = $resumed;
				$writer           = new Anp_Import_Writer( $options, $report, $batch_id, $this->ledger, $this->media );
				$worker           = gethostname() . ' ' . getmypid();
				try {
					Anp_Name_Claims::during(
						function () use ( $queue, $batch_id, $worker, $planner, $read_ahead, $writer, $report, $observer ) {
							$failed = array();
							for ( $claim = $queue->claim( $batch_id, $worker, $failed ); $claim; $claim = $queue->claim( $batch_id, $worker, $failed ) ) {
								if ( ! $this->write_queue_group( $queue, $claim, $worker, $planner, $read_ahead, $writer, $report, $observer ) ) {
									// Its transaction failed (its files are reported as
									// failed): not again by this worker, or it would loop.
									$failed[] = $claim[0];
								}
							}
						}
					);
				} catch ( Anp_Transaction_Lost $e ) {
					throw new Anp_Transaction_Lost( sprintf( 'the import stopped: %s. What was committed before stays. Run the same command again to resume batch %s.', $e->getMessage(), $batch_id ), false, $e );
				}
				$this->finish_batch( $batch_id, $report );
				return $report;
			},
			$key,
			function ( bool $alone ) use ( $files, $key, $options, &$batch ) {
				// Under the site's lock, as a run alone: nothing else starts
				// until the batch is there for the next worker to see.
				Anp_Schema::adopt_items();
				$batch = $this->open_queued_batch( $files, $key, $options, $alone );
			}
		);
	}

	/**
	 * Opens the batch of files for workers, or finds it (resumed, or opened
	 * by the worker that started first, or given: a worker of `--workers`),
	 * and puts its groups in the queue.
	 *
	 * @param string[]           $files   Paths, in order.
	 * @param string             $key     The files' and options' hash.
	 * @param Anp_Import_Options $options The run.
	 * @param bool               $alone   Whether no other worker of the batch runs: the claims
	 *                                    of its groups are a dead run's, and are let go, so
	 *                                    that the groups are written in order again (one
	 *                                    worker resuming gives each post the slug an
	 *                                    uninterrupted run gives it).
	 * @return array [ batch id, whether it was running already ]
	 * @throws RuntimeException When the given batch is not a batch of these files, or the database fails.
	 */
	private function open_queued_batch( array $files, string $key, Anp_Import_Options $options, bool $alone ): array {
		$queue = new Anp_Work_Queue();
		if ( '' !== $options->batch ) {
			$given = $this->ledger->batch( $options->batch );
			if ( ! $given || ! hash_equals( rtrim( (string) $given['args_hash'], "\0" ), $key ) ) {
				throw new RuntimeException( sprintf( 'batch %s is not a batch of these files and options', $options->batch ) );
			}
			$batch = array( $options->batch, true );
		} else {
			$batch = $this->ledger->open_batch( $key, $options->author, $options->settings['post_type'] );
			$queue->fill( $batch[0], $files, (int) $options->settings['batch_size'] );
		}
		if ( $alone ) {
			$queue->let_go( $batch[0] );
		}
		return $batch;
	}

	/**
	 * Opens the batch of files that `--workers` children will share, before
	 * they start: each is given its id, so that a child that starts after
	 * the others finished finds the batch done, instead of opening another.
	 *
	 * @param string[]           $files   Paths, in order.
	 * @param Anp_Import_Options $options The run.
	 * @return array [ the batch's id, whether it was running already ]
	 * @throws RuntimeException When another import or rollback runs, or the database fails.
	 */
	public function open_for_workers( array $files, Anp_Import_Options $options ): array {
		$files = array_values( $files );
		$key   = $options->resume_key( $files );
		Anp_Schema::ensure();
		$batch = array();
		( new Anp_Run_Frame() )->run(
			static function () {
			},
			$key,
			function ( bool $alone ) use ( $files, $key, $options, &$batch ) {
				Anp_Schema::adopt_items();
				$batch = $this->open_queued_batch( $files, $key, $options, $alone );
			}
		);
		return $batch;
	}

	/**
	 * A batch's totals as they stand: its groups' in the queue while it
	 * runs, its report once finished.
	 *
	 * @param string $batch_id The batch.
	 * @return array created, updated, skipped, failed.
	 * @throws RuntimeException On a database error.
	 */
	public function batch_totals( string $batch_id ): array {
		$progress = ( new Anp_Work_Queue() )->progress( $batch_id );
		return $progress['groups'] ? $progress['totals'] : ( $this->ledger->batch( $batch_id )['report'] ?? array() );
	}

	/**
	 * After a worker ran out of groups: the report takes the batch's totals,
	 * and the worker that finds every group done finishes the batch (its
	 * terms recounted, its status, its queue emptied). A batch another
	 * worker finished already keeps the totals it saved.
	 *
	 * @throws RuntimeException On a database error.
	 */
	private function finish_batch( string $batch_id, Anp_Import_Report $report ): void {
		$queue    = new Anp_Work_Queue();
		$progress = $queue->progress( $batch_id );
		if ( ! $progress['groups'] ) {
			$report->count_as( $this->ledger->batch( $batch_id )['report'] ?? array() ); // Finished by another.
			return;
		}
		$report->count_as( $progress['totals'] );
		if ( $progress['done'] < $progress['groups'] ) {
			return; // Other workers write the rest; the last one finishes.
		}
		$running = 'running' === ( $this->ledger->batch( $batch_id )['status'] ?? '' );
		if ( $running ) {
			$this->ledger->save_totals( $batch_id, $progress['totals'] );
			$this->recount_terms( $batch_id );
			$this->ledger->set_status( $batch_id, 'finished' );
		}
		$queue->forget( $batch_id );
		if ( $running ) {
			do_action( 'anp_import_finished', $report );
		}
	}

	/**
	 * Writes a group of the work queue that this worker claimed: planned
	 * as import_groups() plans files, each part (up to a file that repeats
	 * an identity) in its own transaction, which holds the group and
	 * records it (done with the last part). A part found stale is planned
	 * again: another worker created one of its posts meanwhile.
	 *
	 * @param Anp_Work_Queue           $queue      The queue.
	 * @param array                    $claim      array( group_no, paths, started ) from claim().
	 * @param string                   $worker     This worker.
	 * @param Anp_Import_Planner       $planner    Decides.
	 * @param Anp_Read_Ahead           $read_ahead Reads the group's files, and the next group's while the server writes.
	 * @param Anp_Import_Writer        $writer     Writes.
	 * @param Anp_Import_Report        $report     Counts.
	 * @param Anp_Import_Observer|null $observer   Is told.
	 * @return bool Whether the group is done: recorded by this worker, or taken by another.
	 * @throws RuntimeException When the database fails, or a part stays stale.
	 */
	private function write_queue_group( Anp_Work_Queue $queue, array $claim, string $worker, Anp_Import_Planner $planner, Anp_Read_Ahead $read_ahead, Anp_Import_Writer $writer, Anp_Import_Report $report, ?Anp_Import_Observer $observer ): bool {
		list( $group_no, $paths, $started ) = $claim;
		$batch_id     = $report->batch_id;
		$group_writer = new Anp_Group_Writer();
		$pending      = $read_ahead->group( $group_no, $paths );
		while ( $pending ) {
			list( $group, $pending ) = self::one_identity_each( $pending );
			for ( $attempt = 1; ; ++$attempt ) {
				$saved = $report->state();
				// A part of a group that a worker began before it stopped may
				// have been written: its files are done, and counted then.
				// (Otherwise a file this batch wrote is a later file of the
				// same identity: skipped, as one worker counts it.)
				$planner->decide( $group, $batch_id, $started );
				foreach ( $group as $item ) {
					$planner->prepare( $item, $batch_id );
					$this->count_unwritten( $item, $report, false );
				}
				$writer->in_queue_group( $queue, $group_no, ! $pending, $saved[0], $worker );
				try {
					Anp_Db::with_spare_work(
						array( $read_ahead, 'step' ),
						static fn() => $group_writer->write( array_values( array_filter( $group, static fn( $item ) => $item->writes() ) ), $writer )
					);
					break;
				} catch ( Anp_Group_Stale $e ) {
					$report->restore( $saved );
					Anp_Transaction::forget_cached_writes();
					if ( $e->taken() ) {
						return true; // Another worker wrote it: none of it is this one's.
					}
					if ( $attempt >= Anp_Group_Writer::ATTEMPTS ) {
						throw new RuntimeException( sprintf( 'group %d of batch %s: %s, %d times in a row', $group_no, $batch_id, $e->getMessage(), $attempt ), 0, $e );
					}
				} catch ( Anp_Transaction_Lost $e ) {
					$report->restore( $saved );
					if ( ! self::lost_to_other_workers( $e ) ) {
						throw $e;
					}
					// Other workers kept winning (under Galera, groups of three
					// nodes with posts of one title collide at each commit):
					// this one leaves the group pending, for them or for the
					// next run, and goes on with another.
					$report->warn( $paths[0], 0, sprintf( 'group %d (%d files from this one on) was left to the other workers: %s', $group_no, count( $paths ), $e->getMessage() ) );
					return false;
				}
			}
			if ( $observer ) {
				array_map( array( $observer, 'file_done' ), $group );
			}
			do_action( 'anp_import_group_committed', $batch_id, $report );
			Anp_Transaction::forget_cached_writes();
		}
		return $writer->queue_group_recorded();
	}

	/**
	 * Whether a group stopped only because other workers' transactions won
	 * every time (deadlocks, certification failures, names they took), the
	 * connection and its lock intact: Anp_Group_Writer gave up after
	 * ATTEMPTS retryable losses.
	 */
	private static function lost_to_other_workers( Anp_Transaction_Lost $e ): bool {
		$last = $e->getPrevious();
		return $last instanceof Anp_Transaction_Lost && $last->retryable() && ! Anp_Transaction_Guard::current()->connection_lost();
	}

	/**
	 * Imports part of a batch: from file $from on, a group of batch_size
	 * files at a time, until $seconds have gone by (after one group at
	 * least), as import() of all of $files would (the same batch, resumed
	 * from the second step on). wp-admin's importer runs an import this way,
	 * a request a step. The step that reaches the last file finishes the
	 * batch; one that stops before leaves it running, as a run that was
	 * cut off.
	 *
	 * @param string[]                 $files    All the batch's files, in order.
	 * @param int                      $from     The first file of this step (an index in $files).
	 * @param float                    $seconds  How long to go on starting groups.
	 * @param Anp_Import_Options       $options  The run.
	 * @param Anp_Import_Observer|null $observer Told of each file's outcome (not started()).
	 * @return array [ Anp_Import_Report of this step's files (created and updated: the batch's so far), the index of the next file ]
	 * @throws RuntimeException When another import holds the site's lock, or the database fails.
	 */
	public function import_step( array $files, int $from, float $seconds, Anp_Import_Options $options, ?Anp_Import_Observer $observer = null ): array {
		$files    = array_values( $files );
		$planner  = new Anp_Import_Planner( $options, $this->ledger, $this->media );
		$deadline = microtime( true ) + $seconds;
		if ( $options->dry_run ) {
			Anp_Db::read_from_primary(); // What it says would happen is what the import would do.
			$report          = new Anp_Import_Report();
			$report->dry_run = true;
			$next            = $this->import_groups( $files, $from, $deadline, $options, $planner, null, $report, $observer );
			return array( $report, $next );
		}

		Anp_Schema::ensure();
		return ( new Anp_Run_Frame() )->run(
			function () use ( $files, $from, $deadline, $options, $planner, $observer ) {
				// Posts that carry an import's bookkeeping but are not in the
				// ledger (brought by the WordPress Importer from `convert` or
				// `export` output) are this run's to update or skip, not to
				// make again. Under the lock: no other import adds rows meanwhile.
				Anp_Schema::adopt_items();
				list( $batch_id, $resumed ) = $this->ledger->open_batch( $options->resume_key( $files ), $options->author, $options->settings['post_type'] );
				// A resumed batch keeps the posts it created and updated (they
				// are "done" now); its files are all read again, so skips and
				// failures are counted afresh. A later step of a batch reads
				// only its own files: it keeps the skips and failures too.
				$committed          = $resumed ? ( $this->ledger->batch( $batch_id )['report'] ?? array() ) : array();
				$kept               = $from > 0 ? array( 'created', 'updated', 'skipped', 'failed' ) : array( 'created', 'updated' );
				$report             = new Anp_Import_Report( array_intersect_key( $committed, array_flip( $kept ) ) );
				$report->batch_id   = $batch_id;
				$report->resumed    = $resumed;
				$writer             = new Anp_Import_Writer( $options, $report, $batch_id, $this->ledger, $this->media );

				try {
					$next = $this->import_groups( $files, $from, $deadline, $options, $planner, $writer, $report, $observer );
				} catch ( Anp_Transaction_Lost $e ) {
					// The group at hand counts for nothing; the batch stays
					// "running", and the same command resumes it.
					throw new Anp_Transaction_Lost( sprintf( 'the import stopped: %s. What was committed before stays. Run the same command again to resume batch %s.', $e->getMessage(), $batch_id ), false, $e );
				}
				if ( $next < count( $files ) ) {
					return array( $report, $next ); // A step: the batch goes on with the next.
				}
				$this->recount_terms( $batch_id );
				$this->ledger->set_status( $batch_id, 'finished' );
				do_action( 'anp_import_finished', $report );
				return array( $report, $next );
			}
		);
	}

	/**
	 * Imports the groups of files from $from on, until the deadline passes
	 * (after one group at least).
	 *
	 * @param string[]                 $files    Paths.
	 * @param int                      $from     The first to import.
	 * @param float                    $deadline When to start no more groups (microtime( true )).
	 * @param Anp_Import_Options       $options  The run.
	 * @param Anp_Import_Planner       $planner  Decides.
	 * @param Anp_Import_Writer|null   $writer   Writes; null for a dry run.
	 * @param Anp_Import_Report        $report   Counts.
	 * @param Anp_Import_Observer|null $observer Is told.
	 * @return int The index of the next file to import.
	 */
	private function import_groups( array $files, int $from, float $deadline, Anp_Import_Options $options, Anp_Import_Planner $planner, ?Anp_Import_Writer $writer, Anp_Import_Report $report, ?Anp_Import_Observer $observer ): int {
		$group_writer = new Anp_Group_Writer();
		$batch_id     = $report->batch_id;
		$next         = max( 0, $from );
		foreach ( array_chunk( array_slice( $files, $next ), $options->settings['batch_size'] ) as $paths ) {
			if ( $next > $from && microtime( true ) >= $deadline ) {
				break;
			}
			$pending = array_map( array( $planner, 'read' ), $paths );
			while ( $pending ) {
				list( $group, $pending ) = self::one_identity_each( $pending );
				$planner->decide( $group, $batch_id, $report->resumed );
				foreach ( $group as $item ) {
					$planner->prepare( $item, $batch_id );
					if ( $options->dry_run && Anp_Import_Item::UPDATE === $item->action ) {
						$item->changes = Anp_Update_Diff::changes( $item, $options->taxonomies() );
					}
					$this->count_unwritten( $item, $report, $options->dry_run );
				}
				$writes = array_values( array_filter( $group, static fn( $item ) => $item->writes() ) );
				if ( $writer && $writes ) {
					$group_writer->write( $writes, $writer );
				}
				if ( $observer ) {
					array_map( array( $observer, 'file_done' ), $group );
				}
				if ( $writer ) {
					// After the front end heard of each file: wp-admin's importer
					// keeps its outcomes here, so that a step cut off later
					// does not lose the groups it committed.
					do_action( 'anp_import_group_committed', $batch_id, $report );
				}
				// Forget what this group put in the cache: the next one needs none of it.
				Anp_Transaction::forget_cached_writes();
			}
			$next += count( $paths );
		}
		return min( $next, count( $files ) );
	}

	/**
	 * Counts what is not written: failures, skips, and in a dry run what
	 * would be.
	 */
	private function count_unwritten( Anp_Import_Item $item, Anp_Import_Report $report, bool $dry_run ): void {
		if ( Anp_Import_Item::FAIL === $item->action ) {
			$report->fail( $item->path, $item->line, $item->reason );
		} elseif ( Anp_Import_Item::SKIP === $item->action || ( $dry_run && $item->writes() ) ) {
			$report->count( $item->action );
		}
	}

	/**
	 * The files up to the second one of an identity, and the rest. Files
	 * that failed have no identity and always go.
	 *
	 * @param Anp_Import_Item[] $items Files read.
	 * @return array array( group, rest )
	 */
	private static function one_identity_each( array $items ): array {
		$seen = array();
		foreach ( $items as $i => $item ) {
			if ( Anp_Import_Item::FAIL === $item->action ) {
				continue;
			}
			if ( isset( $seen[ $item->identity ] ) ) {
				return array( array_slice( $items, 0, $i ), array_slice( $items, $i ) );
			}
			$seen[ $item->identity ] = true;
		}
		return array( $items, array() );
	}

	/**
	 * Term counts were deferred: count again every term that a post of this
	 * batch has now or had before it was updated. The batch's ledger, not this
	 * process's memory, says which, so a resumed run counts what the run cut
	 * short had touched too.
	 */
	private function recount_terms( string $batch_id ): void {
		$ids = $this->ledger->batch_term_taxonomy_ids( $batch_id );
		$this->ledger->each_previous_terms(
			$batch_id,
			static function ( array $terms ) use ( &$ids ) {
				foreach ( $terms as $taxonomy => $term_ids ) {
					foreach ( $term_ids as $term_id ) {
						$term = get_term( (int) $term_id, $taxonomy );
						if ( $term instanceof WP_Term ) {
							$ids[] = (int) $term->term_taxonomy_id;
						}
					}
				}
			}
		);
		$by_taxonomy = array();
		foreach ( array_unique( $ids ) as $tt_id ) {
			$term = get_term_by( 'term_taxonomy_id', $tt_id );
			if ( $term ) {
				$by_taxonomy[ $term->taxonomy ][] = $tt_id;
			}
		}
		foreach ( $by_taxonomy as $taxonomy => $tt_ids ) {
			wp_update_term_count_now( $tt_ids, $taxonomy );
		}
	}
}
