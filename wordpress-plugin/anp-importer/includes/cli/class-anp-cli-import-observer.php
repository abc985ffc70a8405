<?php
/**
 * What `wp anp import` shows while it runs and keeps for its report.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * Follows an import for the terminal: a progress bar (table format only),
 * each file's parse warnings with their lines, and in a dry run what would
 * happen to each file. Files that went well leave nothing behind but in a
 * dry run, so memory grows with the warnings, not with the run.
 */
final class Anp_CLI_Import_Observer implements Anp_Import_Observer {

	/** The words of a dry run's listing, by the engine's outcome. */
	const VERBS = array(
		Anp_Import_Item::CREATE => 'create',
		Anp_Import_Item::UPDATE => 'update',
		Anp_Import_Item::SKIP   => 'skip',
		Anp_Import_Item::DONE   => 'skip',
		Anp_Import_Item::FAIL   => 'fail',
	);

	/** @var Anp_Output */
	private $out;

	/** @var string|null The progress bar's label; null for none. */
	private $label;

	/** @var object|null The progress bar. */
	private $progress;

	/** @var bool */
	private $dry_run;

	/** @var array path, line, code, message each. */
	private $warnings = array();

	/** @var array A dry run's files: path, action, and for an update what would change. */
	private $files = array();

	/**
	 * @param Anp_Output  $out     Where the progress bar goes.
	 * @param string|null $label   The progress bar's label; null for none.
	 * @param bool        $dry_run Whether to list each file.
	 */
	/** The environment variable that tells a worker of `--workers` (Anp_CLI_Workers) which descriptor its progress goes to. */
	const PROGRESS_FD = 'ANP_WORKER_PROGRESS_FD';

	/** @var resource|null Where a worker of `--workers` tells its parent of each file: a byte each. */
	private $ticks = null;

	public function __construct( Anp_Output $out, ?string $label, bool $dry_run ) {
		$this->out     = $out;
		$this->label   = $label;
		$this->dry_run = $dry_run;
		$fd            = getenv( self::PROGRESS_FD );
		if ( false !== $fd && ctype_digit( $fd ) ) {
			$this->ticks = fopen( 'php://fd/' . $fd, 'w' ) ?: null; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fopen -- a pipe to the parent.
		}
	}

	public function started( int $files ): void {
		if ( null !== $this->label && $files ) {
			$this->progress = $this->out->progress( $this->label, $files );
		}
	}

	public function file_done( Anp_Import_Item $item ): void {
		foreach ( $item->warnings() as $warning ) {
			$this->warnings[] = array( 'path' => $item->path ) + $warning;
		}
		if ( $this->dry_run ) {
			$file = array(
				'path'   => $item->path,
				'action' => self::VERBS[ $item->action ] ?? $item->action,
			);
			if ( Anp_Import_Item::FAIL === $item->action ) {
				$file += array(
					'line'   => $item->line,
					'reason' => $item->reason,
				);
			} elseif ( Anp_Import_Item::CREATE !== $item->action ) {
				$file['post_id'] = $item->post_id;
			}
			$this->files[] = $file + $item->changes;
		}
		if ( $this->progress ) {
			$this->progress->tick();
		}
		if ( $this->ticks ) {
			fwrite( $this->ticks, '.' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fwrite -- a pipe to the parent.
		}
	}

	/**
	 * Closes the progress bar.
	 */
	public function finish(): void {
		if ( $this->progress ) {
			$this->progress->finish();
		}
	}

	/**
	 * Every parse warning: path, line, code, message.
	 */
	public function warnings(): array {
		return $this->warnings;
	}

	/**
	 * A dry run's files, in order.
	 */
	public function files(): array {
		return $this->files;
	}
}
