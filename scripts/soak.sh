#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make soak: the long runs that stay out of make check and CI. On each
# kernel (debug, then stock) the segment fuzzer sends TERN_FUZZ_SEGMENTS
# segments (default 10^6), the syscall fuzzer runs TERN_FUZZ_SECONDS
# (default 600), the attack tests run once more, and the 64 MiB transfer
# with every impairment on the data's way (all_at_once_data_path, 11-25
# minutes, too long for make check) runs, and tables_test's 10,000- and
# 20,000-cycle tests run in full on the debug kernel too; a kernel warning,
# sanitizer report or leak fails the run (scripts/vm/judge.sh). Ends with
# each kernel's figures and one line: "N passed, N failed".
#   scripts/soak.sh [debug|stock ...]
set -uo pipefail
. "$(dirname "$0")/lib.sh"

kernels=("$@")
[ ${#kernels[@]} -gt 0 ] || kernels=(debug stock)
export TERN_FUZZ_SEGMENTS=${TERN_FUZZ_SEGMENTS:-1000000}
export TERN_FUZZ_SECONDS=${TERN_FUZZ_SECONDS:-600}
passed=0 failed=0

"$TERN_ROOT/scripts/deps.sh" || exit 1
"$TERN_ROOT/scripts/build-selftests.sh" > /dev/null || exit 1
for kernel in "${kernels[@]}"; do
	"$TERN_ROOT/scripts/build-module.sh" "$kernel" > /dev/null || exit 1
	if timed "soak[$kernel]" "$TERN_ROOT/scripts/vm-run.sh" --kernel "$kernel" \
			--name soak --timeout 21600 -- env TERN_SLOW_TRANSFER=1 TERN_SOAK=1 \
			"$TERN_OUT/selftests/run.sh" "$TERN_OUT/selftests" \
			"$TERN_OUT/build/$kernel/module/tern.ko" fuzz_test attack_test \
			transfer_test tables_test; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	run=$(ls -td "$TERN_OUT"/vm/*-"$kernel"-soak-* | head -n 1)
	echo "--- soak[$kernel]: $run"
	grep -E 'segments in|calls in|InErrs|seed|MiB in|^(not )?ok|tern-selftests:' \
		"$run/output.log" | sed 's/^/  /'
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
