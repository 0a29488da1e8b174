// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile peers and hostile users, one test per attack, each named after
 * it: a flood of one-byte segments past a hole, peers that never open
 * their window to orphans, an injected byte that would set two ends
 * ACKing each other, spoofed FINs holding TIME_WAIT, repeated SYNs, a SYN
 * flood from spoofed addresses, socket filters and IPsec policies the
 * protocol must not bypass, a receive buffer near INT_MAX, and
 * namespaces torn down under TIME_WAIT entries from several processes.
 * Segments are crafted on a raw socket (segment.h). The attacks on one
 * loopback connection run over IPv4 and IPv6 (fixture variants).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/filter.h>
#include <netinet/ip.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "capture.h"
#include "lsm_gate.h"
#include "netns.h"
#include "segment.h"
#include "tern_util.h"

#define WAIT_MS		5000

/* A connection on loopback and a raw socket to impersonate either end. */
FIXTURE(conn) {
	int listener, client, server, raw;
	uint16_t lport, cport;
	struct tern_info ci, si;
};

TERN_FAMILY_VARIANTS(conn);

FIXTURE_SETUP(conn)
{
	tern_use_family(variant->family);
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	/* Small buffers: an attacker fills them sooner. */
	ASSERT_EQ(0, tern_sysctl_set("rmem", 65536));
	ASSERT_EQ(0, tern_sysctl_set("wmem", 65536));
	self->listener = tern_listener(0, 16);
	ASSERT_LE(0, self->listener);
	self->lport = tern_local_port(self->listener);
	ASSERT_EQ(0, tern_pair(self->listener, &self->client, &self->server));
	self->cport = tern_local_port(self->client);
	ASSERT_EQ(0, tern_get_info(self->client, &self->ci));
	ASSERT_EQ(0, tern_get_info(self->server, &self->si));
	self->raw = seg_raw_open();
	ASSERT_LE(0, self->raw);
}

FIXTURE_TEARDOWN(conn)
{
	tern_abort_close(self->client);
	tern_abort_close(self->server);
	close(self->listener);
	close(self->raw);
}

/* Wait up to @ms for @fd to be readable; true if it is. */
static bool readable(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, ms) == 1;
}

/*
 * Thousands of one-byte segments past a hole pinned the receive buffer
 * (each costs a whole skb), and the segment that fills the hole was then
 * refused forever. Now the out-of-order queue is pruned from its top to
 * make room for it, as TCP's tcp_prune_ofo_queue() does.
 */
TEST_F(conn, ooo_one_byte_flood)
{
	const uint32_t hole = self->si.rcv_nxt;
	struct tern_info after;
	long long in_segs = tern_stat("InSegs");
	char c = 0;
	int i;

	for (i = 0; i < 3000; i++)
		ASSERT_EQ(0, seg_raw_send(self->raw, self->cport, self->lport,
					  hole + 2 + 2 * i, self->si.snd_nxt,
					  SEG_ACK, "x", 1));
	ASSERT_TRUE(tern_stat_wait("InSegs", in_segs + 3000, WAIT_MS));
	ASSERT_EQ(0, tern_get_info(self->server, &after));
	/* Bounded by the buffer (some 100 one-byte skbs), not the flood. */
	EXPECT_GT(400, after.ofo_segs);
	EXPECT_LT(0, tern_stat("DropRcvbuf"));

	/* The client's byte fills the hole and gets in at once. */
	ASSERT_EQ(0, send_all(self->client, "h", 1));
	ASSERT_TRUE(readable(self->server, WAIT_MS));
	ASSERT_EQ(1, recv(self->server, &c, 1, MSG_DONTWAIT));
	EXPECT_EQ('h', c);
	EXPECT_LT(0, tern_stat("OfoPruned"));
}

/* Fill the peer's window: send until the send buffer is full, too.
 * 0, or -1 if sending failed otherwise.
 */
static int fill_window(int fd)
{
	char buf[4096] = { 0 };

	if (fcntl(fd, F_SETFL, O_NONBLOCK))
		return -1;
	while (send(fd, buf, sizeof(buf), 0) > 0)
		;
	return errno == EAGAIN ? 0 : -1;
}

