<?php
/**
 * What a `convert` run did.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Counts of converted, skipped and failed files, a "path:line: reason" for
 * each failure, and the files written. Files that went well leave nothing
 * behind, so memory grows with the failures, not with the run.
 */
final class Anp_Convert_Report {

	/** @var array<string,int> */
	private $totals = array(
		'converted' => 0,
		'skipped'   => 0,
		'failed'    => 0,
	);

	/** @var array<int,array{path:string,line:int,reason:string}> */
	private $failures = array();

	/** @var array What Anp_Wxr_Files::finish() returned: the files written and their totals. */
	public $output = array();

	/**
	 * @param string $action converted or skipped.
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

	public function totals(): array {
		return $this->totals;
	}

	public function failures(): array {
		return $this->failures;
	}

	/**
	 * Every failure as "path:line: reason", as the import says them.
	 *
	 * @return string[]
	 */
	public function failure_lines(): array {
		return array_map( static fn( array $f ): string => $f['path'] . ':' . $f['line'] . ': ' . $f['reason'], $this->failures );
	}

	public function has_failures(): bool {
		return $this->totals['failed'] > 0;
	}
}
