// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzing at scale.
 *
 * segments.every_state: sockets in every state (a listener, request
 * entries, connections established, in FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT,
 * CLOSING, LAST_ACK, TIME_WAIT entries) take random and mutated segments
 * from a raw socket (fuzz.h), rebuilt every few thousand segments. Two
 * connections, one with data in flight, take only segments they must
 * refuse and have to transfer byte-exact afterwards; every segment that
 * entered is counted (InSegs or InErrs), and no segment ever meets a cell
 * the state table calls impossible.
 *
 * syscalls.random_calls: threads make random socket calls and options,
 * with bad lengths, pointers and flags, on a shared pool of Tern sockets;
 * between rounds the module is unloaded (every socket gone, every
 * reference returned) and loaded again.
 *
 * TERN_FUZZ_SEGMENTS (default 100000), TERN_FUZZ_SECONDS (syscalls,
 * default 30) and TERN_FUZZ_SEED (default: the time, printed) size a
 * run; `make soak` runs them long.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "fuzz.h"
#include "segment.h"
#include "tern_util.h"

#ifndef IP_LOCAL_PORT_RANGE
#define IP_LOCAL_PORT_RANGE	51
#endif

#define WAIT_MS		5000
/* Segments between rebuilding the victims. */
#define SCENE_SEGMENTS	5000
/* Ports the fuzzer claims as sources of its own: below the ephemeral
 * range, so that none is a real connection's.
 */
#define FAKE_PORT_BASE	20000
#define FAKE_PORTS	8000
#define CLOSED_PORT	9
#define FOREVER		"count=1000000000"

static unsigned long env_ulong(const char *name, unsigned long def)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 0) : def;
}

static uint64_t fuzz_seed_from_env(void)
{
	return env_ulong("TERN_FUZZ_SEED", (unsigned long)now_us());
}

/* The byte at @offset of a survivor's stream. */
static uint8_t stream_byte(uint64_t offset, int salt)
{
	return (uint8_t)((offset * 2654435761U) >> 13) ^ (uint8_t)salt;
}

/* A connection and how much of its stream each side sent. */
struct conn {
	int client, server;
	uint16_t cport;
	uint64_t sent;		/* client to server, not yet read */
};

/* The counters whose balance says no segment went missing. */
struct balance {
	long long in_segs, in_errs, out_segs, fault_drops, invalid;
};

static int read_balance(struct balance *b)
{
	b->in_segs = tern_stat("InSegs");
	b->in_errs = tern_stat("InErrs");
	b->out_segs = tern_stat("OutSegs");
	b->fault_drops = tern_stat("FaultDrops");
	b->invalid = tern_stat("StateMachineInvalid");
	return b->in_segs < 0 || b->in_errs < 0 || b->out_segs < 0 ||
	       b->fault_drops < 0 || b->invalid < 0 ? -1 : 0;
}

/* Segments that entered Tern, less those it sent itself (and that got
 * to IP): what arrived from outside, here the fuzzer's.
 */
static long long from_outside(const struct balance *a, const struct balance *b)
{
	return (b->in_segs - a->in_segs) + (b->in_errs - a->in_errs) -
	       (b->out_segs - a->out_segs) + (b->fault_drops - a->fault_drops);
}

FIXTURE(segments) {
	int listener, raw;
	uint16_t lport;
	struct fuzz_rng rng;
	struct conn survivor[2];
	int victims[16];
	int nr_victims;
	struct fuzz_target targets[32];
	int nr_targets;
	unsigned long sent, bad_checksum, truncated, bad_offset;
};

static int add_fault(const char *fmt, ...)
{
	char rule[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rule, sizeof(rule), fmt, ap);
	va_end(ap);
	return tern_set_fault(rule);
}

/* A connection through the listener. Its accept queue may also hold
 * connections the fuzzer opened itself: a victim killed by an in-window
 * RST leaves its 4-tuple to the listener, and the next server ISN on it is
 * near the old one (RFC 6528), so a mutated SYN and ACK complete a
 * handshake as they would with TCP. Those are closed here.
 */
