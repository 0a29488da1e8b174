/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two network namespaces joined by a veth pair, for tests across a real
 * link (netem delay, loss, reordering...):
 *
 *	side 'a': 10.99.0.1/24 on veth "ta"  <->  side 'b': 10.99.0.2/24 on "tb"
 *	          fd99::1/64                           fd99::2/64
 *
 * and, on request, a third side behind 'b', which then routes:
 *
 *	side 'b': 10.99.1.1/24 on "tbc"  <->  side 'c': 10.99.1.2/24 on "tc"
 *
 * A single test process switches between the sides with ns_enter(); a
 * socket stays in the namespace it was created in.
 */
#ifndef _TERN_NETNS_H
#define _TERN_NETNS_H

#define NS_ADDR_A	"10.99.0.1"
#define NS_ADDR_B	"10.99.0.2"
#define NS_ADDR_C	"10.99.1.2"
#define NS_ADDR6_A	"fd99::1"
#define NS_ADDR6_B	"fd99::2"
#define NS_SIDES	3

struct ns_pair {
	char name[NS_SIDES][32];
	int fd[NS_SIDES];
	int orig;
};

/* Create both namespaces and the link; 0 or -1. */
int ns_pair_create(struct ns_pair *p);
/* Add side 'c' behind 'b', on a link of @mtu bytes that c's routes do not
 * know of, and have 'b' forward between 'a' and 'c'; 0 or -1.
 */
int ns_pair_add_far_side(struct ns_pair *p, int mtu);
/* Replace the root qdisc of side @side's veth with "netem @args"
 * (NULL or "" removes it); 0 or -1.
 */
int ns_pair_netem(struct ns_pair *p, char side, const char *args);
/* Run "ip @args" inside side @side; 0 or -1. */
int ns_pair_ip(struct ns_pair *p, char side, const char *args);
/* Switch offload features of side @side's veth (ethtool -K); 0 or -1. */
int ns_pair_ethtool(struct ns_pair *p, char side, const char *features);
/* The same for device @dev of side @side. */
int ns_pair_ethtool_dev(struct ns_pair *p, char side, const char *dev,
			const char *features);
/* Make side @side ('a' or 'b') this thread's namespace; 0 or -1. */
int ns_enter(struct ns_pair *p, char side);
/* Let connections still closing finish, return to the namespace the pair
 * was created from and delete both.
 */
void ns_pair_destroy(struct ns_pair *p);
/* A Tern socket on the current side connected (blocking) to @addr:@port. */
int ns_connect(const char *addr, unsigned short port);
/* A Tern socket on the current side listening on @addr:@port. */
int ns_listen(const char *addr, unsigned short port, int backlog);
/* The same for protocol @proto (IPPROTO_TCP or IPPROTO_TERN). */
int ns_connect_of(int proto, const char *addr, unsigned short port);
int ns_listen_of(int proto, const char *addr, unsigned short port, int backlog);
/* A counter of /proc/net/dev (@column 0: rx bytes ... 3: rx drop, 8: tx
 * bytes ...) of device @dev on the current side, or -1.
 */
long long ns_dev_stat(const char *dev, int column);

#endif /* _TERN_NETNS_H */
