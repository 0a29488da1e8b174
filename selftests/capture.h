/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capture Tern segments in a selftest, in a background thread.
 *
 * cap_start() reads an AF_PACKET socket on lo and sees every segment of
 * either IP version that arrives there, which means both directions.
 * cap_start_dev() reads one on another interface and sees what it sends
 * and receives, for tests across a veth pair.
 */
#ifndef _TERN_CAPTURE_H
#define _TERN_CAPTURE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "segment.h"

struct cap_seg {
	uint64_t t_us;		/* monotonic time it was seen */
	struct in_addr saddr;	/* IPv4 segments only; 0 for IPv6 */
	struct in_addr daddr;
	struct seg s;		/* s.payload is NULL: only the length is kept */
};

struct capture;

struct capture *cap_start(void);
struct capture *cap_start_dev(const char *ifname);
/* Stop capturing; what was captured stays readable until cap_free(). */
void cap_stop(struct capture *c);
void cap_free(struct capture *c);

int cap_len(struct capture *c);
/* A copy of segment @i. */
struct cap_seg cap_at(struct capture *c, int i);
/* Index of the first segment from index @from with these ports (0: any)
 * and (flags & @mask) == @value; -1 if none.
 */
int cap_find(struct capture *c, int from, uint16_t sport, uint16_t dport,
	     uint8_t mask, uint8_t value);
int cap_count(struct capture *c, uint16_t sport, uint16_t dport, uint8_t mask,
	      uint8_t value);
/* Wait up to @ms until cap_count() reaches @n. */
bool cap_wait(struct capture *c, int n, uint16_t sport, uint16_t dport,
	      uint8_t mask, uint8_t value, int ms);
/* Flag bits the cap_seg_* helpers compare: PSH says nothing about the
 * connection.
 */
#define CAP_FLAGS_MASK	((uint8_t)~SEG_PSH)
/* How long cap_seg_next() waits: the debug kernel under TCG is slow. */
#define CAP_WAIT_MS	5000

/* The cap_seg_* helpers match @flags exactly (under CAP_FLAGS_MASK) and a
 * payload length of @len (-1: any).
 * Index of the first such segment from index @from on; -1 if none.
 */
int cap_seg_find(struct capture *c, int from, uint16_t sport, uint16_t dport,
		 uint8_t flags, int len);
/* How many such segments from index @from on. */
int cap_seg_count(struct capture *c, int from, uint16_t sport, uint16_t dport,
		  uint8_t flags, int len);
/* Like cap_seg_find(), but waits up to CAP_WAIT_MS for such a segment
 * (the capture thread lags a little behind the sockets).
 */
int cap_seg_next(struct capture *c, int from, uint16_t sport, uint16_t dport,
		 uint8_t flags, int len);
/* Wait up to @ms until cap_seg_count() from @from reaches @n. */
bool cap_seg_wait(struct capture *c, int n, int from, uint16_t sport,
		  uint16_t dport, uint8_t flags, int len, int ms);
/* One line per segment, for test logs. */
void cap_dump(struct capture *c, FILE *out);

#endif /* _TERN_CAPTURE_H */
