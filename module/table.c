// SPDX-License-Identifier: GPL-2.0
/*
 * The established and listen tables: sizing, hashing, RCU lookups, and
 * the writers' side (insert, replace, remove) under per-chain locks.
 *
 * Lookups follow Documentation/RCU/rculist_nulls.rst: entries come from
 * SLAB_TYPESAFE_BY_RCU caches, so an entry found may be freed and reused
 * at any moment. A lookup takes a reference only if the count is not
 * zero, then checks the keys again; a walk that ends on another chain's
 * nulls value (the entry it followed moved) starts over.
 */
#include <linux/jhash.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <net/netns/hash.h>
#include <net/sock_reuseport.h>

#include "compat.h"
#include "request.h"
#include "table.h"
#include "timewait.h"

/* As TCP sizes its established table: one chain per 128 KB of memory. */
#define TERN_EHASH_MIN		1024U
#define TERN_EHASH_MAX		(512U * 1024)
#define TERN_EHASH_LOCKS_MAX	1024U
#define TERN_LHASH_SIZE		512U

static unsigned int ehash_entries;
module_param(ehash_entries, uint, 0444);
MODULE_PARM_DESC(ehash_entries,
		 "established table chains (0: one per 128 KB of memory)");

struct tern_tables tern_tables;
static u32 tern_ehash_secret __read_mostly;

static unsigned int tern_ehash_size(void)
{
	unsigned long n = ehash_entries;

	if (!n)
		n = totalram_pages() >> (17 - PAGE_SHIFT);
	n = clamp_t(unsigned long, n, TERN_EHASH_MIN, TERN_EHASH_MAX);
	return roundup_pow_of_two(n);
}

static void *tern_alloc_locks(unsigned int n)
{
	spinlock_t *locks = kvmalloc_array(n, sizeof(*locks), GFP_KERNEL);
	unsigned int i;

	if (locks)
		for (i = 0; i < n; i++)
			spin_lock_init(&locks[i]);
	return locks;
}

static struct hlist_nulls_head *tern_alloc_chains(unsigned int n)
{
	struct hlist_nulls_head *chains = kvmalloc_array(n, sizeof(*chains),
							 GFP_KERNEL);
	unsigned int i;

	if (chains)
		for (i = 0; i < n; i++)
			INIT_HLIST_NULLS_HEAD(&chains[i], i);
	return chains;
}

/**
 * tern_tables_init() - allocate the established and listen tables
 *
 * Return: 0 or -ENOMEM.
 */
int tern_tables_init(void)
{
	struct tern_tables *t = &tern_tables;
	unsigned int size = tern_ehash_size();
	unsigned int locks = min(size, TERN_EHASH_LOCKS_MAX);

	get_random_bytes(&tern_ehash_secret, sizeof(tern_ehash_secret));
	t->ehash = tern_alloc_chains(size);
	t->ehash_locks = tern_alloc_locks(locks);
	t->lhash = tern_alloc_chains(TERN_LHASH_SIZE);
	t->lhash_locks = tern_alloc_locks(TERN_LHASH_SIZE);
	if (!t->ehash || !t->ehash_locks || !t->lhash || !t->lhash_locks) {
		tern_tables_exit();
		return -ENOMEM;
	}
	t->ehash_mask = size - 1;
	t->ehash_locks_mask = locks - 1;
	t->lhash_mask = TERN_LHASH_SIZE - 1;
	return 0;
}

/**
 * tern_tables_exit() - free the tables; every entry must be gone
 */
void tern_tables_exit(void)
{
	struct tern_tables *t = &tern_tables;

	kvfree(t->lhash_locks);
	kvfree(t->lhash);
	kvfree(t->ehash_locks);
	kvfree(t->ehash);
	memset(t, 0, sizeof(*t));
}

/**
 * tern_ehashfn() - the established table hash of a 4-tuple
 * @net: the namespace
 * @laddr: our address (IPv4 v4-mapped)
 * @lport: our port, host order
 * @faddr: the peer's address
 * @fport: the peer's port
 *
 * As TCP's inet6_ehashfn(): all of the peer's address goes through the
 * keyed hash (it chooses it), the low word of ours is enough.
 *
 * Return: the hash; its low bits pick the chain.
 */
u32 tern_ehashfn(const struct net *net, const struct in6_addr *laddr,
		 u16 lport, const struct in6_addr *faddr, __be16 fport)
{
	return jhash_3words((__force u32)laddr->s6_addr32[3],
			    __ipv6_addr_jhash(faddr, tern_ehash_secret),
			    (u32)lport << 16 | (__force u32)fport,
			    tern_ehash_secret + net_hash_mix(net));
}

