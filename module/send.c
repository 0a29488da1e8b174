// SPDX-License-Identifier: GPL-2.0
/*
 * sendmsg(). User data is copied into page fragments of skbs on the send
 * queue, each as large as one GSO skb may be (one segment without GSO;
 * the last one grows until it is full), charged to the socket's send
 * buffer; a writer blocks, or gets EAGAIN, while the buffer is full. At
 * the end, the queue is pushed out as the windows and Nagle allow, with
 * PSH on the last segment of the write.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "output.h"
#include "send.h"
#include "sock.h"

/* A new, empty data segment at the tail of the send queue. */
static struct sk_buff *tern_new_segment(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *skb;

	skb = alloc_skb_fclone(TERN_MAX_HEADER, sk->sk_allocation);
	if (!skb)
		return NULL;
	if (!sk_wmem_schedule(sk, skb->truesize)) {
		kfree_skb(skb);
		return NULL;
	}
	skb_reserve(skb, TERN_MAX_HEADER);
	/* The checksum is left to the device: no summing while copying. */
	skb->ip_summed = CHECKSUM_PARTIAL;
	TERN_SKB_CB(skb)->seq = tp->write_seq;
	TERN_SKB_CB(skb)->end_seq = tp->write_seq;
	TERN_SKB_CB(skb)->flags = TERN_FLAG_ACK;
	TERN_SKB_CB(skb)->sacked = 0;
	TERN_SKB_CB(skb)->pcount = 1;
	sk_wmem_queued_add(sk, skb->truesize);
	sk_mem_charge(sk, skb->truesize);
	__skb_queue_tail(&sk->sk_write_queue, skb);
	return skb;
}

/* The tail skb, if more data may still go into it. */
static struct sk_buff *tern_open_tail(struct sock *sk, u32 size_goal)
{
	struct sk_buff *skb = skb_peek_tail(&sk->sk_write_queue);

	if (!skb || skb->len >= size_goal ||
	    (TERN_SKB_CB(skb)->flags & TERN_FLAG_FIN))
		return NULL;
	return skb;
}

/* Copy up to @copy bytes into @skb's last page fragment or a new one.
 * Returns bytes copied, 0 if the skb has no room for another fragment,
 * or a negative errno.
 */
static int tern_copy_to_skb(struct sock *sk, struct msghdr *msg,
			    struct sk_buff *skb, int copy)
{
	struct page_frag *pfrag = sk_page_frag(sk);
	int i = skb_shinfo(skb)->nr_frags;
	bool merge;
	int err;

	if (!sk_page_frag_refill(sk, pfrag))
		return -ENOMEM;
	merge = skb_can_coalesce(skb, i, pfrag->page, pfrag->offset);
	if (!merge && i >= MAX_SKB_FRAGS)
		return 0;
	copy = min_t(int, copy, pfrag->size - pfrag->offset);
	if (!sk_wmem_schedule(sk, copy))
		return -ENOMEM;
	err = skb_copy_to_page_nocache(sk, &msg->msg_iter, skb, pfrag->page,
				       pfrag->offset, copy);
	if (err)
		return err;
	if (merge) {
		skb_frag_size_add(&skb_shinfo(skb)->frags[i - 1], copy);
	} else {
		skb_fill_page_desc(skb, i, pfrag->page, pfrag->offset, copy);
		page_ref_inc(pfrag->page);
	}
	pfrag->offset += copy;
	return copy;
}

static void tern_push(struct sock *sk, int flags)
{
	struct sk_buff *skb = skb_peek_tail(&sk->sk_write_queue);
	struct tern_sock *tp = tern_sk(sk);

	if (!skb)
		return;
	if (!(flags & MSG_MORE))
		TERN_SKB_CB(skb)->flags |= TERN_FLAG_PSH;
	tern_write_xmit(sk, (flags & MSG_MORE) || tp->cork ? TERN_NAGLE_CORK :
			    tp->nodelay ? TERN_NAGLE_PUSH : TERN_NAGLE_ON);
}

static int tern_sendmsg_locked(struct sock *sk, struct msghdr *msg, size_t size)
{
	long timeo = sock_sndtimeo(sk, msg->msg_flags & MSG_DONTWAIT);
	struct tern_sock *tp = tern_sk(sk);
	int copied = 0, err, copy;
	struct sk_buff *skb;
	u32 size_goal;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	/* Wait for the handshake, as TCP does. */
	if ((1 << sk->sk_state) & ~(TCPF_ESTABLISHED | TCPF_CLOSE_WAIT)) {
		err = sk_stream_wait_connect(sk, &timeo);
		if (err)
			goto out_err;
	}
	sk_clear_bit(SOCKWQ_ASYNC_NOSPACE, sk);
	err = -EPIPE;
	if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN))
		goto out_err;

	while (msg_data_left(msg)) {
		size_goal = tern_size_goal(sk);
		skb = tern_open_tail(sk, size_goal);
		if (!skb) {
			if (!tern_sndbuf_free(sk))
				goto wait_for_space;
			skb = tern_new_segment(sk);
			if (!skb)
				goto wait_for_space;
		}
		copy = min_t(size_t, size_goal - skb->len, msg_data_left(msg));
		copy = tern_copy_to_skb(sk, msg, skb, copy);
		if (copy < 0) {
			err = copy;
			if (err == -ENOMEM)
				goto wait_for_space;
			goto out_err;
		}
		if (!copy) {
			/* Out of fragment slots: close this segment early. */
			TERN_SKB_CB(skb)->flags |= TERN_FLAG_PSH;
			if (!tern_new_segment(sk))
				goto wait_for_space;
			continue;
		}
		TERN_SKB_CB(skb)->end_seq += copy;
		tp->write_seq += copy;
		copied += copy;
		continue;

wait_for_space:
		set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
		if (copied)
			tern_push(sk, msg->msg_flags & ~MSG_MORE);
		err = sk_stream_wait_memory(sk, &timeo);
		if (err)
			goto out_err;
		if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN)) {
			err = -EPIPE;
			goto out_err;
		}
	}
	tern_push(sk, msg->msg_flags);
	return copied;

out_err:
	if (copied) {
		tern_push(sk, msg->msg_flags);
		return copied;
	}
	return sk_stream_error(sk, msg->msg_flags, err);
}

/**
 * tern_sendmsg() - send(), sendto(), sendmsg(), write()
 * @sk: the socket
 * @msg: the data; MSG_DONTWAIT, MSG_MORE, MSG_NOSIGNAL honoured
 * @size: its length
 *
 * Return: bytes queued, or a negative errno (EPIPE after shutdown or
 * close by the peer's reset, with SIGPIPE unless MSG_NOSIGNAL).
 */
int tern_sendmsg(struct sock *sk, struct msghdr *msg, size_t size)
{
	int ret;

	lock_sock(sk);
	ret = tern_sendmsg_locked(sk, msg, size);
	release_sock(sk);
	return ret;
}
