// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by Tern's selftests.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tern_util.h"

int tern_load(const char *params)
{
	const char *ko = getenv("TERN_KO");
	int fd, ret;

	if (!ko)
		return -ENOENT;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

int tern_unload(void)
{
	return syscall(SYS_delete_module, "tern", O_NONBLOCK) ? -errno : 0;
}

int tern_unload_wait(int ms)
{
	int ret;

	for (;;) {
		ret = tern_unload();
		if (ret != -EWOULDBLOCK && ret != -EBUSY)
			return ret;
		if (ms <= 0)
			return ret;
		sleep_ms(10);
		ms -= 10;
	}
}

bool tern_loaded(void)
{
	return access("/sys/module/tern", F_OK) == 0;
}

int tern_ensure_loaded(void)
{
	int ret;

	if (tern_loaded())
		return 0;
	ret = tern_load(NULL);
	return ret == -EEXIST ? 0 : ret;
}

bool tern_debug_kernel(void)
{
	return access("/sys/kernel/debug/kmemleak", F_OK) == 0;
}

long tern_debug_scaled(long n, long debug_n)
{
	const char *soak = getenv("TERN_SOAK");

	if (!tern_debug_kernel() || (soak && *soak == '1'))
		return n;
	return debug_n;
}

int tern_link_up(const char *ifname)
{
	struct ifreq ifr = { 0 };
	int fd, ret = 0;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		ret = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (!ret && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

int tern_test_netns(void)
{
	if (unshare(CLONE_NEWNET))
		return -errno;
	return tern_link_up("lo");
}

int read_file(const char *path, char *buf, size_t size)
{
	ssize_t len, total = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (total < (ssize_t)size - 1) {
		len = read(fd, buf + total, size - 1 - total);
		if (len <= 0)
			break;
		total += len;
	}
	close(fd);
	buf[total] = '\0';
	return total;
}

int write_file(const char *path, const char *value)
{
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000;
}

long long tern_stat(const char *name)
{
	char buf[8192], *line, *save = NULL;
	size_t len = strlen(name);

	if (read_file("/proc/net/tern_stats", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, name, len) && line[len] == ' ')
			return atoll(line + len + 1);
	}
	return -1;
}

long long tcp_snmp(const char *name)
{
	char buf[8192], *names, *values, *end, *n, *v, *sn = NULL, *sv = NULL;

	if (read_file("/proc/net/snmp", buf, sizeof(buf)) < 0)
		return -1;
	/* A "Tcp:" line of names, then one of their values. */
	names = strstr(buf, "\nTcp: ");
	values = names ? strstr(names + 1, "\nTcp: ") : NULL;
	if (!values)
		return -1;
	end = strchr(values + 1, '\n');
	if (end)
		*end = '\0';
	*values++ = '\0';
	names++;
	for (n = strtok_r(names, " ", &sn), v = strtok_r(values, " ", &sv);
	     n && v; n = strtok_r(NULL, " ", &sn), v = strtok_r(NULL, " ", &sv))
		if (!strcmp(n, name))
			return atoll(v);
	return -1;
}

bool tern_stat_wait(const char *name, long long min, int ms)
{
	for (;;) {
		if (tern_stat(name) >= min)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

int tern_sysctl_get(const char *name)
{
	char path[128], buf[64];

	snprintf(path, sizeof(path), "/proc/sys/net/tern/%s", name);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return atoi(buf);
}

int tern_sysctl_set(const char *name, int value)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), "/proc/sys/net/tern/%s", name);
	snprintf(buf, sizeof(buf), "%d", value);
	return write_file(path, buf);
}

int tern_set_fault(const char *rule)
{
	return write_file("/proc/net/tern_fault", rule);
}

/* The family of the loopback helpers below: fixtures' ipv4 and ipv6
 * variants pick it.
 */
static int tern_helper_family = AF_INET;

void tern_use_family(int family)
{
	tern_helper_family = family;
}

int tern_family(void)
{
	return tern_helper_family;
}

/* @addr (IPv4 or IPv6, by its form) and @port as a sockaddr; its length. */
socklen_t tern_sockaddr_of(const char *addr, unsigned short port,
			   struct sockaddr_in6 *sa)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)sa;

	memset(sa, 0, sizeof(*sa));
	if (strchr(addr, ':')) {
		sa->sin6_family = AF_INET6;
		sa->sin6_port = htons(port);
		inet_pton(AF_INET6, addr, &sa->sin6_addr);
		return sizeof(*sa);
	}
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	inet_pton(AF_INET, addr, &sin->sin_addr);
	return sizeof(*sin);
}

