// SPDX-License-Identifier: GPL-2.0
/*
 * The socket API behaves as TCP's does: bind, listen, accept, connect,
 * poll and epoll, send and recv, socket options, ioctls, /proc/net/tern
 * per namespace and the state change tracepoint. Where TCP's answer is the
 * reference, the test runs the same steps on a real TCP socket and
 * compares, besides checking the expected value.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "netns.h"
#include "tcp_info.h"
#include "tern_util.h"

#define TRACEFS		"/sys/kernel/tracing"

/* poll() revents for @events after up to @ms. */
static short poll_one(int fd, short events, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	if (poll(&pfd, 1, ms) < 0)
		return -1;
	return pfd.revents;
}

/* epoll_wait() events of the single fd in @ep after up to @ms; 0 if none. */
static uint32_t epoll_one(int ep, int ms)
{
	struct epoll_event ev = { 0 };

	if (epoll_wait(ep, &ev, 1, ms) != 1)
		return 0;
	return ev.events;
}

static int ioctl_int(int fd, unsigned long req)
{
	int val = -1;

	return ioctl(fd, req, &val) ? -errno : val;
}

/* Wait up to @ms until SIOCINQ reports at least @n bytes. */
static bool wait_inq(int fd, int n, int ms)
{
	for (;;) {
		if (ioctl_int(fd, SIOCINQ) >= n)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

static void port_range(int *lo, int *hi)
{
	char buf[64];

	*lo = 32768;
	*hi = 60999;
	if (read_file("/proc/sys/net/ipv4/ip_local_port_range", buf, sizeof(buf)) > 0)
		sscanf(buf, "%d %d", lo, hi);
}

/* Names: explicit bind, getsockname/getpeername on every end, and the
 * port chosen at connect() for an unbound socket.
 */
TEST(bind_and_names)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd, tcp, client, server, lo, hi;
	uint16_t cport;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	port_range(&lo, &hi);
	fd = tern_socket();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bind_port(fd, 45001));
	ASSERT_EQ(0, getsockname(fd, (struct sockaddr *)&sin, &len));
	EXPECT_EQ(AF_INET, sin.sin_family);
	EXPECT_EQ(45001, ntohs(sin.sin_port));
	EXPECT_EQ(htonl(INADDR_LOOPBACK), sin.sin_addr.s_addr);
	/* Not connected: no peer, as with TCP. */
	len = sizeof(sin);
	EXPECT_EQ(-1, getpeername(fd, (struct sockaddr *)&sin, &len));
	EXPECT_EQ(ENOTCONN, errno);
	/* A second bind of a bound socket fails as TCP's does. */
	EXPECT_EQ(-EINVAL, bind_port(fd, 45002));
	/* Tern's ports are its own: TCP may use the same number. */
	tcp = sock_of(IPPROTO_TCP, 0);
	ASSERT_LE(0, tcp);
	EXPECT_EQ(0, bind_port(tcp, 45001));
	close(tcp);

	ASSERT_EQ(0, listen(fd, 4));
	EXPECT_TRUE(tern_wait_state(45001, 0, "LISTEN", 0));
	client = tern_socket();
	ASSERT_LE(0, client);
	/* Unbound until connect() picks an ephemeral port. */
	EXPECT_EQ(0, tern_local_port(client));
	ASSERT_EQ(0, connect_port(client, 45001));
	cport = tern_local_port(client);
	EXPECT_LE(lo, cport);
	EXPECT_GE(hi, cport);
	EXPECT_EQ(45001, tern_peer_port(client));

	len = sizeof(sin);
	server = accept(fd, (struct sockaddr *)&sin, &len);
	ASSERT_LE(0, server);
	EXPECT_EQ(sizeof(sin), len);
	EXPECT_EQ(cport, ntohs(sin.sin_port));
	EXPECT_EQ(htonl(INADDR_LOOPBACK), sin.sin_addr.s_addr);
	EXPECT_EQ(45001, tern_local_port(server));
	EXPECT_EQ(cport, tern_peer_port(server));
	EXPECT_TRUE(tern_wait_state(cport, 45001, "ESTABLISHED", 1000));
	EXPECT_TRUE(tern_wait_state(45001, cport, "ESTABLISHED", 1000));
	tern_abort_close(client);
	tern_abort_close(server);
	close(fd);
}

/* bind() to port 0 picks a free ephemeral port, a different one each time. */
TEST(bind_ephemeral_port)
{
	uint16_t p[4];
	int fd[4], i, j, lo, hi;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	port_range(&lo, &hi);
	for (i = 0; i < 4; i++) {
		fd[i] = tern_socket();
		ASSERT_LE(0, fd[i]);
		ASSERT_EQ(0, bind_port(fd[i], 0));
		p[i] = tern_local_port(fd[i]);
		EXPECT_LE(lo, p[i]);
		EXPECT_GE(hi, p[i]);
		for (j = 0; j < i; j++)
			EXPECT_NE(p[j], p[i]);
	}
	/* The chosen port is really taken. */
	i = tern_socket();
	ASSERT_LE(0, i);
	EXPECT_EQ(-EADDRINUSE, bind_port(i, p[0]));
	close(i);
	for (i = 0; i < 4; i++)
		close(fd[i]);

	/* listen() without bind() picks a port too, as TCP's does. */
	for (i = 0; i < 2; i++) {
		int l = sock_of(i ? IPPROTO_TERN : IPPROTO_TCP, 0);

		ASSERT_LE(0, l);
		EXPECT_EQ(0, listen(l, 4));
		p[i] = tern_local_port(l);
		EXPECT_LE(lo, p[i]);
		EXPECT_GE(hi, p[i]);
		if (i)
			EXPECT_TRUE(tern_wait_state(p[i], 0, "LISTEN", 0));
		close(l);
	}
}

/* The bind conflicts of one protocol, step by step; each step's result
 * (0 or -errno) goes to @r.
 */
static void bind_conflicts(int proto, int *r)
{
	int a = sock_of(proto, 0), b = sock_of(proto, 0);
	int c = sock_of(proto, 0), d = sock_of(proto, 0);
	int e = sock_of(proto, 0);

	/* Without SO_REUSEADDR a bound port is taken. */
	r[0] = bind_port(a, 45100);
	r[1] = bind_port(b, 45100);
	/* With it on both, two sockets may bind, but only one may listen. */
	set_int(c, SOL_SOCKET, SO_REUSEADDR, 1);
	set_int(d, SOL_SOCKET, SO_REUSEADDR, 1);
	r[2] = bind_port(c, 45101);
	r[3] = bind_port(d, 45101);
	r[4] = listen(c, 4) ? -errno : 0;
	r[5] = listen(d, 4) ? -errno : 0;
	/* Nor may a third one bind next to a listener. */
	set_int(e, SOL_SOCKET, SO_REUSEADDR, 1);
	r[6] = bind_port(e, 45101);
	close(a);
	close(b);
	close(c);
	close(d);
	close(e);
}

TEST(bind_conflicts_like_tcp)
{
	static const int expect[7] = { 0, -EADDRINUSE, 0, 0, 0, -EADDRINUSE,
				       -EADDRINUSE };
	int tcp[7], tern[7], i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	bind_conflicts(IPPROTO_TCP, tcp);
	bind_conflicts(IPPROTO_TERN, tern);
	for (i = 0; i < 7; i++) {
		EXPECT_EQ(tcp[i], tern[i]) TH_LOG("step %d", i);
		EXPECT_EQ(expect[i], tern[i]) TH_LOG("step %d", i);
	}
}

/* The classic SO_REUSEADDR case: a server that closed first leaves its
 * port in TIME_WAIT; a restart binds it again only with SO_REUSEADDR.
 * @r: without, with, then listen().
 */
static void rebind_after_time_wait(int proto, int *r)
{
	int l = sock_of(proto, 0), client, server, fd;

	set_int(l, SOL_SOCKET, SO_REUSEADDR, 1);
	if (bind_port(l, 45200) || listen(l, 4) || pair_of(proto, l, &client, &server)) {
		r[0] = 1;
		r[1] = 1;
		r[2] = 1;
		return;
	}
	close(l);
	close(server);		/* the server closes first: TIME_WAIT is its */
	sleep_ms(100);
	close(client);
	sleep_ms(200);
	fd = sock_of(proto, 0);
	r[0] = bind_port(fd, 45200);
	close(fd);
	fd = sock_of(proto, 0);
	set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	r[1] = bind_port(fd, 45200);
	r[2] = listen(fd, 4) ? -errno : 0;
	close(fd);
}

TEST(reuseaddr_after_time_wait_like_tcp)
{
	int tcp[3], tern[3], i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	rebind_after_time_wait(IPPROTO_TCP, tcp);
	rebind_after_time_wait(IPPROTO_TERN, tern);
	EXPECT_TRUE(tern_wait_state(45200, 0, "TIME_WAIT", 0));
	for (i = 0; i < 3; i++)
		EXPECT_EQ(tcp[i], tern[i]) TH_LOG("step %d", i);
	EXPECT_EQ(-EADDRINUSE, tern[0]);
	EXPECT_EQ(0, tern[1]);
	EXPECT_EQ(0, tern[2]);
}

/* accept() and accept4(): errors as TCP's, flags on the new socket, the
 * peer's address.
 */
