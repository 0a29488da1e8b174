// SPDX-License-Identifier: GPL-2.0
/*
 * The bind table and the choice of local ports, with TCP's semantics:
 *
 *  - bind() to a port conflicts with a holder on an overlapping address
 *    and device unless both set SO_REUSEADDR and the holder does not
 *    listen, or both set SO_REUSEPORT as the same user (or the holder is
 *    a TIME_WAIT entry);
 *  - bind() to port 0 and listen() on an unbound socket pick a port
 *    nobody holds, odd ports first (connect() prefers even ones);
 *  - connect() on an unbound socket shares a port with other connect()s
 *    as long as the 4-tuple is new, never with bind() or listen(); its
 *    search starts where RFC 6056's double-hash algorithm says.
 *
 * Every chain has a spinlock, taken with BH off (TIME_WAIT entries come
 * and go in softirq context); the established table's locks nest inside.
 */
#include <linux/siphash.h>
#include <net/addrconf.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/netns/hash.h>

#include "compat.h"
#include "port.h"
#include "sock.h"
#include "table.h"

#define TERN_BHASH_MIN		1024U
#define TERN_BHASH_MAX		65536U
/* RFC 6056 3.3.4's table of increments, as TCP's table_perturb. */
#define TERN_PERTURB_SIZE	256

struct tern_bind_chain {
	spinlock_t lock;		/* guards buckets and their holders */
	struct hlist_head buckets;
};

static struct tern_bind_chain *tern_bhash;
static unsigned int tern_bhash_mask;
static struct kmem_cache *tern_bind_cache;
static siphash_aligned_key_t tern_port_secret;
static u32 tern_perturb[TERN_PERTURB_SIZE];

/**
 * tern_port_init() - allocate the bind table
 *
 * Return: 0 or -ENOMEM.
 */
int tern_port_init(void)
{
	unsigned int size = clamp((tern_tables.ehash_mask + 1) / 2,
				  TERN_BHASH_MIN, TERN_BHASH_MAX);
	unsigned int i;

	get_random_bytes(&tern_port_secret, sizeof(tern_port_secret));
	get_random_bytes(tern_perturb, sizeof(tern_perturb));
	tern_bind_cache = kmem_cache_create("tern_bind_bucket",
					    sizeof(struct tern_bind_bucket), 0,
					    SLAB_HWCACHE_ALIGN, NULL);
	tern_bhash = kvmalloc_array(size, sizeof(*tern_bhash), GFP_KERNEL);
	if (!tern_bind_cache || !tern_bhash) {
		tern_port_exit();
		return -ENOMEM;
	}
	for (i = 0; i < size; i++) {
		spin_lock_init(&tern_bhash[i].lock);
		INIT_HLIST_HEAD(&tern_bhash[i].buckets);
	}
	tern_bhash_mask = size - 1;
	return 0;
}

/**
 * tern_port_exit() - free the bind table; every holder must be gone
 */
void tern_port_exit(void)
{
	kvfree(tern_bhash);
	tern_bhash = NULL;
	kmem_cache_destroy(tern_bind_cache);
	tern_bind_cache = NULL;
}

static struct tern_bind_chain *tern_bind_chain(const struct net *net, u16 port)
{
	return &tern_bhash[(net_hash_mix(net) + port) & tern_bhash_mask];
}

/**
 * tern_bind_lock() - the lock that guards a bucket's holders
 * @tb: the bucket
 *
 * Return: its chain's spinlock.
 */
spinlock_t *tern_bind_lock(const struct tern_bind_bucket *tb)
{
	return &tern_bind_chain(read_pnet(&tb->net), tb->port)->lock;
}

static struct tern_bind_bucket *tern_bind_find(struct tern_bind_chain *chain,
					       const struct net *net, u16 port)
{
	struct tern_bind_bucket *tb;

	hlist_for_each_entry(tb, &chain->buckets, node)
		if (tb->port == port && net_eq(read_pnet(&tb->net), net))
			return tb;
	return NULL;
}

static struct tern_bind_bucket *tern_bind_create(struct tern_bind_chain *chain,
						 struct net *net, u16 port)
{
	struct tern_bind_bucket *tb = kmem_cache_alloc(tern_bind_cache, GFP_ATOMIC);

