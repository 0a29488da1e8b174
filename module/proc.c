// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/tern, in the spirit of /proc/net/tcp but readable: one line
 * per listener, connection, request entry and TIME_WAIT entry of the
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

#include "proc.h"
#include "request.h"
#include "sock.h"
#include "statetable.h"
#include "table.h"
#include "timewait.h"

static long tern_proc_ms_left(unsigned long when)
{
	long left = (long)(when - jiffies);

	return left > 0 ? jiffies_to_msecs(left) : 0;
}

/* The two ends (IPv6 ones as [addr]:port) and the state. */
static void tern_proc_addrs(struct seq_file *seq, const struct sockaddr_in6 *src,
			    const struct sockaddr_in6 *dst, int state)
{
	seq_printf(seq, "%pISpc %pISpc %s", src, dst, tern_state_name(state));
}

/* Those of a request or TIME_WAIT entry. */
static void tern_proc_entry(struct seq_file *seq, const struct sock_common *c,
			    int state)
{
	struct sockaddr_in6 src, dst;

	tern_sockaddr(&src, &c->skc_v6_rcv_saddr, htons(c->skc_num));
	tern_sockaddr(&dst, &c->skc_v6_daddr, c->skc_dport);
	tern_proc_addrs(seq, &src, &dst, state);
}

static void tern_proc_full(struct seq_file *seq, struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);
	int state = inet_sk_state_load(sk);
	struct sockaddr_in6 src, dst;
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
	/* As TCP's: the probe and reordering timers show as retransmit. */
	if (tp->rtx_pending == TERN_RTX_RETRANS || tp->rtx_pending == TERN_RTX_TLP ||
	    tp->rtx_pending == TERN_RTX_REORDER) {
		timer = "retransmit";
		when = tp->rtx_timeout;
	} else if (tp->rtx_pending == TERN_RTX_PROBE) {
		timer = "probe";
		when = tp->rtx_timeout;
	} else if (timer_pending(&tp->keepalive_timer)) {
		timer = "keepalive";
		when = tp->keepalive_timer.expires;
	} else if (timer_pending(&tp->delack_timer)) {
		timer = "delack";
		when = tp->delack_timer.expires;
	}
	tern_sk_sockaddrs(sk, &src, &dst);
	tern_proc_addrs(seq, &src, &dst, state);
	seq_printf(seq, " %u %u %s %ld %u %lu\n", sendq, recvq, timer,
		   when ? tern_proc_ms_left(when) : 0, tp->retransmits,
		   sock_i_ino(sk));
}

static void tern_proc_request(struct seq_file *seq, const struct tern_request *req)
{
	const struct sock_common *c = &req->common;

	tern_proc_entry(seq, c, TCP_SYN_RECV);
	seq_printf(seq, " 0 0 synack %ld %u 0\n",
		   tern_proc_ms_left(req->timer.expires), req->retransmits);
}

static void tern_proc_timewait(struct seq_file *seq, const struct tern_tw *tw)
{
	const struct sock_common *c = &tw->common;

	tern_proc_entry(seq, c, TCP_TIME_WAIT);
	seq_printf(seq, " 0 0 timewait %ld 0 0\n",
		   tern_proc_ms_left(tw->timer.expires));
}

/*
 * The iterator walks the listener chains, then the established ones, and
 * shows only the reader's namespace. It holds no lock between calls: it
 * takes a reference on the entry it hands out and remembers its place as
 * (chain, how many of ours before it), so that a read that stops
 * mid-table resumes there rather than from the start: reading a large
 * table costs one walk, as /proc/net/tcp does.
 */
struct tern_proc_iter {
	struct seq_net_private p;	/* first: seq_file_net() */
	unsigned int bucket;		/* listener chains, then established */
	unsigned int offset;		/* our entries before the current one */
	loff_t pos;			/* the current entry's position */
};

static unsigned int tern_proc_buckets(void)
{
	return tern_tables.lhash_mask + 1 + tern_tables.ehash_mask + 1;
}

static struct hlist_nulls_head *tern_proc_chain(unsigned int bucket)
{
	const struct tern_tables *t = &tern_tables;
	unsigned int listeners = t->lhash_mask + 1;

