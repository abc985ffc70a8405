#!/usr/bin/env bash
# Worst-case benchmark of the parsers (bench/worst-case.php says what it
# measures): the worktree's build of the extension and the plugin's pure-PHP
# parser, unless --extension= and --parse-dir= name others, such as a build
# of an older commit:
#
#   bash bench/worst-case.sh [--cases=map_then_objects,stray_meta] [--timeout=60]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f modules/anp.so ] && [[ " $* " != *" --extension="* ]]; then
	echo "bench/worst-case.sh: build the extension first (phpize && ./configure && make)" >&2
	exit 2
fi
exec php -n bench/worst-case.php "$@"
