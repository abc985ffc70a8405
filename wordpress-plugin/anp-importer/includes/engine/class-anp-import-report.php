<?php
/**
 * The outcome of an import run.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Counts of created, updated, skipped and failed files, and a "path:line:
 * reason" for each failure. It keeps no per-file record of the files that
 * went well, so that its memory does not grow with the size of the run.
 */
final class Anp_Import_Report {

	/** @var array<string,int> */
	private $totals = array(
		'created' => 0,
		'updated' => 0,
		'skipped' => 0,
		'failed'  => 0,
	);

	/** @var array<int,array{path:string,line:int,reason:string}> */
	private $failures = array();

	/** @var array<int,array{path:string,line:int,code:string,message:string}> What went wrong after a post was written (a handler of its actions threw). */
	private $warnings = array();

	/** @var string */
	public $batch_id = '';

	/** @var bool */
	public $resumed = false;

	/** @var bool */
	public $dry_run = false;

	/**
	 * @param array $totals Totals already committed (a resumed batch, a
	 *                      later step of one): failures are counted, not
	 *                      listed again.
	 */
	public function __construct( array $totals = array() ) {
		foreach ( array_intersect( array_keys( $totals ), array( 'created', 'updated', 'skipped', 'failed' ) ) as $key ) {
			$this->totals[ $key ] = (int) ( $totals[ $key ] ?? 0 );
		}
	}

	/**
	 * @param string $action created, updated or skipped.
	 */
	public function count( string $action ): void {
		++$this->totals[ $action ];
	}

	public function fail( string $path, int $line, string $reason ): void {
		++$this->totals['failed'];
		$this->failures[] = array(
			'path'   => $path,
			'line'   => $line,
			'reason' => $reason,
		);
	}

	/**
	 * Something went wrong after a file's post was written and committed:
	 * the post is there and counted, so it is not a failure.
	 */
	public function warn( string $path, int $line, string $message ): void {
		$this->warnings[] = array(
			'path'    => $path,
			'line'    => $line,
			'code'    => 'action_handler_failed',
			'message' => $message,
		);
	}

	public function warnings(): array {
		return $this->warnings;
	}

	/**
	 * What the report holds now, for restore(): a group whose transaction
	 * was rolled back counts for nothing.
	 */
	public function state(): array {
		return array( $this->totals, $this->failures );
	}

	/**
	 * Back to what state() returned.
	 *
	 * @param array $state What state() returned.
	 */
	public function restore( array $state ): void {
		list( $this->totals, $this->failures ) = $state;
	}

	public function totals(): array {
		return $this->totals;
	}

	/**
	 * Takes the batch's totals as this report's: with workers beside this
	 * one, the batch is what all of them wrote (the failures listed stay
	 * this run's own).
	 *
	 * @param array $totals created, updated, skipped, failed.
	 */
	public function count_as( array $totals ): void {
		foreach ( array_keys( $this->totals ) as $key ) {
			$this->totals[ $key ] = (int) ( $totals[ $key ] ?? 0 );
		}
	}

	public function failures(): array {
		return $this->failures;
	}

	/**
	 * Every failure as "path:line: reason".
	 *
	 * @return string[]
	 */
	public function failure_lines(): array {
		return array_map(
			static function ( array $f ): string {
				return $f['path'] . ':' . $f['line'] . ': ' . $f['reason'];
			},
			$this->failures
		);
	}

	public function has_failures(): bool {
		return $this->totals['failed'] > 0;
	}

	public function to_array(): array {
		return array(
			'batch'    => $this->batch_id,
			'dry_run'  => $this->dry_run,
			'resumed'  => $this->resumed,
		) + $this->totals + array( 'failures' => $this->failures );
	}
}
