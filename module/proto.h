/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The socket layer: struct proto and the socket calls.
 */
#ifndef _TERN_PROTO_H
#define _TERN_PROTO_H

#include <net/sock.h>

extern struct proto tern_prot;
extern const struct proto_ops tern_stream_ops;

#endif /* _TERN_PROTO_H */
