# shellcheck shell=bash
#
# wp-sandbox.sh: the shell half of the throwaway WordPress + MariaDB sandbox
# (Debian 12). It starts and stops mariadbd and `php -S`, finds them again
# by their command lines, and runs php and the mariadb client on a sandbox.
# Everything that makes the site (the database, the WordPress files,
# wp-config.php, the mu-plugin, the install, the plugin's activation) is PHP
# in scripts/lib/sandbox/, which wp_sandbox_up calls.
#
# Callers run scripts/sandbox, which documents the subcommands, their output
# and the environment: `scripts/sandbox up` is wp_sandbox_up here,
# `free-port` is wp_sandbox_free_port, and so on. Sourcing this file defines
# functions and changes no shell options, so it works with or without
# `set -euo pipefail`. Every function returns non-zero and writes
# "wp-sandbox: error: ..." to stderr when it fails.

_WP_SANDBOX_LIB_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
_WP_SANDBOX_MARKER=.wp-sandbox

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
        _wp_sandbox_err "'$dir' is not a sandbox made by scripts/sandbox up (no $_WP_SANDBOX_MARKER)"
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
# Durability is traded for speed: this database is thrown away. The buffer
# pool is small for the tests' small sites, many of which run at once;
# WP_SANDBOX_BUFFER_POOL sets it (a benchmark whose site is larger than 64M
# would otherwise measure InnoDB reading its pages again on every pass), and
# WP_SANDBOX_LOG_FILE_SIZE the redo log (16M; MariaDB's own default is 96M,
# which a benchmark that writes a large site should keep).
_wp_sandbox_server_opts=(
    --skip-name-resolve --skip-log-bin
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
    --innodb-buffer-pool-size="${WP_SANDBOX_BUFFER_POOL:-64M}" --innodb-log-file-size="${WP_SANDBOX_LOG_FILE_SIZE:-16M}"
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
            _wp_sandbox_err "'$dir' is not empty and was not made by scripts/sandbox up; refusing to wipe it"
            return 1
        fi
        wp_sandbox_down "$dir" || return 1
        rm -rf -- "$dir" || { _wp_sandbox_err "could not remove '$dir'"; return 1; }
    fi
    mkdir -p -- "$dir/tmp" || { _wp_sandbox_err "cannot create '$dir'"; return 1; }
    printf 'port=%s\ncreated=%s\n' "$port" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$dir/$_WP_SANDBOX_MARKER" || return 1

    # 1. MariaDB. --force skips the check that the host name resolves, which
    # fails where /etc/hosts is missing (minimal chroots); only the unix
    # socket is used, so host names do not matter. --tmpdir as for mariadbd:
    # a starting server deletes every #sql* file in its tmpdir, so two
    # sandboxes made at once in the shared /tmp would delete each other's
    # temporary tables ("Unknown table 'mysql.tmp_user_sys'").
    if [[ -n ${WP_SANDBOX_DB_SOCKET:-} ]]; then
        # A server this sandbox does not own (a node of scripts/galera, the
        # primary of scripts/replica): its socket, linked where WordPress
        # and the tests look; `down` leaves that server running.
        if [[ ! -S $WP_SANDBOX_DB_SOCKET ]]; then
            _wp_sandbox_err "WP_SANDBOX_DB_SOCKET '$WP_SANDBOX_DB_SOCKET' is not a socket"
            return 1
        fi
        ln -s -- "$(realpath -- "$WP_SANDBOX_DB_SOCKET")" "$sock" || return 1
    else
        if ! mariadb-install-db --no-defaults --force --user=root --datadir="$dir/mysql" \
                --tmpdir="$dir/tmp" --auth-root-authentication-method=socket --skip-test-db \
                "${_wp_sandbox_server_opts[@]}" > "$dir/mariadb-install-db.log" 2>&1; then
            _wp_sandbox_err "mariadb-install-db failed"
            _wp_sandbox_tail "$dir/mariadb-install-db.log"
            return 1
        fi
        _wp_sandbox_start_mariadb "$dir" || return 1
    fi

    # 2. The database and the WordPress files (prepare.php), then 3. the
    # install and the plugin's activation (wp-install.php).
    local wp=$dir/wordpress
    php "$_WP_SANDBOX_LIB_DIR/sandbox/prepare.php" "$dir" "$port" "$plugin_src" || return 1
    php "$_WP_SANDBOX_LIB_DIR/sandbox/wp-install.php" install "$wp" || {
        _wp_sandbox_err "WordPress installation failed"
        _wp_sandbox_tail "$dir/debug.log"
        return 1
    }
    if [[ -n $plugin_src ]]; then
        local slug
        slug=$(basename -- "$plugin_src")
        php "$_WP_SANDBOX_LIB_DIR/sandbox/wp-install.php" activate "$wp" "$slug" || {
            _wp_sandbox_err "activating plugin '$slug' failed"
            _wp_sandbox_tail "$dir/debug.log"
            return 1
        }
    fi

    printf 'wp-sandbox: WordPress  %s\n' "$wp"
    printf 'wp-sandbox: socket     %s\n' "$sock"
    printf 'wp-sandbox: URL        http://127.0.0.1:%s/ (scripts/sandbox serve; admin/admin)\n' "$port"
}

# ---------------------------------------------------------------------------

_wp_sandbox_require_up() {
    local dir=$1
    _wp_sandbox_require_dir "$dir" || return 1
    if [[ ! -f $dir/wordpress/wp-load.php ]]; then
        _wp_sandbox_err "no WordPress in '$dir' (run scripts/sandbox up)"
        return 1
    fi
    local -a pids=()
    mapfile -t pids < <(_wp_sandbox_mariadbd_pids "$dir")
    if [[ ${#pids[@]} -eq 0 || ! -S $dir/mysql.sock ]]; then
        _wp_sandbox_err "the database of '$dir' is not running (scripts/sandbox up starts a fresh sandbox)"
        return 1
    fi
}

wp_sandbox_php() {
    local dir file=${2:-}
    dir=$(_wp_sandbox_dir "${1:-}") || return 1
    if [[ -z $file ]]; then
        _wp_sandbox_err "usage: scripts/sandbox php DIR FILE|- [ARGS...]"
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
        _wp_sandbox_err "usage: scripts/sandbox eval DIR CODE [ARGS...]"
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
        _wp_sandbox_err "'$dir' was set up for port $want (WP_HOME); set WP_SANDBOX_PORT=$port before scripts/sandbox up to serve on $port"
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
    # stop it; scripts/sandbox down does), with its standard streams redirected so
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
