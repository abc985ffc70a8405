# shellcheck shell=bash
#
# wp-sandbox.sh: a throwaway WordPress + MariaDB sandbox (Debian 12).
#
# Source this file; it defines functions and changes no shell options, so it
# can be used with or without `set -euo pipefail`. Every function returns
# non-zero and writes "wp-sandbox: error: ..." to stderr when it fails.
#
#   source scripts/lib/wp-sandbox.sh
#
#   The packages it needs are in ANP_PACKAGES (scripts/lib/common.sh).
#
#   wp_sandbox_up DIR [PLUGIN_SRC_DIR]
#       Makes DIR fresh (stopping an older sandbox in DIR first) and brings up:
#         DIR/mysql/          private MariaDB data dir
#         DIR/mysql.sock      the only way into it (--skip-networking)
#         DIR/mariadbd.pid, DIR/mariadbd.err
#         DIR/wordpress/      self-contained copy of Debian's WordPress,
#                             installed: title "anp sandbox", admin/admin
#         DIR/debug.log       WP_DEBUG_LOG (nothing is displayed)
#       Database `wordpress`, user `wordpress`, password `wordpress`.
#       PLUGIN_SRC_DIR is symlinked as wp-content/plugins/<basename> and
#       activated when it holds a main plugin file (`Plugin Name:` header).
#       Prints the WordPress path, the socket and the URL on stdout. Refuses
#       a non-empty DIR it did not make (no DIR/.wp-sandbox). If it fails
#       half-way it stops what it started and keeps the files to look at.
#       Also generated: wp-content/mu-plugins/anp-sandbox-offline.php.
#
#   wp_sandbox_down DIR        Stops the web server and mariadbd of DIR; keeps files.
#   wp_sandbox_destroy DIR     wp_sandbox_down, then rm -rf DIR.
#
#   wp_sandbox_php DIR FILE [ARGS...]
#       Runs the PHP file FILE ("-" = read the script from stdin) with
#       WordPress already loaded (wp-load.php is the auto_prepend_file), so
#       the script starts in global scope with $wpdb & co. ready:
#         wp_sandbox_php "$dir" - <<'PHP'
#         <?php echo get_option('blogname'), "\n";
#         PHP
#       $argv[1..] are ARGS. The exit status is PHP's (255 on a fatal error).
#       PHP errors go to stderr and DIR/debug.log. No user is logged in;
#       call wp_set_current_user(1) for admin.
#
#   wp_sandbox_eval DIR CODE [ARGS...]
#       Same for a code string (php -r, so no "<?php"; $argv[1..] are ARGS):
#         wp_sandbox_eval "$dir" 'echo get_option("blogname");'
#
#   wp_sandbox_mysql DIR [MARIADB_CLIENT_ARGS...]
#       The mariadb client as the database root, on the sandbox's socket:
#         wp_sandbox_mysql "$dir" wordpress -e 'SELECT COUNT(*) FROM wp_posts'
#
#   wp_sandbox_free_port [FROM]
#       Prints the first TCP port from FROM (default 8089) on which nothing
#       listens on 127.0.0.1, for WP_SANDBOX_PORT.
#
#   wp_sandbox_serve DIR [PORT]
#       php -S 127.0.0.1:PORT -t DIR/wordpress in the background (pid in
#       DIR/php-server.pid, log DIR/php-server.log); wp_sandbox_down stops it.
#       PORT must be the port the sandbox was set up for (WP_HOME).
#
# Environment:
#   WP_SANDBOX_PORT            port baked into WP_HOME/WP_SITEURL by
#                              wp_sandbox_up (default 8089)
#   WP_SANDBOX_TIMEOUT         seconds to wait for a daemon to start or stop
#                              (default 60)
#   WP_SANDBOX_SERVER_WORKERS  php -S worker processes (default 4)
#   WP_SANDBOX_DURABLE         1: MariaDB's durability defaults (default 0: fast, unsafe)

_WP_SANDBOX_LIB_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
_WP_SANDBOX_MARKER=.wp-sandbox
_WP_SANDBOX_DB_NAME=wordpress
_WP_SANDBOX_DB_USER=wordpress
_WP_SANDBOX_DB_PASSWORD=wordpress