static int connect_pair(struct _test_data_segments *self, struct conn *c)
{
	memset(c, 0, sizeof(*c));
	c->client = tern_connect_to(self->lport);
	if (c->client < 0)
		return -1;
	c->cport = tern_local_port(c->client);
	for (;;) {
		c->server = accept(self->listener, NULL, NULL);
		if (c->server < 0 || tern_peer_port(c->server) == c->cport)
			break;
		tern_abort_close(c->server);
	}
	return c->server < 0 ? -1 : 0;
}

/* Both ends of @c as targets: segments in the client's name to the
 * server, and in the server's name to the client.
 */
static void add_targets(struct _test_data_segments *self, const struct conn *c,
			bool survivor)
{
	struct tern_info ci, si;

	if (tern_get_info(c->client, &ci) || tern_get_info(c->server, &si))
		return;
	self->targets[self->nr_targets++] = (struct fuzz_target) {
		.sport = c->cport, .dport = self->lport, .seq = si.rcv_nxt,
		.ack = si.snd_nxt, .window = si.rcv_wnd, .survivor = survivor,
	};
	self->targets[self->nr_targets++] = (struct fuzz_target) {
		.sport = self->lport, .dport = c->cport, .seq = ci.rcv_nxt,
		.ack = ci.snd_nxt, .window = ci.rcv_wnd, .survivor = survivor,
	};
}

static void keep_victim(struct _test_data_segments *self, const struct conn *c)
{
	self->victims[self->nr_victims++] = c->client;
	self->victims[self->nr_victims++] = c->server;
}