TEST(accept_and_accept4)
{
	struct sockaddr_in sin;
	socklen_t len;
	int l, tl, fd, tcp, client, server;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());

	/* accept() on a socket that is not listening: EINVAL, like TCP. */
	fd = tern_socket();
	tcp = sock_of(IPPROTO_TCP, 0);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, tcp);
	EXPECT_EQ(-1, accept(tcp, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, accept(fd, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, bind_port(fd, 45300));
	EXPECT_EQ(-1, accept(fd, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
	close(tcp);

	/* Nothing pending on a non-blocking listener: EAGAIN, like TCP. */
	l = listener_of(IPPROTO_TERN, 45301, 4);
	tl = listener_of(IPPROTO_TCP, 45301, 4);
	ASSERT_LE(0, l);
	ASSERT_LE(0, tl);
	ASSERT_EQ(0, fcntl(tl, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-1, accept(tl, NULL, NULL));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, fcntl(l, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-1, accept(l, NULL, NULL));
	EXPECT_EQ(EAGAIN, errno);
	close(tl);

	/* accept4() flags. */
	client = tern_socket();
	ASSERT_EQ(0, connect_port(client, 45301));
	len = sizeof(sin);
	server = accept4(l, (struct sockaddr *)&sin, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
	ASSERT_LE(0, server) TH_LOG("accept4: %m");
	EXPECT_TRUE(fcntl(server, F_GETFL) & O_NONBLOCK);
	EXPECT_TRUE(fcntl(server, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(tern_local_port(client), ntohs(sin.sin_port));
	EXPECT_EQ(TERN_ESTABLISHED, tern_state(server));
	/* Non-blocking indeed: nothing to read. */
	EXPECT_EQ(-1, recv(server, &len, 1, 0));
	EXPECT_EQ(EAGAIN, errno);
	tern_abort_close(server);
	tern_abort_close(client);

	client = tern_socket();
	ASSERT_EQ(0, connect_port(client, 45301));
	server = accept4(l, NULL, NULL, 0);
	ASSERT_LE(0, server);
	EXPECT_FALSE(fcntl(server, F_GETFL) & O_NONBLOCK);
	EXPECT_FALSE(fcntl(server, F_GETFD) & FD_CLOEXEC);
	/* A connected socket cannot listen or accept. */
	EXPECT_EQ(-1, listen(server, 4));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, accept(client, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	/* An unknown accept4() flag: EINVAL. */
	EXPECT_EQ(-1, accept4(l, NULL, NULL, 0x1));
	EXPECT_EQ(EINVAL, errno);
	tern_abort_close(server);
	tern_abort_close(client);
	close(l);
}

/* Half-open connections are bounded by the backlog: the clients' final
 * ACKs are lost, so every handshake stays a request socket; once the
 * queue is full, further SYNs are dropped (ListenDrops). "Full" is the
 * kernel's inet_csk_reqsk_queue_is_full(), more than backlog requests,
 * the bound TCP has too: backlog + 1 requests may wait. SYN cookies are
 * off here, as they would answer the SYNs beyond it (attack_test has
 * them on).
 */
TEST(backlog_bounds_half_open)
{
	const int backlog = 2, n = 6, pending = backlog + 1;
	int l, c[6], i, established = 0;
	char rule[80];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	/* No retransmission of SYN or SYN+ACK within the test. */
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 60000));
	ASSERT_EQ(0, tern_sysctl_set("syncookies", 0));
	l = listener_of(IPPROTO_TERN, 45400, backlog);
	ASSERT_LE(0, l);
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata dport=45400 count=1000");
	ASSERT_EQ(0, tern_set_fault(rule));

	for (i = 0; i < n; i++) {
		c[i] = sock_of(IPPROTO_TERN, SOCK_NONBLOCK);
		ASSERT_LE(0, c[i]);
		EXPECT_EQ(-EINPROGRESS, connect_port(c[i], 45400));
	}
	sleep_ms(500);
	for (i = 0; i < n; i++)
		established += tern_state(c[i]) == TERN_ESTABLISHED;
	EXPECT_EQ(pending, tern_proc_count("SYN_RECV"));
	EXPECT_EQ(pending, established);
	EXPECT_EQ(n - pending, tern_proc_count("SYN_SENT"));
	EXPECT_EQ(n - pending, tern_stat("ListenDrops"));
	EXPECT_EQ(0, tern_stat("ListenOverflows"));
	EXPECT_EQ(pending, tern_stat("FaultDrops"));
	/* None completed on the server's side. */
	ASSERT_EQ(0, fcntl(l, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-1, accept(l, NULL, NULL));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(0, tern_stat("PassiveOpens"));
	for (i = 0; i < n; i++)
		tern_abort_close(c[i]);
	close(l);
}

/* Connections nobody accepts: how many complete, of one protocol. */
static int fill_accept_queue(int proto, uint16_t port, int backlog, int n,
			     int *accepted)
{
	int l, c[8], i, done = 0, fd;

	l = listener_of(proto, port, backlog);
	if (l < 0)
		return -1;
	for (i = 0; i < n; i++) {
		c[i] = sock_of(proto, SOCK_NONBLOCK);
		connect_port(c[i], port);
	}
	sleep_ms(500);
	for (i = 0; i < n; i++)
		done += !!(poll_one(c[i], POLLOUT, 0) & POLLOUT);
	*accepted = 0;
	fcntl(l, F_SETFL, O_NONBLOCK);
	while ((fd = accept(l, NULL, NULL)) >= 0) {
		(*accepted)++;
		tern_abort_close(fd);
	}
	for (i = 0; i < n; i++)
		tern_abort_close(c[i]);
	close(l);
	return done;
}

/* The accept queue is bounded by the backlog as TCP's is (the kernel lets
 * it hold backlog + 1); beyond it SYNs are dropped and counted as
 * ListenOverflows.
 */
TEST(backlog_bounds_accept_queue_like_tcp)
{
	const int backlog = 2, n = 6;
	int tcp, tern, tcp_acc, tern_acc;
	struct tern_proc_entry e;
	int l, c[6], i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 60000));
	tcp = fill_accept_queue(IPPROTO_TCP, 45500, backlog, n, &tcp_acc);
	tern = fill_accept_queue(IPPROTO_TERN, 45500, backlog, n, &tern_acc);
	TH_LOG("established: tcp %d tern %d; accepted: tcp %d tern %d",
	       tcp, tern, tcp_acc, tern_acc);
	EXPECT_EQ(tcp, tern);
	EXPECT_EQ(tcp_acc, tern_acc);
	EXPECT_EQ(tern, tern_acc);
	EXPECT_LE(tern, backlog + 1);
	EXPECT_LE(backlog, tern);
	EXPECT_LE(n - tern, tern_stat("ListenOverflows"));
	EXPECT_LE(n - tern, tern_stat("ListenDrops"));

	/* /proc/net/tern: the listener's recv_queue is its accept queue. */
	l = listener_of(IPPROTO_TERN, 45501, backlog);
	ASSERT_LE(0, l);
	for (i = 0; i < n; i++) {
		c[i] = sock_of(IPPROTO_TERN, SOCK_NONBLOCK);
		connect_port(c[i], 45501);
	}
	sleep_ms(500);
	ASSERT_EQ(1, tern_proc_find(45501, 0, &e));
	EXPECT_STREQ("LISTEN", e.state);
	EXPECT_EQ(backlog, e.sendq);
	EXPECT_EQ(tern, e.recvq);
	EXPECT_EQ(n - tern, tern_proc_count("SYN_SENT"));
	EXPECT_EQ(0, tern_proc_count("SYN_RECV"));
	for (i = 0; i < n; i++)
		tern_abort_close(c[i]);
	close(l);
}

/* Non-blocking connect: EINPROGRESS, then writable with SO_ERROR 0. As
 * with TCP, the next connect() completes it (0), any further one fails
 * with EISCONN; so does connect() on an accepted socket.
 */
TEST(nonblocking_connect_like_tcp)
{
	int l, fd, server, i, proto[2] = { IPPROTO_TCP, IPPROTO_TERN };
	short rev, fresh[2];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	for (i = 0; i < 2; i++) {
		l = listener_of(proto[i], 45600, 4);
		ASSERT_LE(0, l);
		fd = sock_of(proto[i], SOCK_NONBLOCK);
		ASSERT_LE(0, fd);
		/* A new socket: writable and hung up, as TCP's. */
		fresh[i] = poll_one(fd, POLLIN | POLLOUT | POLLRDHUP, 0);
		EXPECT_EQ(-EINPROGRESS, connect_port(fd, 45600));
		rev = poll_one(fd, POLLOUT, 2000);
		EXPECT_TRUE(rev & POLLOUT);
		EXPECT_FALSE(rev & (POLLERR | POLLHUP));
		EXPECT_EQ(0, get_int(fd, SOL_SOCKET, SO_ERROR));
		EXPECT_EQ(0, connect_port(fd, 45600)) TH_LOG("protocol %d", proto[i]);
		EXPECT_EQ(-EISCONN, connect_port(fd, 45600));
		server = accept(l, NULL, NULL);
		ASSERT_LE(0, server);
		EXPECT_EQ(-EISCONN, connect_port(server, 45600));
		if (proto[i] == IPPROTO_TERN) {
			EXPECT_EQ(TERN_ESTABLISHED, tern_state(fd));
			EXPECT_EQ(TERN_ESTABLISHED, tern_state(server));
		}
		tern_abort_close(fd);
		tern_abort_close(server);
		close(l);
	}
	EXPECT_EQ(fresh[0], fresh[1]);
	EXPECT_EQ(POLLOUT | POLLHUP, fresh[1]);
}

/* connect(AF_UNSPEC) on a connection aborts it (the peer gets a RST) and
 * leaves a socket that can connect again, as TCP's.
 */
TEST(connect_unspec_disconnects_like_tcp)
{
	struct sockaddr sa = { .sa_family = AF_UNSPEC };
	int l, client, server, again, i, proto[2] = { IPPROTO_TCP, IPPROTO_TERN };
	struct tern_info info;
	int err[2];
	char c;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	for (i = 0; i < 2; i++) {
		l = listener_of(proto[i], 45650, 4);
		ASSERT_LE(0, l);
		ASSERT_EQ(0, pair_of(proto[i], l, &client, &server));
		ASSERT_EQ(0, connect(client, &sa, sizeof(sa)));
		if (proto[i] == IPPROTO_TERN)
			EXPECT_EQ(TERN_CLOSE, tern_state(client));
		/* The peer was reset. */
		EXPECT_EQ(POLLERR, poll_one(server, POLLIN, 1000) & POLLERR);
		EXPECT_EQ(-1, send(server, "x", 1, MSG_NOSIGNAL));
		EXPECT_EQ(ECONNRESET, errno) TH_LOG("protocol %d", proto[i]);
		/* What the disconnected end reads (and the error it clears). */
		EXPECT_EQ(-1, recv(client, &c, 1, MSG_DONTWAIT));
		err[i] = errno;
		/* And connect again. */
		EXPECT_EQ(0, connect_port(client, 45650));
		again = accept(l, NULL, NULL);
		ASSERT_LE(0, again);
		EXPECT_EQ(1, send(client, "y", 1, 0));
		EXPECT_EQ(1, recv(again, &c, 1, 0));
		if (proto[i] == IPPROTO_TERN) {
			ASSERT_EQ(0, tern_get_info(client, &info));
			/* A fresh connection's numbers. */
			EXPECT_EQ(TERN_ESTABLISHED, info.state);
			EXPECT_EQ(0, info.bytes_received);
			EXPECT_EQ(info.iss + 2, info.snd_nxt);
			EXPECT_EQ(0, info.total_retrans);
			EXPECT_EQ(2, tern_proc_count("ESTABLISHED"));
		}
		tern_abort_close(again);
		tern_abort_close(client);
		tern_abort_close(server);
		close(l);
	}
	EXPECT_EQ(err[0], err[1]) TH_LOG("tcp %d tern %d", err[0], err[1]);
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

/* Non-blocking connect to a closed port: EINPROGRESS, then poll() shows
 * the failure (POLLERR, POLLHUP; the same mask TCP reports) and SO_ERROR
 * says ECONNREFUSED, once.
 */
TEST(nonblocking_connect_refused_like_tcp)
{
	const short events = POLLIN | POLLOUT | POLLRDHUP;
	short rev[2];
	int fd[2], i, proto[2] = { IPPROTO_TCP, IPPROTO_TERN };

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	for (i = 0; i < 2; i++) {
		fd[i] = sock_of(proto[i], SOCK_NONBLOCK);
		ASSERT_LE(0, fd[i]);
		EXPECT_EQ(-EINPROGRESS, connect_port(fd[i], 9));
		rev[i] = poll_one(fd[i], events, 2000);
		EXPECT_TRUE(rev[i] & POLLERR);
		EXPECT_TRUE(rev[i] & POLLHUP);
		EXPECT_EQ(ECONNREFUSED, get_int(fd[i], SOL_SOCKET, SO_ERROR));
		EXPECT_EQ(0, get_int(fd[i], SOL_SOCKET, SO_ERROR));
	}
	EXPECT_EQ(rev[0], rev[1]) TH_LOG("tcp 0x%x tern 0x%x", rev[0], rev[1]);
	EXPECT_EQ(TERN_CLOSE, tern_state(fd[1]));
	close(fd[0]);
	close(fd[1]);
}

/* connect() again while the first is still in progress: EALREADY; the
 * socket is not writable meanwhile.
 */
TEST(connect_while_connecting)
{
	int l, fd;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 60000));
	ASSERT_EQ(0, tern_set_fault("drop flags=SYN count=100"));
	l = listener_of(IPPROTO_TERN, 45700, 4);
	ASSERT_LE(0, l);
	fd = sock_of(IPPROTO_TERN, SOCK_NONBLOCK);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EINPROGRESS, connect_port(fd, 45700));
	EXPECT_EQ(TERN_SYN_SENT, tern_state(fd));
	EXPECT_EQ(-EALREADY, connect_port(fd, 45700));
	EXPECT_EQ(-EALREADY, connect_port(fd, 45700));
	EXPECT_EQ(0, poll_one(fd, POLLIN | POLLOUT, 100));
	EXPECT_EQ(0, get_int(fd, SOL_SOCKET, SO_ERROR));
	EXPECT_TRUE(tern_wait_state(tern_local_port(fd), 45700, "SYN_SENT", 0));
	close(fd);
	close(l);
}

/* Readiness through one scenario, recorded for either protocol:
 * [0] the listener with a connection pending, [1] the new client,
 * [2] the client with data to read, [3] after the peer's SHUT_WR (data
 * read), [4] after the client's own SHUT_WR too.
 */
static int epoll_scenario(int proto, uint16_t port, uint32_t *ev)
{
	struct epoll_event e = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP };
	int l, client, server, ep, lep;
	char buf[8];

	l = listener_of(proto, port, 4);
	lep = epoll_create1(EPOLL_CLOEXEC);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (l < 0 || lep < 0 || ep < 0)
		return -1;
	e.data.fd = l;
	epoll_ctl(lep, EPOLL_CTL_ADD, l, &e);
	ev[5] = epoll_one(lep, 0);	/* nothing pending yet */
	client = sock_of(proto, 0);
	if (connect_port(client, port))
		return -1;
	ev[0] = epoll_one(lep, 2000);
	server = accept(l, NULL, NULL);
	if (server < 0)
		return -1;
	e.data.fd = client;
	epoll_ctl(ep, EPOLL_CTL_ADD, client, &e);
	ev[1] = epoll_one(ep, 2000);
	send(server, "abc", 3, 0);
	wait_inq(client, 3, 2000);
	ev[2] = epoll_one(ep, 2000);
	recv(client, buf, sizeof(buf), 0);
	shutdown(server, SHUT_WR);
	sleep_ms(100);
	ev[3] = epoll_one(ep, 2000);
	shutdown(client, SHUT_WR);
	sleep_ms(100);
	ev[4] = epoll_one(ep, 2000);
	close(ep);
	close(lep);
	close(client);
	close(server);
	close(l);
	return 0;
}

TEST(epoll_readiness_like_tcp)
{
	uint32_t tcp[6] = { 0 }, tern[6] = { 0 };
	const uint32_t hup = EPOLLHUP | EPOLLRDHUP;
	int i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, epoll_scenario(IPPROTO_TCP, 45800, tcp));
	ASSERT_EQ(0, epoll_scenario(IPPROTO_TERN, 45800, tern));
	TH_LOG("tcp  0x%x 0x%x 0x%x 0x%x 0x%x 0x%x", tcp[0], tcp[1], tcp[2], tcp[3],
	       tcp[4], tcp[5]);
	TH_LOG("tern 0x%x 0x%x 0x%x 0x%x 0x%x 0x%x", tern[0], tern[1], tern[2],
	       tern[3], tern[4], tern[5]);
	for (i = 0; i < 6; i++)
		EXPECT_EQ(tcp[i], tern[i]) TH_LOG("step %d", i);
	EXPECT_EQ(0, tern[5]);
	EXPECT_EQ(EPOLLIN, tern[0]);
	EXPECT_EQ(EPOLLOUT, tern[1]);
	EXPECT_EQ(EPOLLIN | EPOLLOUT, tern[2]);
	EXPECT_EQ(EPOLLIN | EPOLLOUT | EPOLLRDHUP, tern[3]);
	EXPECT_EQ(EPOLLIN | EPOLLOUT | hup, tern[4]);
}

/* Errors of send() and recv() on unconnected, listening and shut down
 * sockets, each compared with TCP's.
 */
static void send_recv_errors(int proto, uint16_t port, int *r)
{
	int fd = sock_of(proto, 0), l, client, server;
	sigset_t set, pending;
	char buf[4];

	r[0] = recv(fd, buf, sizeof(buf), 0) < 0 ? errno : 0;
	r[1] = send(fd, "x", 1, MSG_NOSIGNAL) < 0 ? errno : 0;
	/* Without MSG_NOSIGNAL the EPIPE comes with SIGPIPE. */
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	r[2] = send(fd, "x", 1, 0) < 0 ? errno : 0;
	sigpending(&pending);
	r[3] = sigismember(&pending, SIGPIPE);
	if (r[3]) {
		struct timespec ts = { 0 };

		sigtimedwait(&set, NULL, &ts);
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	close(fd);

	l = listener_of(proto, port, 4);
	r[4] = recv(l, buf, sizeof(buf), MSG_DONTWAIT) < 0 ? errno : 0;
	r[5] = send(l, "x", 1, MSG_NOSIGNAL) < 0 ? errno : 0;
	if (pair_of(proto, l, &client, &server)) {
		r[6] = -1;
		return;
	}
	r[6] = recv(client, buf, sizeof(buf), MSG_DONTWAIT) < 0 ? errno : 0;
	/* SHUT_RD: reads see the end of the stream at once. */
	shutdown(server, SHUT_RD);
	r[9] = recv(server, buf, sizeof(buf), MSG_DONTWAIT);
	shutdown(client, SHUT_WR);
	r[7] = send(client, "x", 1, MSG_NOSIGNAL) < 0 ? errno : 0;
	/* Reading still works after our own SHUT_WR. */
	send(server, "y", 1, 0);
	r[8] = recv(client, buf, sizeof(buf), 0);
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

TEST(send_recv_errnos_like_tcp)
{
	static const int expect[10] = { ENOTCONN, EPIPE, EPIPE, 1, ENOTCONN,
					EPIPE, EAGAIN, EPIPE, 1, 0 };
	int tcp[10], tern[10], i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	send_recv_errors(IPPROTO_TCP, 45900, tcp);
	send_recv_errors(IPPROTO_TERN, 45900, tern);
	for (i = 0; i < 10; i++) {
		EXPECT_EQ(tcp[i], tern[i]) TH_LOG("step %d", i);
		EXPECT_EQ(expect[i], tern[i]) TH_LOG("step %d", i);
	}
}

/* What a reader sees when the peer resets, for either protocol: [0] the
 * poll() mask, [1] the first recv() (the data that came before the RST),
 * [2] its errno, [3] the next recv(), [4] its errno, [5] a send()'s errno.
 * @unread_close: the peer resets by closing with data it never read
 * (RFC 2525), otherwise with SO_LINGER 0.
 */
static void peer_reset(int proto, uint16_t port, bool unread_close, int *r)
{
	int l = listener_of(proto, port, 4), client, server;
	char buf[16];

	if (pair_of(proto, l, &client, &server)) {
		r[0] = -1;
		return;
	}
	if (unread_close) {
		send(client, "data", 4, 0);
		sleep_ms(100);
		close(server);
	} else {
		send(server, "hello", 5, 0);
		sleep_ms(100);
		tern_abort_close(server);
	}
	sleep_ms(100);
	r[0] = poll_one(client, POLLIN | POLLOUT | POLLRDHUP, 1000);
	errno = 0;
	r[1] = recv(client, buf, sizeof(buf), MSG_DONTWAIT);
	r[2] = errno;
	errno = 0;
	r[3] = recv(client, buf, sizeof(buf), MSG_DONTWAIT);
	r[4] = errno;
	r[5] = send(client, "x", 1, MSG_NOSIGNAL) < 0 ? errno : 0;
	close(client);
	close(l);
}

TEST(peer_reset_seen_like_tcp)
{
	int tcp[6], tern[6], i, unread;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	for (unread = 0; unread < 2; unread++) {
		peer_reset(IPPROTO_TCP, 46300 + unread, unread, tcp);
		peer_reset(IPPROTO_TERN, 46300 + unread, unread, tern);
		TH_LOG("tcp  %x %d %d %d %d %d", tcp[0], tcp[1], tcp[2], tcp[3], tcp[4],
		       tcp[5]);
		TH_LOG("tern %x %d %d %d %d %d", tern[0], tern[1], tern[2], tern[3],
		       tern[4], tern[5]);
		for (i = 0; i < 6; i++)
			EXPECT_EQ(tcp[i], tern[i]) TH_LOG("unread %d step %d", unread, i);
	}
	/* Data first, then the reset, reported once; a send() after it gets EPIPE. */
	peer_reset(IPPROTO_TERN, 46302, false, tern);
	EXPECT_EQ(5, tern[1]);
	EXPECT_EQ(-1, tern[3]);
	EXPECT_EQ(ECONNRESET, tern[4]);
	EXPECT_EQ(EPIPE, tern[5]);
	EXPECT_EQ(1, tern_stat("AbortOnClose"));
	EXPECT_EQ(2, tern_stat("AbortOnLinger"));
	EXPECT_EQ(3, tern_stat("EstabResets"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
}

/* MSG_PEEK leaves the data queued; MSG_DONTWAIT never blocks. */
TEST(msg_peek)
{
	int l, client, server;
	char buf[32];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	EXPECT_EQ(-1, recv(server, buf, sizeof(buf), MSG_PEEK | MSG_DONTWAIT));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, send_all(client, "hello world", 11));
	ASSERT_TRUE(wait_inq(server, 11, 2000));

	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(5, recv(server, buf, 5, MSG_PEEK));
	EXPECT_STREQ("hello", buf);
	EXPECT_EQ(11, ioctl_int(server, FIONREAD));
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(11, recv(server, buf, sizeof(buf), MSG_PEEK));
	EXPECT_STREQ("hello world", buf);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(11, recv(server, buf, sizeof(buf), 0));
	EXPECT_STREQ("hello world", buf);
	EXPECT_EQ(0, ioctl_int(server, FIONREAD));
	EXPECT_EQ(-1, recv(server, buf, sizeof(buf), MSG_DONTWAIT));
	EXPECT_EQ(EAGAIN, errno);
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

struct sender {
	int fd;
	int first, second;	/* bytes to send, with a pause between */
	int pause_ms;
};

static void *sender_thread(void *arg)
{
	struct sender *s = arg;
	char buf[4096];

	memset(buf, 's', sizeof(buf));
	send_all(s->fd, buf, s->first);
	sleep_ms(s->pause_ms);
	send_all(s->fd, buf, s->second);
	return NULL;
}

/* MSG_WAITALL waits for the whole request; a plain recv() returns what
 * is there.
 */
TEST(msg_waitall)
{
	struct sender s;
	pthread_t thread;
	int l, client, server;
	char buf[2048];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));

	s = (struct sender){ .fd = client, .first = 300, .second = 700, .pause_ms = 200 };
	ASSERT_EQ(0, pthread_create(&thread, NULL, sender_thread, &s));
	EXPECT_EQ(1000, recv(server, buf, 1000, MSG_WAITALL));
	pthread_join(thread, NULL);

	s = (struct sender){ .fd = client, .first = 300, .second = 700, .pause_ms = 1000 };
	ASSERT_EQ(0, pthread_create(&thread, NULL, sender_thread, &s));
	ASSERT_TRUE(wait_inq(server, 300, 2000));
	EXPECT_EQ(300, recv(server, buf, 1000, 0));
	EXPECT_EQ(700, recv(server, buf, 700, MSG_WAITALL));
	pthread_join(thread, NULL);

	/* WAITALL ends early at the end of the stream. */
	ASSERT_EQ(0, send_all(client, buf, 100));
	ASSERT_EQ(0, shutdown(client, SHUT_WR));
	EXPECT_EQ(100, recv(server, buf, 1000, MSG_WAITALL));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* SO_RCVLOWAT: poll() reports readable, and a blocking recv() returns,
 * only once that many bytes are queued.
 */
TEST(so_rcvlowat)
{
	struct sender s;
	pthread_t thread;
	int l, client, server;
	char buf[512];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	memset(buf, 'w', sizeof(buf));
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	ASSERT_EQ(0, set_int(server, SOL_SOCKET, SO_RCVLOWAT, 100));
	EXPECT_EQ(100, get_int(server, SOL_SOCKET, SO_RCVLOWAT));

	ASSERT_EQ(0, send_all(client, buf, 50));
	ASSERT_TRUE(wait_inq(server, 50, 2000));
	EXPECT_EQ(0, poll_one(server, POLLIN, 100));
	ASSERT_EQ(0, send_all(client, buf, 60));
	EXPECT_EQ(POLLIN, poll_one(server, POLLIN, 2000));
	EXPECT_EQ(110, recv(server, buf, sizeof(buf), 0));

	/* A blocking recv() waits past the first 50 bytes. */
	s = (struct sender){ .fd = client, .first = 50, .second = 60, .pause_ms = 200 };
	ASSERT_EQ(0, pthread_create(&thread, NULL, sender_thread, &s));
	EXPECT_EQ(110, recv(server, buf, sizeof(buf), 0));
	pthread_join(thread, NULL);
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* Nagle: while a short segment is unacknowledged (the peer's ACKs are
 * lost here), the next short write waits; TERN_NODELAY sends it at once,
 * and every later one too.
 */
TEST(nagle_and_nodelay)
{
	int l, client, server;
	char rule[80];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	/* No retransmission can push the held data out meanwhile: nor a
	 * tail loss probe, which sends new data as TCP's does, Nagle or not,
	 * 200 ms and two round trips after the first write.
	 */
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 5000));
	ASSERT_EQ(0, tern_sysctl_set("tlp", 0));
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1000",
		 tern_local_port(server));
	ASSERT_EQ(0, tern_set_fault(rule));

	ASSERT_EQ(0, send_all(client, "0123456789", 10));
	ASSERT_TRUE(wait_inq(server, 10, 2000));
	ASSERT_EQ(0, send_all(client, "abcdefghij", 10));
	sleep_ms(200);
	EXPECT_EQ(10, ioctl_int(server, SIOCINQ));
	EXPECT_EQ(20, ioctl_int(client, SIOCOUTQ));
	EXPECT_EQ(10, ioctl_int(client, SIOCOUTQNSD));

	ASSERT_EQ(0, set_int(client, IPPROTO_TERN, TERN_NODELAY, 1));
	EXPECT_TRUE(wait_inq(server, 20, 2000));
	EXPECT_EQ(0, ioctl_int(client, SIOCOUTQNSD));
	ASSERT_EQ(0, send_all(client, "ABCDEFGHIJ", 10));
	EXPECT_TRUE(wait_inq(server, 30, 2000));
	EXPECT_EQ(30, ioctl_int(client, SIOCOUTQ));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* A full send buffer: a non-blocking send() says EAGAIN and poll() holds
 * back POLLOUT; once the reader catches up, the socket is writable again.
 */
TEST(send_buffer_full_eagain)
{
	int l, client, server, i, n;
	struct timeval tv = { .tv_sec = 10 };
	long long sent = 0, got = 0;
	static char buf[16384];
	struct tern_info info;
	short rev;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("wmem", 65536));
	ASSERT_EQ(0, tern_sysctl_set("rmem", 65536));
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	for (i = 0; i < 10000; i++) {
		n = send(client, buf, sizeof(buf), MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0)
			break;
		sent += n;
	}
	ASSERT_EQ(-1, n);
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_LT(0, sent);
	EXPECT_EQ(0, poll_one(client, POLLOUT, 100));
	EXPECT_EQ(TERN_ESTABLISHED, tern_state(client));

	/* Drain everything: the writer's space comes back. */
	ASSERT_EQ(0, setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	while (got < sent) {
		n = recv(server, buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		got += n;
	}
	if (got < sent) {
		ASSERT_EQ(0, tern_get_info(client, &info));
		TH_LOG("stalled: %lld of %lld bytes read", got, sent);
		TH_LOG("sender: snd_wnd %u mss %u unacked %u unsent %d probes %u",
		       info.snd_wnd, info.mss, info.unacked,
		       ioctl_int(client, SIOCOUTQNSD), info.zero_window_probes);
	}
	EXPECT_EQ(sent, got);
	rev = poll_one(client, POLLOUT, 2000);
	EXPECT_EQ(POLLOUT, rev);
	EXPECT_LT(0, send(client, buf, 100, MSG_DONTWAIT));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* IP options (IP_OPTIONS) on a socket of @proto, before connect() and on
 * an accepted one; 0 when both were taken and data still flows both ways.
 */
static int ip_options_story(int proto, uint16_t port, int *mss_cut)
{
	/* Four NOPs: the smallest option space, 4 bytes. */
	static const unsigned char opts[4] = { IPOPT_NOP, IPOPT_NOP, IPOPT_NOP,
					       IPOPT_NOP };
	struct tern_info before, after;
	int l, c, s, ret = -1;
	char b = 'o';

	l = listener_of(proto, port, 4);
	c = sock_of(proto, 0);
	if (l < 0 || c < 0 || setsockopt(c, IPPROTO_IP, IP_OPTIONS, opts, sizeof(opts)) ||
	    connect_port(c, port))
		goto out;
	s = accept(l, NULL, NULL);
	if (s < 0)
		goto out;
	*mss_cut = 0;
	if (proto == IPPROTO_TERN && tern_get_info(s, &before))
		goto out_s;
	/* A connected socket recomputes its segment size at once. */
	if (setsockopt(s, IPPROTO_IP, IP_OPTIONS, opts, sizeof(opts)))
		goto out_s;
	if (proto == IPPROTO_TERN && tern_get_info(s, &after))
		goto out_s;
	if (proto == IPPROTO_TERN)
		*mss_cut = before.mss - after.mss;
	if (!send_all(c, &b, 1) && !recv_all(s, &b, 1) && !send_all(s, &b, 1) &&
	    !recv_all(c, &b, 1))
		ret = 0;
out_s:
	close(s);
out:
	close(c);
	close(l);
	return ret;
}

/* IP options as TCP takes them: before connect() and on a connected
 * socket (which must shrink its segments by their length: an unset hook
 * once made this a NULL call), with data flowing after.
 */
TEST(ip_options_like_tcp)
{
	int cut = -1;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	EXPECT_EQ(0, ip_options_story(IPPROTO_TCP, 45560, &cut));
	EXPECT_EQ(0, ip_options_story(IPPROTO_TERN, 45560, &cut));
	EXPECT_EQ(4, cut);
}

/* Options at level IPPROTO_TERN: values round-trip, bad values are
 * refused with TCP's errnos for the matching TCP_* options.
 */
TEST(sockopts_like_tcp)
{
	static const struct {
		int tern, tcp, bad;
	} invalid[] = {
		{ TERN_MAXSEG, TCP_MAXSEG, 10 },
		{ TERN_MAXSEG, TCP_MAXSEG, 70000 },
		{ TERN_SYNCNT, TCP_SYNCNT, 0 },
		{ TERN_SYNCNT, TCP_SYNCNT, 128 },
		{ TERN_KEEPIDLE, TCP_KEEPIDLE, 0 },
		{ TERN_KEEPIDLE, TCP_KEEPIDLE, 32768 },
		{ TERN_KEEPINTVL, TCP_KEEPINTVL, 0 },
		{ TERN_KEEPCNT, TCP_KEEPCNT, 0 },
		{ TERN_KEEPCNT, TCP_KEEPCNT, 128 },
	};
	socklen_t len;
	short shortval = 1;
	int fd, tcp, i, val;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	fd = tern_socket();
	tcp = sock_of(IPPROTO_TCP, 0);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, tcp);

	EXPECT_EQ(0, get_int(fd, IPPROTO_TERN, TERN_NODELAY));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_NODELAY, 1));
	EXPECT_EQ(1, get_int(fd, IPPROTO_TERN, TERN_NODELAY));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_NODELAY, 0));
	EXPECT_EQ(0, get_int(fd, IPPROTO_TERN, TERN_NODELAY));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_CORK, 1));
	EXPECT_EQ(1, get_int(fd, IPPROTO_TERN, TERN_CORK));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_CORK, 0));
	EXPECT_EQ(0, get_int(fd, IPPROTO_TERN, TERN_CORK));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_MAXSEG, 1000));
	EXPECT_EQ(1000, get_int(fd, IPPROTO_TERN, TERN_MAXSEG));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_SYNCNT, 3));
	EXPECT_EQ(3, get_int(fd, IPPROTO_TERN, TERN_SYNCNT));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_KEEPIDLE, 30));
	EXPECT_EQ(30, get_int(fd, IPPROTO_TERN, TERN_KEEPIDLE));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_KEEPINTVL, 5));
	EXPECT_EQ(5, get_int(fd, IPPROTO_TERN, TERN_KEEPINTVL));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_KEEPCNT, 4));
	EXPECT_EQ(4, get_int(fd, IPPROTO_TERN, TERN_KEEPCNT));

	for (i = 0; i < (int)ARRAY_SIZE(invalid); i++) {
		int want = set_int(tcp, IPPROTO_TCP, invalid[i].tcp, invalid[i].bad);

		EXPECT_EQ(-EINVAL, want)
			TH_LOG("TCP option %d = %d", invalid[i].tcp, invalid[i].bad);
		EXPECT_EQ(want, set_int(fd, IPPROTO_TERN, invalid[i].tern, invalid[i].bad))
			TH_LOG("option %d = %d", invalid[i].tern, invalid[i].bad);
	}
	/* The refused values changed nothing. */
	EXPECT_EQ(1000, get_int(fd, IPPROTO_TERN, TERN_MAXSEG));
	EXPECT_EQ(3, get_int(fd, IPPROTO_TERN, TERN_SYNCNT));
	EXPECT_EQ(30, get_int(fd, IPPROTO_TERN, TERN_KEEPIDLE));
	EXPECT_EQ(4, get_int(fd, IPPROTO_TERN, TERN_KEEPCNT));

	/* Unknown options, and an int option given too few bytes. */
	EXPECT_EQ(-ENOPROTOOPT, set_int(tcp, IPPROTO_TCP, 99, 1));
	EXPECT_EQ(-ENOPROTOOPT, set_int(fd, IPPROTO_TERN, 99, 1));
	EXPECT_EQ(-ENOPROTOOPT, get_int(tcp, IPPROTO_TCP, 99));
	EXPECT_EQ(-ENOPROTOOPT, get_int(fd, IPPROTO_TERN, 99));
	EXPECT_EQ(-1, setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, &shortval, sizeof(shortval)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_TERN, TERN_NODELAY, &shortval, sizeof(shortval)));
	EXPECT_EQ(EINVAL, errno);

	/* Other levels still reach IP and the socket layer. */
	EXPECT_EQ(0, set_int(fd, IPPROTO_IP, IP_TOS, 0x10));
	EXPECT_EQ(0x10, get_int(fd, IPPROTO_IP, IP_TOS));
	EXPECT_EQ(0, set_int(fd, IPPROTO_IP, IP_TTL, 7));
	EXPECT_EQ(7, get_int(fd, IPPROTO_IP, IP_TTL));
	EXPECT_EQ(0, set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1));
	EXPECT_EQ(1, get_int(fd, SOL_SOCKET, SO_KEEPALIVE));

	/* getsockopt() never writes more than asked for. */
	val = 0x7f7f7f7f;
	len = 1;
	EXPECT_EQ(0, getsockopt(fd, IPPROTO_TERN, TERN_KEEPCNT, &val, &len));
	EXPECT_EQ(1, len);
	EXPECT_EQ(0x7f7f7f04, val);
	close(fd);
	close(tcp);
}