/*
 * An orphan whose peer answers every window probe with a closed window
 * probed forever: the answers reset the probe count. Now, as TCP's
 * tcp_probe_timer(), an orphan's probes end once its backed-off timeout
 * reached the ceiling and net.tern.orphan_retries were spent.
 */
TEST_F(conn, zero_window_orphan_gives_up)
{
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 50));
	ASSERT_EQ(0, tern_sysctl_set("rto_max_ms", 200));
	ASSERT_EQ(0, tern_sysctl_set("orphan_retries", 2));
	ASSERT_EQ(0, fill_window(self->client));
	/* The server never reads: the client, closed, probes a zero window. */
	ASSERT_TRUE(tern_stat_wait("ZeroWindowProbes", 1, WAIT_MS));
	ASSERT_EQ(0, close(self->client));
	self->client = -1;
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 10000));
	EXPECT_LE(1, tern_stat("AbortOnTimeout"));
}

/*
 * Orphans beyond net.tern.max_orphans are reset when they are made, as
 * TCP's tcp_close() does when tcp_check_oom() says so.
 */
TEST_F(conn, too_many_orphans_are_reset)
{
	int c[3], s[3], i;

	ASSERT_EQ(0, tern_sysctl_set("max_orphans", 1));
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, tern_pair(self->listener, &c[i], &s[i]));
		ASSERT_EQ(0, fill_window(c[i]));
	}
	for (i = 0; i < 3; i++)
		close(c[i]);
	/* At most one stays an orphan; the others were reset at once. */
	EXPECT_LE(2, tern_stat("AbortOnMemory"));
	EXPECT_GE(2, tern_proc_count("FIN_WAIT1") + tern_proc_count("CLOSING"));
	for (i = 0; i < 3; i++)
		close(s[i]);
}

/*
 * One injected byte (in the client's name, at the server's rcv_nxt) and
 * each end finds the other's segments unacceptable: the server ACKs data
 * the client never sent, the client's ACK is old to the server... at
 * line rate. Now those answers come at most once per
 * net.tern.invalid_ratelimit_ms per connection, as TCP's.
 */
TEST_F(conn, ack_storm_is_rate_limited)
{
	long long out;

	ASSERT_EQ(0, seg_raw_send(self->raw, self->cport, self->lport, self->si.rcv_nxt,
				  self->si.snd_nxt, SEG_ACK | SEG_PSH, "!", 1));
	sleep_ms(200);
	out = tern_stat("OutSegs");
	sleep_ms(1000);
	/* 500 ms between answers: a handful a second, not thousands. */
	EXPECT_GT(20, tern_stat("OutSegs") - out);
	EXPECT_LT(0, tern_stat("OutOfWindowAcksLimited"));
	EXPECT_LT(0, tern_stat("DropBadAck"));
}

/*
 * Any FIN restarted a TIME_WAIT entry's 2 MSL: spoofed FINs held it
 * forever. Now only the peer's own FIN (at RCV.NXT - 1) does; others get
 * a rate-limited ACK, and the entry expires on time.
 */
TEST_F(conn, time_wait_ignores_spoofed_fins)
{
	uint32_t seq = 12345;
	uint64_t t0;
	char b;

	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 500));
	ASSERT_EQ(0, close(self->client));
	self->client = -1;
	ASSERT_EQ(0, recv(self->server, &b, 1, 0));
	ASSERT_EQ(0, close(self->server));
	self->server = -1;
	ASSERT_TRUE(tern_wait_state(self->cport, self->lport, "TIME_WAIT", WAIT_MS));
	t0 = now_us();
	/* FINs for 3 s; the entry lasts 1 s. */
	while (now_us() - t0 < 3000000 &&
	       tern_wait_state(self->cport, self->lport, "TIME_WAIT", 0)) {
		seq += 7777;
		seg_raw_send(self->raw, self->lport, self->cport, seq, 0,
			     SEG_FIN | SEG_ACK, NULL, 0);
		sleep_ms(50);
	}
	EXPECT_TRUE(tern_wait_state(self->cport, self->lport, NULL, 0));
	EXPECT_GT(2500, (long)(now_us() - t0) / 1000);
	EXPECT_LT(0, tern_stat("OutOfWindowAcksLimited"));
}

