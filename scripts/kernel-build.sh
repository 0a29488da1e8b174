#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build (or reuse) a Tern test kernel from Debian's linux-source-6.12,
# made to export only what current kernels (6.16+) export to modules
# (scripts/exports/trim.sh).
#
#   scripts/kernel-build.sh debug|bench
#
# The tree is tinyconfig plus scripts/kconfig/base.config and the variant's
# fragment. It lives under $TERN_CACHE/kernel/<variant>-<key>, the key being
# a hash of the fragments and the source package version, so every clone,
# CI run and later session on this machine reuses the same build (the
# list of trimmed exports is part of the key too). Prints
# the build directory on stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: kernel-build.sh debug|bench}
frag_dir="$TERN_ROOT/scripts/kconfig"
[ -e "$frag_dir/$variant.config" ] || die "no fragment for '$variant'"

key=$( { ksrc_version; cat "$frag_dir/base.config" "$frag_dir/$variant.config";
	tern_gone_exports; } |
	sha256sum | cut -c1-12)
out="$TERN_CACHE/kernel/$variant-$key"
mkdir -p "$TERN_CACHE/kernel"

exec 9>"$TERN_CACHE/kernel/.lock"
flock 9

if [ -e "$out/.tern-built" ]; then
	echo "$out"
	exit 0
fi

ksrc=$(ksrc_dir)
"$TERN_ROOT/scripts/exports/trim.sh" "$ksrc"
log "building the $variant kernel in $out (several minutes)"
mkdir -p "$out"
make -s -C "$ksrc" O="$out" tinyconfig >&2
"$ksrc/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
	"$frag_dir/base.config" "$frag_dir/$variant.config" >/dev/null
make -s -C "$ksrc" O="$out" olddefconfig >&2

# A fragment line that did not survive olddefconfig (a missing dependency)
# would silently weaken the test kernel: refuse to build it.
bad=0
while read -r line; do
	case "$line" in
	CONFIG_*)
		grep -qx "$line" "$out/.config" || { log "not applied: $line"; bad=1; } ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		! grep -q "^$opt=" "$out/.config" || { log "still set: $opt"; bad=1; } ;;
	esac
done < <(cat "$frag_dir/base.config" "$frag_dir/$variant.config")
[ $bad = 0 ] || die "kernel config fragments did not apply"

# A plain build also writes Module.symvers, which out-of-tree modpost needs.
make -s -C "$ksrc" O="$out" -j"$(nproc)" >&2
touch "$out/.tern-built"
echo "$out"
