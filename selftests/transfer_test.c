// SPDX-License-Identifier: GPL-2.0
/*
 * A reliable byte stream: transfers across a veth pair with netem arrive
 * byte-exact under loss, reordering, duplication, corruption, delay with
 * jitter, and all of them at once; in both directions at once; over 100
 * connections in parallel; past a reader that stalls for seconds; and a
 * peer that vanishes fails the connection with ETIMEDOUT.
 *
 * The data is a seeded pseudo-random stream: the receiver regenerates it
 * and compares every byte, and both ends hash what they moved.
 * TERN_TRANSFER_MB sets the size (default 64 MiB).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "netns.h"
#include "tcp_info.h"
#include "tern_util.h"

#define CHUNK		65536
#define PORT		6000

/* The byte stream: xorshift64*, eight bytes at a time. */
struct stream {
	uint64_t state;
	uint64_t word;
	unsigned int left;	/* bytes of word not yet used */
	uint64_t hash;		/* FNV-1a over every byte */
	uint64_t bytes;
};

static void stream_init(struct stream *st, uint64_t seed)
{
	memset(st, 0, sizeof(*st));
	st->state = seed * 0x9e3779b97f4a7c15ULL + 1;
	st->hash = 0xcbf29ce484222325ULL;
}

static uint8_t stream_next(struct stream *st)
{
	uint8_t b;

	if (!st->left) {
		st->state ^= st->state >> 12;
		st->state ^= st->state << 25;
		st->state ^= st->state >> 27;
		st->word = st->state * 0x2545f4914f6cdd1dULL;
		st->left = 8;
	}
	b = st->word;
	st->word >>= 8;
	st->left--;
	st->hash = (st->hash ^ b) * 0x100000001b3ULL;
	st->bytes++;
	return b;
}

static void stream_fill(struct stream *st, uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = stream_next(st);
}

/* Check @len received bytes; returns the offset of a mismatch or -1. */
static long long stream_check(struct stream *st, const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] != stream_next(st))
			return st->bytes - 1;
	return -1;
}

/* Wait until the peer acknowledged everything @fd sent. */
static bool wait_all_acked(int fd, struct tern_info *info)
{
	int i;

	for (i = 0; i < 1000; i++) {
		if (tern_get_info(fd, info))
			return false;
		if (info->snd_una == info->snd_nxt)
			return true;
		sleep_ms(10);
	}
	return false;
}

static uint64_t transfer_bytes(void)
{
	const char *mb = getenv("TERN_TRANSFER_MB");

	return (mb ? strtoull(mb, NULL, 0) : 64) << 20;
}

struct endpoint {
	int fd;
	uint64_t seed;
	uint64_t bytes;
	uint64_t stall_after;	/* receiver: pause once past this many bytes */
	int stall_ms;
	size_t read_size;	/* receiver: bytes per recv(), CHUNK if 0 */
	int read_pause_ms;	/* receiver: a pause after each read */
	int err;		/* errno of a failed call, 0 if none */
	long long bad_offset;	/* receiver: first wrong byte, or -1 */
	struct stream st;
};

static void *sender(void *arg)
{
	static __thread uint8_t buf[CHUNK];
	struct endpoint *ep = arg;
	uint64_t left = ep->bytes;
	size_t n;

	stream_init(&ep->st, ep->seed);
	while (left) {
		n = left < CHUNK ? left : CHUNK;
		stream_fill(&ep->st, buf, n);
		if (send_all(ep->fd, buf, n)) {
			ep->err = errno;
			return NULL;
		}
		left -= n;
	}
	shutdown(ep->fd, SHUT_WR);
	return NULL;
}

/* Receive until the peer's FIN, in reads of up to @len bytes. */
static void receive_into(struct endpoint *ep, uint8_t *buf, size_t len)
{
	bool stalled = false;
	ssize_t n;

	for (;;) {
		n = recv(ep->fd, buf, len, 0);
		if (n < 0) {
			ep->err = errno;
			return;
		}
		if (!n)
			return;
		if (ep->bad_offset < 0)
			ep->bad_offset = stream_check(&ep->st, buf, n);
		if (ep->stall_ms && !stalled &&
		    ep->st.bytes >= ep->stall_after) {
			stalled = true;
			sleep_ms(ep->stall_ms);
		}
		if (ep->read_pause_ms)
			sleep_ms(ep->read_pause_ms);
	}
}

static void *receiver(void *arg)
{
	struct endpoint *ep = arg;
	size_t len = ep->read_size ? : CHUNK;
	uint8_t *buf = malloc(len);

	stream_init(&ep->st, ep->seed);
	ep->bad_offset = -1;
	if (!buf)
		ep->err = ENOMEM;
	else
		receive_into(ep, buf, len);
	free(buf);
	return NULL;
}

/* Settings for both sides of the link: a small minimum RTO keeps loss
 * repair quick on a sub-millisecond link; buffers as for a fast path.
 */
static int setup_side(struct ns_pair *ns, char side)
{
	if (ns_enter(ns, side) || tern_sysctl_set("rto_min_ms", 20) ||
	    tern_sysctl_set("rmem", 4 << 20) || tern_sysctl_set("wmem", 4 << 20))
		return -1;
	return 0;
}

/* A @proto connection from side a (client) to @side at @addr (server). */
static int connect_sides(struct ns_pair *ns, int proto, char side,
			 const char *addr, int *client, int *server)
{
	int listener;

	if (ns_enter(ns, side))
		return -1;
	listener = ns_listen_of(proto, addr, PORT, 128);
	if (listener < 0 || ns_enter(ns, 'a'))
		return -1;
	*client = ns_connect_of(proto, addr, PORT);
	*server = *client >= 0 ? accept(listener, NULL, NULL) : -1;
	close(listener);
	return *client >= 0 && *server >= 0 ? 0 : -1;
}

/* A Tern connection from side a (client) to side b (server) at @addr,
 * IPv4 or IPv6.
 */
static int connect_pair_at(struct ns_pair *ns, const char *addr, int *client,
			   int *server)
{
	return connect_sides(ns, IPPROTO_TERN, 'b', addr, client, server);
}

/* The same, over IPv4. */
static int connect_pair(struct ns_pair *ns, int *client, int *server)
{
	return connect_pair_at(ns, NS_ADDR_B, client, server);
}

FIXTURE(link) {
	struct ns_pair ns;
};