/*
 * A SYN repeated answered each copy with a SYN+ACK at once. Now, as TCP,
 * a request entry answers repeated SYNs at most once per
 * net.tern.invalid_ratelimit_ms.
 */
TEST_F(conn, repeated_syn_is_rate_limited)
{
	struct capture *cap = cap_start();
	const uint16_t sport = 40404;
	char rule[80];
	int i;

	ASSERT_NE(NULL, cap);
	/* Nobody listens on our port: our RST would end the request entry. */
	snprintf(rule, sizeof(rule), "drop flags=RST sport=%u count=100", sport);
	ASSERT_EQ(0, tern_set_fault(rule));
	for (i = 0; i < 20; i++)
		ASSERT_EQ(0, seg_raw_send(self->raw, sport, self->lport, 1000, 0, SEG_SYN,
					  NULL, 0));
	sleep_ms(300);
	EXPECT_EQ(1, tern_proc_count("SYN_RECV"));
	/* The first SYN's answer and the first repeat's, none for the 18
	 * others within 500 ms.
	 */
	EXPECT_EQ(2, cap_count(cap, self->lport, sport, SEG_SYN | SEG_ACK,
			       SEG_SYN | SEG_ACK));
	EXPECT_LE(18, tern_stat("OutOfWindowAcksLimited"));
	tern_set_fault("clear");
	cap_free(cap);
}

/*
 * With net.tern.syncookies 2 every SYN+ACK is a cookie: no request entry
 * is kept, and the handshake's ACK rebuilds the connection (RFC 4987).
 */
TEST_F(conn, syn_cookies_complete_handshakes)
{
	char buf[2000], back[2000];
	int c, s, i;

	ASSERT_EQ(0, tern_sysctl_set("syncookies", 2));
	for (i = 0; i < 5; i++) {
		ASSERT_EQ(0, tern_pair(self->listener, &c, &s));
		EXPECT_EQ(0, tern_proc_count("SYN_RECV"));
		memset(buf, 'a' + i, sizeof(buf));
		ASSERT_EQ(0, send_all(c, buf, sizeof(buf)));
		ASSERT_EQ(0, recv_all(s, back, sizeof(back)));
		EXPECT_EQ(0, memcmp(buf, back, sizeof(buf)));
		close(c);
		close(s);
	}
	EXPECT_EQ(5, tern_stat("SyncookiesSent"));
	EXPECT_EQ(5, tern_stat("SyncookiesRecv"));
	EXPECT_EQ(0, tern_stat("SyncookiesFailed"));
}

/* A classic BPF filter that drops every packet. */
static int drop_all_filter(int fd)
{
	struct sock_filter code[] = { BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_fprog prog = { .len = 1, .filter = code };

	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
}

/* What a receiver with a drop-all filter sees: 1 if nothing got in,
 * then the data once the filter goes; else which step went wrong.
 */
static int filter_story(int proto, int listener)
{
	char buf[4] = "";
	int c, s, ret, zero = 0;

	if (pair_of(proto, listener, &c, &s) || drop_all_filter(s))
		return -1;
	send_all(c, "abc", 3);
	ret = -2;
	if (readable(s, 500))
		goto out;
	ret = -3;
	if (setsockopt(s, SOL_SOCKET, SO_DETACH_FILTER, &zero, sizeof(zero)))
		goto out;
	/* The sender retransmits; now it gets through. */
	ret = -4;
	if (!readable(s, 10000))
		goto out;
	ret = recv_all(s, buf, 3) == 0 && !strcmp(buf, "abc") ? 1 : -5;
out:
	close(c);
	close(s);
	return ret;
}

/*
 * Socket filters (and with them cgroup ingress programs and the LSM's
 * sock_rcv_skb hook) were bypassed. Now they see every segment, as
 * TCP's do: nothing reaches a socket whose filter drops all.
 */
TEST_F(conn, socket_filter_is_obeyed_like_tcp)
{
	int tcp = listener_of(IPPROTO_TCP, 0, 4);

	ASSERT_LE(0, tcp);
	ASSERT_EQ(0, tern_sysctl_set("rto_max_ms", 500));
	EXPECT_EQ(1, filter_story(IPPROTO_TCP, tcp));
	EXPECT_EQ(1, filter_story(IPPROTO_TERN, self->listener));
	EXPECT_LT(0, tern_stat("DropFilter"));
	close(tcp);
}

/*
 * SO_RCVBUFFORCE near INT_MAX: the receive limit, rcvbuf and a half,
 * overflowed an int and refused every segment. Now it holds.
 */
TEST_F(conn, receive_buffer_near_int_max)
{
	static char buf[100000], back[100000];
	int c, s, big = INT_MAX;

	ASSERT_EQ(0, tern_pair(self->listener, &c, &s));
	ASSERT_EQ(0, setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)));
	memset(buf, 'r', sizeof(buf));
	ASSERT_EQ(0, send_all(c, buf, sizeof(buf)));
	ASSERT_EQ(0, recv_all(s, back, sizeof(back)));
	EXPECT_EQ(0, memcmp(buf, back, sizeof(buf)));
	EXPECT_EQ(0, tern_stat("DropRcvbuf"));
	close(c);
	close(s);
}

