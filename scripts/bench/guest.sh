#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the benchmark VM: Tern and kernel TCP, side by side, same program.
#   guest.sh TERN_KO TERN_BENCH ROUNDS [SCALE_ROUNDS]
# Prints one line per measurement:
#   bench: SCENARIO PROTO ROUND VALUE UNIT
# (request/response adds its latency percentiles, in microseconds).
# Rounds alternate the protocols, so drift in the VM hits both alike.
set -e
ko=$1 bench=$2 rounds=${3:-3} scale_rounds=${4:-3}
[ "$scale_rounds" -le "$rounds" ] || scale_rounds=$rounds

insmod "$ko"
# connect+request+close leaves a TIME_WAIT per connection: give both
# protocols the same wide port range, and Tern a short MSL so its
# TIME_WAIT entries (2 MSL) free ports about as fast as TCP's reuse does.
sysctl -qw net.ipv4.ip_local_port_range="10000 65000"
sysctl -qw net.tern.msl_ms=1000
# Room for 10,000 connections and as many half-open requests.
sysctl -qw fs.nr_open=1048576 net.core.somaxconn=65535
sysctl -qw net.ipv4.tcp_max_syn_backlog=65535
ulimit -n 1048576

# Two namespaces on a veth pair: the client in a, the servers in b.
ip netns add bench_a
ip netns add bench_b
ip link add ba netns bench_a type veth peer name bb netns bench_b
ip -n bench_a addr add 10.98.0.1/24 dev ba
ip -n bench_b addr add 10.98.0.2/24 dev bb
for ns in bench_a bench_b; do
	ip -n $ns link set lo up
	ip netns exec $ns sysctl -qw net.tern.msl_ms=1000
	ip netns exec $ns sysctl -qw net.ipv4.ip_local_port_range="10000 65000"
	ip netns exec $ns sysctl -qw net.core.somaxconn=65535
	ip netns exec $ns sysctl -qw net.ipv4.tcp_max_syn_backlog=65535
done
ip -n bench_a link set ba up
ip -n bench_b link set bb up

pids=""
start_server() { # NETNS PROTO PORT
	if [ "$1" = - ]; then
		"$bench" server "$2" "$3" > /dev/null &
	else
		ip netns exec "$1" "$bench" server "$2" "$3" > /dev/null &
	fi
	pids="$pids $!"
}
start_server - tcp 5001
start_server - tern 6001
start_server bench_b tcp 5001
start_server bench_b tern 6001
sleep 1

# The servers' ports; a scenario with a listener of its own uses the next.
port() { echo $(($([ "$1" = tcp ] && echo 5001 || echo 6001) + ${port_offset:-0})); }

# emit SCENARIO PROTO ROUND VALUE UNIT [P50 P99 P999 UNIT]: the result
# line, and for request/response its latency percentiles as scenarios
# of their own.
emit() {
	echo "bench: $1 $2 $3 $4 $5"
	[ $# -eq 9 ] || return 0
	echo "bench: ${1}_p50 $2 $3 $6 $9"
	echo "bench: ${1}_p99 $2 $3 $7 $9"
	echo "bench: ${1}_p99.9 $2 $3 $8 $9"
}

# fresh_ns NAME: a namespace of our own, set up as the others.
fresh_ns() {
	ip netns add "$1"
	ip -n "$1" link set lo up
	ip netns exec "$1" sysctl -qw net.ipv4.ip_local_port_range="10000 65000"
	# TIME_WAIT for 60 s, as TCP's; none reused early, none refused.
	ip netns exec "$1" sysctl -qw net.tern.msl_ms=30000
	ip netns exec "$1" sysctl -qw net.ipv4.tcp_tw_reuse=0
	ip netns exec "$1" sysctl -qw net.ipv4.tcp_max_tw_buckets=262144
}

# run_client NETNS ARGS...: the client in NETNS: "-" the initial one,
# "+" a fresh one, deleted afterwards with every entry left in it.
run_client() {
	ns=$1
	shift
	case $ns in
	-) "$bench" client "$@" ;;
	+)
		fresh_ns bench_fresh
		ip netns exec bench_fresh "$bench" client "$@"
		ip netns del bench_fresh
		# Namespaces are torn down in the background: let it finish
		# before the next measurement of memory.
		sleep 5
		;;
	*) ip netns exec "$ns" "$bench" client "$@" ;;
	esac
}

# measure SCENARIO NETNS HOST MODE SECONDS [COUNT [SRC]]
# A client's "<value> <unit>" is the scenario's figure; each of its
# "<name> <value> <unit>" lines is a figure SCENARIO_<name>.
measure() {
	scenario=$1 ns=$2 host=$3 mode=$4 secs=$5
	shift 5
	for round in $(seq "$rounds"); do
		for proto in tcp tern; do
			run_client "$ns" $proto "$mode" "$host" "$(port $proto)" \
				"$secs" "$@" > /tmp/bench.out
			while read -r a b c rest; do
				case $a in
				[0-9]*)
					# shellcheck disable=SC2086 # the words
					emit "$scenario" $proto "$round" $a $b $c $rest ;;
				*) emit "${scenario}_$a" $proto "$round" "$b" "$c" ;;
				esac
			done < /tmp/bench.out
		done
	done
}

measure stream_loopback - 127.0.0.1 stream 5
measure stream_veth bench_a 10.98.0.2 stream 5
measure rr_loopback - 127.0.0.1 rr 3
measure crr_loopback - 127.0.0.1 crr 3
# Goodput over a lossy, delayed path: netem on the data direction.
# netem sees skbs, not segments, and GSO skbs are cut only after the
# qdisc: with GSO each protocol would lose 1% of its multi-segment skbs,
# of whatever size it builds, rather than 1% of its segments. Kernel TCP
# always builds GSO skbs (sk_setup_caps() forces NETIF_F_GSO for it, so
# "ethtool -K gso off" does not stop it); one segment per skb on the
# device does, for both protocols.
ip -n bench_a link set dev ba gso_max_segs 1
tc -n bench_a qdisc add dev ba root netem delay 10ms loss 1%
measure stream_netem_loss1_delay10 bench_a 10.98.0.2 stream 10
tc -n bench_a qdisc del dev ba root
ip -n bench_a link set dev ba gso_max_segs 65535
measure streams8_veth bench_a 10.98.0.2 streams 5 8

# Scale: fewer rounds (each takes minutes), the figures are steadier.
rounds=$scale_rounds
measure scale_loopback - 127.0.0.1 conns 2 100,1000,10000
measure scale_timewait + 127.0.0.1 timewait 3 100000
# Half-open requests from 10.98.0.3, whose SYN+ACKs leave on the veth
# to an address nobody has.
ip -n bench_b neigh add 10.98.0.3 lladdr 02:00:00:00:00:03 dev bb nud permanent
# 10,000 SYN+ACKs retransmitted at once must not overflow the receiving
# side's backlog: TCP drops a request whose retransmission fails.
backlog=$(sysctl -n net.core.netdev_max_backlog)
sysctl -qw net.core.netdev_max_backlog=100000
port_offset=2 measure scale_synrecv bench_b 10.98.0.2 synrecv - 10000 10.98.0.3
sysctl -qw net.core.netdev_max_backlog="$backlog"

for p in $pids; do
	kill "$p"
done
wait 2>/dev/null || true
ip netns del bench_a
ip netns del bench_b
# Servers' sockets and TIME_WAIT entries must go before the module can.
i=0
while ! rmmod tern 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 300 ] || { echo "tern would not unload"; exit 1; }
	sleep 0.1
done
echo "bench: done"
