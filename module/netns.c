// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace setup: counters (/proc/net/tern_stats), settings
 * (/proc/sys/net/tern/), the TIME_WAIT count, the control socket, the
 * fault rules and the socket list (/proc/net/tern); at exit, the purge of
 * the namespace's entries.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <net/inet_common.h>

#include "compat.h"
#include "congestion.h"
#include "main.h"
#include "netns.h"
#include "proc.h"
#include "proto.h"
#include "table.h"
#include "timewait.h"

unsigned int tern_net_id __read_mostly;

const char *const tern_stat_names[TERN_STAT_MAX] = {
	[TERN_STAT_IN_SEGS]		= "InSegs",
	[TERN_STAT_OUT_SEGS]		= "OutSegs",
	[TERN_STAT_OUT_GSO]		= "OutGsoSkbs",
	[TERN_STAT_IN_GSO]		= "InGsoSkbs",
	[TERN_STAT_RETRANS_SEGS]	= "RetransSegs",
	[TERN_STAT_OUT_RSTS]		= "OutRsts",
	[TERN_STAT_IN_RSTS]		= "InRsts",
	[TERN_STAT_ACTIVE_OPENS]	= "ActiveOpens",
	[TERN_STAT_PASSIVE_OPENS]	= "PassiveOpens",
	[TERN_STAT_ATTEMPT_FAILS]	= "AttemptFails",
	[TERN_STAT_ESTAB_RESETS]	= "EstabResets",
	[TERN_STAT_CURR_ESTAB]		= "CurrEstab",
	[TERN_STAT_TIME_WAITS]		= "TimeWaits",
	[TERN_STAT_TIME_WAIT_OVERFLOW]	= "TimeWaitOverflow",
	[TERN_STAT_TIME_WAIT_REOPENS]	= "TimeWaitReopens",
	[TERN_STAT_SYN_RETRANS]		= "SynRetrans",
	[TERN_STAT_TIMEOUTS]		= "Timeouts",
	[TERN_STAT_FAST_RETRANS]	= "FastRetrans",
	[TERN_STAT_DSACKS_RECEIVED]	= "DsacksReceived",
	[TERN_STAT_DSACKS_SENT]		= "DsacksSent",
	[TERN_STAT_UNDOS]		= "Undos",
	[TERN_STAT_LATE_FILLS]		= "LateFills",
	[TERN_STAT_LOSS_PROBES]		= "LossProbes",
	[TERN_STAT_LOSS_PROBE_RECOVERIES] = "LossProbeRecovery",
	[TERN_STAT_CHALLENGE_ACKS]	= "ChallengeAcks",
	[TERN_STAT_OOW_LIMITED]		= "OutOfWindowAcksLimited",
	[TERN_STAT_LISTEN_OVERFLOWS]	= "ListenOverflows",
	[TERN_STAT_LISTEN_DROPS]	= "ListenDrops",
	[TERN_STAT_SYNCOOKIES_SENT]	= "SyncookiesSent",
	[TERN_STAT_SYNCOOKIES_RECV]	= "SyncookiesRecv",
	[TERN_STAT_SYNCOOKIES_FAILED]	= "SyncookiesFailed",
	[TERN_STAT_ABORT_ON_DATA]	= "AbortOnData",
	[TERN_STAT_ABORT_ON_CLOSE]	= "AbortOnClose",
	[TERN_STAT_ABORT_ON_LINGER]	= "AbortOnLinger",
	[TERN_STAT_ABORT_ON_TIMEOUT]	= "AbortOnTimeout",
	[TERN_STAT_ABORT_ON_MEMORY]	= "AbortOnMemory",
	[TERN_STAT_FIN_WAIT2_TIMEOUTS]	= "FinWait2Timeouts",
	[TERN_STAT_DELAYED_ACKS]	= "DelayedAcks",
	[TERN_STAT_DUP_SEGS]		= "DupSegs",
	[TERN_STAT_OFO_SEGS]		= "OfoSegs",
	[TERN_STAT_OFO_PRUNED]		= "OfoPruned",
	[TERN_STAT_QUEUE_TOO_BIG]	= "QueueTooBig",
	[TERN_STAT_ZERO_WINDOW_PROBES]	= "ZeroWindowProbes",
	[TERN_STAT_FAULT_DROPS]		= "FaultDrops",
	[TERN_STAT_SM_INVALID]		= "StateMachineInvalid",
	[TERN_STAT_IN_ERRS]		= "InErrs",
	[TERN_STAT_DROP_SHORT]		= "DropShort",
	[TERN_STAT_DROP_BAD_OFFSET]	= "DropBadOffset",
	[TERN_STAT_DROP_BAD_CSUM]	= "DropBadChecksum",
	[TERN_STAT_DROP_BAD_FLAGS]	= "DropBadFlags",
	[TERN_STAT_DROP_BAD_OPTION]	= "DropBadOption",
	[TERN_STAT_DROP_BAD_PORT]	= "DropBadPort",
	[TERN_STAT_DROP_NOT_HOST]	= "DropNotForHost",
	[TERN_STAT_DROP_MAPPED]		= "DropMappedAddress",
	[TERN_STAT_NO_SOCKET]		= "NoSocket",
	[TERN_STAT_DROP_OUT_OF_WINDOW]	= "DropOutOfWindow",
	[TERN_STAT_DROP_BAD_ACK]	= "DropBadAck",
	[TERN_STAT_DROP_BACKLOG]	= "DropBacklog",
	[TERN_STAT_DROP_RCVBUF]		= "DropRcvbuf",
	[TERN_STAT_DROP_POLICY]		= "DropPolicy",
	[TERN_STAT_DROP_FILTER]		= "DropFilter",
};

