// SPDX-License-Identifier: GPL-2.0
/*
 * RST handling in every state, over IPv4 and IPv6 (fixture variants).
 * Connections run on loopback; resets and other hostile segments are
 * crafted on a raw socket connected to 127.0.0.1 or ::1, "from" the
 * peer's port, with sequence numbers taken from
 * TERN_INFO. States come from TERN_INFO and /proc/net/tern, replies from
 * a capture, and every test checks that the state table never saw an
 * event it calls impossible.
 *
 *   RFC 793 3.4 and 3.9: which RST is acceptable in which state
 *   RFC 5961 3.2: an in-window RST that is not exact gets a challenge ACK
 *   RFC 1337: a RST does not end TIME_WAIT
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "capture.h"
#include "segment.h"
#include "tern_util.h"

/* Ports no test listens on. */
#define CLOSED_PORT	4
#define STRAY_PORT	40000

/* Index of the @n-th (from 0) captured segment that matches; -1 if none. */
static int cap_nth(struct capture *c, int n, uint16_t sport, uint16_t dport,
		   uint8_t mask, uint8_t value)
{
	int i = -1;

	do {
		i = cap_find(c, i + 1, sport, dport, mask, value);
	} while (i >= 0 && n--);
	return i;
}

static int sock_error(int fd)
{
	socklen_t len = sizeof(int);
	int err = -1;

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len))
		return -1;
	return err;
}

/* Data still flows from @a to @b. */
static bool still_connected(int a, int b)
{
	char buf[4];

	return !send_all(a, "ping", 4) && !recv_all(b, buf, 4) &&
	       !memcmp(buf, "ping", 4);
}

/* One connection on loopback, both ends held by the test. */
FIXTURE(conn) {
	int listener, client, server, raw;
	uint16_t lport, cport;
	struct capture *cap;
};

TERN_FAMILY_VARIANTS(conn);

FIXTURE_SETUP(conn)
{
	tern_use_family(variant->family);
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("fin_timeout_ms", 1000));
	self->cap = cap_start();
	ASSERT_NE(NULL, self->cap);
	self->raw = seg_raw_open();
	ASSERT_LE(0, self->raw) TH_LOG("raw socket: %m");
	self->listener = tern_listener(0, 16);
	ASSERT_LE(0, self->listener);
	self->lport = tern_local_port(self->listener);
	ASSERT_EQ(0, tern_pair(self->listener, &self->client, &self->server));
	self->cport = tern_local_port(self->client);
	ASSERT_TRUE(tern_wait_state(self->cport, self->lport, "ESTABLISHED", 1000));
	ASSERT_TRUE(tern_wait_state(self->lport, self->cport, "ESTABLISHED", 1000));
	/* The handshake's last ACK is in the capture before a test starts. */
	ASSERT_TRUE(cap_wait(self->cap, 1, self->cport, self->lport, 0xff, SEG_ACK, 1000));
}

FIXTURE_TEARDOWN(conn)
{
	if (self->cap && _metadata->exit_code != KSFT_PASS)
		cap_dump(self->cap, stderr);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	tern_set_fault("clear");
	cap_free(self->cap);
	tern_abort_close(self->client);
	tern_abort_close(self->server);
	close(self->listener);
	close(self->raw);
}

/* Opening a connection, in a namespace of its own, over either family. */
FIXTURE(opening) {
};

TERN_FAMILY_VARIANTS(opening);

FIXTURE_SETUP(opening)
{
	tern_use_family(variant->family);
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
}

FIXTURE_TEARDOWN(opening)
{
}

/* connect() to a port nobody listens on: the SYN is answered by a RST
 * that acknowledges it (seq 0, ACK = ISN + 1: RFC 793 3.4, the SYN has no
 * ACK field to take a sequence number from), and connect() fails with
 * ECONNREFUSED.
 */
