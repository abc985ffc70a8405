#!/usr/bin/env bash
# A local MariaDB primary and replica (classic asynchronous replication,
# GTID-based), for issue 11: what an import reads to decide what to write
# must come from the primary. Sourced by scripts/replica, which documents
# the subcommands.
#
#   DIR/primary/, DIR/replica/   each: mysql/ (data), mysql.sock, mariadbd.err, mariadbd.pid
#   127.0.0.1:<REPLICA_BASE_PORT + 1>  the primary (default base 3330)
#   127.0.0.1:<REPLICA_BASE_PORT + 2>  the replica (read_only)

source "$(dirname "${BASH_SOURCE[0]}")/server-dirs.sh"

_replica_err() { printf 'replica: error: %s\n' "$*" >&2; }

_replica_port() { # primary|replica
    local base=${REPLICA_BASE_PORT:-3330}
    [[ $1 == primary ]] && echo $(( base + 1 )) || echo $(( base + 2 ))
}

_replica_client() { # dir, role, client args...
    local dir=$1 role=$2
    shift 2
    mariadb --no-defaults --user=root --socket="$dir/$role/mysql.sock" "$@"
}

_replica_start() { # dir, role, server id, extra options...
    local dir=$1 role=$2 id=$3 t k mariadbd
    shift 3
    mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
    setsid "$mariadbd" --no-defaults --user=mysql \
        --datadir="$dir/$role/mysql" --socket="$dir/$role/mysql.sock" \
        --port="$(_replica_port "$role")" --bind-address=127.0.0.1 \
        --pid-file="$dir/$role/mariadbd.pid" --log-error="$dir/$role/mariadbd.err" \
        --tmpdir="$dir/$role/tmp" --skip-name-resolve \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size="${REPLICA_BUFFER_POOL:-64M}" --innodb-log-file-size=16M \
        --server-id="$id" --log-bin="$dir/$role/mysql/binlog" --binlog-format=ROW \
        "$@" < /dev/null > /dev/null 2>&1 &
    disown $! 2> /dev/null || true
    t=${REPLICA_TIMEOUT:-60}
    for (( k = 0; k < t * 5; k++ )); do
        _replica_client "$dir" "$role" --connect-timeout=2 -e 'SELECT 1' > /dev/null 2>&1 && return 0
        sleep 0.2
    done
    _replica_err "the $role of $dir did not answer within ${t}s"
    tail -n 20 "$dir/$role/mariadbd.err" >&2
    return 1
}

replica_up() {
    local dir=${1:?usage: replica up DIR}
    local role
    dir=$(realpath -m -- "$dir")
    replica_down "$dir" 2> /dev/null || true
    server_dir_fresh replica "$dir" .replica "a pair" || return 1
    for role in primary replica; do
        server_dir_install replica "$dir/$role" "the $role" || return 1
    done
    chown -R mysql: "$dir"
    _replica_start "$dir" primary 1 || { replica_down "$dir"; return 1; }
    _replica_start "$dir" replica 2 --read-only=ON --relay-log="$dir/replica/mysql/relay" || { replica_down "$dir"; return 1; }
    # Everything from here on is in the primary's binary log, which the
    # replica reads from its start: the database and users come to it too.
    _replica_client "$dir" primary -e "CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'; CREATE DATABASE wordpress; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY 'wordpress'; CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost'; GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';" || { replica_down "$dir"; return 1; }
    _replica_client "$dir" replica -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$(_replica_port primary), MASTER_USER='repl', MASTER_PASSWORD='repl', MASTER_USE_GTID=slave_pos; START SLAVE;" || { replica_down "$dir"; return 1; }
    replica_status "$dir"
}

replica_status() {
    local dir=${1:?usage: replica status DIR}
    printf 'primary %s port %s: ' "$dir/primary/mysql.sock" "$(_replica_port primary)"
    _replica_client "$dir" primary -N -e 'SELECT @@gtid_binlog_pos' 2> /dev/null | sed 's/^/gtid /' || echo down
    printf 'replica %s port %s: ' "$dir/replica/mysql.sock" "$(_replica_port replica)"
    _replica_client "$dir" replica -e 'SHOW SLAVE STATUS\G' 2> /dev/null | awk '/Slave_IO_Running:|Slave_SQL_Running:|Seconds_Behind_Master:|Gtid_IO_Pos:|Last_Error:/ { $1 = $1; printf "%s ", $0 } END { print "" }' || echo down
}

# Waits until the replica has applied everything the primary wrote.
replica_sync() {
    local dir=${1:?usage: replica sync DIR}
    local pos
    pos=$(_replica_client "$dir" primary -N -e 'SELECT @@gtid_binlog_pos') || return 1
    [[ $(_replica_client "$dir" replica -N -e "SELECT MASTER_GTID_WAIT('$pos', ${REPLICA_TIMEOUT:-60})") == 0 ]] || { _replica_err "the replica did not reach $pos"; return 1; }
}

replica_down() {
    local dir=${1:?usage: replica down DIR}
    local role pid k
    for role in replica primary; do
        pid=$(cat "$dir/$role/mariadbd.pid" 2> /dev/null) || continue
        kill -TERM "$pid" 2> /dev/null || continue
        for (( k = 0; k < 300; k++ )); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2> /dev/null && kill -KILL "$pid" 2> /dev/null
        rm -f "$dir/$role/mariadbd.pid"
    done
    return 0
}
