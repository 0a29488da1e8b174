// SPDX-License-Identifier: GPL-2.0
/*
 * One benchmark program for Tern and kernel TCP: the same code, the same
 * settings, only the protocol number differs.
 *
 *   tern_bench server PROTO PORT
 *	stream sink on PORT: reads until EOF, answers with the byte count;
 *	echo on PORT + 1: sends back whatever it reads. Runs until killed.
 *   tern_bench client PROTO MODE HOST PORT SECONDS
 *	stream: send for SECONDS; goodput counted by the sink (Mbit/s)
 *	rr:     1-byte request, 1-byte response, one connection (per s),
 *	        and each transaction's latency: its 50th, 99th and 99.9th
 *	        percentiles
 *	crr:    connect, 1-byte request and response, close (per s)
 *	Prints "<value> <unit>"; rr "<rate> trans/s <p50> <p99> <p99.9> us".
 *   tern_bench client PROTO streams HOST PORT SECONDS FLOWS
 *	FLOWS bulk flows at once: "aggregate" goodput and "jain" fairness
 *   tern_bench client PROTO conns HOST PORT SECONDS N1,N2,...
 *	N1, then N2, ... established connections to the echo server:
 *	"rr_N" rate over them all, "conn_slab"/"conn_pages" memory each
 *   tern_bench client PROTO timewait 127.0.0.1 PORT SECONDS ENTRIES
 *	ENTRIES TIME_WAIT entries on loopback: memory each, connect rate
 *   tern_bench client PROTO synrecv HOST PORT - ENTRIES SRC
 *	ENTRIES half-open requests from SRC to a listener on HOST:PORT
 *	(raw SYNs): memory each
 *	These print one "<name> <value> <unit>" line per figure.
 *
 * PROTO is "tcp" or "tern". The server is one thread on epoll, so both
 * protocols pay the same per-connection costs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tern.h"

#define STREAM_CHUNK	(128 * 1024)
#define MAX_EVENTS	64

enum conn_kind { KIND_STREAM_LISTEN, KIND_ECHO_LISTEN, KIND_STREAM, KIND_ECHO };

struct conn {
	enum conn_kind kind;
	int fd;
	uint64_t bytes;
};

static int proto_num;
static int nodelay_level, nodelay_opt;

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void set_proto(const char *name)
{
	if (!strcmp(name, "tcp")) {
		proto_num = IPPROTO_TCP;
		nodelay_level = IPPROTO_TCP;
		nodelay_opt = TCP_NODELAY;
	} else if (!strcmp(name, "tern")) {
		proto_num = IPPROTO_TERN;
		nodelay_level = IPPROTO_TERN;
		nodelay_opt = TERN_NODELAY;
	} else {
		fprintf(stderr, "unknown protocol %s\n", name);
		exit(2);
	}
}

static int new_socket(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, proto_num);

	if (fd < 0)
		die("socket");
	return fd;
}

/* Small requests go out at once: both protocols, the same way. */
static void set_nodelay(int fd)
{
	int one = 1;

	if (setsockopt(fd, nodelay_level, nodelay_opt, &one, sizeof(one)))
		die("nodelay");
}

static struct sockaddr_in make_addr(const char *host, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	if (inet_pton(AF_INET, host, &a.sin_addr) != 1) {
		fprintf(stderr, "bad address %s\n", host);
		exit(2);
	}
	return a;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = recv(fd, p, len, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* ---- server ---- */

static void watch(int ep, enum conn_kind kind, int fd)
{
	struct conn *c = calloc(1, sizeof(*c));
	struct epoll_event ev = { .events = EPOLLIN };

	if (!c)
		die("calloc");
	c->kind = kind;
	c->fd = fd;
	ev.data.ptr = c;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		die("epoll_ctl");
}

static void drop(struct conn *c)
{
	close(c->fd);
	free(c);
}

/* A listener on @port of every address. */
static int listen_on(int port, int backlog)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = new_socket(), one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, backlog))
		die("bind/listen");
	return fd;
}

static void serve_accept(int ep, struct conn *l)
{
	int fd = accept(l->fd, NULL, NULL);

	if (fd < 0)
		return;
	if (l->kind == KIND_ECHO_LISTEN) {
		set_nodelay(fd);
		watch(ep, KIND_ECHO, fd);
	} else {
		watch(ep, KIND_STREAM, fd);
	}
}

