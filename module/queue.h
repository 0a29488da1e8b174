/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Surgery on the send queues: charging, cutting and trimming their skbs.
 */
#ifndef _TERN_QUEUE_H
#define _TERN_QUEUE_H

#include <net/sock.h>

void tern_charge_skb(struct sock *sk, struct sk_buff *skb);
void tern_set_pcount(struct sock *sk, struct sk_buff *skb, u32 mss);
void tern_purge_write_queues(struct sock *sk);
int tern_fragment(struct sock *sk, struct sk_buff_head *queue,
		  struct sk_buff *skb, u32 len, gfp_t gfp);
int tern_trim_head(struct sock *sk, struct sk_buff *skb, u32 len);
int tern_fit_mss(struct sock *sk, struct sk_buff_head *queue,
		 struct sk_buff *skb);

#endif /* _TERN_QUEUE_H */
