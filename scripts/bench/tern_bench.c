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

static int listen_on(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = new_socket(), one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 1024))
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
	watch(ep, KIND_STREAM_LISTEN, listen_on(port));
	watch(ep, KIND_ECHO_LISTEN, listen_on(port + 1));
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

/* Request/response: the rate, then the latency percentiles. */
static void print_rr(const struct sockaddr_in *echo, double secs)
{
	struct samples lat = { 0 };
	double rate = client_rr(echo, secs, &lat);

	printf("%.0f trans/s %.1f %.1f %.1f us\n", rate, percentile(&lat, 50),
	       percentile(&lat, 99), percentile(&lat, 99.9));
	free(lat.us);
}

static int client(const char *mode, const char *host, int port, double secs)
{
	struct sockaddr_in sink = make_addr(host, port);
	struct sockaddr_in echo = make_addr(host, port + 1);

	if (!strcmp(mode, "stream"))
		printf("%.1f Mbit/s\n", client_stream(&sink, secs));
	else if (!strcmp(mode, "rr"))
		print_rr(&echo, secs);
	else if (!strcmp(mode, "crr"))
		printf("%.0f conn/s\n", client_crr(&echo, secs));
	else
		return 2;
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc == 4 && !strcmp(argv[1], "server")) {
		set_proto(argv[2]);
		serve(atoi(argv[3]));
	}
	if (argc == 7 && !strcmp(argv[1], "client")) {
		set_proto(argv[2]);
		return client(argv[3], argv[4], atoi(argv[5]), atof(argv[6]));
	}
	fprintf(stderr, "usage: %s server PROTO PORT\n"
		"       %s client PROTO stream|rr|crr HOST PORT SECONDS\n",
		argv[0], argv[0]);
	return 2;
}
