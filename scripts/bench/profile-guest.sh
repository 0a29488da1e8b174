#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the benchmark VM: where the CPU goes during 1-byte request/response,
# Tern and kernel TCP, on loopback. perf (the host's linux-perf) samples
# the software clock, which works under TCG.
#   profile-guest.sh TERN_KO TERN_BENCH SECONDS [MODE]
# Prints, per protocol, the rate and perf's top kernel symbols.
set -e
ko=$1 bench=$2 secs=${3:-5} mode=${4:-rr}

insmod "$ko"
sysctl -qw kernel.kptr_restrict=0
sysctl -qw kernel.perf_event_paranoid=-1
"$bench" server tcp 5001 > /dev/null &
tcp_pid=$!
"$bench" server tern 6001 > /dev/null &
tern_pid=$!
sleep 1
dir=$(mktemp -d)
# out_segs PROTO: segments the namespace sent so far
out_segs() {
	if [ "$1" = tcp ]; then
		awk '/^Tcp:/ { if (n++) print $12 }' /proc/net/snmp
	else
		awk '$1 == "OutSegs" { print $2 }' /proc/net/tern_stats
	fi
}
for proto in tcp tern; do
	port=5001
	[ $proto = tcp ] || port=6001
	segs_before=$(out_segs $proto)
	echo "profile: $proto $mode $(perf record -q -a -g -e cpu-clock \
		-o "$dir/$proto.data" -- \
		"$bench" client $proto "$mode" 127.0.0.1 $port "$secs" 2>/dev/null)"
	echo "profile: $proto segments sent $(($(out_segs $proto) - segs_before))"
	perf report -q -i "$dir/$proto.data" --stdio --no-children \
		--sort sym -g none --percent-limit 0.4 2>/dev/null | \
		sed -e 's/[[:space:]]*$//' -e '/^$/d' -e "s/^/profile: $proto /" | \
		head -n 45
	# Where the busy time goes: the kernel proper, the module, user space.
	perf report -q -i "$dir/$proto.data" --stdio --no-children \
		--sort dso -g none 2>/dev/null | \
		sed -e 's/[[:space:]]*$//' -e '/^$/d' -e "s/^/profile: $proto dso /" | \
		head -n 8
	[ $proto = tcp ] || perf report -q -i "$dir/$proto.data" --stdio \
		--no-children --dsos '[tern]' --sort sym -g none 2>/dev/null | \
		sed -e 's/[[:space:]]*$//' -e '/^$/d' -e "s/^/profile: $proto module /" | \
		head -n 25
done
kill $tcp_pid $tern_pid
wait 2>/dev/null || true
rm -rf "$dir"
