<?php
/**
 * The plugin's tables.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * Three tables, created on activation and upgraded when their version changes:
 *
 * - anp_items: one row per imported post, keyed by its identity. The primary
 *   key is what makes "never two posts for one file" hold even when two runs
 *   race, and it finds a post by identity without scanning post meta.
 * - anp_batches: one row per run, with its arguments, so that a killed run
 *   started again with the same command resumes the same batch.
 * - anp_changes: what each batch did to each post, with what the post was
 *   before, so that a batch can be rolled back.
 */
final class Anp_Schema {

	/**
	 * 2: anp_batches.post_type, so that a rollback knows the type of its batch's posts.
	 * 3: identities, hashes and batch ids in binary columns, compared byte for
	 *    byte as PHP compares them (under the site's collation "CAFE-REF-1"
	 *    was "cafe-ref-1", and "x" was "x "); the source path in full.
	 * 4: anp_queue, the groups of a batch that workers claim (Anp_Work_Queue).
	 * 5: anp_queue.claimed_by, the worker that means to write a group;
	 *    anp_claims, which lets one worker at a time take a slug or create
	 *    a term (Anp_Name_Claims); anp_batches.running_key, the arguments hash of a
	 *    running batch, unique, so that workers that start together open
	 *    one batch (NULL once it is not running).
	 */
	const VERSION        = '5';

	/**
	 * The longest source path the ledger keeps, in bytes: PATH_MAX on Linux.
	 * The planner fails a file with a longer path rather than store part of it.
	 */
	const SOURCE_MAX_BYTES = 4096;

	/**
	 * The longest identity the ledger keeps, in bytes (Anp_Mapper::identity()
	 * hashes a longer one).
	 */
	const IDENTITY_MAX_BYTES = 191;
	const VERSION_OPTION = 'anp_importer_schema_version';

	/**
	 * The highest meta_id of a content hash row that adopt_items() has looked
	 * at: rows at or below it are in the ledger, or were not adoptable then.
	 */
	const ADOPTED_OPTION = 'anp_importer_adopted_meta_id';