/* Fill the server's window: the client's data stays in flight. */
static int fill_window(struct conn *c, int salt)
{
	uint8_t buf[4096];
	ssize_t n;
	int i;

	if (fcntl(c->client, F_SETFL, O_NONBLOCK))
		return -1;
	for (;;) {
		for (i = 0; i < (int)sizeof(buf); i++)
			buf[i] = stream_byte(c->sent + i, salt);
		n = send(c->client, buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		c->sent += n;
	}
	return errno == EAGAIN && fcntl(c->client, F_SETFL, 0) == 0 ? 0 : -1;
}

/* A step of building the scene; a failure says which, and where @c is. */
static int scene_step(int failed, const char *what, const struct conn *c)
{
	struct tern_info ci = {}, si = {};

	if (!failed)
		return 0;
	if (!c) {
		ksft_print_msg("scene: %s failed (%s)\n", what, strerror(errno));
		return -1;
	}
	tern_get_info(c->client, &ci);
	tern_get_info(c->server, &si);
	ksft_print_msg("scene: %s failed (%s): client %u state %u, server from %u state %u\n",
		       what, strerror(errno), c->cport, ci.state,
		       tern_peer_port(c->server), si.state);
	system("cat /proc/net/tern /proc/net/tern_stats >&2");
	return -1;
}

/* The victims: one connection per closing state, held there by fault
 * rules that drop the FIN or ACK which would move it on.
 */
static int build_closing(struct _test_data_segments *self)
{
	struct conn c[5];
	int i;

	for (i = 0; i < 5; i++)
		if (scene_step(connect_pair(self, &c[i]), "connect", &c[i]))
			return -1;
	/* FIN_WAIT1 (its FIN lost) and ESTABLISHED. */
	if (scene_step(add_fault("drop flags=FIN|ACK sport=%u dport=%u " FOREVER,
				 c[0].cport, self->lport) ||
		       shutdown(c[0].client, SHUT_WR), "FIN_WAIT1", &c[0]))
		return -1;
	/* FIN_WAIT2 and CLOSE_WAIT. */
	if (scene_step(shutdown(c[1].client, SHUT_WR), "FIN_WAIT2", &c[1]))
		return -1;
	/* FIN_WAIT2 and LAST_ACK (the server's FIN lost). */
	if (scene_step(add_fault("drop flags=FIN|ACK sport=%u dport=%u " FOREVER,
				 self->lport, c[2].cport) ||
		       shutdown(c[2].client, SHUT_WR) ||
		       !tern_state_wait_info(c[2].server, TERN_CLOSE_WAIT, WAIT_MS) ||
		       shutdown(c[2].server, SHUT_WR), "LAST_ACK", &c[2]))
		return -1;
	/* CLOSING: both close at once, the client's FIN lost. */
	if (scene_step(add_fault("drop flags=FIN|ACK sport=%u dport=%u " FOREVER,
				 c[3].cport, self->lport) ||
		       shutdown(c[3].client, SHUT_WR) ||
		       shutdown(c[3].server, SHUT_WR), "CLOSING", &c[3]))
		return -1;
	/* TIME_WAIT: closed, the client first. */
	if (scene_step(shutdown(c[4].client, SHUT_WR) ||
		       !tern_state_wait_info(c[4].server, TERN_CLOSE_WAIT, WAIT_MS) ||
		       shutdown(c[4].server, SHUT_WR) ||
		       !tern_wait_state(c[4].cport, self->lport, "TIME_WAIT", WAIT_MS),
		       "TIME_WAIT", &c[4]))
		return -1;
	for (i = 0; i < 5; i++)
		add_targets(self, &c[i], false);
	close(c[4].client);
	close(c[4].server);
	for (i = 0; i < 4; i++)
		keep_victim(self, &c[i]);
	return 0;
}

/* Request entries: SYNs from ports nobody has, their SYN+ACKs' resets
 * dropped.
 */
static int build_requests(struct _test_data_segments *self)
{
	int i;

	if (scene_step(add_fault("drop flags=RST dport=%u " FOREVER, self->lport),
		       "requests", NULL))
		return -1;
	for (i = 0; i < 4; i++) {
		uint16_t port = FAKE_PORT_BASE + fuzz_below(&self->rng, FAKE_PORTS);
		uint32_t isn = (uint32_t)fuzz_next(&self->rng);

		if (scene_step(seg_raw_send(self->raw, port, self->lport, isn, 0,
					    SEG_SYN, NULL, 0), "SYN", NULL))
			return -1;
		self->sent++;
		self->targets[self->nr_targets++] = (struct fuzz_target) {
			.sport = port, .dport = self->lport, .seq = isn + 1,
			.ack = (uint32_t)fuzz_next(&self->rng), .window = 65536,
		};
	}
	return 0;
}

/* The listener, from any fake port; a port nobody listens on. */
static void add_listener_targets(struct _test_data_segments *self)
{
	self->targets[self->nr_targets++] = (struct fuzz_target) {
		.sport = FAKE_PORT_BASE + fuzz_below(&self->rng, FAKE_PORTS),
		.dport = self->lport, .seq = (uint32_t)fuzz_next(&self->rng),
		.window = 65536,
	};
	self->targets[self->nr_targets++] = (struct fuzz_target) {
		.sport = FAKE_PORT_BASE, .dport = CLOSED_PORT, .window = 65536,
	};
}

static void drop_scene(struct _test_data_segments *self)
{
	int i;

	for (i = 0; i < self->nr_victims; i++)
		tern_abort_close(self->victims[i]);
	self->nr_victims = 0;
	self->nr_targets = 0;
	tern_set_fault("clear");
}

static int build_scene(struct _test_data_segments *self)
{
	drop_scene(self);
	add_targets(self, &self->survivor[0], true);
	add_targets(self, &self->survivor[1], true);
	add_listener_targets(self);
	return build_closing(self) || build_requests(self) ? -1 : 0;
}

FIXTURE_SETUP(segments)
{
	uint64_t seed = fuzz_seed_from_env();

	fuzz_seed(&self->rng, seed);
	TH_LOG("seed %llu (TERN_FUZZ_SEED repeats the run)",
	       (unsigned long long)seed);
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("rmem", 65536));
	ASSERT_EQ(0, tern_sysctl_set("wmem", 65536));
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 200));
	ASSERT_EQ(0, tern_sysctl_set("rto_max_ms", 1000));
	ASSERT_EQ(0, tern_sysctl_set("retries", 100));
	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 1000));
	self->listener = tern_listener(0, 16);
	ASSERT_LE(0, self->listener);
	self->lport = tern_local_port(self->listener);
	self->raw = seg_raw_open();
	ASSERT_LE(0, self->raw);
	ASSERT_EQ(0, connect_pair(self, &self->survivor[0]));
	ASSERT_EQ(0, connect_pair(self, &self->survivor[1]));
	ASSERT_EQ(0, fill_window(&self->survivor[0], 0));
}

