#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every Tern selftest inside the test VM and summarise.
#   run.sh TESTS_DIR TERN_KO [test-name...]
# Prints each program's KTAP output, then one line:
#   tern-selftests: pass=N fail=N skip=N
#
# The 64 MiB transfer with every impairment at once on its way is bound
# by loss and delay, not CPU: 11-18 minutes at under 1 Mbit/s. It runs in
# the background, beside the programs that follow the ones that unload
# the module (fuzz_test, lifetime_test, programs_test, registration_test).
dir=$1 ko=$2
shift 2
export TERN_KO="$ko"
pass=0 fail=0 skip=0

slow_variant=all_at_once_data_path

tests="$*"
[ -n "$tests" ] || tests=$(cd "$dir" && ls *_test)

# Run test program $1 with the harness options $3..., its log in $2.
run_test() {
	t=$1 log=$2
	shift 2
	echo "tern-selftest: start $t $*" > /dev/kmsg
	"$dir/$t" "$@" > "$log" 2>&1
	echo $? > "$log.rc"
}

# Print a finished test's log and add up its totals.
count() {
	t=$1 log=$2
	rc=$(cat "$log.rc")
	cat "$log"
	totals=$(sed -n 's/^# Totals: //p' "$log")
	if [ -z "$totals" ]; then
		echo "# $t: exited with $rc before reporting totals"
		fail=$((fail + 1))
		return
	fi
	total() { echo "$totals" | tr ' ' '\n' | sed -n "s/^$1://p"; }
	p=$(total pass) f=$(total fail) s=$(total skip) e=$(total error)
	pass=$((pass + p))
	fail=$((fail + f + e))
	skip=$((skip + s))
	[ "$rc" = 0 ] || [ $((f + e)) -gt 0 ] || fail=$((fail + 1))
}

# The background transfer starts after the last program that unloads the
# module (it needs the module loaded throughout), beside the rest; the
# main transfer_test run leaves that variant out.
start_after=""
for t in $tests; do
	case "$t" in fuzz_test|lifetime_test|programs_test|registration_test) start_after=$t ;; esac
done
bg=""
start_bg() {
	case " $tests " in *" transfer_test "*) ;; *) return ;; esac
	run_test transfer_test "/tmp/transfer_test-$slow_variant.log" \
		-v "$slow_variant" &
	bg=$!
}
[ -n "$start_after" ] || start_bg
for t in $tests; do
	args=""
	[ "$t" = transfer_test ] && args="-V $slow_variant"
	# shellcheck disable=SC2086 # args is empty or two words
	run_test "$t" "/tmp/$t.log" $args
	count "$t" "/tmp/$t.log"
	[ "$t" = "$start_after" ] && start_bg
done
if [ -n "$bg" ]; then
	wait "$bg"
	echo "# transfer_test, $slow_variant (it ran in the background):"
	count transfer_test "/tmp/transfer_test-$slow_variant.log"
fi

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