TEST_F(opening, refused_connect)
{
	struct cap_seg syn, rst;
	struct capture *cap;
	struct tern_info info;
	int fd, i;

	cap = cap_start();
	ASSERT_NE(NULL, cap);
	fd = tern_socket();
	ASSERT_LE(0, fd);

	EXPECT_EQ(-ECONNREFUSED, connect_port(fd, CLOSED_PORT));
	ASSERT_TRUE(cap_wait(cap, 1, CLOSED_PORT, 0, SEG_RST, SEG_RST, 1000));

	i = cap_find(cap, 0, 0, CLOSED_PORT, 0xff, SEG_SYN);
	ASSERT_LE(0, i);
	syn = cap_at(cap, i);
	i = cap_find(cap, i, CLOSED_PORT, syn.s.sport, 0xff, SEG_RST | SEG_ACK);
	ASSERT_LE(0, i) cap_dump(cap, stderr);
	rst = cap_at(cap, i);
	EXPECT_EQ(0, rst.s.seq);
	EXPECT_EQ(syn.s.seq + 1, rst.s.ack);
	EXPECT_EQ(0, rst.s.payload_len);

	ASSERT_EQ(0, tern_get_info(fd, &info));
	EXPECT_EQ(TERN_CLOSE, info.state);
	EXPECT_EQ(1, tern_stat("ActiveOpens"));
	EXPECT_EQ(1, tern_stat("AttemptFails"));
	EXPECT_EQ(1, tern_stat("InRsts"));
	EXPECT_EQ(1, tern_stat("OutRsts"));
	EXPECT_EQ(0, tern_stat("CurrEstab"));
	EXPECT_EQ(0, tern_proc_count(NULL));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	cap_free(cap);
	close(fd);
}

struct connect_job {
	int fd;
	int ret;	/* connect_port()'s: 0 or -errno */
	uint64_t end_us;
	atomic_bool done;
};

static void *connect_thread(void *arg)
{
	struct connect_job *job = arg;

	job->ret = connect_port(job->fd, CLOSED_PORT);
	job->end_us = now_us();
	job->done = true;
	return NULL;
}

/* Every SYN is lost: with syn_retries = 2 the SYN goes out three times,
 * each retransmission after twice the previous timeout, and connect()
 * gives up with ETIMEDOUT one (doubled) timeout after the last one.
 * FaultDrops counts the SYNs as they leave; the gaps are measured
 * between its increments, all seen the same way (polled every
 * millisecond), so a slow start of connect() does not skew them.
 */
TEST_F(opening, syn_sent_timeout)
{
	struct connect_job job = { 0 };
	uint64_t t[4] = { 0 }, start;
	struct tern_info info;
	long long drops, seen = 0;
	double r1, r2;
	pthread_t thread;

	ASSERT_EQ(0, tern_sysctl_set("syn_retries", 2));
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 400));
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 400));
	ASSERT_EQ(0, tern_set_fault("drop flags=SYN count=100"));
	job.fd = tern_socket();
	ASSERT_LE(0, job.fd);

	start = now_us();
	ASSERT_EQ(0, pthread_create(&thread, NULL, connect_thread, &job));
	while (!job.done && now_us() - start < 20000000ULL) {
		drops = tern_stat("FaultDrops");
		while (seen < drops && seen < 3)
			t[seen++] = now_us();
		sleep_ms(1);
	}
	pthread_join(thread, NULL);
	t[3] = job.end_us;

	EXPECT_EQ(-ETIMEDOUT, job.ret);
	EXPECT_EQ(3, tern_stat("FaultDrops"));
	EXPECT_EQ(2, tern_stat("SynRetrans"));
	EXPECT_EQ(1, tern_stat("AttemptFails"));
	EXPECT_EQ(1, tern_stat("AbortOnTimeout"));
	ASSERT_EQ(0, tern_get_info(job.fd, &info));
	EXPECT_EQ(TERN_CLOSE, info.state);
	EXPECT_EQ(0, tern_proc_count(NULL));

	ASSERT_NE(0, t[0]);
	ASSERT_NE(0, t[1]);
	ASSERT_NE(0, t[2]);
	TH_LOG("gaps: %.1f ms, %.1f ms, %.1f ms", (t[1] - t[0]) / 1000.0,
	       (t[2] - t[1]) / 1000.0, (t[3] - t[2]) / 1000.0);
	/* The first timeout is the initial RTO. */
	EXPECT_LE(350000, t[1] - t[0]);
	r1 = (double)(t[2] - t[1]) / (t[1] - t[0]);
	r2 = (double)(t[3] - t[2]) / (t[2] - t[1]);
	EXPECT_TRUE(r1 >= 1.5 && r1 <= 3.0) TH_LOG("ratio %.2f", r1);
	EXPECT_TRUE(r2 >= 1.5 && r2 <= 3.0) TH_LOG("ratio %.2f", r2);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(job.fd);
}