/* The TCP options Tern takes at level SOL_TCP, with a good value and
 * values TCP refuses.
 */
static const struct {
	int opt, good, bad1, bad2;
} tcp_level_ints[] = {
	{ TCP_NODELAY, 1, INT_MIN, INT_MIN },
	{ TCP_CORK, 1, INT_MIN, INT_MIN },
	{ TCP_MAXSEG, 1000, 10, 70000 },
	{ TCP_SYNCNT, 3, 0, 128 },
	{ TCP_KEEPIDLE, 30, 0, 32768 },
	{ TCP_KEEPINTVL, 5, 0, 32768 },
	{ TCP_KEEPCNT, 4, 0, 128 },
	{ TCP_USER_TIMEOUT, 1500, -1, INT_MIN },
};

/* Set and read back @opt at SOL_TCP on @fd: r[0] the good value's
 * result, r[1] what reads back, r[2..3] the bad values' results.
 */
static void tcp_level_story(int fd, int i, int *r)
{
	r[0] = set_int(fd, IPPROTO_TCP, tcp_level_ints[i].opt, tcp_level_ints[i].good);
	r[1] = get_int(fd, IPPROTO_TCP, tcp_level_ints[i].opt);
	r[2] = tcp_level_ints[i].bad1 == INT_MIN ? 0 :
	       set_int(fd, IPPROTO_TCP, tcp_level_ints[i].opt, tcp_level_ints[i].bad1);
	r[3] = tcp_level_ints[i].bad2 == INT_MIN ? 0 :
	       set_int(fd, IPPROTO_TCP, tcp_level_ints[i].opt, tcp_level_ints[i].bad2);
}