FIXTURE_TEARDOWN(segments)
{
	int i;

	drop_scene(self);
	for (i = 0; i < 2; i++) {
		tern_abort_close(self->survivor[i].client);
		tern_abort_close(self->survivor[i].server);
	}
	close(self->listener);
	close(self->raw);
}

static void send_one(struct _test_data_segments *self)
{
	const struct fuzz_target *t = &self->targets[fuzz_below(&self->rng,
								self->nr_targets)];
	struct fuzz_shape shape;
	uint8_t buf[FUZZ_SEG_MAX];
	size_t len = fuzz_segment(&self->rng, t, buf, &shape);

	/* A survivor's segment with a right checksum must be far off: the
	 * generator sees to it; a short one may fail in IP itself, before
	 * Tern: only whole headers go.
	 */
	if (len < 20 && !shape.bad_checksum)
		return;
	if (send(self->raw, buf, len, 0) != (ssize_t)len)
		return;
	self->sent++;
	self->bad_checksum += shape.bad_checksum;
	self->truncated += shape.truncated;
	self->bad_offset += shape.bad_offset;
}

/* The survivors' streams arrive intact, and both keep working. */
static void check_survivor(struct __test_metadata *_metadata, struct conn *c,
			   int salt)
{
	uint8_t buf[4096], back[4096];
	uint64_t got = 0;
	int i, bad = 0;
	ssize_t n;

	while (got < c->sent) {
		n = recv(c->server, buf, sizeof(buf), 0);
		ASSERT_LT(0, n);
		for (i = 0; i < n; i++)
			bad += buf[i] != stream_byte(got + i, salt);
		got += n;
	}
	EXPECT_EQ(0, bad);
	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = stream_byte(i, salt + 1);
	ASSERT_EQ(0, send_all(c->client, buf, sizeof(buf)));
	ASSERT_EQ(0, recv_all(c->server, back, sizeof(back)));
	EXPECT_EQ(0, memcmp(buf, back, sizeof(buf)));
	ASSERT_EQ(0, send_all(c->server, buf, sizeof(buf)));
	ASSERT_EQ(0, recv_all(c->client, back, sizeof(back)));
	EXPECT_EQ(0, memcmp(buf, back, sizeof(buf)));
}

/* Wait for the segments still on their way, then the balance. */
static long long settled_outside(const struct balance *before, struct balance *after,
				 unsigned long sent)
{
	long long outside = -1;
	int i;

	for (i = 0; i < 50; i++) {
		sleep_ms(100);
		if (read_balance(after))
			return -1;
		outside = from_outside(before, after);
		if (outside == (long long)sent)
			break;
	}
	return outside;
}