/* SYN_SENT (the SYN is lost): only a RST whose ACK acknowledges the SYN
 * (ISN + 1) is acceptable (RFC 793 3.9); it refuses the connection.
 * Without an ACK, or with another one, a RST is dropped.
 */
TEST_F(opening, syn_sent_reset_needs_acceptable_ack)
{
	struct tern_info info;
	int fd, raw;
	uint16_t port;

	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 30000));
	ASSERT_EQ(0, tern_set_fault("drop flags=SYN count=100"));
	raw = seg_raw_open();
	ASSERT_LE(0, raw);
	fd = sock_of(IPPROTO_TERN, SOCK_NONBLOCK);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EINPROGRESS, connect_port(fd, CLOSED_PORT));
	ASSERT_EQ(0, tern_get_info(fd, &info));
	ASSERT_EQ(TERN_SYN_SENT, info.state);
	port = tern_local_port(fd);
	ASSERT_NE(0, port);

	ASSERT_EQ(0, seg_raw_send(raw, CLOSED_PORT, port, 0, 0, SEG_RST, NULL, 0));
	ASSERT_EQ(0, seg_raw_send(raw, CLOSED_PORT, port, 0, info.iss, SEG_RST | SEG_ACK,
				  NULL, 0));
	ASSERT_EQ(0, seg_raw_send(raw, CLOSED_PORT, port, 0, info.iss + 2,
				  SEG_RST | SEG_ACK, NULL, 0));
	sleep_ms(200);
	EXPECT_EQ(TERN_SYN_SENT, tern_state(fd));
	EXPECT_TRUE(tern_wait_state(port, CLOSED_PORT, "SYN_SENT", 0));
	EXPECT_EQ(0, sock_error(fd));
	EXPECT_EQ(0, tern_stat("InRsts"));

	ASSERT_EQ(0, seg_raw_send(raw, CLOSED_PORT, port, 0, info.iss + 1,
				  SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(fd, TERN_CLOSE, 1000));
	EXPECT_TRUE(tern_wait_state(port, CLOSED_PORT, NULL, 0));
	EXPECT_EQ(ECONNREFUSED, sock_error(fd));
	EXPECT_EQ(1, tern_stat("InRsts"));
	EXPECT_EQ(1, tern_stat("AttemptFails"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(fd);
	close(raw);
}

/* A request socket (SYN_RECV: the client's final ACK is lost) goes away
 * on a RST carrying exactly the sequence number it expects next, the
 * client's ISN + 1; a RST elsewhere leaves it.
 */
TEST_F(opening, syn_recv_exact_reset_removes_request)
{
	struct tern_proc_entry e;
	struct tern_info ci;
	char rule[96];
	int raw, listener, client;
	uint16_t lport;

	/* No SYN+ACK retransmission can complete the handshake meanwhile. */
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 30000));
	raw = seg_raw_open();
	ASSERT_LE(0, raw);
	listener = tern_listener(0, 16);
	ASSERT_LE(0, listener);
	lport = tern_local_port(listener);
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u dport=%u count=1000",
		 STRAY_PORT, lport);
	ASSERT_EQ(0, tern_set_fault(rule));

	client = tern_socket();
	ASSERT_LE(0, client);
	ASSERT_EQ(0, bind_port(client, STRAY_PORT));
	ASSERT_EQ(0, connect_port(client, lport));
	ASSERT_EQ(0, tern_get_info(client, &ci));
	EXPECT_EQ(TERN_ESTABLISHED, ci.state);
	ASSERT_TRUE(tern_stat_wait("FaultDrops", 1, 1000));
	ASSERT_EQ(1, tern_proc_find(lport, STRAY_PORT, &e));
	EXPECT_STREQ("SYN_RECV", e.state);
	EXPECT_STREQ("synack", e.timer);

	/* Not the expected number: ignored. */
	ASSERT_EQ(0, seg_raw_send(raw, STRAY_PORT, lport, ci.iss + 1000, 0, SEG_RST, NULL, 0));
	ASSERT_EQ(0, seg_raw_send(raw, STRAY_PORT, lport, ci.iss, 0, SEG_RST, NULL, 0));
	sleep_ms(200);
	ASSERT_EQ(1, tern_proc_find(lport, STRAY_PORT, &e));
	EXPECT_STREQ("SYN_RECV", e.state);

	ASSERT_EQ(0, seg_raw_send(raw, STRAY_PORT, lport, ci.iss + 1, 0, SEG_RST, NULL, 0));
	EXPECT_TRUE(tern_wait_state(lport, STRAY_PORT, NULL, 1000));
	EXPECT_TRUE(tern_wait_state(lport, 0, "LISTEN", 0));
	/* Nothing reached the accept queue. */
	ASSERT_EQ(0, fcntl(listener, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-1, accept(listener, NULL, NULL));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(0, tern_stat("PassiveOpens"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(client);
	close(listener);
	close(raw);
}

/* ESTABLISHED, RST at rcv_nxt: the connection is reset. The next recv()
 * reports ECONNRESET, as TCP's does (tcp_recvmsg() reports sk_err before
 * it looks at the shutdown bits).
 */
TEST_F(conn, established_exact_reset_then_recv)
{
	struct tern_info ci;
	struct pollfd pfd;
	char buf[16];

	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_CLOSE, 1000));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 0));
	EXPECT_EQ(1, tern_stat("EstabResets"));
	EXPECT_EQ(1, tern_stat("InRsts"));
	/* The server end never heard of it. */
	EXPECT_EQ(1, tern_stat("CurrEstab"));

	pfd = (struct pollfd){ .fd = self->client, .events = POLLIN | POLLOUT };
	EXPECT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLERR);
	EXPECT_TRUE(pfd.revents & POLLHUP);

	EXPECT_EQ(-1, recv(self->client, buf, sizeof(buf), 0));
	EXPECT_EQ(ECONNRESET, errno);
	/* The error is reported once; then the stream is over. */
	EXPECT_EQ(0, recv(self->client, buf, sizeof(buf), 0));
}