static u32 tern_lhashfn(const struct net *net, u16 lport)
{
	return (net_hash_mix(net) + lport) & tern_tables.lhash_mask;
}

/**
 * tern_entry_put() - drop a reference to an entry of any kind
 * @sk: a full socket, a request or a TIME_WAIT entry
 */
void tern_entry_put(struct sock *sk)
{
	if (sk->sk_state == TCP_NEW_SYN_RECV)
		tern_req_put(tern_req(sk));
	else if (sk->sk_state == TCP_TIME_WAIT)
		tern_tw_put(tern_tw(sk));
	else
		sock_put(sk);
}

/**
 * tern_lookup_established() - find the entry for a segment's 4-tuple
 * @net: the namespace it arrived in
 * @a: its addresses
 * @rport: its source port
 * @lport: its destination port, host order
 * @dif: the device it arrived on
 * @sdif: the l3 master device's slave, if any
 *
 * Context: RCU read side (softirq).
 * Return: a full socket, request or TIME_WAIT entry with a reference the
 * caller drops (tern_entry_put()), or NULL.
 */
struct sock *tern_lookup_established(const struct net *net,
				     const struct tern_addrs *a, __be16 rport,
				     u16 lport, int dif, int sdif)
{
	const struct in6_addr *raddr = &a->raddr, *laddr = &a->laddr;
	u32 hash = tern_ehashfn(net, laddr, lport, raddr, rport);
	unsigned int slot = hash & tern_tables.ehash_mask;
	struct hlist_nulls_node *node;
	struct sock *sk;

begin:
	sk_nulls_for_each_rcu(sk, node, &tern_tables.ehash[slot]) {
		if (sk->sk_hash != hash ||
		    !tern_entry_match(sk, net, raddr, rport, laddr, lport, dif, sdif))
			continue;
		if (unlikely(!refcount_inc_not_zero(&sk->sk_refcnt)))
			return NULL;
		/* Freed and reused between the match and the reference? */
		if (unlikely(!tern_entry_match(sk, net, raddr, rport, laddr,
					       lport, dif, sdif))) {
			tern_entry_put(sk);
			goto begin;
		}
		return sk;
	}
	if (get_nulls_value(node) != slot)
		goto begin;
	return NULL;
}

/**
 * tern_ehash_find_locked() - is the 4-tuple in use?
 * @hash: its tern_ehashfn(), whose chain lock the caller holds
 * @net: the namespace
 * @raddr: the peer's address
 * @rport: the peer's port
 * @laddr: our address
 * @lport: our port, host order
 * @dif: the device a new socket is bound to, 0 if none
 *
 * Return: the entry holding it (no reference taken), or NULL.
 */
struct sock *tern_ehash_find_locked(u32 hash, const struct net *net,
				    const struct in6_addr *raddr, __be16 rport,
				    const struct in6_addr *laddr, u16 lport,
				    int dif)
{
	struct hlist_nulls_node *node;
	struct sock *sk;

	sk_nulls_for_each(sk, node, tern_ehash_chain(hash))
		if (sk->sk_hash == hash &&
		    tern_entry_match(sk, net, raddr, rport, laddr, lport, dif, dif))
			return sk;
	return NULL;
}

/* How well a listener's address fits @laddr: 0 not at all, 2 as its
 * wildcard, 4 exactly. An IPv6 listener takes IPv4 segments too, unless
 * IPV6_V6ONLY; an IPv4 one only those.
 */
static int tern_listen_addr_score(const struct sock *sk,
				  const struct in6_addr *laddr)
{
	__be32 rcv_saddr = sk->sk_rcv_saddr;

	if (sk->sk_family == AF_INET) {
		if (!tern_addr_v4(laddr))
			return 0;
		if (rcv_saddr == laddr->s6_addr32[3])
			return 4;
		return rcv_saddr == htonl(INADDR_ANY) ? 2 : 0;
	}
	if (ipv6_addr_equal(&sk->sk_v6_rcv_saddr, laddr))
		return 4;
	if (!ipv6_addr_any(&sk->sk_v6_rcv_saddr))
		return 0;
	return tern_addr_v4(laddr) && ipv6_only_sock(sk) ? 0 : 2;
}

/* Higher is better; -1 is no match. An exact address beats the wildcard,
 * a listener of the segment's own family one of the other (as TCP's
 * compute_score() prefers an IPv4 listener for IPv4), and one bound to
 * the arrival device one that is not.
 */