/*
 * Programs written for TCP set their options at level SOL_TCP: Tern takes
 * them as its own (the same values, the same errors as TCP), reads them
 * back at either level, accepts TCP_FASTOPEN on a listener, and refuses
 * what it does not do with EOPNOTSUPP, as MPTCP does.
 */
TEST(tcp_level_options_like_tcp)
{
	static const int unsupported[] = {
		TCP_WINDOW_CLAMP, TCP_LINGER2, TCP_NOTSENT_LOWAT, TCP_REPAIR,
		TCP_THIN_LINEAR_TIMEOUTS, TCP_ULP, 99,
	};
	int fd, tcp, i, want[4], got[4];
	char cc[TERN_CA_NAME_MAX] = "";
	socklen_t len = sizeof(cc);

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	fd = tern_socket();
	tcp = sock_of(IPPROTO_TCP, 0);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, tcp);
	for (i = 0; i < (int)ARRAY_SIZE(tcp_level_ints); i++) {
		tcp_level_story(tcp, i, want);
		tcp_level_story(fd, i, got);
		EXPECT_EQ(0, memcmp(want, got, sizeof(want)))
			TH_LOG("TCP option %d: TCP %d %d %d %d, Tern %d %d %d %d",
			       tcp_level_ints[i].opt, want[0], want[1], want[2],
			       want[3], got[0], got[1], got[2], got[3]);
	}
	/* The same settings at Tern's own level. */
	EXPECT_EQ(1000, get_int(fd, IPPROTO_TERN, TERN_MAXSEG));
	EXPECT_EQ(30, get_int(fd, IPPROTO_TERN, TERN_KEEPIDLE));
	EXPECT_EQ(1500, get_int(fd, IPPROTO_TERN, TERN_USER_TIMEOUT));

	EXPECT_EQ(0, setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 5));
	EXPECT_EQ(0, getsockopt(fd, IPPROTO_TERN, TERN_CONGESTION, cc, &len));
	EXPECT_STREQ("reno", cc);
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "nosuch", 7));
	EXPECT_EQ(ENOENT, errno);

	EXPECT_EQ(0, set_int(tcp, IPPROTO_TCP, TCP_FASTOPEN, 16));
	EXPECT_EQ(0, set_int(fd, IPPROTO_TCP, TCP_FASTOPEN, 16));
	EXPECT_EQ(-EINVAL, set_int(fd, IPPROTO_TCP, TCP_FASTOPEN, -1));
	for (i = 0; i < (int)ARRAY_SIZE(unsupported); i++) {
		EXPECT_EQ(-EOPNOTSUPP, set_int(fd, IPPROTO_TCP, unsupported[i], 1))
			TH_LOG("TCP option %d", unsupported[i]);
		EXPECT_EQ(-EOPNOTSUPP, get_int(fd, IPPROTO_TCP, unsupported[i]))
			TH_LOG("TCP option %d", unsupported[i]);
	}
	EXPECT_EQ(-EOPNOTSUPP, set_int(fd, IPPROTO_TCP, TCP_INFO, 1));
	close(fd);
	close(tcp);
}