/* A connect to @port that a security module refuses: it must not
 * complete, nor reach the listener's queue. 1 when refused like that.
 */
static int refused_story(int proto, int listener, uint16_t port)
{
	int c = sock_of(proto, SOCK_NONBLOCK), ret = -1;
	struct pollfd pfd = { .fd = c, .events = POLLOUT };

	if (c < 0)
		return -1;
	if (connect_port(c, port) != -EINPROGRESS)
		goto out;
	ret = poll(&pfd, 1, 1500) == 0 ? 1 : -2;
	if (readable(listener, 0))
		ret = -3;
out:
	close(c);
	return ret;
}

/*
 * The security modules were never asked about a passive open
 * (security_inet_conn_request) nor told of a completed one
 * (security_inet_conn_established), so SELinux, Smack, AppArmor and BPF
 * security modules could not refuse or label Tern's connections. Now a
 * BPF security module that refuses a port refuses Tern's SYNs as it
 * refuses TCP's, and hears of both ends once it lets them through.
 */
TEST_F_TIMEOUT(conn, security_module_is_asked_like_tcp, 300)
{
	uint64_t start = now_us();
	struct lsm_gate *gate = lsm_gate_open();
	int tcp = listener_of(IPPROTO_TCP, 0, 4), c, s;
	uint16_t tport = tern_local_port(tcp);

	/* libbpf reads the kernel's BTF: seconds under TCG. */
	TH_LOG("BPF security module %s in %.1f s", gate ? "loaded" : "not loaded",
	       (now_us() - start) / 1e6);
	ASSERT_LE(0, tcp);
	if (!gate) {
		close(tcp);
		SKIP(return, "no BPF security module in this kernel");
	}
	ASSERT_EQ(0, lsm_gate_deny(gate, tport));
	EXPECT_EQ(1, refused_story(IPPROTO_TCP, tcp, tport));
	ASSERT_EQ(0, lsm_gate_deny(gate, self->lport));
	EXPECT_EQ(1, refused_story(IPPROTO_TERN, self->listener, self->lport));
	EXPECT_LE(1, lsm_gate_count(gate, false, IPPROTO_TCP, tport));
	EXPECT_LE(1, lsm_gate_count(gate, false, IPPROTO_TERN, self->lport));
	EXPECT_LE(1, tern_stat("ListenDrops"));

	ASSERT_EQ(0, lsm_gate_deny(gate, 0));
	ASSERT_EQ(0, tern_pair(self->listener, &c, &s));
	EXPECT_EQ(1, lsm_gate_count(gate, true, IPPROTO_TERN, tern_local_port(c)));
	EXPECT_EQ(1, lsm_gate_count(gate, true, IPPROTO_TERN, self->lport));
	close(c);
	close(s);
	close(tcp);
	lsm_gate_close(gate);
}

/* Two namespaces joined by a veth: the client side 'a', the server 'b'. */
FIXTURE(veth) {
	struct ns_pair ns;
};

FIXTURE_SETUP(veth)
{
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, ns_pair_create(&self->ns));
}

FIXTURE_TEARDOWN(veth)
{
	ns_pair_destroy(&self->ns);
}

/* Whether a non-blocking connect of @proto to @addr:@port completes
 * within @ms.
 */