	if (!tb)
		return NULL;
	write_pnet(&tb->net, net);
	tb->port = port;
	tb->connect_only = false;
	INIT_HLIST_HEAD(&tb->owners);
	hlist_add_head(&tb->node, &chain->buckets);
	return tb;
}

static void tern_bind_destroy_if_empty(struct tern_bind_bucket *tb)
{
	if (!hlist_empty(&tb->owners))
		return;
	hlist_del(&tb->node);
	kmem_cache_free(tern_bind_cache, tb);
}

/**
 * tern_bind_add_locked() - make @entry a holder of @tb's port
 * @entry: a socket or TIME_WAIT entry
 * @tb: the bucket; the caller holds tern_bind_lock(@tb)
 */
void tern_bind_add_locked(struct sock *entry, struct tern_bind_bucket *tb)
{
	sk_add_bind_node(entry, &tb->owners);
}

/**
 * tern_bind_remove() - an entry no longer holds its port
 * @entry: a socket or TIME_WAIT entry
 * @tbp: where the entry keeps its bucket; cleared under the bucket's
 *	lock (a child socket reads its listener's there), and the bucket
 *	freed if that was its last holder
 */
void tern_bind_remove(struct sock *entry, struct tern_bind_bucket **tbp)
{
	struct tern_bind_bucket *tb = *tbp;
	spinlock_t *lock = tern_bind_lock(tb);

	spin_lock_bh(lock);
	__sk_del_bind_node(entry);
	WRITE_ONCE(*tbp, NULL);
	tern_bind_destroy_if_empty(tb);
	spin_unlock_bh(lock);
}

static void tern_bind_hold(struct sock *sk, struct tern_bind_bucket *tb)
{
	tern_bind_add_locked(sk, tb);
	WRITE_ONCE(tern_sk(sk)->bind_bucket, tb);
	inet_sk(sk)->inet_num = tb->port;
}

/* Does holder @sk2 stand in @sk's way (inet_bind_conflict())? @relax and
 * @reuseport_ok are true for bind() to a given port, false when picking a
 * free one.
 */
static bool tern_holder_conflicts(const struct sock *sk, const struct sock *sk2,
				  bool relax, bool reuseport_ok)
{
	int dev2 = READ_ONCE(sk2->sk_bound_dev_if);
	bool same_user;

	if (sk == sk2 || (sk->sk_bound_dev_if && dev2 && sk->sk_bound_dev_if != dev2))
		return false;
	/* Either family, v4-mapped addresses and IPV6_V6ONLY as bind() for
	 * TCP sees them; @sk2 may be a TIME_WAIT entry's sock_common.
	 */
	if (!inet_rcv_saddr_equal(sk, (struct sock *)sk2, true))
		return false;
	/* A TIME_WAIT entry has no user: it counts as the same one. */
	same_user = sk2->sk_state == TCP_TIME_WAIT ||
		    uid_eq(tern_sk_uid(sk), tern_sk_uid(sk2));
	if (sk->sk_reuse && sk2->sk_reuse && sk2->sk_state != TCP_LISTEN)
		return !relax || (!reuseport_ok && sk->sk_reuseport &&
				  sk2->sk_reuseport && same_user);
	return !reuseport_ok || !sk->sk_reuseport || !sk2->sk_reuseport ||
	       !same_user;
}

static bool tern_bind_conflict(const struct sock *sk,
			       const struct tern_bind_bucket *tb, bool relax)
{
	struct sock *sk2;

	if (sk->sk_reuse == SK_FORCE_REUSE)
		return false;
	sk_for_each_bound(sk2, &tb->owners)
		if (tern_holder_conflicts(sk, sk2, relax, relax))
			return true;
	return false;
}

/* bind() to port 0, or listen() unbound: a port nobody holds in our way.
 * SO_REUSEADDR sockets look in the lower half of the range first, and
 * odd ports come first (inet_csk_find_open_port()).
 */