_wp_sandbox_err() { printf 'wp-sandbox: error: %s\n' "$*" >&2; }
_wp_sandbox_warn() { printf 'wp-sandbox: warning: %s\n' "$*" >&2; }
_wp_sandbox_note() { printf 'wp-sandbox: %s\n' "$*" >&2; }

# Print the last lines of a log file to stderr (for error messages).
_wp_sandbox_tail() {
    local file=$1
    if [[ -s $file ]]; then
        printf 'wp-sandbox: --- last lines of %s ---\n' "$file" >&2
        tail -n 25 -- "$file" >&2
        printf 'wp-sandbox: ---\n' >&2
    else
        printf 'wp-sandbox: (%s is empty or missing)\n' "$file" >&2
    fi
}

_wp_sandbox_timeout() {
    local t=${WP_SANDBOX_TIMEOUT:-60}
    [[ $t =~ ^[1-9][0-9]*$ ]] || t=60
    printf '%s\n' "$t"
}

# Absolute, normalised DIR (it need not exist). Rejects paths that are
# dangerous to rm -rf or awkward to put in configuration files.
_wp_sandbox_dir() {
    local raw=${1:-} dir
    if [[ -z $raw ]]; then
        _wp_sandbox_err "missing DIR argument"
        return 1
    fi
    dir=$(realpath -m -- "$raw") || { _wp_sandbox_err "cannot resolve '$raw'"; return 1; }
    case $dir in
        / | /bin | /boot | /dev | /etc | /home | /lib* | /opt | /proc | /root | /run | /sbin | /srv | /sys | /tmp | /usr | /usr/* | /var | /work)
            _wp_sandbox_err "refusing to use '$dir' as a sandbox directory"
            return 1 ;;
    esac
    if [[ $dir == *[\'\"\\\$\`]* || $dir == *[[:space:]]* ]]; then
        _wp_sandbox_err "sandbox path must not contain quotes, backslashes, '\$', backquotes or white space: '$dir'"
        return 1
    fi
    printf '%s\n' "$dir"
}

_wp_sandbox_require_dir() {
    local dir=$1
    if [[ ! -f $dir/$_WP_SANDBOX_MARKER ]]; then
        _wp_sandbox_err "'$dir' is not a sandbox made by wp_sandbox_up (no $_WP_SANDBOX_MARKER)"
        return 1
    fi
}

# Is PID a live mariadbd (argv[0]) started with exactly --datadir=DIR/mysql?
_wp_sandbox_is_mariadbd_of() {
    local pid=$1 dir=$2 arg
    local -a argv=()
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    mapfile -d '' -t argv < "/proc/$pid/cmdline" 2> /dev/null || return 1
    [[ ${#argv[@]} -gt 0 && ${argv[0]##*/} == mariadbd ]] || return 1
    for arg in "${argv[@]:1}"; do
        [[ $arg == "--datadir=$dir/mysql" ]] && return 0
    done
    return 1
}

