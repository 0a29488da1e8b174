// SPDX-License-Identifier: GPL-2.0
/*
 * The passive open. A SYN to a listener creates a request entry (a
 * compact SYN_RECV entry in the established table, not a socket) and is
 * answered with SYN+ACK, which the entry's timer retransmits with
 * exponential backoff. The handshake's ACK turns the entry into a full
 * socket on the listener's accept queue. The listener keeps its entries
 * on a list, for the backlog and so that closing it ends them at once.
 *
 * Whoever takes an entry out of the established table (the ACK's child,
 * a RST, the timer giving up, the listener closing) also takes it off
 * the listener's list and drops the table's reference.
 */
#include <linux/slab.h>
#include <net/inet_hashtables.h>
#include <net/ip.h>
#include <net/route.h>

#include "compat.h"
#include "header.h"
#include "input.h"
#include "ipv6.h"
#include "isn.h"
#include "listen.h"
#include "lsm.h"
#include "main.h"
#include "netns.h"
#include "options.h"
#include "output.h"
#include "port.h"
#include "proto.h"
#include "reply.h"
#include "request.h"
#include "sock.h"
#include "state.h"
#include "syncookie.h"
#include "table.h"
#include "timer.h"
#include "window.h"

static struct kmem_cache *tern_request_cache;

/**
 * tern_request_init() - the cache request entries come from
 *
 * Return: 0 or -ENOMEM.
 */
int tern_request_init(void)
{
	tern_request_cache = kmem_cache_create("tern_request",
					       sizeof(struct tern_request), 0,
					       SLAB_HWCACHE_ALIGN, NULL);
	return tern_request_cache ? 0 : -ENOMEM;
}

/**
 * tern_request_exit() - free it, once every entry is gone
 */
void tern_request_exit(void)
{
	/* Entries freed after a grace period: let those callbacks run. */
	rcu_barrier();
	kmem_cache_destroy(tern_request_cache);
}

static void tern_req_free_rcu(struct rcu_head *head)
{
	struct tern_request *req = container_of(head, struct tern_request, rcu);

	sock_put(req->listener);
	kmem_cache_free(tern_request_cache, req);
}

/**
 * tern_req_put() - drop a reference to a request entry
 * @req: the entry
 *
 * The last one frees it a grace period later, then lets its listener go
 * (the module stays until then: a timer handler may still be returning).
 */
void tern_req_put(struct tern_request *req)
{
	if (refcount_dec_and_test(&req->common.skc_refcnt))
		call_rcu(&req->rcu, tern_req_free_rcu);
}

static unsigned long tern_req_timeout(const struct tern_request *req)
{
	const struct tern_sysctl *sysctl = tern_sysctl(sock_net(req->listener));
	unsigned long rto = msecs_to_jiffies(sysctl->rto_initial_ms);
	unsigned long max = msecs_to_jiffies(sysctl->rto_max_ms);

	return min(rto << min_t(u8, req->retransmits, 31), max);
}

static u8 tern_req_max_retries(const struct sock *listener)
{
	return tern_sk(listener)->syn_retries ? :
	       tern_sysctl(sock_net(listener))->synack_retries;
}

/* Off the listener's list: it no longer counts against the backlog. */
static void tern_req_unlink(struct tern_request *req)
{
	struct tern_sock *ltp = tern_sk(req->listener);

	spin_lock_bh(&ltp->listen_lock);
	if (!list_empty(&req->listen_node)) {
		list_del_init(&req->listen_node);
		ltp->nr_requests--;
	}
	spin_unlock_bh(&ltp->listen_lock);
}

/* After the entry left the table: the list, the timer, the table's
 * reference.
 */
static void tern_req_retire(struct tern_request *req)
{
	tern_req_unlink(req);
	if (timer_delete(&req->timer))
		tern_req_put(req);
	tern_req_put(req);
}

/**
 * tern_req_remove() - the REMOVE action: the entry leaves the table
 * @req: the entry, referenced by the caller
 *
 * Context: BH disabled.
 */
void tern_req_remove(struct tern_request *req)
{
	if (tern_ehash_remove(tern_req_sk(req)))
		tern_req_retire(req);
}