static void serve_data(struct conn *c, char *buf)
{
	ssize_t n = recv(c->fd, buf, STREAM_CHUNK, 0);

	if (n < 0 && errno == EINTR)
		return;
	if (n <= 0) {
		/* EOF of a stream: report what arrived, then hang up. */
		if (!n && c->kind == KIND_STREAM)
			write_all(c->fd, &c->bytes, sizeof(c->bytes));
		drop(c);
		return;
	}
	c->bytes += n;
	if (c->kind == KIND_ECHO && write_all(c->fd, buf, n))
		drop(c);
}

static void serve(int port)
{
	struct epoll_event events[MAX_EVENTS];
	char *buf = malloc(STREAM_CHUNK);
	int ep = epoll_create1(0), i, n;

	if (!buf || ep < 0)
		die("epoll");
	watch(ep, KIND_STREAM_LISTEN, listen_on(port, 1024));
	watch(ep, KIND_ECHO_LISTEN, listen_on(port + 1, 1024));
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		n = epoll_wait(ep, events, MAX_EVENTS, -1);
		for (i = 0; i < n; i++) {
			struct conn *c = events[i].data.ptr;

			if (c->kind == KIND_STREAM_LISTEN || c->kind == KIND_ECHO_LISTEN)
				serve_accept(ep, c);
			else
				serve_data(c, buf);
		}
	}
}

/* ---- client ---- */

static int dial(const struct sockaddr_in *a)
{
	int fd = new_socket();

	if (connect(fd, (const struct sockaddr *)a, sizeof(*a)))
		die("connect");
	return fd;
}

static double client_stream(const struct sockaddr_in *a, double secs)
{
	char *buf = calloc(1, STREAM_CHUNK);
	double start, end;
	uint64_t got;
	int fd;

	if (!buf)
		die("calloc");
	fd = dial(a);
	start = now_s();
	end = start + secs;
	while (now_s() < end)
		if (write_all(fd, buf, STREAM_CHUNK))
			die("send");
	shutdown(fd, SHUT_WR);
	/* The sink answers once every byte arrived: goodput, not sendbuf. */
	if (read_all(fd, &got, sizeof(got)))
		die("stream result");
	end = now_s();
	close(fd);
	free(buf);
	return got * 8 / (end - start) / 1e6;
}

/* Latencies, microseconds, of every transaction of a run. */
struct samples {
	double *us;
	size_t n, size;
};

static void sample_add(struct samples *s, double us)
{
	if (s->n == s->size) {
		s->size = s->size ? 2 * s->size : 65536;
		s->us = realloc(s->us, s->size * sizeof(*s->us));
		if (!s->us)
			die("realloc");
	}
	s->us[s->n++] = us;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The @p-th percentile of the sorted samples (nearest rank). */
static double percentile(const struct samples *s, double p)
{
	size_t rank = (size_t)(p / 100 * s->n + 0.5);

	if (!s->n)
		return 0;
	return s->us[rank ? (rank > s->n ? s->n : rank) - 1 : 0];
}

static double client_rr(const struct sockaddr_in *a, double secs,
			struct samples *lat)
{
	double start = now_s(), end = start + secs, t0, t1 = start;
	char b = 'x';
	int fd = dial(a);

	set_nodelay(fd);
	while (t1 < end) {
		t0 = t1;
		if (write_all(fd, &b, 1) || read_all(fd, &b, 1))
			die("rr");
		t1 = now_s();
		sample_add(lat, (t1 - t0) * 1e6);
	}
	close(fd);
	qsort(lat->us, lat->n, sizeof(*lat->us), cmp_double);
	return lat->n / (t1 - start);
}

static double client_crr(const struct sockaddr_in *a, double secs)
{
	double start = now_s(), end = start + secs;
	unsigned long n = 0;
	char b = 'x';

	while (now_s() < end) {
		int fd = dial(a);

		set_nodelay(fd);
		if (write_all(fd, &b, 1) || read_all(fd, &b, 1))
			die("crr");
		close(fd);
		n++;
	}
	return n / (now_s() - start);
}

/* ---- scale ---- */

/* A /proc/meminfo field, in bytes. */
static double meminfo_field(const char *field)
{
	char line[256];
	size_t len = strlen(field);
	double kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':')
			kb = atof(line + len + 1);
	fclose(f);
	if (kb < 0)
		die(field);
	return kb * 1024;
}

