// SPDX-License-Identifier: GPL-2.0
/*
 * Header options. Every option but EOL and NOP is kind, length, data; a
 * length that runs past the header or does not fit the kind makes the
 * whole segment malformed. Unknown kinds are skipped, so later versions
 * can add options.
 */
#include <kunit/visibility.h>
#include <linux/string.h>

#include "compat.h"

#include "options.h"

static int tern_parse_sack(const u8 *data, unsigned int len,
			   struct tern_options *opt)
{
	unsigned int i, n = len / TERN_OPT_SACK_BLOCK;

	if (len % TERN_OPT_SACK_BLOCK || !n || n > TERN_MAX_SACK_BLOCKS)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		opt->sacks[i].start = get_unaligned_be32(data + 8 * i);
		opt->sacks[i].end = get_unaligned_be32(data + 8 * i + 4);
	}
	opt->nr_sacks = n;
	return 0;
}

static int tern_parse_one(u8 kind, const u8 *data, unsigned int len,
			  struct tern_options *opt)
{
	switch (kind) {
	case TERN_OPT_MSS:
		if (len != TERN_OPT_MSS_LEN - 2)
			return -EINVAL;
		opt->mss = get_unaligned_be16(data);
		return 0;
	case TERN_OPT_SACK_PERM:
		if (len != 0)
			return -EINVAL;
		opt->sack_perm = true;
		return 0;
	case TERN_OPT_SACK:
		return tern_parse_sack(data, len, opt);
	case TERN_OPT_TIMESTAMP:
		/* Not used yet, but its length is fixed. */
		return len == TERN_OPT_TIMESTAMP_LEN - 2 ? 0 : -EINVAL;
	default:
		return 0;
	}
}

/**
 * tern_parse_options() - read the options of a segment's header
 * @th: the header; its doff was already checked against the segment
 * @opt: filled in
 *
 * Return: 0, or -EINVAL when an option is malformed.
 */
int tern_parse_options(const struct ternhdr *th, struct tern_options *opt)
{
	const u8 *p = (const u8 *)(th + 1);
	int left = tern_hdr_len(th) - TERN_HDR_LEN;
	int err;

	memset(opt, 0, sizeof(*opt));
	while (left > 0) {
		u8 kind = p[0], len;

		if (kind == TERN_OPT_EOL)
			break;
		if (kind == TERN_OPT_NOP) {
			p++;
			left--;
			continue;
		}
		if (left < 2)
			return -EINVAL;
		len = p[1];
		if (len < 2 || len > left)
			return -EINVAL;
		err = tern_parse_one(kind, p + 2, len - 2, opt);
		if (err)
			return err;
		p += len;
		left -= len;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tern_parse_options);

/**
 * tern_write_syn_options() - MSS and, if offered, SACK-permitted
 * @p: where to write, at least 8 bytes
 * @mss: the segment size we can receive
 * @sack: offer selective acknowledgments
 *
 * Return: bytes written, a multiple of four.
 */
unsigned int tern_write_syn_options(u8 *p, u16 mss, bool sack)
{
	p[0] = TERN_OPT_MSS;
	p[1] = TERN_OPT_MSS_LEN;
	put_unaligned_be16(mss, p + 2);
	if (!sack)
		return TERN_OPT_MSS_LEN;
	p[4] = TERN_OPT_NOP;
	p[5] = TERN_OPT_NOP;
	p[6] = TERN_OPT_SACK_PERM;
	p[7] = TERN_OPT_SACK_PERM_LEN;
	return 8;
}
EXPORT_SYMBOL_IF_KUNIT(tern_write_syn_options);

/**
 * tern_write_sack_option() - as many SACK blocks as fit
 * @p: where to write
 * @blocks: the blocks, most recent first
 * @nr: how many
 * @room: bytes available at @p
 *
 * Return: bytes written (two NOPs, kind, length, blocks), 0 if none fit.
 */
unsigned int tern_write_sack_option(u8 *p, const struct tern_sack_block *blocks,
				    unsigned int nr, unsigned int room)
{
	unsigned int i;

	if (room < 4 + TERN_OPT_SACK_BLOCK)
		return 0;
	nr = min(nr, (room - 4) / TERN_OPT_SACK_BLOCK);
	nr = min_t(unsigned int, nr, TERN_MAX_SACK_BLOCKS);
	if (!nr)
		return 0;
	p[0] = TERN_OPT_NOP;
	p[1] = TERN_OPT_NOP;
	p[2] = TERN_OPT_SACK;
	p[3] = 2 + nr * TERN_OPT_SACK_BLOCK;
	for (i = 0; i < nr; i++) {
		put_unaligned_be32(blocks[i].start, p + 4 + 8 * i);
		put_unaligned_be32(blocks[i].end, p + 8 + 8 * i);
	}
	return 4 + nr * TERN_OPT_SACK_BLOCK;
}
EXPORT_SYMBOL_IF_KUNIT(tern_write_sack_option);
