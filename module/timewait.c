// SPDX-License-Identifier: GPL-2.0
/*
 * TIME_WAIT entries. When a connection closes actively, the full socket
 * gives way to a compact entry that keeps the 4-tuple in the established
 * table and the port in the bind table for 2 MSL (MSL is the
 * net.tern.msl_ms sysctl). Until it expires, the peer's FIN again is
 * acknowledged again and the wait starts over (the seeds' lost-last-ACK
 * story), stray segments are answered or dropped instead of reaching a
 * new connection, a RST does not end it early (RFC 1337), connect()
 * cannot reuse the 4-tuple, and a SYN beyond the old connection's
 * numbers may open a new one (RFC 6191). The state table decides; this
 * file keeps the entries.
 */
#include <linux/slab.h>
#include <net/ip.h>

#include "compat.h"
#include "input.h"
#include "netns.h"
#include "port.h"
#include "request.h"
#include "reply.h"
#include "sock.h"
#include "state.h"
#include "table.h"
#include "timewait.h"
#include "trace.h"

static struct kmem_cache *tern_tw_cache;

/**
 * tern_timewait_init() - the cache TIME_WAIT entries come from
 *
 * Return: 0 or -ENOMEM.
 */
int tern_timewait_init(void)
{
	/* Lookups may meet an entry as it is freed and reused (table.c). */
	tern_tw_cache = kmem_cache_create("tern_timewait", sizeof(struct tern_tw),
					  0, SLAB_HWCACHE_ALIGN | SLAB_TYPESAFE_BY_RCU,
					  NULL);
	return tern_tw_cache ? 0 : -ENOMEM;
}

/**
 * tern_timewait_exit() - free it, once every entry is gone
 */
void tern_timewait_exit(void)
{
	kmem_cache_destroy(tern_tw_cache);
}

/**
 * tern_tw_put() - drop a reference to a TIME_WAIT entry
 * @tw: the entry; freed with the last one
 */
void tern_tw_put(struct tern_tw *tw)
{
	if (refcount_dec_and_test(&tw->common.skc_refcnt))
		kmem_cache_free(tern_tw_cache, tw);
}

static unsigned long tern_time_wait_len(const struct net *net)
{
	return 2 * msecs_to_jiffies(tern_sysctl(net)->msl_ms);
}

/**
 * tern_tw_remove() - the REMOVE action: the entry leaves the tables
 * @tw: the entry, referenced by the caller
 *
 * Context: BH disabled.
 */
void tern_tw_remove(struct tern_tw *tw)
{
	struct net *net = read_pnet(&tw->common.skc_net);

	if (!tern_ehash_remove(tern_tw_sk(tw)))
		return;
	tern_bind_remove(tern_tw_sk(tw), &tw->tb);
	atomic_dec(&tern_net(net)->tw_count);
	tern_tw_put(tw);
}

static void tern_tw_timer(struct timer_list *t)
{
	struct tern_tw *tw = timer_container_of(tw, t, timer);

	tern_sm_step(tern_tw_sk(tw), TERN_EV_TIMEWAIT_EXPIRED, NULL);
	tern_tw_put(tw);
}

/* End the entry now, from anywhere but its timer: stop the timer (or
 * wait for it to finish) and take the entry out.
 */
static void tern_tw_kill(struct tern_tw *tw)
{
	if (timer_shutdown_sync(&tw->timer)) {
		tern_tw_remove(tw);
		tern_tw_put(tw);
	}
}

static struct tern_tw *tern_tw_alloc(const struct sock *sk)
{
	struct tern_net *tn = tern_net(sock_net(sk));
	const struct tern_sock *tp = tern_sk(sk);
	struct tern_tw *tw;