/* How the sender's GSO skbs (module/offload.c) must travel. */
enum gso_path {
	GSO_WHOLE,	/* the veth carries them whole to the receiver */
	GSO_CUT,	/* the core cuts them up with Tern's callback */
	GSO_NONE,	/* none: every segment is its own skb */
};

/* Off with every offload that makes one skb of many segments: netem then
 * impairs each segment on its own, the rate the condition names.
 */
#define NO_GSO	"gso off tso off tx-sctp-segmentation off"

FIXTURE_VARIANT(link) {
	const char *netem;
	const char *offload;	/* ethtool -K features on both veth ends */
	enum gso_path gso;
	int max_mb;	/* cap for conditions a loss-based sender crawls through */
	bool one_way_only;
	bool data_path_only;	/* netem on the sender's side only */
	const char *addr;	/* the server's address: NULL for NS_ADDR_B */
};

/* The server's address of a variant: IPv4 unless it names an IPv6 one. */
#define LINK_ADDR(variant)	((variant)->addr ? : NS_ADDR_B)

FIXTURE_VARIANT_ADD(link, clean) {
	.netem = NULL,
	.gso = GSO_WHOLE,
};

/* The device can neither take GSO skbs nor checksum: Tern's callback
 * cuts them and sums every segment in software, which the receiver then
 * verifies.
 */
FIXTURE_VARIANT_ADD(link, gso_cut_in_software) {
	.offload = "tx off tx-sctp-segmentation off",
	.gso = GSO_CUT,
	.one_way_only = true,
};

/* netem cuts each GSO skb it picks to corrupt (with Tern's callback)
 * and corrupts one of the pieces; the others travel whole.
 */
FIXTURE_VARIANT_ADD(link, gso_corrupt_1) {
	.netem = "corrupt 1%",
	.gso = GSO_WHOLE,
	.one_way_only = true,
};

/* netem drops whole GSO skbs: dozens of segments at once, which the
 * sender's scoreboard recovers by cutting its multi-segment skbs where
 * the SACKs and the cumulative ACK end.
 */
FIXTURE_VARIANT_ADD(link, gso_loss_1) {
	.netem = "loss 1%",
	.gso = GSO_WHOLE,
	.one_way_only = true,
};

/* The same over IPv6: its pseudo-header checksum, GSO callback and
 * routes. The impaired ones move 16 MiB or less: the IPv4 variants
 * already show the full 64 MiB gets through each condition.
 */
FIXTURE_VARIANT_ADD(link, clean_ipv6) {
	.netem = NULL,
	.gso = GSO_WHOLE,
	.one_way_only = true,
	.addr = NS_ADDR6_B,
};

FIXTURE_VARIANT_ADD(link, gso_cut_in_software_ipv6) {
	.offload = "tx off tx-sctp-segmentation off",
	.gso = GSO_CUT,
	.one_way_only = true,
	.max_mb = 16,
	.addr = NS_ADDR6_B,
};

FIXTURE_VARIANT_ADD(link, loss_10) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "loss 10%",
};

FIXTURE_VARIANT_ADD(link, reorder_25) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "delay 10ms reorder 25% 50%",
};

FIXTURE_VARIANT_ADD(link, duplicate_5) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "duplicate 5%",
};

FIXTURE_VARIANT_ADD(link, corrupt_1) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "corrupt 1%",
};

/* IPv6 segments corrupted on the way: the IPv6 checksum catches them. */
FIXTURE_VARIANT_ADD(link, corrupt_1_ipv6) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "corrupt 1%",
	.one_way_only = true,
	.max_mb = 16,
	.addr = NS_ADDR6_B,
};

/* Loss and reordering over IPv6, one way. */
FIXTURE_VARIANT_ADD(link, loss_10_reorder_25_ipv6) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "loss 10% delay 10ms reorder 25% 50%",
	.one_way_only = true,
	.max_mb = 4,
	.addr = NS_ADDR6_B,
};

FIXTURE_VARIANT_ADD(link, delay_50_jitter_20) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "delay 50ms 20ms",
};

/* 10% loss each way with a 100 ms round trip leaves any loss-based
 * sender a few segments per round trip: kernel TCP, measured in the
 * test VM under these settings, moves 0.3-0.4 Mbit/s (Tern 0.4-0.6).
 * The full 64 MiB would take over 20 minutes per kernel, so this one
 * moves 2 MiB unless TERN_TRANSFER_ALL_MB asks for more.
 */
FIXTURE_VARIANT_ADD(link, all_at_once) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "delay 50ms 20ms loss 10% duplicate 5% corrupt 1% reorder 25% 50%",
	.max_mb = 2,
};

/* Every impairment at once on the data's way, the ACKs' way clean:
 * the full 64 MiB, in about 20 minutes (a quarter of the segments
 * overtake the rest by 50 ms: most retransmissions are spurious, and
 * undone). make soak runs it; run.sh leaves it out of make check.
 */
FIXTURE_VARIANT_ADD(link, all_at_once_data_path) {
	.offload = NO_GSO,
	.gso = GSO_NONE,
	.netem = "delay 50ms 20ms loss 10% duplicate 5% corrupt 1% reorder 25% 50%",
	.one_way_only = true,
	.data_path_only = true,
};

FIXTURE_SETUP(link)
{
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, ns_pair_create(&self->ns));
	ASSERT_EQ(0, setup_side(&self->ns, 'a'));
	ASSERT_EQ(0, setup_side(&self->ns, 'b'));
	if (variant->offload) {
		ASSERT_EQ(0, ns_pair_ethtool(&self->ns, 'a', variant->offload));
		ASSERT_EQ(0, ns_pair_ethtool(&self->ns, 'b', variant->offload));
	}
	if (variant->netem) {
		ASSERT_EQ(0, ns_pair_netem(&self->ns, 'a', variant->netem));
		if (!variant->data_path_only)
			ASSERT_EQ(0, ns_pair_netem(&self->ns, 'b', variant->netem));
	}
}

FIXTURE_TEARDOWN(link)
{
	ns_pair_destroy(&self->ns);
}

/* The size for a condition that caps it (max_mb), unless overridden. */
static uint64_t capped_bytes(int max_mb)
{
	const char *all = getenv("TERN_TRANSFER_ALL_MB");
	uint64_t bytes = transfer_bytes();

	if (max_mb && !all && bytes > (uint64_t)max_mb << 20)
		bytes = (uint64_t)max_mb << 20;
	if (max_mb && all)
		bytes = strtoull(all, NULL, 0) << 20;
	return bytes;
}

