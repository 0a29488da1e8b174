/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Tern socket: an inet connection socket plus Tern's own state.
 */
#ifndef _TERN_SOCK_H
#define _TERN_SOCK_H

#include <net/inet_connection_sock.h>

/**
 * struct tern_sock - a Tern socket
 * @icsk: the inet connection socket it extends; must come first
 */
struct tern_sock {
	struct inet_connection_sock icsk;
};

static inline struct tern_sock *tern_sk(const struct sock *sk)
{
	return (struct tern_sock *)sk;
}

#endif /* _TERN_SOCK_H */
