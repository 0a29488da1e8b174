// SPDX-License-Identifier: GPL-2.0
/*
 * The receive window of a socket: what its free buffer can back, what is
 * left of the one advertised, and the one each segment going out carries.
 * The arithmetic itself is in window.h, as pure functions.
 */
#include <net/sock.h>

#include "sock.h"
#include "window.h"

/**
 * tern_space() - receive window the free buffer space can back
 * @sk: the socket
 *
 * Half the free space: a segment's memory cost (truesize) stays below
 * twice its payload for all but tiny segments.
 *
 * Return: bytes.
 */
u32 tern_space(const struct sock *sk)
{
	return tern_window_from_space(READ_ONCE(sk->sk_rcvbuf),
				      atomic_read(&sk->sk_rmem_alloc));
}

/**
 * tern_receive_window() - what is left of the window we advertised
 * @sk: the socket
 *
 * Return: bytes beyond rcv_nxt the peer may still send.
 */
u32 tern_receive_window(const struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);
	s32 win = tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt;

	return win > 0 ? win : 0;
}

/**
 * tern_window_now() - the window an ACK sent now would advertise
 * @sk: the socket
 *
 * Return: bytes beyond rcv_nxt (tern_window_select()).
 */
u32 tern_window_now(const struct sock *sk)
{
	return tern_window_select(tern_receive_window(sk), tern_space(sk),
				  tern_sk(sk)->mss_cache,
				  READ_ONCE(sk->sk_rcvbuf));
}

/**
 * tern_select_window() - advertise the window in a segment going out
 * @sk: the socket, locked
 *
 * Return: the window for the header; it is now the one the peer holds.
 */
u32 tern_select_window(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	u32 win = tern_window_now(sk);

	tp->rcv_wnd = win;
	tp->rcv_wup = tp->rcv_nxt;
	return win;
}
