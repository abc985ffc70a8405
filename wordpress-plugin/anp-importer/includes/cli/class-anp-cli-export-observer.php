<?php
/**
 * What `wp anp export` shows while it runs.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Follows an export for the terminal with a progress bar (none when the
 * document itself goes to standard output). The engine's report keeps the
 * files and failures for the summary.
 */
final class Anp_CLI_Export_Observer implements Anp_Export_Observer {

	/** @var Anp_Output Where the bar goes. */
	private $out;

	/** @var bool Whether to draw a progress bar. */
	private $show_progress;

	/** @var object|null The progress bar. */
	private $progress;

	/**
	 * @param Anp_Output $out           Where the bar goes.
	 * @param bool       $show_progress Whether to draw a progress bar.
	 */
	public function __construct( Anp_Output $out, bool $show_progress ) {
		$this->out           = $out;
		$this->show_progress = $show_progress;
	}

	public function started( int $items ): void {
		if ( $this->show_progress && $items ) {
			$this->progress = $this->out->progress( 'Exporting', $items );
		}
	}

	public function item_done( int $post_id, ?string $failure ): void {
		if ( $this->progress ) {
			$this->progress->tick();
		}
	}

	public function file_done( array $file ): void {
	}

	/**
	 * Ends the progress bar.
	 */
	public function finish(): void {
		if ( $this->progress ) {
			$this->progress->finish();
			$this->progress = null;
		}
	}
}
