// SPDX-License-Identifier: GPL-2.0
/*
 * The passive open. A SYN to a listener creates a request socket (a
 * compact SYN_RECV entry in the lookup table) and answers with SYN+ACK;
 * the kernel's request socket timer retransmits it with exponential
 * backoff. The final ACK turns the request into a full child socket on
 * the listener's accept queue. Both the number of half-open requests and
 * the accept queue are bounded by the listen() backlog.
 */
#include <net/inet_connection_sock.h>
#include <net/inet_hashtables.h>
#include <net/ip.h>

#include "fault.h"
#include "input.h"
#include "isn.h"
#include "netns.h"
#include "output.h"
#include "proto.h"
#include "reply.h"
#include "request.h"
#include "sock.h"
#include "state.h"
#include "timer.h"
#include "trace.h"

static int tern_send_synack(const struct sock *sk, struct request_sock *req,
			    struct dst_entry *dst)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	const struct tern_request_sock *treq = tern_rsk(req);
	struct net *net = sock_net(sk);
	u8 opts[TERN_MAX_OPT_LEN];
	unsigned int hlen;
	struct ternhdr *th;
	struct sk_buff *skb;
	int err;

	skb = alloc_skb(TERN_MAX_HEADER, GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, TERN_MAX_HEADER);
	hlen = TERN_HDR_LEN +
	       tern_write_syn_options(opts, tern_advmss(sk, dst_mtu(dst)), treq->sack_ok);
	th = skb_push(skb, hlen);
	skb_reset_transport_header(skb);
	th->source = htons(ireq->ir_num);
	th->dest = ireq->ir_rmt_port;
	th->seq = htonl(treq->iss);
	th->ack_seq = htonl(treq->irs + 1);
	th->doff = hlen / 4;
	th->flags = TERN_FLAG_SYN | TERN_FLAG_ACK;
	th->window = htonl(tern_space(sk));
	th->check = 0;
	memcpy(th + 1, opts, hlen - TERN_HDR_LEN);
	tern_set_checksum(skb, ireq->ir_loc_addr, ireq->ir_rmt_addr);
	skb_dst_set(skb, dst);

	tern_stat_inc(net, TERN_STAT_OUT_SEGS);
	trace_tern_xmit(ireq->ir_loc_addr, ireq->ir_rmt_addr, th, 0);
	if (tern_fault_should_drop(net, th, 0)) {
		kfree_skb(skb);
		return 0;
	}
	/* net_xmit_eval() evaluates its argument more than once. */
	err = ip_build_and_send_pkt(skb, sk, ireq->ir_loc_addr, ireq->ir_rmt_addr,
				    NULL, inet_sk(sk)->tos);
	return net_xmit_eval(err);
}

/* rsk_ops->rtx_syn_ack: the request socket timer wants SYN+ACK again. */
static int tern_rtx_synack(const struct sock *sk, struct request_sock *req)
{
	struct dst_entry *dst;
	struct flowi4 fl4;

	dst = inet_csk_route_req(sk, &fl4, req);
	if (!dst)
		return -EHOSTUNREACH;
	tern_stat_inc(sock_net(sk), TERN_STAT_RETRANS_SEGS);
	tern_stat_inc(sock_net(sk), TERN_STAT_SYN_RETRANS);
	return tern_send_synack(sk, req, dst);
}

static void tern_syn_ack_timeout(const struct request_sock *req)
{
	tern_stat_inc(sock_net(req->rsk_listener), TERN_STAT_TIMEOUTS);
}

/* rsk_ops->destructor, which the kernel always calls: IP options would
 * be the request's only allocation.
 */
static void tern_reqsk_destructor(struct request_sock *req)
{
	kfree(rcu_dereference_protected(inet_rsk(req)->ireq_opt, 1));
}

struct request_sock_ops tern_request_sock_ops = {
	.family		= PF_INET,
	.obj_size	= sizeof(struct tern_request_sock),
	.rtx_syn_ack	= tern_rtx_synack,
	.destructor	= tern_reqsk_destructor,
	.syn_ack_timeout = tern_syn_ack_timeout,
};