/* Options set on a listener, read back on the accepted socket. */
static void inherited_options(int proto, uint16_t port, int *r, char *cc)
{
	bool tcp = proto == IPPROTO_TCP;
	int level = tcp ? IPPROTO_TCP : IPPROTO_TERN;
	int l = sock_of(proto, 0), client, server;
	socklen_t len = TERN_CA_NAME_MAX;

	/* The TCP_* and TERN_* numbers differ: name them per protocol. */
	set_int(l, level, tcp ? TCP_NODELAY : TERN_NODELAY, 1);
	set_int(l, level, tcp ? TCP_KEEPIDLE : TERN_KEEPIDLE, 77);
	set_int(l, level, tcp ? TCP_KEEPINTVL : TERN_KEEPINTVL, 7);
	set_int(l, level, tcp ? TCP_KEEPCNT : TERN_KEEPCNT, 3);
	setsockopt(l, level, tcp ? TCP_CONGESTION : TERN_CONGESTION, "reno", 5);
	set_int(l, SOL_SOCKET, SO_KEEPALIVE, 1);
	set_int(l, IPPROTO_IP, IP_TOS, 0x20);
	if (bind_port(l, port) || listen(l, 4) || pair_of(proto, l, &client, &server)) {
		r[0] = -1;
		return;
	}
	r[0] = get_int(server, level, tcp ? TCP_NODELAY : TERN_NODELAY);
	r[1] = get_int(server, level, tcp ? TCP_KEEPIDLE : TERN_KEEPIDLE);
	r[2] = get_int(server, level, tcp ? TCP_KEEPINTVL : TERN_KEEPINTVL);
	r[3] = get_int(server, level, tcp ? TCP_KEEPCNT : TERN_KEEPCNT);
	r[4] = get_int(server, SOL_SOCKET, SO_KEEPALIVE);
	r[5] = get_int(server, IPPROTO_IP, IP_TOS);
	memset(cc, 0, TERN_CA_NAME_MAX);
	getsockopt(server, level, tcp ? TCP_CONGESTION : TERN_CONGESTION, cc, &len);
	/* The client's own settings are its own. */
	r[6] = get_int(client, level, tcp ? TCP_NODELAY : TERN_NODELAY);
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* An accepted socket inherits the listener's settings, as TCP's does. */
TEST(accepted_socket_inherits_options_like_tcp)
{
	static const int expect[7] = { 1, 77, 7, 3, 1, 0x20, 0 };
	char tcp_cc[TERN_CA_NAME_MAX], tern_cc[TERN_CA_NAME_MAX];
	int tcp[7], tern[7], i;
	struct tern_info info;
	int l, client, server;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	inherited_options(IPPROTO_TCP, 45960, tcp, tcp_cc);
	inherited_options(IPPROTO_TERN, 45960, tern, tern_cc);
	for (i = 0; i < 7; i++) {
		EXPECT_EQ(tcp[i], tern[i]) TH_LOG("step %d", i);
		EXPECT_EQ(expect[i], tern[i]) TH_LOG("step %d", i);
	}
	EXPECT_STREQ(tcp_cc, tern_cc);
	EXPECT_STREQ("reno", tern_cc);

	/* The accepted connection runs the inherited algorithm. */
	l = tern_socket();
	ASSERT_LE(0, l);
	ASSERT_EQ(0, setsockopt(l, IPPROTO_TERN, TERN_CONGESTION, "reno", 5));
	ASSERT_EQ(0, bind_port(l, 45961));
	ASSERT_EQ(0, listen(l, 4));
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	ASSERT_EQ(0, tern_get_info(server, &info));
	EXPECT_STREQ("reno", info.ca_name);
	ASSERT_EQ(0, tern_get_info(client, &info));
	EXPECT_STREQ("cubic", info.ca_name);
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* TERN_SYNCNT overrides the syn_retries sysctl for one socket: with 1,
 * the SYN goes out twice before connect() gives up.
 */
TEST(syncnt_limits_syn_retransmissions)
{
	int fd;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("syn_retries", 6));
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 100));
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 100));
	ASSERT_EQ(0, tern_set_fault("drop flags=SYN count=100"));
	fd = tern_socket();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_int(fd, IPPROTO_TERN, TERN_SYNCNT, 1));
	EXPECT_EQ(-ETIMEDOUT, connect_port(fd, 9));
	EXPECT_EQ(2, tern_stat("FaultDrops"));
	EXPECT_EQ(1, tern_stat("SynRetrans"));
	EXPECT_EQ(TERN_CLOSE, tern_state(fd));
	close(fd);
}

/* SO_KEEPALIVE with TERN_KEEPIDLE/INTVL/CNT: an idle connection whose
 * peer no longer answers is probed after KEEPIDLE seconds, and dropped
 * with ETIMEDOUT once KEEPCNT probes (KEEPINTVL apart) went unanswered.
 */
