// SPDX-License-Identifier: GPL-2.0
/*
 * Initial sequence numbers as RFC 6528 recommends: ISN = M + F(4-tuple,
 * secret), with M a clock ticking every 64 ns (so one connection's numbers
 * keep moving ahead of the last one's on the same 4-tuple) and F a keyed
 * hash (SipHash) that off-path attackers cannot predict.
 */
#include <kunit/visibility.h>
#include <linux/net.h>
#include <linux/siphash.h>
#include <linux/timekeeping.h>
#include <net/ipv6.h>

#include "isn.h"

static siphash_aligned_key_t tern_isn_secret;

/**
 * tern_isn_at() - the ISN for a 4-tuple at a given time
 * @saddr: our address (IPv4 v4-mapped)
 * @daddr: the peer's address
 * @sport: our port
 * @dport: the peer's port
 * @now_ns: the clock, nanoseconds
 *
 * Return: the initial sequence number.
 */
u32 tern_isn_at(const struct in6_addr *saddr, const struct in6_addr *daddr,
		__be16 sport, __be16 dport, u64 now_ns)
{
	const struct {
		struct in6_addr saddr, daddr;
		__be16 sport, dport;
		u32 pad;	/* no hole of unknown bytes */
	} __aligned(SIPHASH_ALIGNMENT) tuple = {
		.saddr = *saddr, .daddr = *daddr, .sport = sport, .dport = dport,
	};

	net_get_random_once(&tern_isn_secret, sizeof(tern_isn_secret));
	return siphash(&tuple, sizeof(tuple), &tern_isn_secret) +
	       (u32)(now_ns >> 6);
}
EXPORT_SYMBOL_IF_KUNIT(tern_isn_at);

/**
 * tern_isn() - the ISN for a new connection on this 4-tuple, now
 * @saddr: our address (IPv4 v4-mapped)
 * @daddr: the peer's address
 * @sport: our port
 * @dport: the peer's port
 *
 * Return: the initial sequence number.
 */
u32 tern_isn(const struct in6_addr *saddr, const struct in6_addr *daddr,
	     __be16 sport, __be16 dport)
{
	return tern_isn_at(saddr, daddr, sport, dport, ktime_get_real_ns());
}
