/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Deterministic fault injection: drop the next N outgoing segments that
 * match a pattern, so tests can replay exact failure stories ("the final
 * ACK is lost"). Per network namespace, through /proc/net/tern_fault.
 */
#ifndef _TERN_FAULT_H
#define _TERN_FAULT_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct net;
struct ternhdr;

#define TERN_FAULT_MAX_RULES	8

/**
 * struct tern_fault_rule - which segments to drop
 * @flags: the exact flag set to match (PSH ignored)
 * @any_flags: match every flag set
 * @payload: 1 only segments with payload, 0 only without, -1 either
 * @sport: source port to match (host order), 0 for any
 * @dport: destination port to match (host order), 0 for any
 * @skip: matching segments to let through first
 * @count: matching segments to drop after that
 * @dropped: segments this rule dropped so far
 */
struct tern_fault_rule {
	u8 flags;
	bool any_flags;
	s8 payload;
	u16 sport;
	u16 dport;
	u32 skip;
	u32 count;
	u32 dropped;
};

/**
 * struct tern_fault - a namespace's fault rules
 * @lock: protects the rules
 * @nr_rules: rules in use
 * @rules: the rules, in the order they were added
 */
struct tern_fault {
	spinlock_t lock;	/* protects the rules, from any context */
	int nr_rules;
	struct tern_fault_rule rules[TERN_FAULT_MAX_RULES];
};

int tern_fault_init_net(struct net *net);
void tern_fault_exit_net(struct net *net);
bool tern_fault_should_drop(struct net *net, const struct ternhdr *th,
			    unsigned int payload);
int tern_fault_parse_rule(const char *text, struct tern_fault_rule *rule);

#endif /* _TERN_FAULT_H */
