/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The socket layer: struct proto, struct proto_ops and the socket calls.
 */
#ifndef _TERN_PROTO_H
#define _TERN_PROTO_H

#include <net/sock.h>

#include "compat.h"

extern struct proto tern_prot;
extern const struct proto_ops tern_stream_ops;
extern const struct proto_ops tern_v6_stream_ops;
extern long tern_sysctl_mem[3];

int tern_proto_init(void);
void tern_proto_exit(void);
void tern_init_conn(struct sock *sk);
void tern_sock_setup(struct sock *sk);
int tern_v4_connect(struct sock *sk, TERN_SOCKADDR *uaddr, int addr_len);
int tern_connect_start(struct sock *sk);
int tern_connect_finish(struct sock *sk);
void tern_connect_failed(struct sock *sk);

#endif /* _TERN_PROTO_H */