int tern_socket(void)
{
	return socket(tern_family(), SOCK_STREAM, IPPROTO_TERN);
}

struct tern_sockaddr tern_loopback(uint16_t port)
{
	struct tern_sockaddr a;

	memset(&a, 0, sizeof(a));
	if (tern_family() == AF_INET6) {
		a.sin6.sin6_family = AF_INET6;
		a.sin6.sin6_port = htons(port);
		a.sin6.sin6_addr = in6addr_loopback;
		a.len = sizeof(a.sin6);
	} else {
		a.sin.sin_family = AF_INET;
		a.sin.sin_port = htons(port);
		a.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a.len = sizeof(a.sin);
	}
	return a;
}

int tern_listener(uint16_t port, int backlog)
{
	struct tern_sockaddr a = tern_loopback(port);
	int fd = tern_socket(), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, &a.sa, a.len) || listen(fd, backlog)) {
		close(fd);
		return -1;
	}
	return fd;
}

int tern_connect_to(uint16_t port)
{
	struct tern_sockaddr a = tern_loopback(port);
	int fd = tern_socket();

	if (fd < 0)
		return -1;
	if (connect(fd, &a.sa, a.len)) {
		close(fd);
		return -1;
	}
	return fd;
}

int tern_pair(int listener, int *client, int *server)
{
	*client = tern_connect_to(tern_local_port(listener));
	if (*client < 0)
		return -1;
	*server = accept(listener, NULL, NULL);
	if (*server < 0) {
		close(*client);
		return -1;
	}
	return 0;
}

static uint16_t port_of(int fd, bool peer)
{
	struct tern_sockaddr a;
	int ret;

	a.len = sizeof(a.sin6);
	ret = peer ? getpeername(fd, &a.sa, &a.len) : getsockname(fd, &a.sa, &a.len);
	/* sin_port and sin6_port share their place. */
	return ret ? 0 : ntohs(a.sin.sin_port);
}

uint16_t tern_local_port(int fd)
{
	return port_of(fd, false);
}

uint16_t tern_peer_port(int fd)
{
	return port_of(fd, true);
}

int tern_get_info(int fd, struct tern_info *info)
{
	socklen_t len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	return getsockopt(fd, IPPROTO_TERN, TERN_INFO, info, &len) ? -1 : 0;
}

int tern_state(int fd)
{
	struct tern_info info;

	return tern_get_info(fd, &info) ? -1 : info.state;
}

bool tern_state_wait_info(int fd, int state, int ms)
{
	for (;;) {
		if (tern_state(fd) == state)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

void tern_abort_close(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
}

/* @path's (/proc/net/tcp or tcp6) state for (local port, remote port),
 * 0 if none, -1 if unreadable.
 */
static int tcp_proc_file_state(const char *path, uint16_t lport, uint16_t rport)
{
	static char buf[1 << 16];
	unsigned int l, r, st;
	char *line, *save = NULL;

	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, " %*d: %*x:%x %*x:%x %x", &l, &r, &st) == 3 &&
		    l == lport && r == rport)
			return st;
	}
	return 0;
}

/* TCP's state (either family) for (local port, remote port), 0 if none. */
int tcp_proc_state(uint16_t lport, uint16_t rport)
{
	int st = tcp_proc_file_state("/proc/net/tcp", lport, rport);

	return st ? st : tcp_proc_file_state("/proc/net/tcp6", lport, rport);
}

/* Either protocol, for tests that compare with TCP. */
int sock_of(int proto, int flags)
{
	return socket(tern_family(), SOCK_STREAM | flags, proto);
}

int bind_port(int fd, uint16_t port)
{
	struct tern_sockaddr a = tern_loopback(port);

	return bind(fd, &a.sa, a.len) ? -errno : 0;
}

int connect_port(int fd, uint16_t port)
{
	struct tern_sockaddr a = tern_loopback(port);

	return connect(fd, &a.sa, a.len) ? -errno : 0;
}

int set_int(int fd, int level, int name, int val)
{
	return setsockopt(fd, level, name, &val, sizeof(val)) ? -errno : 0;
}

int get_int(int fd, int level, int name)
{
	socklen_t len = sizeof(int);
	int val = -1;

	if (getsockopt(fd, level, name, &val, &len))
		return -errno;
	return val;
}