static void check_gso_path(struct __test_metadata *_metadata, enum gso_path gso,
			   long long sent, long long received_whole)
{
	switch (gso) {
	case GSO_WHOLE:
		EXPECT_LT(0, sent);
		EXPECT_LT(0, received_whole);
		break;
	case GSO_CUT:
		EXPECT_LT(0, sent);
		EXPECT_EQ(0, received_whole);
		break;
	case GSO_NONE:
		EXPECT_EQ(0, sent);
		EXPECT_EQ(0, received_whole);
		break;
	}
}

/* all_at_once_data_path took 18 minutes on stock 6.1 (1094 s). */
TEST_F_TIMEOUT(link, one_way, 2700)
{
	struct endpoint tx = { .seed = 1 }, rx = { .seed = 1 };
	long long dsacks, undos, dsacks_sent, gso_out, gso_in, bad_csum;
	pthread_t t_tx, t_rx;
	bool corrupting;
	struct tern_info info;
	uint64_t start;

	tx.bytes = capped_bytes(variant->max_mb);
	ASSERT_EQ(0, connect_pair_at(&self->ns, LINK_ADDR(variant), &tx.fd, &rx.fd));
	start = now_us();
	ASSERT_EQ(0, pthread_create(&t_rx, NULL, receiver, &rx));
	ASSERT_EQ(0, pthread_create(&t_tx, NULL, sender, &tx));
	pthread_join(t_tx, NULL);
	pthread_join(t_rx, NULL);

	ASSERT_EQ(0, tx.err);
	ASSERT_EQ(0, rx.err);
	EXPECT_EQ(-1, rx.bad_offset);
	EXPECT_EQ(tx.bytes, rx.st.bytes);
	EXPECT_EQ(tx.st.hash, rx.st.hash);
	/* Every byte, the SYN and the FIN end up acknowledged. */
	ASSERT_TRUE(wait_all_acked(tx.fd, &info));
	EXPECT_EQ(tx.bytes + 2, info.bytes_acked);
	if (variant->netem && strstr(variant->netem, "loss"))
		EXPECT_LT(0, info.total_retrans);
	TH_LOG("%llu MiB in %.1f s: %u retransmitted (%u fast), %u timeouts",
	       (unsigned long long)(tx.bytes >> 20), (now_us() - start) / 1e6,
	       info.total_retrans, info.fast_retrans, info.timeouts);
	TH_LOG("cwnd %u, reordering %u", info.snd_cwnd, info.reordering);
	dsacks = tern_stat("DsacksReceived");
	undos = tern_stat("Undos");
	gso_out = tern_stat("OutGsoSkbs");
	ASSERT_EQ(0, ns_enter(&self->ns, 'b'));
	dsacks_sent = tern_stat("DsacksSent");
	gso_in = tern_stat("InGsoSkbs");
	bad_csum = tern_stat("DropBadChecksum");
	TH_LOG("sender: %lld D-SACKs received, %lld undos; receiver: %lld D-SACKs sent",
	       dsacks, undos, dsacks_sent);
	TH_LOG("GSO skbs: %lld sent, %lld received whole; %lld bad checksums",
	       gso_out, gso_in, bad_csum);
	check_gso_path(_metadata, variant->gso, gso_out, gso_in);
	/* Every segment Tern's callback summed in software must verify;
	 * per-segment corruption is caught (a GSO skb's is rarer).
	 */
	corrupting = variant->netem && strstr(variant->netem, "corrupt");
	if (!corrupting)
		EXPECT_EQ(0, bad_csum);
	if (corrupting && variant->gso == GSO_NONE)
		EXPECT_LT(0, bad_csum);
	/* Every duplicate that arrives is reported (RFC 2883). */
	if (variant->netem && strstr(variant->netem, "duplicate"))
		EXPECT_LT(0, dsacks_sent);
	close(tx.fd);
	close(rx.fd);
}

/* 64 MiB each way at once, on the clean link and with 10% loss. */
TEST_F_TIMEOUT(link, both_ways, 1800)
{
	struct endpoint a_tx = { .seed = 7 }, b_rx = { .seed = 7 };
	struct endpoint b_tx = { .seed = 9 }, a_rx = { .seed = 9 };
	pthread_t t[4];
	int i;

	if (variant->one_way_only ||
	    (variant->netem && strcmp(variant->netem, "loss 10%")))
		SKIP(return, "full duplex runs clean and with loss");
	a_tx.bytes = capped_bytes(variant->max_mb);
	b_tx.bytes = a_tx.bytes;
	ASSERT_EQ(0, connect_pair_at(&self->ns, LINK_ADDR(variant), &a_tx.fd,
				     &b_tx.fd));
	a_rx.fd = a_tx.fd;
	b_rx.fd = b_tx.fd;
	ASSERT_EQ(0, pthread_create(&t[0], NULL, receiver, &a_rx));
	ASSERT_EQ(0, pthread_create(&t[1], NULL, receiver, &b_rx));
	ASSERT_EQ(0, pthread_create(&t[2], NULL, sender, &a_tx));
	ASSERT_EQ(0, pthread_create(&t[3], NULL, sender, &b_tx));
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ(0, a_tx.err + b_tx.err + a_rx.err + b_rx.err);
	EXPECT_EQ(-1, a_rx.bad_offset);
	EXPECT_EQ(-1, b_rx.bad_offset);
	EXPECT_EQ(a_tx.st.hash, b_rx.st.hash);
	EXPECT_EQ(b_tx.st.hash, a_rx.st.hash);
	EXPECT_EQ(a_tx.bytes, b_rx.st.bytes);
	EXPECT_EQ(b_tx.bytes, a_rx.st.bytes);
	close(a_tx.fd);
	close(b_tx.fd);
}

/* Two namespaces joined by a veth, for the tests that pick their own
 * conditions.
 */
FIXTURE(veth) {
	struct ns_pair ns;
};

FIXTURE_SETUP(veth)
{
	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, ns_pair_create(&self->ns));
	ASSERT_EQ(0, setup_side(&self->ns, 'a'));
	ASSERT_EQ(0, setup_side(&self->ns, 'b'));
}