static bool connects(int proto, const char *addr, uint16_t port, int ms)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = sock_of(proto, SOCK_NONBLOCK), err = 0;
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	socklen_t len = sizeof(err);
	bool ok;

	inet_pton(AF_INET, addr, &sin.sin_addr);
	connect(fd, (struct sockaddr *)&sin, sizeof(sin));
	ok = poll(&pfd, 1, ms) == 1 &&
	     !getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) && !err;
	close(fd);
	return ok;
}

/*
 * An IPsec policy that blocks the protocol: Tern registers with
 * no_policy, as TCP, so it must check the input policy itself; it did
 * not, and its segments went through. (Loopback is exempt from IPsec
 * policy: hence the veth.)
 */
#define POLICY	"xfrm policy add src 10.99.0.1/32 dst 10.99.0.2/32"
#define BLOCK	" dir in action block"

TEST_F_TIMEOUT(veth, ipsec_block_policy_is_obeyed_like_tcp, 120)
{
	const uint16_t port = 7200;
	int tcp, tern;

	ASSERT_EQ(0, ns_enter(&self->ns, 'b'));
	tcp = ns_listen_of(IPPROTO_TCP, NS_ADDR_B, port, 4);
	tern = ns_listen(NS_ADDR_B, port, 4);
	ASSERT_LE(0, tcp);
	ASSERT_LE(0, tern);
	if (ns_pair_ip(&self->ns, 'b', POLICY " proto 253" BLOCK " 2>/dev/null") ||
	    ns_pair_ip(&self->ns, 'b', POLICY " proto tcp" BLOCK))
		SKIP(return, "no IPsec (XFRM) in this kernel");
	ASSERT_EQ(0, ns_enter(&self->ns, 'a'));
	EXPECT_FALSE(connects(IPPROTO_TCP, NS_ADDR_B, port, 1500));
	EXPECT_FALSE(connects(IPPROTO_TERN, NS_ADDR_B, port, 1500));
	ASSERT_EQ(0, ns_enter(&self->ns, 'b'));
	EXPECT_LT(0, tern_stat("DropPolicy"));
	ASSERT_EQ(0, ns_pair_ip(&self->ns, 'b', "xfrm policy flush"));
	ASSERT_EQ(0, ns_enter(&self->ns, 'a'));
	EXPECT_TRUE(connects(IPPROTO_TERN, NS_ADDR_B, port, WAIT_MS));
	close(tcp);
	close(tern);
}

/* An IPv4 header and a Tern SYN from @saddr:@sport to @daddr:@dport. */
static size_t spoofed_syn(uint8_t *buf, struct in_addr saddr, uint16_t sport,
			  struct in_addr daddr, uint16_t dport, uint32_t seq)
{
	struct iphdr *iph = (struct iphdr *)buf;
	struct seg s = { .sport = sport, .dport = dport, .seq = seq,
			 .flags = SEG_SYN, .window = 65535 };
	size_t len = seg_build(buf + sizeof(*iph), &s, saddr, daddr, IPPROTO_TERN);

	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_TERN;
	iph->tot_len = htons(sizeof(*iph) + len);
	iph->saddr = saddr.s_addr;
	iph->daddr = daddr.s_addr;
	/* The kernel fills in the IP checksum and id of IP_HDRINCL packets. */
	return sizeof(*iph) + len;
}

/* Flood 10.99.0.2:@dport with SYNs from random 198.18.0.0/15 addresses
 * until killed.
 */
static void syn_flooder(uint16_t dport)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct in_addr saddr;
	uint8_t buf[128];
	unsigned int r = getpid();
	size_t len;
	int fd;

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		_exit(1);
	inet_pton(AF_INET, NS_ADDR_B, &dst.sin_addr);
	for (;;) {
		r = r * 1103515245 + 12345;
		saddr.s_addr = htonl(0xc6120000 | (r >> 15));
		len = spoofed_syn(buf, saddr, 1024 + (r & 0x7fff), dst.sin_addr, dport, r);
		sendto(fd, buf, len, 0, (struct sockaddr *)&dst, sizeof(dst));
	}
}

/*
 * A SYN flood from spoofed addresses fills the listener's backlog with
 * request entries in a moment; without SYN cookies real clients then
 * got no answer. With them (net.tern.syncookies 1, the default) every
 * real client gets through and transfers byte-exact while the flood
 * goes on, the request entries stay within the backlog, and the
 * counters show the cookies.
 */
