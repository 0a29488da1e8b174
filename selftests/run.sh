#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every Tern selftest inside the test VM and summarise.
#   run.sh TESTS_DIR TERN_KO [test-name...]
# Prints each program's KTAP output, then one line:
#   tern-selftests: pass=N fail=N skip=N
dir=$1 ko=$2
shift 2
export TERN_KO="$ko"
pass=0 fail=0 skip=0

tests="$*"
[ -n "$tests" ] || tests=$(cd "$dir" && ls *_test)
for t in $tests; do
	echo "tern-selftest: start $t" > /dev/kmsg
	log=/tmp/$t.log
	"$dir/$t" > "$log" 2>&1
	rc=$?
	cat "$log"
	totals=$(sed -n 's/^# Totals: //p' "$log")
	if [ -z "$totals" ]; then
		echo "# $t: exited with $rc before reporting totals"
		fail=$((fail + 1))
		continue
	fi
	total() { echo "$totals" | tr ' ' '\n' | sed -n "s/^$1://p"; }
	p=$(total pass) f=$(total fail) s=$(total skip) e=$(total error)
	pass=$((pass + p))
	fail=$((fail + f + e))
	skip=$((skip + s))
	[ "$rc" = 0 ] || [ $((f + e)) -gt 0 ] || fail=$((fail + 1))
done

# Whatever the tests left behind must go away cleanly.
if [ -e /sys/module/tern ]; then
	i=0
	while ! rmmod tern 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 600 ]; then
			echo "# tern would not unload after the tests:"
			echo "# refcnt $(cat /sys/module/tern/refcnt)"
			sed 's/^/# /' /proc/net/tern 2>&1
			ip netns list | sed 's/^/# netns /'
			fail=$((fail + 1))
			# A leak never unloads; a slow orphan does, later.
			j=0
			while ! rmmod tern 2>/dev/null && [ $j -lt 2400 ]; do
				j=$((j + 1))
				sleep 0.1
			done
			[ -e /sys/module/tern ] &&
				echo "# still loaded 240 s later" ||
				echo "# unloaded $((j / 10)) s later"
			break
		fi
		sleep 0.1
	done
fi
echo "tern-selftests: pass=$pass fail=$fail skip=$skip"
[ $fail = 0 ]