static int tern_listen_score(const struct sock *sk, const struct net *net,
			     const struct in6_addr *laddr, u16 lport, int dif,
			     int sdif)
{
	int bound = READ_ONCE(sk->sk_bound_dev_if);
	int score;

	if (!net_eq(sock_net(sk), net) || sk->sk_num != lport)
		return -1;
	score = tern_listen_addr_score(sk, laddr);
	if (!score)
		return -1;
	if (bound && bound != dif && bound != sdif)
		return -1;
	score = score * 2 + ((sk->sk_family == AF_INET) == tern_addr_v4(laddr));
	return score * 2 + !!bound;
}

/* SO_REUSEPORT: let the group (or its BPF program) pick the listener. */
static struct sock *tern_reuseport_pick(struct sock *sk, struct sk_buff *skb,
					int doff, const struct tern_addrs *a,
					__be16 rport, u16 lport)
{
	if (!sk->sk_reuseport || !rcu_access_pointer(sk->sk_reuseport_cb))
		return NULL;
	return reuseport_select_sock(sk, tern_ehashfn(sock_net(sk), &a->laddr,
						      lport, &a->raddr, rport),
				     skb, doff);
}

/**
 * tern_lookup_listener() - find the listener a SYN is for
 * @net: the namespace it arrived in
 * @skb: the segment (for a reuseport BPF program)
 * @doff: the length of its Tern header
 * @a: its addresses
 * @rport: its source port
 * @lport: its destination port, host order
 * @dif: the device it arrived on
 * @sdif: the l3 master device's slave, if any
 *
 * Context: RCU read side. Listeners are freed after a grace period
 * (SOCK_RCU_FREE), so no reference is taken.
 * Return: the best listener, or NULL.
 */
struct sock *tern_lookup_listener(const struct net *net, struct sk_buff *skb,
				  int doff, const struct tern_addrs *a,
				  __be16 rport, u16 lport, int dif, int sdif)
{
	unsigned int slot = tern_lhashfn(net, lport);
	struct sock *sk, *best = NULL, *picked;
	struct hlist_nulls_node *node;
	int score, best_score;

begin:
	best_score = 0;
	sk_nulls_for_each_rcu(sk, node, &tern_tables.lhash[slot]) {
		score = tern_listen_score(sk, net, &a->laddr, lport, dif, sdif);
		if (score <= best_score)
			continue;
		picked = tern_reuseport_pick(sk, skb, doff, a, rport, lport);
		if (picked)
			return picked;
		best = sk;
		best_score = score;
	}
	if (get_nulls_value(node) != slot)
		goto begin;
	return best_score ? best : NULL;
}

/**
 * tern_ehash_insert_locked() - put an entry into the established table
 * @sk: a full socket, request or TIME_WAIT entry, its keys set
 * @hash: tern_ehashfn() of its 4-tuple; the caller holds its chain lock
 */
void tern_ehash_insert_locked(struct sock *sk, u32 hash)
{
	sk->sk_hash = hash;
	__sk_nulls_add_node_rcu(sk, tern_ehash_chain(hash));
}

/**
 * tern_ehash_insert_unique() - a connection enters the table, unless its
 *	4-tuple is taken
 * @sk: the socket, its addresses and ports set
 *
 * Context: BH disabled.
 * Return: true if it went in, false if an entry holds the 4-tuple.
 */
bool tern_ehash_insert_unique(struct sock *sk)
{
	struct net *net = sock_net(sk);
	u32 hash = tern_ehashfn(net, &sk->sk_v6_rcv_saddr, sk->sk_num,
				&sk->sk_v6_daddr, sk->sk_dport);
	spinlock_t *lock = tern_ehash_lock(hash);
	bool unique;

	spin_lock(lock);
	unique = !tern_ehash_find_locked(hash, net, &sk->sk_v6_daddr,
					 sk->sk_dport, &sk->sk_v6_rcv_saddr,
					 sk->sk_num, sk->sk_bound_dev_if);
	if (unique)
		tern_ehash_insert_locked(sk, hash);
	spin_unlock(lock);
	if (unique)
		sock_prot_inuse_add(net, sk->sk_prot, 1);
	return unique;
}

/**
 * tern_ehash_replace_locked() - let @sk take @old's place in the table
 * @old: a request or full socket the table holds, or not any more
 * @sk: its successor (the child socket, the TIME_WAIT entry), same 4-tuple
 *
 * The caller holds tern_ehash_lock(@old->sk_hash).
 *
 * Return: true if @old was still there (and now @sk is); false if
 * someone removed @old first, and @sk was not inserted.
 */
