/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Initial sequence numbers (RFC 6528).
 */
#ifndef _TERN_ISN_H
#define _TERN_ISN_H

#include <linux/types.h>

struct in6_addr;

u32 tern_isn(const struct in6_addr *saddr, const struct in6_addr *daddr,
	     __be16 sport, __be16 dport);
u32 tern_isn_at(const struct in6_addr *saddr, const struct in6_addr *daddr,
		__be16 sport, __be16 dport, u64 now_ns);

#endif /* _TERN_ISN_H */