/* The same, seen by send(): ECONNRESET, then EPIPE. */
TEST_F(conn, established_exact_reset_then_send)
{
	struct tern_info ci;

	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_CLOSE, 1000));
	EXPECT_EQ(1, tern_stat("EstabResets"));
	EXPECT_EQ(-1, send(self->client, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(ECONNRESET, errno);
	EXPECT_EQ(-1, send(self->client, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(EPIPE, errno);
}

/* RFC 5961 3.2: a RST inside the window but not at rcv_nxt may be
 * forged; the answer is a challenge ACK (our snd_nxt, acknowledging
 * rcv_nxt), and the connection lives on.
 */
TEST_F(conn, established_inwindow_reset_challenge_ack)
{
	struct tern_info ci, after;
	struct cap_seg ack;
	char buf[8];
	int i;

	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	ASSERT_LT(1000, ci.rcv_wnd);
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt + 500,
				  ci.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	/* The challenge ACK is the client's second pure ACK. */
	ASSERT_TRUE(cap_wait(self->cap, 2, self->cport, self->lport, 0xff, SEG_ACK, 1000));
	i = cap_nth(self->cap, 1, self->cport, self->lport, 0xff, SEG_ACK);
	ASSERT_LE(0, i);
	ack = cap_at(self->cap, i);
	EXPECT_EQ(ci.snd_nxt, ack.s.seq);
	EXPECT_EQ(ci.rcv_nxt, ack.s.ack);
	EXPECT_EQ(0, ack.s.payload_len);
	EXPECT_EQ(1, tern_stat("ChallengeAcks"));
	EXPECT_EQ(0, tern_stat("InRsts"));
	EXPECT_EQ(0, tern_stat("EstabResets"));

	ASSERT_EQ(0, tern_get_info(self->client, &after));
	EXPECT_EQ(TERN_ESTABLISHED, after.state);
	EXPECT_EQ(ci.rcv_nxt, after.rcv_nxt);
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, "ESTABLISHED", 0));
	/* Still a working connection, both ways. */
	ASSERT_EQ(0, send_all(self->client, "ping", 4));
	ASSERT_EQ(0, recv_all(self->server, buf, 4));
	ASSERT_EQ(0, send_all(self->server, "pong", 4));
	ASSERT_EQ(0, recv_all(self->client, buf, 4));
	EXPECT_EQ(0, memcmp(buf, "pong", 4));
}

/* A RST outside the window (old, or beyond the right edge) is dropped
 * without a reply: answering would let blind attackers probe the window.
 */
TEST_F(conn, established_out_of_window_reset_ignored)
{
	struct tern_info ci, after;
	int before;

	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	sleep_ms(100);
	before = cap_count(self->cap, self->cport, self->lport, 0, 0);
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt - 1,
				  ci.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt - 100000,
				  ci.snd_nxt, SEG_RST, NULL, 0));
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport,
				  ci.rcv_nxt + ci.rcv_wnd + 1000, ci.snd_nxt,
			      SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_stat_wait("DropOutOfWindow", 3, 1000));
	sleep_ms(200);
	EXPECT_EQ(3, tern_stat("DropOutOfWindow"));
	/* No answer at all. */
	EXPECT_EQ(before, cap_count(self->cap, self->cport, self->lport, 0, 0));
	EXPECT_EQ(0, tern_stat("ChallengeAcks"));
	EXPECT_EQ(0, tern_stat("InRsts"));
	ASSERT_EQ(0, tern_get_info(self->client, &after));
	EXPECT_EQ(TERN_ESTABLISHED, after.state);
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, "ESTABLISHED", 0));
	EXPECT_TRUE(still_connected(self->client, self->server));
}

