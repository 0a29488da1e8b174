// SPDX-License-Identifier: GPL-2.0
/*
 * Buffer autotuning. A fixed buffer either wastes memory on slow
 * connections or caps fast ones at buffer / RTT. So, as TCP does:
 *  - the receive buffer grows until it holds what the reader takes in
 *    about two round trips (dynamic right-sizing), so the window never
 *    holds back a sender the reader keeps up with;
 *  - the send buffer grows to twice what the congestion window lets
 *    fly, so the sender never waits for the user while the network
 *    could take more.
 * Neither ever shrinks, neither passes the rmem_max/wmem_max sysctls,
 * and a size set with SO_RCVBUF or SO_SNDBUF is left alone.
 */
#include <net/sock.h>

#include "autotune.h"
#include "compat.h"
#include "netns.h"
#include "seq.h"
#include "sock.h"
#include "window.h"

/**
 * tern_rcv_rtt_measure() - time the arrival of one window of data
 * @sk: the socket, after in-order data arrived
 *
 * A sender limited by our window sends it once per round trip, so the
 * time from advertising a window to its last byte's arrival is a round
 * trip, and more when the sender had less to send: keep the least.
 */
void tern_rcv_rtt_measure(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct tern_rcv_tune *rt = &tp->rcv_tune;
	u64 now = tern_clock_us();

	if (rt->rtt_start_us) {
		u32 sample;

		if (tern_seq_before(tp->rcv_nxt, rt->rtt_seq))
			return;
		sample = max_t(u64, now - rt->rtt_start_us, 1);
		if (!rt->rtt_us || sample < rt->rtt_us)
			rt->rtt_us = sample;
	}
	rt->rtt_seq = tp->rcv_nxt + tp->rcv_wnd;
	rt->rtt_start_us = now;
}

/**
 * tern_rcv_space_adjust() - grow the receive buffer to the reader's pace
 * @sk: the socket, after the user read
 *
 * Once per receiver round trip, compare what the reader took with the
 * round trip before. A reader that took more may take more still: grow
 * the buffer to tern_rcvbuf_goal().
 */
void tern_rcv_space_adjust(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct tern_rcv_tune *rt = &tp->rcv_tune;
	u64 now = tern_clock_us();
	u32 copied;

	if (!rt->space_start_us) {
		rt->space = min(tp->rcv_wnd, 10 * tp->mss_cache);
		goto new_measure;
	}
	if (!rt->rtt_us || now - rt->space_start_us < rt->rtt_us)
		return;
	copied = tp->copied_seq - rt->space_seq;
	if (copied <= rt->space)
		goto new_measure;
	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK)) {
		u64 rcvbuf = tern_rcvbuf_goal(copied, rt->space,
					      max(tp->rcv_mss, TERN_DEFAULT_MSS));

		rcvbuf = min_t(u64, rcvbuf, tern_sysctl(sock_net(sk))->rmem_max);
		if (rcvbuf > READ_ONCE(sk->sk_rcvbuf))
			WRITE_ONCE(sk->sk_rcvbuf, rcvbuf);
	}
	rt->space = copied;
new_measure:
	rt->space_seq = tp->copied_seq;
	rt->space_start_us = now;
}

/* TCP's rule: grow only while the user, not the network, is the limit,
 * and never under memory pressure.
 */
static bool tern_should_expand_sndbuf(const struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);

	if (sk->sk_userlocks & SOCK_SNDBUF_LOCK)
		return false;
	if (sk_under_memory_pressure(sk) ||
	    sk_memory_allocated(sk) >= sk_prot_mem_limits(sk, 0))
		return false;
	return tp->packets_out < tp->cc.cwnd;
}

/**
 * tern_sndbuf_expand() - grow the send buffer to the congestion window
 * @sk: the socket, after an acknowledgment freed send buffer
 *
 * To tern_sndbuf_goal(): one window in flight, one queued behind it.
 */
void tern_sndbuf_expand(struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);
	u32 per_mss = SKB_TRUESIZE(tp->mss_cache + TERN_MAX_HEADER);
	u64 sndmem;

	if (!tern_should_expand_sndbuf(sk))
		return;
	sndmem = min_t(u64, tern_sndbuf_goal(tp->cc.cwnd, tp->reordering, per_mss),
		       tern_sysctl(sock_net(sk))->wmem_max);
	if (sndmem > READ_ONCE(sk->sk_sndbuf))
		WRITE_ONCE(sk->sk_sndbuf, sndmem);
}