TEST_F_TIMEOUT(segments, every_state, 7200)
{
	unsigned long total = env_ulong("TERN_FUZZ_SEGMENTS", 100000);
	struct balance before, after;
	uint64_t start = now_us();
	struct conn last;
	unsigned long i;
	char buf[5];

	ASSERT_EQ(0, read_balance(&before));
	for (i = 0; i < total; i++) {
		if (i % SCENE_SEGMENTS == 0)
			ASSERT_EQ(0, build_scene(self));
		send_one(self);
	}
	drop_scene(self);
	TH_LOG("%lu segments in %.0f s: %lu bad sums, %lu cut, %lu bad offsets",
	       self->sent, (now_us() - start) / 1e6,
	       self->bad_checksum, self->truncated, self->bad_offset);

	/* Every segment from outside got in, counted either way. */
	EXPECT_EQ((long long)self->sent, settled_outside(&before, &after, self->sent));
	EXPECT_EQ(0, after.invalid - before.invalid);
	TH_LOG("InErrs +%lld, StateMachineInvalid +%lld",
	       after.in_errs - before.in_errs, after.invalid - before.invalid);

	check_survivor(_metadata, &self->survivor[0], 0);
	check_survivor(_metadata, &self->survivor[1], 1);
	/* The listener still takes connections. */
	ASSERT_EQ(0, connect_pair(self, &last));
	ASSERT_EQ(0, send_all(last.client, "after", 5));
	ASSERT_EQ(0, recv_all(last.server, buf, 5));
	close(last.client);
	close(last.server);
}

/*
 * The syscall fuzzer. A shared pool of descriptors; each thread picks a
 * slot and a call. Closing takes the descriptor out of its slot first, so
 * that no thread closes one that is not the pool's.
 */
#define POOL		32
#define THREADS		4
#define PORTS		4

struct syscall_run {
	int pool[POOL];
	uint16_t ports[PORTS];
	int stop;		/* read and set with __atomic builtins */
	void *bad;		/* an address nobody mapped */
	int memfd;
	uint64_t seed;
	unsigned long calls[THREADS];
};

static int pool_get(struct syscall_run *run, struct fuzz_rng *r)
{
	return __atomic_load_n(&run->pool[fuzz_below(r, POOL)], __ATOMIC_RELAXED);
}

static void pool_put(struct syscall_run *run, struct fuzz_rng *r, int fd)
{
	int old = __atomic_exchange_n(&run->pool[fuzz_below(r, POOL)], fd,
				      __ATOMIC_RELAXED);

	if (old > 0)
		tern_abort_close(old);
}

static void pool_close(struct syscall_run *run, struct fuzz_rng *r)
{
	int fd = __atomic_exchange_n(&run->pool[fuzz_below(r, POOL)], -1,
				     __ATOMIC_RELAXED);

	if (fd > 0)
		close(fd);
}

/* A buffer: good, NULL or unmapped. */
static void *some_buffer(struct syscall_run *run, struct fuzz_rng *r, void *good)
{
	unsigned int pick = fuzz_below(r, 20);

	return pick == 0 ? NULL : pick == 1 ? run->bad : good;
}

static socklen_t some_len(struct fuzz_rng *r, socklen_t good)
{
	static const socklen_t lens[] = { 0, 1, 2, 3, 4, 7, 8, 15, 16, 64, 4096, 0x7fffffff,
					  (socklen_t)-1 };

	return fuzz_chance(r, 70) ? good : lens[fuzz_below(r, ARRAY_SIZE(lens))];
}

static struct sockaddr_in some_addr(struct syscall_run *run, struct fuzz_rng *r)
{
	static const uint32_t addrs[] = { INADDR_LOOPBACK, INADDR_ANY,
					  INADDR_BROADCAST, 0x7f000002, 0xc0000201 };
	struct sockaddr_in sin = {
		.sin_family = fuzz_chance(r, 90) ? AF_INET : fuzz_below(r, 64),
		.sin_port = htons(fuzz_chance(r, 80) ? run->ports[fuzz_below(r, PORTS)] :
				  (uint16_t)fuzz_next(r)),
		.sin_addr.s_addr = htonl(addrs[fuzz_below(r, ARRAY_SIZE(addrs))]),
	};

	return sin;
}

