/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket options at level SOL_TCP, for programs written for TCP.
 */
#ifndef _TERN_TCPOPT_H
#define _TERN_TCPOPT_H

#include <net/sock.h>

int tern_tcp_setsockopt(struct sock *sk, int optname, sockptr_t optval,
			unsigned int optlen);
int tern_tcp_getsockopt(struct sock *sk, int optname, char __user *optval,
			int __user *optlen);

#endif /* _TERN_TCPOPT_H */
