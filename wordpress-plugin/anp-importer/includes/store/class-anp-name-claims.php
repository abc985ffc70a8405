<?php
/**
 * One worker at a time takes a slug or creates a term.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * WordPress picks a post's slug, and creates a term, after looking at what
 * is there (wp_unique_post_slug(); term_exists(), then wp_insert_term()),
 * and nothing in its tables makes a slug unique. Two workers, each in its
 * own transaction, that look before either commits would both take
 * "travel", or both create the term "Travel".
 *
 * So, while workers write, each slug a post gets (its last one, not those
 * WordPress tried on the way) and each term created is claimed first: a
 * row of anp_claims (scope, name) with a counter, which the claim adds
 * one to. The write waits for any other transaction that claimed the
 * same name until that one ends (on another Galera node, the second to
 * commit fails certification instead: a deadlock, retried). If
 * the counter then is not what this transaction's snapshot said plus one,
 * another worker claimed the name and committed since this transaction
 * began, after it looked: the group is written again
 * (Anp_Transaction_Lost, retryable), in a transaction that sees what the
 * other one wrote. Only claim rows are locked, by their key: no gap locks
 * on WordPress's tables, so workers taking other names never wait for
 * each other.
 */
final class Anp_Name_Claims {

	/** A post's slug (one scope for every type: a name taken in one type waits for it in another, which costs little). */
	const POST_NAME = 'post_name';

	/**
	 * The slug of a title, taken (take()) by a group that has a post of that
	 * title before it reads its slugs. Rows of their own: a take is no claim
	 * of the slug itself, and must not look like one to a worker that gave
	 * a post exactly that slug.
	 */
	const TITLE_SLUG = 'title_slug';

	/** The longest name a claim row keeps as it is (anp_claims.name). */
	const NAME_MAX_BYTES = 255;

	/**
	 * Claims each term created and each slug WordPress picks while $run runs.
	 *
	 * @param callable $run What writes posts.
	 * @return mixed What $run returned.
	 */
	public static function during( callable $run ) {
		$term   = array( self::class, 'claim_term' );
		$slug   = array( self::class, 'claim_slug' );
		$galera = Anp_Db::is_galera(); // Asked before anything needs undoing: it may fail.
		add_filter( 'pre_insert_term', $term, PHP_INT_MAX, 2 );
		add_filter( 'wp_insert_post_data', $slug, PHP_INT_MAX, 2 );
		try {
			if ( $galera ) {
				// A group written again after it lost to another node must read
				// what that node committed: reads wait until this node has
				// applied it (causal reads), or the group would pick the same
				// slug and lose again.
				Anp_Db::query( 'SET SESSION wsrep_sync_wait = 1' );
			}
			return $run();
		} finally {
			remove_filter( 'pre_insert_term', $term, PHP_INT_MAX );
			remove_filter( 'wp_insert_post_data', $slug, PHP_INT_MAX );
			if ( $galera ) {
				$GLOBALS['wpdb']->query( 'SET SESSION wsrep_sync_wait = 0' ); // Not through Anp_Db: it runs in a finally.
			}
		}
	}

	/** @var bool Whether the bulk creator claims its posts' slugs itself (claim_slugs()), one statement a group. */
	private static $in_bulk = false;

	/**
	 * Runs $run, in which wp_insert_post_data does not claim each slug: the
	 * bulk creator applies that filter to each row, then claims the group's
	 * slugs at once.
	 *
	 * @param callable $run What applies the filter.
	 * @return mixed What $run returned.
	 */
	public static function in_bulk( callable $run ) {
		self::$in_bulk = true;
		try {
			return $run();
		} finally {
			self::$in_bulk = false;
		}
	}

	/**
	 * Whether claims are being taken (during() runs).
	 */
	public static function active(): bool {
		return false !== has_filter( 'pre_insert_term', array( self::class, 'claim_term' ) );
	}

	/**
	 * The pre_insert_term filter: claims the term's slug in its taxonomy.
	 *
	 * @param string|WP_Error $term     The term's name.
	 * @param string          $taxonomy Its taxonomy.
	 * @return string|WP_Error $term, unchanged.
	 * @throws Anp_Transaction_Lost When another worker created such a term since this transaction began.
	 */
	public static function claim_term( $term, $taxonomy ) {
		if ( is_string( $term ) && '' !== trim( $term ) ) {
			self::claim( 'term ' . $taxonomy, array( sanitize_title( $term ) ) );
		}
		return $term;
	}

	/**
	 * The wp_insert_post_data filter: claims the slug WordPress gives a new
	 * post (wp_insert_post()), once it is final. An update keeps the post's
	 * slug (Anp_Import_Writer::update_fields()): nothing new to claim.
	 *
	 * @param array $data    The post's row.
	 * @param array $postarr What wp_insert_post() was given.
	 * @return array $data, unchanged.
	 * @throws Anp_Transaction_Lost When another worker took the slug since this transaction began.
	 */
	public static function claim_slug( $data, $postarr = array() ) {
		if ( is_array( $data ) && empty( $postarr['ID'] ) && ! self::$in_bulk ) {
			self::claim_slugs( array( $data ) );
		}
		return $data;
	}

