<?php
/**
 * `wp anp import --workers=<n>`: n processes on one batch.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Opens the batch of the import this process was asked for, starts n
 * workers of it (the same command, without --workers, as child processes,
 * each told the batch's id), follows them with one progress bar, and makes
 * one report of theirs. The workers share the batch through the work queue
 * (Anp_Importer::import_as_worker()); this process writes no post itself.
 *
 * Each worker prints its report as JSON on its standard output, and a byte
 * for each file it is done with on descriptor 3
 * (Anp_CLI_Import_Observer::PROGRESS_FD says which).
 */
final class Anp_CLI_Workers {

	/** @var Anp_Output */
	private $out;

	public function __construct( Anp_Output $out ) {
		$this->out = $out;
	}

	/** The environment variable that gives a worker the batch to join. */
	const BATCH = 'ANP_WORKER_BATCH';

	/**
	 * Opens the batch, then runs the workers on it to their end.
	 *
	 * @param int                $workers How many.
	 * @param string[]           $files   The batch's files.
	 * @param Anp_Import_Options $options The run.
	 * @param bool               $bar     Whether to show a progress bar.
	 * @return array array( Anp_Import_Report, warnings, errors: each failed worker's exit code and what it printed )
	 * @throws RuntimeException When the batch cannot be opened, or a worker started.
	 */
	public function run( int $workers, array $files, Anp_Import_Options $options, bool $bar ): array {
		$importer                   = new Anp_Importer();
		list( $batch_id, $resumed ) = $importer->open_for_workers( $files, $options );
		$command                    = self::worker_command();
		$env                        = array(
			Anp_CLI_Import_Observer::PROGRESS_FD => '3',
			self::BATCH                          => $batch_id,
		) + getenv();
		$running = array();
		for ( $n = 1; $n <= $workers; $n++ ) {
			$pipes   = array();
			$process = proc_open( $command, array( 0 => array( 'file', '/dev/null', 'r' ), 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ), 3 => array( 'pipe', 'w' ) ), $pipes, null, $env );
			if ( ! is_resource( $process ) ) {
				throw new RuntimeException( sprintf( 'worker %d could not be started', $n ) );
			}
			foreach ( $pipes as $pipe ) {
				stream_set_blocking( $pipe, false );
			}
			$running[ $n ] = array(
				'process' => $process,
				'pipes'   => $pipes,
				'stdout'  => '',
				'stderr'  => '',
			);
		}
		$progress = $bar && $files ? $this->out->progress( 'Importing', count( $files ) ) : null;
		$ended    = $this->follow( $running, $progress );
		if ( $progress ) {
			$progress->finish();
		}
		list( $report, $warnings, $errors ) = self::merge( $ended );
		$report->batch_id                   = $batch_id;
		$report->resumed                    = $resumed;
		$report->count_as( $importer->batch_totals( $batch_id ) );
		return array( $report, $warnings, $errors );
	}

	/**
	 * Reads the workers' pipes until every one has ended.
	 *
	 * @param array       $running  Worker number => process, pipes, output so far.
	 * @param object|null $progress The bar.
	 * @return array Worker number => stdout, stderr, exit.
	 */
	private function follow( array $running, $progress ): array {
		$ended = array();
		while ( $running ) {
			$read = array();
			foreach ( $running as $worker ) {
				array_push( $read, ...array_values( array_slice( $worker['pipes'], 1, 3, true ) ) );
			}
			$write  = null;
			$except = null;
			if ( false === stream_select( $read, $write, $except, 1 ) ) {
				usleep( 100000 ); // A signal: read again.
			}
			foreach ( $running as $n => &$worker ) {
				$worker['stdout'] .= (string) stream_get_contents( $worker['pipes'][1] );
				$worker['stderr'] .= (string) stream_get_contents( $worker['pipes'][2] );
				$ticks             = strlen( (string) stream_get_contents( $worker['pipes'][3] ) );
				for ( ; $progress && $ticks > 0; --$ticks ) {
					$progress->tick();
				}
				$status = proc_get_status( $worker['process'] );
				if ( $status['running'] ) {
					continue;
				}
				// Ended: what is left in its pipes, then its code.
				foreach ( array( 1 => 'stdout', 2 => 'stderr' ) as $fd => $stream ) {
					stream_set_blocking( $worker['pipes'][ $fd ], true );
					$worker[ $stream ] .= (string) stream_get_contents( $worker['pipes'][ $fd ] );
				}
				array_map( 'fclose', $worker['pipes'] );
				proc_close( $worker['process'] );
				$ended[ $n ] = array(
					'stdout' => $worker['stdout'],
					'stderr' => $worker['stderr'],
					'exit'   => $status['signaled'] ? 128 + $status['termsig'] : $status['exitcode'],
				);
				unset( $running[ $n ] );
			}
			unset( $worker );
		}
		ksort( $ended );
		return $ended;
	}

	/**
	 * The workers' failures and warnings in one report (the batch's totals
	 * are the caller's to read), and the workers that ended in an error.
	 *
	 * @param array $ended Worker number => stdout, stderr, exit.
	 */
	private static function merge( array $ended ): array {
		$report   = new Anp_Import_Report();
		$warnings = array();
		$errors   = array();
		$failures = array();
		foreach ( $ended as $n => $worker ) {
			$json = json_decode( trim( $worker['stdout'] ), true );
			if ( ! is_array( $json ) || ! isset( $json['batch'] ) ) {
				$errors[ $n ] = array(
					'exit'   => $worker['exit'],
					'output' => trim( $worker['stderr'] . "\n" . $worker['stdout'] ),
				);
				continue;
			}
			foreach ( (array) ( $json['failures'] ?? array() ) as $failure ) {
				$failures[ serialize( $failure ) ] = $failure;
			}
			foreach ( (array) ( $json['warnings'] ?? array() ) as $warning ) {
				$warnings[ serialize( $warning ) ] = $warning;
			}
		}
		foreach ( $failures as $failure ) {
			$report->fail( (string) $failure['path'], (int) $failure['line'], (string) $failure['reason'] );
		}
		return array( $report, array_values( $warnings ), $errors );
	}

	/**
	 * The command line of this process, as a worker's: the same PHP with
	 * the same settings (read from /proc, which has the -d flags that argv
	 * leaves out), without --workers, with a JSON report.
	 *
	 * @return string[]
	 */
	private static function worker_command(): array {
		$cmdline = is_readable( '/proc/self/cmdline' ) ? explode( "\0", rtrim( (string) file_get_contents( '/proc/self/cmdline' ), "\0" ) ) : array();
		$argv    = $_SERVER['argv'] ?? array();
		$php     = count( $cmdline ) > count( $argv ) ? array_slice( $cmdline, 0, count( $cmdline ) - count( $argv ) ) : array( PHP_BINARY );
		$args    = array();
		foreach ( $argv as $arg ) {
			$arg = (string) $arg;
			if ( ! preg_match( '/^--(workers|format)(=|$)/', $arg ) ) {
				$args[] = $arg;
			}
		}
		return array_merge( $php, $args, array( '--format=json' ) );
	}
}
