/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel interfaces that differ between the kernels Tern supports
 * (Debian's 6.1 and 6.12), each behind one helper. TERN_HAVE_* come from
 * the header feature tests in features.mk.
 */
#ifndef _TERN_COMPAT_H
#define _TERN_COMPAT_H

#include <net/inet_connection_sock.h>
#include <net/inet_timewait_sock.h>
#include <net/net_namespace.h>

/* The GSO helpers moved out of skbuff.h. */
#ifdef TERN_HAVE_NET_GSO_H
#include <net/gso.h>
#endif
/* 6.10 moved the protocol memory helpers out of net/sock.h. */
#ifdef TERN_HAVE_NET_PROTO_MEMORY_H
#include <net/proto_memory.h>
#endif

#ifdef TERN_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* Newer kernels arm the TIME_WAIT timer inside the hashdance. */
static inline void tern_twsk_hashdance_schedule(struct inet_timewait_sock *tw,
						struct sock *sk,
						struct inet_hashinfo *hashinfo,
						int timeo)
{
#ifdef TERN_HAVE_TWSK_HASHDANCE_SCHEDULE
	inet_twsk_hashdance_schedule(tw, sk, hashinfo, timeo);
#else
	/* The timer is pinned: keep it from firing before the dance ends. */
	local_bh_disable();
	inet_twsk_schedule(tw, timeo);
	inet_twsk_hashdance(tw, sk, hashinfo);
	local_bh_enable();
#endif
}

/* Newer kernels give the keepalive timer a field of its own. */
#ifdef TERN_HAVE_ICSK_KEEPALIVE_TIMER
#define tern_keepalive_timer_of(sk)	(&inet_csk(sk)->icsk_keepalive_timer)
#define tern_sk_from_keepalive(t)	\
	(&container_of(t, struct inet_connection_sock, icsk_keepalive_timer)->icsk_inet.sk)
#else
#define tern_keepalive_timer_of(sk)	(&(sk)->sk_timer)
#define tern_sk_from_keepalive(t)	container_of(t, struct sock, sk_timer)
#endif

/* register_net_sysctl_sz() takes a count; older kernels want a sentinel. */
static inline struct ctl_table_header *
tern_register_sysctl(struct net *net, const char *path, struct ctl_table *table,
		     size_t count)
{
#ifdef TERN_HAVE_REGISTER_NET_SYSCTL_SZ
	return register_net_sysctl_sz(net, path, table, count);
#else
	return register_net_sysctl(net, path, table);
#endif
}

/* Newer sysctl handlers take a const table. */
#ifdef TERN_HAVE_CONST_CTL_TABLE
#define TERN_CTL_TABLE_CONST const
#else
#define TERN_CTL_TABLE_CONST
#endif

#endif /* _TERN_COMPAT_H */