static const struct tern_sysctl tern_sysctl_defaults = {
	.msl_ms			= 30000,	/* TIME_WAIT: 60 s, as Linux */
	.fin_timeout_ms		= 60000,
	.syn_retries		= 6,
	.synack_retries		= 5,
	.retries		= 15,
	.rto_initial_ms		= 1000,
	.rto_min_ms		= 200,
	.rto_max_ms		= 120000,
	.delack_ms		= 40,
	.rmem			= 1 << 20,
	.wmem			= 1 << 20,
	.rmem_max		= 6 << 20,	/* as TCP's tcp_rmem[2] */
	.wmem_max		= 4 << 20,	/* as TCP's tcp_wmem[2] */
	.sack			= 1,
	.tlp			= 1,
	.keepalive_time_s	= 7200,
	.keepalive_intvl_s	= 75,
	.keepalive_probes	= 9,
	.max_tw_buckets		= 262144,	/* as TCP's default */
	.invalid_ratelimit_ms	= 500,		/* as tcp_invalid_ratelimit */
	.orphan_retries		= 0,		/* as tcp_orphan_retries */
	.syncookies		= 1,		/* as tcp_syncookies */
	.congestion		= "cubic",
};

static int tern_int_one = 1;
static int tern_int_127 = 127;
static int tern_int_500 = 500;
static int tern_int_ms_max = 3600 * 1000;
static int tern_int_rto_min_max = 60 * 1000;
static int tern_int_keepalive_max = 32767;
static int tern_int_buf_min = 4096;
static int tern_int_buf_max = 1 << 30;

static int tern_sysctl_congestion(TERN_CTL_TABLE_CONST struct ctl_table *table,
				  int write, void *buffer, size_t *lenp,
				  loff_t *ppos)
{
	char name[TERN_CA_NAME_MAX];
	struct ctl_table tmp = {
		.data	= name,
		.maxlen	= sizeof(name),
	};
	int err;

	strscpy(name, table->data, sizeof(name));
	err = proc_dostring(&tmp, write, buffer, lenp, ppos);
	if (err || !write)
		return err;
	if (!tern_cong_find(name))
		return -ENOENT;
	strscpy(table->data, name, TERN_CA_NAME_MAX);
	return 0;
}

#define TERN_SYSCTL(name, field, lo, hi) {			\
	.procname	= name,					\
	.data		= (void *)offsetof(struct tern_net, field),	\
	.maxlen		= sizeof(int),				\
	.mode		= 0644,					\
	.proc_handler	= proc_dointvec_minmax,			\
	.extra1		= lo,					\
	.extra2		= hi,					\
}

