/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Header options: parsing what arrives and writing what we send.
 */
#ifndef _TERN_OPTIONS_H
#define _TERN_OPTIONS_H

#include <linux/types.h>

#include "wire.h"

/**
 * struct tern_sack_block - a range of sequence space, [start, end)
 * @start: first sequence number
 * @end: one past the last
 */
struct tern_sack_block {
	u32 start;
	u32 end;
};

/**
 * struct tern_options - the options of one received segment
 * @mss: the MSS option, 0 if absent
 * @sack_perm: the SACK-permitted option was present
 * @nr_sacks: how many SACK blocks follow
 * @sacks: the SACK blocks, in the order sent
 */
struct tern_options {
	u16 mss;
	bool sack_perm;
	u8 nr_sacks;
	struct tern_sack_block sacks[TERN_MAX_SACK_BLOCKS];
};

int tern_parse_options(const struct ternhdr *th, struct tern_options *opt);
unsigned int tern_write_syn_options(u8 *p, u16 mss, bool sack);
unsigned int tern_write_sack_option(u8 *p, const struct tern_sack_block *blocks,
				    unsigned int nr, unsigned int room);

#endif /* _TERN_OPTIONS_H */
