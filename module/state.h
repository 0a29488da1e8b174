/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state table's interpreter, state changes and the end of a
 * socket's life.
 */
#ifndef _TERN_STATE_H
#define _TERN_STATE_H

#include <net/sock.h>

#include "statetable.h"

void tern_set_state(struct sock *sk, int state);
void tern_done(struct sock *sk);
void tern_done_time_wait(struct sock *sk);
void tern_orphan(struct sock *sk);
int tern_orphan_count(void);
bool tern_out_of_resources(const struct sock *sk);
void tern_destroy_orphan(struct sock *sk);
void tern_child_discard(struct sock *child) __releases(&child->sk_lock.slock);
void tern_child_forget(struct sock *child);
int tern_sm_step(struct sock *sk, enum tern_event event, struct sk_buff *skb);

#endif /* _TERN_STATE_H */
