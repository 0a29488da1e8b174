// SPDX-License-Identifier: GPL-2.0
/*
 * The 3-way handshake, as the seeds describe it: SYN carrying the
 * client's ISN, SYN+ACK carrying the server's ISN and acknowledging
 * ISN+1, and the final ACK acknowledging the server's ISN+1. Checked on
 * captured segments against TERN_INFO and /proc/net/tern.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "capture.h"
#include "netns.h"
#include "tern_util.h"

FIXTURE(lo) {
	int listener;
	uint16_t port;
	struct capture *cap;
};

TERN_FAMILY_VARIANTS(lo);

FIXTURE_SETUP(lo)
{
	tern_use_family(variant->family);
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	self->cap = cap_start();
	ASSERT_NE(NULL, self->cap);
	self->listener = tern_listener(0, 16);
	ASSERT_LE(0, self->listener);
	self->port = tern_local_port(self->listener);
}

FIXTURE_TEARDOWN(lo)
{
	cap_free(self->cap);
	close(self->listener);
}

TEST_F(lo, three_way_handshake_numbers)
{
	struct tern_info ci, si;
	struct cap_seg syn, synack, ack;
	uint16_t cport;
	int client, server, i;

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, tern_get_info(server, &si));
	EXPECT_EQ(TERN_ESTABLISHED, ci.state);
	EXPECT_EQ(TERN_ESTABLISHED, si.state);
	ASSERT_TRUE(cap_wait(self->cap, 1, cport, self->port, SEG_ACK | SEG_SYN, SEG_ACK, 1000));

	i = cap_find(self->cap, 0, cport, self->port, 0xff, SEG_SYN);
	ASSERT_LE(0, i);
	syn = cap_at(self->cap, i);
	i = cap_find(self->cap, i, self->port, cport, 0xff, SEG_SYN | SEG_ACK);
	ASSERT_LE(0, i);
	synack = cap_at(self->cap, i);
	i = cap_find(self->cap, i, cport, self->port, SEG_SYN | SEG_ACK, SEG_ACK);
	ASSERT_LE(0, i);
	ack = cap_at(self->cap, i);
	cap_dump(self->cap, stderr);

	/* SYN: the client's ISN. */
	EXPECT_EQ(ci.iss, syn.s.seq);
	EXPECT_NE(0, syn.s.mss);
	/* SYN+ACK: the server's ISN, acknowledging the client's ISN + 1. */
	EXPECT_EQ(si.iss, synack.s.seq);
	EXPECT_EQ(ci.iss + 1, synack.s.ack);
	/* ACK: acknowledging the server's ISN + 1; the SYN took one number. */
	EXPECT_EQ(ci.iss + 1, ack.s.seq);
	EXPECT_EQ(si.iss + 1, ack.s.ack);

	/* Both sides agree on where the byte stream starts. */
	EXPECT_EQ(ci.iss, si.irs);
	EXPECT_EQ(si.iss, ci.irs);
	EXPECT_EQ(ci.iss + 1, ci.snd_nxt);
	EXPECT_EQ(si.iss + 1, ci.rcv_nxt);
	EXPECT_EQ(ci.iss + 1, si.rcv_nxt);

	EXPECT_TRUE(tern_wait_state(cport, self->port, "ESTABLISHED", 0));
	EXPECT_TRUE(tern_wait_state(self->port, cport, "ESTABLISHED", 0));
	close(client);
	close(server);
}

/* Sequence numbers count bytes: N bytes move snd_nxt and rcv_nxt by N. */
TEST_F(lo, sequence_numbers_count_bytes)
{
	struct tern_info before, after, peer;
	char buf[3000];
	int client, server;

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	ASSERT_EQ(0, tern_get_info(client, &before));
	memset(buf, 'x', sizeof(buf));
	ASSERT_EQ(0, send_all(client, buf, sizeof(buf)));
	ASSERT_EQ(0, recv_all(server, buf, sizeof(buf)));
	sleep_ms(50);
	ASSERT_EQ(0, tern_get_info(client, &after));
	ASSERT_EQ(0, tern_get_info(server, &peer));
	EXPECT_EQ(before.snd_nxt + sizeof(buf), after.snd_nxt);
	EXPECT_EQ(after.snd_nxt, after.snd_una);
	EXPECT_EQ(after.snd_nxt, peer.rcv_nxt);
	EXPECT_EQ(sizeof(buf), peer.bytes_received);
	close(client);
	close(server);
}

