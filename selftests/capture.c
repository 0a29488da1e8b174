// SPDX-License-Identifier: GPL-2.0
/*
 * Capture Tern segments in a selftest, in a background thread.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <tern.h>

#include "capture.h"
#include "tern_util.h"

struct capture {
	int fd;
	bool loopback;		/* on lo: each segment is seen going out and in */
	atomic_bool stop;
	pthread_t thread;
	pthread_mutex_t lock;
	struct cap_seg *segs;
	int len;
	int cap;
};

/* The length of the IPv4 or IPv6 header in front of a Tern segment, or 0
 * for anything else; the addresses into @cs (IPv4 ones only).
 */
static size_t cap_ip_hdr_len(const uint8_t *ip, size_t n, struct cap_seg *cs)
{
	const struct ip6_hdr *ip6h = (const struct ip6_hdr *)ip;
	const struct iphdr *iph = (const struct iphdr *)ip;
	size_t ihl;

	if (n >= sizeof(*ip6h) && ip[0] >> 4 == 6)
		return ip6h->ip6_nxt == IPPROTO_TERN ? sizeof(*ip6h) : 0;
	if (n < sizeof(*iph) || iph->version != 4 || iph->protocol != IPPROTO_TERN)
		return 0;
	ihl = iph->ihl * 4;
	if (ihl < sizeof(*iph) || ihl > n)
		return 0;
	cs->saddr.s_addr = iph->saddr;
	cs->daddr.s_addr = iph->daddr;
	return ihl;
}

static void cap_add(struct capture *c, const uint8_t *ip, size_t n)
{
	struct cap_seg cs = { .t_us = now_us() };
	size_t ihl = cap_ip_hdr_len(ip, n, &cs);

	if (!ihl || seg_parse(ip + ihl, n - ihl, &cs.s))
		return;
	cs.s.payload = NULL;
	pthread_mutex_lock(&c->lock);
	if (c->len == c->cap) {
		int cap = c->cap ? 2 * c->cap : 1024;
		struct cap_seg *segs = realloc(c->segs, cap * sizeof(*segs));

		if (!segs) {
			pthread_mutex_unlock(&c->lock);
			return;
		}
		c->segs = segs;
		c->cap = cap;
	}
	c->segs[c->len++] = cs;
	pthread_mutex_unlock(&c->lock);
}

static void *cap_thread(void *arg)
{
	static __thread uint8_t buf[70000];
	struct capture *c = arg;
	struct sockaddr_ll from;
	socklen_t len;
	ssize_t n;

	while (!c->stop) {
		len = sizeof(from);
		n = recvfrom(c->fd, buf, sizeof(buf), MSG_TRUNC,
			     (struct sockaddr *)&from, &len);
		if (n <= 0)
			continue;
		if (c->loopback && from.sll_pkttype == PACKET_OUTGOING)
			continue;
		cap_add(c, buf, n > (ssize_t)sizeof(buf) ? sizeof(buf) : (size_t)n);
	}
	return NULL;
}

static struct capture *cap_begin(int fd, bool loopback)
{
	struct timeval tv = { .tv_usec = 20000 };
	int rcvbuf = 8 << 20;
	struct capture *c;

	if (fd < 0)
		return NULL;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return NULL;
	}
	c->fd = fd;
	c->loopback = loopback;
	pthread_mutex_init(&c->lock, NULL);
	if (pthread_create(&c->thread, NULL, cap_thread, c)) {
		close(fd);
		free(c);
		return NULL;
	}
	return c;
}

