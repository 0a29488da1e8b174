// SPDX-License-Identifier: GPL-2.0
/*
 * Network namespaces joined by veth pairs, built with iproute2.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tern.h>

#include "netns.h"
#include "tern_util.h"

static int run(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd) ? -1 : 0;
}

static const char *side_name(struct ns_pair *p, char side)
{
	return p->name[side - 'a'];
}

/* The veth each side's tests talk about. */
static const char *side_dev(char side)
{
	return side == 'a' ? "ta" : side == 'b' ? "tb" : "tc";
}

/* Create namespace @side and open it for ns_enter(). */
static int ns_side_create(struct ns_pair *p, char side)
{
	int i = side - 'a';
	char path[64];

	snprintf(p->name[i], sizeof(p->name[i]), "tern%c%d", side, getpid());
	if (run("ip netns add %s && ip -n %s link set lo up", p->name[i], p->name[i]))
		return -1;
	snprintf(path, sizeof(path), "/run/netns/%s", p->name[i]);
	p->fd[i] = open(path, O_RDONLY | O_CLOEXEC);
	return p->fd[i] < 0 ? -1 : 0;
}

/* A veth from device @dev1 (@addr1) on @side1 to @dev2 (@addr2) on @side2. */
static int ns_link(struct ns_pair *p, char side1, const char *dev1, const char *addr1,
		   char side2, const char *dev2, const char *addr2)
{
	const char *ns1 = side_name(p, side1), *ns2 = side_name(p, side2);

	return run("ip link add %s netns %s type veth peer %s netns %s",
		   dev1, ns1, dev2, ns2) ||
	       run("ip -n %s addr add %s dev %s && ip -n %s link set %s up",
		   ns1, addr1, dev1, ns1, dev1) ||
	       run("ip -n %s addr add %s dev %s && ip -n %s link set %s up",
		   ns2, addr2, dev2, ns2, dev2) ? -1 : 0;
}

/* IPv6 addresses on the a-b link too (no duplicate address detection:
 * usable at once).
 */
static int ns_link6(struct ns_pair *p)
{
	return run("ip -n %s addr add %s/64 dev ta nodad", side_name(p, 'a'), NS_ADDR6_A) ||
	       run("ip -n %s addr add %s/64 dev tb nodad", side_name(p, 'b'), NS_ADDR6_B);
}

int ns_pair_create(struct ns_pair *p)
{
	memset(p, 0, sizeof(*p));
	p->orig = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (ns_side_create(p, 'a') || ns_side_create(p, 'b'))
		return -1;
	return ns_link(p, 'a', "ta", "10.99.0.1/24", 'b', "tb", "10.99.0.2/24") ||
	       ns_link6(p);
}

/* Side c's route back claims 1500 bytes: its MSS option must not tell
 * the sender of the narrow link, as it would not for a narrow link
 * further along the path; the router has to.
 */
int ns_pair_add_far_side(struct ns_pair *p, int mtu)
{
	if (ns_side_create(p, 'c') ||
	    ns_link(p, 'b', "tbc", "10.99.1.1/24", 'c', "tc", "10.99.1.2/24"))
		return -1;
	return run("ip -n %s link set tbc mtu %d && ip -n %s link set tc mtu %d",
		   side_name(p, 'b'), mtu, side_name(p, 'c'), mtu) ||
	       run("ip netns exec %s sysctl -qw net.ipv4.ip_forward=1",
		   side_name(p, 'b')) ||
	       run("ip -n %s route add 10.99.1.0/24 via 10.99.0.2", side_name(p, 'a')) ||
	       run("ip -n %s route add default via 10.99.1.1 mtu 1500",
		   side_name(p, 'c')) ? -1 : 0;
}

int ns_pair_netem(struct ns_pair *p, char side, const char *args)
{
	if (!args || !*args)
		return run("tc -n %s qdisc del dev %s root 2>/dev/null; true",
			   side_name(p, side), side_dev(side));
	return run("tc -n %s qdisc replace dev %s root netem %s",
		   side_name(p, side), side_dev(side), args);
}

int ns_pair_ethtool_dev(struct ns_pair *p, char side, const char *dev,
			const char *features)
{
	return run("ip netns exec %s ethtool -K %s %s >/dev/null",
		   side_name(p, side), dev, features);
}

int ns_pair_ethtool(struct ns_pair *p, char side, const char *features)
{
	return ns_pair_ethtool_dev(p, side, side_dev(side), features);
}

int ns_pair_ip(struct ns_pair *p, char side, const char *args)
{
	return run("ip -n %s %s", side_name(p, side), args);
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

	for (i = 0; i < NS_SIDES; i++) {
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
	for (i = 0; i < NS_SIDES; i++) {
		if (p->fd[i] > 0)
			close(p->fd[i]);
		if (p->name[i][0])
			run("ip netns del %s", p->name[i]);
	}
}

int ns_connect_of(int proto, const char *addr, unsigned short port)
{
	struct sockaddr_in6 sa;
	socklen_t len = tern_sockaddr_of(addr, port, &sa);
	int fd = socket(sa.sin6_family, SOCK_STREAM, proto);

	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, len)) {
		close(fd);
		return -1;
	}
	return fd;
}

int ns_listen_of(int proto, const char *addr, unsigned short port, int backlog)
{
	struct sockaddr_in6 sa;
	socklen_t len = tern_sockaddr_of(addr, port, &sa);
	int fd = socket(sa.sin6_family, SOCK_STREAM, proto), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, len) || listen(fd, backlog)) {
		close(fd);
		return -1;
	}
	return fd;
}

int ns_connect(const char *addr, unsigned short port)
{
	return ns_connect_of(IPPROTO_TERN, addr, port);
}

int ns_listen(const char *addr, unsigned short port, int backlog)
{
	return ns_listen_of(IPPROTO_TERN, addr, port, backlog);
}

long long ns_dev_stat(const char *dev, int column)
{
	char line[512], name[64];
	long long v[16];
	int used;
	FILE *f = fopen("/proc/net/dev", "r");
	long long found = -1;

	if (!f || column < 0 || column >= 16)
		goto out;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		int n;

		if (!colon || sscanf(line, " %63[^:]", name) != 1 || strcmp(name, dev))
			continue;
		for (n = 0; n < 16; n++) {
			if (sscanf(colon + 1, "%lld%n", &v[n], &used) != 1)
				break;
			colon += used;
		}
		if (n > column)
			found = v[column];
	}
out:
	if (f)
		fclose(f);
	return found;
}
