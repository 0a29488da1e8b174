#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# dkms install and dkms remove against the stock Debian kernel's headers,
# as a user installs Tern: the source under /usr/src/tern-VERSION, the
# module built by dkms into /lib/modules/RELEASE/updates/dkms, checked
# with modinfo, then removed again (nothing is loaded: this runs on the
# host). A tern already registered with dkms is left alone: refuse.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TERN_ROOT/dkms.conf")
src="/usr/src/tern-$version"
rel=$(stock_release) || die "no stock kernel with headers"
dkms status tern 2>/dev/null | grep -q . && die "tern is already in dkms"

cleanup() {
	dkms remove "tern/$version" --all > /dev/null 2>&1 || true
	rm -rf "$src"
}
trap cleanup EXIT

mkdir -p "$src"
cp -r "$TERN_ROOT/dkms.conf" "$TERN_ROOT/Kbuild" "$TERN_ROOT/module" \
	"$TERN_ROOT/include" "$src/"
# Only the module: the KUnit suites need the debug kernel.
sed -i '/kunit/d' "$src/Kbuild"
dkms add "tern/$version"
dkms install "tern/$version" -k "$rel"
ko=$(find "/lib/modules/$rel/updates/dkms" -name 'tern.ko*' | head -n 1)
[ -n "$ko" ] || die "dkms install left no tern.ko under /lib/modules/$rel"
modinfo "$ko" | grep -E '^(filename|vermagic|parm):'
modinfo -F vermagic "$ko" | grep -q "^$rel " || die "built for another kernel"
dkms remove "tern/$version" --all
[ -z "$(find "/lib/modules/$rel/updates/dkms" -name 'tern.ko*' 2>/dev/null)" ] ||
	die "dkms remove left tern.ko behind"
log "dkms: install and remove for $rel ok"