FIXTURE_TEARDOWN(veth)
{
	ns_pair_destroy(&self->ns);
}

/* A bulk transfer from tx to rx, both as endpoint threads. */
static void run_transfer(struct __test_metadata *_metadata,
			 struct endpoint *tx, struct endpoint *rx)
{
	pthread_t t_tx, t_rx;

	ASSERT_EQ(0, pthread_create(&t_rx, NULL, receiver, rx));
	ASSERT_EQ(0, pthread_create(&t_tx, NULL, sender, tx));
	pthread_join(t_tx, NULL);
	pthread_join(t_rx, NULL);
	EXPECT_EQ(0, tx->err + rx->err);
	EXPECT_EQ(-1, rx->bad_offset);
	EXPECT_EQ(tx->st.hash, rx->st.hash);
	EXPECT_EQ(tx->bytes, rx->st.bytes);
}

/* One byte from @from to @to and back: a round trip's sample. */
static int ping_pong(int from, int to)
{
	char b = 'p';

	return send_all(from, &b, 1) || recv_all(to, &b, 1) ||
	       send_all(to, &b, 1) || recv_all(from, &b, 1) ? -1 : 0;
}

#define TAIL_MAX_SEGS	6

/* @segs full segments, sent one by one, the last @lost of them dropped
 * once by the fault injector; from the first send() until the server
 * holds it all, microseconds. The client's state before, in @info.
 */
static uint64_t tail_dropped_request(struct __test_metadata *_metadata,
				     int client, int server, int segs, int lost,
				     struct tern_info *info)
{
	static char out[TAIL_MAX_SEGS * 1500], in[sizeof(out)];
	long long drops = tern_stat("FaultDrops");
	char rule[96];
	uint64_t start;
	uint32_t mss;
	int i;

	ASSERT_EQ(0, tern_get_info(client, info));
	mss = info->mss;
	ASSERT_GE(sizeof(out) / TAIL_MAX_SEGS, mss);
	ASSERT_GE(TAIL_MAX_SEGS, segs);
	for (i = 0; i < (int)sizeof(out); i++)
		out[i] = (char)(i * 7 + (int)info->snd_nxt);
	snprintf(rule, sizeof(rule), "drop flags=ACK data sport=%u skip=%d count=%d",
		 tern_local_port(client), segs - lost, lost);
	ASSERT_EQ(0, tern_set_fault(rule));
	start = now_us();
	for (i = 0; i < segs; i++)
		ASSERT_EQ(0, send_all(client, out + i * mss, mss));
	ASSERT_EQ(0, recv_all(server, in, segs * mss));
	start = now_us() - start;
	ASSERT_EQ(0, memcmp(out, in, segs * mss));
	ASSERT_EQ(drops + lost, tern_stat("FaultDrops"));
	ASSERT_EQ(0, tern_set_fault("clear"));
	TH_LOG("last %d of %d segments lost: all there in %.1f ms, %.1f RTTs of %.1f ms (RTO %.0f)",
	       lost, segs, start / 1e3, (double)start / info->rtt_us,
	       info->rtt_us / 1e3, info->rto_us / 1e3);
	return start;
}

/* A tail_dropped_request() of @segs, the last @lost dropped, then a
 * round trip that acknowledges beyond it. With @probing, one probe
 * repairs it well within the RTO and no timeout fires; without, the
 * timeout does. The client's state before, in @before.
 */
static void tail_repaired(struct __test_metadata *_metadata, int client,
			  int server, int segs, int lost, bool probing,
			  struct tern_info *before)
{
	long long probes = tern_stat("LossProbes");
	struct tern_info after;
	uint64_t elapsed;

	elapsed = tail_dropped_request(_metadata, client, server, segs, lost, before);
	ASSERT_EQ(0, tern_get_info(client, &after));
	EXPECT_EQ(probes + probing, tern_stat("LossProbes"));
	EXPECT_EQ(before->timeouts + !probing, after.timeouts);
	if (probing) {
		EXPECT_EQ(before->total_retrans + lost, after.total_retrans);
		EXPECT_GT(before->rto_us / 2, elapsed);
	} else {
		EXPECT_LE(tern_sysctl_get("rto_min_ms") * 1000ULL, elapsed);
	}
	ASSERT_EQ(0, ping_pong(client, server));
}

/*
 * A request's last segments are lost (RFC 8985 7), over a 40 ms round
 * trip with a 1 s minimum RTO. Two segments: the probe, two round trips
 * after the last ACK, sends the last again; its SACK lets RACK repair the
 * other. One segment: the probe waits for the peer's delayed ACK too (200
 * ms), then sends it again; the next ACK beyond the probe shows it
 * repaired a loss, and the window is cut once. With net.tern.tlp off,
 * the same request waits for the retransmission timeout.
 */
TEST_F_TIMEOUT(veth, tail_loss_probe_repairs_in_round_trips, 120)
{
	struct tern_info before, after;
	int client, server, i;
	long long repaired;

	ASSERT_EQ(0, ns_pair_netem(&self->ns, 'a', "delay 20ms"));
	ASSERT_EQ(0, ns_pair_netem(&self->ns, 'b', "delay 20ms"));
	ASSERT_EQ(0, ns_enter(&self->ns, 'a'));
	ASSERT_EQ(0, tern_sysctl_set("rto_min_ms", 1000));
	ASSERT_EQ(0, connect_pair(&self->ns, &client, &server));
	ASSERT_EQ(0, set_int(client, IPPROTO_TCP, TCP_NODELAY, 1));
	/* Round trips enough for SRTT to forget the handshake's (ARP). */
	for (i = 0; i < 16; i++)
		ASSERT_EQ(0, ping_pong(client, server));
	repaired = tern_stat("LossProbeRecovery");

	tail_repaired(_metadata, client, server, 6, 2, true, &before);
	tail_repaired(_metadata, client, server, 4, 1, true, &before);
	EXPECT_EQ(repaired + 1, tern_stat("LossProbeRecovery"));
	ASSERT_EQ(0, tern_get_info(client, &after));
	EXPECT_GT(before.snd_cwnd, after.snd_cwnd);

	ASSERT_EQ(0, tern_sysctl_set("tlp", 0));
	tail_repaired(_metadata, client, server, 4, 1, false, &before);
	close(client);
	close(server);
}

