#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: Tern against kernel TCP in one run of the benchmark kernel
# (the test kernel without its bug catchers), the same program and
# settings for both. Prints the table and saves it, with a chart of the
# ratios, to .out/bench/ (results.md, results.png).
#   scripts/bench.sh [ROUNDS [SCALE_ROUNDS]]
# (default 3 rounds, of which at most SCALE_ROUNDS, default 3, run the
# scale scenarios, which take minutes each; the table shows medians)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

rounds=${1:-3} scale_rounds=${2:-3}
out="$TERN_OUT/bench"
mkdir -p "$out"
timed deps "$TERN_ROOT/scripts/deps.sh"
# The chart's only: not among make check's packages.
"$TERN_ROOT/scripts/deps.sh" python3-matplotlib
timed "kernel[bench]" "$TERN_ROOT/scripts/kernel-build.sh" bench >/dev/null
build=$(timed "build[bench]" "$TERN_ROOT/scripts/build-module.sh" bench)
gcc -O2 -Wall -Wextra -Werror -I"$TERN_ROOT/include" -o "$out/tern_bench" \
	"$TERN_ROOT/scripts/bench/tern_bench.c"

timed "vm[bench]" "$TERN_ROOT/scripts/vm-run.sh" --kernel bench --name bench \
	--timeout 3600 --quiet -- "$TERN_ROOT/scripts/bench/guest.sh" \
	"$build/module/tern.ko" "$out/tern_bench" "$rounds" "$scale_rounds"
run=$(ls -td "$TERN_OUT"/vm/*-bench-bench-* | head -n 1)
stamp=$(date +%Y%m%d-%H%M%S)
table="$out/results-$stamp.md" chart="$out/results-$stamp.png"
# Debian's python3, which python3-matplotlib is for.
/usr/bin/python3 "$TERN_ROOT/scripts/bench/table.py" "$run/output.log" \
	"$chart" > "$table"
cp "$table" "$out/results.md"
cp "$chart" "$out/results.png"
cat "$table"
log "saved $table and $chart"