bool tern_ehash_replace_locked(struct sock *old, struct sock *sk)
{
	bool found = __sk_nulls_del_node_init_rcu(old);

	if (found)
		tern_ehash_insert_locked(sk, old->sk_hash);
	return found;
}

/**
 * tern_ehash_replace() - tern_ehash_replace_locked(), taking the lock
 * @old: the entry to replace
 * @sk: its successor
 *
 * Context: BH disabled.
 * Return: as tern_ehash_replace_locked().
 */
bool tern_ehash_replace(struct sock *old, struct sock *sk)
{
	spinlock_t *lock = tern_ehash_lock(old->sk_hash);
	bool found;

	spin_lock(lock);
	found = tern_ehash_replace_locked(old, sk);
	spin_unlock(lock);
	return found;
}

/**
 * tern_ehash_remove() - take an entry out of the established table
 * @sk: a full socket, request or TIME_WAIT entry
 *
 * Context: BH disabled.
 * Return: true if this call removed it (the table's reference is now the
 * caller's to drop), false if it was not there.
 */
bool tern_ehash_remove(struct sock *sk)
{
	spinlock_t *lock = tern_ehash_lock(sk->sk_hash);
	bool found;

	spin_lock(lock);
	found = __sk_nulls_del_node_init_rcu(sk);
	spin_unlock(lock);
	return found;
}

/* A listener joins the SO_REUSEPORT group of an identical one, if any. */
static int tern_reuseport_join(struct sock *sk, struct hlist_nulls_head *chain)
{
	struct hlist_nulls_node *node;
	struct tern_addrs a, a2;
	struct sock *sk2;
	bool inany;

	tern_sk_addrs(sk, &a);
	inany = sk->sk_family == AF_INET ? sk->sk_rcv_saddr == htonl(INADDR_ANY) :
					   ipv6_addr_any(&a.laddr);
	sk_nulls_for_each(sk2, node, chain) {
		if (sk2 == sk || !net_eq(sock_net(sk2), sock_net(sk)) ||
		    sk2->sk_num != sk->sk_num || sk2->sk_family != sk->sk_family ||
		    ipv6_only_sock(sk2) != ipv6_only_sock(sk) ||
		    !sk2->sk_reuseport || sk2->sk_bound_dev_if != sk->sk_bound_dev_if ||
		    !uid_eq(tern_sk_uid(sk2), tern_sk_uid(sk)))
			continue;
		tern_sk_addrs(sk2, &a2);
		if (ipv6_addr_equal(&a2.laddr, &a.laddr))
			return reuseport_add_sock(sk, sk2, inany);
	}
	return reuseport_alloc(sk, inany);
}

/**
 * tern_hash() - proto->hash: a listener enters the listen table
 * @sk: the socket, in LISTEN, bound to its port
 *
 * Return: 0, or an errno from joining its SO_REUSEPORT group.
 */
int tern_hash(struct sock *sk)
{
	unsigned int slot = tern_lhashfn(sock_net(sk), sk->sk_num);
	spinlock_t *lock = &tern_tables.lhash_locks[slot];
	int err = 0;

	spin_lock_bh(lock);
	if (sk->sk_reuseport)
		err = tern_reuseport_join(sk, &tern_tables.lhash[slot]);
	if (!err) {
		/* Freed after a grace period: lookups take no reference. */
		sock_set_flag(sk, SOCK_RCU_FREE);
		__sk_nulls_add_node_rcu(sk, &tern_tables.lhash[slot]);
		sock_prot_inuse_add(sock_net(sk), sk->sk_prot, 1);
	}
	spin_unlock_bh(lock);
	return err;
}

/**
 * tern_unhash() - proto->unhash: a socket leaves its table
 * @sk: a listener (still in LISTEN) or a socket in the established table
 */
void tern_unhash(struct sock *sk)
{
	struct net *net = sock_net(sk);
	spinlock_t *lock;	/* the socket's chain's */

	if (sk_unhashed(sk))
		return;
	if (sk->sk_state == TCP_LISTEN) {
		lock = &tern_tables.lhash_locks[tern_lhashfn(net, sk->sk_num)];
		spin_lock_bh(lock);
		if (rcu_access_pointer(sk->sk_reuseport_cb))
			reuseport_detach_sock(sk);
	} else {
		lock = tern_ehash_lock(sk->sk_hash);
		spin_lock_bh(lock);
	}
	if (__sk_nulls_del_node_init_rcu(sk))
		sock_prot_inuse_add(net, sk->sk_prot, -1);
	spin_unlock_bh(lock);
}
