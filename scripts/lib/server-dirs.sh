#!/usr/bin/env bash
# The folder of a set of local MariaDB servers run as the user mysql
# (galera.sh's nodes, replica.sh's primary and replica), sourced by both.

# server_dir_fresh PREFIX DIR MARKER WHAT
# Empties DIR and makes it again, marked with DIR/MARKER, for mysql to
# write in. Refuses a DIR that is not empty and has no MARKER ("not WHAT
# this script made"), and a DIR mysql cannot reach. Errors on stderr,
# after "PREFIX: error: ".
server_dir_fresh() {
    local prefix=$1 dir=$2 marker=$3 what=$4
    if [[ -e $dir && ! -f $dir/$marker ]] && [[ -n $(ls -A -- "$dir" 2> /dev/null) ]]; then
        printf '%s: error: %s is not empty and not %s this script made\n' "$prefix" "$dir" "$what" >&2
        return 1
    fi
    rm -rf -- "$dir"
    mkdir -p -- "$dir" && touch "$dir/$marker"
    chown mysql: "$dir"
    if ! runuser -u mysql -- test -w "$dir" 2> /dev/null; then
        printf '%s: error: %s\n' "$prefix" "the user mysql, who runs the servers, cannot reach $dir (a parent folder closed to others, such as /root?); put it under /tmp or another open folder" >&2
        return 1
    fi
}

# server_dir_install PREFIX DIR/NAME LABEL
# A new data directory in DIR/NAME/mysql (and DIR/NAME/tmp), made by
# mariadb-install-db for the user mysql; LABEL names the server in an error.
server_dir_install() {
    local prefix=$1 home=$2 label=$3
    mkdir -p "$home/tmp"
    if ! mariadb-install-db --no-defaults --user=mysql --datadir="$home/mysql" \
            --auth-root-authentication-method=socket > "$home/install-db.log" 2>&1; then
        printf '%s: error: mariadb-install-db failed for %s\n' "$prefix" "$label" >&2
        tail -n 20 "$home/install-db.log" >&2
        return 1
    fi
}