TEST(keepalive_options_take_effect)
{
	struct tern_proc_entry e;
	int l, client, server, i;
	uint64_t start;
	char rule[80];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	/* The peer hears the probes, but its answers are lost. */
	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1000",
		 tern_local_port(server));
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, set_int(client, IPPROTO_TERN, TERN_KEEPIDLE, 1));
	ASSERT_EQ(0, set_int(client, IPPROTO_TERN, TERN_KEEPINTVL, 1));
	ASSERT_EQ(0, set_int(client, IPPROTO_TERN, TERN_KEEPCNT, 2));
	start = now_us();
	ASSERT_EQ(0, set_int(client, SOL_SOCKET, SO_KEEPALIVE, 1));
	ASSERT_EQ(1, tern_proc_find(tern_local_port(client), tern_local_port(l), &e));
	EXPECT_STREQ("keepalive", e.timer);
	EXPECT_GE(1000, e.expires_ms);

	for (i = 0; i < 1000 && tern_state(client) != TERN_CLOSE; i++)
		sleep_ms(10);
	EXPECT_EQ(TERN_CLOSE, tern_state(client));
	/* 1 s idle, two probes 1 s apart, the verdict 1 s after the last. */
	EXPECT_LE(2500000, now_us() - start);
	EXPECT_EQ(2, tern_stat("FaultDrops"));
	EXPECT_EQ(ETIMEDOUT, get_int(client, SOL_SOCKET, SO_ERROR));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

static int get_cc(int fd, char *name, size_t size)
{
	socklen_t len = size;

	memset(name, 0, size);
	return getsockopt(fd, IPPROTO_TERN, TERN_CONGESTION, name, &len) ? -errno : 0;
}

/* TERN_CONGESTION: the namespace default, a switch, an unknown name. */
TEST(congestion_option)
{
	char name[TERN_CA_NAME_MAX];
	struct tern_info info;
	int fd, tcp, l, client, server;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	fd = tern_socket();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, get_cc(fd, name, sizeof(name)));
	EXPECT_STREQ("cubic", name);
	EXPECT_EQ(0, setsockopt(fd, IPPROTO_TERN, TERN_CONGESTION, "reno", 4));
	ASSERT_EQ(0, get_cc(fd, name, sizeof(name)));
	EXPECT_STREQ("reno", name);
	EXPECT_EQ(0, setsockopt(fd, IPPROTO_TERN, TERN_CONGESTION, "cubic", 6));
	ASSERT_EQ(0, get_cc(fd, name, sizeof(name)));
	EXPECT_STREQ("cubic", name);

	/* An unknown algorithm: ENOENT, as TCP_CONGESTION says. */
	tcp = sock_of(IPPROTO_TCP, 0);
	ASSERT_LE(0, tcp);
	EXPECT_EQ(-1, setsockopt(tcp, IPPROTO_TCP, TCP_CONGESTION, "nosuch", 6));
	EXPECT_EQ(ENOENT, errno);
	close(tcp);
	EXPECT_EQ(-1, setsockopt(fd, IPPROTO_TERN, TERN_CONGESTION, "nosuch", 6));
	EXPECT_EQ(ENOENT, errno);
	ASSERT_EQ(0, get_cc(fd, name, sizeof(name)));
	EXPECT_STREQ("cubic", name);
	close(fd);

	/* On a connection, TERN_INFO names the algorithm in use. */
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	ASSERT_EQ(0, tern_get_info(client, &info));
	EXPECT_STREQ("cubic", info.ca_name);
	EXPECT_EQ(0, setsockopt(client, IPPROTO_TERN, TERN_CONGESTION, "reno", 5));
	ASSERT_EQ(0, tern_get_info(client, &info));
	EXPECT_STREQ("reno", info.ca_name);
	ASSERT_EQ(0, send_all(client, "data", 4));
	ASSERT_EQ(0, recv_all(server, name, 4));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);

	/* The sysctl sets the default for new sockets. */
	ASSERT_EQ(0, write_file("/proc/sys/net/tern/congestion_control", "reno"));
	fd = tern_socket();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, get_cc(fd, name, sizeof(name)));
	EXPECT_STREQ("reno", name);
	close(fd);
}

/* TERN_MAXSEG set before connect() clamps the segment size of both ends
 * (it goes out in the SYN's MSS option); TERN_CORK holds a short write
 * until uncorked.
 */
TEST(maxseg_and_cork)
{
	struct tern_info ci, si;
	int l, client, server;
	char buf[16];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	l = tern_listener(45950, 4);
	ASSERT_LE(0, l);
	client = tern_socket();
	ASSERT_LE(0, client);
	ASSERT_EQ(0, set_int(client, IPPROTO_TERN, TERN_MAXSEG, 1000));
	ASSERT_EQ(0, connect_port(client, 45950));
	server = accept(l, NULL, NULL);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, tern_get_info(server, &si));
	EXPECT_EQ(1000, ci.mss);
	EXPECT_EQ(1000, si.mss);
	EXPECT_EQ(1000, get_int(client, IPPROTO_TERN, TERN_MAXSEG));

	ASSERT_EQ(0, set_int(client, IPPROTO_TERN, TERN_CORK, 1));
	ASSERT_EQ(0, send_all(client, "corked", 6));
	sleep_ms(100);
	EXPECT_EQ(0, ioctl_int(server, SIOCINQ));
	EXPECT_EQ(6, ioctl_int(client, SIOCOUTQ));
	ASSERT_EQ(0, set_int(client, IPPROTO_TERN, TERN_CORK, 0));
	EXPECT_TRUE(wait_inq(server, 6, 2000));
	EXPECT_EQ(6, recv(server, buf, sizeof(buf), 0));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* A connection on loopback that moved MOVED_OUT bytes one way and
 * MOVED_BACK the other, both ends at rest (nothing unacknowledged).
 */
#define MOVED_OUT	200000
#define MOVED_BACK	5000

FIXTURE(moved) {
	int listener, client, server;
};

FIXTURE_SETUP(moved)
{
	static char buf[MOVED_OUT];
	struct tern_info ci, si;
	int i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	self->listener = tern_listener(0, 4);
	ASSERT_LE(0, self->listener);
	ASSERT_EQ(0, tern_pair(self->listener, &self->client, &self->server));
	ASSERT_EQ(0, send_all(self->client, buf, MOVED_OUT));
	ASSERT_EQ(0, recv_all(self->server, buf, MOVED_OUT));
	ASSERT_EQ(0, send_all(self->server, buf, MOVED_BACK));
	ASSERT_EQ(0, recv_all(self->client, buf, MOVED_BACK));
	for (i = 0; i < 200; i++) {
		ASSERT_EQ(0, tern_get_info(self->client, &ci));
		ASSERT_EQ(0, tern_get_info(self->server, &si));
		if (!ci.unacked && !si.unacked)
			break;
		sleep_ms(10);
	}
	/* And the delayed ACKs sent: nothing moves between two reads. */
	sleep_ms(300);
}

FIXTURE_TEARDOWN(moved)
{
	tern_abort_close(self->client);
	tern_abort_close(self->server);
	close(self->listener);
}

/* TERN_INFO after a transfer in both directions: numbers that agree
 * with each other and with what moved.
 */
TEST_F(moved, tern_info_after_transfer)
{
	const size_t n = MOVED_OUT, m = MOVED_BACK;
	int client = self->client;
	struct tern_info ci, si;
	socklen_t len;

	ASSERT_EQ(0, tern_get_info(client, &ci));
	ASSERT_EQ(0, tern_get_info(self->server, &si));
	EXPECT_EQ(TERN_ESTABLISHED, ci.state);
	EXPECT_EQ(TERN_ESTABLISHED, si.state);
	EXPECT_EQ(0, ci.unacked);
	EXPECT_EQ(ci.snd_nxt, ci.snd_una);
	EXPECT_EQ(ci.iss + 1 + n, ci.snd_nxt);
	EXPECT_EQ(si.iss + 1 + m, si.snd_nxt);
	EXPECT_EQ(ci.snd_nxt, si.rcv_nxt);
	EXPECT_EQ(si.snd_nxt, ci.rcv_nxt);
	EXPECT_EQ(ci.iss, si.irs);
	EXPECT_EQ(si.iss, ci.irs);
	EXPECT_EQ(n, si.bytes_received);
	EXPECT_EQ(m, ci.bytes_received);
	/* bytes_acked may count the SYN too, as tcpi_bytes_acked does. */
	EXPECT_LE(n, ci.bytes_acked);
	EXPECT_GE(n + 1, ci.bytes_acked);
	EXPECT_LE(m, si.bytes_acked);
	EXPECT_GE(m + 1, si.bytes_acked);
	EXPECT_LE(n / ci.mss, ci.segs_out);
	EXPECT_LT(0, ci.segs_in);
	EXPECT_LT(0, si.segs_out);
	EXPECT_LE(n / si.mss, si.segs_in);
	EXPECT_LT(0, ci.mss);
	EXPECT_GE(65535, ci.mss);
	EXPECT_LT(0, ci.rtt_us);
	EXPECT_GE(1000000, ci.rtt_us);
	EXPECT_LE(200000, ci.rto_us);
	EXPECT_GE(120000000, ci.rto_us);
	EXPECT_LE(1, ci.snd_cwnd);
	EXPECT_LT(0, ci.snd_wnd);
	EXPECT_LT(0, si.rcv_wnd);
	EXPECT_EQ(0, ci.total_retrans);
	EXPECT_EQ(0, ci.retransmits);
	EXPECT_EQ(0, ci.backoff);
	EXPECT_EQ(0, ci.ofo_segs);
	EXPECT_EQ(0, ci.ca_state);
	EXPECT_STREQ("cubic", ci.ca_name);

	/* A short buffer gets the start of the structure, as TCP_INFO. */
	memset(&ci, 0xff, sizeof(ci));
	len = 8;
	ASSERT_EQ(0, getsockopt(client, IPPROTO_TERN, TERN_INFO, &ci, &len));
	EXPECT_EQ(8, len);
	EXPECT_EQ(TERN_ESTABLISHED, ci.state);
	EXPECT_EQ(si.irs, ci.iss);
	EXPECT_EQ(0xffffffff, ci.irs);
}

/*
 * Tools that read TCP_INFO (iperf3, ss-like monitors) see Tern's figures
 * under TCP's names, the same as TERN_INFO gives.
 */
TEST_F(moved, tcp_info_matches_tern_info)
{
	struct tcp_info_view ti;
	struct tern_info info;

	ASSERT_EQ(0, tcp_info_read(self->client, &ti));
	ASSERT_EQ(0, tern_get_info(self->client, &info));
	EXPECT_EQ(TCP_ESTABLISHED, ti.state);
	EXPECT_EQ(info.state, ti.state);
	EXPECT_EQ(info.mss, ti.snd_mss);
	EXPECT_EQ(info.rtt_us, ti.rtt);
	EXPECT_EQ(info.rttvar_us, ti.rttvar);
	EXPECT_EQ(info.rto_us, ti.rto);
	EXPECT_EQ(info.snd_cwnd, ti.snd_cwnd);
	EXPECT_EQ(info.snd_ssthresh, ti.snd_ssthresh);
	EXPECT_EQ(info.unacked, ti.unacked);
	EXPECT_EQ(info.total_retrans, ti.total_retrans);
	EXPECT_EQ(info.bytes_acked, ti.bytes_acked);
	EXPECT_EQ(info.segs_out, ti.segs_out);
	EXPECT_EQ(info.segs_in, ti.segs_in);
	EXPECT_EQ(info.snd_wnd, ti.snd_wnd);
	EXPECT_LE(MOVED_OUT, ti.bytes_acked);
	EXPECT_LT(0, ti.pmtu);
	EXPECT_EQ(TCPI_OPT_SACK, ti.options & TCPI_OPT_SACK);
	ASSERT_EQ(0, tcp_info_read(self->server, &ti));
	ASSERT_EQ(0, tern_get_info(self->server, &info));
	EXPECT_EQ(MOVED_OUT, ti.bytes_received);
	EXPECT_EQ(info.bytes_received, ti.bytes_received);
	EXPECT_EQ(info.segs_in, ti.segs_in);
}

