<?php
/**
 * A group's transaction that did not hold.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * The transaction of a group is gone, or cannot be trusted: the server
 * rolled it back (a deadlock), a statement in it failed and WordPress or a
 * hook carried on (a lock wait timeout), or the connection and with it the
 * transaction and the import lock were lost. Nothing the group wrote may be
 * counted. It travels past the per-post handling of failures to
 * Anp_Group_Writer, which rolls the group back and writes it again when it
 * is retryable, else stops the run; the batch stays resumable.
 */
final class Anp_Transaction_Lost extends RuntimeException {

	/** @var bool */
	private $retryable;

	/**
	 * @param string         $message  What happened.
	 * @param bool           $retryable Whether the group can be written again in this run.
	 * @param Throwable|null $previous What it came from.
	 */
	public function __construct( string $message, bool $retryable, ?Throwable $previous = null ) {
		parent::__construct( $message, 0, $previous );
		$this->retryable = $retryable;
	}

	/**
	 * Whether the same group can be written again in this run: the
	 * connection, the lock and the plan still stand.
	 */
	public function retryable(): bool {
		return $this->retryable;
	}
}
