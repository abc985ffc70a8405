#!/usr/bin/env bash
# Runs every test of the project, on a fresh Debian 12 machine, as root:
# installs what it needs, builds the extension, then runs
#   1. the .phpt suite of the extension (PHP's run-tests.php),
#   2. the same suite under valgrind (ANP_VALGRIND=0 skips it),
#   3. the same suite on the extension built with ASan and UBSan
#      (ANP_SANITIZE=0 skips it),
#   4. the fuzzers on the parser core, under ASan and UBSan, with small and
#      with expanded, multi-MiB inputs, and on the WXR writer core
#      (ANP_FUZZ_SECONDS in all),
#   5. the plugin's PHPUnit suites, on a real WordPress and MariaDB,
#   6. the plugin's browser tests: the block editor in Debian's chromium
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

# run_phpt's environment: PHPT_EXTENSION is the build to test, PHPT_ENV
# (VAR=value words) what run-tests.php and the tests run with
PHPT_EXTENSION=$ANP_ROOT/modules/anp.so
PHPT_ENV=()
run_phpt() { # extra run-tests.php flags
	local log
	log=$(mktemp)
	env ${PHPT_ENV[@]+"${PHPT_ENV[@]}"} NO_INTERACTION=1 REPORT_EXIT_STATUS=1 php "$(dirname "$(ls /usr/lib/php/*/build/run-tests.php | head -1)")/run-tests.php" \
		-P -q --show-diff -d extension="$PHPT_EXTENSION" "$@" tests/ 2>&1 | tee "$log" | grep -E '^(FAIL|SKIP|LEAK|BORK)|^Tests (passed|failed|skipped|leaked)' || true
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

if [ "${ANP_SANITIZE:-1}" = 1 ]; then
	anp_log "phpt suite on the extension built with ASan and UBSan"
	# A build of its own under var/, so that modules/anp.so stays the
	# ordinary one. The same sources and defines as config.m4's build; gcc,
	# whose runtimes are libasan.so and libubsan.so. -fno-sanitize-recover
	# makes every UBSan finding abort the test, and so fail it.
	san=var/sanitize
	mkdir -p "$san"
	gcc -shared -fPIC -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
		-DCOMPILE_DL_ANP=1 -DHAVE_ANP=1 -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 \
		$(php-config --includes) $(pkg-config --cflags libxml-2.0) -I. -Isrc \
		src/php_anp.c src/anp_parser.c src/anp_wxr.c src/php_anp_wxr.c $(pkg-config --libs libxml-2.0) -o "$san/anp.so"
	gcc -shared -fPIC -O1 fuzz/no_deepbind.c -o "$san/no_deepbind.so" -ldl
	# Debian's PHP is not built with ASan, so the runtimes are preloaded:
	# ASan must come before anything that allocates, and no_deepbind.so
	# before it (see that file: PHP's dlopen(RTLD_DEEPBIND) is refused by
	# ASan), hence verify_asan_link_order=0. USE_ZEND_ALLOC=0 sends every
	# emalloc() to malloc(), so that ASan sees each allocation of the
	# extension on its own: an overflow of one byte past an emalloc'd block
	# is caught, where Zend's arenas would hide it. detect_leaks=1 (LeakSanitizer)
	# reports what is still allocated at exit: PHP frees its own memory at
	# shutdown, so anything reported is the extension's. Each finding prints
	# its report into the test's output and exits non-zero: the test fails.
	# ZEND_DONT_UNLOAD_MODULES keeps the extension mapped until LeakSanitizer
	# runs at exit, so that its reports name the extension's functions. The
	# tests that run the pure-PHP parser in a child PHP inherit the preload;
	# ASan then only watches that PHP's malloc(), which is harmless. The
	# preload goes to run-tests.php and what it starts (sh, php) only: other
	# tools leak at exit by design (mktemp does), and would fail the step.
	PHPT_ENV=(
		LD_PRELOAD="$ANP_ROOT/$san/no_deepbind.so $(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
		ASAN_OPTIONS=verify_asan_link_order=0:halt_on_error=1:detect_leaks=1:abort_on_error=0
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
		ZEND_DONT_UNLOAD_MODULES=1 USE_ZEND_ALLOC=0
	)
	PHPT_EXTENSION=$ANP_ROOT/$san/anp.so
	run_phpt -j2
	PHPT_ENV=()
	PHPT_EXTENSION=$ANP_ROOT/modules/anp.so
fi

# One run of a fuzz target: NAME SECONDS FLAGS... CORPUS...; counts one
# passed or failed, and prints libFuzzer's last status line (runs, cov: the
# edges covered, exec/s) or its finding. FUZZ_DICT is its dictionary.
FUZZ_DICT=fuzz/anp.dict
fuzz_run() {
	local name=$1 seconds=$2
	shift 2
	if ./fuzz/build/"$name" -max_total_time="$seconds" -dict="$FUZZ_DICT" "$@" \
		>fuzz/build/"$name".log 2>&1; then
		echo "$name: $(grep -E '^#[0-9]+' fuzz/build/"$name".log | tail -1)"
		passed=$((passed + 1))
	else
		tail -40 fuzz/build/"$name".log
		failed=$((failed + 1))
	fi
}

if [ "${ANP_FUZZ_SECONDS:-60}" -gt 0 ]; then
	# a twelfth of the time (5 s of 60) to the WXR writer core, the rest to
	# the parser core
	wxr_seconds=$(( ${ANP_FUZZ_SECONDS:-60} / 12 ))
	fuzz_seconds=$(( ${ANP_FUZZ_SECONDS:-60} - wxr_seconds ))
	anp_log "fuzzing the parser core for $fuzz_seconds s, half with expanded inputs"
	mkdir -p fuzz/build fuzz/build/corpus
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc \
		src/anp_parser.c fuzz/anp_fuzz.c -o fuzz/build/anp_fuzz
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -DANP_FUZZ_EXPAND \
		src/anp_parser.c fuzz/anp_fuzz.c -o fuzz/build/anp_fuzz_expand
	cp samples/*.txt fuzz/build/corpus/
	# Every input runs in both UTF-8 modes (invalid UTF-8 an error, and
	# substituted) and under both size limits (see fuzz/anp_fuzz.c).
	# Inputs of up to 16 KiB, the corpus kept between runs; -timeout makes
	# an input that takes 10 s (a few ms is usual) a finding.
	fuzz_run anp_fuzz $((fuzz_seconds - fuzz_seconds / 2)) -max_len=16384 -timeout=10 fuzz/build/corpus
	# Inputs expanded to up to 8 MiB (fuzz/anp_fuzz.c says how), from the
	# shapes of fuzz/expand-seeds/ and the samples, in a fresh corpus: one
	# input takes up to a few seconds, so a corpus kept between runs would
	# eat the time. 8 MiB in linear time takes a few seconds, up to 21 on
	# a machine loaded ten times over; a quadratic path takes minutes (the
	# seed map-then-objects took longer than -timeout before finding 5 of
	# issue 8 was fixed), and memory beyond 2 GiB is a finding too.
	rm -rf fuzz/build/corpus-expand
	mkdir -p fuzz/build/corpus-expand
	fuzz_run anp_fuzz_expand $((fuzz_seconds / 2)) -max_len=4096 -timeout=45 -rss_limit_mb=2048 \
		fuzz/build/corpus-expand fuzz/expand-seeds samples
	if [ "$wxr_seconds" -gt 0 ]; then
		anp_log "fuzzing the WXR writer core for $wxr_seconds s"
		# the output of every accepted record must parse (fuzz/wxr_fuzz.c);
		# inputs of up to 4 KiB, the corpus kept between runs; raw output
		# gathered in runs of 61 bytes, not 16 KiB, so that they cross its edges
		clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DANP_WXR_RAW_SIZE=61 $(pkg-config --cflags libxml-2.0) -Isrc \
			src/anp_wxr.c fuzz/wxr_fuzz.c $(pkg-config --libs libxml-2.0) -o fuzz/build/wxr_fuzz
		mkdir -p fuzz/build/wxr-corpus
		FUZZ_DICT=fuzz/wxr.dict fuzz_run wxr_fuzz "$wxr_seconds" -max_len=4096 -timeout=10 \
			fuzz/build/wxr-corpus fuzz/wxr-seeds
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
