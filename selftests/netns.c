// SPDX-License-Identifier: GPL-2.0
/*
 * Two network namespaces joined by a veth pair, built with iproute2.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tern.h>

#include "netns.h"
#include "tern_util.h"

static int run(const char *fmt, const char *a, const char *b, const char *c)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), fmt, a, b, c);
	return system(cmd) ? -1 : 0;
}

int ns_pair_create(struct ns_pair *p)
{
	char path[64];
	int i;

	memset(p, 0, sizeof(*p));
	p->orig = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	for (i = 0; i < 2; i++) {
		snprintf(p->name[i], sizeof(p->name[i]), "tern%c%d", 'a' + i, getpid());
		if (run("ip netns add %s%s%s", p->name[i], "", ""))
			return -1;
		snprintf(path, sizeof(path), "/run/netns/%s", p->name[i]);
		p->fd[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (p->fd[i] < 0)
			return -1;
	}
	if (run("ip link add ta netns %s type veth peer tb netns %s%s",
		p->name[0], p->name[1], ""))
		return -1;
	if (run("ip -n %s addr add 10.99.0.1/24 dev ta && ip -n %s link set ta up%s",
		p->name[0], p->name[0], "") ||
	    run("ip -n %s addr add 10.99.0.2/24 dev tb && ip -n %s link set tb up%s",
		p->name[1], p->name[1], "") ||
	    run("ip -n %s link set lo up && ip -n %s link set lo up%s",
		p->name[0], p->name[1], ""))
		return -1;
	return 0;
}

int ns_pair_netem(struct ns_pair *p, char side, const char *args)
{
	const char *ns = p->name[side - 'a'];
	const char *dev = side == 'a' ? "ta" : "tb";

	if (!args || !*args)
		return run("tc -n %s qdisc del dev %s root 2>/dev/null; true%s",
			   ns, dev, "");
	return run("tc -n %s qdisc replace dev %s root netem %s", ns, dev, args);
}

/* Switch offload features of one side's veth (ethtool -K). */
int ns_pair_ethtool(struct ns_pair *p, char side, const char *features)
{
	return run("ip netns exec %s ethtool -K %s %s >/dev/null", p->name[side - 'a'],
		   side == 'a' ? "ta" : "tb", features);
}

int ns_pair_ip(struct ns_pair *p, char side, const char *args)
{
	return run("ip -n %s %s%s", p->name[side - 'a'], args, "");
}

int ns_enter(struct ns_pair *p, char side)
{
	return setns(p->fd[side - 'a'], CLONE_NEWNET) ? -1 : 0;
}

/* Connections still closing (a FIN not yet acknowledged) must finish
 * before the namespaces go: once one namespace is gone its veth goes
 * with it, and a peer in LAST_ACK or FIN_WAIT1 retries its FIN into
 * nothing for minutes, holding the module. TIME_WAIT entries and
 * listeners go with their namespace.
 */
static void ns_pair_wait_closed(struct ns_pair *p)
{
	int i, ms, busy;

	for (i = 0; i < 2; i++) {
		if (p->fd[i] <= 0 || ns_enter(p, 'a' + i))
			continue;
		for (ms = 0; ms < 30000; ms += 10) {
			busy = tern_proc_count(NULL) - tern_proc_count("TIME_WAIT") -
			       tern_proc_count("LISTEN");
			if (busy <= 0)
				break;
			sleep_ms(10);
		}
	}
}

void ns_pair_destroy(struct ns_pair *p)
{
	int i;

	ns_pair_wait_closed(p);
	if (p->orig >= 0) {
		setns(p->orig, CLONE_NEWNET);
		close(p->orig);
	}
	for (i = 0; i < 2; i++) {
		if (p->fd[i] > 0)
			close(p->fd[i]);
		if (p->name[i][0])
			run("ip netns del %s%s%s", p->name[i], "", "");
	}
}

static struct sockaddr_in addr_of(const char *addr, unsigned short port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, addr, &sin.sin_addr);
	return sin;
}

int ns_connect(const char *addr, unsigned short port)
{
	struct sockaddr_in sin = addr_of(addr, port);
	int fd = tern_socket();

	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		close(fd);
		return -1;
	}
	return fd;
}

int ns_listen(const char *addr, unsigned short port, int backlog)
{
	struct sockaddr_in sin = addr_of(addr, port);
	int fd = tern_socket(), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, backlog)) {
		close(fd);
		return -1;
	}
	return fd;
}
