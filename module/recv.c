// SPDX-License-Identifier: GPL-2.0
/*
 * recvmsg(): copy in-order data from the receive queue to the user, wait
 * for more as the flags and SO_RCVLOWAT say, and reopen the window when
 * reading freed enough buffer.
 */
#include <linux/sched/signal.h>
#include <net/sock.h>

#include "autotune.h"
#include "delack.h"
#include "output.h"
#include "recv.h"
#include "sock.h"
#include "window.h"

/**
 * tern_inq() - bytes waiting to be read (FIONREAD)
 * @sk: the socket
 *
 * Return: bytes; the peer's FIN is not data.
 */
u32 tern_inq(const struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);
	u32 answ = READ_ONCE(tp->rcv_nxt) - READ_ONCE(tp->copied_seq);

	if (answ && sock_flag(sk, SOCK_DONE))
		answ--;
	return answ;
}

/**
 * tern_readable() - is there enough to read for poll()?
 * @sk: the socket
 *
 * Return: true when at least SO_RCVLOWAT bytes (at least one) wait.
 */
bool tern_readable(const struct sock *sk)
{
	int lowat = max(READ_ONCE(sk->sk_rcvlowat), 1);

	return tern_inq(sk) >= lowat;
}

/* Reading freed buffer: advertise the larger window if it at least
 * doubled (as TCP does), so a stalled sender resumes.
 */
static void tern_cleanup_rbuf(struct sock *sk, int copied)
{
	struct tern_sock *tp = tern_sk(sk);
	u32 cur, space;

	if (copied <= 0 || (sk->sk_shutdown & RCV_SHUTDOWN) ||
	    !((1 << sk->sk_state) & (TCPF_ESTABLISHED | TCPF_FIN_WAIT1 |
				    TCPF_FIN_WAIT2)))
		return;
	cur = tern_receive_window(sk);
	space = tern_space(sk);
	if (tern_ack_due_on_read(sk) || tern_window_update_due(cur, space, tp->mss_cache))
		tern_send_ack(sk);
}

/* The receive queue skb holding sequence number @seq, if any. */
static struct sk_buff *tern_find_skb(struct sock *sk, u32 seq, u32 *offset)
{
	struct sk_buff *skb;

	skb_queue_walk(&sk->sk_receive_queue, skb) {
		*offset = seq - TERN_SKB_CB(skb)->seq;
		if (*offset < skb->len)
			return skb;
	}
	return NULL;
}

/* Nothing to read now: 0 to wait, or what recvmsg() returns. */
static int tern_recv_stop(struct sock *sk, int copied, int target, long timeo)
{
	if (copied >= target)
		return copied ? : -EAGAIN;
	if (copied) {
		if (!timeo || sk->sk_err || sk->sk_state == TCP_CLOSE ||
		    (sk->sk_shutdown & RCV_SHUTDOWN) || signal_pending(current))
			return copied;
		return 0;
	}
	/* TCP's order: a FIN read in full is the end; otherwise an error
	 * (a reset, a timeout) is reported once before the end of stream.
	 */
	if (sock_flag(sk, SOCK_DONE))
		return -ESHUTDOWN;
	if (sk->sk_err)
		return sock_error(sk);
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		return -ESHUTDOWN;
	if (sk->sk_state == TCP_CLOSE)
		return -ENOTCONN;
	if (!timeo)
		return -EAGAIN;
	if (signal_pending(current))
		return sock_intr_errno(timeo);
	return 0;
}

static int tern_recvmsg_locked(struct sock *sk, struct msghdr *msg, size_t len,
			       int flags)
{
	struct tern_sock *tp = tern_sk(sk);
	u32 peek_seq = tp->copied_seq, *seq = &tp->copied_seq;
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	int target = sock_rcvlowat(sk, flags & MSG_WAITALL, len);
	int copied = 0, stop;

	if (sk->sk_state == TCP_LISTEN)
		return -ENOTCONN;
	if (flags & MSG_PEEK)
		seq = &peek_seq;

	while (len > 0) {
		struct sk_buff *skb;
		u32 offset;
		size_t used;

		skb = tern_find_skb(sk, *seq, &offset);
		if (!skb) {
			stop = tern_recv_stop(sk, copied, target, timeo);
			if (stop == -ESHUTDOWN)
				return 0;	/* end of stream */
			if (stop)
				return copied ? : stop;
			tern_cleanup_rbuf(sk, copied);
			sk_wait_data(sk, &timeo, skb_peek_tail(&sk->sk_receive_queue));
			continue;
		}
		used = min_t(size_t, skb->len - offset, len);
		if (!(flags & MSG_TRUNC) &&
		    skb_copy_datagram_msg(skb, offset, msg, used))
			return copied ? : -EFAULT;
		WRITE_ONCE(*seq, *seq + used);
		copied += used;
		len -= used;
		if (!(flags & MSG_PEEK) && offset + used >= skb->len)
			sk_eat_skb(sk, skb);
		if (copied >= target && !READ_ONCE(sk->sk_backlog.tail) &&
		    !skb_peek(&sk->sk_receive_queue))
			break;
	}
	return copied;
}

/**
 * tern_recv() - recv(), recvfrom(), recvmsg(), read()
 * @sk: the socket
 * @msg: where the data goes
 * @len: how much the caller wants
 * @flags: MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL, MSG_TRUNC
 *
 * Return: bytes copied, 0 at the end of the stream, or a negative errno.
 */
int tern_recv(struct sock *sk, struct msghdr *msg, size_t len, int flags)
{
	int ret;

	if (flags & (MSG_OOB | MSG_ERRQUEUE))
		return -EINVAL;
	lock_sock(sk);
	ret = tern_recvmsg_locked(sk, msg, len, flags);
	if (ret > 0 && !(flags & MSG_PEEK))
		tern_rcv_space_adjust(sk);
	if (ret > 0)
		tern_cleanup_rbuf(sk, ret);
	release_sock(sk);
	return ret;
}
