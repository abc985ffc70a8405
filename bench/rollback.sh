#!/usr/bin/env bash
# Rollback benchmark: posts/s and peak memory of `wp anp rollback`, against
# the rollback as it was before its bulk path (one post at a time, kept as a
# baseline in bench/rollback-run.php), measured in the same run, each on a
# fresh WordPress + MariaDB (var/bench-rollback). Two batches: an import's
# new posts (deleted), and an import of the same files changed (restored).
#
#   [ANP_BENCH_DURABLE=0] bash bench/rollback.sh [FILES]      (default 2000; as root, after scripts/test.sh or demo.sh built the extension)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
# A production server flushes its log at each commit (MariaDB's default);
# ANP_BENCH_DURABLE=0 measures on the sandbox's fast, unsafe settings instead.
export WP_SANDBOX_DURABLE=${ANP_BENCH_DURABLE:-1}

files=${1:-2000}
site="$ANP_ROOT/var/bench-rollback"
corpus="$ANP_ROOT/bench/out/corpus-1-$files"
changed="$ANP_ROOT/bench/out/corpus-1-$files-changed"
[ -d "$corpus" ] || php "$ANP_ROOT/tools/generate-corpus.php" --count="$files" --seed=1 --out="$corpus" >/dev/null
if [ ! -d "$changed" ]; then
	# The same posts (same references), each with a changed title.
	cp -r "$corpus" "$changed.tmp"
	sed -i '3s/$/ (revised)/' "$changed.tmp"/*.txt
	mv "$changed.tmp" "$changed"
fi

ext="-d extension=$ANP_ROOT/modules/anp.so"
wp_php() { # script, args...
	# shellcheck disable=SC2086
	php $ext -d auto_prepend_file="$site/wordpress/wp-load.php" "$@"
}

run() { # label, mode (loop|plugin), action (created|updated)
	local label=$1 mode=$2 action=$3 work="$ANP_ROOT/var/bench-rollback-files"
	"$ANP_ROOT/scripts/sandbox" up "$site" "$ANP_ROOT/wordpress-plugin/anp-importer" >/dev/null 2>&1
	# Both imports read the same paths, so the second finds the posts of the first.
	rm -rf "$work"
	cp -r "$corpus" "$work"
	wp_php "$ANP_ROOT/bench/import-run.php" plugin "$work" "$files" >/dev/null
	if [ "$action" = updated ]; then
		cp "$changed"/*.txt "$work"/
		wp_php "$ANP_ROOT/bench/import-run.php" plugin "$work" "$files" >/dev/null
	fi
	printf '%s\t%s\n' "$label" "$(wp_php "$ANP_ROOT/bench/rollback-run.php" "$mode" "$action" 2>/dev/null | tail -1)"
	rm -rf "$work"
}

{
	run "created, one by one (baseline)" loop created
	run "created, plugin" plugin created
	run "updated, one by one (baseline)" loop updated
	run "updated, plugin" plugin updated
} | php -r '
	$rows = [];
	while (($line = fgets(STDIN)) !== false) {
		[$label, $json] = explode("\t", rtrim($line), 2);
		$rows[$label] = json_decode($json, true);
	}
	$rate = fn($r) => $r["posts"] / $r["seconds"];
	printf("%-32s %8s %10s %10s %12s %12s %9s\n", "rollback", "posts", "seconds", "posts/s", "queries/post", "peak memory", "vs base");
	foreach ($rows as $label => $r) {
		$base = $rows[strtok($label, ",") . ", one by one (baseline)"];
		printf("%-32s %8d %10.2f %10.0f %12.1f %9.1f MB %8.1fx\n", $label, $r["posts"], $r["seconds"], $rate($r), $r["queries"] / $r["posts"], $r["peak"] / 1048576, $rate($r) / $rate($base));
	}
'
"$ANP_ROOT/scripts/sandbox" down "$site" >/dev/null 2>&1
