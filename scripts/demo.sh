#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make demo: the main job. Installs what is missing, builds the test kernel
# (cached) and the module, boots the test VM, loads Tern and shows it at
# work.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

timed deps "$TERN_ROOT/scripts/deps.sh"
timed "kernel[debug]" "$TERN_ROOT/scripts/kernel-build.sh" debug >/dev/null
build=$(timed "build[debug]" "$TERN_ROOT/scripts/build-module.sh" debug)
timed "vm[debug]" "$TERN_ROOT/scripts/vm-run.sh" --kernel debug --name demo \
	--timeout 600 -- "$TERN_ROOT/scripts/demo/guest.sh" "$build/module/tern.ko"
