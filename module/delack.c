// SPDX-License-Identifier: GPL-2.0
/*
 * When to acknowledge received data (RFC 1122 4.2.3.2, RFC 9293 3.8.6.3).
 *
 * An ACK goes at once for every second full segment (if the reader keeps
 * up: otherwise its reads acknowledge), for out-of-order data and while
 * the connection is young (quickacks); otherwise it waits up to the
 * delayed-ACK time for something to ride on. A reader that drains small
 * segments acknowledges them as it reads, so a Nagle sender is not held
 * up, unless the connection is interactive: when we answer data within
 * the delayed-ACK time, the peer is one of a request/response pair
 * ("ping-pong", as TCP calls it) and our answer carries the ACK, one
 * segment each way per exchange instead of two. A delayed ACK that has to
 * go on its own ends that assumption.
 */
#include <kunit/visibility.h>

#include "delack.h"
#include "netns.h"
#include "output.h"
#include "recv.h"
#include "sock.h"
#include "window.h"

/**
 * tern_ack_due_after_read() - must reading send the ACK we owe now?
 * @unacked: bytes received since our last ACK
 * @rcv_mss: the peer's segment size as we see it
 * @queue_empty: the reader emptied the receive queue
 * @pushed: small segments among them
 * @pingpong: the connection is interactive
 *
 * Return: true for more than a full segment unacknowledged, or for small
 * segments the reader drained, unless our reply will soon carry the ACK.
 */
bool tern_ack_due_after_read(u32 unacked, u32 rcv_mss, bool queue_empty,
			     enum tern_pushed pushed, bool pingpong)
{
	if (unacked > rcv_mss)
		return true;
	if (!queue_empty)
		return false;
	return pushed == TERN_PUSHED_TWO ||
	       (pushed == TERN_PUSHED_ONE && !pingpong);
}
EXPORT_SYMBOL_IF_KUNIT(tern_ack_due_after_read);

/**
 * tern_ack_due_on_arrival() - must arriving data be acknowledged at once?
 * @unacked: bytes received since our last ACK
 * @rcv_mss: the peer's segment size as we see it
 * @win_now: the window an ACK sent now would advertise
 * @win_last: the window our last ACK advertised
 * @below_lowat: the reader waits for more than the queue holds
 *
 * Every second full segment, but only if the ACK would also give the
 * peer back all the window it used (TCP's __tcp_ack_snd_check()). While
 * the data sits unread the window has not reopened; the reader's
 * recvmsg() sends the ACK as it frees the buffer (tern_ack_due_on_read()),
 * one ACK per read instead of one per two segments. A reader waiting for
 * SO_RCVLOWAT bytes cannot free anything, so it does not hold the ACK.
 *
 * Return: true to acknowledge now.
 */
bool tern_ack_due_on_arrival(u32 unacked, u32 rcv_mss, u32 win_now,
			     u32 win_last, bool below_lowat)
{
	if (unacked < 2 * max(rcv_mss, 1U))
		return false;
	return below_lowat || win_now >= win_last;
}
EXPORT_SYMBOL_IF_KUNIT(tern_ack_due_on_arrival);

/**
 * tern_reply_is_pingpong() - does data we send answer data we received?
 * @since_data_rcv: jiffies since data last arrived
 * @delack_time: the delayed-ACK time, in jiffies
 *
 * Return: true if it goes within the time a delayed ACK would wait.
 */
bool tern_reply_is_pingpong(u32 since_data_rcv, u32 delack_time)
{
	return since_data_rcv < delack_time;
}
EXPORT_SYMBOL_IF_KUNIT(tern_reply_is_pingpong);

static u32 tern_delack_time(const struct sock *sk)
{
	return msecs_to_jiffies(tern_sysctl(sock_net(sk))->delack_ms);
}

/**
 * tern_delack_data_in() - note an in-order or out-of-order data segment
 * @sk: the socket, locked
 * @seg_len: its payload, or its GSO segment size
 */