/* FIN_WAIT1, held there: the peer's ACK of our FIN is lost every time. */
TEST_F(conn, fin_wait1_exact_reset)
{
	struct tern_info ci;
	char rule[96];

	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1000",
		 self->lport);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, shutdown(self->client, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE_WAIT, 1000));
	ASSERT_TRUE(tern_stat_wait("FaultDrops", 1, 1000));
	sleep_ms(100);
	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	ASSERT_EQ(TERN_FIN_WAIT1, ci.state);
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, "FIN_WAIT1", 0));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_CLOSE, 1000));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 0));
	EXPECT_EQ(ECONNRESET, sock_error(self->client));
	EXPECT_EQ(1, tern_stat("InRsts"));
}

/* FIN_WAIT2: our FIN was acknowledged, the peer's has not come. */
TEST_F(conn, fin_wait2_exact_reset)
{
	struct tern_info ci;

	ASSERT_EQ(0, shutdown(self->client, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_FIN_WAIT2, 1000));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, "FIN_WAIT2", 0));
	ASSERT_EQ(0, tern_get_info(self->client, &ci));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_CLOSE, 1000));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 0));
	EXPECT_EQ(ECONNRESET, sock_error(self->client));
	EXPECT_EQ(1, tern_stat("InRsts"));
}

/* CLOSE_WAIT: the peer's FIN came, then its RST. As with TCP, a send
 * fails with EPIPE, and recv() still reports the end of the stream the
 * FIN announced.
 */