/* The smallest stalled-reader transfer. */
#define STALL_MIN_BYTES	(16ULL << 20)

TEST_F_TIMEOUT(veth, stalled_reader_resumes, 1800)
{
	struct endpoint tx = { .seed = 3 }, rx = { .seed = 3, .stall_ms = 3000 };
	struct tern_info info;

	/* Enough after the stall to fill the 4 MiB receive buffer several
	 * times over, whatever TERN_TRANSFER_MB says: the window must close.
	 */
	tx.bytes = transfer_bytes();
	if (tx.bytes < STALL_MIN_BYTES)
		tx.bytes = STALL_MIN_BYTES;
	/* Stall a quarter of the way in, with plenty still to come. */
	rx.stall_after = tx.bytes / 4;
	ASSERT_EQ(0, connect_pair(&self->ns, &tx.fd, &rx.fd));
	run_transfer(_metadata, &tx, &rx);
	/* The window closed and the sender probed it until it reopened. */
	ASSERT_EQ(0, tern_get_info(tx.fd, &info));
	EXPECT_LT(0, info.zero_window_probes);
	close(tx.fd);
	close(rx.fd);
}

/* 100 connections at once, 1 MiB each (256 KiB in make check's debug
 * kernel run, where the full test takes two minutes), over a link that
 * loses 1%.
 */
TEST_F_TIMEOUT(veth, hundred_parallel_connections, 1800)
{
	const uint64_t each = tern_debug_scaled(1 << 20, 256 << 10);
	enum { N = 100 };
	struct stream tx[N], rx[N];
	int cfd[N], sfd[N], listener, i, done = 0;
	uint64_t sent[N] = { 0 };
	static uint8_t buf[CHUNK];
	struct pollfd pfd[2 * N];
	struct ns_pair *ns = &self->ns;
	struct stream unsent;
	bool bad = false;

	ASSERT_EQ(0, ns_pair_netem(ns, 'a', "loss 1%"));
	ASSERT_EQ(0, ns_pair_netem(ns, 'b', "loss 1%"));
	ASSERT_EQ(0, ns_enter(ns, 'b'));
	listener = ns_listen(NS_ADDR_B, PORT, N);
	ASSERT_LE(0, listener);
	ASSERT_EQ(0, ns_enter(ns, 'a'));
	for (i = 0; i < N; i++) {
		cfd[i] = ns_connect(NS_ADDR_B, PORT);
		ASSERT_LE(0, cfd[i]);
		sfd[i] = accept(listener, NULL, NULL);
		ASSERT_LE(0, sfd[i]);
		fcntl(cfd[i], F_SETFL, O_NONBLOCK);
		fcntl(sfd[i], F_SETFL, O_NONBLOCK);
		stream_init(&tx[i], 100 + i);
		stream_init(&rx[i], 100 + i);
	}

	while (done < N) {
		for (i = 0; i < N; i++) {
			pfd[i] = (struct pollfd){ .fd = sent[i] < each ? cfd[i] : -1,
						  .events = POLLOUT };
			pfd[N + i] = (struct pollfd){ .fd = sfd[i], .events = POLLIN };
		}
		ASSERT_LT(0, poll(pfd, 2 * N, 60000));
		for (i = 0; i < N; i++) {
			ssize_t n;
			size_t want;

			if (pfd[i].revents & POLLOUT) {
				want = each - sent[i] < 4096 ? each - sent[i] : 4096;
				/* The next bytes, consumed once send() took them. */
				unsent = tx[i];
				stream_fill(&unsent, buf, want);
				n = send(cfd[i], buf, want, MSG_NOSIGNAL);
				if (n > 0) {
					stream_fill(&tx[i], buf, n);
					sent[i] += n;
					if (sent[i] == each)
						shutdown(cfd[i], SHUT_WR);
				}
			}
			if (pfd[N + i].revents & (POLLIN | POLLHUP)) {
				n = recv(sfd[i], buf, sizeof(buf), 0);
				if (n > 0 && stream_check(&rx[i], buf, n) >= 0)
					bad = true;
				if (!n) {
					done++;
					close(sfd[i]);
					sfd[i] = -1;	/* poll() skips it from now on */
				}
			}
		}
	}
	EXPECT_FALSE(bad);
	for (i = 0; i < N; i++) {
		EXPECT_EQ(each, rx[i].bytes);
		EXPECT_EQ(tx[i].hash, rx[i].hash);
		close(cfd[i]);
	}
	close(listener);
}

/* A router forwards the sender's GSO skbs whole towards a link 7 bytes
 * narrower than the sender's, where they are cut. IP must see each
 * segment's true size there (offload.h: TERN_GSO_SIZE_BIAS), answer
 * "fragmentation needed" and never put a segment too big on the narrow
 * link: one would be dropped at its far end, as TCP's never are.
 */
TEST_F_TIMEOUT(veth, forwarded_gso_fits_the_next_link, 600)
{
	static const int protos[] = { IPPROTO_TCP, IPPROTO_TERN };
	int i;

	ASSERT_EQ(0, ns_pair_add_far_side(&self->ns, 1493));
	ASSERT_EQ(0, setup_side(&self->ns, 'c'));
	ASSERT_EQ(0, ns_pair_ethtool_dev(&self->ns, 'b', "tbc",
					 "tso off tx-sctp-segmentation off"));
	for (i = 0; i < 2; i++) {
		struct endpoint tx = { .seed = 9, .bytes = 4 << 20 }, rx = { .seed = 9 };

		/* Each protocol must find out about the link for itself. */
		ASSERT_EQ(0, ns_enter(&self->ns, 'a'));
		ASSERT_EQ(0, write_file("/proc/sys/net/ipv4/route/flush", "1"));
		ASSERT_EQ(0, connect_sides(&self->ns, protos[i], 'c', NS_ADDR_C,
					   &tx.fd, &rx.fd));
		run_transfer(_metadata, &tx, &rx);
		ASSERT_EQ(0, ns_enter(&self->ns, 'c'));
		EXPECT_EQ(0, ns_dev_stat("tc", 3))
			TH_LOG("%s segments too big for the link",
			       protos[i] == IPPROTO_TCP ? "TCP" : "Tern");
		close(tx.fd);
		close(rx.fd);
	}
}

/* The peer's link goes down mid-transfer: after its configured retries,
 * the sender gives up with ETIMEDOUT.
 */
