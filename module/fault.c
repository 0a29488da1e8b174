// SPDX-License-Identifier: GPL-2.0
/*
 * Deterministic fault injection. A test writes a rule to
 * /proc/net/tern_fault, for example
 *
 *	drop flags=FIN|ACK count=1		the next FIN
 *	drop flags=ACK nodata sport=5000 skip=2	the third pure ACK from 5000
 *	clear					remove every rule
 *
 * and every outgoing segment, from sockets, request entries and TIME_WAIT
 * entries alike, is checked against the rules before it reaches IP.
 * Reading the file lists the rules and what they dropped.
 */
#include <kunit/visibility.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fault.h"
#include "netns.h"
#include "wire.h"

static const struct {
	const char *name;
	u8 bit;
} tern_flag_names[] = {
	{ "FIN", TERN_FLAG_FIN },
	{ "SYN", TERN_FLAG_SYN },
	{ "RST", TERN_FLAG_RST },
	{ "PSH", TERN_FLAG_PSH },
	{ "ACK", TERN_FLAG_ACK },
};

static int tern_fault_parse_flags(char *text, struct tern_fault_rule *rule)
{
	char *name;
	int i;

	if (!strcmp(text, "any")) {
		rule->any_flags = true;
		return 0;
	}
	while ((name = strsep(&text, "|"))) {
		for (i = 0; i < ARRAY_SIZE(tern_flag_names); i++)
			if (!strcmp(name, tern_flag_names[i].name))
				break;
		if (i == ARRAY_SIZE(tern_flag_names))
			return -EINVAL;
		rule->flags |= tern_flag_names[i].bit;
	}
	rule->flags &= ~TERN_FLAG_PSH;
	return 0;
}

static int tern_fault_parse_word(char *word, struct tern_fault_rule *rule)
{
	char *value = strchr(word, '=');
	u32 n;

	if (!strcmp(word, "data")) {
		rule->payload = 1;
		return 0;
	}
	if (!strcmp(word, "nodata")) {
		rule->payload = 0;
		return 0;
	}
	if (!value)
		return -EINVAL;
	*value++ = '\0';
	if (!strcmp(word, "flags"))
		return tern_fault_parse_flags(value, rule);
	if (kstrtou32(value, 10, &n))
		return -EINVAL;
	if (!strcmp(word, "count"))
		rule->count = n;
	else if (!strcmp(word, "skip"))
		rule->skip = n;
	else if (!strcmp(word, "sport") && n <= U16_MAX)
		rule->sport = n;
	else if (!strcmp(word, "dport") && n <= U16_MAX)
		rule->dport = n;
	else
		return -EINVAL;
	return 0;
}

/**
 * tern_fault_parse_rule() - parse "drop flags=... [data|nodata] [sport=N]
 *	[dport=N] [skip=N] [count=N]"
 * @text: the rule, modified while parsing
 * @rule: filled in; count defaults to 1
 *
 * Return: 0 or -EINVAL.
 */