static int tern_autobind(struct sock *sk)
{
	struct net *net = sock_net(sk);
	int half = sk->sk_reuse == SK_CAN_REUSE ? 1 : 0;
	struct tern_bind_chain *chain;
	struct tern_bind_bucket *tb;
	u32 remaining, offset, i;
	int low, high, port;

next_half:
	tern_local_port_range(sk, &low, &high);
	high++;
	if (high - low < 4)
		half = 0;
	if (half == 1)
		high = low + (((high - low) >> 2) << 1);
	else if (half == 2)
		low += ((high - low) >> 2) << 1;
	remaining = high - low;
	if (remaining > 1)
		remaining &= ~1U;
	offset = get_random_u32_below(remaining) | 1;
next_parity:
	port = low + offset;
	for (i = 0; i < remaining; i += 2, port += 2) {
		if (port >= high)
			port -= remaining;
		if (inet_is_local_reserved_port(net, port))
			continue;
		chain = tern_bind_chain(net, port);
		spin_lock_bh(&chain->lock);
		tb = tern_bind_find(chain, net, port);
		if (!tb)
			tb = tern_bind_create(chain, net, port);
		else if (tern_bind_conflict(sk, tb, false))
			tb = NULL;
		if (tb) {
			tb->connect_only = false;
			tern_bind_hold(sk, tb);
			spin_unlock_bh(&chain->lock);
			return 0;
		}
		spin_unlock_bh(&chain->lock);
		cond_resched();
	}
	offset--;
	if (!(offset & 1))
		goto next_parity;
	if (half == 1) {
		half = 2;
		goto next_half;
	}
	return -EADDRINUSE;
}

/**
 * tern_get_port() - proto->get_port: bind() and listen() take a port
 * @sk: the socket, locked
 * @snum: the port asked for, host order, 0 for any
 *
 * A socket that holds its port already (listen() after bind()) is
 * checked again, now as a listener.
 *
 * Return: 0, -EADDRINUSE, or -ENOMEM.
 */
int tern_get_port(struct sock *sk, unsigned short snum)
{
	struct net *net = sock_net(sk);
	struct tern_bind_chain *chain;
	struct tern_bind_bucket *tb;
	int err = 0;

	if (!snum)
		return tern_autobind(sk);
	chain = tern_bind_chain(net, snum);
	spin_lock_bh(&chain->lock);
	tb = tern_bind_find(chain, net, snum);
	if (tb && tern_bind_conflict(sk, tb, true))
		err = -EADDRINUSE;
	else if (!tb)
		tb = tern_bind_create(chain, net, snum);
	if (!err && !tb)
		err = -ENOMEM;
	if (!err) {
		tb->connect_only = false;
		if (!tern_sk(sk)->bind_bucket)
			tern_bind_hold(sk, tb);
	}
	spin_unlock_bh(&chain->lock);
	return err;
}

/**
 * tern_put_port() - proto->put_port: the socket gives its port back
 * @sk: the socket
 */
void tern_put_port(struct sock *sk)
{
	struct tern_bind_bucket *tb = tern_sk(sk)->bind_bucket;

	if (!tb)
		return;
	tern_bind_remove(sk, &tern_sk(sk)->bind_bucket);
	inet_sk(sk)->inet_num = 0;
}

/* Take @port for @sk's 4-tuple and enter the established table, if no
 * connection (full, half-open or in TIME_WAIT) has that 4-tuple.
 */
static int tern_hash_if_unique(struct sock *sk, u16 port)
{
	struct inet_sock *inet = inet_sk(sk);
	u16 old = inet->inet_num;

	inet->inet_num = port;
	if (tern_ehash_insert_unique(sk)) {
		inet->inet_sport = htons(port);
		return 0;
	}
	inet->inet_num = old;
	return -EADDRNOTAVAIL;
}

/* @port for connect(): free, or held by other connect()s only and the
 * 4-tuple new. Called with the chain locked; 0 when @sk took it.
 */
static int tern_connect_try(struct sock *sk, struct tern_bind_chain *chain,
			    int port)
{
	struct net *net = sock_net(sk);
	struct tern_bind_bucket *tb = tern_bind_find(chain, net, port);
	bool created = false;

	if (tb && !tb->connect_only)
		return -EADDRINUSE;
	if (!tb) {
		tb = tern_bind_create(chain, net, port);
		if (!tb)
			return -ENOMEM;
		tb->connect_only = true;
		created = true;
	}
	if (tern_hash_if_unique(sk, port)) {
		if (created)
			tern_bind_destroy_if_empty(tb);
		return -EADDRNOTAVAIL;
	}
	tern_bind_hold(sk, tb);
	return 0;
}

