#!/usr/bin/env bash
# Runs every test of the project, on a fresh Debian 12 machine, as root:
# installs what it needs, builds the extension, then runs
#   1. the .phpt suite of the extension (PHP's run-tests.php),
#   2. the same suite under valgrind (ANP_VALGRIND=0 skips it),
#   3. the fuzzer on the parser core, under ASan and UBSan (ANP_FUZZ_SECONDS),
#   4. the plugin's PHPUnit suites, on a real WordPress and MariaDB,
#   5. the plugin's browser tests: the block editor in Debian's chromium
#      (scripts/browser-tests.sh; ANP_BROWSER=0 skips it).
# It ends with one line: "anp: N passed, N failed".
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ANP_ROOT"

passed=0
failed=0
skipped=0

count_phpt() { # the summary of run-tests.php, added to the totals
	local log=$1 p f s
	p=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	s=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	# valgrind's findings (leaked) and broken tests (BORK) are failures too; run-tests counts neither as passed
	local leaked borked
	leaked=$(sed -n 's/^Tests leaked *: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	borked=$(grep -cE '^BORK' "$log" || true)
	leaked=$(( ${leaked:-0} + borked ))
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0} + leaked))
	skipped=$((skipped + ${s:-0}))
	if [ -z "$p" ]; then
		echo "run-tests.php printed no summary" >&2
		failed=$((failed + 1))
	fi
}

run_phpt() { # extra run-tests.php flags
	local log
	log=$(mktemp)
	NO_INTERACTION=1 REPORT_EXIT_STATUS=1 php "$(dirname "$(ls /usr/lib/php/*/build/run-tests.php | head -1)")/run-tests.php" \
		-P -q --show-diff -d extension="$ANP_ROOT/modules/anp.so" "$@" tests/ 2>&1 | tee "$log" | grep -E '^(FAIL|SKIP|LEAK|BORK)|^Tests (passed|failed|skipped|leaked)' || true
	count_phpt "$log"
	rm -f "$log"
}

[ "${ANP_SKIP_PACKAGES:-0}" = 1 ] || anp_install_packages
anp_build_extension

anp_log "phpt suite"
run_phpt -j2

if [ "${ANP_VALGRIND:-1}" = 1 ]; then
	anp_log "phpt suite under valgrind (leaks and invalid reads count as failures)"
	run_phpt -m
fi

if [ "${ANP_FUZZ_SECONDS:-60}" -gt 0 ]; then
	anp_log "fuzzing the parser core for ${ANP_FUZZ_SECONDS:-60} s"
	mkdir -p fuzz/build fuzz/build/corpus
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc \
		src/anp_parser.c fuzz/anp_fuzz.c -o fuzz/build/anp_fuzz
	cp samples/*.txt fuzz/build/corpus/
	if ./fuzz/build/anp_fuzz -max_total_time="${ANP_FUZZ_SECONDS:-60}" -max_len=16384 \
		-dict=fuzz/anp.dict fuzz/build/corpus >fuzz/build/fuzz.log 2>&1; then
		tail -1 fuzz/build/fuzz.log
		passed=$((passed + 1))
	else
		tail -40 fuzz/build/fuzz.log
		failed=$((failed + 1))
	fi
fi

for suite in wordpress-plugin/anp-importer/tests/phpunit-*.xml; do
	[ -e "$suite" ] || continue
	anp_log "PHPUnit: $suite"
	log=$(mktemp)
	if anp_php_with_extension "$(command -v phpunit)" -c "$suite" 2>&1 | tee "$log"; then :; fi
	line=$(grep -E '^(OK \(|Tests: )' "$log" | tail -1 || true)
	t=$(sed -n 's/.*[(]\([0-9]*\) tests\?,.*/\1/p; s/^Tests: \([0-9]*\),.*/\1/p' <<<"$line" | head -1)
	# (grep finds nothing on an "OK (...)" line: || true, or set -e ends the script)
	f=$({ grep -oE '(Failures|Errors): [0-9]+' <<<"$line" || true; } | awk '{s+=$2} END {print s+0}')
	s=$({ grep -oE '(Skipped|Incomplete): [0-9]+' <<<"$line" || true; } | awk '{s+=$2} END {print s+0}')
	if [ -z "$t" ]; then
		echo "PHPUnit printed no summary" >&2
		failed=$((failed + 1))
	else
		passed=$((passed + t - f - s))
		failed=$((failed + f))
		skipped=$((skipped + s))
	fi
	rm -f "$log"
done

if [ "${ANP_BROWSER:-1}" = 1 ]; then
	anp_log "browser tests (wordpress-plugin/anp-importer/tests/browser)"
	log=$(mktemp)
	status=0
	ANP_SKIP_PACKAGES=1 bash scripts/browser-tests.sh 2>&1 | tee "$log" || status=$?
	# node --test's TAP summary; a cancelled test (a timeout, a hook that
	# threw) did not pass, so it counts as failed
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
	c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$log" | tail -1)
	s=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$log" | tail -1)
	if [ -z "$p" ]; then
		echo "node --test printed no summary" >&2
		failed=$((failed + 1))
	else
		passed=$((passed + p))
		failed=$((failed + ${f:-0} + ${c:-0}))
		skipped=$((skipped + ${s:-0}))
		if [ "$status" != 0 ] && [ $((${f:-0} + ${c:-0})) = 0 ]; then
			echo "scripts/browser-tests.sh exited with $status, yet no test failed" >&2
			failed=$((failed + 1))
		fi
	fi
	rm -f "$log"
fi

echo
echo "anp: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