/* ISNs come from a keyed hash plus a clock: distinct, not sequential. */
TEST_F(lo, initial_sequence_numbers_are_unpredictable)
{
	uint32_t isn[8];
	struct tern_info info;
	int i, j, client, server;

	for (i = 0; i < 8; i++) {
		ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
		ASSERT_EQ(0, tern_get_info(client, &info));
		isn[i] = info.iss;
		close(client);
		close(server);
	}
	for (i = 0; i < 8; i++)
		for (j = i + 1; j < 8; j++)
			EXPECT_NE(isn[i], isn[j]);
	/* Not a counter: consecutive ISNs are not a small step apart. */
	for (i = 1, j = 0; i < 8; i++)
		j += (isn[i] - isn[i - 1]) < 100000;
	EXPECT_LT(j, 2);
}

/* Two sockets connect to each other at once across a 100 ms link: both
 * SYNs cross in flight, both sides go SYN_SENT -> SYN_RECV -> ESTABLISHED
 * (RFC 793 figure 8).
 */
TEST(simultaneous_open)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(7001) };
	struct sockaddr_in b = { .sin_family = AF_INET, .sin_port = htons(7002) };
	struct pollfd pfd[2];
	struct tern_info ia, ib;
	struct ns_pair ns;
	int fa, fb;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, ns_pair_create(&ns));
	ASSERT_EQ(0, ns_pair_netem(&ns, 'a', "delay 100ms"));
	ASSERT_EQ(0, ns_pair_netem(&ns, 'b', "delay 100ms"));
	inet_pton(AF_INET, NS_ADDR_A, &a.sin_addr);
	inet_pton(AF_INET, NS_ADDR_B, &b.sin_addr);

	ASSERT_EQ(0, ns_enter(&ns, 'a'));
	fa = tern_socket();
	ASSERT_EQ(0, bind(fa, (struct sockaddr *)&a, sizeof(a)));
	ASSERT_EQ(0, fcntl(fa, F_SETFL, O_NONBLOCK));
	ASSERT_EQ(0, ns_enter(&ns, 'b'));
	fb = tern_socket();
	ASSERT_EQ(0, bind(fb, (struct sockaddr *)&b, sizeof(b)));
	ASSERT_EQ(0, fcntl(fb, F_SETFL, O_NONBLOCK));

	EXPECT_EQ(-1, connect(fa, (struct sockaddr *)&b, sizeof(b)));
	EXPECT_EQ(EINPROGRESS, errno);
	EXPECT_EQ(-1, connect(fb, (struct sockaddr *)&a, sizeof(a)));
	EXPECT_EQ(EINPROGRESS, errno);

	pfd[0] = (struct pollfd){ .fd = fa, .events = POLLOUT };
	pfd[1] = (struct pollfd){ .fd = fb, .events = POLLOUT };
	while (!(pfd[0].revents & POLLOUT) || !(pfd[1].revents & POLLOUT))
		ASSERT_LT(0, poll(pfd, 2, 5000));
	ASSERT_EQ(0, tern_get_info(fa, &ia));
	ASSERT_EQ(0, tern_get_info(fb, &ib));
	EXPECT_EQ(TERN_ESTABLISHED, ia.state);
	EXPECT_EQ(TERN_ESTABLISHED, ib.state);
	/* Each acknowledged the other's SYN. */
	EXPECT_EQ(ia.iss, ib.irs);
	EXPECT_EQ(ib.iss, ia.irs);
	EXPECT_EQ(ia.iss + 1, ib.rcv_nxt);
	EXPECT_EQ(ib.iss + 1, ia.rcv_nxt);
	/* Neither side had a listener: no passive open happened. */
	EXPECT_EQ(0, tern_stat("PassiveOpens"));
	EXPECT_EQ(1, tern_stat("ActiveOpens"));

	close(fa);
	close(fb);
	ns_pair_destroy(&ns);
}

TEST_HARNESS_MAIN
