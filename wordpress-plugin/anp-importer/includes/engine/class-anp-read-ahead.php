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
 * moment after. The group's transaction is open while a step runs, and
 * waits for it once the server has answered: a large file (over
 * MAX_FILE_BYTES) is left to be read when its group is claimed. What is
 * held read ahead is bounded by the memory it takes (MAX_MEMORY, and half
 * of PHP's memory_limit), whatever the group size. A step that fails
 * stops the reading ahead, never the write it runs beside.
 */
final class Anp_Read_Ahead {

	/** Memory the files read ahead may take at most, parsed and mapped. */
	const MAX_MEMORY = 16 * 1024 * 1024;

	/** The largest file read ahead; a larger one is read when claimed. */
	const MAX_FILE_BYTES = 1024 * 1024;

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

	/** @var int PHP's memory in use when the reading ahead began. */
	private $memory_before = 0;

	/** @var int PHP's memory_limit in bytes, 0 for none. */
	private $memory_limit;

	/**
	 * @param Anp_Import_Planner $planner    Reads and maps.
	 * @param string[]           $files      The batch's files, in order.
	 * @param int                $group_size Files a group of the queue.
	 */
	public function __construct( Anp_Import_Planner $planner, array $files, int $group_size ) {
		$this->planner      = $planner;
		$this->files        = array_values( $files );
		$this->group_size   = max( 1, $group_size );
		$this->memory_limit = max( 0, (int) wp_convert_hr_to_bytes( (string) ini_get( 'memory_limit' ) ) );
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
			// Each item once: a path twice in a group is two files to decide.
			$items[] = $this->items[ $path ] ?? $this->planner->read( $path );
			unset( $this->items[ $path ] );
		}
		$in_a_row            = null === $this->last_group || $this->last_group + 1 === $group_no;
		$this->last_group    = $group_no;
		$this->items         = array();
		$this->next          = array();
		$this->read          = 0;
		$this->memory_before = memory_get_usage();
		// The files as the queue cut them, or the guess is off: nothing read ahead.
		if ( $in_a_row && $paths && (string) ( $this->files[ $group_no * $this->group_size ] ?? '' ) === (string) $paths[0] ) {
			$this->next = array_slice( $this->files, ( $group_no + 1 ) * $this->group_size, $this->group_size );
		}
		return $items;
	}

	/**
	 * Reads one more file ahead: the spare work of Anp_Db::with_spare_work(),
	 * which touches neither the database nor the site. Warnings are kept
	 * from error handlers meanwhile (one that logs to the database would
	 * find the connection busy); a file that cannot be read is a failed
	 * item, as it would be when claimed.
	 *
	 * @return bool Whether there is more to read.
	 */
	public function step(): bool {
		$memory = memory_get_usage();
		if ( ! isset( $this->next[ $this->read ] ) || $memory - $this->memory_before >= self::MAX_MEMORY || ( $this->memory_limit && $memory >= $this->memory_limit / 2 ) ) {
			return false;
		}
		$path = (string) $this->next[ $this->read++ ];
		set_error_handler( static fn() => true ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler
		try {
			$size = @filesize( $path ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
			if ( false !== $size && $size <= self::MAX_FILE_BYTES ) {
				$item = $this->planner->read( $path );
				$this->planner->map_ahead( $item );
				$this->items[ $path ] = $item;
			}
		} catch ( Throwable $e ) {
			// Only a guess: the rest is read when claimed.
			$this->next = array();
			return false;
		} finally {
			restore_error_handler();
		}
		return isset( $this->next[ $this->read ] );
	}
}
