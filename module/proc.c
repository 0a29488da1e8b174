// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/tern, in the spirit of /proc/net/tcp but readable: one line
 * per listener, connection, request socket and TIME_WAIT entry of the
 * reader's network namespace.
 *
 *   local remote state send_queue recv_queue timer expires_ms retransmits inode
 *
 * send_queue is bytes not yet acknowledged (or, for a listener, the accept
 * backlog), recv_queue bytes not yet read (or connections waiting in
 * accept()). timer is one of off, retransmit, probe, keepalive, delack,
 * timewait, synack.
 */
#include <linux/jiffies.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/inet_timewait_sock.h>
#include <net/request_sock.h>

#include "compat.h"
#include "hash.h"
#include "proc.h"
#include "sock.h"
#include "statetable.h"

static long tern_proc_ms_left(unsigned long when)
{
	long left = (long)(when - jiffies);

	return left > 0 ? jiffies_to_msecs(left) : 0;
}

static void tern_proc_addrs(struct seq_file *seq, __be32 src, u16 sport,
			    __be32 dst, u16 dport, int state)
{
	seq_printf(seq, "%pI4:%u %pI4:%u %s", &src, sport, &dst, dport,
		   tern_state_name(state));
}

static void tern_proc_full(struct seq_file *seq, struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tern_sock *tp = tern_sk(sk);
	const struct inet_sock *inet = inet_sk(sk);
	int state = inet_sk_state_load(sk);
	const char *timer = "off";
	unsigned long when = 0;
	u32 sendq, recvq;

	if (state == TCP_LISTEN) {
		sendq = READ_ONCE(sk->sk_max_ack_backlog);
		recvq = READ_ONCE(sk->sk_ack_backlog);
	} else {
		sendq = READ_ONCE(tp->write_seq) - READ_ONCE(tp->snd_una);
		recvq = max_t(int, READ_ONCE(tp->rcv_nxt) -
				   READ_ONCE(tp->copied_seq), 0);
	}
	if (icsk->icsk_pending == ICSK_TIME_RETRANS) {
		timer = "retransmit";
		when = icsk->icsk_timeout;
	} else if (icsk->icsk_pending == ICSK_TIME_PROBE0) {
		timer = "probe";
		when = icsk->icsk_timeout;
	} else if (timer_pending(tern_keepalive_timer_of(sk))) {
		timer = "keepalive";
		when = tern_keepalive_timer_of(sk)->expires;
	} else if (timer_pending(&icsk->icsk_delack_timer)) {
		timer = "delack";
		when = icsk->icsk_delack_timer.expires;
	}
	tern_proc_addrs(seq, inet->inet_rcv_saddr, inet->inet_num,
			inet->inet_daddr, ntohs(inet->inet_dport), state);
	seq_printf(seq, " %u %u %s %ld %u %lu\n", sendq, recvq, timer,
		   when ? tern_proc_ms_left(when) : 0, icsk->icsk_retransmits,
		   sock_i_ino(sk));
}

static void tern_proc_request(struct seq_file *seq, struct request_sock *req)
{
	const struct inet_request_sock *ireq = inet_rsk(req);

	tern_proc_addrs(seq, ireq->ir_loc_addr, ireq->ir_num, ireq->ir_rmt_addr,
			ntohs(ireq->ir_rmt_port), TCP_SYN_RECV);
	seq_printf(seq, " 0 0 synack %ld %u 0\n",
		   tern_proc_ms_left(req->rsk_timer.expires), req->num_timeout);
}

static void tern_proc_timewait(struct seq_file *seq, struct inet_timewait_sock *tw)
{
	tern_proc_addrs(seq, tw->tw_rcv_saddr, tw->tw_num, tw->tw_daddr,
			ntohs(tw->tw_dport), TCP_TIME_WAIT);
	seq_printf(seq, " 0 0 timewait %ld 0 0\n",
		   tern_proc_ms_left(tw->tw_timer.expires));
}

static void tern_proc_one(struct seq_file *seq, struct sock *sk)
{
	if (sk->sk_state == TCP_TIME_WAIT)
		tern_proc_timewait(seq, inet_twsk(sk));
	else if (sk->sk_state == TCP_NEW_SYN_RECV)
		tern_proc_request(seq, inet_reqsk(sk));
	else
		tern_proc_full(seq, sk);
}

static int tern_proc_show(struct seq_file *seq, void *v)
{
	struct inet_hashinfo *h = &tern_hashinfo;
	struct net *net = seq_file_single_net(seq);
	struct hlist_nulls_node *node;
	struct sock *sk;
	unsigned int i;

	seq_puts(seq, "local remote state send_queue recv_queue timer expires_ms retransmits inode\n");
	for (i = 0; i <= h->lhash2_mask; i++) {
		struct inet_listen_hashbucket *ilb = &h->lhash2[i];

		if (hlist_nulls_empty(&ilb->nulls_head))
			continue;
		spin_lock_bh(&ilb->lock);
		sk_nulls_for_each(sk, node, &ilb->nulls_head)
			if (net_eq(sock_net(sk), net))
				tern_proc_one(seq, sk);
		spin_unlock_bh(&ilb->lock);
	}
	for (i = 0; i <= h->ehash_mask; i++) {
		struct inet_ehash_bucket *head = &h->ehash[i];

		if (hlist_nulls_empty(&head->chain))
			continue;
		spin_lock_bh(inet_ehash_lockp(h, i));
		sk_nulls_for_each(sk, node, &head->chain)
			if (net_eq(sock_net(sk), net))
				tern_proc_one(seq, sk);
		spin_unlock_bh(inet_ehash_lockp(h, i));
	}
	return 0;
}

/**
 * tern_proc_init_net() - create /proc/net/tern in a namespace
 * @net: the namespace
 *
 * Return: 0 or -ENOMEM.
 */
int tern_proc_init_net(struct net *net)
{
	if (!proc_create_net_single("tern", 0444, net->proc_net, tern_proc_show,
				    NULL))
		return -ENOMEM;
	return 0;
}

/**
 * tern_proc_exit_net() - remove it
 * @net: the namespace
 */
void tern_proc_exit_net(struct net *net)
{
	remove_proc_entry("tern", net->proc_net);
}