	public static function items_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'anp_items';
	}

	public static function batches_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'anp_batches';
	}

	public static function changes_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'anp_changes';
	}

	public static function queue_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'anp_queue';
	}

	public static function claims_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'anp_claims';
	}

	/**
	 * Creates or upgrades the tables when they are not at this version.
	 */
	public static function ensure(): void {
		if ( get_option( self::VERSION_OPTION ) === self::VERSION ) {
			return;
		}
		self::install();
	}

	/**
	 * Upgrades the tables of a site that has them at an older version, when
	 * the plugin loads (a page, wp-admin, WP-CLI, bin/anp): a plugin updated by
	 * copying its files is never activated again. A site that never made the
	 * tables gets none here: reading its status writes nothing.
	 */
	public static function upgrade(): void {
		if ( wp_installing() || ! self::installed() ) {
			return;
		}
		self::ensure();
	}

	/**
	 * The columns version 3 compares byte for byte: binary types, which have
	 * no collation.
	 *
	 * @return array Table => column names.
	 */
	private static function binary_columns(): array {
		return array(
			self::items_table()   => array( 'identity', 'content_hash', 'batch_id', 'source' ),
			self::batches_table() => array( 'id', 'args_hash' ),
			self::changes_table() => array( 'batch_id', 'identity' ),
			self::queue_table()   => array( 'batch_id' ),
			self::claims_table()  => array( 'name' ),
		);
	}

	/**
	 * Checks that dbDelta made the columns binary: it reports no failure, and
	 * raising the version over text columns would leave identities compared
	 * without case, for good.
	 *
	 * @throws RuntimeException Naming the first column that is not binary, or on a database error.
	 */
	private static function check_binary_columns(): void {
		foreach ( self::binary_columns() as $table => $names ) {
			$columns = array();
			foreach ( Anp_Db::rows( "SHOW FULL COLUMNS FROM $table", ARRAY_A ) as $column ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our own table name.
				$columns[ $column['Field'] ] = $column;
			}
			foreach ( $names as $name ) {
				$type = (string) ( $columns[ $name ]['Type'] ?? 'missing' );
				if ( null !== ( $columns[ $name ]['Collation'] ?? null ) || ! preg_match( '/^(?:var)?binary\(/', $type ) ) {
					throw new RuntimeException( sprintf( 'column %s.%s is %s (collation %s); expected a binary column', $table, $name, $type, (string) ( $columns[ $name ]['Collation'] ?? 'none' ) ) );
				}
			}
		}
	}

	/**
	 * Whether the tables were ever made: what reads that must write nothing
	 * (status, a dry run) ask before they query them.
	 */
	public static function installed(): bool {
		return false !== get_option( self::VERSION_OPTION );
	}

	/**
	 * Creates the tables, or brings them to this version, and only then
	 * records the version: when a step fails the version stays as it was, so
	 * the next load tries again.
	 *
	 * @throws RuntimeException Saying the tables could not be upgraded, and why.
	 */
	public static function install(): void {
		$was = (string) get_option( self::VERSION_OPTION, 'none' );
		try {
			self::create_tables();
			self::check_binary_columns();
			self::rebuild_items();
		} catch ( RuntimeException $e ) {
			throw new RuntimeException( sprintf( "the plugin's tables could not be upgraded to version %s; they stay at version %s, and the upgrade is tried again on the next load: %s", self::VERSION, $was, $e->getMessage() ), 0, $e );
		}
		// Autoloaded: upgrade() reads it on every load.
		update_option( self::VERSION_OPTION, self::VERSION, true );
	}

	/**
	 * The tables as this version defines them, through dbDelta.
	 */
	private static function create_tables(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		$items   = self::items_table();
		$batches = self::batches_table();
		$changes = self::changes_table();
		$queue   = self::queue_table();
		$claims  = self::claims_table();
		// dbDelta wants two spaces after PRIMARY KEY and one field per line.
		// Identities, hashes and batch ids are binary: the site's collation
		// ignores case, accents and trailing spaces, PHP does not, and two
		// identities must be one row only when they are the same bytes. dbDelta
		// sees a varchar become a varbinary and alters the column; the bytes
		// stay as they were.
		dbDelta(
			"CREATE TABLE $items (
  identity varbinary(191) NOT NULL,
  post_id bigint(20) unsigned NOT NULL,
  content_hash binary(64) NOT NULL,
  batch_id varbinary(40) NOT NULL,
  source varbinary(4096) NOT NULL DEFAULT '',
  PRIMARY KEY  (identity),
  KEY post_id (post_id)
) $charset;
CREATE TABLE $batches (
  id varbinary(40) NOT NULL,
  args_hash binary(64) NOT NULL,
  status varchar(20) NOT NULL,
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  post_type varchar(20) NOT NULL DEFAULT '',
  started_gmt datetime NOT NULL,
  finished_gmt datetime NULL,
  report longtext NULL,
  running_key binary(64) NULL,
  PRIMARY KEY  (id),
  KEY args_status (args_hash,status),
  UNIQUE KEY running_key (running_key)
) $charset;
CREATE TABLE $changes (
  batch_id varbinary(40) NOT NULL,
  post_id bigint(20) unsigned NOT NULL,
  action varchar(10) NOT NULL,
  identity varbinary(191) NOT NULL,
  revision_id bigint(20) unsigned NULL,
  previous longtext NULL,
  PRIMARY KEY  (batch_id,post_id)
) $charset;
CREATE TABLE $queue (
  batch_id varbinary(40) NOT NULL,
  group_no int(10) unsigned NOT NULL,
  state varchar(10) NOT NULL DEFAULT 'pending',
  paths longblob NOT NULL,
  claimed_by varchar(100) NOT NULL DEFAULT '',
  worker varchar(100) NOT NULL DEFAULT '',
  totals text NULL,
  done_gmt datetime NULL,
  PRIMARY KEY  (batch_id,group_no),
  KEY pending (batch_id,state,group_no)
) $charset;
CREATE TABLE $claims (
  scope varchar(50) NOT NULL,
  name varbinary(255) NOT NULL,
  claims bigint(20) unsigned NOT NULL DEFAULT 1,
  PRIMARY KEY  (scope,name)
) $charset;"
		);
	}

	/**
	 * Refills an empty anp_items from the posts an import made, after the
	 * plugin was uninstalled (which drops the tables) and installed again:
	 * each imported post keeps its fields and bookkeeping in post meta, and
	 * its identity follows from them as Anp_Mapper::identity() made it. Without
	 * this, the next import of the same files would duplicate every post.
	 *
	 * @throws RuntimeException On a database error.
	 */
	private static function rebuild_items(): void {
		$items = self::items_table();
		if ( null !== Anp_Db::value( "SELECT 1 FROM $items LIMIT 1" ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our own table name.
			return;
		}
		self::adopt( 0 );
	}

	/**
	 * Adds to anp_items the posts that carry an import's bookkeeping
	 * (_anp_content_hash) and have no row there: posts another site's import
	 * made and the WordPress Importer brought here (from `wp anp convert` or
	 * `wp anp export`), or posts restored from a backup. An import runs it
	 * when it starts, so that it updates or skips them instead of making a
	 * second post for the same file.
	 *
	 * Cheap when there is nothing new: only hash rows added since the last
	 * look (meta_id above ADOPTED_OPTION) are read, through the meta_key
	 * index, which holds meta_id too; with none, it is one index lookup.
	 *
	 * @return int The posts adopted.
	 * @throws RuntimeException On a database error.
	 */
	public static function adopt_items(): int {
		return self::adopt( (int) get_option( self::ADOPTED_OPTION, 0 ) );
	}

	/**
	 * Adds the posts with a content hash row above a meta_id and no ledger
	 * row. Two posts of one identity (made by hand, by a filter, or by the
	 * WordPress Importer fed one file twice): the one the ledger has, else
	 * the older one, keeps it.
	 *
	 * @param int $after The meta_id already looked at.
	 * @throws RuntimeException On a database error.
	 */
	private static function adopt( int $after ): int {
		global $wpdb;
		$last = self::last_hash_row();
		if ( $last <= $after ) {
			return 0;
		}
		$items   = self::items_table();
		$adopted = 0;
		self::each_adoptable(
			$after,
			$last,
			true,
			static function ( array $rows ) use ( $wpdb, $items, &$adopted ): void {
				$values = array();
				foreach ( $rows as $row ) {
					$values[] = $wpdb->prepare( '(%s,%d,%s,%s,%s)', $row['identity'], $row['post_id'], $row['content_hash'], $row['batch_id'], $row['source'] );
				}
				// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- our table, prepared tuples.
				$adopted += Anp_Db::query( "INSERT IGNORE INTO $items (identity, post_id, content_hash, batch_id, source) VALUES " . implode( ',', $values ) );
			}
		);
		// Autoloaded: every import reads it, and then asks one question only.
		update_option( self::ADOPTED_OPTION, $last, true );
		return $adopted;
	}

	/**
	 * What adopt_items() would add, without adding it: for a dry run, which
	 * writes nothing, so that it lists such files as the run would treat
	 * them. On a site that never imported (no ledger) every post with a hash.
	 *
	 * @return array identity => array( post_id, content_hash, batch_id, exists, post_type ), as Anp_Ledger::find() gives them.
	 * @throws RuntimeException On a database error.
	 */
	public static function adoptable(): array {
		$installed = self::installed();
		$after     = $installed ? (int) get_option( self::ADOPTED_OPTION, 0 ) : 0;
		$last      = self::last_hash_row();
		$found     = array();
		if ( $last > $after ) {
			self::each_adoptable(
				$after,
				$last,
				$installed,
				static function ( array $rows ) use ( &$found ): void {
					foreach ( $rows as $row ) {
						$found[ $row['identity'] ] ??= array(
							'post_id'      => $row['post_id'],
							'content_hash' => $row['content_hash'],
							'batch_id'     => $row['batch_id'],
							'exists'       => true,
							'post_type'    => $row['post_type'],
						);
					}
				}
			);
		}
		return $found;
	}

	/**
	 * The highest meta_id of a content hash row: the last entry of the
	 * meta_key index's range, which holds meta_id.
	 *
	 * @throws RuntimeException On a database error.
	 */
	private static function last_hash_row(): int {
		global $wpdb;
		return (int) Anp_Db::value( $wpdb->prepare( "SELECT MAX(meta_id) FROM {$wpdb->postmeta} WHERE meta_key = %s", Anp_Meta_Keys::CONTENT_HASH ) );
	}

	/**
	 * The posts with a content hash row in (after, last] (and no ledger row,
	 * when asked), 500 at a time, each once, with the identity its meta gives
	 * as Anp_Mapper::identity() made it. Revisions are left out: they carry
	 * no meta of their own.
	 *
	 * @param int      $after       The meta_id already looked at.
	 * @param int      $last        The last meta_id to look at.
	 * @param bool     $with_ledger Leave out the posts the ledger has (false: there is no ledger).
	 * @param callable $take        Given each page: array( identity, post_id, content_hash, batch_id, source, post_type ) each.
	 * @throws RuntimeException On a database error.
	 */
	private static function each_adoptable( int $after, int $last, bool $with_ledger, callable $take ): void {
		global $wpdb;
		$items = self::items_table();
		$keys  = array( Anp_Meta_Keys::field( 'reference' ), Anp_Meta_Keys::field( 'payload' ), Anp_Meta_Keys::IMPORT_BATCH, Anp_Meta_Keys::SOURCE );
		$seen  = array();
		$from  = $after;
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- table names are ours, values are placeholders.
		$ledger = $with_ledger ? "LEFT JOIN $items i ON i.post_id = m.post_id" : '';
		$absent = $with_ledger ? 'AND i.post_id IS NULL' : '';
		do {
			$hashes = Anp_Db::rows( $wpdb->prepare( "SELECT m.meta_id, m.post_id, m.meta_value AS content_hash, p.post_type FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id $ledger WHERE m.meta_key = %s AND m.meta_id > %d AND m.meta_id <= %d AND p.post_type <> 'revision' $absent ORDER BY m.meta_id LIMIT 500", Anp_Meta_Keys::CONTENT_HASH, $from, $last ), ARRAY_A );
			if ( ! $hashes ) {
				break;
			}
			$from  = (int) end( $hashes )['meta_id'];
			$posts = array();
			foreach ( $hashes as $row ) {
				$post_id = (int) $row['post_id'];
				if ( ! isset( $seen[ $post_id ] ) ) { // A post's first hash row.
					$seen[ $post_id ]  = true;
					$posts[ $post_id ] = $row;
				}
			}
			if ( ! $posts ) {
				continue;
			}
			$meta = array();
			$sql  = $wpdb->prepare( "SELECT post_id, meta_key, meta_value FROM {$wpdb->postmeta} WHERE post_id IN (" . implode( ',', array_keys( $posts ) ) . ') AND meta_key IN (' . implode( ',', array_fill( 0, count( $keys ), '%s' ) ) . ') ORDER BY meta_id', $keys );
			foreach ( Anp_Db::rows( $sql, ARRAY_A ) as $row ) {
				$meta[ (int) $row['post_id'] ][ $row['meta_key'] ] ??= $row['meta_value'];
			}
			$rows = array();
			ksort( $posts );
			foreach ( $posts as $post_id => $row ) {
				$hash = (string) $row['content_hash'];
				if ( ! preg_match( '/^[0-9a-f]{64}$/', $hash ) ) {
					continue; // Not written by an import.
				}
				$own = $meta[ $post_id ] ?? array();
				// Stored as the import stores them (maybe_serialize()): a
				// reference that looks serialized was serialized again.
				$fields = array(
					'reference' => maybe_unserialize( $own[ Anp_Meta_Keys::field( 'reference' ) ] ?? null ),
					'payload'   => maybe_unserialize( $own[ Anp_Meta_Keys::field( 'payload' ) ] ?? '' ),
				);
				$rows[] = array(
					'identity'     => Anp_Mapper::identity( $fields, $hash ),
					'post_id'      => $post_id,
					'content_hash' => $hash,
					'batch_id'     => substr( (string) ( $own[ Anp_Meta_Keys::IMPORT_BATCH ] ?? '' ), 0, 40 ),
					'source'       => (string) ( $own[ Anp_Meta_Keys::SOURCE ] ?? '' ),
					'post_type'    => (string) $row['post_type'],
				);
			}
			if ( $rows ) {
				$take( $rows );
			}
		} while ( count( $hashes ) === 500 );
		// phpcs:enable
	}

	/**
	 * For uninstall.php: the tables go with the plugin, the posts stay, and
	 * so does what rebuild_items() needs to find them again.
	 */
	public static function drop(): void {
		global $wpdb;
		foreach ( array( self::items_table(), self::batches_table(), self::changes_table(), self::queue_table(), self::claims_table() ) as $table ) {
			Anp_Db::query( "DROP TABLE IF EXISTS $table" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our own table name.
		}
		delete_option( self::VERSION_OPTION );
		delete_option( self::ADOPTED_OPTION );
	}
}