static int tern_req_send_synack(struct tern_request *req)
{
	const struct sock_common *c = &req->common;
	struct sock *listener = req->listener;
	u8 opts[TERN_MAX_OPT_LEN];
	struct tern_header h = {
		.saddr = &c->skc_v6_rcv_saddr, .daddr = &c->skc_v6_daddr,
		.sport = htons(c->skc_num), .dport = c->skc_dport,
		.seq = req->iss, .ack_seq = req->irs + 1, .window = req->rcv_wnd,
		.flags = TERN_FLAG_SYN | TERN_FLAG_ACK, .opts = opts,
	};
	struct dst_entry *dst;
	struct sk_buff *skb;

	dst = tern_route_unowned(listener, &c->skc_v6_rcv_saddr, h.sport,
				 &c->skc_v6_daddr, c->skc_dport,
				 c->skc_bound_dev_if);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	skb = tern_alloc_header_skb(GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	h.opt_len = tern_write_syn_options(opts, tern_advmss(listener, dst),
					   req->sack_ok);
	tern_push_header(skb, &h);
	skb_dst_set(skb, dst);
	return tern_send_unowned(listener, skb, &c->skc_v6_rcv_saddr,
				 &c->skc_v6_daddr);
}

/**
 * tern_req_resend_synack() - the RESEND_SYNACK action for a request
 * @req: the entry
 */
void tern_req_resend_synack(struct tern_request *req)
{
	struct net *net = sock_net(req->listener);

	tern_stat_inc(net, TERN_STAT_RETRANS_SEGS);
	tern_stat_inc(net, TERN_STAT_SYN_RETRANS);
	tern_req_send_synack(req);
}

/**
 * tern_req_send_ack() - the SEND_ACK action for a request: our numbers
 * @req: the entry
 * @skb: the segment that wants them
 */
void tern_req_send_ack(struct tern_request *req, struct sk_buff *skb)
{
	tern_reply_ack(sock_net(req->listener), skb, req->iss + 1, req->irs + 1,
		       req->rcv_wnd);
}

/* Rearm the timer while the entry is in the table; the timer's new
 * reference is taken under the chain lock, against a concurrent remove.
 */
static bool tern_req_rearm(struct tern_request *req)
{
	spinlock_t *lock = tern_ehash_lock(req->common.skc_hash);
	bool hashed;

	spin_lock(lock);
	hashed = sk_hashed(tern_req_sk(req));
	if (hashed) {
		refcount_inc(&req->common.skc_refcnt);
		mod_timer(&req->timer, jiffies + tern_req_timeout(req));
	}
	spin_unlock(lock);
	return hashed;
}

static void tern_req_timer(struct timer_list *t)
{
	struct tern_request *req = timer_container_of(req, t, timer);
	struct sock *listener = req->listener;

	enum tern_event ev;

	tern_stat_inc(sock_net(listener), TERN_STAT_TIMEOUTS);
	ev = tern_req_timer_event(req->retransmits, tern_req_max_retries(listener),
				  READ_ONCE(tern_sk(listener)->defer_accept),
				  READ_ONCE(req->acked));
	if (ev == TERN_EV_RETRIES_EXHAUSTED ||
	    READ_ONCE(listener->sk_state) != TCP_LISTEN) {
		tern_sm_step(tern_req_sk(req), TERN_EV_RETRIES_EXHAUSTED, NULL);
	} else {
		req->retransmits++;
		if (tern_req_rearm(req))
			tern_sm_step(tern_req_sk(req), ev, NULL);
	}
	tern_req_put(req);
}

/* A new entry for the segment's 4-tuple, its numbers still to fill in;
 * NULL when out of memory or the listener is going away.
 */
static struct tern_request *tern_req_alloc(struct sock *listener,
					   const struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	const struct ternhdr *th = tern_hdr(skb);
	int dev = READ_ONCE(listener->sk_bound_dev_if);
	struct tern_request *req;
	struct tern_addrs a;

	if (!refcount_inc_not_zero(&listener->sk_refcnt))
		return NULL;
	req = kmem_cache_alloc(tern_request_cache, GFP_ATOMIC);
	if (!req) {
		sock_put(listener);
		return NULL;
	}
	tern_entry_zero(req, sizeof(*req));
	tern_skb_addrs(skb, &a);
	/* A link-local peer is reached by the device it came in on. */
	if (!dev && ipv6_addr_type(&a.raddr) & IPV6_ADDR_LINKLOCAL)
		dev = cb->dif;
	tern_entry_keys(&req->common, sock_net(listener), &a.laddr, th->dest,
			&a.raddr, th->source, dev);
	req->common.skc_state = TCP_NEW_SYN_RECV;
	req->listener = listener;
	INIT_LIST_HEAD(&req->listen_node);
	timer_setup(&req->timer, tern_req_timer, 0);
	req->snd_wnd = min_t(u32, cb->window, TERN_MAX_WINDOW);
	req->rcv_wnd = tern_space(listener);
	return req;
}

/* The entry for a SYN: the peer's ISN and options, our ISN. */
static struct tern_request *tern_req_from_syn(struct sock *listener,
					      const struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	const struct ternhdr *th = tern_hdr(skb);
	struct tern_request *req = tern_req_alloc(listener, skb);
	const struct sock_common *c;
	struct tern_options opt;

	if (!req)
		return NULL;
	c = &req->common;
	tern_parse_options(th, &opt);
	req->irs = cb->seq;
	req->iss = cb->tw_isn ? : tern_isn(&c->skc_v6_rcv_saddr, &c->skc_v6_daddr,
					   th->dest, th->source);
	req->peer_mss = opt.mss ? : TERN_DEFAULT_MSS;
	req->sack_ok = opt.sack_perm && tern_sk(listener)->sack_ok;
	return req;
}

/* The 4-tuple a SYN cookie is keyed on, and the peer's ISN (@seq). */
static void tern_cookie_tuple(const struct sk_buff *skb, u32 seq,
			      struct tern_cookie_tuple *t)
{
	struct tern_addrs a;

	tern_skb_addrs(skb, &a);
	t->saddr = a.raddr;
	t->daddr = a.laddr;
	t->sport = tern_hdr(skb)->source;
	t->dport = tern_hdr(skb)->dest;
	t->seq = seq;
}

/* Into the established table, unless a SYN on another CPU made an entry
 * for the same 4-tuple first. The references: the table's, the timer's
 * and the caller's.
 */
static bool tern_req_hash(struct tern_request *req)
{
	const struct sock_common *c = &req->common;
	u32 hash = tern_ehashfn(read_pnet(&c->skc_net), &c->skc_v6_rcv_saddr,
				c->skc_num, &c->skc_v6_daddr, c->skc_dport);
	spinlock_t *lock = tern_ehash_lock(hash);

	spin_lock(lock);
	if (tern_ehash_find_locked(hash, read_pnet(&c->skc_net), &c->skc_v6_daddr,
				   c->skc_dport, &c->skc_v6_rcv_saddr, c->skc_num,
				   c->skc_bound_dev_if)) {
		spin_unlock(lock);
		return false;
	}
	tern_ehash_insert_locked(tern_req_sk(req), hash);
	/* Every field is written before a lookup can take a reference. */
	smp_wmb();
	refcount_set(&req->common.skc_refcnt, 3);
	mod_timer(&req->timer, jiffies + tern_req_timeout(req));
	spin_unlock(lock);
	return true;
}

/* On the listener's list and in the table, both under the listener's
 * lock, under which a closing listener takes its entries off the list.
 * Returns 0, -EBUSY when the listener stopped or its backlog is full, or
 * -EEXIST when the 4-tuple has an entry already.
 */
static int tern_req_insert(struct tern_request *req)
{
	struct sock *listener = req->listener;
	struct tern_sock *ltp = tern_sk(listener);
	int err = -EBUSY;

	spin_lock_bh(&ltp->listen_lock);
	if (listener->sk_state == TCP_LISTEN &&
	    ltp->nr_requests <= READ_ONCE(listener->sk_max_ack_backlog))
		err = tern_req_hash(req) ? 0 : -EEXIST;
	if (!err) {
		list_add_tail(&req->listen_node, &ltp->requests);
		ltp->nr_requests++;
	}
	spin_unlock_bh(&ltp->listen_lock);
	return err;
}

/* An entry that never made it into the table. */
static void tern_req_discard(struct tern_request *req)
{
	sock_put(req->listener);
	kmem_cache_free(tern_request_cache, req);
}

/* No room for an entry (or net.tern.syncookies is 2): answer with a SYN
 * cookie instead, and keep nothing. Consumes @req; false if cookies are
 * off (the caller then still owns @req).
 */
static bool tern_req_cookie_synack(struct tern_request *req,
				   const struct sk_buff *skb)
{
	struct sock *listener = req->listener;
	struct net *net = sock_net(listener);
	struct tern_cookie_tuple t;

	if (!READ_ONCE(tern_sysctl(net)->syncookies))
		return false;
	if (!READ_ONCE(tern_sk(listener)->cookie_stamp))
		net_info_ratelimited("tern: possible SYN flooding on port %u, sending cookies\n",
				     listener->sk_num);
	WRITE_ONCE(tern_sk(listener)->cookie_stamp, tern_jiffies32 ? : 1);
	tern_cookie_tuple(skb, req->irs, &t);
	req->iss = tern_cookie_make(&t, &req->peer_mss, req->sack_ok);
	tern_stat_inc(net, TERN_STAT_SYNCOOKIES_SENT);
	tern_req_send_synack(req);
	tern_req_discard(req);
	return true;
}

/**
 * tern_req_cookie_ok() - could this ACK complete a cookie handshake?
 * @listener: the listener it arrived at
 * @skb: the ACK, its header in place
 *
 * Only while the listener sent cookies in the last two minutes (or always
 * sends them), as TCP checks, so that random ACKs cost no hashing.
 *
 * Return: true when its acknowledgment number is one of our cookies.
 */
bool tern_req_cookie_ok(struct sock *listener, const struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	int mode = READ_ONCE(tern_sysctl(sock_net(listener))->syncookies);
	u32 stamp = READ_ONCE(tern_sk(listener)->cookie_stamp);
	struct tern_cookie_tuple t;
	bool sack, ok;
	u16 mss;

	if (!mode || (mode == 1 && (!stamp || tern_jiffies32 - stamp > 120 * HZ)))
		return false;
	tern_cookie_tuple(skb, cb->seq - 1, &t);
	ok = tern_cookie_check(&t, cb->ack_seq - 1, &mss, &sack);
	tern_stat_inc(sock_net(listener), ok ? TERN_STAT_SYNCOOKIES_RECV :
						TERN_STAT_SYNCOOKIES_FAILED);
	return ok;
}

/**
 * tern_req_cookie_child() - the CREATE_CHILD action for a listener: the
 *	ACK of a cookie SYN+ACK
 * @listener: the listener, not locked
 * @skb: the ACK, its cookie checked (tern_req_cookie_ok()); consumed
 *
 * The request is rebuilt from the cookie (our ISN, the peer's, the MSS,
 * SACK; the peer's window from the ACK), and becomes the child at once.
 */
void tern_req_cookie_child(struct sock *listener, struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_cookie_tuple t;
	struct tern_request *req;

	req = tern_req_alloc(listener, skb);
	tern_cookie_tuple(skb, cb->seq - 1, &t);
	if (!req || !tern_cookie_check(&t, cb->ack_seq - 1, &req->peer_mss,
				       &req->sack_ok) ||
	    tern_lsm_conn_request(listener, skb)) {
		if (req)
			tern_req_discard(req);
		tern_stat_inc(sock_net(listener), TERN_STAT_LISTEN_DROPS);
		kfree_skb(skb);
		return;
	}
	req->cookie = true;
	req->irs = cb->seq - 1;
	req->iss = cb->ack_seq - 1;
	req->sack_ok = req->sack_ok && tern_sk(listener)->sack_ok;
	tern_req_create_child(req, skb);
	tern_req_discard(req);
}

/**
 * tern_req_new() - the NEW_REQUEST action: a SYN for a listener
 * @listener: the listener, not locked (as TCP's listeners)
 * @skb: the SYN, its header in place
 *
 * Both the half-open entries and the accept queue are bounded by the
 * listen() backlog; a SYN beyond either is dropped and counted.
 */
void tern_req_new(struct sock *listener, struct sk_buff *skb)
{
	struct net *net = sock_net(listener);
	struct tern_request *req;
	int err;

	if (sk_acceptq_is_full(listener)) {
		tern_stat_inc(net, TERN_STAT_LISTEN_OVERFLOWS);
		goto drop;
	}
	req = tern_req_from_syn(listener, skb);
	if (!req)
		goto drop;
	if (tern_lsm_conn_request(listener, skb)) {
		tern_req_discard(req);
		goto drop;
	}
	err = READ_ONCE(tern_sysctl(net)->syncookies) == 2 ? -EBUSY :
	      tern_req_insert(req);
	if (err == -EBUSY && tern_req_cookie_synack(req, skb))
		return;
	if (err) {
		tern_req_discard(req);
		/* Another CPU's entry answers the same SYN. */
		if (err == -EEXIST)
			return;
		goto drop;
	}
	tern_req_send_synack(req);
	tern_req_put(req);
	return;
drop:
	tern_stat_inc(net, TERN_STAT_LISTEN_DROPS);
}

/* The child's connection state, from the request. */
static void tern_child_init_seq(struct sock *child, const struct tern_request *req,
				const struct dst_entry *dst)
{
	struct tern_sock *tp = tern_sk(child);

	tp->iss = req->iss;
	tp->snd_una = req->iss;
	tp->sack_high = req->iss;
	tp->snd_nxt = req->iss + 1;
	tp->write_seq = req->iss + 1;
	tp->irs = req->irs;
	tp->rcv_nxt = req->irs + 1;
	tp->copied_seq = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	tp->rcv_wnd = req->rcv_wnd;
	tp->snd_wnd = req->snd_wnd;
	tp->max_window = req->snd_wnd;
	tp->snd_wl1 = req->irs;
	tp->peer_mss = req->peer_mss;
	tp->sack_ok = req->sack_ok;
	tern_sync_mss(child, dst_mtu(dst));
}

/* An IPv4 peer's addresses, and a route for them. The flow is kept in
 * the socket's cork: ip_queue_xmit() takes the IP header's addresses
 * from there.
 */
static int tern_child_route_v4(struct sock *child, const struct sock_common *c)
{
	struct inet_sock *inet = inet_sk(child);
	struct rtable *rt;

	sk_daddr_set(child, c->skc_daddr);
	sk_rcv_saddr_set(child, c->skc_rcv_saddr);
	inet->inet_saddr = c->skc_rcv_saddr;
	rt = ip_route_output_ports(sock_net(child), &inet->cork.fl.u.ip4, child,
				   c->skc_daddr,
				   c->skc_rcv_saddr, c->skc_dport, inet->inet_sport,
				   tern_ipproto, READ_ONCE(inet->tos),
				   c->skc_bound_dev_if);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	sk_setup_caps(child, &rt->dst);
	return 0;
}

/* The addresses and ports of the request, and a route for them: IPv4
 * for an IPv4 peer (a dual-stack IPv6 listener's child too), IPv6 for
 * an IPv6 one.
 */
static int tern_child_connect(struct sock *child, const struct tern_request *req)
{
	const struct sock_common *c = &req->common;
	struct inet_sock *inet = inet_sk(child);
	int err;

	inet->inet_dport = c->skc_dport;
	inet->inet_num = c->skc_num;
	inet->inet_sport = htons(c->skc_num);
	child->sk_bound_dev_if = c->skc_bound_dev_if;
	RCU_INIT_POINTER(inet->inet_opt, NULL);
	inet->mc_list = NULL;
	inet_csk(child)->icsk_ext_hdr_len = 0;
	atomic_set(&inet->inet_id, get_random_u16());
	sk_set_txhash(child);

	if (child->sk_family == AF_INET6) {
		err = tern_v6_child_init(child, c);
		if (err)
			return err;
	}
	if (tern_addr_v4(&c->skc_v6_daddr)) {
		err = tern_child_route_v4(child, c);
		if (err)
			return err;
	}
	tern_child_init_seq(child, req, __sk_dst_get(child));
	return 0;
}

/* The request's socket, as sk_clone_lock() returns it: locked (bh). */
static struct sock *tern_child_new(struct tern_request *req)
{
	struct sock *child = sk_clone_lock(req->listener, GFP_ATOMIC);

	if (!child)
		return NULL;
	inet_sk_set_state(child, TCP_SYN_RECV);
	/* Only listeners are freed after a grace period. */
	sock_reset_flag(child, SOCK_RCU_FREE);
	tern_sock_setup(child);
	tern_init_conn(child);
	return child;
}

/* The child enters the table: in its request's place, or (rebuilt from a
 * cookie) where its 4-tuple is free.
 */
static bool tern_child_hash(struct tern_request *req, struct sock *child)
{
	if (req->cookie)
		return tern_ehash_insert_unique(child);
	if (!tern_ehash_replace(tern_req_sk(req), child))
		return false;
	sock_prot_inuse_add(sock_net(child), child->sk_prot, 1);
	return true;
}

/**
 * tern_req_create_child() - the CREATE_CHILD action: the handshake's ACK
 * @req: the entry, referenced by the caller (or one rebuilt from a cookie)
 * @skb: the ACK, its header in place; consumed (the child processes it)
 *
 * The child takes the entry's place in the table and joins the accept
 * queue; a full accept queue drops the ACK and keeps the entry, whose
 * SYN+ACK retransmissions give accept() time, as TCP's do.
 */
void tern_req_create_child(struct tern_request *req, struct sk_buff *skb)
{
	struct sock *listener = req->listener, *child;
	struct net *net = sock_net(listener);

	if (sk_acceptq_is_full(listener)) {
		tern_stat_inc(net, TERN_STAT_LISTEN_OVERFLOWS);
		goto drop;
	}
	child = tern_child_new(req);
	if (!child)
		goto drop;
	__acquire(&child->sk_lock.slock);
	/* Without a route or the port, or with the entry gone meanwhile
	 * (a RST, the timeout), the child goes again.
	 */
	if (tern_child_connect(child, req) || tern_inherit_port(listener, child) ||
	    !tern_child_hash(req, child)) {
		tern_child_discard(child);
		goto drop;
	}
	if (!req->cookie)
		tern_req_retire(req);
	tern_stat_inc(net, TERN_STAT_PASSIVE_OPENS);
	/* Its peer's label, from the ACK (see lsm.c); before accept() sees it. */
	tern_lsm_conn_established(child, skb);
	if (tern_accept_enqueue(listener, child))
		tern_rcv(child, skb);
	else
		kfree_skb(skb);
	bh_unlock_sock(child);
	sock_put(child);
	listener->sk_data_ready(listener);
	return;
drop:
	tern_stat_inc(net, TERN_STAT_LISTEN_DROPS);
	kfree_skb(skb);
}

/**
 * tern_req_rcv() - a segment for a request entry
 * @req: the entry, with the lookup's reference, which this drops
 * @skb: the segment, validated, its header in place; consumed
 */
void tern_req_rcv(struct tern_request *req, struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	u8 defer = READ_ONCE(tern_sk(req->listener)->defer_accept);
	enum tern_event ev = tern_req_event(cb->flags, cb->seq, cb->end_seq,
					    cb->ack_seq, req->irs, req->iss,
					    req->rcv_wnd, req->retransmits < defer);

	tern_sm_step(tern_req_sk(req), ev, skb);
	tern_req_put(req);
}

/**
 * tern_req_drop_all() - a listener closes: its request entries go
 * @listener: the listener, no longer in LISTEN, so no entry is added
 */
void tern_req_drop_all(struct sock *listener)
{
	struct tern_sock *ltp = tern_sk(listener);
	struct tern_request *req;

	spin_lock_bh(&ltp->listen_lock);
	while (!list_empty(&ltp->requests)) {
		req = list_first_entry(&ltp->requests, struct tern_request,
				       listen_node);
		list_del_init(&req->listen_node);
		ltp->nr_requests--;
		/* Listed means in the table: the count is not zero. */
		refcount_inc(&req->common.skc_refcnt);
		spin_unlock_bh(&ltp->listen_lock);
		local_bh_disable();
		tern_req_remove(req);
		tern_req_put(req);
		local_bh_enable();
		spin_lock_bh(&ltp->listen_lock);
	}
	spin_unlock_bh(&ltp->listen_lock);
}
