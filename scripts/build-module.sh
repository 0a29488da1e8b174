#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build tern.ko (and, where the kernel has KUnit, the KUnit test modules)
# for one kernel, in a build tree of its own so kernels do not clobber
# each other's objects. Warnings are errors. Prints the build directory.
#
#   scripts/build-module.sh debug|bench|stock
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: build-module.sh debug|bench|stock}
case "$kernel" in
debug|bench) kdir=$("$TERN_ROOT/scripts/kernel-build.sh" "$kernel") ;;
stock) kdir="/lib/modules/$(stock_release)/build" ;;
*) die "unknown kernel '$kernel'" ;;
esac

out="$TERN_OUT/build/$kernel"
mkdir -p "$out"
exec 9>"$out.lock"
flock 9
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
	--exclude='*.mod*' --exclude=modules.order --exclude=Module.symvers \
	"$TERN_ROOT/Kbuild" "$TERN_ROOT/module" "$TERN_ROOT/kunit" \
	"$TERN_ROOT/include" "$out/" 2>/dev/null ||
	rsync -a "$TERN_ROOT/Kbuild" "$TERN_ROOT/module" "$TERN_ROOT/include" "$out/"
make -s -C "$kdir" M="$out" W=1 KCFLAGS=-Werror modules >&2
echo "$out"
