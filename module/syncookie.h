/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SYN cookies: a listener's SYN+ACK that keeps no state.
 */
#ifndef _TERN_SYNCOOKIE_H
#define _TERN_SYNCOOKIE_H

#include <linux/in6.h>
#include <linux/types.h>

/**
 * struct tern_cookie_tuple - what a cookie is keyed on
 * @saddr: the peer's address (IPv4 v4-mapped)
 * @daddr: ours
 * @sport: the peer's port
 * @dport: ours
 * @seq: the peer's ISN (its SYN's sequence number)
 */
struct tern_cookie_tuple {
	struct in6_addr saddr;
	struct in6_addr daddr;
	__be16 sport;
	__be16 dport;
	u32 seq;
};

u32 tern_cookie_make_at(const struct tern_cookie_tuple *t, u16 *mss, bool sack,
			u32 count);
bool tern_cookie_check_at(const struct tern_cookie_tuple *t, u32 cookie,
			  u16 *mss, bool *sack, u32 count);
u32 tern_cookie_make(const struct tern_cookie_tuple *t, u16 *mss, bool sack);
bool tern_cookie_check(const struct tern_cookie_tuple *t, u32 cookie, u16 *mss,
		       bool *sack);

#endif /* _TERN_SYNCOOKIE_H */
