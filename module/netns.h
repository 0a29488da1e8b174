/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern's per network namespace state: counters, settings (sysctls under
 * net.tern), the TIME_WAIT count, the control socket and fault rules.
 */
#ifndef _TERN_NETNS_H
#define _TERN_NETNS_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <tern.h>

#include "fault.h"
#include "stats.h"

/**
 * struct tern_sysctl - a namespace's settings, /proc/sys/net/tern/
 * @msl_ms: maximum segment lifetime; TIME_WAIT lasts twice this
 * @fin_timeout_ms: how long an orphan waits in FIN_WAIT_2
 * @syn_retries: SYN retransmissions before connect() gives up
 * @synack_retries: SYN+ACK retransmissions before a request is dropped
 * @retries: data retransmissions before the connection fails
 * @rto_initial_ms: retransmission timeout before the first RTT sample
 * @rto_min_ms: lower bound of the retransmission timeout
 * @rto_max_ms: upper bound of the retransmission timeout
 * @delack_ms: longest a delayed acknowledgment waits
 * @rmem: default receive buffer, bytes
 * @wmem: default send buffer, bytes
 * @rmem_max: the most receive buffer autotuning may give a socket
 * @wmem_max: the most send buffer autotuning may give a socket
 * @sack: offer selective acknowledgments
 * @tlp: send tail loss probes (RFC 8985 7)
 * @keepalive_time_s: default idle time before keepalive probes
 * @keepalive_intvl_s: default time between keepalive probes
 * @keepalive_probes: default unanswered probes before giving up
 * @max_tw_buckets: the most TIME_WAIT entries; beyond, sockets just close
 * @orphan_retries: retransmissions or window probes of an orphan before
 *	it gives up; 0 for 8 while its timeout still grows (TCP's rule)
 * @max_orphans: the most orphans Tern keeps; beyond, they are reset
 * @syncookies: SYN cookies: 0 never, 1 when the backlog is full, 2 always
 * @invalid_ratelimit_ms: least time between an entry's answers to
 *	unacceptable segments
 * @congestion: default congestion control algorithm
 */
struct tern_sysctl {
	int msl_ms;
	int fin_timeout_ms;
	int syn_retries;
	int synack_retries;
	int retries;
	int rto_initial_ms;
	int rto_min_ms;
	int rto_max_ms;
	int delack_ms;
	int rmem;
	int wmem;
	int rmem_max;
	int wmem_max;
	int sack;
	int tlp;
	int keepalive_time_s;
	int keepalive_intvl_s;
	int keepalive_probes;
	int max_tw_buckets;
	int orphan_retries;
	int max_orphans;
	int syncookies;
	int invalid_ratelimit_ms;
	char congestion[TERN_CA_NAME_MAX];
};

/**
 * struct tern_net - what each network namespace keeps for Tern
 * @stats: per-CPU counters
 * @sysctl: settings
 * @sysctl_hdr: their registration
 * @ctl_sk: raw socket that sends replies no Tern socket owns (RST, ACKs
 *	from TIME_WAIT)
 * @ctl_sk6: the same for IPv6; NULL when IPv6 is disabled
 * @mem_hdr: net.tern.mem's registration (the initial namespace only)
 * @tw_count: TIME_WAIT entries in the namespace
 * @dying: the namespace goes away: its entries are to be purged
 * @fault: fault injection rules
 */
struct tern_net {
	struct tern_stats __percpu *stats;
	struct tern_sysctl sysctl;
	struct ctl_table_header *sysctl_hdr;
	struct sock *ctl_sk;
	struct sock *ctl_sk6;
	struct ctl_table_header *mem_hdr;
	atomic_t tw_count;
	bool dying;
	struct tern_fault fault;
};

extern unsigned int tern_net_id;

static inline struct tern_net *tern_net(const struct net *net)
{
	return net_generic(net, tern_net_id);
}

static inline const struct tern_sysctl *tern_sysctl(const struct net *net)
{
	return &tern_net(net)->sysctl;
}

/* Counters are per CPU and only ever read as a sum, so a plain per-CPU
 * increment is enough from any context.
 */
static inline void tern_stat_inc(const struct net *net, enum tern_stat stat)
{
	this_cpu_inc(tern_net(net)->stats->count[stat]);
}

static inline void tern_stat_add(const struct net *net, enum tern_stat stat,
				 unsigned int n)
{
	this_cpu_add(tern_net(net)->stats->count[stat], n);
}

static inline void tern_stat_dec(const struct net *net, enum tern_stat stat)
{
	this_cpu_dec(tern_net(net)->stats->count[stat]);
}

int tern_netns_register(void);
void tern_netns_unregister(void);

#endif /* _TERN_NETNS_H */
