#!/usr/bin/env bash
# Import at scale: posts/s and peak memory of the plugin's import with 1, 2
# and 4 workers (`anp import --workers=<n>`) on one MariaDB, and with 3
# workers on a three-node Galera cluster (scripts/galera), one worker on
# each node as on three machines; each on a fresh site, the posts
# published, the whole command timed (start to exit, as a user sees it).
# The ratio is to the one-worker run of the same run. Then, given a second
# count, one worker on that many posts, to show that its memory stays flat.
#
#   bash bench/import-workers.sh [FILES [BIG]]
#       (default 10000, and no big run; as root, after scripts/test.sh or
#       demo.sh built the extension)
#
# Memory is the largest resident set of any process of a run (PHP, its
# extensions, WordPress and what the import holds), from getrusage().
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
# Production's settings, as bench/import.sh: a log flush at each commit, a
# buffer pool that holds the site, MariaDB's default redo log.
export WP_SANDBOX_DURABLE=${ANP_BENCH_DURABLE:-1}
export WP_SANDBOX_BUFFER_POOL=${ANP_BENCH_BUFFER_POOL:-256M}
export WP_SANDBOX_LOG_FILE_SIZE=${ANP_BENCH_LOG_FILE_SIZE:-96M}
export GALERA_BUFFER_POOL=$WP_SANDBOX_BUFFER_POOL GALERA_LOG_FILE_SIZE=$WP_SANDBOX_LOG_FILE_SIZE

files=${1:-10000}
big=${2:-}
site="$ANP_ROOT/var/bench-workers"
# The cluster's servers run as mysql, who may not reach the project's folder.
cluster=$(mktemp -d /tmp/anp-bench-galera.XXXXXX)
chmod 755 "$cluster"
trap '"$ANP_ROOT/scripts/sandbox" down "$site" >/dev/null 2>&1 || true; "$ANP_ROOT/scripts/galera" down "$cluster" >/dev/null 2>&1 || true; rm -rf -- "$cluster"' EXIT

corpus() { # count: the generated corpus of that many files
	local dir="$ANP_ROOT/bench/out/corpus-1-$1"
	[ -d "$dir" ] || php "$ANP_ROOT/tools/generate-corpus.php" --count="$1" --seed=1 --out="$dir" >/dev/null
	printf '%s' "$dir"
}

run() { # label, corpus, workers [DB_HOST...]: a fresh site, then the import
	local label=$1 dir=$2 workers=$3
	shift 3
	"$ANP_ROOT/scripts/sandbox" up "$site" "$ANP_ROOT/wordpress-plugin/anp-importer" >/dev/null 2>&1
	# The disk written out first: the last run's files would share it.
	sync
	sleep 2
	local result
	if result=$(php "$ANP_ROOT/bench/import-workers-run.php" "$site/wordpress" "$dir" "$workers" "$@" | tail -1); then
		printf '%s\t%s\n' "$label" "$result"
	else
		printf '%s\tnull\n' "$label"
	fi
}

ten=$(corpus "$files")
{
	run "1 worker" "$ten" 1
	run "2 workers" "$ten" 2
	run "4 workers" "$ten" 4
	"$ANP_ROOT/scripts/galera" up "$cluster" >/dev/null
	WP_SANDBOX_DB_SOCKET="$cluster/node1/mysql.sock" run "Galera, 3 nodes, a worker each" "$ten" 3 \
		"localhost:$cluster/node1/mysql.sock" "localhost:$cluster/node2/mysql.sock" "localhost:$cluster/node3/mysql.sock"
	"$ANP_ROOT/scripts/sandbox" down "$site" >/dev/null 2>&1
	"$ANP_ROOT/scripts/galera" down "$cluster" >/dev/null
	if [ -n "$big" ]; then
		run "1 worker, $big posts" "$(corpus "$big")" 1
	fi
} | php "$ANP_ROOT/bench/print-table.php" "1 worker" "vs 1" above
