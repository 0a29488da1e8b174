/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reassembly: the out-of-order queue and the SACK blocks describing it.
 */
#ifndef _TERN_REASM_H
#define _TERN_REASM_H

#include <linux/rbtree.h>
#include <linux/skbuff.h>

#include "options.h"

bool tern_ofo_insert(struct rb_root *root, struct sk_buff *skb,
		     struct sk_buff_head *freed);
struct sk_buff *tern_ofo_pop(struct rb_root *root, u32 rcv_nxt,
			     struct sk_buff_head *freed);
void tern_ofo_block(struct rb_root *root, struct sk_buff *skb,
		    struct tern_sack_block *block);
void tern_ofo_purge(struct rb_root *root, struct sk_buff_head *freed);
struct sk_buff *tern_ofo_take_last(struct rb_root *root, u32 above);
unsigned int tern_sack_update(struct tern_sack_block *sacks, unsigned int nr,
			      const struct tern_sack_block *newest);
unsigned int tern_sack_trim(struct tern_sack_block *sacks, unsigned int nr,
			    u32 rcv_nxt);

#endif /* _TERN_REASM_H */