	/* A connection holds its port; without one there is nothing to keep. */
	if (!tp->bind_bucket ||
	    atomic_read(&tn->tw_count) >= READ_ONCE(tn->sysctl.max_tw_buckets))
		return NULL;
	tw = kmem_cache_alloc(tern_tw_cache, GFP_ATOMIC);
	if (!tw)
		return NULL;
	tern_entry_zero(tw, sizeof(*tw));
	tern_entry_keys(&tw->common, sock_net(sk), &sk->sk_v6_rcv_saddr,
			inet_sk(sk)->inet_sport, &sk->sk_v6_daddr, sk->sk_dport,
			sk->sk_bound_dev_if);
	tw->common.skc_ipv6only = sk->sk_ipv6only;
	tw->common.skc_state = TCP_TIME_WAIT;
	tw->common.skc_reuse = sk->sk_reuse;
	tw->common.skc_reuseport = sk->sk_reuseport;
	tw->snd_nxt = tp->snd_nxt;
	tw->rcv_nxt = tp->rcv_nxt;
	tw->rcv_wnd = tp->rcv_wnd;
	timer_setup(&tw->timer, tern_tw_timer, 0);
	return tw;
}

/* The entry takes the socket's port and, atomically, its place in the
 * established table; its 2 MSL start, under the chain's lock, so that an
 * expiry (which takes the entry out under it) cannot come first. Returns
 * false (nothing done) if the socket was no longer in the table.
 */
static bool tern_tw_hashdance(struct sock *sk, struct tern_tw *tw)
{
	struct tern_bind_bucket *tb = tern_sk(sk)->bind_bucket;
	spinlock_t *bind_lock = tern_bind_lock(tb);
	spinlock_t *lock = tern_ehash_lock(sk->sk_hash);
	bool hashed;

	spin_lock_bh(bind_lock);
	spin_lock(lock);
	/* The tables' reference and the timer's, before anyone can look. */
	refcount_set(&tw->common.skc_refcnt, 2);
	hashed = tern_ehash_replace_locked(sk, tern_tw_sk(tw));
	if (hashed) {
		mod_timer(&tw->timer, jiffies + tern_time_wait_len(sock_net(sk)));
		tern_bind_add_locked(tern_tw_sk(tw), tb);
		tw->tb = tb;
	}
	spin_unlock(lock);
	spin_unlock_bh(bind_lock);
	return hashed;
}

/**
 * tern_time_wait() - the TIME_WAIT action: a TIME_WAIT entry replaces
 *	the socket
 * @sk: the socket, locked; it is closed (and, if orphaned, freed)
 *
 * Without memory for the entry, or beyond net.tern.max_tw_buckets, the
 * socket simply closes, as TCP's does.
 */
void tern_time_wait(struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct tern_tw *tw = tern_tw_alloc(sk);

	if (tw && !tern_tw_hashdance(sk, tw)) {
		kmem_cache_free(tern_tw_cache, tw);
		tw = NULL;
	}
	if (!tw) {
		tern_stat_inc(net, TERN_STAT_TIME_WAIT_OVERFLOW);
		tern_done(sk);
		return;
	}
	atomic_inc(&tern_net(net)->tw_count);
	sock_prot_inuse_add(net, sk->sk_prot, -1);
	tern_stat_inc(net, TERN_STAT_TIME_WAITS);
	trace_tern_state_change(sk, sk->sk_state, TCP_TIME_WAIT);
	tern_done_time_wait(sk);
}

/**
 * tern_tw_send_ack() - the SEND_ACK action for a TIME_WAIT entry
 * @tw: the entry
 * @skb: the segment that wants our numbers
 */
void tern_tw_send_ack(struct tern_tw *tw, struct sk_buff *skb)
{
	tern_reply_ack(read_pnet(&tw->common.skc_net), skb, tw->snd_nxt,
		       tw->rcv_nxt, tw->rcv_wnd);
}

/**
 * tern_tw_restart() - the RESTART_TIME_WAIT action: the peer's FIN again
 * @tw: the entry
 * @skb: the FIN
 *
 * Acknowledge it again and wait 2 MSL anew; only while the timer is
 * pending, so that an expiry under way is not undone.
 */