/* A sender streaming to a peer on 'b' (that reads, given @rx and its
 * thread), until 'b''s link goes down: then the sender's TERN_INFO
 * snapshot in @info, and the time it was taken.
 */
static uint64_t vanish_peer(struct __test_metadata *_metadata,
			    struct ns_pair *ns, struct endpoint *tx,
			    pthread_t *t_tx, struct endpoint *rx, pthread_t *t_rx,
			    int *server, struct tern_info *info)
{
	ASSERT_EQ(0, connect_pair(ns, &tx->fd, server));
	if (rx) {
		rx->fd = *server;
		ASSERT_EQ(0, pthread_create(t_rx, NULL, receiver, rx));
	}
	ASSERT_EQ(0, pthread_create(t_tx, NULL, sender, tx));
	sleep_ms(300);
	ASSERT_EQ(0, ns_pair_ip(ns, 'b', "link set tb down"));
	/* Not before: the sender may fill the window and have probes
	 * answered while the ip command runs.
	 */
	ASSERT_EQ(0, tern_get_info(tx->fd, info));
	return now_us();
}

TEST_F_TIMEOUT(veth, vanished_peer_times_out, 300)
{
	struct endpoint tx = { .seed = 5, .bytes = 1ULL << 40 };
	uint64_t start, elapsed;
	struct tern_info info, after;
	unsigned int expiries;
	pthread_t t_tx;
	int server;

	ASSERT_EQ(0, ns_enter(&self->ns, 'a'));
	ASSERT_EQ(0, tern_sysctl_set("retries", 5));
	start = vanish_peer(_metadata, &self->ns, &tx, &t_tx, NULL, NULL,
			    &server, &info);
	pthread_join(t_tx, NULL);
	elapsed = now_us() - start;
	EXPECT_EQ(ETIMEDOUT, tx.err);
	ASSERT_EQ(0, tern_get_info(tx.fd, &after));
	expiries = after.timeouts - info.timeouts +
		   after.zero_window_probes - info.zero_window_probes;
	TH_LOG("ETIMEDOUT after %.1f s: %u expiries (%u timeouts, %u probes), %u before",
	       elapsed / 1e6, expiries, after.timeouts - info.timeouts,
	       after.zero_window_probes - info.zero_window_probes,
	       info.retransmits);
	/* The reader never reads, so the sender may be probing a zero
	 * window or retransmitting data when the link goes. (A reader that
	 * does not read acknowledges only on the delayed-ACK timer, 40 ms,
	 * as TCP's does: with this fixture's 20 ms rto_min, retransmission
	 * timeouts may already be running.) Either way the sender gives up
	 * once 5 retries in a row go unanswered: 5 expiries, less the
	 * timeouts in a row before the snapshot and one if a window probe
	 * was out then, plus one for an answer already on its way (which
	 * also starts the count again).
	 */
	EXPECT_LE(5 - 1, info.retransmits + expiries);
	EXPECT_GE(5 + 1, expiries);
	/* The default 15 retries would take many minutes. */
	EXPECT_GT(120e6, elapsed);
	EXPECT_EQ(TERN_CLOSE, tern_state(tx.fd));
	close(tx.fd);
	close(server);
}

/*
 * TCP_USER_TIMEOUT, set at level SOL_TCP as a TCP program sets it (RFC
 * 5482): with the default 15 retries, data unacknowledged for 3 s ends
 * the connection with ETIMEDOUT after 3 s, not after many minutes; the
 * last timer expiry is cut short to end it on time. The peer reads, so
 * what goes unanswered is data, not window probes.
 */
TEST_F_TIMEOUT(veth, user_timeout_ends_a_vanished_peer, 300)
{
	struct endpoint tx = { .seed = 6, .bytes = 1ULL << 40 };
	struct endpoint rx = { .seed = 6 };
	struct tern_info info;
	uint64_t start, elapsed;
	pthread_t t_tx, t_rx;
	uint16_t cport;
	int server;

	ASSERT_EQ(0, ns_enter(&self->ns, 'a'));
	ASSERT_EQ(0, tern_sysctl_set("retries", 15));
	start = vanish_peer(_metadata, &self->ns, &tx, &t_tx, &rx, &t_rx,
			    &server, &info);
	ASSERT_EQ(0, set_int(tx.fd, IPPROTO_TCP, TCP_USER_TIMEOUT, 3000));
	cport = tern_local_port(tx.fd);
	pthread_join(t_tx, NULL);
	elapsed = now_us() - start;
	TH_LOG("ETIMEDOUT after %.2f s", elapsed / 1e6);
	EXPECT_EQ(ETIMEDOUT, tx.err);
	/* Dated from the oldest unacknowledged segment, sent just before
	 * the link went down; at most an RTO's granularity late.
	 */
	EXPECT_LE(2.5e6, elapsed);
	EXPECT_GE(5e6, elapsed);
	EXPECT_EQ(TERN_CLOSE, tern_state(tx.fd));
	ASSERT_EQ(0, ns_enter(&self->ns, 'b'));
	ASSERT_EQ(0, tern_sysctl_set("orphan_retries", 3));
	shutdown(server, SHUT_RDWR);
	pthread_join(t_rx, NULL);
	EXPECT_EQ(-1, rx.bad_offset);
	close(tx.fd);
	close(server);
	/* The peer's orphan, whose FIN has no route, gives up after its
	 * orphan retries (window probes: nothing is in flight). It was left
	 * without a timer, holding the module forever.
	 */
	ASSERT_EQ(0, ns_enter(&self->ns, 'b'));
	EXPECT_TRUE(tern_wait_state(PORT, cport, NULL, 60000));
}

/* Buffer sizes for the autotuning tests: start at 256 KiB, may grow to
 * 3 MiB. The send buffer grows with the congestion window: from 256 KiB
 * a window of about 60 segments suffices, which any 32 MiB transfer on
 * a clean link reaches.
 */
#define TUNE_START	(256 * 1024)
#define TUNE_MAX	(12 * TUNE_START)
#define TUNE_BYTES	(32ULL << 20)

static int tune_side(struct ns_pair *ns, char side)
{
	if (ns_enter(ns, side) || tern_sysctl_set("rmem", TUNE_START) ||
	    tern_sysctl_set("wmem", TUNE_START) ||
	    tern_sysctl_set("rmem_max", TUNE_MAX) ||
	    tern_sysctl_set("wmem_max", TUNE_MAX))
		return -1;
	return 0;
}

