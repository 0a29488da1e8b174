/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TIME_WAIT: what is left of a connection for 2 MSL after it closed.
 */
#ifndef _TERN_TIMEWAIT_H
#define _TERN_TIMEWAIT_H

#include <net/inet_timewait_sock.h>
#include <net/timewait_sock.h>

/**
 * struct tern_timewait_sock - a compact TIME_WAIT entry
 * @tw_sk: the inet part: addresses, ports, hash links, the 2 MSL timer
 * @snd_nxt: our next sequence number (past our FIN)
 * @rcv_nxt: the peer's next sequence number (past its FIN)
 * @rcv_wnd: the window we last advertised
 */
struct tern_timewait_sock {
	struct inet_timewait_sock tw_sk;
	u32 snd_nxt;
	u32 rcv_nxt;
	u32 rcv_wnd;
};

static inline struct tern_timewait_sock *tern_twsk(const struct inet_timewait_sock *tw)
{
	return (struct tern_timewait_sock *)tw;
}

extern struct timewait_sock_ops tern_timewait_sock_ops;

void tern_time_wait(struct sock *sk);
void tern_tw_rcv(struct inet_timewait_sock *tw, struct sk_buff *skb);

#endif /* _TERN_TIMEWAIT_H */
