// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed segments are dropped and counted by reason; well-formed ones
 * are counted as received. Segments are crafted on a raw socket.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip6.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include <tern.h>
#include "segment.h"
#include "tern_util.h"

FIXTURE(raw) {
	int fd;
	struct in_addr addr;
	uint8_t buf[256];
};

FIXTURE_SETUP(raw)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	self->addr.s_addr = htonl(INADDR_LOOPBACK);
	self->fd = socket(AF_INET, SOCK_RAW, IPPROTO_TERN);
	ASSERT_LE(0, self->fd) TH_LOG("raw socket: %m");
	dst.sin_addr = self->addr;
	ASSERT_EQ(0, connect(self->fd, (struct sockaddr *)&dst, sizeof(dst)));
}

FIXTURE_TEARDOWN(raw)
{
	close(self->fd);
}

/* A well-formed segment nobody answers: a RST to a closed port. */
static struct seg valid_segment(void)
{
	struct seg s = {
		.sport = 40000, .dport = 9, .seq = 1000, .ack = 2000,
		.flags = SEG_RST | SEG_ACK, .window = 65535,
	};

	return s;
}

/* Send @len bytes and wait until counter @name grew by one. */
static bool send_and_count(int fd, const void *buf, size_t len, const char *name)
{
	long long before = tern_stat(name);
	int i;

	if (send(fd, buf, len, 0) != (ssize_t)len)
		return false;
	for (i = 0; i < 200; i++) {
		if (tern_stat(name) == before + 1)
			return true;
		sleep_ms(5);
	}
	return false;
}

#define EXPECT_DROPPED(len, counter) do {					\
	long long errs = tern_stat("InErrs");					\
	EXPECT_TRUE(send_and_count(self->fd, self->buf, (len), (counter)));	\
	EXPECT_EQ(errs + 1, tern_stat("InErrs"));				\
} while (0)

TEST_F(raw, well_formed_is_counted)
{
	struct seg s = valid_segment();
	size_t len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
	long long errs = tern_stat("InErrs");

	EXPECT_TRUE(send_and_count(self->fd, self->buf, len, "InSegs"));
	EXPECT_EQ(errs, tern_stat("InErrs"));
}

/* RFC 793: a segment for no socket is answered by a RST whose sequence
 * number is the segment's acknowledgment number; and a RST by nothing.
 */
TEST_F(raw, closed_port_answers_reset)
{
	struct timeval tv = { .tv_sec = 2 };
	struct seg s = valid_segment(), reply;
	uint8_t in[256];
	size_t len;
	ssize_t n;

	s.flags = SEG_ACK;
	s.sport = 40001;
	len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
	ASSERT_EQ(0, setsockopt(self->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	ASSERT_EQ((ssize_t)len, send(self->fd, self->buf, len, 0));
	for (;;) {
		n = recv(self->fd, in, sizeof(in), 0);
		ASSERT_LT(0, n) TH_LOG("no reply: %m");
		/* Raw sockets see our own segment too: skip it. */
		ASSERT_EQ(0, seg_parse(in + 20, n - 20, &reply));
		if (reply.dport == 40001)
			break;
	}
	EXPECT_EQ(SEG_RST, reply.flags);
	EXPECT_EQ(2000, reply.seq);
	EXPECT_EQ(9, reply.sport);
}

TEST_F(raw, shorter_than_header)
{
	struct seg s = valid_segment();

	seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
	EXPECT_DROPPED(12, "DropShort");
}

TEST_F(raw, header_length_below_minimum)
{
	struct seg s = valid_segment();
	size_t len;

	s.doff = 4;
	len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
	/* seg_build wrote 16 bytes; send the full 20 so only doff is wrong. */
	EXPECT_DROPPED(len + 4, "DropBadOffset");
}

TEST_F(raw, header_length_beyond_segment)
{
	struct seg s = valid_segment();
	size_t len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);

	self->buf[12] = 8;	/* 32 bytes claimed, 20 sent */
	EXPECT_DROPPED(len, "DropBadOffset");
}

TEST_F(raw, header_length_beyond_maximum)
{
	struct seg s = valid_segment();
	size_t len;

	s.doff = 30;
	len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
	EXPECT_DROPPED(len, "DropBadOffset");
}

TEST_F(raw, bad_checksum)
{
	struct seg s = valid_segment();
	size_t len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);

	self->buf[16] ^= 0x5a;
	EXPECT_DROPPED(len, "DropBadChecksum");
}

