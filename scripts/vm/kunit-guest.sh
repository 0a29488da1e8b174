#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the test VM: load tern.ko and the KUnit module (which runs its suites
# on load), then print each Tern suite's KTAP document between markers.
#   kunit-guest.sh BUILD_DIR
build=$1
insmod "$build/module/tern.ko" || exit 1
insmod "$build/kunit/tern_kunit.ko" || exit 1
for suite in /sys/kernel/debug/kunit/tern_*; do
	echo "TERN_KTAP_BEGIN $(basename "$suite")"
	cat "$suite/results"
	echo "TERN_KTAP_END"
done
rmmod tern_kunit && rmmod tern