static int sock_buf(int fd, int opt)
{
	int val = -1;
	socklen_t len = sizeof(val);

	return getsockopt(fd, SOL_SOCKET, opt, &val, &len) ? -1 : val;
}

/* A reader that keeps up gets a receive buffer beyond the initial one,
 * and a sender the network keeps up with a larger send buffer, as TCP's
 * autotuning gives them; neither passes its *mem_max sysctl.
 */
TEST_F_TIMEOUT(veth, buffers_grow_with_a_fast_reader, 600)
{
	struct endpoint tx = { .seed = 7, .bytes = TUNE_BYTES };
	struct endpoint rx = { .seed = 7 };
	int rcvbuf, sndbuf;

	ASSERT_EQ(0, tune_side(&self->ns, 'a'));
	ASSERT_EQ(0, tune_side(&self->ns, 'b'));
	ASSERT_EQ(0, connect_pair(&self->ns, &tx.fd, &rx.fd));
	EXPECT_EQ(TUNE_START, sock_buf(rx.fd, SO_RCVBUF));
	EXPECT_EQ(TUNE_START, sock_buf(tx.fd, SO_SNDBUF));
	run_transfer(_metadata, &tx, &rx);
	rcvbuf = sock_buf(rx.fd, SO_RCVBUF);
	sndbuf = sock_buf(tx.fd, SO_SNDBUF);
	TH_LOG("receive buffer %d, send buffer %d", rcvbuf, sndbuf);
	EXPECT_LT(TUNE_START, rcvbuf);
	EXPECT_GE(TUNE_MAX, rcvbuf);
	EXPECT_LT(TUNE_START, sndbuf);
	EXPECT_GE(TUNE_MAX, sndbuf);
	close(tx.fd);
	close(rx.fd);
}

/* SO_RCVBUF and SO_SNDBUF fix a buffer's size: autotuning leaves it. */
TEST_F_TIMEOUT(veth, set_buffer_sizes_stay, 600)
{
	struct endpoint tx = { .seed = 8, .bytes = TUNE_BYTES };
	struct endpoint rx = { .seed = 8 };
	int size = 96 << 10, rcvbuf, sndbuf;

	ASSERT_EQ(0, tune_side(&self->ns, 'a'));
	ASSERT_EQ(0, tune_side(&self->ns, 'b'));
	ASSERT_EQ(0, connect_pair(&self->ns, &tx.fd, &rx.fd));
	ASSERT_EQ(0, setsockopt(rx.fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size)));
	ASSERT_EQ(0, setsockopt(tx.fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size)));
	rcvbuf = sock_buf(rx.fd, SO_RCVBUF);
	sndbuf = sock_buf(tx.fd, SO_SNDBUF);
	/* The kernel doubles the size for its overhead, as for TCP. */
	EXPECT_EQ(2 * size, rcvbuf);
	EXPECT_EQ(2 * size, sndbuf);
	run_transfer(_metadata, &tx, &rx);
	EXPECT_EQ(rcvbuf, sock_buf(rx.fd, SO_RCVBUF));
	EXPECT_EQ(sndbuf, sock_buf(tx.fd, SO_SNDBUF));
	close(tx.fd);
	close(rx.fd);
}

/* Segments the socket @fd of @proto sent over its life, less those that
 * answered a duplicate (Tern's dup_segs_in; TCP_INFO has no such count),
 * or -1.
 */
static long long segs_sent_for_new_data(int proto, int fd)
{
	struct tcp_info_view tcp;
	struct tern_info tern;

	if (proto == IPPROTO_TCP)
		return tcp_info_read(fd, &tcp) ? -1 : tcp.segs_out;
	if (tern_get_info(fd, &tern))
		return -1;
	return (long long)tern.segs_out - tern.dup_segs_in;
}

#define ACKED_BYTES	(32ULL << 20)
/* The quick ACKs of a connection's start (16) and of a reordering. */
#define ACKED_SLACK	32
/* Reads that take many of the sender's skbs at once. */
#define ACKED_READ	(1024 * 1024)

/* A bulk transfer of @proto from side a to side b: the segments the
 * receiving end sent, its acknowledgments (and its SYN and FIN), less
 * its answers to duplicates.
 */
static long long bulk_receiver_segs(struct __test_metadata *_metadata,
				    struct ns_pair *ns, int proto)
{
	struct endpoint tx = { .seed = 10, .bytes = ACKED_BYTES };
	struct endpoint rx = { .seed = 10, .read_size = ACKED_READ,
				 .read_pause_ms = 20 };
	long long segs;

	ASSERT_EQ(0, connect_sides(ns, proto, 'b', NS_ADDR_B, &tx.fd, &rx.fd));
	run_transfer(_metadata, &tx, &rx);
	segs = segs_sent_for_new_data(proto, rx.fd);
	close(tx.fd);
	close(rx.fd);
	return segs;
}

/*
 * A bulk receiver acknowledges no more often than TCP's. Its reader takes
 * 1 MiB at a time with 20 ms of work between reads, so data waits unread:
 * a segment that arrives with two or more unacknowledged is ACKed at once
 * only if the window it would advertise has not shrunk; otherwise the
 * next read sends the ACK (delack.c, as TCP's __tcp_ack_snd_check). ACKing
 * every second segment on arrival instead ACKs each of the sender's GSO
 * skbs, each ACK a softirq pass for the sender: 530-560 segments against
 * TCP's 137-148 on the debug kernel.
 *
 * Every duplicate must be answered at once, so those answers do not
 * count: when the two CPUs' veth backlogs reorder a burst, the sender
 * retransmits what the SACK made look lost, and the receiver answers
 * each copy (a finding of this test; see TESTING.md).
 */
TEST_F_TIMEOUT(veth, bulk_receiver_acks_as_seldom_as_tcp, 600)
{
	long long tern, tcp;

	tern = bulk_receiver_segs(_metadata, &self->ns, IPPROTO_TERN);
	tcp = bulk_receiver_segs(_metadata, &self->ns, IPPROTO_TCP);
	TH_LOG("%llu MiB: the receiver sent %lld segments, TCP's %lld",
	       ACKED_BYTES >> 20, tern, tcp);
	ASSERT_LT(0, tern);
	ASSERT_LT(0, tcp);
	/* TCP's count swings from 66 to 284 between runs. */
	EXPECT_GE(tcp * 3 / 2 + ACKED_SLACK, tern);
}

