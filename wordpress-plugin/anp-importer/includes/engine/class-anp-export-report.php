<?php
/**
 * What an export did.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The outcome of `wp anp export`: its files, the items written, the posts
 * that failed (each with its reason), and the characters XML forbids that
 * the writer dropped. Nothing is kept per item written: memory grows with
 * the failures only.
 */
final class Anp_Export_Report {

	/** @var array path, items, bytes each, in the order written. */
	public $files = array();

	/** @var int Items written. */
	public $items = 0;

	/** @var int Bytes written, all files together. */
	public $bytes = 0;

	/** @var int Characters XML 1.0 forbids, dropped from the items. */
	public $dropped = 0;

	/** @var string[] post id => why it is not in the export. */
	public $failures = array();

	public function has_failures(): bool {
		return (bool) $this->failures;
	}
}