static int some_msg_flags(struct fuzz_rng *r)
{
	static const int flags[] = { 0, MSG_DONTWAIT, MSG_PEEK, MSG_OOB, MSG_MORE,
				     MSG_WAITALL, MSG_TRUNC, MSG_ERRQUEUE, MSG_EOR,
				     MSG_ZEROCOPY, MSG_FASTOPEN, MSG_CONFIRM };
	int f = MSG_NOSIGNAL | MSG_DONTWAIT;

	if (fuzz_chance(r, 10))
		return f | (int)fuzz_next(r);
	f |= flags[fuzz_below(r, ARRAY_SIZE(flags))];
	/* Now and then a blocking call: bounded by SO_SNDTIMEO/SO_RCVTIMEO. */
	if (fuzz_chance(r, 10))
		f &= ~MSG_DONTWAIT;
	return f;
}

static void call_socket(struct syscall_run *run, struct fuzz_rng *r)
{
	struct timeval tv = { .tv_usec = 20000 };
	int type = SOCK_STREAM | (fuzz_chance(r, 50) ? SOCK_NONBLOCK : 0);
	int fd = socket(AF_INET, type, IPPROTO_TERN);

	if (fd < 0)
		return;
	/* Blocking calls must end: connect, send, recv, accept. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	pool_put(run, r, fd);
}

static void call_address(struct syscall_run *run, struct fuzz_rng *r, int fd)
{
	struct sockaddr_in sin = some_addr(run, r);
	socklen_t len = some_len(r, sizeof(sin));
	void *p = some_buffer(run, r, &sin);

	switch (fuzz_below(r, 5)) {
	case 0:
		bind(fd, p, len);
		break;
	case 1:
		connect(fd, p, len);
		break;
	case 2:
		getsockname(fd, p, fuzz_chance(r, 90) ? &len : NULL);
		break;
	case 3:
		getpeername(fd, p, fuzz_chance(r, 90) ? &len : run->bad);
		break;
	default:
		listen(fd, fuzz_chance(r, 80) ? (int)fuzz_below(r, 64) : (int)fuzz_next(r));
	}
}

static void call_accept(struct syscall_run *run, struct fuzz_rng *r, int fd)
{
	struct sockaddr_in sin;
	socklen_t len = some_len(r, sizeof(sin));
	int nfd;

	nfd = accept4(fd, some_buffer(run, r, &sin),
		      fuzz_chance(r, 90) ? &len : run->bad,
		      fuzz_chance(r, 50) ? SOCK_NONBLOCK : (int)fuzz_below(r, 3) << 19);
	if (nfd >= 0)
		pool_put(run, r, nfd);
}

static void call_data(struct syscall_run *run, struct fuzz_rng *r, int fd)
{
	static __thread uint8_t buf[70000];
	size_t len = fuzz_chance(r, 50) ? fuzz_below(r, 2000) : fuzz_below(r, sizeof(buf));
	struct iovec iov[3] = {
		{ some_buffer(run, r, buf), len / 2 },
		{ buf + len / 2, len - len / 2 },
		{ some_buffer(run, r, buf), fuzz_below(r, 16) },
	};
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 1 + fuzz_below(r, 3) };
	off_t off = 0;

	switch (fuzz_below(r, 6)) {
	case 0:
		send(fd, some_buffer(run, r, buf), len, some_msg_flags(r));
		break;
	case 1:
		sendmsg(fd, &msg, some_msg_flags(r));
		break;
	case 2:
		recv(fd, some_buffer(run, r, buf), len, some_msg_flags(r));
		break;
	case 3:
		recvmsg(fd, &msg, some_msg_flags(r));
		break;
	case 4:
		sendfile(fd, run->memfd, fuzz_chance(r, 90) ? &off : run->bad, len);
		break;
	default:
		shutdown(fd, fuzz_chance(r, 90) ? (int)fuzz_below(r, 3) : (int)fuzz_next(r));
	}
}

static void call_option(struct syscall_run *run, struct fuzz_rng *r, int fd)
{
	static const int sol_socket[] = {
		SO_RCVBUF, SO_SNDBUF, SO_RCVBUFFORCE, SO_SNDBUFFORCE, SO_LINGER,
		SO_KEEPALIVE, SO_REUSEADDR, SO_REUSEPORT, SO_RCVLOWAT, SO_SNDLOWAT,
		SO_ERROR, SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_ACCEPTCONN,
		SO_BINDTODEVICE, SO_PRIORITY, SO_MARK, SO_OOBINLINE, SO_TIMESTAMP,
		SO_ZEROCOPY, SO_INCOMING_CPU, SO_BUSY_POLL, SO_MAX_PACING_RATE,
		SO_TXREHASH, SO_PEEK_OFF,
	};
	static const int ip[] = {
		IP_TOS, IP_TTL, IP_OPTIONS, IP_RECVERR, IP_MTU_DISCOVER, IP_MTU,
		IP_FREEBIND, IP_TRANSPARENT, IP_BIND_ADDRESS_NO_PORT, IP_PKTINFO,
		IP_LOCAL_PORT_RANGE,
	};
	uint8_t val[256];
	socklen_t len = some_len(r, sizeof(int));
	int level, name;
	unsigned int i;

	for (i = 0; i < sizeof(val); i++)
		val[i] = (uint8_t)fuzz_next(r);
	if (fuzz_chance(r, 50))
		*(int *)val = (int)fuzz_below(r, 1 << 20);
	switch (fuzz_below(r, 4)) {
	case 0:
		level = SOL_SOCKET;
		name = sol_socket[fuzz_below(r, ARRAY_SIZE(sol_socket))];
		break;
	case 1:
		level = IPPROTO_IP;
		name = ip[fuzz_below(r, ARRAY_SIZE(ip))];
		break;
	case 2:
		level = IPPROTO_TERN;
		name = fuzz_below(r, TERN_QUICKACK + 3);
		break;
	default:
		level = fuzz_chance(r, 50) ? IPPROTO_TCP : (int)fuzz_next(r);
		name = (int)fuzz_below(r, 80);
	}
	if (name == SO_BINDTODEVICE)
		snprintf((char *)val, sizeof(val), "%s",
			 fuzz_chance(r, 50) ? "lo" : "nosuchdev");
	if (len > sizeof(val))
		len = fuzz_chance(r, 50) ? sizeof(val) : len;
	if (fuzz_chance(r, 50))
		setsockopt(fd, level, name, some_buffer(run, r, val),
			   len > sizeof(val) && fuzz_chance(r, 80) ? sizeof(val) : len);
	else
		getsockopt(fd, level, name, some_buffer(run, r, val),
			   fuzz_chance(r, 90) ? &len : run->bad);
}

static void call_other(struct syscall_run *run, struct fuzz_rng *r, int fd)
{
	static const unsigned long ioctls[] = { SIOCINQ, SIOCOUTQ, SIOCOUTQNSD,
						FIONBIO, SIOCATMARK, SIOCGSTAMP_OLD };
	struct pollfd pfd = { .fd = fd, .events = (short)fuzz_next(r) };
	int v = (int)fuzz_below(r, 2);

	switch (fuzz_below(r, 4)) {
	case 0:
		ioctl(fd, fuzz_chance(r, 90) ? ioctls[fuzz_below(r, ARRAY_SIZE(ioctls))] :
					       (unsigned long)fuzz_next(r),
		      some_buffer(run, r, &v));
		break;
	case 1:
		poll(&pfd, 1, 0);
		break;
	case 2:
		fcntl(fd, F_SETFL, fuzz_chance(r, 50) ? O_NONBLOCK : 0);
		break;
	default:
		pool_close(run, r);
	}
}

static void one_call(struct syscall_run *run, struct fuzz_rng *r)
{
	int fd = pool_get(run, r);

	if (fd <= 0 || fuzz_chance(r, 8)) {
		call_socket(run, r);
		return;
	}
	switch (fuzz_below(r, 6)) {
	case 0:
		call_address(run, r, fd);
		break;
	case 1:
		call_accept(run, r, fd);
		break;
	case 2:
	case 3:
		call_data(run, r, fd);
		break;
	case 4:
		call_option(run, r, fd);
		break;
	default:
		call_other(run, r, fd);
	}
}

struct worker {
	struct syscall_run *run;
	int id;
};

static void *syscall_worker(void *arg)
{
	struct worker *w = arg;
	struct fuzz_rng r;

	fuzz_seed(&r, w->run->seed + w->id * 0x9e3779b97f4a7c15ULL);
	while (!__atomic_load_n(&w->run->stop, __ATOMIC_RELAXED)) {
		one_call(w->run, &r);
		w->run->calls[w->id]++;
	}
	return NULL;
}

static int fuzz_sysctls(void)
{
	return tern_sysctl_set("msl_ms", 100) || tern_sysctl_set("rto_max_ms", 400) ||
	       tern_sysctl_set("retries", 3) || tern_sysctl_set("orphan_retries", 2) ||
	       tern_sysctl_set("fin_timeout_ms", 500);
}

/* One round: the threads for @ms, then every socket closed. */
static unsigned long syscall_round(struct syscall_run *run, int ms)
{
	pthread_t t[THREADS];
	struct worker w[THREADS];
	unsigned long calls = 0;
	int i;

	memset(run->pool, -1, sizeof(run->pool));
	__atomic_store_n(&run->stop, 0, __ATOMIC_RELAXED);
	for (i = 0; i < THREADS; i++) {
		w[i] = (struct worker) { .run = run, .id = i };
		run->calls[i] = 0;
		pthread_create(&t[i], NULL, syscall_worker, &w[i]);
	}
	sleep_ms(ms);
	__atomic_store_n(&run->stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		calls += run->calls[i];
	}
	for (i = 0; i < POOL; i++)
		if (run->pool[i] > 0)
			tern_abort_close(run->pool[i]);
	return calls;
}

FIXTURE(syscalls) {
	struct syscall_run run;
};

FIXTURE_SETUP(syscalls)
{
	static const char data[4096] = "tern";
	int i;

	self->run.seed = fuzz_seed_from_env();
	TH_LOG("seed %llu (TERN_FUZZ_SEED repeats the calls, not their timing)",
	       (unsigned long long)self->run.seed);
	/* sendfile() and random flags may write to a closed stream. */
	signal(SIGPIPE, SIG_IGN);
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	self->run.bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->run.bad);
	self->run.memfd = memfd_create("tern-fuzz", 0);
	ASSERT_LE(0, self->run.memfd);
	for (i = 0; i < 64; i++)
		ASSERT_EQ((ssize_t)sizeof(data), write(self->run.memfd, data, sizeof(data)));
	for (i = 0; i < PORTS; i++)
		self->run.ports[i] = 30001 + i;
}