/* Kernel memory in use: slab objects, and pages taken from the free pool. */
struct mem_snap {
	double slab, used;
};

static struct mem_snap mem_snap(void)
{
	struct mem_snap m;

	sleep(1);	/* let deferred frees (RCU, workqueues) land */
	m.slab = meminfo_field("Slab");
	m.used = meminfo_field("MemTotal") - meminfo_field("MemFree");
	return m;
}

static void print_mem_per(const char *what, struct mem_snap a,
			  struct mem_snap b, long n)
{
	printf("%s_slab %.0f bytes\n", what, (b.slab - a.slab) / n);
	/* All pages: per-CPU page lists make it coarse, hence no ratio. */
	printf("%s_pages %.0f approx-bytes\n", what, (b.used - a.used) / n);
}

/* Sockets of this namespace in @state: TCP's /proc/net/tcp names states
 * by number, Tern's /proc/net/tern by name.
 */
static long count_state(const char *tcp_state, const char *tern_state)
{
	const char *path = proto_num == IPPROTO_TCP ? "/proc/net/tcp" :
						      "/proc/net/tern";
	char line[512], word[64];
	long n = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		die(path);
	while (fgets(line, sizeof(line), f)) {
		if (proto_num == IPPROTO_TCP) {
			if (sscanf(line, "%*s %*s %*s %63s", word) == 1 &&
			    !strcmp(word, tcp_state))
				n++;
		} else if (strstr(line, tern_state)) {
			n++;
		}
	}
	fclose(f);
	return n;
}

/* Wait (up to 30 s) until no socket of this namespace is in the state:
 * what a scenario leaves must be gone before the next one measures.
 */
static void settle(const char *tcp_state, const char *tern_state)
{
	for (int i = 0; i < 300 && count_state(tcp_state, tern_state); i++)
		usleep(100 * 1000);
}

/* Close without a TIME_WAIT: a reset, so one scenario leaves nothing
 * behind for the next.
 */
static void close_reset(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
}

/* One request/response on each connection in turn, for @secs. */
static double rr_round_robin(const int *fds, long n, double secs)
{
	double start = now_s(), end = start + secs;
	unsigned long done = 0;
	char b = 'x';

	while (now_s() < end) {
		for (long i = 0; i < n && (i & 63 || now_s() < end); i++, done++)
			if (write_all(fds[i], &b, 1) || read_all(fds[i], &b, 1))
				die("rr");
	}
	return done / (now_s() - start);
}

/*
 * Established connections to the echo server, in @nlevels growing
 * counts: the request/response rate over all of them at each count
 * (each transaction on the next connection, so the lookups see every
 * entry), and the kernel memory each costs at the largest.
 */
static void client_conns(const struct sockaddr_in *echo, const long *levels,
			 int nlevels, double secs)
{
	long max = levels[nlevels - 1], open = 0;
	int *fds = calloc(max, sizeof(*fds));
	struct mem_snap before, after;

	if (!fds)
		die("calloc");
	before = mem_snap();
	for (int l = 0; l < nlevels; l++) {
		for (; open < levels[l]; open++) {
			fds[open] = dial(echo);
			set_nodelay(fds[open]);
		}
		printf("rr_%ld %.0f trans/s\n", open, rr_round_robin(fds, open, secs));
	}
	after = mem_snap();
	print_mem_per("conn", before, after, max);
	for (long i = 0; i < max; i++)
		close_reset(fds[i]);
	free(fds);
}

/* Connect to 127.0.0.@host:@port, and close first: the TIME_WAIT is ours.
 * The peer's end, accepted from @lfd, closes second.
 */
static void connect_close(int lfd, int host, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
				 .sin_addr.s_addr = htonl(0x7f000000 | host) };
	int fd = dial(&a), peer = accept(lfd, NULL, NULL);

	if (peer < 0)
		die("accept");
	close(fd);
	close(peer);
}

/*
 * @n TIME_WAIT entries (on loopback, to four addresses so ports last):
 * the memory each takes, and the connect+close rate while they exist.
 * Run it in a namespace of its own: deleting it ends the entries.
 */