TEST_F_TIMEOUT(veth, syn_flood_from_spoofed_addresses, 600)
{
	const uint16_t port = 7100;
	char buf[1000], back[1000];
	struct ns_pair *ns = &self->ns;
	int l, c, s, i, done = 0, status;
	pid_t flooder;

	ASSERT_EQ(0, ns_enter(ns, 'b'));
	/* Accept the spoofed sources (they have no route back). */
	ASSERT_EQ(0, write_file("/proc/sys/net/ipv4/conf/all/rp_filter", "0"));
	ASSERT_EQ(0, write_file("/proc/sys/net/ipv4/conf/tb/rp_filter", "0"));
	l = ns_listen(NS_ADDR_B, port, 16);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, ns_enter(ns, 'a'));
	flooder = fork();
	ASSERT_LE(0, flooder);
	if (!flooder)
		syn_flooder(port);
	/* Let the flood fill the backlog first. */
	sleep_ms(1000);
	for (i = 0; i < 20; i++) {
		c = ns_connect(NS_ADDR_B, port);
		if (c < 0)
			continue;
		s = accept(l, NULL, NULL);
		memset(buf, 'A' + i, sizeof(buf));
		if (s >= 0 && !send_all(c, buf, sizeof(buf)) &&
		    !recv_all(s, back, sizeof(back)) && !memcmp(buf, back, sizeof(buf)))
			done++;
		close(c);
		close(s);
	}
	kill(flooder, SIGKILL);
	waitpid(flooder, &status, 0);
	ASSERT_EQ(0, ns_enter(ns, 'b'));
	EXPECT_EQ(20, done);
	EXPECT_GE(17, tern_proc_count("SYN_RECV"));
	EXPECT_LT(0, tern_stat("SyncookiesSent"));
	EXPECT_LE(1, tern_stat("SyncookiesRecv"));
	TH_LOG("cookies sent %lld, received %lld, listen drops %lld",
	       tern_stat("SyncookiesSent"), tern_stat("SyncookiesRecv"),
	       tern_stat("ListenDrops"));
	close(l);
}

/* Namespaces, made and torn down by the test itself. */
FIXTURE(namespaces) {
};

FIXTURE_SETUP(namespaces)
{
}

FIXTURE_TEARDOWN(namespaces)
{
}

/* In a new namespace: a listener, five connections closed client-first
 * (five TIME_WAIT entries at the default 60 s), then the namespace goes.
 */
static int namespace_with_time_wait(void)
{
	int l, c, s, i;

	if (tern_test_netns())
		return -1;
	l = tern_listener(0, 8);
	for (i = 0; i < 5; i++) {
		if (tern_pair(l, &c, &s))
			return -1;
		close(c);
		close(s);
	}
	close(l);
	return 0;
}

/*
 * Namespaces with TIME_WAIT entries go away from four processes at once:
 * their entries are purged, batch after batch (the core runs one batch
 * at a time, so no lock of Tern's is needed, unlike TCP's shared
 * purge), and every module reference returns.
 */
TEST_F_TIMEOUT(namespaces, churn_under_time_wait, 300)
{
	char buf[32];
	int refs, i, status, ok = 0;
	pid_t pid[4];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_LE(0, read_file("/sys/module/tern/refcnt", buf, sizeof(buf)));
	refs = atoi(buf);
	for (i = 0; i < 4; i++) {
		pid[i] = fork();
		ASSERT_LE(0, pid[i]);
		if (!pid[i]) {
			int n;

			for (n = 0; n < 10; n++) {
				pid_t p = fork();

				if (!p)
					_exit(namespace_with_time_wait() ? 1 : 0);
				if (p < 0 || waitpid(p, &status, 0) != p || status)
					_exit(1);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++)
		ok += waitpid(pid[i], &status, 0) == pid[i] && !status;
	EXPECT_EQ(4, ok);
	for (i = 0; i < 1000; i++) {
		read_file("/sys/module/tern/refcnt", buf, sizeof(buf));
		if (atoi(buf) <= refs)
			break;
		sleep_ms(10);
	}
	EXPECT_GE(refs, atoi(buf));
}

TEST_HARNESS_MAIN
