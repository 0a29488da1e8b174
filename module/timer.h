/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The socket's timers: retransmission and window probes, delayed ACK,
 * keepalive and the FIN_WAIT_2 timeout.
 */
#ifndef _TERN_TIMER_H
#define _TERN_TIMER_H

#include <net/sock.h>

#include "sock.h"

void tern_init_timers(struct sock *sk);
void tern_clear_timers(struct sock *sk);
unsigned long tern_rto_jiffies(const struct sock *sk);
void tern_arm_rto(struct sock *sk);
void tern_rearm_rto(struct sock *sk);
void tern_arm_probe_timer(struct sock *sk);
void tern_arm_reo_timer(struct sock *sk, u64 wait_us);
void tern_reset_keepalive_timer(struct sock *sk, unsigned long when);
void tern_stop_keepalive_timer(struct sock *sk);
void tern_release_cb(struct sock *sk);

static inline unsigned long tern_keepalive_time(const struct tern_sock *tp)
{
	return tp->keepalive_time;
}

unsigned long tern_fin_timeout(const struct sock *sk);

#endif /* _TERN_TIMER_H */
