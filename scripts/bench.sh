#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: Tern against kernel TCP in one run of the benchmark kernel
# (the test kernel without its bug catchers), the same program and
# settings for both. Prints the table and saves it to .out/bench/.
#   scripts/bench.sh [ROUNDS]   (default 3; the table shows medians)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

rounds=${1:-3}
out="$TERN_OUT/bench"
mkdir -p "$out"
timed deps "$TERN_ROOT/scripts/deps.sh"
timed "kernel[bench]" "$TERN_ROOT/scripts/kernel-build.sh" bench >/dev/null
build=$(timed "build[bench]" "$TERN_ROOT/scripts/build-module.sh" bench)
gcc -O2 -Wall -Wextra -Werror -I"$TERN_ROOT/include" -o "$out/tern_bench" \
	"$TERN_ROOT/scripts/bench/tern_bench.c"

timed "vm[bench]" "$TERN_ROOT/scripts/vm-run.sh" --kernel bench --name bench \
	--timeout 1200 --quiet -- "$TERN_ROOT/scripts/bench/guest.sh" \
	"$build/module/tern.ko" "$out/tern_bench" "$rounds"
run=$(ls -td "$TERN_OUT"/vm/*-bench-bench-* | head -n 1)
table="$out/results-$(date +%Y%m%d-%H%M%S).md"
python3 "$TERN_ROOT/scripts/bench/table.py" "$run/output.log" > "$table"
cp "$table" "$out/results.md"
cat "$table"
log "saved $table"
