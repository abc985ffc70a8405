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

	/** 2: anp_batches.post_type, so that a rollback knows the type of its batch's posts. */
	const VERSION        = '2';
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
	 * Whether the tables were ever made: what reads that must write nothing
	 * (status, a dry run) ask before they query them.
	 */
	public static function installed(): bool {
		return false !== get_option( self::VERSION_OPTION );
	}

	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		$items   = self::items_table();
		$batches = self::batches_table();
		$changes = self::changes_table();
		// dbDelta wants two spaces after PRIMARY KEY and one field per line.
		dbDelta(
			"CREATE TABLE $items (
  identity varchar(191) NOT NULL,
  post_id bigint(20) unsigned NOT NULL,
  content_hash char(64) NOT NULL,
  batch_id varchar(40) NOT NULL,
  source varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY  (identity),
  KEY post_id (post_id)
) $charset;
CREATE TABLE $batches (
  id varchar(40) NOT NULL,
  args_hash char(64) NOT NULL,
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
  batch_id varchar(40) NOT NULL,
  post_id bigint(20) unsigned NOT NULL,
  action varchar(10) NOT NULL,
  identity varchar(191) NOT NULL,
  revision_id bigint(20) unsigned NULL,
  previous longtext NULL,
  PRIMARY KEY  (batch_id,post_id)
) $charset;"
		);
		update_option( self::VERSION_OPTION, self::VERSION, false );
	}

	/**
	 * For uninstall.php: the tables go with the plugin, the posts stay.
	 */
	public static function drop(): void {
		global $wpdb;
		foreach ( array( self::items_table(), self::batches_table(), self::changes_table() ) as $table ) {
			Anp_Db::query( "DROP TABLE IF EXISTS $table" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our own table name.
		}
		delete_option( self::VERSION_OPTION );
	}
}