/* A listener of either protocol on 127.0.0.1:@port (0: any); fd or -1. */
int listener_of(int proto, uint16_t port, int backlog)
{
	int fd = sock_of(proto, 0);

	if (fd < 0)
		return -1;
	if (bind_port(fd, port) || listen(fd, backlog)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Connect (blocking) and accept, either protocol; 0 or -1. */
int pair_of(int proto, int listener, int *client, int *server)
{
	*client = sock_of(proto, 0);
	if (*client < 0)
		return -1;
	if (connect_port(*client, tern_local_port(listener))) {
		close(*client);
		return -1;
	}
	*server = accept(listener, NULL, NULL);
	if (*server < 0) {
		close(*client);
		return -1;
	}
	return 0;
}

int send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

int recv_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = recv(fd, p, len, 0);
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static const char *const state_names[] = {
	[TERN_ESTABLISHED] = "ESTABLISHED", [TERN_SYN_SENT] = "SYN_SENT",
	[TERN_SYN_RECV] = "SYN_RECV", [TERN_FIN_WAIT1] = "FIN_WAIT1",
	[TERN_FIN_WAIT2] = "FIN_WAIT2", [TERN_TIME_WAIT] = "TIME_WAIT",
	[TERN_CLOSE] = "CLOSED", [TERN_CLOSE_WAIT] = "CLOSE_WAIT",
	[TERN_LAST_ACK] = "LAST_ACK", [TERN_LISTEN] = "LISTEN",
	[TERN_CLOSING] = "CLOSING",
};

const char *tern_state_name(int state)
{
	if (state < 0 || state >= (int)ARRAY_SIZE(state_names) ||
	    !state_names[state])
		return "UNKNOWN";
	return state_names[state];
}

static bool parse_proc_line(const char *line, struct tern_proc_entry *e)
{
	/* "[IPv6 address]:port" at most 1 + 45 + 1 + 1 + 5 characters */
	char local[64], remote[64], *colon;

	memset(e, 0, sizeof(*e));
	if (sscanf(line, "%63s %63s %15s %u %u %15s %ld %u %lu", local, remote,
		   e->state, &e->sendq, &e->recvq, e->timer, &e->expires_ms,
		   &e->retransmits, &e->inode) != 9)
		return false;
	colon = strrchr(local, ':');
	e->lport = colon ? atoi(colon + 1) : 0;
	colon = strrchr(remote, ':');
	e->rport = colon ? atoi(colon + 1) : 0;
	return true;
}

/* Call @fn for every entry of /proc/net/tern; stops when it returns
 * true. Read line by line: the table may hold more than any buffer.
 */
static int proc_walk(bool (*fn)(const struct tern_proc_entry *e, void *arg),
		     void *arg)
{
	FILE *f = fopen("/proc/net/tern", "r");
	struct tern_proc_entry e;
	char line[512];
	int found = 0;

	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f)) {	/* the header */
		fclose(f);
		return -1;
	}
	while (!found && fgets(line, sizeof(line), f))
		found = parse_proc_line(line, &e) && fn(&e, arg);
	fclose(f);
	return found;
}

struct find_arg {
	uint16_t lport, rport;
	struct tern_proc_entry *out;
};

static bool find_fn(const struct tern_proc_entry *e, void *arg)
{
	struct find_arg *a = arg;

	if ((a->lport && e->lport != a->lport) || (a->rport && e->rport != a->rport))
		return false;
	*a->out = *e;
	return true;
}

int tern_proc_find(uint16_t lport, uint16_t rport, struct tern_proc_entry *e)
{
	struct find_arg a = { lport, rport, e };

	return proc_walk(find_fn, &a);
}

struct count_arg {
	const char *state;
	int n;
};

static bool count_fn(const struct tern_proc_entry *e, void *arg)
{
	struct count_arg *a = arg;

	if (!a->state || !strcmp(a->state, e->state))
		a->n++;
	return false;
}

int tern_proc_count(const char *state)
{
	struct count_arg a = { state, 0 };

	if (proc_walk(count_fn, &a) < 0)
		return -1;
	return a.n;
}

bool tern_wait_state(uint16_t lport, uint16_t rport, const char *state, int ms)
{
	struct tern_proc_entry e;
	int found;

	for (;;) {
		found = tern_proc_find(lport, rport, &e);
		if (state ? (found == 1 && !strcmp(e.state, state)) : found == 0)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

bool tern_wait_count(const char *state, int n, int ms)
{
	for (;;) {
		if (tern_proc_count(state) == n)
			return true;
		if (ms <= 0)
			return false;
		sleep_ms(5);
		ms -= 5;
	}
}

const char *tern_test_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n;

	if (dir[0])
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		return ".";
	exe[n] = '\0';
	snprintf(dir, sizeof(dir), "%s", dirname(exe));
	return dir;
}
