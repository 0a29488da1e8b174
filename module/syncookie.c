// SPDX-License-Identifier: GPL-2.0
/*
 * SYN cookies (RFC 4987 section 3.6), as TCP's: when a listener's
 * half-open entries fill its backlog (or net.tern.syncookies is 2), its
 * SYN+ACK keeps no state; the initial sequence number carries what the
 * handshake's ACK needs to rebuild it, under a keyed hash an off-path
 * attacker cannot forge:
 *
 *   cookie = H0(4-tuple) + peer ISN + (minute << 24)
 *            + ((H1(4-tuple, minute) + data) mod 2^24)
 *
 * where data is the MSS (an index into a table) and whether both sides do
 * SACK. A cookie is good for two minutes.
 */
#include <kunit/visibility.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/siphash.h>

#include "syncookie.h"

#define TERN_COOKIE_BITS	24
#define TERN_COOKIE_MASK	((1U << TERN_COOKIE_BITS) - 1)
#define TERN_COOKIE_MAX_AGE	2	/* minutes */
#define TERN_COOKIE_SACK	0x8	/* data: the SACK bit, above the MSS index */

/* The segment sizes a cookie can name, each rounding a peer's MSS down:
 * the classic minimum, common tunnel and Ethernet sizes, jumbo frames and
 * loopback.
 */
static const u16 tern_cookie_mss[] = {
	536, 1220, 1300, 1400, 1440, 1460, 8960, 65496,
};

static siphash_aligned_key_t tern_cookie_key[2];

static u32 tern_cookie_hash(const struct tern_cookie_tuple *t, u32 count, int c)
{
	const struct {
		struct in6_addr saddr, daddr;
		__be16 sport, dport;
		u32 count;
	} __aligned(SIPHASH_ALIGNMENT) key = {
		.saddr = t->saddr, .daddr = t->daddr,
		.sport = t->sport, .dport = t->dport, .count = count,
	};

	net_get_random_once(tern_cookie_key, sizeof(tern_cookie_key));
	return siphash(&key, sizeof(key), &tern_cookie_key[c]);
}

/* The minute counter cookies age by. */
static u32 tern_cookie_time(void)
{
	return div_u64(get_jiffies_64(), 60 * HZ);
}

/**
 * tern_cookie_make_at() - the ISN of a stateless SYN+ACK
 * @t: the SYN's 4-tuple, as the listener sees it, and its sequence number
 * @mss: in: the peer's MSS; out: what the cookie keeps of it (less or equal)
 * @sack: both sides do SACK
 * @count: the minute counter (tern_cookie_make() passes the clock's)
 *
 * Return: the cookie, our ISN.
 */
u32 tern_cookie_make_at(const struct tern_cookie_tuple *t, u16 *mss, bool sack,
			u32 count)
{
	u32 data, i;

	for (i = ARRAY_SIZE(tern_cookie_mss) - 1; i > 0; i--)
		if (tern_cookie_mss[i] <= *mss)
			break;
	data = i | (sack ? TERN_COOKIE_SACK : 0);
	*mss = tern_cookie_mss[i];
	return tern_cookie_hash(t, 0, 0) +
	       t->seq + (count << TERN_COOKIE_BITS) +
	       ((tern_cookie_hash(t, count, 1) +
		 data) & TERN_COOKIE_MASK);
}
EXPORT_SYMBOL_IF_KUNIT(tern_cookie_make_at);

/**
 * tern_cookie_check_at() - is an ACK's number one of our cookies, plus 1?
 * @t: the ACK's 4-tuple and the sequence number of the SYN it answers
 *	(the ACK's, less 1)
 * @cookie: the ACK's acknowledgment number, less 1
 * @mss: out: the MSS the cookie kept
 * @sack: out: whether SACK was agreed
 * @count: the minute counter now
 *
 * Return: true for a cookie we made within the last two minutes.
 */
bool tern_cookie_check_at(const struct tern_cookie_tuple *t, u32 cookie,
			  u16 *mss, bool *sack, u32 count)
{
	u32 diff, data;

	cookie -= tern_cookie_hash(t, 0, 0) +
		  t->seq;
	diff = (count - (cookie >> TERN_COOKIE_BITS)) & 0xff;
	if (diff >= TERN_COOKIE_MAX_AGE)
		return false;
	data = (cookie - tern_cookie_hash(t, count - diff, 1)) & TERN_COOKIE_MASK;
	if (data > (TERN_COOKIE_SACK | (ARRAY_SIZE(tern_cookie_mss) - 1)))
		return false;
	*mss = tern_cookie_mss[data & (TERN_COOKIE_SACK - 1)];
	*sack = data & TERN_COOKIE_SACK;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cookie_check_at);

/**
 * tern_cookie_make() - tern_cookie_make_at(), now
 * @t: the SYN's 4-tuple and sequence number
 * @mss: in: the peer's MSS; out: what the cookie keeps
 * @sack: both sides do SACK
 *
 * Return: the cookie.
 */
u32 tern_cookie_make(const struct tern_cookie_tuple *t, u16 *mss, bool sack)
{
	return tern_cookie_make_at(t, mss, sack, tern_cookie_time());
}

/**
 * tern_cookie_check() - tern_cookie_check_at(), now
 * @t: the ACK's 4-tuple and its sequence number less 1
 * @cookie: its acknowledgment number less 1
 * @mss: out: the MSS
 * @sack: out: SACK agreed
 *
 * Return: true for a good cookie.
 */
bool tern_cookie_check(const struct tern_cookie_tuple *t, u32 cookie, u16 *mss,
		       bool *sack)
{
	return tern_cookie_check_at(t, cookie, mss, sack, tern_cookie_time());
}
