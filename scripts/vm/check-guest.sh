#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the test VM: the KUnit suites (where the kernel has KUnit), then the
# selftests. Both print their own results; the host counts them.
#   check-guest.sh BUILD_DIR SELFTESTS_DIR
build=$1 tests=$2
status=0
if [ -e "$build/kunit/tern_kunit.ko" ]; then
	"$(dirname "$0")/kunit-guest.sh" "$build" || status=1
fi
"$tests/run.sh" "$tests" "$build/module/tern.ko" || status=1
exit $status
