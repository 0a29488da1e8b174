/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security modules' say on Tern's connections, asked where TCP asks.
 */
#ifndef _TERN_LSM_H
#define _TERN_LSM_H

struct sk_buff;
struct sock;

int tern_lsm_conn_request(const struct sock *listener, struct sk_buff *skb);
void tern_lsm_conn_established(struct sock *sk, struct sk_buff *skb);

#endif /* _TERN_LSM_H */
