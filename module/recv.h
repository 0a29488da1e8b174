/* SPDX-License-Identifier: GPL-2.0 */
/*
 * recvmsg() and what goes with it.
 */
#ifndef _TERN_RECV_H
#define _TERN_RECV_H

#include <net/sock.h>

int tern_recv(struct sock *sk, struct msghdr *msg, size_t len, int flags);
u32 tern_inq(const struct sock *sk);
bool tern_readable(const struct sock *sk);

#endif /* _TERN_RECV_H */
