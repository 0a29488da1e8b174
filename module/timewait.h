/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TIME_WAIT: what is left of a connection for 2 MSL after it closed.
 */
#ifndef _TERN_TIMEWAIT_H
#define _TERN_TIMEWAIT_H

#include <linux/timer.h>
#include <net/sock.h>

struct tern_bind_bucket;

/**
 * struct tern_tw - a compact TIME_WAIT entry, not a socket
 * @common: its keys, its place in the established table (state
 *	TCP_TIME_WAIT), the SO_REUSEADDR/SO_REUSEPORT bits bind() checks,
 *	its link among the port's holders and its reference count
 * @tb: the local port it holds
 * @timer: the 2 MSL timeout
 * @snd_nxt: our next sequence number (past our FIN)
 * @rcv_nxt: the peer's next sequence number (past its FIN)
 * @rcv_wnd: the window we last advertised
 * @last_oow_ack: when the last answer to an unacceptable segment went
 *
 * References: one for the tables (dropped by whoever takes it out), one
 * for the pending timer, one per lookup.
 */
struct tern_tw {
	struct sock_common common;
	struct tern_bind_bucket *tb;
	struct timer_list timer;
	u32 snd_nxt;
	u32 rcv_nxt;
	u32 rcv_wnd;
	u32 last_oow_ack;
};

static inline struct tern_tw *tern_tw(const struct sock *sk)
{
	return (struct tern_tw *)sk;
}

static inline struct sock *tern_tw_sk(struct tern_tw *tw)
{
	return (struct sock *)tw;
}

int tern_timewait_init(void);
void tern_timewait_exit(void);

void tern_time_wait(struct sock *sk);
void tern_tw_put(struct tern_tw *tw);
void tern_tw_rcv(struct tern_tw *tw, struct sk_buff *skb);
void tern_tw_send_ack(struct tern_tw *tw, struct sk_buff *skb);
void tern_tw_restart(struct tern_tw *tw, struct sk_buff *skb);
void tern_tw_reopen(struct tern_tw *tw, struct sk_buff *skb);
void tern_tw_remove(struct tern_tw *tw);
void tern_purge_entries(void);

#endif /* _TERN_TIMEWAIT_H */