/* An AF_PACKET socket on @ifname, ready for cap_begin(); -1 on error. */
static int cap_packet_socket(const char *ifname)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = if_nametoindex(ifname),
	};
	int fd;

	/* SOCK_DGRAM: the link layer header is stripped for us. Only ETH_P_ALL
	 * taps see outgoing frames too; cap_add() keeps the Tern ones.
	 */
	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (fd < 0)
		return -1;
	if (!sll.sll_ifindex || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* On lo, IPv4 and IPv6 alike: what arrives (each segment once). */
struct capture *cap_start(void)
{
	return cap_begin(cap_packet_socket("lo"), true);
}

struct capture *cap_start_dev(const char *ifname)
{
	return cap_begin(cap_packet_socket(ifname), false);
}

void cap_stop(struct capture *c)
{
	if (!c || c->stop)
		return;
	c->stop = true;
	pthread_join(c->thread, NULL);
	close(c->fd);
}

void cap_free(struct capture *c)
{
	if (!c)
		return;
	cap_stop(c);
	free(c->segs);
	free(c);
}

int cap_len(struct capture *c)
{
	int len;

	pthread_mutex_lock(&c->lock);
	len = c->len;
	pthread_mutex_unlock(&c->lock);
	return len;
}

struct cap_seg cap_at(struct capture *c, int i)
{
	struct cap_seg cs = { 0 };

	pthread_mutex_lock(&c->lock);
	if (i >= 0 && i < c->len)
		cs = c->segs[i];
	pthread_mutex_unlock(&c->lock);
	return cs;
}

static bool cap_match(const struct cap_seg *cs, uint16_t sport, uint16_t dport,
		      uint8_t mask, uint8_t value)
{
	return (!sport || cs->s.sport == sport) && (!dport || cs->s.dport == dport) &&
	       (cs->s.flags & mask) == value;
}

int cap_find(struct capture *c, int from, uint16_t sport, uint16_t dport,
	     uint8_t mask, uint8_t value)
{
	int i, found = -1;

	pthread_mutex_lock(&c->lock);
	for (i = from < 0 ? 0 : from; i < c->len; i++) {
		if (cap_match(&c->segs[i], sport, dport, mask, value)) {
			found = i;
			break;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return found;
}

int cap_count(struct capture *c, uint16_t sport, uint16_t dport, uint8_t mask,
	      uint8_t value)
{
	int i, n = 0;

	pthread_mutex_lock(&c->lock);
	for (i = 0; i < c->len; i++)
		n += cap_match(&c->segs[i], sport, dport, mask, value);
	pthread_mutex_unlock(&c->lock);
	return n;
}

bool cap_wait(struct capture *c, int n, uint16_t sport, uint16_t dport,
	      uint8_t mask, uint8_t value, int ms)
{
	for (;;) {
		if (cap_count(c, sport, dport, mask, value) >= n)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

int cap_seg_find(struct capture *c, int from, uint16_t sport, uint16_t dport,
		 uint8_t flags, int len)
{
	int i;

	for (i = from; (i = cap_find(c, i, sport, dport, CAP_FLAGS_MASK, flags)) >= 0; i++) {
		if (len < 0 || cap_at(c, i).s.payload_len == (size_t)len)
			return i;
	}
	return -1;
}

int cap_seg_count(struct capture *c, int from, uint16_t sport, uint16_t dport,
		  uint8_t flags, int len)
{
	int i, n = 0;

	for (i = from; (i = cap_seg_find(c, i, sport, dport, flags, len)) >= 0; i++)
		n++;
	return n;
}

int cap_seg_next(struct capture *c, int from, uint16_t sport, uint16_t dport,
		 uint8_t flags, int len)
{
	int i, ms;

	for (ms = 0; ms < CAP_WAIT_MS; ms += 5) {
		i = cap_seg_find(c, from, sport, dport, flags, len);
		if (i >= 0)
			return i;
		sleep_ms(5);
	}
	return cap_seg_find(c, from, sport, dport, flags, len);
}

bool cap_seg_wait(struct capture *c, int n, int from, uint16_t sport,
		  uint16_t dport, uint8_t flags, int len, int ms)
{
	for (;;) {
		if (cap_seg_count(c, from, sport, dport, flags, len) >= n)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

void cap_dump(struct capture *c, FILE *out)
{
	uint64_t t0;
	int i;

	pthread_mutex_lock(&c->lock);
	t0 = c->len ? c->segs[0].t_us : 0;
	for (i = 0; i < c->len; i++) {
		const struct cap_seg *cs = &c->segs[i];

		fprintf(out, "# %8.3f ms %5u -> %-5u %-11s seq=%u ack=%u win=%u len=%zu\n",
			(cs->t_us - t0) / 1000.0, cs->s.sport, cs->s.dport,
			seg_flag_names(cs->s.flags), cs->s.seq, cs->s.ack,
			cs->s.window, cs->s.payload_len);
	}
	pthread_mutex_unlock(&c->lock);
}