# Is PID a live `php -S ... -t DIR/wordpress`?
_wp_sandbox_is_server_of() {
    local pid=$1 dir=$2 i has_s=
    local -a argv=()
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    mapfile -d '' -t argv < "/proc/$pid/cmdline" 2> /dev/null || return 1
    [[ ${#argv[@]} -gt 0 && ${argv[0]##*/} == php* ]] || return 1
    for (( i = 1; i < ${#argv[@]}; i++ )); do
        [[ ${argv[i]} == -S ]] && has_s=1
        if [[ ${argv[i]} == -t && ${argv[i+1]-} == "$dir/wordpress" && -n $has_s ]]; then
            return 0
        fi
    done
    return 1
}

_wp_sandbox_alive() {
    local pid=$1 state
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # A zombie has exited already; it only waits for its parent.
    state=$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || return 1
    [[ $state != Z ]]
}

# Pids of mariadbd processes serving DIR's data directory. The pid file is
# the normal source; the /proc scan also catches a server whose pid file is
# gone (its data dir would otherwise be deleted under it by wp_sandbox_up).
_wp_sandbox_mariadbd_pids() {
    local dir=$1 pid p
    local -a pids=()
    if [[ -f $dir/mariadbd.pid ]]; then
        pid=$(head -n 1 -- "$dir/mariadbd.pid" 2> /dev/null) || pid=
        if _wp_sandbox_is_mariadbd_of "$pid" "$dir"; then pids+=("$pid"); fi
    fi
    for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        _wp_sandbox_is_mariadbd_of "$pid" "$dir" || continue
        [[ " ${pids[*]-} " == *" $pid "* ]] || pids+=("$pid")
    done
    [[ ${#pids[@]} -eq 0 ]] || printf '%s\n' "${pids[@]}"
}

# Pids of the `php -S` processes serving DIR: the server started by
# wp_sandbox_serve and its worker processes (PHP_CLI_SERVER_WORKERS), which
# do not exit with their parent.
_wp_sandbox_server_pids() {
    local dir=$1 p
    for p in /proc/[0-9]*; do
        if _wp_sandbox_is_server_of "${p#/proc/}" "$dir"; then printf '%s\n' "${p#/proc/}"; fi
    done
}

# Stops every process FINDER finds for DIR, then removes its pid file.
#   _wp_sandbox_stop_found DIR FINDER LABEL PIDFILE
_wp_sandbox_stop_found() {
    local dir=$1 finder=$2 label=$3 pidfile=$4
    local -a pids=()
    mapfile -t pids < <("$finder" "$dir")
    if [[ ${#pids[@]} -gt 0 ]]; then
        _wp_sandbox_stop_pids "$label of $dir" "${pids[@]}" || return 1
    fi
    rm -f -- "$dir/$pidfile"
}

_wp_sandbox_stop_server() {
    _wp_sandbox_stop_found "$1" _wp_sandbox_server_pids "php -S" php-server.pid
}

# Wait up to TENTHS tenths of a second until PIDS are gone. Returns 0 when
# they are; otherwise prints the ones still alive (" pid pid") and returns 1.
_wp_sandbox_wait_gone() {
    local tenths=$1 i pid left
    shift
    for (( i = 0; i < tenths; i++ )); do
        left=
        for pid in "$@"; do
            if _wp_sandbox_alive "$pid"; then left+=" $pid"; fi
        done
        [[ -n $left ]] || return 0
        sleep 0.1
    done
    printf '%s\n' "$left"
    return 1
}

# Send SIGTERM to PIDs and wait (bounded) until they are gone; SIGKILL as a
# last resort. $1 is a label for messages.
_wp_sandbox_stop_pids() {
    local label=$1 t left
    shift
    [[ $# -gt 0 ]] || return 0
    t=$(_wp_sandbox_timeout)
    kill -TERM "$@" 2>/dev/null || true
    left=$(_wp_sandbox_wait_gone $(( t * 10 )) "$@") && return 0
    _wp_sandbox_warn "$label (pid$left) still running after ${t}s; sending SIGKILL"
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
    left=$(_wp_sandbox_wait_gone 50 "$@") && return 0
    _wp_sandbox_err "could not stop $label (pid$left)"
    return 1
}

# Server options shared by mariadb-install-db (bootstrap) and mariadbd.
# Durability is traded for speed: this database is thrown away.
_wp_sandbox_server_opts=(
    --skip-name-resolve --skip-log-bin
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M
    --innodb-flush-log-at-trx-commit=0 --skip-innodb-doublewrite
    --innodb-use-native-aio=0
)
# WP_SANDBOX_DURABLE=1 keeps MariaDB's own durability defaults (a log flush
# at each commit, the doublewrite buffer), as a production server runs:
# what benchmarks that compare commit patterns should measure on.
if [[ ${WP_SANDBOX_DURABLE:-0} == 1 ]]; then
    _wp_sandbox_durable_opts=()
    for _wp_sandbox_opt in "${_wp_sandbox_server_opts[@]}"; do
        case $_wp_sandbox_opt in
            --innodb-flush-log-at-trx-commit=0 | --skip-innodb-doublewrite) ;;
            *) _wp_sandbox_durable_opts+=("$_wp_sandbox_opt") ;;
        esac
    done
    _wp_sandbox_server_opts=("${_wp_sandbox_durable_opts[@]}")
    unset _wp_sandbox_durable_opts _wp_sandbox_opt
fi

_wp_sandbox_mariadb_client() {
    local dir=$1
    shift
    mariadb --no-defaults --protocol=socket --socket="$dir/mysql.sock" --user=root "$@"
}

# ---------------------------------------------------------------------------

wp_sandbox_down() {
    local dir
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    [[ -d $dir ]] || return 0

    # PHP's built-in web server, if wp_sandbox_serve started one.
    _wp_sandbox_stop_server "$dir" || return 1

    _wp_sandbox_stop_found "$dir" _wp_sandbox_mariadbd_pids mariadbd mariadbd.pid
}

wp_sandbox_destroy() {
    local dir
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    [[ -e $dir ]] || return 0
    _wp_sandbox_require_dir "$dir" || return 1
    wp_sandbox_down "$dir" || return 1
    rm -rf -- "$dir" || { _wp_sandbox_err "could not remove '$dir'"; return 1; }
}

# ---------------------------------------------------------------------------

# Start mariadbd on DIR's data dir and wait until it answers.
_wp_sandbox_start_mariadb() {
    local dir=$1 sock=$1/mysql.sock log=$1/mariadbd.err t i mariadbd
    mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
    [[ -x $mariadbd ]] || { _wp_sandbox_err "mariadbd not found (run anp_install_packages of scripts/lib/common.sh)"; return 1; }

    # setsid: the server belongs to no terminal or caller's process group, so
    # a Ctrl-C in the calling script does not take it down; its standard
    # streams are redirected so that $(...) or a pipe around the caller does
    # not wait for it. Its own pid file says which process to stop later.
    setsid "$mariadbd" --no-defaults --user=root \
        --datadir="$dir/mysql" --socket="$sock" --skip-networking \
        --pid-file="$dir/mariadbd.pid" --log-error="$log" \
        --tmpdir="$dir/tmp" "${_wp_sandbox_server_opts[@]}" \
        < /dev/null > /dev/null 2>&1 &
    disown $! 2>/dev/null || true

    t=$(_wp_sandbox_timeout)
    for (( i = 0; i < t * 10; i++ )); do
        if [[ -S $sock ]] && _wp_sandbox_mariadb_client "$dir" --connect-timeout=2 -e 'SELECT 1' > /dev/null 2>&1; then
            return 0
        fi
        if [[ -f $log ]] && grep -q -e '\[ERROR\] Aborting' -e 'mariadbd: Shutdown complete' "$log"; then
            _wp_sandbox_err "mariadbd for $dir failed to start"
            _wp_sandbox_tail "$log"
            return 1
        fi
        sleep 0.1
    done
    _wp_sandbox_err "mariadbd for $dir did not answer on $sock within ${t}s"
    _wp_sandbox_tail "$log"
    return 1
}

_wp_sandbox_write_config() {
    local wp=$1 port=$2
    cat > "$wp/wp-config.php" <<PHP
<?php
/*
 * Generated by scripts/lib/wp-sandbox.sh (wp_sandbox_up) for a throwaway,
 * offline sandbox. Replaces the wp-config.php of Debian's package, which
 * reads /etc/wordpress/config-<host>.php. Paths are relative to this file:
 * __DIR__ is <sandbox>/wordpress.
 */

define( 'DB_NAME', '$_WP_SANDBOX_DB_NAME' );
define( 'DB_USER', '$_WP_SANDBOX_DB_USER' );
define( 'DB_PASSWORD', '$_WP_SANDBOX_DB_PASSWORD' );
define( 'DB_HOST', 'localhost:' . dirname( __DIR__ ) . '/mysql.sock' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

\$table_prefix = 'wp_';

/* Fixed salts: fine for a throwaway local site, never for a real one. */
define( 'AUTH_KEY',         'anp-sandbox-auth-key' );
define( 'SECURE_AUTH_KEY',  'anp-sandbox-secure-auth-key' );
define( 'LOGGED_IN_KEY',    'anp-sandbox-logged-in-key' );
define( 'NONCE_KEY',        'anp-sandbox-nonce-key' );
define( 'AUTH_SALT',        'anp-sandbox-auth-salt' );
define( 'SECURE_AUTH_SALT', 'anp-sandbox-secure-auth-salt' );
define( 'LOGGED_IN_SALT',   'anp-sandbox-logged-in-salt' );
define( 'NONCE_SALT',       'anp-sandbox-nonce-salt' );

define( 'WP_HOME', 'http://127.0.0.1:$port' );
define( 'WP_SITEURL', 'http://127.0.0.1:$port' );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
define( 'WP_CONTENT_URL', WP_HOME . '/wp-content' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );

define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', dirname( __DIR__ ) . '/debug.log' );

/* Offline: no cron spawning, no updates, no plugin/theme/language
 * downloads, and WP_Http refuses every host but 127.0.0.1/localhost. */
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'DISALLOW_FILE_MODS', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'FS_METHOD', 'direct' );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
}

_wp_sandbox_write_mu_plugin() {
    local wp=$1
    cat > "$wp/wp-content/mu-plugins/anp-sandbox-offline.php" <<'PHP'
<?php
/*
 * Plugin Name: anp sandbox offline
 * Description: Generated by scripts/lib/wp-sandbox.sh. Keeps pages and
 * wp-admin from pointing browsers at wordpress.org (emoji script, DNS
 * prefetch), drops the update checks, logs each HTTP request that WordPress
 * attempts to debug.log (WP_HTTP_BLOCK_EXTERNAL in wp-config.php refuses
 * them unless they go to 127.0.0.1 or localhost) and shows PHP errors on
 * stderr in command-line runs.
 */
/*
 * WP_DEBUG_DISPLAY is false so that pages and REST/JSON answers stay clean;
 * on the command line (wp_sandbox_php / wp_sandbox_eval) PHP's errors also
 * go to stderr, besides debug.log, so that a failing test shows why.
 */
if ( 'cli' === PHP_SAPI ) {
	ini_set( 'display_errors', 'stderr' );
}

remove_action( 'wp_head', 'print_emoji_detection_script', 7 );
remove_action( 'admin_print_scripts', 'print_emoji_detection_script' );
remove_action( 'wp_print_styles', 'print_emoji_styles' );
remove_action( 'admin_print_styles', 'print_emoji_styles' );
add_filter( 'emoji_svg_url', '__return_false' );
add_filter( 'wp_resource_hints', static function ( $urls, $relation ) {
	return 'dns-prefetch' === $relation ? array() : $urls;
}, 10, 2 );
/* No update checks (they would only be refused and log PHP warnings). */
foreach ( array(
	array( 'init', 'wp_schedule_update_checks' ),
	array( 'admin_init', '_maybe_update_core' ),
	array( 'admin_init', '_maybe_update_plugins' ),
	array( 'admin_init', '_maybe_update_themes' ),
	array( 'load-plugins.php', 'wp_update_plugins' ),
	array( 'load-themes.php', 'wp_update_themes' ),
	array( 'load-update.php', 'wp_update_plugins' ),
	array( 'load-update.php', 'wp_update_themes' ),
	array( 'load-update-core.php', 'wp_update_plugins' ),
	array( 'load-update-core.php', 'wp_update_themes' ),
	array( 'wp_version_check', 'wp_version_check' ),
	array( 'wp_update_plugins', 'wp_update_plugins' ),
	array( 'wp_update_themes', 'wp_update_themes' ),
	array( 'wp_maybe_auto_update', 'wp_maybe_auto_update' ),
) as $anp_sandbox_hook ) {
	remove_action( $anp_sandbox_hook[0], $anp_sandbox_hook[1] );
}
unset( $anp_sandbox_hook );

/* Log every outgoing request WordPress attempts (refused or not). */
add_action( 'http_api_debug', static function ( $response, $context, $class, $args, $url ) {
	error_log( sprintf( 'anp-sandbox: HTTP %s %s -> %s', $args['method'] ?? 'GET', $url,
		is_wp_error( $response ) ? 'error: ' . $response->get_error_message() : wp_remote_retrieve_response_code( $response ) ) );
}, 10, 5 );
PHP
}

# Copy Debian's WordPress into $1 as a self-contained tree: symlinks (into
# /usr/share/php/getid3, /usr/share/javascript, /etc/ssl, /etc/wordpress)
# are replaced by the files they point to.
_wp_sandbox_copy_wordpress() {
    local wp=$1 src=/usr/share/wordpress left
    [[ -f $src/wp-settings.php ]] || { _wp_sandbox_err "$src not found (run anp_install_packages of scripts/lib/common.sh)"; return 1; }
    mkdir -p -- "$wp" || return 1
    # Left out: Debian's wp-config.php (replaced), .htaccess (a link to
    # /etc/wordpress/htaccess, Apache only) and wp-content/languages
    # (wordpress-l10n's translations, when installed; the site is English).
    local -a st=()
    tar -C "$src" --dereference \
        --exclude=./wp-config.php --exclude=./.htaccess --exclude=./wp-content/languages \
        -cf - . | tar -C "$wp" -xf -
    st=("${PIPESTATUS[@]}")
    if [[ ${st[0]} -ne 0 || ${st[1]} -ne 0 ]]; then
        _wp_sandbox_err "copying $src to $wp failed (a dangling symlink in $src?)"
        return 1
    fi
    mkdir -p -- "$wp/wp-content/uploads" "$wp/wp-content/upgrade" \
        "$wp/wp-content/mu-plugins" "$wp/wp-content/languages" || return 1

    left=$(find "$wp" -type l -print -quit)
    if [[ -n $left ]]; then
        _wp_sandbox_err "the WordPress copy still holds a symlink: $left"
        return 1
    fi
    if [[ -L $wp/wp-content || ! -d $wp/wp-content ]]; then
        _wp_sandbox_err "$wp/wp-content is not a real directory"
        return 1
    fi
    local d
    for d in "$wp/wp-content" "$wp/wp-content/plugins" "$wp/wp-content/themes" "$wp/wp-content/uploads"; do
        if [[ -L $d || ! -d $d ]] || ! touch -- "$d/.wp-sandbox-write-test" 2> /dev/null; then
            _wp_sandbox_err "$d is not a writable directory"
            return 1
        fi
        rm -f -- "$d/.wp-sandbox-write-test"
    done
}

wp_sandbox_up() {
    local dir
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    _wp_sandbox_up "$dir" "${2:-}" && return 0
    # Do not leave a half-made sandbox's server running; keep its files.
    if [[ -f $dir/$_WP_SANDBOX_MARKER ]]; then
        wp_sandbox_down "$dir" || true
        _wp_sandbox_note "sandbox not ready; files kept in $dir for inspection"
    fi
    return 1
}

_wp_sandbox_up() {
    local dir plugin_src=${2:-} port=${WP_SANDBOX_PORT:-8089}
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    if ! [[ $port =~ ^[1-9][0-9]{0,4}$ ]] || (( port > 65535 )); then
        _wp_sandbox_err "WP_SANDBOX_PORT must be a TCP port number, got '$port'"
        return 1
    fi
    if [[ -n $plugin_src ]]; then
        if [[ ! -d $plugin_src ]]; then
            _wp_sandbox_err "plugin source '$plugin_src' is not a directory"
            return 1
        fi
        plugin_src=$(realpath -- "$plugin_src") || return 1
    fi
    local sock=$dir/mysql.sock
    if (( ${#sock} > 107 )); then
        _wp_sandbox_err "socket path too long for a unix socket (${#sock} > 107 bytes): $sock"
        return 1
    fi

    # Start clean: stop whatever an older sandbox in DIR left running.
    if [[ -e $dir ]]; then
        if [[ ! -d $dir ]]; then
            _wp_sandbox_err "'$dir' exists and is not a directory"
            return 1
        fi
        if [[ -n $(ls -A -- "$dir") && ! -f $dir/$_WP_SANDBOX_MARKER ]]; then
            _wp_sandbox_err "'$dir' is not empty and was not made by wp_sandbox_up; refusing to wipe it"
            return 1
        fi
        wp_sandbox_down "$dir" || return 1
        rm -rf -- "$dir" || { _wp_sandbox_err "could not remove '$dir'"; return 1; }
    fi
    mkdir -p -- "$dir/tmp" || { _wp_sandbox_err "cannot create '$dir'"; return 1; }
    printf 'port=%s\ncreated=%s\n' "$port" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$dir/$_WP_SANDBOX_MARKER" || return 1

    # 1. MariaDB. --force skips the check that the host name resolves, which
    # fails where /etc/hosts is missing (minimal chroots); only the unix
    # socket is used, so host names do not matter.
    if ! mariadb-install-db --no-defaults --force --user=root --datadir="$dir/mysql" \
            --auth-root-authentication-method=socket --skip-test-db \
            "${_wp_sandbox_server_opts[@]}" > "$dir/mariadb-install-db.log" 2>&1; then
        _wp_sandbox_err "mariadb-install-db failed"
        _wp_sandbox_tail "$dir/mariadb-install-db.log"
        return 1
    fi
    _wp_sandbox_start_mariadb "$dir" || return 1
    if ! _wp_sandbox_mariadb_client "$dir" <<SQL
CREATE DATABASE \`$_WP_SANDBOX_DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '$_WP_SANDBOX_DB_USER'@'localhost' IDENTIFIED BY '$_WP_SANDBOX_DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$_WP_SANDBOX_DB_NAME\`.* TO '$_WP_SANDBOX_DB_USER'@'localhost';
SQL
    then
        _wp_sandbox_err "creating the database and its user failed"
        return 1
    fi

    # 2. WordPress files
    local wp=$dir/wordpress
    _wp_sandbox_copy_wordpress "$wp" || return 1
    _wp_sandbox_write_config "$wp" "$port" || { _wp_sandbox_err "cannot write $wp/wp-config.php"; return 1; }
    _wp_sandbox_write_mu_plugin "$wp" || { _wp_sandbox_err "cannot write the sandbox mu-plugin"; return 1; }

    # 3. Install, then link and activate the plugin
    php "$_WP_SANDBOX_LIB_DIR/wp-install.php" install "$wp" || {
        _wp_sandbox_err "WordPress installation failed"
        _wp_sandbox_tail "$dir/debug.log"
        return 1
    }
    if [[ -n $plugin_src ]]; then
        local slug
        slug=$(basename -- "$plugin_src")
        ln -s -- "$plugin_src" "$wp/wp-content/plugins/$slug" || return 1
        php "$_WP_SANDBOX_LIB_DIR/wp-install.php" activate "$wp" "$slug" || {
            _wp_sandbox_err "activating plugin '$slug' failed"
            _wp_sandbox_tail "$dir/debug.log"
            return 1
        }
    fi

    printf 'wp-sandbox: WordPress  %s\n' "$wp"
    printf 'wp-sandbox: socket     %s\n' "$sock"
    printf 'wp-sandbox: URL        http://127.0.0.1:%s/ (wp_sandbox_serve; admin/admin)\n' "$port"
}

# ---------------------------------------------------------------------------

_wp_sandbox_require_up() {
    local dir=$1
    _wp_sandbox_require_dir "$dir" || return 1
    if [[ ! -f $dir/wordpress/wp-load.php ]]; then
        _wp_sandbox_err "no WordPress in '$dir' (run wp_sandbox_up)"
        return 1
    fi
    local -a pids=()
    mapfile -t pids < <(_wp_sandbox_mariadbd_pids "$dir")
    if [[ ${#pids[@]} -eq 0 || ! -S $dir/mysql.sock ]]; then
        _wp_sandbox_err "the database of '$dir' is not running (wp_sandbox_up starts a fresh sandbox)"
        return 1
    fi
}

wp_sandbox_php() {
    local dir file=${2:-}
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    if [[ -z $file ]]; then
        _wp_sandbox_err "usage: wp_sandbox_php DIR FILE|- [ARGS...]"
        return 1
    fi
    if [[ $file != - && ! -f $file ]]; then
        _wp_sandbox_err "no such PHP file: '$file'"
        return 1
    fi
    _wp_sandbox_require_up "$dir" || return 1
    shift 2
    if [[ $file == - ]]; then
        php -d auto_prepend_file="$dir/wordpress/wp-load.php" -- "$@"
    else
        php -d auto_prepend_file="$dir/wordpress/wp-load.php" -f "$file" -- "$@"
    fi
}

wp_sandbox_eval() {
    local dir code=${2:-}
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    if [[ -z $code ]]; then
        _wp_sandbox_err "usage: wp_sandbox_eval DIR CODE [ARGS...]"
        return 1
    fi
    _wp_sandbox_require_up "$dir" || return 1
    shift 2
    WP_SANDBOX_WP_LOAD="$dir/wordpress/wp-load.php" \
        php -r 'require getenv("WP_SANDBOX_WP_LOAD");'"$code" -- "$@"
}

wp_sandbox_mysql() {
    local dir
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    _wp_sandbox_require_up "$dir" || return 1
    shift
    _wp_sandbox_mariadb_client "$dir" "$@"
}

wp_sandbox_serve() {
    local dir port want pid='' workers=${WP_SANDBOX_SERVER_WORKERS:-4}
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    _wp_sandbox_require_up "$dir" || return 1
    if ! [[ $workers =~ ^[1-9][0-9]?$ ]]; then
        _wp_sandbox_err "WP_SANDBOX_SERVER_WORKERS must be a number from 1 to 99, got '$workers'"
        return 1
    fi
    want=$(sed -n 's/^port=//p' "$dir/$_WP_SANDBOX_MARKER")
    port=${2:-$want}
    if [[ $port != "$want" ]]; then
        _wp_sandbox_err "'$dir' was set up for port $want (WP_HOME); set WP_SANDBOX_PORT=$port before wp_sandbox_up to serve on $port"
        return 1
    fi

    # Replace a server started earlier for this sandbox.
    _wp_sandbox_stop_server "$dir" || return 1
    if (: < "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
        _wp_sandbox_err "something already listens on 127.0.0.1:$port"
        return 1
    fi

    local log=$dir/php-server.log
    : > "$log" || return 1
    rm -f -- "$dir/php-server.pid"
    # The server runs in its own session (a Ctrl-C in the caller does not
    # stop it; wp_sandbox_down does), with its standard streams redirected so
    # that $(...) or a pipe around the caller does not wait for it. setsid may
    # fork, so the pid is written by the shell that then execs php.
    # Workers: WordPress makes loopback requests (Site Health, the plugin
    # editor), which a single-process server cannot answer while it is busy
    # with the request that makes them; a browser fetches in parallel too.
    # shellcheck disable=SC2016 # expanded by the inner bash
    WP_SANDBOX_PIDFILE="$dir/php-server.pid" PHP_CLI_SERVER_WORKERS="$workers" setsid bash -c \
        'echo $$ > "$WP_SANDBOX_PIDFILE" && exec php -S "$0" -t "$1"' \
        "127.0.0.1:$port" "$dir/wordpress" < /dev/null >> "$log" 2>&1 &
    disown $! 2> /dev/null || true

    local t i
    t=$(_wp_sandbox_timeout)
    for (( i = 0; i < 50; i++ )); do
        pid=$(head -n 1 -- "$dir/php-server.pid" 2> /dev/null) && [[ -n $pid ]] && break
        sleep 0.1
    done
    for (( i = 0; i < t * 10; i++ )); do
        if ! _wp_sandbox_alive "$pid"; then
            _wp_sandbox_stop_server "$dir" || true
            _wp_sandbox_err "php -S on 127.0.0.1:$port exited"
            _wp_sandbox_tail "$log"
            return 1
        fi
        if (: < "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
            printf 'wp-sandbox: serving    http://127.0.0.1:%s/ (pid %s, log %s)\n' "$port" "$pid" "$log"
            return 0
        fi
        sleep 0.1
    done
    _wp_sandbox_err "php -S did not listen on 127.0.0.1:$port within ${t}s"
    _wp_sandbox_tail "$log"
    _wp_sandbox_stop_server "$dir" || true
    return 1
}

wp_sandbox_free_port() {
    local port=${1:-8089}
    # A connection that succeeds means a listener; 100 ports is plenty.
    while (( port < ${1:-8089} + 100 && port <= 65535 )); do
        if ! (: < "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
            printf '%s\n' "$port"
            return 0
        fi
        port=$(( port + 1 ))
    done
    _wp_sandbox_err "no free port on 127.0.0.1 from ${1:-8089} to $(( port - 1 ))"
    return 1
}
