/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel interfaces that differ between the kernels Tern supports,
 * Debian's 6.1 to the newest, each behind one helper. TERN_HAVE_* come
 * from the header feature tests in features.mk, never from version
 * numbers (distributions backport).
 */
#ifndef _TERN_COMPAT_H
#define _TERN_COMPAT_H

#include <linux/bpf-cgroup.h>
#include <linux/timer.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/sock.h>

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

/* 6.16 renamed from_timer(). */
#ifndef TERN_HAVE_TIMER_CONTAINER_OF
#define timer_container_of(var, timer, field)	from_timer(var, timer, field)
#endif

/* 6.2 added timer shutdown; before it, a deleted timer could be rearmed. */
#ifndef TERN_HAVE_TIMER_SHUTDOWN
#define timer_shutdown_sync(timer)	del_timer_sync(timer)
#endif

/* 6.19 gave connect() and bind() a sockaddr of unknown size. */
#ifdef TERN_HAVE_SOCKADDR_UNSIZED
#define TERN_SOCKADDR	struct sockaddr_unsized
#else
#define TERN_SOCKADDR	struct sockaddr
#endif

/* The cgroup BPF connect hook, given the address length since 6.7. */
#ifdef TERN_HAVE_BPF_CONNECT_LEN
#define TERN_BPF_CONNECT(sk, uaddr, lenp)	\
	BPF_CGROUP_RUN_PROG_INET4_CONNECT(sk, uaddr, lenp)
#else
#define TERN_BPF_CONNECT(sk, uaddr, lenp)	\
	((void)(lenp), BPF_CGROUP_RUN_PROG_INET4_CONNECT(sk, uaddr))
#endif

/* The same for IPv6 (cgroup/connect6 programs). */
#ifdef TERN_HAVE_BPF_CONNECT_LEN
#define TERN_BPF_CONNECT6(sk, uaddr, lenp)	\
	BPF_CGROUP_RUN_PROG_INET6_CONNECT(sk, uaddr, lenp)
#else
#define TERN_BPF_CONNECT6(sk, uaddr, lenp)	\
	((void)(lenp), BPF_CGROUP_RUN_PROG_INET6_CONNECT(sk, uaddr))
#endif

/* ip6_dst_store()'s address arguments: two pointers (6.1), a pointer and
 * a flag (6.12.y), two flags (6.18).
 */
#if defined(TERN_HAVE_IP6_DST_STORE_BOOLS)
#define tern_ip6_dst_store(sk, dst)	ip6_dst_store(sk, dst, false, false)
#elif defined(TERN_HAVE_IP6_DST_STORE_BOOL)
#define tern_ip6_dst_store(sk, dst)	ip6_dst_store(sk, dst, NULL, false)
#else
#define tern_ip6_dst_store(sk, dst)	ip6_dst_store(sk, dst, NULL, NULL)
#endif

/* Flow label lists moved from ipv6_pinfo to inet_sock (6.19, 6.12.y). */
#ifdef TERN_HAVE_INET_FL_LIST
#define tern_fl_list(sk)	(inet_sk(sk)->ipv6_fl_list)
#else
#define tern_fl_list(sk)	(inet6_sk(sk)->ipv6_fl_list)
#endif

/* sock_i_uid() is gone (6.17); the field it read is not. */
static inline kuid_t tern_sk_uid(const struct sock *sk)
{
	return READ_ONCE(sk->sk_uid);
}

/* The ephemeral range; true when the socket set its own
 * (IP_LOCAL_PORT_RANGE, which searches every port, not one parity).
 */
static inline bool tern_local_port_range(const struct sock *sk, int *low, int *high)
{
#ifdef TERN_HAVE_PORT_RANGE_BOOL
	return inet_sk_get_local_port_range(sk, low, high);
#else
	inet_sk_get_local_port_range(sk, low, high);
	return false;
#endif
}

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