int tern_fault_parse_rule(const char *text, struct tern_fault_rule *rule)
{
	char *copy, *cursor, *word;
	bool has_flags = false;
	int err = 0;

	*rule = (struct tern_fault_rule) { .payload = -1, .count = 1 };
	copy = kstrdup(text, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	cursor = strim(copy);
	word = strsep(&cursor, " \t");
	if (!word || strcmp(word, "drop"))
		err = -EINVAL;
	while (!err && (word = strsep(&cursor, " \t"))) {
		if (!*word)
			continue;
		has_flags |= !strncmp(word, "flags=", 6);
		err = tern_fault_parse_word(word, rule);
	}
	kfree(copy);
	if (!err && !has_flags)
		err = -EINVAL;
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tern_fault_parse_rule);

static bool tern_fault_matches(const struct tern_fault_rule *rule,
			       const struct ternhdr *th, unsigned int payload)
{
	if (!rule->any_flags && rule->flags != (th->flags & ~TERN_FLAG_PSH))
		return false;
	if (rule->payload >= 0 && rule->payload != !!payload)
		return false;
	if (rule->sport && rule->sport != ntohs(th->source))
		return false;
	if (rule->dport && rule->dport != ntohs(th->dest))
		return false;
	return true;
}

/**
 * tern_fault_should_drop() - does a rule want this outgoing segment?
 * @net: the namespace sending it
 * @th: its header, fully written
 * @payload: its payload length
 *
 * Return: true when the caller must drop the segment instead of sending.
 */
bool tern_fault_should_drop(struct net *net, const struct ternhdr *th,
			    unsigned int payload)
{
	struct tern_fault *fault = &tern_net(net)->fault;
	struct tern_fault_rule *rule;
	unsigned long irqflags;
	bool drop = false;
	int i;

	if (!READ_ONCE(fault->nr_rules))
		return false;
	spin_lock_irqsave(&fault->lock, irqflags);
	for (i = 0; i < fault->nr_rules && !drop; i++) {
		rule = &fault->rules[i];
		if (rule->dropped >= rule->count || !tern_fault_matches(rule, th, payload))
			continue;
		if (rule->skip) {
			rule->skip--;
			continue;
		}
		rule->dropped++;
		drop = true;
	}
	spin_unlock_irqrestore(&fault->lock, irqflags);
	if (drop)
		tern_stat_inc(net, TERN_STAT_FAULT_DROPS);
	return drop;
}

static int tern_fault_show(struct seq_file *seq, void *v)
{
	struct tern_fault *fault = &tern_net(seq_file_single_net(seq))->fault;
	const struct tern_fault_rule *rule;
	int i;

	spin_lock_irq(&fault->lock);
	for (i = 0; i < fault->nr_rules; i++) {
		rule = &fault->rules[i];
		seq_printf(seq, "drop flags=0x%02x%s payload=%d sport=%u dport=%u skip=%u count=%u dropped=%u\n",
			   rule->flags, rule->any_flags ? "(any)" : "",
			   rule->payload, rule->sport, rule->dport, rule->skip,
			   rule->count, rule->dropped);
	}
	spin_unlock_irq(&fault->lock);
	return 0;
}

static int tern_fault_write(struct file *file, char *buf, size_t len)
{
	struct net *net = seq_file_single_net(file->private_data);
	struct tern_fault *fault = &tern_net(net)->fault;
	struct tern_fault_rule rule;
	int err = 0;

	if (!strcmp(strim(buf), "clear")) {
		spin_lock_irq(&fault->lock);
		WRITE_ONCE(fault->nr_rules, 0);
		spin_unlock_irq(&fault->lock);
		return 0;
	}
	err = tern_fault_parse_rule(buf, &rule);
	if (err)
		return err;
	spin_lock_irq(&fault->lock);
	if (fault->nr_rules < TERN_FAULT_MAX_RULES) {
		fault->rules[fault->nr_rules] = rule;
		WRITE_ONCE(fault->nr_rules, fault->nr_rules + 1);
	} else {
		err = -ENOSPC;
	}
	spin_unlock_irq(&fault->lock);
	return err;
}

/**
 * tern_fault_init_net() - no rules, and the control file
 * @net: the namespace
 *
 * Return: 0 or -ENOMEM.
 */
int tern_fault_init_net(struct net *net)
{
	struct tern_fault *fault = &tern_net(net)->fault;

	spin_lock_init(&fault->lock);
	fault->nr_rules = 0;
	if (!proc_create_net_single_write("tern_fault", 0600, net->proc_net,
					  tern_fault_show, tern_fault_write, NULL))
		return -ENOMEM;
	return 0;
}

/**
 * tern_fault_exit_net() - remove the control file
 * @net: the namespace
 */
void tern_fault_exit_net(struct net *net)
{
	remove_proc_entry("tern_fault", net->proc_net);
}
