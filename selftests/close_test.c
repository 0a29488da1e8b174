// SPDX-License-Identifier: GPL-2.0
/*
 * Closing a connection: the 4-way close from either side, simultaneous
 * close through CLOSING (on loopback with a lost FIN, and across a link
 * where the FINs cross), half-close with shutdown() as TCP does it, the
 * aborts (SO_LINGER zero, unread data) and the orphan's FIN_WAIT2 timeout.
 *
 * Transient states are held with fault rules (the ACK that would end them
 * is dropped until the rule is cleared), so every state is seen in
 * /proc/net/tern or TERN_INFO without racing the peer; sequence numbers
 * are checked on captured segments.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "capture.h"
#include "netns.h"
#include "segment.h"
#include "tern_util.h"

/* Generous: the debug kernel under TCG is slow. */
#define WAIT_MS		5000
/* A rule that stays until "clear": the segments it matches never arrive. */
#define HOLD		"count=100000"

static int inq(int fd)
{
	int n;

	return ioctl(fd, FIONREAD, &n) ? -1 : n;
}

static bool inq_wait(int fd, int n, int ms)
{
	for (;;) {
		if (inq(fd) >= n)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

/* A result as one number: the return value, or minus the errno. */
static int res(ssize_t rc)
{
	return rc < 0 ? -errno : (int)rc;
}

static int set_hold(const char *flags, uint16_t sport, uint16_t dport)
{
	char rule[128];

	snprintf(rule, sizeof(rule), "drop flags=%s nodata sport=%u dport=%u " HOLD,
		 flags, sport, dport);
	return tern_set_fault(rule);
}

/* Short timers so that held states resolve quickly once released. */
static int fast_timers(void)
{
	return tern_sysctl_set("rto_initial_ms", 300) ||
	       tern_sysctl_set("rto_min_ms", 200) ||
	       tern_sysctl_set("rto_max_ms", 400) ||
	       tern_sysctl_set("retries", 100);
}

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
	ASSERT_EQ(0, fast_timers());
	self->cap = cap_start();
	ASSERT_NE(NULL, self->cap);
	self->listener = tern_listener(0, 16);
	ASSERT_LE(0, self->listener);
	self->port = tern_local_port(self->listener);
}

FIXTURE_TEARDOWN(lo)
{
	/* Never leave a held connection behind a failed assertion. */
	tern_set_fault("clear");
	cap_free(self->cap);
	close(self->listener);
}

/*
 * The 4-way close, side @a closing first, side @b second:
 *
 *   a: ESTABLISHED -FIN->  FIN_WAIT1  <-ACK-  FIN_WAIT2  <-FIN-  TIME_WAIT
 *   b: ESTABLISHED  CLOSE_WAIT  close() -FIN-> LAST_ACK  <-ACK-  CLOSED
 *
 * FIN_WAIT1 and LAST_ACK are held by dropping the ACK that ends them.
 */
static void four_way_close(struct __test_metadata *_metadata,
			   struct _test_data_lo *self, int a, int b)
{
	uint16_t ap = tern_local_port(a), bp = tern_local_port(b);
	struct tern_info ai, bi, bi2;
	struct tern_proc_entry e;
	struct cap_seg fin, ack;
	long long drops;
	int i, n, first;
	char buf[16];

	ASSERT_EQ(0, tern_get_info(a, &ai));
	ASSERT_EQ(0, tern_get_info(b, &bi));
	ASSERT_EQ(TERN_ESTABLISHED, ai.state);
	ASSERT_EQ(TERN_ESTABLISHED, bi.state);

	/* a closes; b's ACK of the FIN is lost until released. */
	ASSERT_EQ(0, set_hold("ACK", bp, ap));
	ASSERT_EQ(0, close(a));
	ASSERT_TRUE(tern_wait_state(ap, bp, "FIN_WAIT1", WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(ap, bp, &e));
	EXPECT_STREQ("retransmit", e.timer);
	/* b got the FIN: CLOSE_WAIT, end of stream, FIN counted in rcv_nxt. */
	ASSERT_TRUE(tern_state_wait_info(b, TERN_CLOSE_WAIT, WAIT_MS));
	EXPECT_EQ(0, recv(b, buf, sizeof(buf), MSG_DONTWAIT));
	ASSERT_EQ(0, tern_get_info(b, &bi2));
	EXPECT_EQ(ai.snd_nxt + 1, bi2.rcv_nxt);
	EXPECT_TRUE(tern_wait_state(bp, ap, "CLOSE_WAIT", 0));

	/* The FIN goes again and is ACKed again (and dropped again): first
	 * as a tail loss probe, then at the retransmission timeout, which
	 * the retransmits column counts (as TCP's).
	 */
	drops = tern_stat("FaultDrops");
	ASSERT_TRUE(tern_stat_wait("FaultDrops", drops + 2, WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(ap, bp, &e));
	EXPECT_STREQ("FIN_WAIT1", e.state);
	EXPECT_LE(1, e.retransmits);

	/* Released: the next ACK arrives, a is in FIN_WAIT2. */
	ASSERT_EQ(0, tern_set_fault("clear"));
	ASSERT_TRUE(tern_wait_state(ap, bp, "FIN_WAIT2", WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(ap, bp, &e));
	/* An orphan waits there with the FIN_WAIT2 timer. */
	EXPECT_STREQ("keepalive", e.timer);
	EXPECT_EQ(0, e.sendq);

	/* The ACK that got through acknowledges FIN + 1... */
	first = cap_seg_next(self->cap, 0, ap, bp, SEG_FIN | SEG_ACK, 0);
	ASSERT_LE(0, first);
	i = cap_seg_next(self->cap, first, bp, ap, SEG_ACK, 0);
	ASSERT_LE(0, i);
	ack = cap_at(self->cap, i);
	EXPECT_EQ(ai.snd_nxt + 1, ack.s.ack);
	EXPECT_EQ(bi.snd_nxt, ack.s.seq);
	/* ...and every FIN a sent before it carried snd_nxt as it was
	 * before close().
	 */
	n = cap_seg_count(self->cap, 0, ap, bp, SEG_FIN | SEG_ACK, 0);
	EXPECT_LE(2, n);
	for (i = first; (i = cap_seg_find(self->cap, i, ap, bp, SEG_FIN | SEG_ACK, 0)) >= 0; i++) {
		fin = cap_at(self->cap, i);
		EXPECT_EQ(ai.snd_nxt, fin.s.seq);
		EXPECT_EQ(ai.rcv_nxt, fin.s.ack);
	}

	/* b closes; a's ACK of that FIN is lost until released. */
	ASSERT_EQ(0, tern_get_info(b, &bi2));
	ASSERT_EQ(0, set_hold("ACK", ap, bp));
	drops = tern_stat("FaultDrops");
	ASSERT_EQ(0, close(b));
	ASSERT_TRUE(tern_wait_state(bp, ap, "LAST_ACK", WAIT_MS));
	ASSERT_TRUE(tern_wait_state(ap, bp, "TIME_WAIT", WAIT_MS));
	/* b's FIN goes again, as a probe and at the timeout: the TIME_WAIT
	 * entry answers each, dropped too.
	 */
	ASSERT_TRUE(tern_stat_wait("FaultDrops", drops + 3, WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(bp, ap, &e));
	EXPECT_STREQ("LAST_ACK", e.state);
	EXPECT_STREQ("retransmit", e.timer);
	EXPECT_LE(1, e.retransmits);

	/* Released: b gets its ACK and is gone; a stays in TIME_WAIT. */
	ASSERT_EQ(0, tern_set_fault("clear"));
	ASSERT_TRUE(tern_wait_state(bp, ap, NULL, WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(ap, bp, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	EXPECT_STREQ("timewait", e.timer);

	i = cap_seg_next(self->cap, 0, bp, ap, SEG_FIN | SEG_ACK, 0);
	ASSERT_LE(0, i);
	fin = cap_at(self->cap, i);
	EXPECT_EQ(bi2.snd_nxt, fin.s.seq);
	EXPECT_EQ(ai.snd_nxt + 1, fin.s.ack);
	i = cap_seg_next(self->cap, i, ap, bp, SEG_ACK, 0);
	ASSERT_LE(0, i);
	ack = cap_at(self->cap, i);
	EXPECT_EQ(ai.snd_nxt + 1, ack.s.seq);
	EXPECT_EQ(fin.s.seq + 1, ack.s.ack);

	/* Nobody sent a reset, and the table never saw the impossible. */
	EXPECT_EQ(0, cap_seg_count(self->cap, 0, 0, 0, SEG_RST | SEG_ACK, -1));
	EXPECT_EQ(0, cap_seg_count(self->cap, 0, 0, 0, SEG_RST, -1));
	EXPECT_EQ(1, tern_stat("TimeWaits"));
	EXPECT_EQ(0, tern_stat("CurrEstab"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	cap_dump(self->cap, stderr);
}

TEST_F(lo, client_closes_first)
{
	int client, server;

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	four_way_close(_metadata, self, client, server);
	/* The client's side of the 4-tuple is the one in TIME_WAIT. */
	EXPECT_EQ(1, tern_proc_count("TIME_WAIT"));
}

TEST_F(lo, server_closes_first)
{
	struct tern_proc_entry e;
	uint16_t cport;
	int client, server;

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	four_way_close(_metadata, self, server, client);
	/* Now the server's side waits; the listener is untouched. */
	ASSERT_EQ(1, tern_proc_find(self->port, cport, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	ASSERT_EQ(1, tern_proc_find(self->port, 0, &e));
	EXPECT_STREQ("LISTEN", e.state);
	EXPECT_EQ(1, tern_proc_count("TIME_WAIT"));
}

/*
 * Simultaneous close on loopback (RFC 793 figure 14), made deterministic:
 * A's FINs are lost until released, so B's FIN reaches A in FIN_WAIT1.
 *
 *   A: FIN_WAIT1 (FIN lost)  <-FIN-  CLOSING  -ACK->  ...  FIN again -> TIME_WAIT
 *   B: FIN_WAIT1  <-ACK of its FIN-  FIN_WAIT2  <-A's FIN-  TIME_WAIT
 */
TEST_F(lo, simultaneous_close_through_closing)
{
	struct tern_info ai, bi, info;
	struct cap_seg s;
	uint16_t ap, bp;
	long long drops;
	int a, b, i, first;
	char buf[16];

	ASSERT_EQ(0, tern_pair(self->listener, &a, &b));
	ap = tern_local_port(a);
	bp = tern_local_port(b);
	ASSERT_EQ(0, tern_get_info(a, &ai));
	ASSERT_EQ(0, tern_get_info(b, &bi));

	ASSERT_EQ(0, set_hold("FIN|ACK", ap, bp));
	ASSERT_EQ(0, shutdown(a, SHUT_WR));
	ASSERT_EQ(1, tern_stat("FaultDrops"));
	ASSERT_EQ(TERN_FIN_WAIT1, tern_state(a));
	ASSERT_EQ(0, shutdown(b, SHUT_WR));

	/* A got B's FIN while its own was unacknowledged: CLOSING. */
	ASSERT_TRUE(tern_state_wait_info(a, TERN_CLOSING, WAIT_MS));
	/* B got A's ACK of its FIN: FIN_WAIT2, still waiting for A's FIN. */
	ASSERT_TRUE(tern_state_wait_info(b, TERN_FIN_WAIT2, WAIT_MS));
	EXPECT_TRUE(tern_wait_state(ap, bp, "CLOSING", 0));
	EXPECT_TRUE(tern_wait_state(bp, ap, "FIN_WAIT2", 0));
	EXPECT_EQ(0, recv(a, buf, sizeof(buf), MSG_DONTWAIT));
	EXPECT_EQ(-1, recv(b, buf, sizeof(buf), MSG_DONTWAIT));
	EXPECT_EQ(EAGAIN, errno);

	/* A keeps retransmitting its FIN (a probe first, then at each
	 * timeout), and stays in CLOSING meanwhile.
	 */
	drops = tern_stat("FaultDrops");
	ASSERT_TRUE(tern_stat_wait("FaultDrops", drops + 1, WAIT_MS));
	ASSERT_EQ(0, tern_get_info(a, &info));
	EXPECT_EQ(TERN_CLOSING, info.state);
	EXPECT_LE(1, info.total_retrans);
	EXPECT_EQ(ai.snd_nxt, info.snd_una);		/* the FIN, unacked */
	EXPECT_EQ(ai.snd_nxt + 1, info.snd_nxt);
	EXPECT_EQ(bi.snd_nxt + 1, info.rcv_nxt);	/* B's FIN, taken */

	ASSERT_EQ(0, tern_set_fault("clear"));
	ASSERT_TRUE(tern_state_wait_info(a, TERN_CLOSE, WAIT_MS));
	ASSERT_TRUE(tern_state_wait_info(b, TERN_CLOSE, WAIT_MS));
	EXPECT_TRUE(tern_wait_state(ap, bp, "TIME_WAIT", WAIT_MS));
	EXPECT_TRUE(tern_wait_state(bp, ap, "TIME_WAIT", WAIT_MS));
	EXPECT_EQ(2, tern_stat("TimeWaits"));
	cap_dump(self->cap, stderr);

	/* On the wire: B's FIN, which does not acknowledge A's lost one... */
	first = cap_seg_next(self->cap, 0, bp, ap, SEG_FIN | SEG_ACK, 0);
	ASSERT_LE(0, first);
	s = cap_at(self->cap, first);
	EXPECT_EQ(bi.snd_nxt, s.s.seq);
	EXPECT_EQ(ai.snd_nxt, s.s.ack);
	/* ...A's ACK of it from CLOSING, past A's own FIN... */
	i = cap_seg_next(self->cap, first, ap, bp, SEG_ACK, 0);
	ASSERT_LE(0, i);
	s = cap_at(self->cap, i);
	EXPECT_EQ(ai.snd_nxt + 1, s.s.seq);
	EXPECT_EQ(bi.snd_nxt + 1, s.s.ack);
	/* ...the one FIN of A that got through, after all that (the
	 * capture thread may still be catching up with it)...
	 */
	ASSERT_TRUE(cap_seg_wait(self->cap, 1, 0, ap, bp, SEG_FIN | SEG_ACK, 0,
				 CAP_WAIT_MS));
	EXPECT_EQ(1, cap_seg_count(self->cap, 0, ap, bp, SEG_FIN | SEG_ACK, 0));
	i = cap_seg_next(self->cap, i, ap, bp, SEG_FIN | SEG_ACK, 0);
	ASSERT_LE(0, i);
	s = cap_at(self->cap, i);
	EXPECT_EQ(ai.snd_nxt, s.s.seq);
	EXPECT_EQ(bi.snd_nxt + 1, s.s.ack);
	/* ...and B's ACK of it from FIN_WAIT2, entering TIME_WAIT. */
	i = cap_seg_next(self->cap, i, bp, ap, SEG_ACK, 0);
	ASSERT_LE(0, i);
	s = cap_at(self->cap, i);
	EXPECT_EQ(bi.snd_nxt + 1, s.s.seq);
	EXPECT_EQ(ai.snd_nxt + 1, s.s.ack);
	/* A, acknowledged in CLOSING, has nothing left to acknowledge
	 * (RFC 793: CLOSING only waits for the ACK of its FIN): nothing more
	 * comes, however long we look.
	 */
	sleep_ms(300);
	EXPECT_EQ(1, cap_seg_count(self->cap, first, ap, bp, SEG_ACK, 0));
	EXPECT_EQ(1, cap_seg_count(self->cap, first, bp, ap, SEG_ACK, 0));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(a);
	close(b);
}

/* Every segment from @sport after the handshake, FIN or pure ACK, must
 * carry these numbers: @fin (its FIN's sequence number) and the peer's
 * FIN @peer_fin, which the first FIN, sent before that arrived, does not
 * acknowledge. Returns how many FINs there were.
 */
static int check_close_segments(struct __test_metadata *_metadata,
				struct capture *c, uint16_t sport, uint16_t dport,
				uint32_t fin, uint32_t peer_fin)
{
	int i, fins = 0;
	struct cap_seg s;

	for (i = 0; i < cap_len(c); i++) {
		s = cap_at(c, i);
		if (s.s.sport != sport || s.s.dport != dport || (s.s.flags & SEG_SYN))
			continue;
		if (s.s.flags & SEG_FIN) {
			EXPECT_EQ(SEG_FIN | SEG_ACK, s.s.flags & CAP_FLAGS_MASK);
			EXPECT_EQ(fin, s.s.seq);
			EXPECT_EQ(fins ? peer_fin + 1 : peer_fin, s.s.ack);
			fins++;
		} else if (fins) {
			EXPECT_EQ(SEG_ACK, s.s.flags & CAP_FLAGS_MASK);
			EXPECT_EQ(fin + 1, s.s.seq);
			EXPECT_EQ(peer_fin + 1, s.s.ack);
		}
		EXPECT_EQ(0, s.s.payload_len);
	}
	return fins;
}

/*
 * A true simultaneous close across a 100 ms link: both sides shut down
 * before either FIN arrives, so each FIN acknowledges only the other
 * side's data, both sides pass through CLOSING (held there by dropping
 * their ACKs until released) and both end in TIME_WAIT. How the last
 * acknowledgments travel then depends on which FIN is retransmitted
 * first, but every segment's numbers are known.
 */
TEST(simultaneous_close_across_link)
{
	struct tern_info ia, ib;
	struct tern_proc_entry e;
	struct capture *cap;
	struct ns_pair ns;
	uint16_t pa, pb = 7100;
	int l, fa, fb;
	char rule[128];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, ns_pair_create(&ns));
	ASSERT_EQ(0, ns_pair_netem(&ns, 'a', "delay 100ms"));
	ASSERT_EQ(0, ns_pair_netem(&ns, 'b', "delay 100ms"));

	ASSERT_EQ(0, ns_enter(&ns, 'b'));
	ASSERT_EQ(0, tern_sysctl_set("rto_max_ms", 600));
	ASSERT_EQ(0, tern_sysctl_set("retries", 100));
	l = ns_listen(NS_ADDR_B, pb, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, ns_enter(&ns, 'a'));
	ASSERT_EQ(0, tern_sysctl_set("rto_max_ms", 600));
	ASSERT_EQ(0, tern_sysctl_set("retries", 100));
	/* Both directions of A's link. */
	cap = cap_start_dev("ta");
	ASSERT_NE(NULL, cap);
	fa = ns_connect(NS_ADDR_B, pb);
	ASSERT_LE(0, fa);
	fb = accept(l, NULL, NULL);
	ASSERT_LE(0, fb);
	pa = tern_local_port(fa);
	ASSERT_EQ(0, tern_get_info(fa, &ia));
	ASSERT_EQ(0, tern_get_info(fb, &ib));

	/* Hold CLOSING on both sides: their ACKs are lost until released. */
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u " HOLD, pa);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, ns_enter(&ns, 'b'));
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u " HOLD, pb);
	ASSERT_EQ(0, tern_set_fault(rule));

	ASSERT_EQ(0, shutdown(fa, SHUT_WR));
	ASSERT_EQ(0, shutdown(fb, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(fa, TERN_CLOSING, WAIT_MS));
	ASSERT_TRUE(tern_state_wait_info(fb, TERN_CLOSING, WAIT_MS));
	EXPECT_TRUE(tern_wait_state(pb, pa, "CLOSING", 0));
	ASSERT_EQ(0, ns_enter(&ns, 'a'));
	EXPECT_TRUE(tern_wait_state(pa, pb, "CLOSING", 0));
	/* Each FIN crossed the other: it acknowledges only the data. */
	ASSERT_LE(0, cap_seg_next(cap, 0, pa, pb, SEG_FIN | SEG_ACK, 0));
	ASSERT_LE(0, cap_seg_next(cap, 0, pb, pa, SEG_FIN | SEG_ACK, 0));

	/* Released: the close completes on both sides. */
	ASSERT_EQ(0, tern_set_fault("clear"));
	ASSERT_EQ(0, ns_enter(&ns, 'b'));
	ASSERT_EQ(0, tern_set_fault("clear"));
	ASSERT_TRUE(tern_state_wait_info(fa, TERN_CLOSE, WAIT_MS));
	ASSERT_TRUE(tern_state_wait_info(fb, TERN_CLOSE, WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(pb, pa, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	EXPECT_EQ(1, tern_stat("TimeWaits"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	ASSERT_EQ(0, ns_enter(&ns, 'a'));
	ASSERT_EQ(1, tern_proc_find(pa, pb, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	EXPECT_EQ(1, tern_stat("TimeWaits"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));

	/* Let segments still on the 100 ms link arrive. */
	sleep_ms(300);
	cap_stop(cap);
	cap_dump(cap, stderr);
	EXPECT_LE(1, check_close_segments(_metadata, cap, pa, pb, ia.snd_nxt, ib.snd_nxt));
	EXPECT_LE(1, check_close_segments(_metadata, cap, pb, pa, ib.snd_nxt, ia.snd_nxt));

	cap_free(cap);
	close(fa);
	close(fb);
	close(l);
	ns_pair_destroy(&ns);
}

struct sender {
	int fd;
	const uint8_t *buf;
	size_t len;
	int ret;
};

static void *sender_main(void *arg)
{
	struct sender *s = arg;

	s->ret = send_all(s->fd, s->buf, s->len);
	return NULL;
}

#define HALF_CLOSE_BYTES	(1024 * 1024)

/*
 * Half-close: the client shuts down its sending side and goes on
 * receiving; the server reads the end of the stream, then sends 1 MiB
 * from CLOSE_WAIT, which the client in FIN_WAIT2 receives byte for byte.
 */
TEST_F(lo, half_close_then_one_mebibyte)
{
	struct tern_info ci, si, info;
	struct tern_proc_entry e;
	struct sender snd;
	pthread_t thread;
	uint8_t *out, *in;
	uint16_t cport;
	size_t got = 0;
	int client, server, i;
	ssize_t n;

	out = malloc(HALF_CLOSE_BYTES);
	in = malloc(HALF_CLOSE_BYTES);
	ASSERT_NE(NULL, out);
	ASSERT_NE(NULL, in);
	for (i = 0; i < HALF_CLOSE_BYTES; i++)
		out[i] = (i * 7 + i / 4093) & 0xff;

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, tern_get_info(server, &si));

	ASSERT_EQ(0, shutdown(client, SHUT_WR));
	ASSERT_TRUE(tern_state_wait_info(client, TERN_FIN_WAIT2, WAIT_MS));
	/* The server reads the end of the client's stream. */
	EXPECT_EQ(0, recv(server, in, 16, 0));
	EXPECT_EQ(TERN_CLOSE_WAIT, tern_state(server));
	/* The client may no longer send, as with TCP. */
	EXPECT_EQ(-1, send(client, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(EPIPE, errno);

	snd = (struct sender){ .fd = server, .buf = out, .len = HALF_CLOSE_BYTES };
	ASSERT_EQ(0, pthread_create(&thread, NULL, sender_main, &snd));
	while (got < HALF_CLOSE_BYTES) {
		n = recv(client, in + got, HALF_CLOSE_BYTES - got, 0);
		if (n <= 0)
			break;
		got += n;
		if (got >= 64 * 1024 && got - n < 64 * 1024) {
			/* Mid-transfer: the half-closed states hold. */
			EXPECT_EQ(TERN_FIN_WAIT2, tern_state(client));
			EXPECT_EQ(TERN_CLOSE_WAIT, tern_state(server));
			EXPECT_TRUE(tern_wait_state(cport, self->port, "FIN_WAIT2", 0));
			EXPECT_TRUE(tern_wait_state(self->port, cport, "CLOSE_WAIT", 0));
		}
	}
	pthread_join(thread, NULL);
	ASSERT_EQ(0, snd.ret);
	ASSERT_EQ(HALF_CLOSE_BYTES, got);
	EXPECT_EQ(0, memcmp(out, in, HALF_CLOSE_BYTES));
	ASSERT_EQ(0, tern_get_info(client, &info));
	EXPECT_EQ(TERN_FIN_WAIT2, info.state);
	EXPECT_EQ(si.snd_nxt + HALF_CLOSE_BYTES, info.rcv_nxt);
	EXPECT_EQ(HALF_CLOSE_BYTES, info.bytes_received);

	/* The server closes: the client reads the end of the stream. */
	ASSERT_EQ(0, close(server));
	EXPECT_EQ(0, recv(client, in, 16, 0));
	ASSERT_TRUE(tern_state_wait_info(client, TERN_CLOSE, WAIT_MS));
	ASSERT_TRUE(tern_wait_state(cport, self->port, "TIME_WAIT", WAIT_MS));
	ASSERT_TRUE(tern_wait_state(self->port, cport, NULL, WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(cport, self->port, &e));
	EXPECT_STREQ("timewait", e.timer);

	/* The FINs on the wire: each at the end of its side's stream. */
	i = cap_seg_next(self->cap, 0, cport, self->port, SEG_FIN | SEG_ACK, 0);
	ASSERT_LE(0, i);
	EXPECT_EQ(ci.snd_nxt, cap_at(self->cap, i).s.seq);
	i = cap_seg_next(self->cap, 0, self->port, cport, SEG_FIN | SEG_ACK, -1);
	ASSERT_LE(0, i);
	EXPECT_EQ(si.snd_nxt + HALF_CLOSE_BYTES, cap_at(self->cap, i).s.seq +
		  cap_at(self->cap, i).s.payload_len);
	EXPECT_EQ(ci.snd_nxt + 1, cap_at(self->cap, i).s.ack);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(client);
	free(out);
	free(in);
}

/* Sockets of either protocol, to hold Tern against TCP. */
static int proto_listener(int proto)
{
	int fd = sock_of(proto, 0);

	if (fd < 0)
		return -1;
	if (bind_port(fd, 0) || listen(fd, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int proto_connect(int proto, int listener)
{
	struct tern_sockaddr a;
	int fd;

	a.len = sizeof(a.sin6);
	if (getsockname(listener, &a.sa, &a.len))
		return -1;
	fd = sock_of(proto, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, &a.sa, a.len)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int proto_pair(int proto, int listener, int *c, int *s)
{
	*c = proto_connect(proto, listener);
	if (*c < 0)
		return -1;
	*s = accept(listener, NULL, NULL);
	return *s < 0 ? -1 : 0;
}

/* The state as TCP_INFO or TERN_INFO reports it: the same numbers. */
static int proto_state(int proto, int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	if (proto == IPPROTO_TERN)
		return tern_state(fd);
	return getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) ? -1 : ti.tcpi_state;
}

static bool proto_state_wait(int proto, int fd, int state, int ms)
{
	for (;;) {
		if (proto_state(proto, fd) == state)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

/* Blocking reads in the stories below give up after WAIT_MS. */
static int rcv_timeout(int fd)
{
	struct timeval tv = { .tv_sec = WAIT_MS / 1000 };

	return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static int poll_now(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP };

	return poll(&pfd, 1, 0) < 0 ? -errno : pfd.revents;
}

static const char *proto_name(int proto)
{
	return proto == IPPROTO_TERN ? "tern" : "tcp";
}

/* Compare what TCP and Tern did, step by step. */
static void expect_same(struct __test_metadata *_metadata, const int *tcp,
			const int *tern, int n, const char *const *what)
{
	int i;

	for (i = 0; i < n; i++) {
		EXPECT_EQ(tcp[i], tern[i]) {
			TH_LOG("%s: tcp %d, tern %d", what[i], tcp[i], tern[i]);
		}
	}
}

#define SHUT_RD_STEPS	10

static const char *const shut_rd_what[SHUT_RD_STEPS] = {
	"shutdown(SHUT_RD)", "poll after SHUT_RD", "recv of data queued before",
	"recv after that", "recv of data sent after SHUT_RD", "send after SHUT_RD",
	"peer receives it", "state after SHUT_RD", "shutdown(SHUT_RD) again",
	"peer state",
};

/* @fins: for Tern, how many FINs @cap saw before the sockets closed. */
static void shut_rd_story(struct __test_metadata *_metadata, int proto, int *o,
			  struct capture *cap, int *fins)
{
	int l, c, s;
	char buf[64];

	l = proto_listener(proto);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, proto_pair(proto, l, &c, &s));
	ASSERT_EQ(3, send(s, "pre", 3, 0));
	ASSERT_TRUE(inq_wait(c, 3, WAIT_MS));

	o[0] = res(shutdown(c, SHUT_RD));
	o[1] = poll_now(c);
	o[2] = res(recv(c, buf, sizeof(buf), MSG_DONTWAIT));
	o[3] = res(recv(c, buf, sizeof(buf), MSG_DONTWAIT));
	ASSERT_EQ(4, send(s, "post", 4, 0));
	inq_wait(c, 4, 2000);
	o[4] = res(recv(c, buf, sizeof(buf), MSG_DONTWAIT));
	o[5] = res(send(c, "x", 1, MSG_NOSIGNAL));
	inq_wait(s, 1, 2000);
	o[6] = res(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	o[7] = proto_state(proto, c);
	o[8] = res(shutdown(c, SHUT_RD));
	o[9] = proto_state(proto, s);
	TH_LOG("%s: %d %d %d %d %d %d %d %d %d %d", proto_name(proto), o[0], o[1],
	       o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9]);
	if (proto == IPPROTO_TERN)
		*fins = cap_seg_count(cap, 0, 0, 0, SEG_FIN | SEG_ACK, -1);
	close(c);
	close(s);
	close(l);
}

/*
 * shutdown(SHUT_RD) only stops the reader: no FIN, the peer may go on
 * sending, data queued before stays readable, and then recv() reports
 * the end of the stream, all as TCP does.
 */
TEST_F(lo, shut_rd_as_tcp)
{
	int tcp[SHUT_RD_STEPS], tern[SHUT_RD_STEPS], fins = -1;

	shut_rd_story(_metadata, IPPROTO_TCP, tcp, self->cap, &fins);
	shut_rd_story(_metadata, IPPROTO_TERN, tern, self->cap, &fins);
	expect_same(_metadata, tcp, tern, SHUT_RD_STEPS, shut_rd_what);
	/* What both should do. */
	EXPECT_EQ(0, tern[0]);
	EXPECT_EQ(3, tern[2]);
	EXPECT_EQ(0, tern[3]);
	EXPECT_EQ(1, tern[5]);
	EXPECT_EQ(TERN_ESTABLISHED, tern[7]);
	EXPECT_EQ(TERN_ESTABLISHED, tern[9]);
	/* Shutting down reading sends nothing: no FIN left either side. */
	EXPECT_EQ(0, fins);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

#define SHUT_RDWR_STEPS	15

static const char *const shut_rdwr_what[SHUT_RDWR_STEPS] = {
	"shutdown(SHUT_RDWR)", "peer reads end of stream", "state", "peer state",
	"recv after SHUT_RDWR", "send after SHUT_RDWR", "poll after SHUT_RDWR",
	"peer sends data", "state after peer's data", "peer state after its data",
	"recv after peer's data", "peer send after that", "peer recv after that",
	"poll at the end", "shutdown(SHUT_RDWR) again",
};

static void shut_rdwr_story(struct __test_metadata *_metadata, int proto, int *o)
{
	int l, c, s, i;
	char buf[64];

	l = proto_listener(proto);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, proto_pair(proto, l, &c, &s));
	ASSERT_EQ(0, rcv_timeout(s));

	o[0] = res(shutdown(c, SHUT_RDWR));
	o[1] = res(recv(s, buf, sizeof(buf), 0));
	proto_state_wait(proto, c, TERN_FIN_WAIT2, WAIT_MS);
	o[2] = proto_state(proto, c);
	o[3] = proto_state(proto, s);
	o[4] = res(recv(c, buf, sizeof(buf), MSG_DONTWAIT));
	o[5] = res(send(c, "x", 1, MSG_NOSIGNAL));
	o[6] = poll_now(c);
	/* Data for a socket that shut down reading and writing. */
	o[7] = res(send(s, "late", 4, MSG_NOSIGNAL));
	for (i = 0; i < 2000; i += 5) {
		if (inq(c) >= 4 ||
		    (proto_state(proto, c) != TERN_FIN_WAIT2 &&
		     proto_state(proto, s) != TERN_CLOSE_WAIT))
			break;
		sleep_ms(5);
	}
	o[8] = proto_state(proto, c);
	o[9] = proto_state(proto, s);
	o[10] = res(recv(c, buf, sizeof(buf), MSG_DONTWAIT));
	o[11] = res(send(s, "more", 4, MSG_NOSIGNAL));
	o[12] = res(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	o[13] = poll_now(c);
	o[14] = res(shutdown(c, SHUT_RDWR));
	TH_LOG("%s: %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d", proto_name(proto),
	       o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9], o[10],
	       o[11], o[12], o[13], o[14]);
	close(c);
	close(s);
	close(l);
}

/*
 * shutdown(SHUT_RDWR): a FIN, end of stream for the reader, EPIPE for the
 * writer; data the peer sends afterwards can never be read, so the
 * connection is reset, as TCP does (RFC 1122 4.2.2.13).
 */
TEST_F(lo, shut_rdwr_as_tcp)
{
	int tcp[SHUT_RDWR_STEPS], tern[SHUT_RDWR_STEPS];

	shut_rdwr_story(_metadata, IPPROTO_TCP, tcp);
	shut_rdwr_story(_metadata, IPPROTO_TERN, tern);
	expect_same(_metadata, tcp, tern, SHUT_RDWR_STEPS, shut_rdwr_what);
	EXPECT_EQ(0, tern[0]);
	EXPECT_EQ(0, tern[1]);
	EXPECT_EQ(TERN_FIN_WAIT2, tern[2]);
	EXPECT_EQ(TERN_CLOSE_WAIT, tern[3]);
	EXPECT_EQ(0, tern[4]);
	EXPECT_EQ(-EPIPE, tern[5]);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

#define SHUT_ERR_STEPS	8

static const char *const shut_err_what[SHUT_ERR_STEPS] = {
	"shutdown of an unconnected socket", "shutdown with a bad how",
	"shutdown(SHUT_WR)", "shutdown(SHUT_WR) again", "send after SHUT_WR",
	"shutdown of a listener", "accept on it", "connect to it",
};

static void shut_err_story(struct __test_metadata *_metadata, int proto, int *o)
{
	int l, l2, c, s, u, fd;

	l = proto_listener(proto);
	ASSERT_LE(0, l);
	l2 = proto_listener(proto);
	ASSERT_LE(0, l2);
	ASSERT_EQ(0, proto_pair(proto, l, &c, &s));
	u = sock_of(proto, 0);
	ASSERT_LE(0, u);

	o[0] = res(shutdown(u, SHUT_RDWR));
	o[1] = res(shutdown(c, SHUT_RDWR + 1));
	o[2] = res(shutdown(c, SHUT_WR));
	o[3] = res(shutdown(c, SHUT_WR));
	o[4] = res(send(c, "x", 1, MSG_NOSIGNAL));
	o[5] = res(shutdown(l2, SHUT_RDWR));
	ASSERT_EQ(0, fcntl(l2, F_SETFL, O_NONBLOCK));
	fd = accept(l2, NULL, NULL);
	o[6] = res(fd);
	if (fd >= 0)
		close(fd);
	fd = proto_connect(proto, l2);
	o[7] = fd < 0 ? -errno : 0;
	if (fd >= 0)
		close(fd);
	close(u);
	close(c);
	close(s);
	close(l2);
	close(l);
}

TEST_F(lo, shutdown_errors_as_tcp)
{
	int tcp[SHUT_ERR_STEPS], tern[SHUT_ERR_STEPS];

	shut_err_story(_metadata, IPPROTO_TCP, tcp);
	shut_err_story(_metadata, IPPROTO_TERN, tern);
	expect_same(_metadata, tcp, tern, SHUT_ERR_STEPS, shut_err_what);
	EXPECT_EQ(-ENOTCONN, tern[0]);
	EXPECT_EQ(-EINVAL, tern[1]);
	EXPECT_EQ(-EPIPE, tern[4]);
	EXPECT_EQ(-ECONNREFUSED, tern[7]);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

/* What the peer of an aborted connection sees: recv(), then send(). */
static void peer_sees(int fd, int *o)
{
	char buf[16];

	o[0] = res(recv(fd, buf, sizeof(buf), 0));
	o[1] = res(send(fd, "x", 1, MSG_NOSIGNAL));
}

/* close() with SO_LINGER {1, 0}; returns the peer's view in @o. */
static void linger_story(struct __test_metadata *_metadata, int proto, int *o)
{
	struct linger lin = { .l_onoff = 1, .l_linger = 0 };
	int l, c, s;

	l = proto_listener(proto);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, proto_pair(proto, l, &c, &s));
	ASSERT_EQ(0, setsockopt(c, SOL_SOCKET, SO_LINGER, &lin, sizeof(lin)));
	ASSERT_EQ(0, close(c));
	ASSERT_TRUE(proto_state_wait(proto, s, TERN_CLOSE, WAIT_MS));
	peer_sees(s, o);
	close(s);
	close(l);
}

/*
 * SO_LINGER with a zero timeout: close() aborts with a RST at snd_nxt
 * instead of a FIN, the peer gets ECONNRESET, and nothing waits in
 * TIME_WAIT.
 */
TEST_F(lo, linger_zero_close_resets)
{
	struct linger lin = { .l_onoff = 1, .l_linger = 0 };
	struct tern_info ci;
	struct cap_seg rst;
	int tcp[2], tern[2];
	uint16_t cport;
	int client, server, i;

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	ASSERT_EQ(0, setsockopt(client, SOL_SOCKET, SO_LINGER, &lin, sizeof(lin)));
	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, close(client));

	ASSERT_TRUE(cap_seg_wait(self->cap, 1, 0, cport, self->port, SEG_RST | SEG_ACK, 0,
				 WAIT_MS));
	i = cap_seg_next(self->cap, 0, cport, self->port, SEG_RST | SEG_ACK, 0);
	rst = cap_at(self->cap, i);
	EXPECT_EQ(ci.snd_nxt, rst.s.seq);
	EXPECT_EQ(ci.rcv_nxt, rst.s.ack);
	EXPECT_EQ(0, cap_count(self->cap, cport, self->port, SEG_FIN, SEG_FIN));

	ASSERT_TRUE(tern_state_wait_info(server, TERN_CLOSE, WAIT_MS));
	peer_sees(server, tern);
	EXPECT_EQ(-ECONNRESET, tern[0]);
	EXPECT_EQ(-EPIPE, tern[1]);
	EXPECT_TRUE(tern_wait_state(cport, self->port, NULL, WAIT_MS));
	EXPECT_TRUE(tern_wait_state(self->port, cport, NULL, 0));
	EXPECT_EQ(0, tern_proc_count("TIME_WAIT"));
	EXPECT_EQ(0, tern_stat("TimeWaits"));
	EXPECT_EQ(1, tern_stat("AbortOnLinger"));
	EXPECT_EQ(0, tern_stat("AbortOnClose"));
	EXPECT_EQ(1, tern_stat("OutRsts"));
	EXPECT_EQ(1, tern_stat("InRsts"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(server);

	/* The peer's view, as TCP gives it. */
	linger_story(_metadata, IPPROTO_TCP, tcp);
	EXPECT_EQ(tcp[0], tern[0]);
	EXPECT_EQ(tcp[1], tern[1]);
}

/* close() with unread data; returns the peer's view in @o. */
static void unread_story(struct __test_metadata *_metadata, int proto, int *o)
{
	char data[1000] = { 0 };
	int l, c, s;

	l = proto_listener(proto);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, proto_pair(proto, l, &c, &s));
	ASSERT_EQ(0, send_all(c, data, sizeof(data)));
	ASSERT_TRUE(inq_wait(s, sizeof(data), WAIT_MS));
	ASSERT_EQ(0, close(s));
	ASSERT_TRUE(proto_state_wait(proto, c, TERN_CLOSE, WAIT_MS));
	peer_sees(c, o);
	close(c);
	close(l);
}

/*
 * close() with received data the user never read: the peer must learn
 * that data was lost, so a RST replaces the FIN (RFC 2525 2.17), counted
 * as AbortOnClose, as TCP does.
 */
TEST_F(lo, close_with_unread_data_resets)
{
	char data[1000] = { 0 };
	int tcp[2], tern[2];
	struct tern_info si;
	struct cap_seg rst;
	uint16_t cport;
	int client, server, i;

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	ASSERT_EQ(0, send_all(client, data, sizeof(data)));
	ASSERT_TRUE(inq_wait(server, sizeof(data), WAIT_MS));
	ASSERT_EQ(0, tern_get_info(server, &si));
	ASSERT_EQ(0, close(server));

	ASSERT_TRUE(cap_seg_wait(self->cap, 1, 0, self->port, cport, SEG_RST | SEG_ACK, 0,
				 WAIT_MS));
	i = cap_seg_next(self->cap, 0, self->port, cport, SEG_RST | SEG_ACK, 0);
	rst = cap_at(self->cap, i);
	EXPECT_EQ(si.snd_nxt, rst.s.seq);
	EXPECT_EQ(si.rcv_nxt, rst.s.ack);
	EXPECT_EQ(0, cap_count(self->cap, self->port, cport, SEG_FIN, SEG_FIN));

	ASSERT_TRUE(tern_state_wait_info(client, TERN_CLOSE, WAIT_MS));
	peer_sees(client, tern);
	EXPECT_EQ(-ECONNRESET, tern[0]);
	EXPECT_EQ(-EPIPE, tern[1]);
	EXPECT_TRUE(tern_wait_state(self->port, cport, NULL, WAIT_MS));
	EXPECT_EQ(0, tern_proc_count("TIME_WAIT"));
	EXPECT_EQ(1, tern_stat("AbortOnClose"));
	EXPECT_EQ(0, tern_stat("AbortOnLinger"));
	EXPECT_EQ(1, tern_stat("OutRsts"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(client);

	unread_story(_metadata, IPPROTO_TCP, tcp);
	EXPECT_EQ(tcp[0], tern[0]);
	EXPECT_EQ(tcp[1], tern[1]);
}

/*
 * An orphan in FIN_WAIT2 whose peer never closes is reset after
 * fin_timeout_ms: a RST past its FIN, FinWait2Timeouts, no TIME_WAIT.
 */
TEST_F(lo, orphan_fin_wait2_times_out)
{
	struct tern_proc_entry e;
	struct tern_info ci, si;
	struct cap_seg rst;
	uint64_t t0, t1;
	uint16_t cport;
	int client, server, i;
	char buf[16];

	ASSERT_EQ(0, tern_sysctl_set("fin_timeout_ms", 1000));
	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, tern_get_info(server, &si));

	t0 = now_us();
	ASSERT_EQ(0, close(client));
	ASSERT_TRUE(tern_wait_state(cport, self->port, "FIN_WAIT2", WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(cport, self->port, &e));
	ASSERT_STREQ("FIN_WAIT2", e.state);
	EXPECT_STREQ("keepalive", e.timer);
	EXPECT_LT(0, e.expires_ms);
	EXPECT_GE(1000, e.expires_ms);
	EXPECT_EQ(TERN_CLOSE_WAIT, tern_state(server));

	ASSERT_TRUE(tern_wait_state(cport, self->port, NULL, WAIT_MS));
	t1 = now_us();
	/* Not before fin_timeout_ms (less a jiffy of rounding). */
	EXPECT_LE(980, (t1 - t0) / 1000);
	EXPECT_EQ(1, tern_stat("FinWait2Timeouts"));

	ASSERT_TRUE(cap_seg_wait(self->cap, 1, 0, cport, self->port, SEG_RST | SEG_ACK, 0,
				 WAIT_MS));
	i = cap_seg_next(self->cap, 0, cport, self->port, SEG_RST | SEG_ACK, 0);
	rst = cap_at(self->cap, i);
	EXPECT_EQ(ci.snd_nxt + 1, rst.s.seq);	/* past the FIN */
	EXPECT_EQ(si.snd_nxt, rst.s.ack);

	/* The peer, in CLOSE_WAIT, learns it with EPIPE, as TCP reports it. */
	ASSERT_TRUE(tern_state_wait_info(server, TERN_CLOSE, WAIT_MS));
	EXPECT_EQ(0, recv(server, buf, sizeof(buf), 0));
	EXPECT_EQ(-1, send(server, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(EPIPE, errno);
	EXPECT_EQ(0, tern_proc_count("TIME_WAIT"));
	EXPECT_EQ(0, tern_stat("TimeWaits"));
	EXPECT_EQ(1, tern_stat("EstabResets"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(server);
}

TEST_HARNESS_MAIN
