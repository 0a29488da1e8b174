#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: install what is missing, build the test kernel (cached) and
# the module for both kernels, check the kernel symbols the module uses
# (scripts/exports/), lint, prove the harness, then run KUnit and
# the selftests in the VM on the debug kernel and the selftests on the
# stock Debian kernel. Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

check_start=$(date +%s)
passed=0 failed=0 skipped=0
lines=()

# Record a stage that is a single pass/fail step.
step() {
	local label=$1

	shift
	if timed "$label" "$@"; then
		passed=$((passed + 1))
		lines+=("$label: ok")
	else
		failed=$((failed + 1))
		lines+=("$label: FAILED")
	fi
}

# Add "pass=N fail=N skip=N" counts found in file $2 (line prefix $3).
count() {
	local label=$1 file=$2 prefix=$3 found p f s

	found=$(tr -d '\r' < "$file" | grep "^$prefix: pass=" | tail -n 1)
	if [ -z "$found" ]; then
		failed=$((failed + 1))
		lines+=("$label: no results")
		return
	fi
	field() { echo "$found" | tr ' ' '\n' | sed -n "s/^$1=//p" | grep . || echo 0; }
	p=$(field pass) f=$(field fail) s=$(field skip)
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	lines+=("$label: $p passed, $f failed, $s skipped")
}

# Run the guest checks on one kernel and count what they report.
vm_checks() {
	local kernel=$1 build=$2 tests=$3 run

	if ! timed "vm[$kernel]" "$TERN_ROOT/scripts/vm-run.sh" --kernel "$kernel" \
			--name check --timeout 3300 -- \
			"$TERN_ROOT/scripts/vm/check-guest.sh" "$build" "$tests"; then
		failed=$((failed + 1))
		lines+=("vm[$kernel]: run FAILED (see the log above)")
	fi
	run=$(ls -td "$TERN_OUT"/vm/*-"$kernel"-check-* | head -n 1)
	if [ -e "$build/kunit/tern_kunit.ko" ]; then
		python3 "$TERN_ROOT/scripts/kunit-results.py" "$(ksrc_dir)" \
			"$run/output.log" > "$run/kunit.txt" 2>&1
		count "kunit[$kernel]" "$run/kunit.txt" kunit
	fi
	count "selftests[$kernel]" "$run/output.log" tern-selftests
}

step deps "$TERN_ROOT/scripts/deps.sh"
step "kernel[debug]" "$TERN_ROOT/scripts/kernel-build.sh" debug
step "build[debug]" "$TERN_ROOT/scripts/build-module.sh" debug
step "build[stock]" "$TERN_ROOT/scripts/build-module.sh" stock
step "exports[debug]" "$TERN_ROOT/scripts/exports/check.sh" \
	"$TERN_OUT/build/debug/module/tern.ko"
step "exports[stock]" "$TERN_ROOT/scripts/exports/check.sh" --deny-only \
	"$TERN_OUT/build/stock/module/tern.ko"
step dkms "$TERN_ROOT/scripts/dkms-check.sh"
step "build[selftests]" "$TERN_ROOT/scripts/build-selftests.sh"
step lint "$TERN_ROOT/scripts/lint.sh"

[ -n "${TERN_SKIP_HARNESS_PROOF:-}" ] || {
harness_log="$TERN_OUT/harness-proof.txt"
timed harness-proof "$TERN_ROOT/scripts/prove-harness.sh" > "$harness_log"
count harness-proof "$harness_log" harness-proof
}

vm_checks debug "$TERN_OUT/build/debug" "$TERN_OUT/selftests"
vm_checks stock "$TERN_OUT/build/stock" "$TERN_OUT/selftests"

echo
echo "=== make check summary ($(( $(date +%s) - check_start )) s) ==="
printf '  %s\n' "${lines[@]}"
summary="$passed passed, $failed failed"
[ $skipped = 0 ] || summary="$summary, $skipped skipped"
echo "$summary"
[ $failed = 0 ]
