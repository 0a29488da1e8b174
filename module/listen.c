// SPDX-License-Identifier: GPL-2.0
/*
 * Listening sockets. listen() takes the port (checked again, now as a
 * listener) and enters the listen table; new connections wait on the
 * accept queue, under tern_sock.listen_lock (they arrive in softirq
 * context, without the socket lock), until accept() takes them. Closing
 * the listener ends its request entries and resets the connections
 * nobody accepted, as TCP does.
 */
#include <linux/sched/signal.h>
#include <linux/wait.h>

#include "listen.h"
#include "port.h"
#include "request.h"
#include "sock.h"
#include "state.h"
#include "table.h"

/**
 * tern_listen_start() - the START_LISTEN action
 * @sk: the socket, locked, in CLOSE
 *
 * Return: 0, or -EADDRINUSE when the port is held in a way a listener
 * cannot share (TCP's rules), or another errno from hashing.
 */
int tern_listen_start(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	int err;

	WRITE_ONCE(sk->sk_ack_backlog, 0);
	/* LISTEN before the port check: it treats listeners apart. */
	tern_set_state(sk, TCP_LISTEN);
	err = tern_get_port(sk, inet->inet_num);
	if (!err) {
		inet->inet_sport = htons(inet->inet_num);
		sk_dst_reset(sk);
		err = tern_hash(sk);
		if (!err)
			return 0;
	}
	tern_set_state(sk, TCP_CLOSE);
	return err;
}

/**
 * tern_accept_enqueue() - a new connection is ready for accept()
 * @listener: its listener
 * @child: the connection, locked (bh)
 *
 * Context: softirq.
 * Return: true if queued; false if the listener stopped listening, and
 * the child was reset and closed.
 */
bool tern_accept_enqueue(struct sock *listener, struct sock *child)
{
	struct tern_sock *ltp = tern_sk(listener);
	bool queued = false;

	spin_lock(&ltp->listen_lock);
	if (listener->sk_state == TCP_LISTEN) {
		list_add_tail(&tern_sk(child)->accept_node, &ltp->accept_queue);
		sk_acceptq_added(listener);
		queued = true;
	}
	spin_unlock(&ltp->listen_lock);
	if (!queued)
		tern_child_forget(child);
	return queued;
}

static struct sock *tern_accept_dequeue(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct tern_sock *child;

	spin_lock_bh(&tp->listen_lock);
	child = list_first_entry_or_null(&tp->accept_queue, struct tern_sock,
					 accept_node);
	if (child) {
		list_del_init(&child->accept_node);
		sk_acceptq_removed(sk);
	}
	spin_unlock_bh(&tp->listen_lock);
	return (struct sock *)child;
}

/**
 * tern_listen_stop() - the STOP_LISTEN action
 * @sk: the listener, locked, already out of LISTEN and its table
 */
void tern_listen_stop(struct sock *sk)
{
	struct sock *child;

	tern_req_drop_all(sk);
	while ((child = tern_accept_dequeue(sk))) {
		local_bh_disable();
		bh_lock_sock(child);
		sock_hold(child);
		tern_child_forget(child);
		bh_unlock_sock(child);
		local_bh_enable();
		sock_put(child);
		cond_resched();
	}
}

/**
 * tern_listen_poll() - poll() on a listener
 * @sk: the listener
 *
 * Return: readable when a connection waits for accept().
 */
__poll_t tern_listen_poll(const struct sock *sk)
{
	return READ_ONCE(sk->sk_ack_backlog) ? EPOLLIN | EPOLLRDNORM : 0;
}

/* Sleep until a connection is queued, the listener closes, a signal
 * comes or @timeo runs out; only one waiter wakes per connection.
 */
static int tern_wait_for_connect(struct sock *sk, long timeo)
{
	DEFINE_WAIT(wait);
	int err;

	for (;;) {
		prepare_to_wait_exclusive(sk_sleep(sk), &wait, TASK_INTERRUPTIBLE);
		release_sock(sk);
		if (!READ_ONCE(sk->sk_ack_backlog))
			timeo = schedule_timeout(timeo);
		/* A connection that came before we could sleep left us
		 * marked sleeping: not a bug for lock_sock() to report, as
		 * TCP's inet_csk_wait_for_connect() says too.
		 */
		sched_annotate_sleep();
		lock_sock(sk);
		err = 0;
		if (READ_ONCE(sk->sk_ack_backlog))
			break;
		err = -EINVAL;
		if (sk->sk_state != TCP_LISTEN)
			break;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			break;
		err = -EAGAIN;
		if (!timeo)
			break;
	}
	finish_wait(sk_sleep(sk), &wait);
	return err;
}

/**
 * tern_accept_child() - accept(): the next connection
 * @sk: the listener
 * @flags: O_NONBLOCK, from the file
 * @err: where to put the errno on failure
 *
 * Return: the connection, or NULL with *@err -EINVAL (not listening),
 * -EAGAIN, -EINTR or -ERESTARTSYS.
 */
struct sock *tern_accept_child(struct sock *sk, int flags, int *err)
{
	struct sock *child = NULL;
	long timeo;
	int error;

	lock_sock(sk);
	error = -EINVAL;
	if (sk->sk_state != TCP_LISTEN)
		goto out;
	if (!READ_ONCE(sk->sk_ack_backlog)) {
		timeo = sock_rcvtimeo(sk, flags & O_NONBLOCK);
		error = -EAGAIN;
		if (!timeo)
			goto out;
		error = tern_wait_for_connect(sk, timeo);
		if (error)
			goto out;
	}
	child = tern_accept_dequeue(sk);
	error = child ? 0 : -EAGAIN;
out:
	release_sock(sk);
	*err = error;
	return child;
}
