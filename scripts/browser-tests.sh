#!/usr/bin/env bash
# Runs the plugin's real-browser tests (wordpress-plugin/anp-importer/tests/browser/*.test.mjs)
# on a WordPress sandbox of their own, as root on Debian 12:
#   1. installs the Debian packages (ANP_SKIP_PACKAGES=1 skips it; scripts/test.sh
#      has installed them already) and builds the extension if modules/anp.so is missing,
#   2. brings up a fresh sandbox (scripts/sandbox up) with the plugin
#      active and serves it with php -S (scripts/sandbox serve),
#   3. installs playwright-core from package-lock.json (npm ci),
#   4. runs the tests with node --test; each test file imports the ANP files
#      it needs itself (lib/sandbox.mjs) and drives Debian's chromium.
# The sandbox is stopped however the run ends; its files are removed after a
# run that passed and kept after one that failed, for a look.
# Prints node's TAP report ("# pass N", "# fail N" at the end); the exit code is node's.
#
# Environment:
#   ANP_BROWSER_WP_DIR  the sandbox folder (default var/browser-wp; other
#                       sandboxes use var/test-wp and var/demo)
#   ANP_BROWSER_PORT    its port (default: the first free one from 8091, so
#                       that a demo site left running is no obstacle)
#   ANP_BROWSER_CORPUS_COUNT, ANP_BROWSER_CORPUS_SEED  the generated posts
#                       the block-editor test opens (default 20 posts)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ANP_ROOT"

sandbox=${ANP_BROWSER_WP_DIR:-$ANP_ROOT/var/browser-wp}
export WP_SANDBOX_PORT=${ANP_BROWSER_PORT:-$("$ANP_ROOT/scripts/sandbox" free-port 8091)}
tests_dir=$ANP_ROOT/wordpress-plugin/anp-importer/tests/browser

[ "${ANP_SKIP_PACKAGES:-0}" = 1 ] || anp_install_packages
[ -f modules/anp.so ] || anp_build_extension

# One run at a time on this sandbox: a second would wipe it under the first.
# The lock goes with the process.
mkdir -p "$(dirname "$sandbox")"
exec {lock_fd}>"$sandbox.lock"
if ! flock -n "$lock_fd"; then
	echo "browser-tests: another run uses $sandbox; waiting for it to end" >&2
	flock "$lock_fd"
fi

finish() {
	local status=$?
	if [ "$status" = 0 ]; then
		"$ANP_ROOT/scripts/sandbox" destroy "$sandbox" || true
	else
		"$ANP_ROOT/scripts/sandbox" down "$sandbox" || true
		echo "browser-tests: failed (exit $status); sandbox files kept in $sandbox (debug.log, php-server.log)" >&2
	fi
}
trap finish EXIT

anp_log "browser tests: WordPress sandbox in $sandbox on port $WP_SANDBOX_PORT"
"$ANP_ROOT/scripts/sandbox" up "$sandbox" wordpress-plugin/anp-importer >/dev/null
"$ANP_ROOT/scripts/sandbox" serve "$sandbox" "$WP_SANDBOX_PORT"

anp_log "browser tests: npm ci (playwright-core)"
(cd "$tests_dir" && npm ci --no-audit --no-fund --loglevel=error)

anp_log "browser tests: node --test in chromium ($(chromium --version 2>/dev/null | head -1))"
cd "$tests_dir"
# One file at a time: the files share one WordPress (its settings, the
# plugin's import lock) and its few php -S workers; node would otherwise run
# as many at once as the machine has cores but one.
ANP_BROWSER_BASE_URL="http://127.0.0.1:$WP_SANDBOX_PORT" \
	ANP_BROWSER_WP_DIR="$sandbox" \
	ANP_BROWSER_EXTENSION="$ANP_ROOT/modules/anp.so" \
	node --test --test-concurrency=1 --test-reporter=tap ./*.test.mjs
