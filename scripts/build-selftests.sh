#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the user-space selftests against the kernel's kselftest harness.
# Prints the directory holding the test programs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ksrc=$(ksrc_dir)
out="$TERN_OUT/selftests"
mkdir -p "$out"
exec 9>"$out.lock"
flock 9
cflags=(-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -Wno-clobbered -Wno-sign-compare -pthread
	-I"$ksrc/tools/testing/selftests" -I"$TERN_ROOT/include"
	-I"$TERN_ROOT/selftests")
helpers=()
for c in "$TERN_ROOT"/selftests/*.c; do
	case "$c" in *_test.c) ;; *) helpers+=("$c") ;; esac
done
for t in "$TERN_ROOT"/selftests/*_test.c; do
	name=$(basename "$t" .c)
	bin="$out/$name"
	if [ -n "$(find "$t" "${helpers[@]}" "$TERN_ROOT"/selftests/*.h \
		"$TERN_ROOT/include" -newer "$bin" 2>/dev/null)" ] || [ ! -e "$bin" ]; then
		gcc "${cflags[@]}" -o "$bin" "$t" "${helpers[@]}" -lm -lpthread -lbpf
	fi
done
# The BPF programs some tests load, beside them.
for b in "$TERN_ROOT"/selftests/bpf/*.bpf.c; do
	obj="$out/$(basename "$b" .c).o"
	if [ "$b" -nt "$obj" ] || [ ! -e "$obj" ]; then
		clang -target bpf -O2 -g -Wall -Werror \
			-I/usr/include/"$(gcc -dumpmachine)" -c "$b" -o "$obj"
	fi
done
# ternize, for the programs test.
make -s -C "$TERN_ROOT/tools/ternize" OUT="$out/ternize"
cp "$TERN_ROOT/selftests/run.sh" "$TERN_ROOT/selftests/nginx.conf.in" \
	"$TERN_ROOT/tools/wireshark/tern.lua" "$out/"
echo "$out"
