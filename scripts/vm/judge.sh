#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Judge a finished VM run: the guest command's status and the kernel log.
#   judge.sh RUN_DIR QEMU_STATUS KERNEL ELAPSED
set -uo pipefail
. "$(dirname "$0")/../lib.sh"

run=$1 qemu_rc=$2 kernel=$3 elapsed=$4
console="$run/console.log"

# What the kernel prints when something is wrong. Any match fails the run,
# whatever the command returned.
reports='BUG:|WARNING:|Oops|general protection fault|Kernel panic|KASAN|UBSAN|'
reports+='possible circular locking|possible recursive locking|inconsistent lock state|'
reports+='suspicious RCU usage|lock held when returning|bad unlock balance|'
reports+='unreferenced object|suspected memory leak|refcount_t:|ODEBUG:|'
reports+='list_add corruption|list_del corruption|Call Trace:|'
reports+='blocked for more than|rcu_.*detected stall|sleeping function called|'
reports+='unregister_netdevice: waiting|leaked reference'

rc=$(sed -n 's/^TERN_VM_RC=\([0-9]*\).*/\1/p' "$run/output.log" | tail -n 1)
verdict=ok
if [ "$qemu_rc" = 124 ] || [ "$qemu_rc" = 137 ]; then
	verdict="timed out after $elapsed s"
elif [ -z "$rc" ]; then
	verdict="the VM stopped before the command finished (qemu status $qemu_rc)"
elif [ "$rc" != 0 ]; then
	verdict="the command failed with status $rc"
fi

found=$(grep -n -E "$reports" "$console" | head -n 20)
if [ -n "$found" ]; then
	log "kernel reports in $console:"
	first=$(echo "$found" | head -n 1 | cut -d: -f1)
	# The first report matters most (later ones may be its echoes): show
	# it with the lines that follow, where the stack trace is.
	sed -n "$((first > 3 ? first - 3 : 1)),$((first + 40))p" "$console" >&2
	[ "$verdict" = ok ] && verdict="kernel reported a problem"
fi

if [ "$verdict" = ok ]; then
	log "vm[$kernel]: passed in $elapsed s (logs: $run)"
	exit 0
fi
log "vm[$kernel]: FAILED: $verdict ($elapsed s; console: $console)"
[ -n "$found" ] || tail -n 30 "$console" >&2
exit 1
