/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace counters, shown in /proc/net/tern_stats.
 */
#ifndef _TERN_STATS_H
#define _TERN_STATS_H

#include <linux/percpu.h>

enum tern_stat {
	TERN_STAT_IN_SEGS,
	TERN_STAT_OUT_SEGS,
	/* Malformed input: every drop below also counts as IN_ERRS. */
	TERN_STAT_IN_ERRS,
	TERN_STAT_DROP_SHORT,
	TERN_STAT_DROP_BAD_OFFSET,
	TERN_STAT_DROP_BAD_CSUM,
	TERN_STAT_DROP_BAD_FLAGS,
	TERN_STAT_DROP_BAD_OPTION,
	TERN_STAT_DROP_BAD_PORT,
	TERN_STAT_DROP_NOT_HOST,
	/* Well-formed segments that no socket wanted. */
	TERN_STAT_NO_SOCKET,
	TERN_STAT_MAX
};

/**
 * struct tern_stats - one CPU's share of a namespace's counters
 * @count: indexed by enum tern_stat
 */
struct tern_stats {
	u64 count[TERN_STAT_MAX];
};

extern const char *const tern_stat_names[TERN_STAT_MAX];

#endif /* _TERN_STATS_H */
