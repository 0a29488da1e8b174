// SPDX-License-Identifier: GPL-2.0
/*
 * The security modules (SELinux, Smack, AppArmor, BPF LSM) decide on a
 * passive open through security_inet_conn_request(), which TCP calls for
 * each SYN and each SYN cookie's ACK, and learn a connection's peer
 * through security_inet_conn_established(). The first takes a
 * request_sock, which Tern's request entries are not; it gets a
 * transient one. TCP's children take their labels through
 * security_inet_csk_clone(), which is not exported to modules: a Tern
 * child is labelled like its listener (sk_clone_lock()), and learns its
 * peer's label from the handshake's ACK as an active opener does.
 */
#include <linux/ip.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <net/inet_sock.h>
#include <net/request_sock.h>

#include "lsm.h"

/* The one field of the ops the hooks read: the segment's family. */
static const struct request_sock_ops tern_lsm_rsk_ops = {
	.family = AF_INET,
};

static const struct request_sock_ops tern_lsm_rsk6_ops = {
	.family = AF_INET6,
};

/**
 * tern_lsm_conn_request() - may this SYN (or cookie ACK) open a connection?
 * @listener: the listener it came to
 * @skb: the segment
 *
 * IP options a module attaches for the SYN+ACK (NetLabel's CIPSO) are
 * let go: Tern sends no IP options.
 *
 * Return: 0, or the module's errno: drop the segment, as TCP does.
 */
int tern_lsm_conn_request(const struct sock *listener, struct sk_buff *skb)
{
	struct inet_request_sock ireq = {};
	int err;

	if (ip_hdr(skb)->version == 4) {
		ireq.req.rsk_ops = &tern_lsm_rsk_ops;
		err = security_inet_conn_request(listener, skb, &ireq.req);
		kfree(rcu_dereference_protected(ireq.ireq_opt, true));
	} else {
		ireq.req.rsk_ops = &tern_lsm_rsk6_ops;
		err = security_inet_conn_request(listener, skb, &ireq.req);
		kfree(ireq.ipv6_opt);
	}
	return err;
}

/**
 * tern_lsm_conn_established() - the handshake completed
 * @sk: the connection, locked, client or child
 * @skb: the segment that completed it (SYN+ACK or ACK)
 */
void tern_lsm_conn_established(struct sock *sk, struct sk_buff *skb)
{
	security_inet_conn_established(sk, skb);
}