TEST_F(conn, close_wait_exact_reset)
{
	struct tern_info si;
	char buf[8];

	ASSERT_EQ(0, shutdown(self->client, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE_WAIT, 1000));
	EXPECT_TRUE(tern_wait_state(self->lport, self->cport, "CLOSE_WAIT", 0));
	ASSERT_EQ(0, tern_get_info(self->server, &si));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->cport, self->lport, si.rcv_nxt,
				  si.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE, 1000));
	EXPECT_TRUE(tern_wait_state(self->lport, self->cport, NULL, 0));
	EXPECT_EQ(1, tern_stat("EstabResets"));
	EXPECT_EQ(-1, send(self->server, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(EPIPE, errno);
	EXPECT_EQ(0, recv(self->server, buf, sizeof(buf), 0));
}

/* CLOSING: both sides closed at once. Our FIN is lost (and keeps being
 * lost), the peer's FIN arrives without acknowledging it.
 */
TEST_F(conn, closing_exact_reset)
{
	struct tern_info ci;
	char rule[96];

	snprintf(rule, sizeof(rule), "drop flags=FIN|ACK sport=%u count=1000",
		 self->cport);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, shutdown(self->client, SHUT_WR));
	ASSERT_TRUE(tern_stat_wait("FaultDrops", 1, 1000));
	ASSERT_EQ(TERN_FIN_WAIT1, tern_state(self->client));
	ASSERT_EQ(0, shutdown(self->server, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_CLOSING, 1000));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, "CLOSING", 0));
	EXPECT_TRUE(tern_state_wait_info(self->server, TERN_FIN_WAIT2, 1000));
	ASSERT_EQ(0, tern_get_info(self->client, &ci));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_CLOSE, 1000));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 0));
	EXPECT_EQ(1, tern_stat("InRsts"));
}

/* LAST_ACK: our FIN went out after the peer's; its ACK is lost. */
TEST_F(conn, last_ack_exact_reset)
{
	struct tern_info si;
	char rule[96];

	ASSERT_EQ(0, shutdown(self->client, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE_WAIT, 1000));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_FIN_WAIT2, 1000));
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1000",
		 self->cport);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, shutdown(self->server, SHUT_WR));
	ASSERT_TRUE(tern_stat_wait("FaultDrops", 1, 1000));
	ASSERT_EQ(0, tern_get_info(self->server, &si));
	ASSERT_EQ(TERN_LAST_ACK, si.state);
	EXPECT_TRUE(tern_wait_state(self->lport, self->cport, "LAST_ACK", 0));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->cport, self->lport, si.rcv_nxt,
				  si.snd_nxt, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE, 1000));
	EXPECT_TRUE(tern_wait_state(self->lport, self->cport, NULL, 0));
	EXPECT_EQ(1, tern_stat("InRsts"));
}

/* The same states after close(): the socket is an orphan, and the RST
 * must free it (nothing may stay in /proc/net/tern, nor keep the module).
 */
TEST_F(conn, orphan_fin_wait1_exact_reset)
{
	struct tern_info ci;
	char rule[96];

	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1000",
		 self->lport);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	close(self->client);
	self->client = -1;
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE_WAIT, 1000));
	ASSERT_TRUE(tern_wait_state(self->cport, self->lport, "FIN_WAIT1", 1000));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt + 1, SEG_RST | SEG_ACK, NULL, 0));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 1000));
	EXPECT_EQ(1, tern_stat("InRsts"));
}

TEST_F(conn, orphan_fin_wait2_exact_reset)
{
	struct tern_info ci;

	/* Long enough that only the RST can end FIN_WAIT2. */
	ASSERT_EQ(0, tern_sysctl_set("fin_timeout_ms", 30000));
	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	close(self->client);
	self->client = -1;
	ASSERT_TRUE(tern_wait_state(self->cport, self->lport, "FIN_WAIT2", 1000));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt + 1, SEG_RST | SEG_ACK, NULL, 0));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 1000));
	EXPECT_EQ(1, tern_stat("InRsts"));
	EXPECT_EQ(0, tern_stat("FinWait2Timeouts"));
}

