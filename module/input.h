/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Receiving segments from IP.
 */
#ifndef _TERN_INPUT_H
#define _TERN_INPUT_H

#include <linux/skbuff.h>
#include <net/sock.h>

int tern_v4_rcv(struct sk_buff *skb);
int tern_rcv(struct sock *sk, struct sk_buff *skb);
int tern_v4_err(struct sk_buff *skb, u32 info);
void tern_listen_rcv(struct sock *sk, struct sk_buff *skb);
void tern_mtu_reduced(struct sock *sk);
void tern_icmp_error(struct sock *sk);

#endif /* _TERN_INPUT_H */
