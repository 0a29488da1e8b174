#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make demo: the main job. Installs what is missing, builds the module (for
# the stock Debian kernel by default: seconds; KERNEL=debug builds and
# caches the debug test kernel first), boots the test VM, loads Tern and
# shows it at work, then an unmodified curl and nginx over it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${KERNEL:-stock}
case "$kernel" in
stock) timed deps "$TERN_ROOT/scripts/deps.sh" $TERN_DEMO_PACKAGES ;;
debug) timed deps "$TERN_ROOT/scripts/deps.sh"
       timed "kernel[debug]" "$TERN_ROOT/scripts/kernel-build.sh" debug >/dev/null ;;
*) die "KERNEL is stock or debug" ;;
esac
build=$(timed "build[$kernel]" "$TERN_ROOT/scripts/build-module.sh" "$kernel")
make -s -C "$TERN_ROOT/tools/ternize" OUT="$TERN_OUT/ternize"
timed "vm[$kernel]" "$TERN_ROOT/scripts/vm-run.sh" --kernel "$kernel" \
	--name demo --timeout 600 -- "$TERN_ROOT/scripts/demo/guest.sh" \
	"$build/module/tern.ko" "$TERN_OUT/ternize/ternize" \
	"$TERN_ROOT/selftests/nginx.conf.in" "$TERN_ROOT/tools/wireshark/tern.lua"
