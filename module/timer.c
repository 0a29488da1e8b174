// SPDX-License-Identifier: GPL-2.0
/*
 * The socket's timers, on the inet connection socket's three timer_lists:
 *
 *   icsk_retransmit_timer  retransmission timeout, zero-window probes, or
 *                          RACK's reordering timeout
 *   icsk_delack_timer      delayed acknowledgment
 *   keepalive timer        keepalive, or an orphan's FIN_WAIT_2 timeout
 *
 * A timer that finds the socket owned by its user sets a bit in
 * tern_sock.deferred and leaves the work to tern_release_cb(), which
 * release_sock() calls.
 */
#include <net/inet_connection_sock.h>

#include "ack.h"
#include "compat.h"
#include "input.h"
#include "netns.h"
#include "output.h"
#include "sock.h"
#include "state.h"
#include "timer.h"

/**
 * tern_rto_jiffies() - the retransmission timeout to arm now
 * @sk: the socket
 *
 * Return: RFC 6298's RTO with the current backoff, within the sysctls'
 * bounds, in jiffies.
 */
unsigned long tern_rto_jiffies(const struct sock *sk)
{
	const struct tern_sysctl *sysctl = tern_sysctl(sock_net(sk));
	u32 us = tern_rto_backed_off(&tern_sk(sk)->rtt, inet_csk(sk)->icsk_backoff,
				     sysctl->rto_min_ms * USEC_PER_MSEC,
				     sysctl->rto_max_ms * USEC_PER_MSEC);

	return max(usecs_to_jiffies(us), 1UL);
}

static unsigned long tern_rto_max_jiffies(const struct sock *sk)
{
	return msecs_to_jiffies(tern_sysctl(sock_net(sk))->rto_max_ms);
}

/**
 * tern_rearm_rto() - (re)start the retransmission timer, or stop it
 * @sk: the socket, locked
 *
 * RFC 6298 5.1 and 5.3: running while anything is unacknowledged,
 * restarted when new data is acknowledged.
 */
void tern_rearm_rto(struct sock *sk)
{
	if (!tern_sk(sk)->packets_out) {
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_RETRANS);
		return;
	}
	/* Due before any RTO; when it fires, it rearms the RTO itself. */
	if (inet_csk(sk)->icsk_pending == ICSK_TIME_REO_TIMEOUT)
		return;
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, tern_rto_jiffies(sk),
				  tern_rto_max_jiffies(sk));
}

/**
 * tern_arm_probe_timer() - probe a zero window after the backed-off RTO
 * @sk: the socket, locked
 */
void tern_arm_probe_timer(struct sock *sk)
{
	if (inet_csk(sk)->icsk_pending == ICSK_TIME_PROBE0)
		return;
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0, tern_rto_jiffies(sk),
				  tern_rto_max_jiffies(sk));
}

/**
 * tern_arm_reo_timer() - look for losses again once a segment's
 *	reordering window has passed (RFC 8985 6.3)
 * @sk: the socket, locked
 * @wait_us: how long from now
 */
void tern_arm_reo_timer(struct sock *sk, u64 wait_us)
{
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_REO_TIMEOUT,
				  max(usecs_to_jiffies(wait_us), 1UL),
				  tern_rto_max_jiffies(sk));
}

static u8 tern_max_retries(const struct sock *sk)
{
	const struct tern_sysctl *sysctl = tern_sysctl(sock_net(sk));
	const struct tern_sock *tp = tern_sk(sk);

	if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))
		return tp->syn_retries ? : sysctl->syn_retries;
	return sysctl->retries;
}

/* RFC 6298 5.4-5.7: retransmit the oldest segment, back the timer off. */
static void tern_retransmit_timer(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tern_sock *tp = tern_sk(sk);
	struct net *net = sock_net(sk);
	struct sk_buff *skb;

	skb = skb_peek(&tp->rtx_queue);
	if (!skb)
		return;
	if (icsk->icsk_retransmits >= tern_max_retries(sk)) {
		tern_stat_inc(net, TERN_STAT_ABORT_ON_TIMEOUT);
		tern_sm_step(sk, TERN_EV_RETRIES_EXHAUSTED);
		return;
	}
	tp->timeouts++;
	tern_stat_inc(net, TERN_STAT_TIMEOUTS);
	tern_enter_loss(sk);
	tern_retransmit_skb(sk, skb, true);
	if (icsk->icsk_backoff < 31)
		icsk->icsk_backoff++;
	icsk->icsk_retransmits++;
	tern_rearm_rto(sk);
}

