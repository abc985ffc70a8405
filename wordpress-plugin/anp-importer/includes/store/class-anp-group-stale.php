<?php
/**
 * A group that is not as it was planned any more.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Thrown inside a group's transaction when what the group was planned on
 * changed under it, because other workers of the batch write beside it:
 * the group was taken by another worker (taken(): move on), or another
 * worker created a post of one of its identities after it was planned
 * (plan it again: the file is an update now). The transaction is rolled
 * back; nothing of the group is kept or counted.
 */
final class Anp_Group_Stale extends RuntimeException {

	/** @var bool */
	private $taken;

	public function __construct( string $message, bool $taken ) {
		parent::__construct( $message );
		$this->taken = $taken;
	}

	/**
	 * Whether another worker has the group: it is not this one's to write.
	 */
	public function taken(): bool {
		return $this->taken;
	}
}
