#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Prove that the VM harness fails a run for each class of kernel report it
# claims to catch: boot the debug kernel once per deliberate bug (the first
# report disables lockdep for the rest of a boot) and require a failed run
# whose console shows the expected report.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

kdir=$("$TERN_ROOT/scripts/kernel-build.sh" debug) || exit 1
build="$TERN_OUT/build/harness"
mkdir -p "$build"
cp "$TERN_ROOT"/selftests/harness/{Kbuild,tern_harness_bugs.c} "$build/"
make -s -C "$kdir" M="$build" W=1 KCFLAGS=-Werror modules >&2 || exit 1

# bug class : what the console must show
cases="uaf:BUG: KASAN: slab-use-after-free
lock_order:WARNING: possible circular locking dependency detected
leak:unreferenced object
sleep_atomic:BUG: sleeping function called from invalid context
warn:WARNING: CPU"
pass=0 fail=0
while IFS=: read -r bug expect; do
	if "$TERN_ROOT/scripts/vm-run.sh" --kernel debug --quiet --timeout 300 \
		--name "harness-$bug" -- \
		insmod "$build/tern_harness_bugs.ko" bug="$bug" 2>/dev/null; then
		log "harness: '$bug' went unnoticed: the run passed"
		fail=$((fail + 1))
		continue
	fi
	run=$(ls -td "$TERN_OUT"/vm/*-debug-harness-"$bug"-* | head -n 1)
	if grep -q "$expect" "$run/console.log"; then
		log "harness: '$bug' caught ($expect)"
		pass=$((pass + 1))
	else
		log "harness: '$bug' failed the run but without '$expect' ($run)"
		fail=$((fail + 1))
	fi
done <<< "$cases"
echo "harness-proof: pass=$pass fail=$fail"
[ $fail = 0 ]