/* Where RFC 6056's double-hash algorithm starts the search: F(addresses,
 * remote port) keeps a destination's ports apart from another's, and the
 * table entry G picks moves on after every connect().
 */
static u32 *tern_port_offset(const struct sock *sk, u32 *offset)
{
	const struct {
		struct in6_addr laddr, raddr;
		__be16 rport;
		u16 pad;	/* no hole of unknown bytes */
		u32 pad2;
	} __aligned(SIPHASH_ALIGNMENT) key = {
		.laddr = sk->sk_v6_rcv_saddr, .raddr = sk->sk_v6_daddr,
		.rport = inet_sk(sk)->inet_dport,
	};
	u64 hash = siphash(&key, sizeof(key), &tern_port_secret);
	u32 *perturb = &tern_perturb[hash & (TERN_PERTURB_SIZE - 1)];

	*offset = READ_ONCE(*perturb) + (u32)(hash >> 32);
	return perturb;
}

/**
 * tern_connect_port() - connect(): pick the local port, enter the table
 * @sk: the socket, locked, its remote address and port set
 *
 * A bound socket keeps its port; the 4-tuple must be new. Otherwise the
 * search walks the ephemeral range (net.ipv4.ip_local_port_range, or the
 * socket's IP_LOCAL_PORT_RANGE) from RFC 6056's starting point, even
 * ports first, skipping reserved ones, as TCP's __inet_hash_connect().
 *
 * Return: 0, -EADDRNOTAVAIL when no port is left for this destination,
 * or -ENOMEM.
 */
int tern_connect_port(struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct tern_bind_chain *chain;
	u32 remaining, offset, i, *perturb;
	int low, high, port, step, err;
	bool own_range;

	if (tern_sk(sk)->bind_bucket) {
		local_bh_disable();
		err = tern_hash_if_unique(sk, inet_sk(sk)->inet_num);
		local_bh_enable();
		return err;
	}
	own_range = tern_local_port_range(sk, &low, &high);
	step = own_range ? 1 : 2;
	high++;
	remaining = high - low;
	if (!own_range && remaining > 1)
		remaining &= ~1U;
	perturb = tern_port_offset(sk, &offset);
	offset %= remaining;
	if (!own_range)
		offset &= ~1U;
next_parity:
	port = low + offset;
	for (i = 0; i < remaining; i += step, port += step) {
		if (port >= high)
			port -= remaining;
		if (inet_is_local_reserved_port(net, port))
			continue;
		chain = tern_bind_chain(net, port);
		spin_lock_bh(&chain->lock);
		err = tern_connect_try(sk, chain, port);
		spin_unlock_bh(&chain->lock);
		if (err == -ENOMEM)
			return err;
		if (!err) {
			/* A little randomness for the next search's start. */
			i = max_t(u32, i, get_random_u32_below(8) * step);
			WRITE_ONCE(*perturb, READ_ONCE(*perturb) + i + step);
			return 0;
		}
		cond_resched();
	}
	if (!own_range) {
		offset++;
		if ((offset & 1) && remaining > 1)
			goto next_parity;
	}
	return -EADDRNOTAVAIL;
}

/**
 * tern_inherit_port() - an accepted connection holds its listener's port
 * @listener: the listener
 * @child: the new socket, its inet_num the listener's port
 *
 * Context: softirq.
 * Return: 0, or -ENOENT when the listener no longer holds that port.
 */
int tern_inherit_port(const struct sock *listener, struct sock *child)
{
	u16 port = inet_sk(child)->inet_num;
	struct tern_bind_chain *chain = tern_bind_chain(sock_net(child), port);
	struct tern_bind_bucket *tb;
	int err = -ENOENT;

	spin_lock(&chain->lock);
	tb = READ_ONCE(tern_sk(listener)->bind_bucket);
	if (tb && tb->port == port) {
		tern_bind_hold(child, tb);
		err = 0;
	}
	spin_unlock(&chain->lock);
	return err;
}