/* FIONREAD/SIOCINQ count bytes waiting to be read; SIOCOUTQ bytes not yet
 * acknowledged (held back here by losing the peer's ACKs).
 */
TEST(ioctl_queue_sizes)
{
	int l, client, server, i;
	char rule[80], buf[600];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	EXPECT_EQ(0, ioctl_int(client, FIONREAD));
	EXPECT_EQ(0, ioctl_int(client, SIOCOUTQ));

	memset(buf, 'q', sizeof(buf));
	ASSERT_EQ(0, send_all(server, buf, 123));
	ASSERT_TRUE(wait_inq(client, 123, 2000));
	EXPECT_EQ(123, ioctl_int(client, FIONREAD));
	EXPECT_EQ(123, ioctl_int(client, SIOCINQ));
	EXPECT_EQ(23, recv(client, buf, 23, 0));
	EXPECT_EQ(100, ioctl_int(client, FIONREAD));

	snprintf(rule, sizeof(rule), "drop flags=ACK nodata sport=%u count=1000",
		 tern_local_port(server));
	ASSERT_EQ(0, tern_set_fault(rule));
	ASSERT_EQ(0, send_all(client, buf, 500));
	ASSERT_TRUE(wait_inq(server, 500, 2000));
	sleep_ms(50);
	EXPECT_EQ(500, ioctl_int(client, SIOCOUTQ));
	EXPECT_TRUE(tern_wait_state(tern_local_port(client), tern_local_port(server),
				    "ESTABLISHED", 0));
	ASSERT_EQ(0, tern_set_fault("clear"));
	/* The retransmission is acknowledged now. */
	for (i = 0; i < 300 && ioctl_int(client, SIOCOUTQ); i++)
		sleep_ms(10);
	EXPECT_EQ(0, ioctl_int(client, SIOCOUTQ));
	/* The FIN does not count as data. */
	ASSERT_EQ(0, shutdown(server, SHUT_WR));
	sleep_ms(100);
	EXPECT_EQ(100, ioctl_int(client, FIONREAD));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* Queue ioctls on a listener and on a socket still in SYN_SENT, compared
 * with TCP: EINVAL on the listener; nothing queued while connecting (the
 * SYN is not data); recv() and send() that must not wait say EAGAIN, and
 * there is no peer name yet. A listener with backlog 1 and two unaccepted
 * connections (its accept queue is full) drops the next SYN, which keeps
 * that client in SYN_SENT.
 */
static void ioctl_states(int proto, uint16_t port, int *r)
{
	int l = listener_of(proto, port, 1), a1, a2, b;

	r[0] = ioctl_int(l, SIOCINQ);
	r[1] = ioctl_int(l, SIOCOUTQ);
	a1 = sock_of(proto, SOCK_NONBLOCK);
	a2 = sock_of(proto, SOCK_NONBLOCK);
	b = sock_of(proto, SOCK_NONBLOCK);
	connect_port(a1, port);
	connect_port(a2, port);
	sleep_ms(100);
	connect_port(b, port);
	sleep_ms(100);
	r[2] = poll_one(b, POLLOUT, 0);
	r[3] = ioctl_int(b, SIOCINQ);
	r[4] = ioctl_int(b, SIOCOUTQ);
	r[5] = poll_one(a2, POLLOUT, 0);
	r[6] = ioctl_int(b, SIOCOUTQNSD);
	r[7] = recv(b, &r[10], 1, MSG_DONTWAIT) < 0 ? errno : 0;
	r[8] = send(b, "x", 1, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? errno : 0;
	r[9] = tern_peer_port(b) ? 0 : errno;
	tern_abort_close(a1);
	tern_abort_close(a2);
	tern_abort_close(b);
	close(l);
}

TEST(ioctl_in_listen_and_syn_sent_like_tcp)
{
	static const int expect[10] = { -EINVAL, -EINVAL, 0, 0, 0, POLLOUT, 0,
					EAGAIN, EAGAIN, ENOTCONN };
	int tcp[11], tern[11], i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 60000));
	ioctl_states(IPPROTO_TCP, 46000, tcp);
	ioctl_states(IPPROTO_TERN, 46000, tern);
	for (i = 0; i < 10; i++) {
		EXPECT_EQ(tcp[i], tern[i]) TH_LOG("step %d", i);
		EXPECT_EQ(expect[i], tern[i]) TH_LOG("step %d", i);
	}
}

/* /proc/net/tern lists the sockets of the reader's namespace only. */
TEST(proc_net_tern_per_namespace)
{
	int orig, l1, l2, client, server;
	struct tern_proc_entry e;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	l1 = tern_listener(46100, 4);
	ASSERT_LE(0, l1);
	ASSERT_EQ(1, tern_proc_find(46100, 0, &e));
	EXPECT_STREQ("LISTEN", e.state);
	EXPECT_EQ(1, tern_proc_count(NULL));
	orig = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, orig);

	/* A second namespace sees none of it, and has the port free. */
	ASSERT_EQ(0, tern_test_netns());
	EXPECT_EQ(0, tern_proc_count(NULL));
	EXPECT_EQ(0, tern_proc_find(46100, 0, &e));
	l2 = tern_listener(46100, 4);
	ASSERT_LE(0, l2);
	ASSERT_EQ(0, tern_pair(l2, &client, &server));
	EXPECT_EQ(3, tern_proc_count(NULL));
	EXPECT_EQ(2, tern_proc_count("ESTABLISHED"));
	EXPECT_EQ(1, tern_stat("ActiveOpens"));

	/* Back in the first one: still only its listener. */
	ASSERT_EQ(0, setns(orig, CLONE_NEWNET));
	EXPECT_EQ(1, tern_proc_count(NULL));
	EXPECT_EQ(0, tern_proc_count("ESTABLISHED"));
	ASSERT_EQ(1, tern_proc_find(46100, 0, &e));
	EXPECT_STREQ("LISTEN", e.state);
	EXPECT_EQ(0, tern_stat("ActiveOpens"));
	tern_abort_close(client);
	tern_abort_close(server);
	close(l2);
	close(l1);
	close(orig);
}

/* Find a line of @text holding @needle; copy its "sk=..." word to @sk. */
static bool trace_find(const char *text, const char *needle, char *sk, size_t size)
{
	const char *hit = strstr(text, needle), *line, *p;
	size_t n;

	if (!hit)
		return false;
	for (line = hit; line > text && line[-1] != '\n'; line--)
		;
	p = strstr(line, "sk=");
	if (!p || p > hit)
		return false;
	n = strcspn(p, " ");
	snprintf(sk, size, "%.*s", (int)n, p);
	return true;
}

static int trace_clear(void)
{
	int fd = open(TRACEFS "/trace", O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* The tern_state_change tracepoint shows a connect()'s states. */
TEST(tracepoint_state_change)
{
	const char *enable = TRACEFS "/events/tern/tern_state_change/enable";
	char needle[128], sk1[64], sk2[64], sk3[64];
	int l, client, server;
	uint16_t cport;
	char *text;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	if (access(enable, W_OK))
		SKIP(return, "no %s", enable);
	text = malloc(1 << 20);
	ASSERT_NE(NULL, text);
	l = tern_listener(46200, 4);
	ASSERT_LE(0, l);

	ASSERT_EQ(0, write_file(TRACEFS "/tracing_on", "1"));
	ASSERT_EQ(0, trace_clear());
	ASSERT_EQ(0, write_file(enable, "1"));
	ASSERT_EQ(0, tern_pair(l, &client, &server));
	EXPECT_EQ(0, write_file(enable, "0"));
	cport = tern_local_port(client);
	ASSERT_LT(0, read_file(TRACEFS "/trace", text, 1 << 20));

	/* The port is chosen after SYN_SENT is entered. */
	snprintf(needle, sizeof(needle), "-> 127.0.0.1:46200 CLOSED -> SYN_SENT");
	EXPECT_TRUE(trace_find(text, needle, sk1, sizeof(sk1))) TH_LOG("%s", text);
	snprintf(needle, sizeof(needle),
		 "127.0.0.1:%u -> 127.0.0.1:46200 SYN_SENT -> ESTABLISHED", cport);
	EXPECT_TRUE(trace_find(text, needle, sk2, sizeof(sk2))) TH_LOG("%s", text);
	EXPECT_STREQ(sk1, sk2);
	EXPECT_TRUE(strstr(text, "CLOSED -> SYN_SENT") &&
		    strstr(text, "CLOSED -> SYN_SENT") < strstr(text, "SYN_SENT -> ESTABLISHED"));
	/* The passive side's child completes its handshake too. */
	snprintf(needle, sizeof(needle),
		 "127.0.0.1:46200 -> 127.0.0.1:%u SYN_RECV -> ESTABLISHED", cport);
	EXPECT_TRUE(trace_find(text, needle, sk3, sizeof(sk3))) TH_LOG("%s", text);
	EXPECT_STRNE(sk1, sk3);
	trace_clear();
	free(text);
	tern_abort_close(client);
	tern_abort_close(server);
	close(l);
}

/* "address port" of an IPv4 or IPv6 socket address, into @buf (80). */
static void sockaddr_text(const struct sockaddr_storage *ss, char *buf)
{
	const struct sockaddr_in6 *sin6 = (const void *)ss;
	const struct sockaddr_in *sin = (const void *)ss;
	char a[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET6)
		snprintf(buf, 80, "%s %u", inet_ntop(AF_INET6, &sin6->sin6_addr, a, sizeof(a)),
			 ntohs(sin6->sin6_port));
	else
		snprintf(buf, 80, "%s %u", inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a)),
			 ntohs(sin->sin_port));
}

/* An IPv6 listener of @proto on [@laddr]:@port, IPV6_V6ONLY as asked. */
static int listen6(int proto, const char *laddr, unsigned short port, int v6only)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	int fd = socket(AF_INET6, SOCK_STREAM, proto), one = 1;

	if (fd < 0)
		return -1;
	inet_pton(AF_INET6, laddr, &sa.sin6_addr);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 4)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Connect to @caddr:@port and accept on @l; the peer's name as the
 * listener's side sees it and ours as we see it, "addr port" each.
 * Returns 0, or -errno of the connect.
 */
static int dual_connect(int proto, int l, const char *caddr, unsigned short port,
			char *peer, char *self)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int c, a, err = 0;
	char byte;

	c = ns_connect_of(proto, caddr, port);
	if (c < 0)
		return -errno;
	a = accept(l, (struct sockaddr *)&ss, &len);
	if (a < 0) {
		err = -errno;
	} else {
		sockaddr_text(&ss, peer);
		len = sizeof(ss);
		getsockname(c, (struct sockaddr *)&ss, &len);
		sockaddr_text(&ss, self);
		if (send(c, "x", 1, 0) != 1 || recv(a, &byte, 1, 0) != 1)
			err = -EIO;
		close(a);
	}
	close(c);
	return err;
}

