/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Listening sockets: entering and leaving the listen table, the accept
 * queue and accept().
 */
#ifndef _TERN_LISTEN_H
#define _TERN_LISTEN_H

#include <net/sock.h>

#include "compat.h"

int tern_listen_start(struct sock *sk);
void tern_listen_stop(struct sock *sk);
bool tern_accept_enqueue(struct sock *listener, struct sock *child);
__poll_t tern_listen_poll(const struct sock *sk);
struct sock *tern_accept_child(struct sock *sk, int flags, int *err);

#endif /* _TERN_LISTEN_H */