/* .data holds offsets into struct tern_net until registration. */
static const struct ctl_table tern_sysctl_template[] = {
	TERN_SYSCTL("msl_ms", sysctl.msl_ms, &tern_int_one, &tern_int_ms_max),
	TERN_SYSCTL("fin_timeout_ms", sysctl.fin_timeout_ms, &tern_int_one,
		    &tern_int_ms_max),
	TERN_SYSCTL("syn_retries", sysctl.syn_retries, &tern_int_one, &tern_int_127),
	TERN_SYSCTL("synack_retries", sysctl.synack_retries, &tern_int_one,
		    &tern_int_127),
	TERN_SYSCTL("retries", sysctl.retries, &tern_int_one, &tern_int_127),
	TERN_SYSCTL("rto_initial_ms", sysctl.rto_initial_ms, &tern_int_one,
		    &tern_int_ms_max),
	TERN_SYSCTL("rto_min_ms", sysctl.rto_min_ms, &tern_int_one,
		    &tern_int_rto_min_max),
	TERN_SYSCTL("rto_max_ms", sysctl.rto_max_ms, &tern_int_one, &tern_int_ms_max),
	/* RFC 1122 4.2.3.2: an ACK must not be delayed beyond 500 ms. */
	TERN_SYSCTL("delack_ms", sysctl.delack_ms, &tern_int_one, &tern_int_500),
	TERN_SYSCTL("rmem", sysctl.rmem, &tern_int_buf_min, &tern_int_buf_max),
	TERN_SYSCTL("wmem", sysctl.wmem, &tern_int_buf_min, &tern_int_buf_max),
	TERN_SYSCTL("rmem_max", sysctl.rmem_max, &tern_int_buf_min,
		    &tern_int_buf_max),
	TERN_SYSCTL("wmem_max", sysctl.wmem_max, &tern_int_buf_min,
		    &tern_int_buf_max),
	TERN_SYSCTL("sack", sysctl.sack, SYSCTL_ZERO, SYSCTL_ONE),
	TERN_SYSCTL("tlp", sysctl.tlp, SYSCTL_ZERO, SYSCTL_ONE),
	TERN_SYSCTL("keepalive_time_s", sysctl.keepalive_time_s, &tern_int_one,
		    &tern_int_keepalive_max),
	TERN_SYSCTL("keepalive_intvl_s", sysctl.keepalive_intvl_s, &tern_int_one,
		    &tern_int_keepalive_max),
	TERN_SYSCTL("keepalive_probes", sysctl.keepalive_probes, &tern_int_one,
		    &tern_int_127),
	TERN_SYSCTL("max_tw_buckets", sysctl.max_tw_buckets, SYSCTL_ZERO,
		    SYSCTL_INT_MAX),
	TERN_SYSCTL("invalid_ratelimit_ms", sysctl.invalid_ratelimit_ms,
		    SYSCTL_ZERO, &tern_int_ms_max),
	TERN_SYSCTL("orphan_retries", sysctl.orphan_retries, SYSCTL_ZERO,
		    &tern_int_127),
	/* 0: never, 1: when a listener's backlog is full, 2: always. */
	TERN_SYSCTL("syncookies", sysctl.syncookies, SYSCTL_ZERO, SYSCTL_TWO),
	TERN_SYSCTL("max_orphans", sysctl.max_orphans, SYSCTL_ZERO,
		    SYSCTL_INT_MAX),
	{
		.procname	= "congestion_control",
		.data		= (void *)offsetof(struct tern_net, sysctl.congestion),
		.maxlen		= TERN_CA_NAME_MAX,
		.mode		= 0644,
		.proc_handler	= tern_sysctl_congestion,
	},
};

/* net.tern.mem, as net.ipv4.tcp_mem: the protocol's memory limits in
 * pages (no pressure below, pressure, hard limit), one for all
 * namespaces, so only the initial namespace shows it.
 */
static struct ctl_table tern_mem_table[] = {
	{
		.procname	= "mem",
		.data		= tern_sysctl_mem,
		.maxlen		= sizeof(tern_sysctl_mem),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
	{ }	/* the sentinel older kernels look for */
};

static int tern_sysctl_register(struct net *net, struct tern_net *tn)
{
	const size_t count = ARRAY_SIZE(tern_sysctl_template);
	struct ctl_table *table;
	size_t i;

	/* One zeroed entry more: the sentinel older kernels look for. */
	table = kcalloc(count + 1, sizeof(*table), GFP_KERNEL);
	if (!table)
		return -ENOMEM;
	memcpy(table, tern_sysctl_template, sizeof(tern_sysctl_template));
	for (i = 0; i < count; i++)
		table[i].data = (char *)tn + (uintptr_t)table[i].data;
	tn->sysctl_hdr = tern_register_sysctl(net, "net/tern", table, count);
	if (!tn->sysctl_hdr) {
		kfree(table);
		return -ENOMEM;
	}
	if (!net_eq(net, &init_net))
		return 0;
	tn->mem_hdr = tern_register_sysctl(net, "net/tern", tern_mem_table,
					   ARRAY_SIZE(tern_mem_table) - 1);
	if (!tn->mem_hdr) {
		unregister_net_sysctl_table(tn->sysctl_hdr);
		kfree(table);
		return -ENOMEM;
	}
	return 0;
}

static void tern_sysctl_unregister(struct tern_net *tn)
{
	const struct ctl_table *table = tn->sysctl_hdr->ctl_table_arg;

	if (tn->mem_hdr)
		unregister_net_sysctl_table(tn->mem_hdr);
	unregister_net_sysctl_table(tn->sysctl_hdr);
	kfree(table);
}

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
		seq_printf(seq, "%s %lld\n", tern_stat_names[i],
			   (s64)tern_stat_sum(tn, i));
	return 0;
}

