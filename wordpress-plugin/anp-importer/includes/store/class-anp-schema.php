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
	 */
	const VERSION        = '3';

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
  PRIMARY KEY  (id),
  KEY args_status (args_hash,status)
) $charset;
CREATE TABLE $changes (
  batch_id varbinary(40) NOT NULL,
  post_id bigint(20) unsigned NOT NULL,
  action varchar(10) NOT NULL,
  identity varbinary(191) NOT NULL,
  revision_id bigint(20) unsigned NULL,
  previous longtext NULL,
  PRIMARY KEY  (batch_id,post_id)
) $charset;"
		);
	}

	/**
	 * Refills an empty anp_items from the posts an import made, after the
	 * plugin was uninstalled (which drops the tables) and installed again:
	 * each imported post keeps its fields and bookkeeping in post meta, and
	 * its identity follows from them as Anp_Mapper::identity() made it. Without
	 * this, the next import of the same files would duplicate every post.
	 * Revisions are left out: they carry no meta of their own.
	 *
	 * @throws RuntimeException On a database error.
	 */
	private static function rebuild_items(): void {
		global $wpdb;
		$items = self::items_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- table names are ours, values are placeholders.
		if ( null !== Anp_Db::value( "SELECT 1 FROM $items LIMIT 1" ) ) {
			return;
		}
		$keys  = array( Anp_Meta_Keys::field( 'reference' ), Anp_Meta_Keys::field( 'payload' ), Anp_Meta_Keys::IMPORT_BATCH, Anp_Meta_Keys::SOURCE );
		$after = 0;
		do {
			$hashes = Anp_Db::rows( $wpdb->prepare( "SELECT m.post_id, MIN(m.meta_value) AS content_hash FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE m.meta_key = %s AND m.post_id > %d AND p.post_type <> 'revision' GROUP BY m.post_id ORDER BY m.post_id LIMIT 500", Anp_Meta_Keys::CONTENT_HASH, $after ), ARRAY_A );
			if ( ! $hashes ) {
				break;
			}
			$ids  = array_map( 'intval', array_column( $hashes, 'post_id' ) );
			$meta = array();
			$sql  = $wpdb->prepare( "SELECT post_id, meta_key, meta_value FROM {$wpdb->postmeta} WHERE post_id IN (" . implode( ',', $ids ) . ') AND meta_key IN (' . implode( ',', array_fill( 0, count( $keys ), '%s' ) ) . ') ORDER BY meta_id', $keys );
			foreach ( Anp_Db::rows( $sql, ARRAY_A ) as $row ) {
				$meta[ (int) $row['post_id'] ][ $row['meta_key'] ] ??= $row['meta_value'];
			}
			$values = array();
			foreach ( $hashes as $row ) {
				$post_id = (int) $row['post_id'];
				$after   = $post_id;
				if ( ! preg_match( '/^[0-9a-f]{64}$/', (string) $row['content_hash'] ) ) {
					continue; // Not written by an import.
				}
				$own      = $meta[ $post_id ] ?? array();
				$fields   = array(
					'reference' => $own[ Anp_Meta_Keys::field( 'reference' ) ] ?? null,
					'payload'   => maybe_unserialize( $own[ Anp_Meta_Keys::field( 'payload' ) ] ?? '' ),
				);
				$values[] = $wpdb->prepare( '(%s,%d,%s,%s,%s)', Anp_Mapper::identity( $fields, $row['content_hash'] ), $post_id, $row['content_hash'], substr( (string) ( $own[ Anp_Meta_Keys::IMPORT_BATCH ] ?? '' ), 0, 40 ), (string) ( $own[ Anp_Meta_Keys::SOURCE ] ?? '' ) );
			}
			if ( $values ) {
				// Two posts of one identity (made by hand, or by a filter):
				// the older one keeps it, as the first import made it.
				Anp_Db::query( "INSERT IGNORE INTO $items (identity, post_id, content_hash, batch_id, source) VALUES " . implode( ',', $values ) );
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
		foreach ( array( self::items_table(), self::batches_table(), self::changes_table() ) as $table ) {
			Anp_Db::query( "DROP TABLE IF EXISTS $table" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our own table name.
		}
		delete_option( self::VERSION_OPTION );
	}
}
