#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Lint: checkpatch.pl --strict over every source file, and sparse (C=2)
# over the module against the debug test kernel. Any finding fails.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

ksrc=$(ksrc_dir)
cd "$TERN_ROOT" || exit 1
status=0

checkpatch() {
	"$ksrc/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		--no-summary --ignore FILE_PATH_CHANGES "$@"
}
mapfile -t kernel_files < <(git ls-files -co --exclude-standard -- \
	'module/*.[ch]' 'kunit/*.[ch]' 'include/*.h' 'selftests/harness/*.c' |
	grep -v '^module/trace.h$')
mapfile -t user_files < <(git ls-files -co --exclude-standard -- \
	'selftests/*.[ch]' 'scripts/bench/*.c' 'tools/*.c')
# User-space tests have no u8/u32: they use the C standard's types.
# Tracepoint definitions keep the layout of the kernel's own trace headers.
if ! checkpatch -f "${kernel_files[@]}" ||
   ! checkpatch --ignore OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT -f module/trace.h ||
   ! checkpatch --ignore PREFER_KERNEL_TYPES,MULTISTATEMENT_MACRO_USE_DO_WHILE,MACRO_ARG_REUSE \
	-f "${user_files[@]}"; then
	log "checkpatch found problems"
	status=1
fi

kdir=$("$TERN_ROOT/scripts/kernel-build.sh" debug) || exit 1
build="$TERN_OUT/build/sparse"
mkdir -p "$build"
rsync -a --delete "$TERN_ROOT/Kbuild" "$TERN_ROOT/module" "$TERN_ROOT/kunit" \
	"$TERN_ROOT/include" "$build/"
sparse_log="$build/sparse.log"
# C=2 checks every file, built or not; sparse speaks on stderr.
make -s -C "$kdir" M="$build" C=2 CHECK="sparse -Wsparse-error" modules \
	> "$sparse_log" 2>&1
grep -E 'warning:|error:' "$sparse_log" | grep -v 'Skipping BTF' && {
	log "sparse found problems"
	status=1
}
[ $status = 0 ] && log "lint: clean (checkpatch --strict, sparse)"
exit $status
