/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two network namespaces joined by a veth pair, for tests across a real
 * link (netem delay, loss, reordering...):
 *
 *	side 'a': 10.99.0.1/24 on veth "ta"  <->  side 'b': 10.99.0.2/24 on "tb"
 *
 * A single test process switches between the sides with ns_enter(); a
 * socket stays in the namespace it was created in.
 */
#ifndef _TERN_NETNS_H
#define _TERN_NETNS_H

#define NS_ADDR_A	"10.99.0.1"
#define NS_ADDR_B	"10.99.0.2"

struct ns_pair {
	char name[2][32];
	int fd[2];
	int orig;
};

/* Create both namespaces and the link; 0 or -1. */
int ns_pair_create(struct ns_pair *p);
/* Replace the root qdisc of side @side's veth with "netem @args"
 * (NULL or "" removes it); 0 or -1.
 */
int ns_pair_netem(struct ns_pair *p, char side, const char *args);
/* Run "ip @args" inside side @side; 0 or -1. */
int ns_pair_ip(struct ns_pair *p, char side, const char *args);
int ns_pair_ethtool(struct ns_pair *p, char side, const char *features);
/* Make side @side ('a' or 'b') this thread's namespace; 0 or -1. */
int ns_enter(struct ns_pair *p, char side);
/* Let connections still closing finish, return to the namespace the pair
 * was created from and delete both.
 */
void ns_pair_destroy(struct ns_pair *p);
/* A socket on the current side connected (blocking) to @addr:@port. */
int ns_connect(const char *addr, unsigned short port);
/* A socket on the current side listening on @addr:@port. */
int ns_listen(const char *addr, unsigned short port, int backlog);

#endif /* _TERN_NETNS_H */
