// SPDX-License-Identifier: GPL-2.0
/*
 * TIME_WAIT: the entry the active closer leaves behind for 2 MSL. The
 * seeds' lost final ACK (the peer's FIN comes again and is acknowledged
 * again, and the wait starts over), the 2 MSL lifetime, the 4-tuple and
 * port it keeps from reuse, RFC 1337 (a RST does not end it), stray
 * segments of the old connection, answered with an ACK and delivered to
 * nobody, and a new SYN that reopens the 4-tuple (RFC 6191) while an old
 * one does not. Segments are captured on loopback and crafted on a raw socket.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "capture.h"
#include "segment.h"
#include "tern_util.h"

/* Generous: the debug kernel under TCG is slow. */
#define WAIT_MS		5000
/* Data the server sends before closing: what a stray old segment repeats. */
#define OLD_DATA	100

static long ms_since(uint64_t t)
{
	return (long)((now_us() - t) / 1000);
}

FIXTURE(lo) {
	int listener;
	uint16_t port;
	struct capture *cap;
	int raw;
};

TERN_FAMILY_VARIANTS(lo);

FIXTURE_SETUP(lo)
{
	tern_use_family(variant->family);
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 300));
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 200));
	ASSERT_EQ(0, tern_sysctl_set("rto_max_ms", 400));
	ASSERT_EQ(0, tern_sysctl_set("retries", 100));
	self->cap = cap_start();
	ASSERT_NE(NULL, self->cap);
	self->listener = tern_listener(0, 16);
	ASSERT_LE(0, self->listener);
	self->port = tern_local_port(self->listener);
	self->raw = seg_raw_open();
	ASSERT_LE(0, self->raw);
}

FIXTURE_TEARDOWN(lo)
{
	tern_set_fault("clear");
	cap_free(self->cap);
	close(self->raw);
	close(self->listener);
}

/* The numbers of a connection that went to TIME_WAIT. */
struct tw {
	uint16_t cport;
	uint32_t old_seq;	/* the server's OLD_DATA bytes started here */
	uint32_t cfin;		/* the client's FIN */
	uint32_t sfin;		/* the server's FIN */
	uint32_t rcv_wnd;	/* the client's last advertised window */
};

/* A client bound to @bind_port (0: any, with SO_REUSEADDR if @reuse)
 * connects; the server sends OLD_DATA bytes; the client closes first,
 * then the server: the client's side ends in TIME_WAIT.
 */
static void make_time_wait(struct __test_metadata *_metadata,
			   struct _test_data_lo *self, uint16_t bind_port,
			   bool reuse, struct tw *tw)
{
	struct tern_sockaddr sa = tern_loopback(bind_port);
	struct tern_info ci, si;
	char buf[OLD_DATA] = { 0 };
	int client, server, i, one = 1;

	client = tern_socket();
	ASSERT_LE(0, client);
	ASSERT_EQ(0, reuse ? setsockopt(client, SOL_SOCKET, SO_REUSEADDR, &one,
					sizeof(one)) : 0);
	ASSERT_EQ(0, bind_port ? bind(client, &sa.sa, sa.len) : 0);
	ASSERT_EQ(0, connect_port(client, self->port));
	server = accept(self->listener, NULL, NULL);
	ASSERT_LE(0, server);
	tw->cport = tern_local_port(client);

	ASSERT_EQ(0, tern_get_info(server, &si));
	tw->old_seq = si.snd_nxt;
	ASSERT_EQ(0, send_all(server, buf, sizeof(buf)));
	ASSERT_EQ(0, recv_all(client, buf, sizeof(buf)));
	ASSERT_EQ(0, tern_get_info(client, &ci));
	tw->cfin = ci.snd_nxt;
	ASSERT_EQ(tw->old_seq + OLD_DATA, ci.rcv_nxt);

	ASSERT_EQ(0, close(client));
	ASSERT_TRUE(tern_wait_state(tw->cport, self->port, "FIN_WAIT2", WAIT_MS));
	ASSERT_EQ(0, recv(server, buf, sizeof(buf), 0));
	ASSERT_EQ(0, tern_get_info(server, &si));
	tw->sfin = si.snd_nxt;
	ASSERT_EQ(tw->cfin + 1, si.rcv_nxt);
	ASSERT_EQ(0, close(server));
	ASSERT_TRUE(tern_wait_state(tw->cport, self->port, "TIME_WAIT", WAIT_MS));
	ASSERT_TRUE(tern_wait_state(self->port, tw->cport, NULL, WAIT_MS));
	/* The client's last segment, its ACK of the FIN, shows the window. */
	i = cap_seg_next(self->cap, 0, self->port, tw->cport, SEG_FIN | SEG_ACK, 0);
	ASSERT_LE(0, i);
	ASSERT_TRUE(cap_seg_wait(self->cap, 1, i, tw->cport, self->port, SEG_ACK, 0, WAIT_MS));
	i = cap_seg_next(self->cap, i, tw->cport, self->port, SEG_ACK, 0);
	tw->rcv_wnd = cap_at(self->cap, i).s.window;
}