	if (bucket < listeners)
		return &t->lhash[bucket];
	return &t->ehash[bucket - listeners];
}

static spinlock_t *tern_proc_lock(unsigned int bucket)
{
	const struct tern_tables *t = &tern_tables;
	unsigned int listeners = t->lhash_mask + 1;

	if (bucket < listeners)
		return &t->lhash_locks[bucket];
	return tern_ehash_lock(bucket - listeners);
}

/* Entry @n of ours on @chain, referenced; its lock held by the caller. */
static struct sock *tern_proc_nth(const struct net *net,
				  struct hlist_nulls_head *chain, unsigned int n)
{
	struct hlist_nulls_node *node;
	struct sock *sk;

	sk_nulls_for_each(sk, node, chain) {
		if (!net_eq(sock_net(sk), net))
			continue;
		if (n) {
			n--;
			continue;
		}
		/* One on its way out (no references left) is passed over. */
		if (refcount_inc_not_zero(&sk->sk_refcnt))
			return sk;
	}
	return NULL;
}

/* The entry at the iterator's place, or the first one after it. */
static struct sock *tern_proc_get(struct seq_file *seq)
{
	struct tern_proc_iter *it = seq->private;
	struct sock *sk;

	for (; it->bucket < tern_proc_buckets(); it->bucket++, it->offset = 0) {
		struct hlist_nulls_head *chain = tern_proc_chain(it->bucket);

		if (hlist_nulls_empty(chain))
			continue;
		spin_lock_bh(tern_proc_lock(it->bucket));
		sk = tern_proc_nth(seq_file_net(seq), chain, it->offset);
		spin_unlock_bh(tern_proc_lock(it->bucket));
		if (sk)
			return sk;
	}
	return NULL;
}

static void *tern_proc_start(struct seq_file *seq, loff_t *pos)
{
	struct tern_proc_iter *it = seq->private;
	struct sock *sk;
	loff_t n;

	if (!*pos)
		return SEQ_START_TOKEN;
	if (*pos != it->pos) {
		/* A seek: count from the start. */
		it->bucket = 0;
		it->offset = 0;
		for (n = *pos - 1; n && (sk = tern_proc_get(seq)); n--) {
			tern_entry_put(sk);
			it->offset++;
		}
	}
	it->pos = *pos;
	return tern_proc_get(seq);
}

static void *tern_proc_next(struct seq_file *seq, void *v, loff_t *pos)
{
	struct tern_proc_iter *it = seq->private;

	if (v == SEQ_START_TOKEN) {
		it->bucket = 0;
		it->offset = 0;
	} else {
		tern_entry_put(v);
		it->offset++;
	}
	it->pos = ++*pos;
	return tern_proc_get(seq);
}

static void tern_proc_stop(struct seq_file *seq, void *v)
{
	if (v && v != SEQ_START_TOKEN)
		tern_entry_put(v);
}

static int tern_proc_show(struct seq_file *seq, void *v)
{
	struct sock *sk = v;

	if (v == SEQ_START_TOKEN)
		seq_puts(seq, "local remote state send_queue recv_queue timer expires_ms retransmits inode\n");
	else if (sk->sk_state == TCP_TIME_WAIT)
		tern_proc_timewait(seq, tern_tw(sk));
	else if (sk->sk_state == TCP_NEW_SYN_RECV)
		tern_proc_request(seq, tern_req(sk));
	else
		tern_proc_full(seq, sk);
	return 0;
}

static const struct seq_operations tern_proc_ops = {
	.start	= tern_proc_start,
	.next	= tern_proc_next,
	.stop	= tern_proc_stop,
	.show	= tern_proc_show,
};

/**
 * tern_proc_init_net() - create /proc/net/tern in a namespace
 * @net: the namespace
 *
 * Return: 0 or -ENOMEM.
 */
int tern_proc_init_net(struct net *net)
{
	if (!proc_create_net("tern", 0444, net->proc_net, &tern_proc_ops,
			     sizeof(struct tern_proc_iter)))
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
