<?php
/**
 * Reading the next group's files while the server writes this one.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * A worker's files of its next group, read, parsed and mapped while the
 * database server writes the group before (Anp_Db::with_spare_work(): the
 * group's meta, its longest statement). One worker otherwise runs PHP and
 * the server by turns, each idle while the other works, and reading and
 * mapping a file is a fifth of its PHP time.
 *
 * Only a guess, never the only way to a file: the next group is the queue's
 * group after this one (Anp_Work_Queue::fill() cuts the files in order),
 * which is the group a worker alone on the batch claims next; a worker
 * claiming groups that do not follow each other (others share the batch)
 * reads nothing ahead. A file not read ahead is read when its group is
 * claimed, as it always was.
 *
 * A file is read up to one group before it is written: a file changed
 * meanwhile is imported as it was read, as it would be had it changed a
 * moment after. What is held read ahead is bounded (MAX_BYTES), whatever
 * the group size.
 */
final class Anp_Read_Ahead {

	/** Bytes of files held read ahead at most, besides the group being written. */
	const MAX_BYTES = 16 * 1024 * 1024;

	/** @var Anp_Import_Planner */
	private $planner;

	/** @var string[] The batch's files, in the queue's order. */
	private $files;

	/** @var int Files a group. */
	private $group_size;

	/** @var int|null The group claimed last. */
	private $last_group;

	/** @var string[] The next group's paths. */
	private $next = array();

	/** @var int How many of them are read ahead. */
	private $read = 0;

	/** @var Anp_Import_Item[] Path => the file read ahead. */
	private $items = array();

	/** @var int Bytes of the files read ahead. */
	private $bytes = 0;

	/**
	 * @param Anp_Import_Planner $planner    Reads and maps.
	 * @param string[]           $files      The batch's files, in order.
	 * @param int                $group_size Files a group of the queue.
	 */
	public function __construct( Anp_Import_Planner $planner, array $files, int $group_size ) {
		$this->planner    = $planner;
		$this->files      = array_values( $files );
		$this->group_size = max( 1, $group_size );
	}

	/**
	 * A claimed group's files, read: those read ahead as they were, the
	 * others now. Then the group after it is the one to read ahead, when
	 * this worker takes groups in a row.
	 *
	 * @param int      $group_no The group.
	 * @param string[] $paths    Its files.
	 * @return Anp_Import_Item[]
	 */
	public function group( int $group_no, array $paths ): array {
		$items = array();
		foreach ( $paths as $path ) {
			$items[] = $this->items[ $path ] ?? $this->planner->read( $path );
		}
		$in_a_row         = null === $this->last_group || $this->last_group + 1 === $group_no;
		$this->last_group = $group_no;
		$this->items      = array();
		$this->bytes      = 0;
		$this->next       = array();
		$this->read       = 0;
		$first            = ( $group_no + 1 ) * $this->group_size;
		// The files as the queue cut them, or the guess is off: nothing read ahead.
		if ( $in_a_row && $paths && ( $this->files[ $group_no * $this->group_size ] ?? null ) === $paths[0] ) {
			$this->next = array_slice( $this->files, $first, $this->group_size );
		}
		return $items;
	}

	/**
	 * Reads one more file ahead: the spare work of Anp_Db::with_spare_work(),
	 * which touches neither the database nor the site.
	 *
	 * @return bool Whether there is more to read.
	 */
	public function step(): bool {
		if ( ! isset( $this->next[ $this->read ] ) || $this->bytes >= self::MAX_BYTES ) {
			return false;
		}
		$path = $this->next[ $this->read++ ];
		$item = $this->planner->read( $path );
		$this->planner->map_ahead( $item );
		$this->items[ $path ] = $item;
		$this->bytes         += (int) @filesize( $path ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- a file that failed to be read counts for nothing.
		return isset( $this->next[ $this->read ] );
	}
}
