/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Acting on the state table for full sockets: state changes and the
 * actions that go with them.
 */
#ifndef _TERN_STATE_H
#define _TERN_STATE_H

#include <net/sock.h>

#include "statetable.h"

void tern_set_state(struct sock *sk, int state);
void tern_done(struct sock *sk);
void tern_done_time_wait(struct sock *sk);
int tern_sm_step(struct sock *sk, enum tern_event event);

#endif /* _TERN_STATE_H */