	/**
	 * Claims the slugs of posts about to be written. Only a slug that
	 * WordPress makes unique is claimed: not that of a draft or a pending
	 * post, which may share it (wp_unique_post_slug() leaves theirs), so
	 * that posts of one title in drafts do not wait for each other.
	 *
	 * @param array[] $rows Post rows: post_name, post_status.
	 * @throws Anp_Transaction_Lost When another worker took one since this transaction began.
	 */
	public static function claim_slugs( array $rows ): void {
		$slugs = array();
		foreach ( $rows as $row ) {
			if ( ! in_array( $row['post_status'] ?? '', Anp_Unique_Slugs::LEFT_AS_GIVEN, true ) ) {
				$slugs[] = (string) ( $row['post_name'] ?? '' );
			}
		}
		self::claim( self::POST_NAME, $slugs );
	}

	/**
	 * Whether a group's transaction is open: outside one (an image's
	 * attachment made while a file is planned) nothing would hold a claim,
	 * and none is taken.
	 */
	private static function in_group(): bool {
		$guard = Anp_Transaction_Guard::current();
		return $guard && $guard->is_open();
	}

	/**
	 * A name as its claim row keeps it: itself, or for one longer than
	 * the column (a slug WordPress has yet to cut to 200 characters), a hash.
	 */
	private static function key( string $name ): string {
		return strlen( $name ) <= self::NAME_MAX_BYTES ? $name : 'sha256:' . hash( 'sha256', $name );
	}

	/**
	 * Names as their claim rows keep them, each once, the empty ones left out.
	 *
	 * @param string[] $names The names.
	 * @return string[]
	 */
	private static function keys( array $names ): array {
		return array_values( array_unique( array_map( array( self::class, 'key' ), array_filter( array_map( 'strval', $names ), 'strlen' ) ) ) );
	}

	/**
	 * Takes names for the rest of the transaction, before anything is read
	 * about them: a worker with another transaction on one of them waits for
	 * its commit here, and then reads what it wrote. (InnoDB gives a
	 * transaction its snapshot at its first read, so this goes first.)
	 * For the base slugs of a group's titles: posts of one title in groups
	 * side by side get their suffixes one group after the other, instead of
	 * both taking the same and one group being written again.
	 *
	 * @param string   $scope What they name.
	 * @param string[] $names The names.
	 * @throws RuntimeException On a database error.
	 */
	public static function take( string $scope, array $names ): void {
		if ( ! self::in_group() || Anp_Db::is_galera() ) {
			// A row lock is the node's: taking names would not make a worker
			// on another node wait, only fail certification whenever two
			// nodes' groups share a title. There, the claims of the final
			// slugs alone keep them apart.
			return;
		}
		$names = self::keys( $names );
		// In one order in every worker: two that take the same names never wait for each other in a circle.
		sort( $names, SORT_STRING );
		$rows  = array();
		$scope = Anp_Db::literal( $scope );
		foreach ( $names as $name ) {
			$rows[] = '(' . $scope . ',' . Anp_Db::literal( $name ) . ')';
		}
		foreach ( array_chunk( $rows, 500 ) as $chunk ) {
			Anp_Db::query( 'INSERT INTO ' . Anp_Schema::claims_table() . ' (scope, name) VALUES ' . implode( ',', $chunk ) . ' ON DUPLICATE KEY UPDATE claims = claims + 1' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- our table, escaped rows.
		}
	}

	/**
	 * Claims names in a scope, in the transaction that uses them.
	 *
	 * @param string   $scope What they name (self::POST_NAME, "term <taxonomy>").
	 * @param string[] $names The names.
	 * @throws Anp_Transaction_Lost When another transaction claimed one of them and committed since this one began.
	 */
	public static function claim( string $scope, array $names ): void {
		$names = self::keys( $names );
		if ( ! $names || ! self::in_group() ) {
			return;
		}
		$table  = Anp_Schema::claims_table();
		$quoted = Anp_Db::literal( $scope );
		$rows   = array();
		$where  = array();
		foreach ( $names as $name ) {
			$where[] = Anp_Db::literal( $name );
			$rows[]  = '(' . $quoted . ',' . end( $where ) . ')';
		}
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table, escaped values.
		$read   = "SELECT name, claims FROM $table WHERE scope = $quoted AND name IN (" . implode( ',', $where ) . ')';
		$before = array_column( Anp_Db::read( $read, 'assoc' ), 'claims', 'name' );
		Anp_Db::query( "INSERT INTO $table (scope, name) VALUES " . implode( ',', $rows ) . ' ON DUPLICATE KEY UPDATE claims = claims + 1' );
		$after = array_column( Anp_Db::read( $read, 'assoc' ), 'claims', 'name' );
		// phpcs:enable
		foreach ( $names as $name ) {
			if ( (int) ( $after[ $name ] ?? 0 ) !== (int) ( $before[ $name ] ?? 0 ) + 1 ) {
				throw new Anp_Transaction_Lost( sprintf( 'another worker took the name "%s" (%s) meanwhile', $name, $scope ), true );
			}
		}
	}
}
