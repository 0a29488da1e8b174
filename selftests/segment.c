// SPDX-License-Identifier: GPL-2.0
/*
 * Build and decode Tern segments in user space.
 */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tern.h>

#include "segment.h"
#include "tern_util.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len > 1) {
		sum += (p[0] << 8) | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += p[0] << 8;
	return sum;
}

uint16_t seg_checksum(struct in_addr saddr, struct in_addr daddr,
		      uint8_t proto, const void *seg, size_t len)
{
	uint8_t pseudo[12];
	uint32_t sum;

	memcpy(pseudo, &saddr, 4);
	memcpy(pseudo + 4, &daddr, 4);
	pseudo[8] = 0;
	pseudo[9] = proto;
	pseudo[10] = len >> 8;
	pseudo[11] = len & 0xff;
	sum = csum_add(0, pseudo, sizeof(pseudo));
	sum = csum_add(sum, seg, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

uint16_t seg_checksum6(const struct in6_addr *saddr, const struct in6_addr *daddr,
		       uint8_t proto, const void *seg, size_t len)
{
	uint8_t pseudo[40] = { 0 };
	uint32_t sum;

	memcpy(pseudo, saddr, 16);
	memcpy(pseudo + 16, daddr, 16);
	pseudo[34] = len >> 8;
	pseudo[35] = len & 0xff;
	pseudo[39] = proto;
	sum = csum_add(0, pseudo, sizeof(pseudo));
	sum = csum_add(sum, seg, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

size_t seg_build(uint8_t *buf, const struct seg *s, struct in_addr saddr,
		 struct in_addr daddr, uint8_t proto)
{
	struct seg_hdr *h = (struct seg_hdr *)buf;
	size_t hlen = (s->doff ? s->doff : 5) * 4;
	size_t len = hlen + s->payload_len;

	memset(buf, 0, hlen);
	h->source = htons(s->sport);
	h->dest = htons(s->dport);
	h->seq = htonl(s->seq);
	h->ack_seq = htonl(s->ack);
	h->doff = hlen / 4;
	h->flags = s->flags;
	h->window = htonl(s->window);
	if (s->mss && hlen >= sizeof(*h) + 4) {
		buf[sizeof(*h)] = 2;
		buf[sizeof(*h) + 1] = 4;
		buf[sizeof(*h) + 2] = s->mss >> 8;
		buf[sizeof(*h) + 3] = s->mss & 0xff;
	}
	if (s->payload_len)
		memcpy(buf + hlen, s->payload, s->payload_len);
	h->check = 0;
	h->check = seg_checksum(saddr, daddr, proto, buf, len);
	return len;
}

static void seg_parse_options(const uint8_t *opt, size_t len, struct seg *s)
{
	while (len > 0) {
		if (opt[0] == 0)
			return;
		if (opt[0] == 1) {
			opt++;
			len--;
			continue;
		}
		if (len < 2 || opt[1] < 2 || opt[1] > len)
			return;
		if (opt[0] == 2 && opt[1] == 4)
			s->mss = (opt[2] << 8) | opt[3];
		len -= opt[1];
		opt += opt[1];
	}
}

int seg_parse(const uint8_t *buf, size_t len, struct seg *s)
{
	const struct seg_hdr *h = (const struct seg_hdr *)buf;
	size_t hlen;

	memset(s, 0, sizeof(*s));
	if (len < sizeof(*h))
		return -1;
	hlen = h->doff * 4;
	if (hlen < sizeof(*h) || hlen > len)
		return -1;
	s->sport = ntohs(h->source);
	s->dport = ntohs(h->dest);
	s->seq = ntohl(h->seq);
	s->ack = ntohl(h->ack_seq);
	s->window = ntohl(h->window);
	s->flags = h->flags;
	s->doff = h->doff;
	seg_parse_options(buf + sizeof(*h), hlen - sizeof(*h), s);
	s->payload = buf + hlen;
	s->payload_len = len - hlen;
	return 0;
}

const char *seg_flag_names(uint8_t flags)
{
	static const char *const names[] = { "FIN", "SYN", "RST", "PSH", "ACK" };
	static char buf[32];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(flags & (1 << i)))
			continue;
		if (buf[0])
			strcat(buf, "|");
		strcat(buf, names[i]);
	}
	return buf[0] ? buf : "none";
}

int seg_raw_open(void)
{
	struct tern_sockaddr dst = tern_loopback(0);
	int fd = socket(dst.sa.sa_family, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_TERN);

	if (fd < 0)
		return -1;
	if (connect(fd, &dst.sa, dst.len)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Send one crafted segment from loopback:@sport to loopback:@dport, in the
 * helpers' family (the IPv6 checksum is ours to fill in).
 */
int seg_raw_send(int fd, uint16_t sport, uint16_t dport, uint32_t seq,
		 uint32_t ack, uint8_t flags, const void *payload, size_t len)
{
	struct in_addr lo = { .s_addr = htonl(INADDR_LOOPBACK) };
	struct seg s = {
		.sport = sport, .dport = dport, .seq = seq, .ack = ack,
		.flags = flags, .window = 65535, .payload = payload,
		.payload_len = len,
	};
	uint8_t buf[1600];
	size_t n;

	n = seg_build(buf, &s, lo, lo, IPPROTO_TERN);
	if (tern_family() == AF_INET6) {
		struct seg_hdr *h = (struct seg_hdr *)buf;

		h->check = 0;
		h->check = seg_checksum6(&in6addr_loopback, &in6addr_loopback,
					 IPPROTO_TERN, buf, n);
	}
	return send(fd, buf, n, 0) == (ssize_t)n ? 0 : -1;
}