/* The peer's window is closed and nothing is in flight to reopen it. */
static void tern_probe_timer(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tern_sock *tp = tern_sk(sk);

	if (tp->packets_out || !skb_peek(&sk->sk_write_queue)) {
		icsk->icsk_probes_out = 0;
		return;
	}
	if (icsk->icsk_probes_out >= tern_max_retries(sk)) {
		tern_stat_inc(sock_net(sk), TERN_STAT_ABORT_ON_TIMEOUT);
		tern_sm_step(sk, TERN_EV_RETRIES_EXHAUSTED);
		return;
	}
	tern_send_probe(sk);
	tp->zero_window_probes++;
	tern_stat_inc(sock_net(sk), TERN_STAT_ZERO_WINDOW_PROBES);
	icsk->icsk_probes_out++;
	if (icsk->icsk_backoff < 31)
		icsk->icsk_backoff++;
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0, tern_rto_jiffies(sk),
				  tern_rto_max_jiffies(sk));
}

static void tern_write_timer_handler(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	int event = icsk->icsk_pending;

	if (((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)) || !event)
		return;
	if (time_after(icsk->icsk_timeout, jiffies)) {
		sk_reset_timer(sk, &icsk->icsk_retransmit_timer, icsk->icsk_timeout);
		return;
	}
	icsk->icsk_pending = 0;
	if (event == ICSK_TIME_RETRANS)
		tern_retransmit_timer(sk);
	else if (event == ICSK_TIME_PROBE0)
		tern_probe_timer(sk);
	else if (event == ICSK_TIME_REO_TIMEOUT)
		tern_rack_timeout(sk);
}

static void tern_delack_timer_handler(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	if (sk->sk_state == TCP_CLOSE || !tp->ack_pending)
		return;
	tern_stat_inc(sock_net(sk), TERN_STAT_DELAYED_ACKS);
	tern_send_ack(sk);
}

static void tern_keepalive_timer_handler(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tern_sock *tp = tern_sk(sk);
	u32 idle;

	if (sk->sk_state == TCP_FIN_WAIT2 && sock_flag(sk, SOCK_DEAD)) {
		tern_stat_inc(sock_net(sk), TERN_STAT_FIN_WAIT2_TIMEOUTS);
		tern_sm_step(sk, TERN_EV_FIN_WAIT2_TIMEOUT);
		return;
	}
	if (!sock_flag(sk, SOCK_KEEPOPEN) ||
	    !((1 << sk->sk_state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT)))
		return;
	/* Data in flight has its own timer to detect a dead peer. */
	if (tp->packets_out || skb_peek(&sk->sk_write_queue)) {
		tern_reset_keepalive_timer(sk, tp->keepalive_time);
		return;
	}
	idle = tern_jiffies32 - tp->rcv_tstamp;
	if (idle < tp->keepalive_time) {
		tern_reset_keepalive_timer(sk, tp->keepalive_time - idle);
		return;
	}
	if (icsk->icsk_probes_out >= tp->keepalive_probes) {
		tern_send_active_reset(sk, GFP_ATOMIC);
		tern_sm_step(sk, TERN_EV_RETRIES_EXHAUSTED);
		return;
	}
	tern_send_probe(sk);
	icsk->icsk_probes_out++;
	tern_reset_keepalive_timer(sk, tp->keepalive_intvl);
}

/* Run @handler now, or have release_sock() run it. */
static void tern_timer_run(struct sock *sk, enum tern_deferred bit,
			   void (*handler)(struct sock *sk))
{
	bh_lock_sock(sk);
	if (!sock_owned_by_user(sk)) {
		handler(sk);
	} else if (!test_and_set_bit(bit, &tern_sk(sk)->deferred)) {
		/* The deferred work holds its own reference. */
		sock_hold(sk);
	}
	bh_unlock_sock(sk);
	/* The reference sk_reset_timer() took for the armed timer. */
	sock_put(sk);
}