/* Segments the socket @fd of @proto retransmitted, or -1. */
static long long retransmitted(int proto, int fd)
{
	struct tcp_info_view tcp;
	struct tern_info tern;

	if (proto == IPPROTO_TCP)
		return tcp_info_read(fd, &tcp) ? -1 : tcp.total_retrans;
	return tern_get_info(fd, &tern) ? -1 : tern.total_retrans;
}

#define REORDER_BYTES	(8ULL << 20)
/* A quarter of the skbs (whole GSO bursts) overtake the rest by 10 ms. */
#define REORDER_NETEM	"delay 10ms reorder 25% 50%"
/* The same flight for both: a window that outgrows the path only fills
 * netem's queue, and the round trip then swells past the RTO.
 */
#define REORDER_SNDBUF	(256 << 10)
/* A guard, not the measure: single runs of both swing widely (TCP 14
 * to 313; Tern 3 to 449, its median near TCP's), so a bound near TCP's
 * failed a third of the runs on stock 6.1. A gross regression (the
 * uncapped module before this test sent 520 to 1840) still fails it.
 */
#define REORDER_RATIO	3
#define REORDER_SLACK	512

/* A bulk transfer of @proto from side a to side b over a reordering
 * path: the segments the sender retransmitted.
 */
static long long reordered_retrans(struct __test_metadata *_metadata,
				   struct ns_pair *ns, int proto)
{
	struct endpoint tx = { .seed = 11, .bytes = REORDER_BYTES };
	struct endpoint rx = { .seed = 11 };
	int sndbuf = REORDER_SNDBUF;
	struct tcp_info_view tcp;
	struct tern_info info;
	long long retrans;

	ASSERT_EQ(0, connect_sides(ns, proto, 'b', NS_ADDR_B, &tx.fd, &rx.fd));
	ASSERT_EQ(0, setsockopt(tx.fd, SOL_SOCKET, SO_SNDBUF, &sndbuf,
				sizeof(sndbuf)));
	run_transfer(_metadata, &tx, &rx);
	retrans = retransmitted(proto, tx.fd);
	if (proto == IPPROTO_TERN && !tern_get_info(tx.fd, &info)) {
		TH_LOG("tern: %u fast, %u timeouts, reordering %u",
		       info.fast_retrans, info.timeouts, info.reordering);
		TH_LOG("tern: %lld undos, %lld late fills, %lld D-SACKs",
		       tern_stat("Undos"), tern_stat("LateFills"),
		       tern_stat("DsacksReceived"));
	}
	if (proto == IPPROTO_TCP && !tcp_info_read(tx.fd, &tcp))
		TH_LOG("tcp: reordering %u, seen %u times, %u D-SACKs",
		       tcp.reordering, tcp.reord_seen, tcp.dsack_dups);
	close(tx.fd);
	close(rx.fd);
	return retrans;
}

/*
 * Reordering is not loss. When a late burst's hole fills with the
 * original segments, the sender stops repairing it and takes its window
 * cut back, as TCP does, instead of resending everything the first SACK
 * made look lost; and once the path is known to reorder, it waits that
 * long before it calls a segment lost. The log compares both senders;
 * the bound only guards against a gross regression (REORDER_SLACK).
 */
TEST_F_TIMEOUT(veth, reordering_retransmits_no_more_than_tcp, 600)
{
	long long tern, tcp;

	ASSERT_EQ(0, ns_pair_netem(&self->ns, 'a', REORDER_NETEM));
	tern = reordered_retrans(_metadata, &self->ns, IPPROTO_TERN);
	tcp = reordered_retrans(_metadata, &self->ns, IPPROTO_TCP);
	TH_LOG("%llu MiB, %s: tern retransmitted %lld segments, tcp %lld",
	       REORDER_BYTES >> 20, REORDER_NETEM, tern, tcp);
	ASSERT_LE(0, tern);
	ASSERT_LE(0, tcp);
	EXPECT_GE(tcp * REORDER_RATIO + REORDER_SLACK, tern);
}

/* Segments @proto sent in this namespace so far. */
static long long out_segs(int proto)
{
	return proto == IPPROTO_TCP ? tcp_snmp("OutSegs") : tern_stat("OutSegs");
}

/* @n one-byte requests and responses on a new loopback pair of @proto;
 * the segments both ends sent meanwhile, or -1.
 */
static long long request_response_segs(int proto, int n)
{
	int level = proto == IPPROTO_TCP ? IPPROTO_TCP : IPPROTO_TERN;
	int nodelay = proto == IPPROTO_TCP ? TCP_NODELAY : TERN_NODELAY;
	int listener = listener_of(proto, 0, 1), c, s, i, bad = 0;
	long long before;
	char b = 'q';

	if (listener < 0 || pair_of(proto, listener, &c, &s))
		return -1;
	set_int(c, level, nodelay, 1);
	set_int(s, level, nodelay, 1);
	before = out_segs(proto);
	for (i = 0; i < n && !bad; i++)
		bad = send_all(c, &b, 1) || recv_all(s, &b, 1) ||
		      send_all(s, &b, 1) || recv_all(c, &b, 1);
	before = bad ? -1 : out_segs(proto) - before;
	close(c);
	close(s);
	close(listener);
	return before;
}

/*
 * One-byte requests and responses: once the exchange shows itself
 * interactive, the ACK of each request rides on its response and that of
 * each response on the next request (delayed ACK, "ping-pong" in TCP's
 * words): two segments an exchange, as TCP sends. Acknowledging every
 * read at once would make it four.
 */
TEST(request_response_acks_ride_on_replies)
{
	const int n = 200;
	long long tern, tcp;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	tern = request_response_segs(IPPROTO_TERN, n);
	tcp = request_response_segs(IPPROTO_TCP, n);
	TH_LOG("%d exchanges: tern sent %lld segments, tcp %lld", n, tern, tcp);
	ASSERT_LT(0, tern);
	ASSERT_LT(0, tcp);
	/* A few while the connection is young, or after a stalled VM. */
	EXPECT_GE(2 * n + n / 10, tern);
	EXPECT_GE(tcp + n / 10, tern);
}

TEST_HARNESS_MAIN
