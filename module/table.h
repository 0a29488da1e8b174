/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern's lookup tables, its own and no other protocol's: the established
 * table (connected sockets, request entries and TIME_WAIT entries, by
 * 4-tuple) and the listen table (listeners, by port). Both are shared by
 * every network namespace and keyed by it; the receive path searches them
 * under RCU. The bind table is port.c's.
 *
 * All three kinds of entry start with a struct sock_common, as the
 * kernel's own TCP entries do, and tell themselves apart by skc_state:
 * TCP_NEW_SYN_RECV for a request, TCP_TIME_WAIT for a TIME_WAIT entry,
 * anything else for a full socket.
 */
#ifndef _TERN_TABLE_H
#define _TERN_TABLE_H

#include <linux/list_nulls.h>
#include <linux/spinlock.h>
#include <net/sock.h>

#include "addr.h"

/**
 * struct tern_tables - the established and listen tables
 * @ehash: established chains, nulls-terminated (the nulls value is the
 *	chain's index, so that a lookup can tell it was moved to another)
 * @ehash_locks: writers' locks, one per group of chains
 * @ehash_mask: chains - 1
 * @ehash_locks_mask: locks - 1
 * @lhash: listener chains, by (namespace, port)
 * @lhash_locks: one lock per listener chain
 * @lhash_mask: listener chains - 1
 */
struct tern_tables {
	struct hlist_nulls_head *ehash;
	spinlock_t *ehash_locks;	/* writers of ehash chains */
	unsigned int ehash_mask;
	unsigned int ehash_locks_mask;
	struct hlist_nulls_head *lhash;
	spinlock_t *lhash_locks;	/* writers of lhash chains */
	unsigned int lhash_mask;
};

extern struct tern_tables tern_tables;

int tern_tables_init(void);
void tern_tables_exit(void);

u32 tern_ehashfn(const struct net *net, const struct in6_addr *laddr,
		 u16 lport, const struct in6_addr *faddr, __be16 fport);

static inline spinlock_t *tern_ehash_lock(u32 hash)
{
	return &tern_tables.ehash_locks[hash & tern_tables.ehash_locks_mask];
}

static inline struct hlist_nulls_head *tern_ehash_chain(u32 hash)
{
	return &tern_tables.ehash[hash & tern_tables.ehash_mask];
}

/**
 * tern_entry_match() - is @sk the entry for this 4-tuple?
 * @sk: a socket, request or TIME_WAIT entry (its sock_common part)
 * @net: the namespace the segment arrived in
 * @raddr: the peer's address (IPv4 v4-mapped, as every key here)
 * @rport: the peer's port
 * @laddr: our address
 * @lport: our port, host order
 * @dif: the device it arrived on
 * @sdif: the l3 master device's slave, if any
 *
 * The v6 keys of an IPv4 socket hold its addresses v4-mapped: the core's
 * sk_daddr_set() and sk_rcv_saddr_set() write both forms.
 */
static inline bool tern_entry_match(const struct sock *sk, const struct net *net,
				    const struct in6_addr *raddr, __be16 rport,
				    const struct in6_addr *laddr, u16 lport,
				    int dif, int sdif)
{
	int bound = READ_ONCE(sk->sk_bound_dev_if);

	return sk->sk_dport == rport && sk->sk_num == lport &&
	       ipv6_addr_equal(&sk->sk_v6_daddr, raddr) &&
	       ipv6_addr_equal(&sk->sk_v6_rcv_saddr, laddr) &&
	       net_eq(sock_net(sk), net) &&
	       (!bound || bound == dif || bound == sdif);
}

/**
 * tern_entry_zero() - clear a new request or TIME_WAIT entry
 * @entry: the entry, fresh from its cache
 * @size: its size
 *
 * All but the chain link: a lookup may still be walking through the
 * memory's previous life (SLAB_TYPESAFE_BY_RCU), and must find the end
 * of a chain, not NULL. The reference count starts at zero, so no lookup
 * takes the entry before it is ready.
 */
static inline void tern_entry_zero(void *entry, size_t size)
{
	size_t next = offsetof(struct sock_common, skc_nulls_node.next);
	size_t pprev = offsetof(struct sock_common, skc_nulls_node.pprev);

	memset(entry, 0, next);
	memset((char *)entry + pprev, 0, size - pprev);
}

/**
 * tern_entry_keys() - the lookup keys of a request or TIME_WAIT entry
 * @c: the entry's common part
 * @net: its namespace (no reference is held: entries of a namespace
 *	that goes away are purged first)
 * @laddr: our address (IPv4 v4-mapped)
 * @lport: our port
 * @raddr: the peer's address
 * @rport: the peer's port
 * @dev: the device it is bound to, 0 for none
 */
static inline void tern_entry_keys(struct sock_common *c, struct net *net,
				   const struct in6_addr *laddr, __be16 lport,
				   const struct in6_addr *raddr, __be16 rport,
				   int dev)
{
	bool v4 = ipv6_addr_v4mapped(raddr);

	write_pnet(&c->skc_net, net);
	c->skc_family = v4 ? AF_INET : AF_INET6;
	c->skc_v6_rcv_saddr = *laddr;
	c->skc_v6_daddr = *raddr;
	/* An IPv6 entry's IPv4 fields match no IPv4 address, as TCP's. */
	c->skc_rcv_saddr = v4 ? laddr->s6_addr32[3] : LOOPBACK4_IPV6;
	c->skc_daddr = v4 ? raddr->s6_addr32[3] : LOOPBACK4_IPV6;
	c->skc_num = ntohs(lport);
	c->skc_dport = rport;
	c->skc_bound_dev_if = dev;
}

struct sock *tern_lookup_established(const struct net *net,
				     const struct tern_addrs *a, __be16 rport,
				     u16 lport, int dif, int sdif);
struct sock *tern_lookup_listener(const struct net *net, struct sk_buff *skb,
				  int doff, const struct tern_addrs *a,
				  __be16 rport, u16 lport, int dif, int sdif);
struct sock *tern_ehash_find_locked(u32 hash, const struct net *net,
				    const struct in6_addr *raddr, __be16 rport,
				    const struct in6_addr *laddr, u16 lport,
				    int dif);
void tern_entry_put(struct sock *sk);

void tern_ehash_insert_locked(struct sock *sk, u32 hash);
bool tern_ehash_insert_unique(struct sock *sk);
bool tern_ehash_replace_locked(struct sock *old, struct sock *sk);
bool tern_ehash_replace(struct sock *old, struct sock *sk);
bool tern_ehash_remove(struct sock *sk);
int tern_hash(struct sock *sk);
void tern_unhash(struct sock *sk);

#endif /* _TERN_TABLE_H */
