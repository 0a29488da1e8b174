/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replies no full socket sends: RST for segments nobody wants, ACKs from
 * TIME_WAIT entries.
 */
#ifndef _TERN_REPLY_H
#define _TERN_REPLY_H

#include <linux/skbuff.h>

struct net;

void tern_reply_reset(struct net *net, struct sk_buff *rxskb);
void tern_reply_ack(struct net *net, struct sk_buff *rxskb, u32 seq, u32 ack,
		    u32 window);

#endif /* _TERN_REPLY_H */