static void client_timewait(int port, long n, double secs)
{
	int lfd = listen_on(port, 4096);
	struct mem_snap before, after;
	double start, end;
	unsigned long done = 0;
	long entries;

	before = mem_snap();
	for (long i = 0; i < n; i++)
		connect_close(lfd, 1 + i % 4, port);
	after = mem_snap();
	entries = count_state("06", "TIME_WAIT");
	printf("timewait_entries %ld count\n", entries);
	print_mem_per("timewait", before, after, entries ? entries : 1);
	start = now_s();
	end = start + secs;
	while (now_s() < end)
		connect_close(lfd, 1 + done++ % 4, port);
	printf("timewait_connect %.0f conn/s\n", done / (now_s() - start));
	close(lfd);
}

/* The internet checksum of @len bytes (even) plus the IPv4 pseudo-header. */
static uint16_t l4_checksum(uint32_t saddr, uint32_t daddr, const void *seg,
			    size_t len)
{
	const uint16_t *w = seg;
	uint32_t sum = 0;

	sum += (saddr >> 16) + (saddr & 0xffff) + (daddr >> 16) + (daddr & 0xffff);
	sum += htons(proto_num) + htons(len);
	for (size_t i = 0; i < len / 2; i++)
		sum += w[i];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/* A SYN without options, TCP's header or Tern's (addresses big-endian). */
static size_t build_syn(uint8_t *seg, uint32_t saddr, uint16_t sport,
			uint32_t daddr, uint16_t dport, uint32_t isn)
{
	uint16_t ports[2] = { htons(sport), htons(dport) };
	uint32_t seq = htonl(isn), window = htonl(65535);
	uint16_t check;

	memset(seg, 0, 20);
	memcpy(seg, ports, 4);
	memcpy(seg + 4, &seq, 4);
	if (proto_num == IPPROTO_TCP) {
		uint16_t win16 = htons(65535);

		seg[12] = 5 << 4;	/* data offset */
		seg[13] = 0x02;		/* SYN */
		memcpy(seg + 14, &win16, 2);
		check = l4_checksum(saddr, daddr, seg, 20);
		memcpy(seg + 16, &check, 2);
	} else {
		seg[12] = 5;		/* header words */
		seg[13] = 0x02;		/* SYN */
		memcpy(seg + 16, &window, 4);
		check = l4_checksum(saddr, daddr, seg, 20);
		memcpy(seg + 14, &check, 2);
	}
	return 20;
}

/*
 * A listener with @n half-open requests: SYNs from @src (whose SYN+ACKs
 * go nowhere: the caller points its neighbour entry at no one) to @dst:
 * @port. The memory each request entry takes.
 */
static void client_synrecv(const char *src, const char *dst, int port, long n)
{
	struct sockaddr_in to = make_addr(dst, port), from = make_addr(src, 0);
	int lfd = listen_on(port, n + 1024);
	int raw = socket(AF_INET, SOCK_RAW, proto_num);
	struct mem_snap before, after;
	uint8_t seg[20];
	long entries;
	int one = 1;

	/* Raw sockets take the source they are bound to: a foreign one. */
	if (raw < 0 || setsockopt(raw, IPPROTO_IP, IP_TRANSPARENT, &one, sizeof(one)) ||
	    bind(raw, (struct sockaddr *)&from, sizeof(from)))
		die("raw socket");
	before = mem_snap();
	for (long i = 0; i < n; i++) {
		size_t len = build_syn(seg, from.sin_addr.s_addr, 10000 + i,
				       to.sin_addr.s_addr, port, 0x1000 * i);

		if (sendto(raw, seg, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
			die("sendto");
	}
	after = mem_snap();
	entries = count_state("03", "SYN_RECV");
	printf("synrecv_entries %ld count\n", entries);
	print_mem_per("synrecv", before, after, entries ? entries : 1);
	close(raw);
	close(lfd);
	/* A closed listener's requests go when their timers next fire. */
	settle("03", "SYN_RECV");
}

/*
 * @n bulk flows at once to the sink, for @secs: their aggregate goodput
 * and Jain's fairness index, (sum x)^2 / (n sum x^2), 1 when all equal.
 */
static void client_streams(const struct sockaddr_in *sink, int n, double secs)
{
	double sum = 0, sum_sq = 0;
	int pipefd[2];

	if (pipe(pipefd))
		die("pipe");
	for (int i = 0; i < n; i++) {
		if (fork() == 0) {
			double mbit = client_stream(sink, secs);

			if (write(pipefd[1], &mbit, sizeof(mbit)) != sizeof(mbit))
				_exit(1);
			_exit(0);
		}
	}
	for (int i = 0; i < n; i++) {
		double mbit;

		if (read(pipefd[0], &mbit, sizeof(mbit)) != sizeof(mbit))
			die("stream result");
		sum += mbit;
		sum_sq += mbit * mbit;
	}
	while (wait(NULL) > 0)
		;
	printf("aggregate %.1f Mbit/s\n", sum);
	printf("jain %.3f index\n", sum * sum / (n * sum_sq));
}

/* Request/response: the rate, then the latency percentiles. */
static void print_rr(const struct sockaddr_in *echo, double secs)
{
	struct samples lat = { 0 };
	double rate = client_rr(echo, secs, &lat);

	printf("%.0f trans/s %.1f %.1f %.1f us\n", rate, percentile(&lat, 50),
	       percentile(&lat, 99), percentile(&lat, 99.9));
	free(lat.us);
}

/* "100,1000,10000" into @levels; how many. */
static int parse_levels(const char *arg, long *levels, int max)
{
	int n = 0;

	while (n < max && *arg) {
		char *end;

		levels[n] = strtol(arg, &end, 10);
		if (end == arg || levels[n] <= 0 || (n && levels[n] <= levels[n - 1]))
			return 0;
		n++;
		arg = *end == ',' ? end + 1 : end;
	}
	return n;
}

static int client(const char *mode, const char *host, int port, double secs,
		  const char *count, const char *src)
{
	struct sockaddr_in sink = make_addr(host, port);
	struct sockaddr_in echo = make_addr(host, port + 1);
	long levels[8];
	int nlevels = count ? parse_levels(count, levels, 8) : 0;

	if (!strcmp(mode, "stream"))
		printf("%.1f Mbit/s\n", client_stream(&sink, secs));
	else if (!strcmp(mode, "rr"))
		print_rr(&echo, secs);
	else if (!strcmp(mode, "crr"))
		printf("%.0f conn/s\n", client_crr(&echo, secs));
	else if (!strcmp(mode, "streams") && count)
		client_streams(&sink, atoi(count), secs);
	else if (!strcmp(mode, "conns") && nlevels)
		client_conns(&echo, levels, nlevels, secs);
	else if (!strcmp(mode, "timewait") && count)
		client_timewait(port, atol(count), secs);
	else if (!strcmp(mode, "synrecv") && count && src)
		client_synrecv(src, host, port, atol(count));
	else
		return 2;
	return 0;
}

/* Thousands of connections: as many descriptors as root may have. */
static void raise_fd_limit(void)
{
	struct rlimit rl = { .rlim_cur = 1 << 20, .rlim_max = 1 << 20 };

	if (setrlimit(RLIMIT_NOFILE, &rl) && !getrlimit(RLIMIT_NOFILE, &rl)) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	raise_fd_limit();
	if (argc == 4 && !strcmp(argv[1], "server")) {
		set_proto(argv[2]);
		serve(atoi(argv[3]));
	}
	if (argc >= 7 && argc <= 9 && !strcmp(argv[1], "client")) {
		set_proto(argv[2]);
		if (!client(argv[3], argv[4], atoi(argv[5]), atof(argv[6]),
			    argc > 7 ? argv[7] : NULL, argc > 8 ? argv[8] : NULL))
			return 0;
	}
	fprintf(stderr, "usage: %s server PROTO PORT\n"
		"       %s client PROTO stream|rr|crr HOST PORT SECONDS\n"
		"       %s client PROTO streams HOST PORT SECONDS FLOWS\n"
		"       %s client PROTO conns HOST PORT SECONDS N1,N2,...\n"
		"       %s client PROTO timewait 127.0.0.1 PORT SECONDS ENTRIES\n"
		"       %s client PROTO synrecv HOST PORT - ENTRIES SRC\n",
		argv[0], argv[0], argv[0], argv[0], argv[0], argv[0]);
	return 2;
}
