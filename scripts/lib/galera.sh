#!/usr/bin/env bash
# A local MariaDB Galera cluster for the tests and benchmarks of issue 11:
# NODES mariadbd processes on this machine (default 3), each with its own
# data directory, socket and ports, replicating through Debian's galera-4.
# Sourced by scripts/galera, which documents the subcommands.
#
# Node i (1-based) of a cluster in DIR:
#   DIR/node<i>/mysql/       data directory
#   DIR/node<i>/mysql.sock   its socket (clients: user root over the socket)
#   DIR/node<i>/mariadbd.err, mariadbd.pid
#   127.0.0.1:<GALERA_BASE_PORT + i>          the SQL port (default base 3320)
#   127.0.0.1:<GALERA_GCOMM_PORT + 10 * i>    group communication (default 4557),
#                                             +1 incremental state transfer, +2 rsync SST
# Every node is made with mariadb-install-db; the first starts a new cluster
# (--wsrep-new-cluster) and the others join it, receiving its state by rsync.
# The servers run as the user mysql; root reaches them over their sockets.
# GALERA_BUFFER_POOL (default 64M) and GALERA_LOG_FILE_SIZE (16M) size each
# node's InnoDB: small for the tests, production's for the benchmark.

source "$(dirname "${BASH_SOURCE[0]}")/server-dirs.sh"

_galera_err() { printf 'galera: error: %s\n' "$*" >&2; }
_galera_note() { printf 'galera: %s\n' "$*" >&2; }

_galera_provider() {
    local p
    for p in /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so; do
        [[ -f $p ]] && { echo "$p"; return 0; }
    done
    _galera_err "libgalera_smm.so not found (Debian package galera-4)"
    return 1
}

_galera_nodes() { echo "${GALERA_NODES:-3}"; }
_galera_sql_port() { echo $(( ${GALERA_BASE_PORT:-3320} + $1 )); }
_galera_gcomm_port() { echo $(( ${GALERA_GCOMM_PORT:-4557} + 10 * $1 )); }

# The options of node $2 of the cluster in $1.
_galera_node_opts() {
    local dir=$1 i=$2 n gport provider address="" j
    n=$(_galera_nodes)
    gport=$(_galera_gcomm_port "$i")
    provider=$(_galera_provider) || return 1
    for (( j = 1; j <= n; j++ )); do
        address+="${address:+,}127.0.0.1:$(_galera_gcomm_port "$j")"
    done
    printf '%s\n' \
        --no-defaults --user=mysql \
        --datadir="$dir/node$i/mysql" --socket="$dir/node$i/mysql.sock" \
        --port="$(_galera_sql_port "$i")" --bind-address=127.0.0.1 \
        --pid-file="$dir/node$i/mariadbd.pid" --log-error="$dir/node$i/mariadbd.err" \
        --tmpdir="$dir/node$i/tmp" --skip-name-resolve \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size="${GALERA_BUFFER_POOL:-64M}" --innodb-log-file-size="${GALERA_LOG_FILE_SIZE:-16M}" \
        --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
        --wsrep-on=ON --wsrep-provider="$provider" --wsrep-cluster-name=anp-galera \
        --wsrep-cluster-address="gcomm://$address" \
        --wsrep-node-name="node$i" --wsrep-node-address="127.0.0.1:$gport" \
        --wsrep-node-incoming-address="127.0.0.1:$(_galera_sql_port "$i")" \
        --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$gport;ist.recv_addr=127.0.0.1:$(( gport + 1 ))" \
        --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$(( gport + 2 ))"
}

_galera_client() { # dir, node, client args...
    local dir=$1 i=$2
    shift 2
    mariadb --no-defaults --user=root --socket="$dir/node$i/mysql.sock" "$@"
}

# Waits until node $2 answers and is Synced with the cluster.
_galera_wait_synced() {
    local dir=$1 i=$2 t=${GALERA_TIMEOUT:-120} k state
    for (( k = 0; k < t * 5; k++ )); do
        state=$(_galera_client "$dir" "$i" --connect-timeout=2 -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2> /dev/null | awk '{print $2}')
        [[ $state == Synced ]] && return 0
        if ! kill -0 "$(cat "$dir/node$i/mariadbd.pid" 2> /dev/null || echo 0)" 2> /dev/null && (( k > 25 )); then
            _galera_err "node $i of $dir is not running"
            tail -n 20 "$dir/node$i/mariadbd.err" >&2
            return 1
        fi
        sleep 0.2
    done
    _galera_err "node $i of $dir was not Synced within ${t}s (state: ${state:-no answer})"
    tail -n 20 "$dir/node$i/mariadbd.err" >&2
    return 1
}

_galera_start_node() { # dir, node, extra options...
    local dir=$1 i=$2 mariadbd
    shift 2
    local -a opts
    mapfile -t opts < <(_galera_node_opts "$dir" "$i") || return 1
    mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
    setsid "$mariadbd" "${opts[@]}" "$@" < /dev/null > /dev/null 2>&1 &
    disown $! 2> /dev/null || true
    _galera_wait_synced "$dir" "$i"
}

galera_up() {
    local dir=${1:?usage: galera up DIR}
    local n i
    n=$(_galera_nodes)
    dir=$(realpath -m -- "$dir")
    galera_down "$dir" 2> /dev/null || true
    server_dir_fresh galera "$dir" .galera "a cluster" || return 1
    for (( i = 1; i <= n; i++ )); do
        server_dir_install galera "$dir/node$i" "node $i" || return 1
    done
    # The servers run as mysql (the Debian package's user): a joiner receives
    # its state by rsync, whose daemon, started by root, would run as nobody.
    chown -R mysql: "$dir"
    _galera_start_node "$dir" 1 --wsrep-new-cluster || { galera_down "$dir"; return 1; }
    for (( i = 2; i <= n; i++ )); do
        _galera_start_node "$dir" "$i" || { galera_down "$dir"; return 1; }
    done
    _galera_client "$dir" 1 -e "CREATE DATABASE IF NOT EXISTS wordpress; CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wordpress'; CREATE USER IF NOT EXISTS 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost'; GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';" || { galera_down "$dir"; return 1; }
    galera_status "$dir"
}

galera_status() {
    local dir=${1:?usage: galera status DIR}
    local n i
    n=$(_galera_nodes)
    for (( i = 1; i <= n; i++ )); do
        printf 'node%d %s port %s: ' "$i" "$dir/node$i/mysql.sock" "$(_galera_sql_port "$i")"
        _galera_client "$dir" "$i" -N -e "SELECT CONCAT((SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'wsrep_local_state_comment'), ', cluster size ', (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'wsrep_cluster_size'), ', auto_increment_increment ', @@auto_increment_increment)" 2> /dev/null || echo down
    done
}

galera_down() {
    local dir=${1:?usage: galera down DIR}
    local n i pid k
    n=$(_galera_nodes)
    # The joiners first, the node that started the cluster last.
    for (( i = n; i >= 1; i-- )); do
        pid=$(cat "$dir/node$i/mariadbd.pid" 2> /dev/null) || continue
        kill -TERM "$pid" 2> /dev/null || continue
        for (( k = 0; k < 300 && $(kill -0 "$pid" 2> /dev/null && echo 1 || echo 0); k++ )); do sleep 0.2; done
        kill -0 "$pid" 2> /dev/null && kill -KILL "$pid" 2> /dev/null
        rm -f "$dir/node$i/mariadbd.pid"
    done
    return 0
}
