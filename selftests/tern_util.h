/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by Tern's selftests: module loading, namespaces,
 * sysctls, fault rules, /proc/net/tern, TERN_INFO and connections.
 *
 * Tests normally start with tern_test_netns(): a fresh network namespace
 * (with loopback up) per test, so sysctls, counters, fault rules and the
 * socket table start clean and tests cannot disturb each other.
 */
#ifndef _TERN_UTIL_H
#define _TERN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <tern.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Load module/tern.ko ($TERN_KO) with @params; 0 or -errno. */
int tern_load(const char *params);
/* Unload the module; 0 or -errno (-EBUSY/-EWOULDBLOCK while in use). */
int tern_unload(void);
/* Unload the module, waiting up to @ms for its last users to go away. */
int tern_unload_wait(int ms);
/* Is the module loaded? */
bool tern_loaded(void);
/* Load the module unless it is loaded; 0 or -errno. */
int tern_ensure_loaded(void);

/* Running on the debug kernel (KASAN, kmemleak: some 20 times slower)? */
bool tern_debug_kernel(void);
/* @n, or the smaller @debug_n on the debug kernel, unless make soak
 * (TERN_SOAK=1) asks for the full count there too.
 */
long tern_debug_scaled(long n, long debug_n);

/* Move this process into a new network namespace with lo up; 0 or -errno. */
int tern_test_netns(void);
/* Bring interface @ifname up in the current namespace; 0 or -errno. */
int tern_link_up(const char *ifname);

/* A counter from /proc/net/tern_stats, or -1 when it cannot be read. */
long long tern_stat(const char *name);
/* Kernel TCP's counter @name from /proc/net/snmp, or -1. */
long long tcp_snmp(const char *name);
/* Wait up to @ms for counter @name to reach at least @min. */
bool tern_stat_wait(const char *name, long long min, int ms);
/* net.tern.@name, or -1. */
int tern_sysctl_get(const char *name);
/* Set net.tern.@name; 0 or -errno. */
int tern_sysctl_set(const char *name, int value);
/* Write a rule (or "clear") to /proc/net/tern_fault; 0 or -errno. */
int tern_set_fault(const char *rule);

/* Write @value to the file at @path; 0 or -errno. */
int write_file(const char *path, const char *value);
/* Read a whole small file into @buf (NUL terminated); length or -errno. */
int read_file(const char *path, char *buf, size_t size);
/* Sleep @ms milliseconds. */
void sleep_ms(int ms);
/* Monotonic time in microseconds. */
uint64_t now_us(void);

/* A socket address of either family, and its length. */
struct tern_sockaddr {
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
	};
	socklen_t len;
};

/* The family the loopback helpers below use: AF_INET (127.0.0.1, the
 * default) or AF_INET6 (::1). A fixture's ipv4/ipv6 variant sets it.
 */
void tern_use_family(int family);
int tern_family(void);

/* A fixture's two variants, ipv4 and ipv6: its setup passes
 * variant->family to tern_use_family() before it makes any socket.
 */
#define TERN_FAMILY_VARIANTS(fixture)					\
	FIXTURE_VARIANT(fixture) {					\
		int family;						\
	};								\
	FIXTURE_VARIANT_ADD(fixture, ipv4) {				\
		.family = AF_INET,					\
	};								\
	FIXTURE_VARIANT_ADD(fixture, ipv6) {				\
		.family = AF_INET6,					\
	}
/* @addr (IPv4 or IPv6, by its form) and @port as a socket address into
 * @sa; its length.
 */
socklen_t tern_sockaddr_of(const char *addr, unsigned short port,
			   struct sockaddr_in6 *sa);
/* The loopback address:@port of that family. */
struct tern_sockaddr tern_loopback(uint16_t port);
/* socket(family, SOCK_STREAM, IPPROTO_TERN), or -1. */
int tern_socket(void);
/* A socket listening on loopback:@port (0: any port); fd or -1. */
int tern_listener(uint16_t port, int backlog);
/* A socket connected (blocking) to loopback:@port; fd or -1. */
int tern_connect_to(uint16_t port);
/* Connect a client to @listener and accept it; 0 or -1. */
int tern_pair(int listener, int *client, int *server);
/* Local or peer port of a socket, host order; 0 on error. */
uint16_t tern_local_port(int fd);
uint16_t tern_peer_port(int fd);
/* getsockopt(TERN_INFO); 0 or -1. */
int tern_get_info(int fd, struct tern_info *info);
/* The state of @fd as TERN_INFO reports it, or -1. */
int tern_state(int fd);
/* Wait up to @ms for TERN_INFO to report @state. */
bool tern_state_wait_info(int fd, int state, int ms);
/* Close with a RST (SO_LINGER 0): nothing lingers after the test. */
void tern_abort_close(int fd);
/* Either protocol (IPPROTO_TCP or IPPROTO_TERN), for comparisons: */
/* socket(family, SOCK_STREAM | @flags, @proto), or -1. */
int sock_of(int proto, int flags);
/* Bind or connect to loopback:@port; 0 or -errno. */
int bind_port(int fd, uint16_t port);
int connect_port(int fd, uint16_t port);
/* setsockopt()/getsockopt() of an int; 0 or the value, or -errno. */
int set_int(int fd, int level, int name, int val);
int get_int(int fd, int level, int name);
/* A listener on 127.0.0.1:@port (0: any); fd or -1. */
int listener_of(int proto, uint16_t port, int backlog);
/* Connect (blocking) and accept; 0 or -1. */
int pair_of(int proto, int listener, int *client, int *server);
/* TCP's state (TCP_* number), IPv4 or IPv6, for (local port, remote port), 0
 * if none, -1 on error.
 */
int tcp_proc_state(uint16_t lport, uint16_t rport);
/* Send/receive exactly @len bytes (blocking); 0 or -1. */
int send_all(int fd, const void *buf, size_t len);
int recv_all(int fd, void *buf, size_t len);

/* One line of /proc/net/tern. */
struct tern_proc_entry {
	char state[16];
	char timer[16];
	uint16_t lport;
	uint16_t rport;
	unsigned int sendq;
	unsigned int recvq;
	long expires_ms;
	unsigned int retransmits;
	unsigned long inode;
};

/* Find the entry for (local port, remote port; 0 matches any); 1 if
 * found, 0 if not, -1 on error.
 */
int tern_proc_find(uint16_t lport, uint16_t rport, struct tern_proc_entry *e);
/* Entries in @state (NULL: all). */
int tern_proc_count(const char *state);
/* Wait up to @ms until @n entries are in @state (NULL: all); true if so. */
bool tern_wait_count(const char *state, int n, int ms);
/* Wait up to @ms for the entry to reach @state (NULL: to disappear). */
bool tern_wait_state(uint16_t lport, uint16_t rport, const char *state, int ms);
/* Name of a TERN_* state number. */
const char *tern_state_name(int state);

/* The directory the running test program is in (what
 * build-selftests.sh puts beside them: ternize, BPF objects, templates).
 */
const char *tern_test_dir(void);

#endif /* _TERN_UTIL_H */
