/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern's ports: the bind table (which socket or TIME_WAIT entry holds
 * which local port, per namespace), bind() and listen() with TCP's
 * conflict rules (SO_REUSEADDR, SO_REUSEPORT), and the ephemeral port
 * connect() picks (RFC 6056, algorithm 4: double-hash).
 */
#ifndef _TERN_PORT_H
#define _TERN_PORT_H

#include <linux/list.h>
#include <net/sock.h>

/**
 * struct tern_bind_bucket - one local port of one namespace
 * @net: the namespace
 * @port: the port, host order
 * @connect_only: every holder got the port from connect(), which shares
 *	it among 4-tuples; bind() and listen() holders share it by the
 *	conflict rules only
 * @node: link in the bind table's chain
 * @owners: the holders (sockets and TIME_WAIT entries), by sk_bind_node
 */
struct tern_bind_bucket {
	possible_net_t net;
	u16 port;
	bool connect_only;
	struct hlist_node node;
	struct hlist_head owners;
};

int tern_port_init(void);
void tern_port_exit(void);

int tern_get_port(struct sock *sk, unsigned short snum);
void tern_put_port(struct sock *sk);
int tern_connect_port(struct sock *sk);
int tern_inherit_port(const struct sock *listener, struct sock *child);

spinlock_t *tern_bind_lock(const struct tern_bind_bucket *tb);
void tern_bind_add_locked(struct sock *entry, struct tern_bind_bucket *tb);
void tern_bind_remove(struct sock *entry, struct tern_bind_bucket **tbp);

#endif /* _TERN_PORT_H */