FIXTURE_TEARDOWN(syscalls)
{
	close(self->run.memfd);
	munmap(self->run.bad, 4096);
}

/* A round is 5 s, fewer when the whole run is shorter. */
#define ROUND_MS	5000

TEST_F_TIMEOUT(syscalls, random_calls, 7200)
{
	unsigned long ms = env_ulong("TERN_FUZZ_SECONDS", 30) * 1000;
	unsigned long calls = 0, rounds = 0;
	int c, s, l;

	while (ms) {
		int round_ms = ms < ROUND_MS ? ms : ROUND_MS;

		ASSERT_EQ(0, tern_ensure_loaded());
		ASSERT_EQ(0, fuzz_sysctls());
		calls += syscall_round(&self->run, round_ms);
		ms -= round_ms;
		rounds++;
		/* Every socket closed: the module must go, every reference
		 * returned (orphans and TIME_WAIT entries expire quickly).
		 */
		ASSERT_EQ(0, tern_unload_wait(60000));
	}
	TH_LOG("%lu calls in %lu rounds, the module reloaded after each", calls, rounds);
	/* Loaded again, it works. */
	ASSERT_EQ(0, tern_ensure_loaded());
	l = tern_listener(0, 4);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tern_pair(l, &c, &s));
	ASSERT_EQ(0, send_all(c, "after", 5));
	close(c);
	close(s);
	close(l);
}

TEST_HARNESS_MAIN
