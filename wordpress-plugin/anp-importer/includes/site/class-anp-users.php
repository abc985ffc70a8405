<?php
/**
 * Finding the users an import runs as and writes for.
 *
 * @package anp-importer
 */

defined( 'ABSPATH' ) || exit;

/**
 * One rule for naming a user, shared by `--author`, the runner's `--user`
 * and the default author of new posts.
 */
final class Anp_Users {

	/**
	 * The user a command line names: an id when it is all digits, else a
	 * login, else an email, as WP-CLI's own --user reads it.
	 *
	 * @param string $who An id, a login or an email.
	 * @return WP_User|null Null when no user matches.
	 */
	public static function find( string $who ): ?WP_User {
		if ( ctype_digit( $who ) ) {
			$user = get_user_by( 'id', (int) $who );
		} else {
			$user = get_user_by( 'login', $who ) ?: get_user_by( 'email', $who );
		}
		return $user ?: null;
	}

	/**
	 * The author of new posts when neither `--author` nor the post_author
	 * setting names one: the user running the import, else (WP-CLI without
	 * --user, cron) the site's first administrator, so that no post is left
	 * with author 0, which themes print as "by" and nothing.
	 *
	 * @return int A user id; 0 only on a site with no administrator.
	 */
	public static function default_author(): int {
		$current = get_current_user_id();
		if ( $current ) {
			return $current;
		}
		$admins = get_users(
			array(
				'role'    => 'administrator',
				'orderby' => 'ID',
				'order'   => 'ASC',
				'number'  => 1,
				'fields'  => 'ID',
			)
		);
		return (int) ( $admins[0] ?? 0 );
	}
}