TEST_F(conn, orphan_closing_exact_reset)
{
	struct tern_info ci;
	char rule[96];

	snprintf(rule, sizeof(rule), "drop flags=FIN|ACK sport=%u count=1000",
		 self->cport);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	close(self->client);
	self->client = -1;
	ASSERT_TRUE(tern_stat_wait("FaultDrops", 1, 1000));
	ASSERT_EQ(0, shutdown(self->server, SHUT_WR));
	ASSERT_TRUE(tern_wait_state(self->cport, self->lport, "CLOSING", 1000));

	/* The peer's FIN took one number. */
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt + 1,
				  ci.snd_nxt + 1, SEG_RST | SEG_ACK, NULL, 0));
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 1000));
	EXPECT_EQ(1, tern_stat("InRsts"));
}

TEST_F(conn, orphan_last_ack_exact_reset)
{
	struct tern_info si;
	char rule[96];

	ASSERT_EQ(0, shutdown(self->client, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE_WAIT, 1000));
	ASSERT_TRUE(tern_state_wait_info(self->client, TERN_FIN_WAIT2, 1000));
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1000",
		 self->cport);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, tern_get_info(self->server, &si));
	close(self->server);
	self->server = -1;
	ASSERT_TRUE(tern_stat_wait("FaultDrops", 1, 1000));
	ASSERT_TRUE(tern_wait_state(self->lport, self->cport, "LAST_ACK", 1000));

	ASSERT_EQ(0, seg_raw_send(self->raw, self->cport, self->lport, si.rcv_nxt,
				  si.snd_nxt + 1, SEG_RST | SEG_ACK, NULL, 0));
	EXPECT_TRUE(tern_wait_state(self->lport, self->cport, NULL, 1000));
	EXPECT_EQ(1, tern_stat("InRsts"));
}

/* A connection reset while it waits in the accept queue: accept() still
 * hands it out, closed, with the reset to report, as TCP does.
 */
TEST_F(conn, reset_before_accept)
{
	struct tern_info ci;
	int client, server;
	uint16_t cport;
	char c;

	client = tern_connect_to(self->lport);
	ASSERT_LE(0, client);
	cport = tern_local_port(client);
	ASSERT_TRUE(tern_wait_state(self->lport, cport, "ESTABLISHED", 1000));
	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, seg_raw_send(self->raw, cport, self->lport, ci.snd_nxt, ci.rcv_nxt,
				  SEG_RST | SEG_ACK, NULL, 0));
	EXPECT_TRUE(tern_wait_state(self->lport, cport, NULL, 1000));
	EXPECT_EQ(1, tern_stat("EstabResets"));

	server = accept(self->listener, NULL, NULL);
	ASSERT_LE(0, server);
	EXPECT_EQ(TERN_CLOSE, tern_state(server));
	EXPECT_EQ(ECONNRESET, sock_error(server));
	EXPECT_EQ(-1, send(server, &c, 1, MSG_NOSIGNAL));
	EXPECT_EQ(EPIPE, errno);
	close(server);
	tern_abort_close(client);
}

/* RFC 5961 4.2: a SYN on a synchronized connection is answered by a
 * challenge ACK, and the connection stays as it was.
 */
TEST_F(conn, established_syn_gets_challenge_ack)
{
	struct tern_info ci, after;
	struct cap_seg ack;
	int i;

	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt + 10,
				  0, SEG_SYN, NULL, 0));
	ASSERT_TRUE(cap_wait(self->cap, 2, self->cport, self->lport, 0xff, SEG_ACK, 1000));
	i = cap_nth(self->cap, 1, self->cport, self->lport, 0xff, SEG_ACK);
	ASSERT_LE(0, i);
	ack = cap_at(self->cap, i);
	EXPECT_EQ(ci.snd_nxt, ack.s.seq);
	EXPECT_EQ(ci.rcv_nxt, ack.s.ack);
	EXPECT_EQ(1, tern_stat("ChallengeAcks"));
	ASSERT_EQ(0, tern_get_info(self->client, &after));
	EXPECT_EQ(TERN_ESTABLISHED, after.state);
	EXPECT_EQ(ci.rcv_nxt, after.rcv_nxt);
	EXPECT_EQ(ci.irs, after.irs);
	EXPECT_TRUE(still_connected(self->client, self->server));
}

