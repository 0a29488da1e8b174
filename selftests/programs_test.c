// SPDX-License-Identifier: GPL-2.0
/*
 * Real, unmodified programs over Tern, each run by ternize (tools/ternize):
 * nginx serving a 64 MiB file with sendfile to curl, redis-server under
 * redis-benchmark (keep-alive, pipelining) and a 16 MiB value set and got
 * back, iperf3 both ways, sockperf ping-pong; and tshark reading a real
 * connection with Tern's dissector. Every server is checked to be Tern's
 * (its listener in /proc/net/tern, nothing in /proc/net/tcp), every
 * payload compared byte for byte. A program that is not installed is a
 * failure: scripts/deps.sh installs them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "tern_util.h"

#define WORK		"/tmp/tern-programs"
#define PORT		5201
#define PORT_STR	"5201"
#define START_MS	20000

static char ternize[PATH_MAX], tshark[PATH_MAX + 32];

/* ternize, as build-selftests.sh put it beside the test programs. */
static int find_ternize(void)
{
	snprintf(ternize, sizeof(ternize), "%s/ternize/ternize", tern_test_dir());
	return access(ternize, X_OK);
}

/* Run a shell command line in WORK, where $TERNIZE is ternize, $ADDR
 * and $PORT the servers' address and port, $DIR the test programs'
 * directory and $TSHARK tshark with Tern's dissector; its exit status,
 * or -1.
 */