/* IPv6 as TCP has it: a listener on [::] takes IPv4 connections too and
 * names their peer v4-mapped, unless IPV6_V6ONLY; an IPv6 socket reaches
 * an IPv4 listener by a v4-mapped address; ::1 is loopback.
 */
TEST(ipv6_dual_stack_like_tcp)
{
	static const int protos[] = { IPPROTO_TCP, IPPROTO_TERN };
	char peer[2][4][80] = {}, self[2][4][80] = {};
	int err[2][4], i, l;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	for (i = 0; i < 2; i++) {
		l = listen6(protos[i], "::", 46300, 0);
		ASSERT_LE(0, l);
		err[i][0] = dual_connect(protos[i], l, "127.0.0.1", 46300, peer[i][0], self[i][0]);
		err[i][1] = dual_connect(protos[i], l, "::1", 46300, peer[i][1], self[i][1]);
		close(l);
		l = ns_listen_of(protos[i], "127.0.0.1", 46301, 4);
		ASSERT_LE(0, l);
		err[i][2] = dual_connect(protos[i], l, "::ffff:127.0.0.1", 46301,
					 peer[i][2], self[i][2]);
		close(l);
		l = listen6(protos[i], "::", 46302, 1);
		ASSERT_LE(0, l);
		err[i][3] = dual_connect(protos[i], l, "127.0.0.1", 46302, peer[i][3], self[i][3]);
		close(l);
	}
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(err[0][i], err[1][i]) TH_LOG("case %d", i);
		/* Addresses alike; the ports are each connection's own. */
		EXPECT_EQ(0, strncmp(peer[0][i], peer[1][i], strcspn(peer[0][i], " ")))
			TH_LOG("case %d: TCP %s, Tern %s", i, peer[0][i], peer[1][i]);
		EXPECT_EQ(0, strncmp(self[0][i], self[1][i], strcspn(self[0][i], " ")))
			TH_LOG("case %d: TCP %s, Tern %s", i, self[0][i], self[1][i]);
	}
	EXPECT_EQ(0, strncmp(peer[1][0], "::ffff:127.0.0.1 ", 17)) TH_LOG("%s", peer[1][0]);
	EXPECT_EQ(0, strncmp(peer[1][1], "::1 ", 4)) TH_LOG("%s", peer[1][1]);
	EXPECT_EQ(-ECONNREFUSED, err[1][3]);
}

/* Bind @first, then @second (each "address" and whether IPV6_V6ONLY) to
 * the same port with @proto; 0 or the second bind()'s -errno.
 */
static int bind_twice(int proto, const char *first, int only1, const char *second,
		      unsigned short port)
{
	const char *addrs[2] = { first, second };
	int fds[2] = { -1, -1 }, i, err = 0;
	struct sockaddr_in6 sa;
	socklen_t len;

	for (i = 0; i < 2 && !err; i++) {
		len = tern_sockaddr_of(addrs[i], port, &sa);
		fds[i] = socket(sa.sin6_family, SOCK_STREAM, proto);
		if (fds[i] < 0)
			return -errno;
		if (sa.sin6_family == AF_INET6)
			set_int(fds[i], IPPROTO_IPV6, IPV6_V6ONLY, i ? 0 : only1);
		if (bind(fds[i], (struct sockaddr *)&sa, len))
			err = i ? -errno : -1000 - errno;
	}
	close(fds[0]);
	close(fds[1]);
	return err;
}

/* bind() across the families as TCP's: [::] holds the IPv4 port too,
 * unless IPV6_V6ONLY; a v4-mapped address is the IPv4 one.
 */
TEST(ipv6_bind_conflicts_like_tcp)
{
	static const struct {
		const char *first, *second;
		int v6only;
	} cases[] = {
		{ "::", "0.0.0.0", 0 },
		{ "::", "0.0.0.0", 1 },
		{ "0.0.0.0", "::", 0 },
		{ "127.0.0.1", "::ffff:127.0.0.1", 0 },
		{ "::1", "127.0.0.1", 0 },
		{ "::", "::1", 1 },
	};
	int i, tcp, tern;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	for (i = 0; i < (int)ARRAY_SIZE(cases); i++) {
		tcp = bind_twice(IPPROTO_TCP, cases[i].first, cases[i].v6only,
				 cases[i].second, 46310 + i);
		tern = bind_twice(IPPROTO_TERN, cases[i].first, cases[i].v6only,
				  cases[i].second, 46310 + i);
		EXPECT_EQ(tcp, tern) TH_LOG("%s then %s (v6only %d)", cases[i].first,
					    cases[i].second, cases[i].v6only);
	}
	/* Not every case is a conflict: the table means something. */
	EXPECT_EQ(-EADDRINUSE, bind_twice(IPPROTO_TERN, "::", 0, "0.0.0.0", 46320));
	EXPECT_EQ(0, bind_twice(IPPROTO_TERN, "::", 1, "0.0.0.0", 46321));
}

/* What TCP_DEFER_ACCEPT does to @proto's listener @l: what getsockopt()
 * reports for 1 and 5 seconds; whether accept() waits for a connection
 * that sends nothing (not ready after 300 ms) and takes it once its data
 * comes, with the data; and whether one that never sends gets in once
 * the deferral runs out.
 */
static void defer_story(int proto, int l, int *out)
{
	int c, c2, a = -1, secs = 5;
	char byte = 0;

	set_int(l, IPPROTO_TCP, TCP_DEFER_ACCEPT, 5);
	out[0] = get_int(l, IPPROTO_TCP, TCP_DEFER_ACCEPT);
	set_int(l, IPPROTO_TCP, TCP_DEFER_ACCEPT, 1);
	out[1] = get_int(l, IPPROTO_TCP, TCP_DEFER_ACCEPT);
	c = sock_of(proto, 0);
	out[2] = connect_port(c, tern_local_port(l));
	out[3] = !!(poll_one(l, POLLIN, 300) & POLLIN);
	out[4] = send(c, "d", 1, 0);
	out[5] = !!(poll_one(l, POLLIN, 2000) & POLLIN);
	if (out[5])
		a = accept(l, NULL, NULL);
	out[6] = a >= 0 && recv(a, &byte, 1, 0) == 1 && byte == 'd';
	close(a);
	c2 = sock_of(proto, 0);
	connect_port(c2, tern_local_port(l));
	while (secs-- > 0 && !(poll_one(l, POLLIN, 1000) & POLLIN))
		;
	out[7] = secs >= 0;
	close(c);
	close(c2);
}

/* TCP_DEFER_ACCEPT as TCP has it: the value kept in SYN+ACK timeouts
 * (5 s reads back as 7), accept() woken by the first data, a silent peer
 * let in when the deferral ends.
 */
TEST(defer_accept_like_tcp)
{
	static const int protos[] = { IPPROTO_TCP, IPPROTO_TERN };
	int out[2][8], i, l;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	for (i = 0; i < 2; i++) {
		l = listener_of(protos[i], 0, 4);
		ASSERT_LE(0, l);
		defer_story(protos[i], l, out[i]);
		close(l);
	}
	for (i = 0; i < 8; i++)
		EXPECT_EQ(out[0][i], out[1][i]) TH_LOG("step %d", i);
	EXPECT_EQ(7, out[1][0]);
	EXPECT_EQ(0, out[1][3]);
	EXPECT_EQ(1, out[1][6]);
	EXPECT_EQ(1, out[1][7]);
}

/* A SO_REUSEPORT listener of @proto on @addr:@port (backlog 128). */
static int reuseport_listener(int proto, const char *addr, unsigned short port)
{
	struct sockaddr_in6 sa;
	socklen_t len = tern_sockaddr_of(addr, port, &sa);
	int fd = socket(sa.sin6_family, SOCK_STREAM | SOCK_NONBLOCK, proto);

	if (fd < 0)
		return -errno;
	if (set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1) ||
	    bind(fd, (struct sockaddr *)&sa, len) || listen(fd, 128)) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* Connect @n clients to 127.0.0.1:@port, then take what each of the two
 * non-blocking listeners @l queued: their counts go to @got.
 */
static void spread_over(int proto, const int *l, unsigned short port, int n, int *got)
{
	int c[64], i, k, fd, waited;

	got[0] = 0;
	got[1] = 0;
	for (i = 0; i < n; i++)
		c[i] = ns_connect_of(proto, "127.0.0.1", port);
	for (waited = 0; got[0] + got[1] < n && waited < 2000; waited += 10) {
		for (k = 0; k < 2; k++)
			while (l[k] >= 0 && (fd = accept(l[k], NULL, NULL)) >= 0) {
				got[k]++;
				close(fd);
			}
		if (got[0] + got[1] < n)
			sleep_ms(10);
	}
	for (i = 0; i < n; i++)
		close(c[i]);
}

/* SO_REUSEPORT step by step; results to @r: the two binds and listens,
 * a third socket without the option, whether 64 connections went to
 * both members and how many were taken, the same after one member
 * closed, and a member on another address ([::] beside 127.0.0.1).
 */
static void reuseport_story(int proto, int *r)
{
	int l[2], got[2], plain;

	l[0] = reuseport_listener(proto, "127.0.0.1", 46340);
	l[1] = reuseport_listener(proto, "127.0.0.1", 46340);
	r[0] = l[0] < 0 ? l[0] : 0;
	r[1] = l[1] < 0 ? l[1] : 0;
	plain = sock_of(proto, 0);
	r[2] = bind_port(plain, 46340);
	close(plain);
	spread_over(proto, l, 46340, 64, got);
	r[3] = got[0] > 0 && got[1] > 0;
	r[4] = got[0] + got[1];
	close(l[0]);
	l[0] = -1;
	spread_over(proto, l, 46340, 16, got);
	r[5] = got[1];
	close(l[1]);
	/* The IPv4 listener is the better match for IPv4 peers. */
	l[0] = reuseport_listener(proto, "::", 46341);
	l[1] = reuseport_listener(proto, "127.0.0.1", 46341);
	r[6] = l[0] < 0 ? l[0] : l[1] < 0 ? l[1] : 0;
	spread_over(proto, l, 46341, 16, got);
	r[7] = got[0];
	r[8] = got[1];
	close(l[0]);
	close(l[1]);
}

/* SO_REUSEPORT as TCP has it: members share the port and its
 * connections, a socket without the option cannot join, a closed
 * member's share goes to the rest.
 */
TEST(reuseport_like_tcp)
{
	int tcp[9], tern[9], i;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	reuseport_story(IPPROTO_TCP, tcp);
	reuseport_story(IPPROTO_TERN, tern);
	for (i = 0; i < 9; i++)
		EXPECT_EQ(tcp[i], tern[i]) TH_LOG("step %d", i);
	EXPECT_EQ(-EADDRINUSE, tern[2]);
	EXPECT_EQ(1, tern[3]);
	EXPECT_EQ(64, tern[4]);
	EXPECT_EQ(16, tern[5]);
}

TEST_HARNESS_MAIN