void tern_tw_restart(struct tern_tw *tw, struct sk_buff *skb)
{
	struct net *net = read_pnet(&tw->common.skc_net);

	mod_timer_pending(&tw->timer, jiffies + tern_time_wait_len(net));
	tern_tw_send_ack(tw, skb);
}

/**
 * tern_tw_reopen() - the REOPEN action: a new SYN on the 4-tuple
 * @tw: the entry, referenced by the caller
 * @skb: the SYN, its header in place; consumed
 *
 * With a listener for it, the entry ends and the listener answers the
 * SYN with an ISN beyond everything the old connection sent (RFC 1122
 * 4.2.2.13, as TCP's tw_snd_nxt + 65535 + 2). Without one, the SYN is
 * acknowledged with the old numbers, as any stray segment.
 */
void tern_tw_reopen(struct tern_tw *tw, struct sk_buff *skb)
{
	const struct ternhdr *th = tern_hdr(skb);
	struct net *net = read_pnet(&tw->common.skc_net);
	struct sock *listener;
	struct tern_addrs a;
	u32 isn;

	tern_skb_addrs(skb, &a);
	listener = tern_lookup_listener(net, skb, tern_hdr_len(th), &a,
					th->source, ntohs(th->dest),
					TERN_SKB_CB(skb)->dif, TERN_SKB_CB(skb)->sdif);
	if (!listener) {
		tern_tw_send_ack(tw, skb);
		kfree_skb(skb);
		return;
	}
	isn = tw->snd_nxt + 65535 + 2;
	TERN_SKB_CB(skb)->tw_isn = isn ? : 1;
	tern_stat_inc(net, TERN_STAT_TIME_WAIT_REOPENS);
	tern_tw_kill(tw);
	tern_listen_rcv(listener, skb);
}

/**
 * tern_tw_rcv() - a segment for a TIME_WAIT entry
 * @tw: the entry, with the lookup's reference, which this drops
 * @skb: the segment, validated, its header in place; consumed
 */
void tern_tw_rcv(struct tern_tw *tw, struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);

	tern_sm_step(tern_tw_sk(tw), tern_tw_event(cb->flags, cb->seq, cb->end_seq,
						   tw->rcv_nxt), skb);
	tern_tw_put(tw);
}

/* A request or TIME_WAIT entry of a namespace that goes away? */
static bool tern_entry_dying(const struct sock *sk)
{
	return (sk->sk_state == TCP_TIME_WAIT || sk->sk_state == TCP_NEW_SYN_RECV) &&
	       tern_net(sock_net(sk))->dying;
}

/* End one such entry of chain @slot; false when the chain has none. */
static bool tern_purge_one(unsigned int slot)
{
	struct hlist_nulls_node *node;
	struct sock *sk;

	rcu_read_lock();
begin:
	sk_nulls_for_each_rcu(sk, node, &tern_tables.ehash[slot]) {
		if (!tern_entry_dying(sk) || !refcount_inc_not_zero(&sk->sk_refcnt))
			continue;
		rcu_read_unlock();
		local_bh_disable();
		/* Freed and reused meanwhile? Then it is not ours to end. */
		if (tern_entry_dying(sk)) {
			if (sk->sk_state == TCP_TIME_WAIT)
				tern_tw_kill(tern_tw(sk));
			else
				tern_req_remove(tern_req(sk));
		}
		tern_entry_put(sk);
		local_bh_enable();
		return true;
	}
	if (get_nulls_value(node) != slot)
		goto begin;
	rcu_read_unlock();
	return false;
}

/**
 * tern_purge_entries() - end the request and TIME_WAIT entries of
 *	namespaces that go away (tern_net.dying)
 *
 * Neither kind holds a namespace reference (as TCP's do not): they must
 * be gone before the namespace's state is, and their timers with them.
 */
void tern_purge_entries(void)
{
	unsigned int slot;

	for (slot = 0; slot <= tern_tables.ehash_mask; slot++) {
		while (tern_purge_one(slot))
			cond_resched();
	}
}
