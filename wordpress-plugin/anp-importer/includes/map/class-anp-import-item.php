<?php
/**
 * One file being imported.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || defined( 'ANP_IMPORTER_STANDALONE' ) || exit;

/**
 * A file on its way into WordPress: what it holds, what the mapping made of
 * it, and what the import decided to do with it. The engine fills it once,
 * in order (read, parse, identity, decision, images, mapping), before any
 * transaction opens; the store writes it; the front ends read its outcome.
 * Nothing is added to it along the way under a new name.
 */
final class Anp_Import_Item {

	/** A new post. */
	const CREATE = 'created';
	/** The post the identity names, rewritten. */
	const UPDATE = 'updated';
	/** Unchanged, or changed under on_change=skip. */
	const SKIP = 'skipped';
	/** Written by the same batch before it was cut short: counted then. */
	const DONE = 'done';
	/** Not imported: see $line and $reason. */
	const FAIL = 'failed';

	/** @var string The path as the finder gave it. */
	public $path;

	/** @var string sha256 of the file's bytes. */
	public $hash = '';

	/** @var array What the parser returned. */
	public $parsed = array();

	/** @var string What makes it the same post next time (Anp_Mapper::identity()). */
	public $identity = '';

	/** @var string One of the constants above; '' until decided. */
	public $action = '';

	/** @var int The post it is or will be; 0 for a post not created yet. */
	public $post_id = 0;

	/**
	 * @var string For a new post, the ledger's row for its identity when it
	 *             was decided: '' none (writing it adds the row), 'gone' one
	 *             naming a post that is gone, 'kept' one naming a post the
	 *             site's anp_import_existing_post filter set aside (writing
	 *             it changes the row).
	 */
	public $ledger_row = '';

	/** @var array|null What the mapper gave, when the file was mapped as it was read ahead (Anp_Read_Ahead); prepare() takes it. */
	public $mapped;

	/** @var array Post fields for wp_insert_post(), after the site's filters. */
	public $post = array();

	/** @var array Post meta, key => value, with the plugin's own keys. */
	public $meta = array();

	/** @var array Taxonomy => term names. */
	public $terms = array();

	/** @var array Block index => array( 'id' => attachment id, 'url' => URL ): the local copies of its images. */
	public $images = array();

	/** @var int The line a failure is about. */
	public $line = 0;

	/** @var string What went wrong and what was expected. */
	public $reason = '';

	/**
	 * @var array For a dry run's update: what would change, as
	 * array( 'fields' => names, 'meta' => keys, 'terms' => taxonomies ).
	 */
	public $changes = array();

	/** @var array|null The decision as planned, for rewind(). */
	private $planned;

	public function __construct( string $path ) {
		$this->path = $path;
	}

	/**
	 * Marks it failed: nothing of it is written.
	 */
	public function fail( int $line, string $reason ): void {
		$this->action = self::FAIL;
		$this->line   = $line;
		$this->reason = $reason;
	}

	/**
	 * Whether the import writes a post for it.
	 */
	public function writes(): bool {
		return self::CREATE === $this->action || self::UPDATE === $this->action;
	}

	/**
	 * The parser's warnings: array( 'line' =>, 'code' =>, 'message' => ) each.
	 */
	public function warnings(): array {
		return $this->parsed['warnings'] ?? array();
	}

	/**
	 * Keeps the decision as planned, before a group is written.
	 */
	public function planned(): void {
		$this->planned = array( $this->action, $this->post_id, $this->line, $this->reason );
	}

	/**
	 * Back to the decision as planned: a group written in bulk that failed
	 * is written again one post at a time, from the plan, not from what the
	 * rolled-back attempt left on the item.
	 */
	public function rewind(): void {
		if ( null !== $this->planned ) {
			list( $this->action, $this->post_id, $this->line, $this->reason ) = $this->planned;
		}
	}
}
