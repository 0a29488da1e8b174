/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sendmsg(): the user's bytes into segments on the send queue.
 */
#ifndef _TERN_SEND_H
#define _TERN_SEND_H

#include <net/sock.h>

int tern_sendmsg(struct sock *sk, struct msghdr *msg, size_t size);

#endif /* _TERN_SEND_H */