static void tern_write_timer(struct timer_list *t)
{
	struct inet_connection_sock *icsk = from_timer(icsk, t, icsk_retransmit_timer);

	tern_timer_run(&icsk->icsk_inet.sk, TERN_WRITE_TIMER_DEFERRED,
		       tern_write_timer_handler);
}

static void tern_delack_timer(struct timer_list *t)
{
	struct inet_connection_sock *icsk = from_timer(icsk, t, icsk_delack_timer);

	tern_timer_run(&icsk->icsk_inet.sk, TERN_DELACK_TIMER_DEFERRED,
		       tern_delack_timer_handler);
}

static void tern_keepalive_timer(struct timer_list *t)
{
	tern_timer_run(tern_sk_from_keepalive(t), TERN_KEEPALIVE_TIMER_DEFERRED,
		       tern_keepalive_timer_handler);
}

/**
 * tern_release_cb() - run work deferred while the user held the lock
 * @sk: the socket, still owned, its spinlock held with BH off
 */
void tern_release_cb(struct sock *sk)
{
	static void (*const handlers[])(struct sock *sk) = {
		[TERN_WRITE_TIMER_DEFERRED]	= tern_write_timer_handler,
		[TERN_DELACK_TIMER_DEFERRED]	= tern_delack_timer_handler,
		[TERN_KEEPALIVE_TIMER_DEFERRED]	= tern_keepalive_timer_handler,
		[TERN_MTU_REDUCED_DEFERRED]	= tern_mtu_reduced,
	};
	struct tern_sock *tp = tern_sk(sk);
	int bit;

	for (bit = 0; bit < ARRAY_SIZE(handlers); bit++) {
		if (!test_and_clear_bit(bit, &tp->deferred))
			continue;
		handlers[bit](sk);
		__sock_put(sk);
	}
}

/**
 * tern_init_xmit_timers() - set up the three timers
 * @sk: a new socket
 */
void tern_init_xmit_timers(struct sock *sk)
{
	inet_csk_init_xmit_timers(sk, tern_write_timer, tern_delack_timer,
				  tern_keepalive_timer);
}

/**
 * tern_clear_xmit_timers() - stop them all
 * @sk: the socket, locked
 */
void tern_clear_xmit_timers(struct sock *sk)
{
	inet_csk_clear_xmit_timers(sk);
}

/**
 * tern_schedule_delack() - acknowledge within @when, unless sooner
 * @sk: the socket, locked
 * @when: jiffies from now
 */
void tern_schedule_delack(struct sock *sk, unsigned long when)
{
	struct timer_list *timer = &inet_csk(sk)->icsk_delack_timer;

	if (!timer_pending(timer))
		sk_reset_timer(sk, timer, jiffies + when);
}

/**
 * tern_ack_sent() - an outgoing segment carried our acknowledgment
 * @sk: the socket, locked
 */
void tern_ack_sent(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	tp->ack_pending = 0;
	if (tp->quickacks)
		tp->quickacks--;
	sk_stop_timer(sk, &inet_csk(sk)->icsk_delack_timer);
}

/**
 * tern_fin_timeout() - how long an orphan may wait in FIN_WAIT_2
 * @sk: the socket
 *
 * Return: jiffies.
 */
unsigned long tern_fin_timeout(const struct sock *sk)
{
	return msecs_to_jiffies(tern_sysctl(sock_net(sk))->fin_timeout_ms);
}

/**
 * tern_reset_keepalive_timer() - arm the keepalive timer @when jiffies from now
 * @sk: the socket, locked
 * @when: the delay
 */
void tern_reset_keepalive_timer(struct sock *sk, unsigned long when)
{
	sk_reset_timer(sk, tern_keepalive_timer_of(sk), jiffies + when);
}

/**
 * tern_stop_keepalive_timer() - stop it
 * @sk: the socket, locked
 */
void tern_stop_keepalive_timer(struct sock *sk)
{
	sk_stop_timer(sk, tern_keepalive_timer_of(sk));
}
