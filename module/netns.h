/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern's per network namespace state: counters and settings.
 */
#ifndef _TERN_NETNS_H
#define _TERN_NETNS_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "stats.h"

/**
 * struct tern_net - what each network namespace keeps for Tern
 * @stats: per-CPU counters
 */
struct tern_net {
	struct tern_stats __percpu *stats;
};

extern unsigned int tern_net_id;

static inline struct tern_net *tern_net(const struct net *net)
{
	return net_generic(net, tern_net_id);
}

/* Counters are per CPU and only ever read as a sum, so a plain per-CPU
 * increment is enough from any context.
 */
static inline void tern_stat_inc(const struct net *net, enum tern_stat stat)
{
	this_cpu_inc(tern_net(net)->stats->count[stat]);
}

int tern_netns_register(void);
void tern_netns_unregister(void);

#endif /* _TERN_NETNS_H */