static void tern_fill_request(struct request_sock *req, const struct sock *sk,
			      struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct inet_request_sock *ireq = inet_rsk(req);
	struct tern_request_sock *treq = tern_rsk(req);
	const struct ternhdr *th = tern_hdr(skb);
	struct tern_options opt;

	tern_parse_options(th, &opt);
	ireq->ir_loc_addr = ip_hdr(skb)->daddr;
	ireq->ir_rmt_addr = ip_hdr(skb)->saddr;
	ireq->ir_rmt_port = th->source;
	ireq->ir_num = ntohs(th->dest);
	ireq->ir_iif = inet_request_bound_dev_if(sk, skb);
	ireq->ir_mark = inet_request_mark(sk, skb);
	treq->irs = cb->seq;
	treq->iss = tern_isn(ip_hdr(skb)->daddr, ip_hdr(skb)->saddr, th->dest,
			     th->source);
	treq->snd_wnd = min_t(u32, cb->window, TERN_MAX_WINDOW);
	treq->peer_mss = opt.mss ? : TERN_DEFAULT_MSS;
	treq->sack_ok = opt.sack_perm && tern_sk(sk)->sack_ok;
}

/* A SYN for a listener: a new request socket and our SYN+ACK. */
static void tern_conn_request(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	struct request_sock *req;
	struct dst_entry *dst;
	struct flowi4 fl4;

	if (inet_csk_reqsk_queue_is_full(sk) || sk_acceptq_is_full(sk)) {
		if (sk_acceptq_is_full(sk))
			tern_stat_inc(net, TERN_STAT_LISTEN_OVERFLOWS);
		tern_stat_inc(net, TERN_STAT_LISTEN_DROPS);
		return;
	}
	req = inet_reqsk_alloc(&tern_request_sock_ops, sk, true);
	if (!req)
		goto drop;
	tern_fill_request(req, sk, skb);
	dst = inet_csk_route_req(sk, &fl4, req);
	if (!dst)
		goto drop_req;
	/* The kernel's request timer backs off from this first interval. */
	req->timeout = msecs_to_jiffies(tern_sysctl(net)->rto_initial_ms);
	if (!inet_csk_reqsk_queue_hash_add(sk, req, req->timeout)) {
		dst_release(dst);
		goto drop_req;
	}
	tern_send_synack(sk, req, dst);
	reqsk_put(req);
	return;

drop_req:
	reqsk_free(req);
drop:
	tern_stat_inc(net, TERN_STAT_LISTEN_DROPS);
}

/**
 * tern_listen_rcv() - a segment for a listener
 * @sk: the listener, not locked (as TCP's listeners)
 * @skb: the segment, validated, its header still in place; consumed
 */
void tern_listen_rcv(struct sock *sk, struct sk_buff *skb)
{
	enum tern_event event = tern_segment_event(TERN_SKB_CB(skb)->flags);

	switch (tern_sm_lookup(TCP_LISTEN, event).action) {
	case TERN_ACT_SEND_SYNACK:
		tern_conn_request(sk, skb);
		break;
	case TERN_ACT_SEND_RST:
		tern_reply_reset(sock_net(sk), skb);
		break;
	default:
		break;
	}
	kfree_skb(skb);
}

/* The child's connection state, from the request. */
static void tern_init_child(struct sock *newsk, const struct request_sock *req,
			    const struct dst_entry *dst)
{
	const struct tern_request_sock *treq = tern_rsk(req);
	struct tern_sock *tp = tern_sk(newsk);

	tp->iss = treq->iss;
	tp->snd_una = treq->iss;
	tp->sack_high = treq->iss;
	tp->snd_nxt = treq->iss + 1;
	tp->write_seq = treq->iss + 1;
	tp->irs = treq->irs;
	tp->rcv_nxt = treq->irs + 1;
	tp->copied_seq = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	tp->rcv_wnd = tern_space(newsk);
	tp->snd_wnd = treq->snd_wnd;
	tp->max_window = treq->snd_wnd;
	tp->snd_wl1 = treq->irs;
	tp->peer_mss = treq->peer_mss;
	tp->sack_ok = treq->sack_ok;
	tern_sync_mss(newsk, dst_mtu(dst));
}