static int __net_init tern_net_init(struct net *net)
{
	struct tern_net *tn = tern_net(net);
	int err;

	tn->sysctl = tern_sysctl_defaults;
	/* As TCP's tcp_max_orphans: half the established table. */
	tn->sysctl.max_orphans = (tern_tables.ehash_mask + 1) / 2;
	atomic_set(&tn->tw_count, 0);
	tn->dying = false;

	tn->stats = alloc_percpu(struct tern_stats);
	if (!tn->stats)
		return -ENOMEM;
	err = inet_ctl_sock_create(&tn->ctl_sk, PF_INET, SOCK_RAW, tern_ipproto, net);
	if (err)
		goto out_stats;
	inet_sk(tn->ctl_sk)->pmtudisc = IP_PMTUDISC_DO;
	/* None when IPv6 is disabled (ipv6.disable=1): IPv4 goes on. */
	if (inet_ctl_sock_create(&tn->ctl_sk6, PF_INET6, SOCK_RAW, tern_ipproto, net))
		tn->ctl_sk6 = NULL;
	err = tern_sysctl_register(net, tn);
	if (err)
		goto out_ctl;
	err = tern_fault_init_net(net);
	if (err)
		goto out_sysctl;
	err = -ENOMEM;
	if (!proc_create_net_single("tern_stats", 0444, net->proc_net,
				    tern_stats_show, NULL))
		goto out_fault;
	err = tern_proc_init_net(net);
	if (err)
		goto out_stats_file;
	return 0;

out_stats_file:
	remove_proc_entry("tern_stats", net->proc_net);
out_fault:
	tern_fault_exit_net(net);
out_sysctl:
	tern_sysctl_unregister(tn);
out_ctl:
	if (tn->ctl_sk6)
		inet_ctl_sock_destroy(tn->ctl_sk6);
	inet_ctl_sock_destroy(tn->ctl_sk);
out_stats:
	free_percpu(tn->stats);
	return err;
}

static void __net_exit tern_net_exit(struct net *net)
{
	struct tern_net *tn = tern_net(net);

	tern_proc_exit_net(net);
	remove_proc_entry("tern_stats", net->proc_net);
	tern_fault_exit_net(net);
	tern_sysctl_unregister(tn);
	if (tn->ctl_sk6)
		inet_ctl_sock_destroy(tn->ctl_sk6);
	inet_ctl_sock_destroy(tn->ctl_sk);
}

/* TIME_WAIT and request entries hold no namespace reference: remove
 * those of the dying namespaces, in one walk of the table for the batch,
 * before their state goes away. Batches never run concurrently (the
 * core serializes them, and module unload, on pernet_ops_rwsem), so
 * unlike TCP's there is no lock of our own to take.
 */
static void __net_exit tern_net_exit_batch(struct list_head *net_exit_list)
{
	struct net *net;

	list_for_each_entry(net, net_exit_list, exit_list)
		tern_net(net)->dying = true;
	tern_purge_entries();
	list_for_each_entry(net, net_exit_list, exit_list) {
		struct tern_net *tn = tern_net(net);

		WARN_ON_ONCE(atomic_read(&tn->tw_count));
		free_percpu(tn->stats);
	}
}

static struct pernet_operations tern_net_ops = {
	.init		= tern_net_init,
	.exit		= tern_net_exit,
	.exit_batch	= tern_net_exit_batch,
	.id		= &tern_net_id,
	.size		= sizeof(struct tern_net),
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
