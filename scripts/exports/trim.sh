#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make a 6.12 source tree export what 6.16 and later export: delete the
# EXPORT_SYMBOL lines of every "gone" symbol in scripts/exports/denylist,
# so that a module using one fails at modpost, as it would on a current
# kernel. Idempotent; fails when a listed export is not in the tree (the
# list would be stale).
#
#   scripts/exports/trim.sh KERNEL_SOURCE_DIR
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

src=${1:?usage: trim.sh KERNEL_SOURCE_DIR}
stamp="$src/.tern-exports-trimmed"
list=$(tern_gone_exports)
[ "$(cat "$stamp" 2>/dev/null)" = "$(echo "$list" | sha256sum)" ] && exit 0
# A symbol taken off the list cannot be put back: that needs a fresh tree.
for sym in $(cat "$src/.tern-exports-deleted" 2>/dev/null); do
	echo "$list" | grep -qx "$sym" ||
		die "$sym is exported again: delete $(dirname "$src") to unpack afresh"
done

for sym in $list; do
	pattern="^EXPORT_SYMBOL(_GPL)?\\($sym\\);\$"
	files=$(grep -rlE "$pattern" "$src/net" "$src/kernel" "$src/lib" || true)
	if [ -z "$files" ]; then
		# Already deleted by an earlier run with a shorter list?
		grep -qsx "$sym" "$src/.tern-exports-deleted" && continue
		die "no export of $sym in $src: is the denylist stale?"
	fi
	# shellcheck disable=SC2086 # one file name per word
	sed -i -E "/$pattern/d" $files
	echo "$sym" >> "$src/.tern-exports-deleted"
done
echo "$list" | sha256sum > "$stamp"
log "trimmed $(echo "$list" | wc -w) exports from $src"