/* The final ACK: make the connection a full socket, in SYN_RECV. */
static struct sock *tern_create_child(struct sock *sk, struct request_sock *req,
				      bool *own_req)
{
	struct inet_request_sock *ireq = inet_rsk(req);
	bool found_dup_sk = false;
	struct inet_sock *newinet;
	struct dst_entry *dst;
	struct sock *newsk;

	if (sk_acceptq_is_full(sk)) {
		tern_stat_inc(sock_net(sk), TERN_STAT_LISTEN_OVERFLOWS);
		goto drop;
	}
	newsk = inet_csk_clone_lock(sk, req, GFP_ATOMIC);
	if (!newsk)
		goto drop;
	/* The clone copied the listener's queues and timers: start afresh
	 * before any path below can destroy it.
	 */
	tern_init_conn(newsk);
	tern_sk(newsk)->deferred = 0;
	newinet = inet_sk(newsk);
	sk_daddr_set(newsk, ireq->ir_rmt_addr);
	sk_rcv_saddr_set(newsk, ireq->ir_loc_addr);
	newsk->sk_bound_dev_if = ireq->ir_iif;
	newinet->inet_saddr = ireq->ir_loc_addr;
	RCU_INIT_POINTER(newinet->inet_opt, NULL);
	inet_csk(newsk)->icsk_ext_hdr_len = 0;
	atomic_set(&newinet->inet_id, get_random_u16());

	dst = inet_csk_route_child_sock(sk, newsk, req);
	if (!dst)
		goto put_and_exit;
	sk_setup_caps(newsk, dst);
	tern_init_child(newsk, req, dst);
	if (__inet_inherit_port(sk, newsk) < 0)
		goto put_and_exit;
	/* Takes the request's place in the table; on failure destroys it. */
	*own_req = inet_ehash_nolisten(newsk, req_to_sk(req), &found_dup_sk);
	return newsk;

put_and_exit:
	inet_csk_prepare_forced_close(newsk);
	tern_done(newsk);
drop:
	tern_stat_inc(sock_net(sk), TERN_STAT_LISTEN_DROPS);
	return NULL;
}

/* RFC 793 3.9, SYN-RECEIVED, for a request socket. Returns the child
 * socket (locked, referenced) when the handshake completed.
 */
static struct sock *tern_req_check(struct sock *sk, struct request_sock *req,
				   struct sk_buff *skb)
{
	const struct tern_request_sock *treq = tern_rsk(req);
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct net *net = sock_net(sk);
	struct sock *child;
	bool own_req;

	/* A FIN completing the handshake is its ACK: the child takes the FIN. */
	switch (tern_sm_lookup(TCP_SYN_RECV, tern_segment_event(cb->flags)).action) {
	case TERN_ACT_REFUSED:
		/* RFC 5961: only a RST at exactly the expected number counts. */
		if (cb->seq == treq->irs + 1)
			inet_csk_reqsk_queue_drop(sk, req);
		return NULL;
	case TERN_ACT_SEND_SYNACK:
		/* Our SYN+ACK was lost: the peer sent its SYN again. */
		if (cb->seq == treq->irs)
			inet_rtx_syn_ack(sk, req);
		return NULL;
	case TERN_ACT_ESTABLISH:
	case TERN_ACT_SEND_ACK:
		break;
	default:
		return NULL;
	}
	if (cb->ack_seq != treq->iss + 1) {
		tern_reply_reset(net, skb);
		return NULL;
	}
	if (cb->seq != treq->irs + 1) {
		tern_stat_inc(net, TERN_STAT_DROP_OUT_OF_WINDOW);
		return NULL;
	}
	child = tern_create_child(sk, req, &own_req);
	if (!child)
		return NULL;
	return inet_csk_complete_hashdance(sk, child, req, own_req);
}

/**
 * tern_req_rcv() - a segment for a request socket
 * @req: the request, with the lookup's reference: the accept queue takes
 *	it over when the handshake completes, otherwise it is dropped here
 * @skb: the segment, validated, its header in place; consumed
 */
void tern_req_rcv(struct request_sock *req, struct sk_buff *skb)
{
	struct sock *sk = req->rsk_listener;
	struct sock *child;

	if (sk->sk_state != TCP_LISTEN) {
		/* The listener is gone: so is the request. */
		inet_csk_reqsk_queue_drop_and_put(sk, req);
		tern_reply_reset(sock_net(sk), skb);
		kfree_skb(skb);
		return;
	}
	sock_hold(sk);
	child = tern_req_check(sk, req, skb);
	if (child) {
		/* inet_csk_clone_lock() returned it locked. */
		__acquire(&child->sk_lock.slock);
		tern_stat_inc(sock_net(sk), TERN_STAT_PASSIVE_OPENS);
		/* The child is new: nobody else can own it yet. */
		tern_rcv(child, skb);
		skb = NULL;
		bh_unlock_sock(child);
		sock_put(child);
		sk->sk_data_ready(sk);
	} else {
		kfree_skb(skb);
		reqsk_put(req);
	}
	sock_put(sk);
}
