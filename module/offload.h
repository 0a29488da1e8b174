/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic segmentation offload: one skb for many segments.
 */
#ifndef _TERN_OFFLOAD_H
#define _TERN_OFFLOAD_H

#include <linux/skbuff.h>

/* No NIC segments this type in hardware; see offload.c for why. */
#define TERN_GSO_TYPE	SKB_GSO_SCTP

void tern_offload_init(void);
void tern_offload_exit(void);
unsigned int tern_gso_type(void);

#endif /* _TERN_OFFLOAD_H */