TEST_F(raw, corrupted_payload)
{
	static const uint8_t data[] = "payload bytes";
	struct seg s = valid_segment();
	size_t len;

	s.payload = data;
	s.payload_len = sizeof(data);
	len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
	self->buf[len - 3] ^= 0x01;
	EXPECT_DROPPED(len, "DropBadChecksum");
}

TEST_F(raw, bad_flag_combinations)
{
	static const uint8_t bad[] = {
		0x40 | SEG_ACK,			/* unknown bits */
		0x80,
		SEG_SYN | SEG_FIN,
		SEG_SYN | SEG_RST | SEG_ACK,
		SEG_FIN | SEG_RST | SEG_ACK,
		0,				/* no flags at all */
		SEG_FIN,			/* FIN without ACK */
		SEG_PSH,
	};
	struct seg s = valid_segment();
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		s.flags = bad[i];
		len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
		TH_LOG("flags 0x%02x", bad[i]);
		EXPECT_DROPPED(len, "DropBadFlags");
	}
}

TEST_F(raw, zero_port)
{
	struct seg s = valid_segment();
	size_t len;

	s.dport = 0;
	len = seg_build(self->buf, &s, self->addr, self->addr, IPPROTO_TERN);
	EXPECT_DROPPED(len, "DropBadPort");
}

/* An IPv6 SYN from ::ffff:127.0.0.1 (a v4-mapped source, which no IPv6
 * peer has) to a dual-stack listener on [::]: dropped and counted, as
 * TCP drops them, so that no IPv4 reply is made up for it.
 */
TEST(ipv6_from_v4_mapped_address_dropped)
{
	struct sockaddr_in6 dst = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct seg s = { .sport = 40002, .dport = 0, .seq = 7, .flags = SEG_SYN, .window = 65535 };
	struct in_addr unused = { 0 };
	struct ip6_hdr *ip6;
	uint8_t pkt[256];
	long long drops, errs;
	int raw, l;
	size_t len;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	tern_use_family(AF_INET6);
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	raw = socket(AF_INET6, SOCK_RAW, IPPROTO_RAW);
	ASSERT_LE(0, raw) TH_LOG("raw IPv6 socket: %m");

	ip6 = (struct ip6_hdr *)pkt;
	memset(ip6, 0, sizeof(*ip6));
	ip6->ip6_flow = htonl(6 << 28);
	ip6->ip6_nxt = IPPROTO_TERN;
	ip6->ip6_hlim = 64;
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &ip6->ip6_src);
	ip6->ip6_dst = in6addr_loopback;
	s.dport = tern_local_port(l);
	len = seg_build(pkt + sizeof(*ip6), &s, unused, unused, IPPROTO_TERN);
	((struct seg_hdr *)(pkt + sizeof(*ip6)))->check = 0;
	((struct seg_hdr *)(pkt + sizeof(*ip6)))->check =
		seg_checksum6(&ip6->ip6_src, &ip6->ip6_dst, IPPROTO_TERN,
			      pkt + sizeof(*ip6), len);
	ip6->ip6_plen = htons(len);

	drops = tern_stat("DropMappedAddress");
	errs = tern_stat("InErrs");
	ASSERT_EQ((ssize_t)(sizeof(*ip6) + len),
		  sendto(raw, pkt, sizeof(*ip6) + len, 0, (struct sockaddr *)&dst, sizeof(dst)));
	EXPECT_TRUE(tern_stat_wait("DropMappedAddress", drops + 1, 1000));
	EXPECT_EQ(errs + 1, tern_stat("InErrs"));
	EXPECT_EQ(0, tern_proc_count("SYN_RECV"));
	EXPECT_EQ(0, tern_stat("OutSegs"));
	close(raw);
	close(l);
}

TEST_HARNESS_MAIN
