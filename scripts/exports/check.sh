#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Check the kernel symbols a built tern.ko uses: none may be on
# scripts/exports/denylist, and the list must match scripts/exports/used
# (the reviewed list of everything Tern borrows from the kernel, as the
# debug kernel's build names them), less the sanitizers' hooks, which
# only the debug kernel adds. Another kernel's build (a distribution's:
# retpolines, other inlines) is checked against the denylist only.
#
#   scripts/exports/check.sh TERN_KO               check both
#   scripts/exports/check.sh --deny-only TERN_KO   the denylist only
#   scripts/exports/check.sh --update TERN_KO      rewrite the used list
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

mode=check
case "${1:-}" in
--update) mode=update; shift ;;
--deny-only) mode=deny; shift ;;
esac
ko=${1:?usage: check.sh [--update|--deny-only] TERN_KO}
dir="$TERN_ROOT/scripts/exports"

used=$(nm -u "$ko" | awk '{ print $2 }' |
	grep -Ev '^(__asan_|__kasan_|__ubsan_|__sanitizer_|__tsan_|__kcsan_|__fentry__$|__x86_)' |
	sort -u)
status=0
while read -r sym class; do
	case "$sym" in ""|"#"*) continue ;; esac
	if echo "$used" | grep -qx -- "$sym"; then
		log "tern.ko uses $sym ($class in the denylist)"
		status=1
	fi
done < "$dir/denylist"

if [ $mode = update ]; then
	echo "$used" > "$dir/used"
	log "wrote $dir/used ($(echo "$used" | wc -l) symbols)"
elif [ $mode = check ] && ! diff -u "$dir/used" <(echo "$used") >&2; then
	log "the symbols tern.ko uses changed: review, then run $0 --update $ko"
	status=1
fi
[ $status = 0 ] && log "exports: $(echo "$used" | wc -l) kernel symbols, none denied"
exit $status
