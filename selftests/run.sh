#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every Tern selftest inside the test VM and summarise.
#   run.sh TESTS_DIR TERN_KO [test-name...]
# Prints each program's KTAP output, then one line:
#   tern-selftests: pass=N fail=N skip=N
#
# The 64 MiB transfer with every impairment at once on its way is bound
# by loss and delay, not CPU: 11-25 minutes at under 1 Mbit/s. It is
# make soak's: transfer_test runs without it, unless TERN_SLOW_TRANSFER=1,
# which runs that variant alone.
dir=$1 ko=$2
shift 2
export TERN_KO="$ko"
pass=0 fail=0 skip=0

slow_variant=all_at_once_data_path

tests="$*"
[ -n "$tests" ] || tests=$(cd "$dir" && ls *_test)

# Copy stdin to stdout, and each test case's start to the kernel log:
# console.log then dates every case, and any kernel report falls
# between the marks of the case that caused it.
mark_cases() {
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		"#  RUN "*) echo "tern-selftest: ${line#\#  }" > /dev/kmsg ;;
		esac
		printf '%s\n' "$line"
	done
}

# Run test program $1 with the harness options $3..., its log in $2.
run_test() {
	t=$1 log=$2
	shift 2
	echo "tern-selftest: start $t $*" > /dev/kmsg
	{ "$dir/$t" "$@" 2>&1; echo $? > "$log.rc"; } | mark_cases > "$log"
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

slow_args="-V $slow_variant"
[ "${TERN_SLOW_TRANSFER:-0}" = 1 ] && slow_args="-v $slow_variant"
for t in $tests; do
	args=""
	[ "$t" = transfer_test ] && args=$slow_args
	# shellcheck disable=SC2086 # args is empty or two words
	run_test "$t" "/tmp/$t.log" $args
	count "$t" "/tmp/$t.log"
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