/* RFC 1337: even an exact RST leaves a TIME_WAIT entry in place. */
TEST_F(conn, time_wait_ignores_reset)
{
	struct tern_proc_entry e;
	struct tern_info ci;

	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	close(self->client);
	self->client = -1;
	ASSERT_TRUE(tern_state_wait_info(self->server, TERN_CLOSE_WAIT, 1000));
	close(self->server);
	self->server = -1;
	ASSERT_TRUE(tern_wait_state(self->cport, self->lport, "TIME_WAIT", 1000));
	ASSERT_TRUE(tern_wait_state(self->lport, self->cport, NULL, 1000));

	/* The peer's FIN took one number: rcv_nxt is one further now. */
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt + 1,
				  ci.snd_nxt + 1, SEG_RST | SEG_ACK, NULL, 0));
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt + 1,
				  0, SEG_RST, NULL, 0));
	sleep_ms(300);
	ASSERT_EQ(1, tern_proc_find(self->cport, self->lport, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	EXPECT_STREQ("timewait", e.timer);
	EXPECT_EQ(1, tern_stat("TimeWaits"));
	/* A RST is never answered. */
	EXPECT_EQ(0, cap_count(self->cap, self->cport, self->lport, SEG_RST, SEG_RST));
}

/* A RST to a listener is dropped: no reply, the listener stays and
 * still accepts connections.
 */
TEST_F(conn, listen_ignores_reset)
{
	int client, server;

	ASSERT_EQ(0, seg_raw_send(self->raw, STRAY_PORT, self->lport, 12345, 0, SEG_RST,
				  NULL, 0));
	ASSERT_EQ(0, seg_raw_send(self->raw, STRAY_PORT, self->lport, 12345, 777,
				  SEG_RST | SEG_ACK, NULL, 0));
	sleep_ms(200);
	EXPECT_TRUE(tern_wait_state(self->lport, 0, "LISTEN", 0));
	EXPECT_EQ(TERN_LISTEN, tern_state(self->listener));
	EXPECT_EQ(0, cap_count(self->cap, self->lport, STRAY_PORT, 0, 0));
	EXPECT_EQ(0, tern_stat("OutRsts"));
	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	EXPECT_EQ(TERN_ESTABLISHED, tern_state(server));
	tern_abort_close(client);
	tern_abort_close(server);
}

/* A segment acknowledging data never sent (SEG.ACK > SND.NXT) is
 * answered with an ACK and dropped, data and all (RFC 793 3.9).
 */
TEST_F(conn, bad_ack_answered_and_dropped)
{
	struct tern_info ci, after;
	struct cap_seg ack;
	int i, inq = -1;

	ASSERT_EQ(0, tern_get_info(self->client, &ci));
	ASSERT_EQ(0, seg_raw_send(self->raw, self->lport, self->cport, ci.rcv_nxt,
				  ci.snd_nxt + 1000, SEG_ACK | SEG_PSH, "bogus", 5));
	ASSERT_TRUE(tern_stat_wait("DropBadAck", 1, 1000));
	ASSERT_TRUE(cap_wait(self->cap, 2, self->cport, self->lport, 0xff, SEG_ACK, 1000));
	i = cap_nth(self->cap, 1, self->cport, self->lport, 0xff, SEG_ACK);
	ASSERT_LE(0, i);
	ack = cap_at(self->cap, i);
	EXPECT_EQ(ci.snd_nxt, ack.s.seq);
	/* The data was not taken. */
	EXPECT_EQ(ci.rcv_nxt, ack.s.ack);
	EXPECT_EQ(1, tern_stat("DropBadAck"));

	ASSERT_EQ(0, tern_get_info(self->client, &after));
	EXPECT_EQ(TERN_ESTABLISHED, after.state);
	EXPECT_EQ(ci.rcv_nxt, after.rcv_nxt);
	EXPECT_EQ(ci.snd_una, after.snd_una);
	EXPECT_EQ(0, after.bytes_received);
	ASSERT_EQ(0, ioctl(self->client, FIONREAD, &inq));
	EXPECT_EQ(0, inq);
	EXPECT_TRUE(still_connected(self->client, self->server));
}

TEST_HARNESS_MAIN