/* Send a crafted segment from the server's port to the client's. */
static int send_crafted(struct _test_data_lo *self, const struct tw *tw,
			uint32_t seq, uint32_t ack, uint8_t flags,
			const void *payload, size_t len)
{
	return seg_raw_send(self->raw, self->port, tw->cport, seq, ack, flags,
			    payload, len);
}

/*
 * The seeds' lost final ACK: the client's ACK of the server's FIN is
 * lost, so the server (LAST_ACK) sends its FIN again; the client's
 * TIME_WAIT entry acknowledges it again and starts its 2 MSL over; the
 * server closes.
 */
TEST_F(lo, lost_final_ack_is_sent_again)
{
	struct tern_proc_entry e;
	struct tern_info ci, si;
	struct cap_seg fin1, fin2, ack;
	uint64_t t0, t2;
	long e0, e1;
	uint16_t cport;
	int client, server, i, j;
	char rule[96], buf[16];

	/* TIME_WAIT 3 s; the server's FIN retransmitted after exactly 600 ms. */
	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 1500));
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 600));
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 600));
	ASSERT_EQ(0, tern_sysctl_set("rto_max_ms", 600));

	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, close(client));
	ASSERT_TRUE(tern_wait_state(cport, self->port, "FIN_WAIT2", WAIT_MS));
	ASSERT_EQ(0, recv(server, buf, sizeof(buf), 0));
	EXPECT_TRUE(tern_wait_state(self->port, cport, "CLOSE_WAIT", 0));

	/* The client's next pure ACK is lost. */
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1", cport);
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, tern_get_info(server, &si));
	ASSERT_EQ(0, close(server));

	ASSERT_TRUE(tern_wait_state(cport, self->port, "TIME_WAIT", WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(cport, self->port, &e));
	t0 = now_us();
	e0 = e.expires_ms;
	EXPECT_STREQ("timewait", e.timer);
	EXPECT_GE(3000, e0);
	/* The server did not hear the ACK: LAST_ACK, FIN on the timer. */
	ASSERT_EQ(1, tern_proc_find(self->port, cport, &e));
	EXPECT_STREQ("LAST_ACK", e.state);
	EXPECT_STREQ("retransmit", e.timer);
	EXPECT_EQ(1, tern_stat("FaultDrops"));

	/* The FIN comes again, the TIME_WAIT entry answers, the server goes. */
	ASSERT_TRUE(cap_seg_wait(self->cap, 2, 0, self->port, cport, SEG_FIN | SEG_ACK, 0,
				 WAIT_MS));
	ASSERT_TRUE(tern_wait_state(self->port, cport, NULL, WAIT_MS));
	t2 = now_us();
	ASSERT_EQ(1, tern_proc_find(cport, self->port, &e));
	e1 = e.expires_ms;
	EXPECT_STREQ("TIME_WAIT", e.state);
	cap_dump(self->cap, stderr);

	i = cap_seg_next(self->cap, 0, self->port, cport, SEG_FIN | SEG_ACK, 0);
	fin1 = cap_at(self->cap, i);
	j = cap_seg_next(self->cap, i + 1, self->port, cport, SEG_FIN | SEG_ACK, 0);
	fin2 = cap_at(self->cap, j);
	EXPECT_EQ(si.snd_nxt, fin1.s.seq);
	EXPECT_EQ(si.snd_nxt, fin2.s.seq);
	EXPECT_EQ(ci.snd_nxt + 1, fin1.s.ack);
	EXPECT_EQ(ci.snd_nxt + 1, fin2.s.ack);
	/* Retransmitted after the RTO, not sooner. */
	EXPECT_LE(500, (long)(fin2.t_us - fin1.t_us) / 1000);
	/* After the second FIN, the TIME_WAIT entry's ACK... */
	ack = cap_at(self->cap, cap_seg_next(self->cap, j, cport, self->port, SEG_ACK, 0));
	EXPECT_EQ(ci.snd_nxt + 1, ack.s.seq);
	EXPECT_EQ(si.snd_nxt + 1, ack.s.ack);
	/* ...once; between the two FINs the client's ACK never arrived. */
	EXPECT_EQ(1, cap_seg_count(self->cap, j, cport, self->port, SEG_ACK, 0));
	EXPECT_EQ(0, cap_seg_count(self->cap, i, cport, self->port, SEG_ACK, 0) -
		     cap_seg_count(self->cap, j, cport, self->port, SEG_ACK, 0));
	EXPECT_EQ(2, cap_seg_count(self->cap, 0, self->port, cport, SEG_FIN | SEG_ACK, 0));

	/* The 2 MSL wait started over when the FIN came again: without the
	 * restart e1 would be at most e0 - (t2 - t0); the restart adds the
	 * 600 ms the server waited.
	 */
	TH_LOG("e0 %ld e1 %ld, %ld ms apart", e0, e1, (long)(t2 - t0) / 1000);
	EXPECT_LT(e0 - (long)(t2 - t0) / 1000 + 300, e1);
	EXPECT_GE(3000, e1);
	EXPECT_EQ(1, tern_stat("TimeWaits"));
	EXPECT_EQ(0, tern_stat("OutRsts"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

/* TIME_WAIT lasts 2 * msl_ms, then the entry is gone. */
TEST_F(lo, lasts_two_msl)
{
	struct tern_proc_entry e;
	uint64_t t0;
	uint16_t cport;
	int client, server;
	char buf[16];
	long gone;

	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 300));
	ASSERT_EQ(0, tern_pair(self->listener, &client, &server));
	cport = tern_local_port(client);
	ASSERT_EQ(0, close(client));
	ASSERT_TRUE(tern_wait_state(cport, self->port, "FIN_WAIT2", WAIT_MS));
	ASSERT_EQ(0, recv(server, buf, sizeof(buf), 0));
	/* TIME_WAIT cannot start before the server's FIN. */
	t0 = now_us();
	ASSERT_EQ(0, close(server));
	ASSERT_TRUE(tern_wait_state(cport, self->port, "TIME_WAIT", WAIT_MS));
	ASSERT_EQ(1, tern_proc_find(cport, self->port, &e));
	EXPECT_STREQ("timewait", e.timer);
	EXPECT_GE(600, e.expires_ms);
	EXPECT_EQ(1, tern_stat("TimeWaits"));

	ASSERT_TRUE(tern_wait_state(cport, self->port, NULL, 10 * WAIT_MS));
	gone = ms_since(t0);
	TH_LOG("TIME_WAIT gone %ld ms after the server closed", gone);
	/* Not before 2 MSL (less a jiffy of rounding)... */
	EXPECT_LE(590, gone);
	/* ...and not much later. */
	EXPECT_GT(600 + WAIT_MS, gone);
	EXPECT_EQ(0, tern_proc_count("TIME_WAIT"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

static int socket_bound(int proto, uint16_t port, bool reuse, int *fd)
{
	int one = 1;

	*fd = sock_of(proto, 0);
	if (*fd < 0)
		return -errno;
	if (reuse)
		setsockopt(*fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	return bind_port(*fd, port);
}

/* What reuse of a port in TIME_WAIT gives, for TCP or Tern. */
struct reuse_result {
	int bind_plain;		/* bind() without SO_REUSEADDR */
	int bind_reuse;		/* bind() with it */
	int connect_same;	/* connect() of that to the same peer */
};

/* Put a connection from @port into TIME_WAIT with TCP, then try reuse. */
static void tcp_reuse_story(struct __test_metadata *_metadata, uint16_t port,
			    struct reuse_result *r)
{
	int l, c, s, n1, n2, i;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	uint16_t lport;
	char buf[16];

	ASSERT_EQ(0, socket_bound(IPPROTO_TCP, 0, false, &l));
	ASSERT_EQ(0, listen(l, 4));
	ASSERT_EQ(0, getsockname(l, (struct sockaddr *)&sin, &len));
	lport = ntohs(sin.sin_port);
	ASSERT_EQ(0, socket_bound(IPPROTO_TCP, port, true, &c));
	ASSERT_EQ(0, connect_port(c, lport));
	s = accept(l, NULL, NULL);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, close(c));
	ASSERT_EQ(0, recv(s, buf, sizeof(buf), 0));
	ASSERT_EQ(0, close(s));
	for (i = 0; i < WAIT_MS && tcp_proc_state(port, lport) != 6; i += 5)
		sleep_ms(5);
	ASSERT_EQ(6, tcp_proc_state(port, lport));	/* TCP_TIME_WAIT */

	r->bind_plain = socket_bound(IPPROTO_TCP, port, false, &n1);
	r->bind_reuse = socket_bound(IPPROTO_TCP, port, true, &n2);
	r->connect_same = connect_port(n2, lport);
	close(n1);
	close(n2);
	close(l);
}

/*
 * While the entry lasts, its port cannot be bound without SO_REUSEADDR,
 * and even with it the same 4-tuple cannot connect again (EADDRNOTAVAIL),
 * as with TCP without timestamps (TCP may reuse the 4-tuple when PAWS
 * protects it; Tern has no timestamps). Once it expired, the port is free.
 */
TEST_F(lo, keeps_port_and_four_tuple)
{
	struct reuse_result tcp, tern;
	struct tern_info info, srv;
	struct tw tw;
	int n1, n2, n3, server;

	/* Linux TCP as RFC 793 has it: no TIME_WAIT reuse, no PAWS. */
	ASSERT_EQ(0, write_file("/proc/sys/net/ipv4/tcp_tw_reuse", "0"));
	ASSERT_EQ(0, write_file("/proc/sys/net/ipv4/tcp_timestamps", "0"));
	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 1500));

	make_time_wait(_metadata, self, 0, true, &tw);
	tern.bind_plain = socket_bound(IPPROTO_TERN, tw.cport, false, &n1);
	tern.bind_reuse = socket_bound(IPPROTO_TERN, tw.cport, true, &n2);
	tern.connect_same = connect_port(n2, self->port);
	/* All of that happened while the entry was there. */
	EXPECT_TRUE(tern_wait_state(tw.cport, self->port, "TIME_WAIT", 0));
	EXPECT_EQ(-EADDRINUSE, tern.bind_plain);
	EXPECT_EQ(0, tern.bind_reuse);
	EXPECT_EQ(-EADDRNOTAVAIL, tern.connect_same);
	close(n1);
	close(n2);

	tcp_reuse_story(_metadata, tw.cport, &tcp);
	EXPECT_EQ(tcp.bind_plain, tern.bind_plain);
	EXPECT_EQ(tcp.bind_reuse, tern.bind_reuse);
	EXPECT_EQ(tcp.connect_same, tern.connect_same);

	/* After 2 MSL: the port binds without SO_REUSEADDR and connects. */
	ASSERT_TRUE(tern_wait_state(tw.cport, self->port, NULL, 2 * WAIT_MS));
	ASSERT_EQ(0, socket_bound(IPPROTO_TERN, tw.cport, false, &n3));
	ASSERT_EQ(0, connect_port(n3, self->port));
	server = accept(self->listener, NULL, NULL);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, tern_get_info(n3, &info));
	EXPECT_EQ(TERN_ESTABLISHED, info.state);
	EXPECT_EQ(tw.cport, tern_local_port(n3));
	EXPECT_EQ(self->port, tern_peer_port(n3));
	/* The server accepted the new incarnation, from its new ISN. */
	ASSERT_EQ(0, tern_get_info(server, &srv));
	EXPECT_EQ(info.iss, srv.irs);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(n3);
	close(server);
}

/*
 * RFC 1337: a RST, even one exactly at rcv_nxt, does not end TIME_WAIT
 * (it would let old duplicates into a new incarnation); it is dropped
 * without an answer and the timer is not touched.
 */
TEST_F(lo, rst_does_not_end_it)
{
	struct tern_proc_entry e;
	long long in_segs, out_segs;
	uint64_t t0;
	struct tw tw;
	long e0;
	int fd;

	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 5000));
	make_time_wait(_metadata, self, 0, false, &tw);
	ASSERT_EQ(1, tern_proc_find(tw.cport, self->port, &e));
	e0 = e.expires_ms;
	t0 = now_us();

	in_segs = tern_stat("InSegs");
	out_segs = tern_stat("OutSegs");
	/* A RST at exactly rcv_nxt, then one with an ACK of our FIN too. */
	ASSERT_EQ(0, send_crafted(self, &tw, tw.sfin + 1, 0, SEG_RST, NULL, 0));
	ASSERT_EQ(0, send_crafted(self, &tw, tw.sfin + 1, tw.cfin + 1, SEG_RST | SEG_ACK,
				  NULL, 0));
	ASSERT_TRUE(tern_stat_wait("InSegs", in_segs + 2, WAIT_MS));
	/* Long enough for a restarted timer to show. */
	sleep_ms(300);

	ASSERT_EQ(1, tern_proc_find(tw.cport, self->port, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	/* Counting down as before, not restarted. */
	EXPECT_GE(e0 - ms_since(t0) + 20, e.expires_ms);
	EXPECT_EQ(out_segs, tern_stat("OutSegs"));
	EXPECT_EQ(0, tern_stat("NoSocket"));
	/* It still holds the port. */
	EXPECT_EQ(-EADDRINUSE, socket_bound(IPPROTO_TERN, tw.cport, false, &fd));
	close(fd);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

/*
 * A stray old segment of the old connection (the server's data again,
 * long acknowledged) reaches the TIME_WAIT entry, nobody else: the entry
 * answers with an ACK carrying its snd_nxt and rcv_nxt (RFC 793: an
 * unacceptable segment is answered with an ACK, as TCP does).
 */
TEST_F(lo, stray_old_segment_is_acked)
{
	struct tern_proc_entry e;
	char data[OLD_DATA];
	struct cap_seg ack;
	long long no_socket;
	struct tw tw;
	int from, i, fd;

	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 5000));
	make_time_wait(_metadata, self, 0, false, &tw);
	no_socket = tern_stat("NoSocket");
	memset(data, 'o', sizeof(data));

	from = cap_len(self->cap);
	ASSERT_EQ(0, send_crafted(self, &tw, tw.old_seq, tw.cfin + 1, SEG_ACK | SEG_PSH,
				  data, sizeof(data)));
	ASSERT_TRUE(cap_seg_wait(self->cap, 1, from, self->port, tw.cport, SEG_ACK, OLD_DATA,
				 WAIT_MS));
	from = cap_seg_next(self->cap, from, self->port, tw.cport, SEG_ACK, OLD_DATA);
	EXPECT_TRUE(cap_seg_wait(self->cap, 1, from, tw.cport, self->port, SEG_ACK, 0,
				 WAIT_MS));
	cap_dump(self->cap, stderr);
	i = cap_seg_next(self->cap, from, tw.cport, self->port, SEG_ACK, 0);
	ASSERT_LE(0, i);
	ack = cap_at(self->cap, i);
	EXPECT_EQ(tw.cfin + 1, ack.s.seq);
	EXPECT_EQ(tw.sfin + 1, ack.s.ack);
	EXPECT_EQ(tw.rcv_wnd, ack.s.window);

	/* The entry took it: no socket lookup failed, no connection was
	 * made of it, and the entry is still there.
	 */
	EXPECT_EQ(no_socket, tern_stat("NoSocket"));
	ASSERT_EQ(0, fcntl(self->listener, F_SETFL, O_NONBLOCK));
	fd = accept(self->listener, NULL, NULL);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(EAGAIN, errno);
	if (fd >= 0)
		close(fd);
	ASSERT_EQ(1, tern_proc_find(tw.cport, self->port, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

/*
 * A new SYN on a TIME_WAIT 4-tuple (RFC 1122 4.2.2.13, RFC 6191): the
 * server closed first and holds the entry; the client, bound to the
 * same port, connects again at once. Its SYN's number (the ISN clock
 * moved on) is beyond everything the old connection sent, so the entry
 * gives way and the listener answers with an ISN beyond its old one's:
 * the old snd_nxt + 65535 + 2, as TCP picks it. No SYN waits for a
 * retransmission.
 */
TEST_F(lo, new_syn_reopens_time_wait)
{
	struct tern_info si, si2, ci2;
	int client, server, one = 1;
	uint16_t cport;
	char c = 'q';

	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 30000));
	ASSERT_EQ(0, socket_bound(IPPROTO_TERN, 0, true, &client));
	ASSERT_EQ(0, connect_port(client, self->port));
	cport = tern_local_port(client);
	server = accept(self->listener, NULL, NULL);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, send_all(server, &c, 1));
	ASSERT_EQ(0, recv_all(client, &c, 1));
	ASSERT_EQ(0, tern_get_info(server, &si));
	/* The server closes first: its side ends in TIME_WAIT. */
	ASSERT_EQ(0, close(server));
	ASSERT_EQ(0, recv(client, &c, 1, 0));
	ASSERT_EQ(0, close(client));
	ASSERT_TRUE(tern_wait_state(self->port, cport, "TIME_WAIT", WAIT_MS));
	ASSERT_TRUE(tern_wait_state(cport, self->port, NULL, WAIT_MS));

	client = tern_socket();
	ASSERT_LE(0, client);
	ASSERT_EQ(0, setsockopt(client, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	ASSERT_EQ(0, bind_port(client, cport));
	ASSERT_EQ(0, connect_port(client, self->port));
	server = accept(self->listener, NULL, NULL);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, tern_get_info(server, &si2));
	ASSERT_EQ(0, tern_get_info(client, &ci2));
	/* The old snd_nxt was past the server's FIN: si.snd_nxt + 1. */
	EXPECT_EQ(si.snd_nxt + 1 + 65535 + 2, si2.iss);
	EXPECT_EQ(si2.iss, ci2.irs);
	EXPECT_EQ(1, tern_stat("TimeWaitReopens"));
	EXPECT_EQ(0, tern_stat("SynRetrans"));
	EXPECT_EQ(0, tern_proc_count("TIME_WAIT"));
	ASSERT_EQ(0, send_all(client, "new", 3));
	ASSERT_EQ(0, recv_all(server, &c, 1));
	EXPECT_EQ('n', c);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	close(client);
	close(server);
}

/*
 * A SYN that is not beyond the old connection's numbers may be an old
 * duplicate: it gets an ACK with the entry's numbers, and the entry
 * stays. A new SYN for a port nobody listens on (the client's side holds
 * the entry here) is answered the same way.
 */
TEST_F(lo, old_syn_does_not_reopen)
{
	struct tern_proc_entry e;
	struct cap_seg ack;
	struct tw tw;
	int from, i;

	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 5000));
	make_time_wait(_metadata, self, 0, false, &tw);

	from = cap_len(self->cap);
	ASSERT_EQ(0, send_crafted(self, &tw, tw.sfin, 0, SEG_SYN, NULL, 0));
	ASSERT_EQ(0, send_crafted(self, &tw, tw.sfin + 100000, 0, SEG_SYN, NULL, 0));
	ASSERT_TRUE(cap_seg_wait(self->cap, 2, from, tw.cport, self->port, SEG_ACK, 0,
				 WAIT_MS));
	cap_dump(self->cap, stderr);
	for (i = 0; i < 2; i++) {
		from = cap_seg_next(self->cap, from, tw.cport, self->port, SEG_ACK, 0);
		ASSERT_LE(0, from);
		ack = cap_at(self->cap, from++);
		EXPECT_EQ(tw.cfin + 1, ack.s.seq);
		EXPECT_EQ(tw.sfin + 1, ack.s.ack);
	}
	ASSERT_EQ(1, tern_proc_find(tw.cport, self->port, &e));
	EXPECT_STREQ("TIME_WAIT", e.state);
	EXPECT_EQ(0, tern_stat("TimeWaitReopens"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

TEST_HARNESS_MAIN