void tern_delack_data_in(struct sock *sk, u32 seg_len)
{
	struct tern_sock *tp = tern_sk(sk);

	tp->ack_pending = 1;
	tp->lrcvtime = tern_jiffies32;
	if (seg_len < tp->rcv_mss && tp->pushed < TERN_PUSHED_TWO)
		tp->pushed++;
}

/**
 * tern_delack_data_out() - data leaves: it may be an interactive reply
 * @sk: the socket, locked; before the segment's ACK is noted as sent
 */
void tern_delack_data_out(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	/* Until data arrives, lrcvtime means nothing. */
	if (tp->rcv_nxt != tp->irs + 1 &&
	    tern_reply_is_pingpong(tern_jiffies32 - tp->lrcvtime,
				   tern_delack_time(sk)))
		tp->pingpong = 1;
}

/**
 * tern_ack_snd_check() - after a segment's data: ACK now, or schedule it
 * @sk: the socket, locked
 *
 * Every second full segment while the window reopens as fast as it
 * fills, never later than the delayed-ACK time (at most 500 ms).
 */
void tern_ack_snd_check(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	if (!tp->ack_pending || sk->sk_state == TCP_CLOSE)
		return;
	if ((tp->quickacks && !tp->pingpong) ||
	    tern_ack_due_on_arrival(tp->rcv_nxt - tp->rcv_wup, tp->rcv_mss,
				    tern_window_now(sk), tp->rcv_wnd,
				    !tern_readable(sk)) ||
	    (sk->sk_shutdown & RCV_SHUTDOWN)) {
		tern_send_ack(sk);
		return;
	}
	tern_schedule_delack(sk, tern_delack_time(sk));
}

/**
 * tern_ack_due_on_read() - the reader consumed data: is the ACK due?
 * @sk: the socket, locked
 *
 * Return: see tern_ack_due_after_read().
 */
bool tern_ack_due_on_read(struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);

	return tp->ack_pending &&
	       tern_ack_due_after_read(tp->rcv_nxt - tp->rcv_wup, tp->rcv_mss,
				       skb_queue_empty(&sk->sk_receive_queue),
				       tp->pushed, tp->pingpong);
}

/**
 * tern_schedule_delack() - acknowledge within @when, unless sooner
 * @sk: the socket, locked
 * @when: jiffies from now
 */
void tern_schedule_delack(struct sock *sk, unsigned long when)
{
	struct timer_list *timer = &tern_sk(sk)->delack_timer;

	if (!timer_pending(timer))
		sk_reset_timer(sk, timer, jiffies + when);
}

/**
 * tern_delack_expired() - the delayed-ACK time passed with no reply
 * @sk: the socket, locked
 */
void tern_delack_expired(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	if (sk->sk_state == TCP_CLOSE || !tp->ack_pending)
		return;
	/* Nothing rode on it: not a request/response exchange after all. */
	tp->pingpong = 0;
	tern_stat_inc(sock_net(sk), TERN_STAT_DELAYED_ACKS);
	tern_send_ack(sk);
}

/**
 * tern_ack_sent() - an outgoing segment carried our acknowledgment
 * @sk: the socket, locked
 */
void tern_ack_sent(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	tp->ack_pending = 0;
	tp->pushed = TERN_PUSHED_NONE;
	if (tp->quickacks)
		tp->quickacks--;
	sk_stop_timer(sk, &tp->delack_timer);
}

/**
 * tern_set_quickack() - TERN_QUICKACK, as TCP_QUICKACK
 * @sk: the socket, locked
 * @on: acknowledge at once (for a while), or wait for replies
 */
void tern_set_quickack(struct sock *sk, bool on)
{
	struct tern_sock *tp = tern_sk(sk);

	if (!on) {
		tp->pingpong = 1;
		return;
	}
	tp->pingpong = 0;
	tp->quickacks = TERN_QUICKACKS;
	if (tp->ack_pending)
		tern_send_ack(sk);
}
