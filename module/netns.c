// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace setup: counters and /proc/net/tern_stats.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#include "netns.h"

unsigned int tern_net_id __read_mostly;

const char *const tern_stat_names[TERN_STAT_MAX] = {
	[TERN_STAT_IN_SEGS]		= "InSegs",
	[TERN_STAT_OUT_SEGS]		= "OutSegs",
	[TERN_STAT_IN_ERRS]		= "InErrs",
	[TERN_STAT_DROP_SHORT]		= "DropShort",
	[TERN_STAT_DROP_BAD_OFFSET]	= "DropBadOffset",
	[TERN_STAT_DROP_BAD_CSUM]	= "DropBadChecksum",
	[TERN_STAT_DROP_BAD_FLAGS]	= "DropBadFlags",
	[TERN_STAT_DROP_BAD_OPTION]	= "DropBadOption",
	[TERN_STAT_DROP_BAD_PORT]	= "DropBadPort",
	[TERN_STAT_DROP_NOT_HOST]	= "DropNotForHost",
	[TERN_STAT_NO_SOCKET]		= "NoSocket",
};

static u64 tern_stat_sum(const struct tern_net *tn, enum tern_stat stat)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(tn->stats, cpu)->count[stat];
	return sum;
}

static int tern_stats_show(struct seq_file *seq, void *v)
{
	const struct tern_net *tn = tern_net(seq_file_single_net(seq));
	int i;

	for (i = 0; i < TERN_STAT_MAX; i++)
		seq_printf(seq, "%s %llu\n", tern_stat_names[i],
			   tern_stat_sum(tn, i));
	return 0;
}

static int __net_init tern_net_init(struct net *net)
{
	struct tern_net *tn = tern_net(net);

	tn->stats = alloc_percpu(struct tern_stats);
	if (!tn->stats)
		return -ENOMEM;
	if (!proc_create_net_single("tern_stats", 0444, net->proc_net,
				    tern_stats_show, NULL)) {
		free_percpu(tn->stats);
		return -ENOMEM;
	}
	return 0;
}

static void __net_exit tern_net_exit(struct net *net)
{
	remove_proc_entry("tern_stats", net->proc_net);
	free_percpu(tern_net(net)->stats);
}

static struct pernet_operations tern_net_ops = {
	.init	= tern_net_init,
	.exit	= tern_net_exit,
	.id	= &tern_net_id,
	.size	= sizeof(struct tern_net),
};

/**
 * tern_netns_register() - set Tern up in every network namespace
 *
 * Return: 0 or a negative errno.
 */
int tern_netns_register(void)
{
	return register_pernet_subsys(&tern_net_ops);
}

/**
 * tern_netns_unregister() - undo tern_netns_register()
 */
void tern_netns_unregister(void)
{
	unregister_pernet_subsys(&tern_net_ops);
}