static int sh(const char *cmd)
{
	int status;

	if (chdir(WORK))
		return -1;
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Start a server (a command line, as for sh()) in the background under
 * ternize; its pid.
 */
static pid_t spawn(const char *cmd)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		if (chdir(WORK))
			_exit(127);
		execl(ternize, "ternize", "run", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void stop(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(-pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

/* The server's listener is Tern's: in /proc/net/tern, not in TCP's table. */
static bool tern_server_on(uint16_t port)
{
	return tern_wait_state(port, 0, "LISTEN", START_MS) &&
	       tcp_proc_state(port, 0) == 0;
}

FIXTURE(lo) {
	pid_t server;
};

/* Each program over IPv4 and over IPv6: $ADDR is the loopback address,
 * $HOST the same as a URL or nginx writes it, $IPV iperf3's family flag;
 * the test's own sockets take the family.
 */
FIXTURE_VARIANT(lo) {
	int family;
	const char *addr, *host, *ipv;
};

FIXTURE_VARIANT_ADD(lo, ipv4) {
	.family = AF_INET, .addr = "127.0.0.1", .host = "127.0.0.1", .ipv = "-4",
};

FIXTURE_VARIANT_ADD(lo, ipv6) {
	.family = AF_INET6, .addr = "::1", .host = "[::1]", .ipv = "-6",
};

FIXTURE_SETUP(lo)
{
	char buf[PATH_MAX];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, find_ternize()) TH_LOG("no %s", ternize);
	ASSERT_EQ(0, system("rm -rf " WORK " && mkdir -p " WORK "/www"));
	ASSERT_EQ(0, setenv("TERNIZE", ternize, 1));
	ASSERT_EQ(0, setenv("PORT", PORT_STR, 1));
	ASSERT_EQ(0, setenv("DIR", tern_test_dir(), 1));
	tern_use_family(variant->family);
	ASSERT_EQ(0, setenv("ADDR", variant->addr, 1));
	ASSERT_EQ(0, setenv("HOST", variant->host, 1));
	ASSERT_EQ(0, setenv("IPV", variant->ipv, 1));
	snprintf(buf, sizeof(buf), "-h %s -p %d", variant->addr, PORT);
	ASSERT_EQ(0, setenv("AT", buf, 1));
	snprintf(buf, sizeof(buf), "%s/nginx.conf.in", tern_test_dir());
	ASSERT_EQ(0, setenv("CONF", buf, 1));
	snprintf(tshark, sizeof(tshark), "tshark -X lua_script:%s/tern.lua", tern_test_dir());
	ASSERT_EQ(0, setenv("TSHARK", tshark, 1));
	self->server = -1;
}

FIXTURE_TEARDOWN(lo)
{
	stop(self->server);
	chdir("/");
	system("rm -rf " WORK);
}

/*
 * nginx sends a 64 MiB file with sendfile(); curl fetches it; the copy
 * is the file. Both run unmodified under ternize.
 */
TEST_F_TIMEOUT(lo, nginx_sendfile_to_curl, 900)
{
	ASSERT_EQ(0, sh("head -c 64M /dev/urandom > www/file"));
	ASSERT_EQ(0, sh("sed \"s|@WORK@|$PWD|g;s|@PORT@|$PORT|;s|@HOST@|$HOST|\" $CONF >c"));
	self->server = spawn("exec nginx -p $PWD -c $PWD/c");
	ASSERT_TRUE(tern_server_on(PORT)) sh("cat error.log >&2");
	EXPECT_EQ(0, sh("$TERNIZE run curl -sSf -o copy http://$HOST:$PORT/file"));
	EXPECT_EQ(0, sh("cmp www/file copy"));
}

/*
 * redis-benchmark with keep-alive (its default) and 16 requests in the
 * pipeline, then a 16 MiB value SET and read back with GET, compared
 * byte for byte.
 */
TEST_F_TIMEOUT(lo, redis_benchmark_and_a_big_value, 900)
{
	self->server = spawn("exec redis-server --port $PORT --bind $ADDR --save '' --dir .");
	ASSERT_TRUE(tern_server_on(PORT));
	EXPECT_EQ(0, sh("$TERNIZE run redis-benchmark $AT -q -t set,get -n 20000 -P 16 >b"));
	EXPECT_EQ(2, sh("exit $(grep -c 'requests per second' b)")) sh("cat b >&2");
	/* Text, so that redis-cli passes it through unquoted. */
	ASSERT_EQ(0, sh("head -c 12M /dev/urandom | base64 -w0 > value"));
	EXPECT_EQ(0, sh("$TERNIZE run redis-cli $AT -x SET big < value | grep -qx OK"));
	EXPECT_EQ(0, sh("$TERNIZE run redis-cli $AT --raw GET big > got"));
	/* GET --raw ends the value with a newline. */
	EXPECT_EQ(0, sh("echo | cat value - | cmp - got"));
}

/* iperf3 both ways (-R: the server sends), its control channel too. */
TEST_F_TIMEOUT(lo, iperf3_both_directions, 900)
{
	self->server = spawn("exec iperf3 $IPV -s -B $ADDR -p $PORT");
	ASSERT_TRUE(tern_server_on(PORT));
	EXPECT_EQ(0, sh("$TERNIZE run iperf3 $IPV -c $ADDR -p $PORT -n 32M > up"))
		sh("cat up >&2");
	EXPECT_EQ(0, sh("$TERNIZE run iperf3 $IPV -c $ADDR -p $PORT -n 32M -R > down"))
		sh("cat down >&2");
	sh("tail -n 4 up down >&2");
}

/* sockperf's ping-pong: request, response, over and over. */
TEST_F_TIMEOUT(lo, sockperf_ping_pong, 600)
{
	/* Debian 12's sockperf (3.7) takes IPv4 addresses only. */
	if (variant->family == AF_INET6 &&
	    !sh("timeout 5 sockperf sr --tcp -i $ADDR -p $PORT 2>&1 | grep -q 'Invalid address'"))
		SKIP(return, "this sockperf has no IPv6");
	self->server = spawn("exec sockperf server --tcp -i $ADDR -p $PORT");
	ASSERT_TRUE(tern_server_on(PORT));
	EXPECT_EQ(0, sh("$TERNIZE run sockperf ping-pong --tcp -i $ADDR -p $PORT -t 3 >pp 2>&1"))
		sh("cat pp >&2");
	EXPECT_EQ(0, sh("grep -E 'avg-latency|percentile 99.000' pp >&2"));
}

/* The tshark -T fields line (fields joined by ':') for the capture's
 * first segment matching @filter, into @out; 0 or -1.
 */
static int tshark_fields(const char *filter, const char *fields, char *out,
			 size_t size)
{
	const char *fmt = "$TSHARK -r tern.pcap -Y '%s' -T fields -E separator=: %s 2>&-";
	char cmd[1024];
	FILE *p;

	snprintf(cmd, sizeof(cmd), fmt, filter, fields);
	if (chdir(WORK))
		return -1;
	p = popen(cmd, "r");
	if (!p)
		return -1;
	if (!fgets(out, size, p))
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	return pclose(p) == 0 && out[0] ? 0 : -1;
}

static void show_capture(void)
{
	sh("$TSHARK -r tern.pcap 2>&- >&2");
}

/*
 * tshark, with Tern's dissector (tools/wireshark/tern.lua), shows a real
 * connection captured on loopback: the SYN with the client's ISN and its
 * MSS and SACK-permitted options, the SYN+ACK acknowledging ISN + 1, and
 * the data segment's payload, as TERN_INFO and the test know them.
 */
TEST_F_TIMEOUT(lo, tshark_shows_a_real_connection, 600)
{
	char want[256], got[256];
	struct tern_info ci;
	int l, c, s, i;

	self->server = fork();
	if (self->server == 0) {
		setpgid(0, 0);
		execlp("dumpcap", "dumpcap", "-q", "-i", "lo", "-f",
		       "ip proto 253 or ip6 proto 253",
		       "-w", WORK "/tern.pcap", (char *)NULL);
		_exit(127);
	}
	/* dumpcap writes the file's header once it captures. */
	for (i = 0; i < 600 && sh("test -s tern.pcap"); i++)
		sleep_ms(50);
	ASSERT_EQ(0, sh("test -s tern.pcap"));
	sleep_ms(500);
	l = tern_listener(PORT, 4);
	ASSERT_LE(0, l);
	c = tern_socket();
	ASSERT_LE(0, c);
	ASSERT_EQ(0, set_int(c, IPPROTO_TERN, TERN_MAXSEG, 1200));
	ASSERT_EQ(0, connect_port(c, PORT));
	s = accept(l, NULL, NULL);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, send_all(c, "hello tern", 10));
	ASSERT_EQ(0, recv_all(s, got, 10));
	ASSERT_EQ(0, tern_get_info(c, &ci));
	sleep_ms(1000);
	stop(self->server);
	self->server = -1;

	snprintf(want, sizeof(want), "%u:SYN:1200:1", ci.iss);
	ASSERT_EQ(0, tshark_fields("tern.flags == 0x02",
				   "-e tern.seq -e tern.flags.str -e tern.options.mss -e tern.options.sack_perm",
				   got, sizeof(got))) show_capture();
	EXPECT_STREQ(want, got);
	snprintf(want, sizeof(want), "%d:%u:%u:SYN, ACK", PORT, ci.irs, ci.iss + 1);
	ASSERT_EQ(0, tshark_fields("tern.flags == 0x12",
				   "-e tern.srcport -e tern.seq -e tern.ack -e tern.flags.str",
				   got, sizeof(got))) show_capture();
	EXPECT_STREQ(want, got);
	snprintf(want, sizeof(want), "%u:10:68656c6c6f207465726e", ci.iss + 1);
	ASSERT_EQ(0, tshark_fields("tern.len > 0", "-e tern.seq -e tern.len -e tern.payload",
				   got, sizeof(got))) show_capture();
	EXPECT_STREQ(want, got);
	close(c);
	close(s);
	close(l);
}

/* Without the module, ternize refuses to start (no silent TCP), unless
 * told to fall back.
 */
FIXTURE(bare) {
};

FIXTURE_SETUP(bare)
{
}

FIXTURE_TEARDOWN(bare)
{
}

TEST_F_TIMEOUT(bare, ternize_needs_the_module, 300)
{
	ASSERT_EQ(0, find_ternize());
	/* Orphans of the tests before (in other namespaces) may still be
	 * closing.
	 */
	ASSERT_EQ(0, tern_unload_wait(60000));
	ASSERT_EQ(0, setenv("TERNIZE", ternize, 1));
	EXPECT_EQ(1, system("$TERNIZE run true 2>/dev/null") >> 8);
	EXPECT_EQ(0, system("$TERNIZE run --fallback true 2>/dev/null"));
	ASSERT_EQ(0, tern_ensure_loaded());
	EXPECT_EQ(0, system("$TERNIZE run true"));
}

TEST_HARNESS_MAIN
