// SPDX-License-Identifier: GPL-2.0
/*
 * The socket's timers, three timer_lists of its own:
 *
 *   rtx_timer        retransmission timeout, zero-window probes, RACK's
 *                    reordering timeout or the tail loss probe
 *                    (tern_sock.rtx_pending)
 *   delack_timer     delayed acknowledgment
 *   keepalive_timer  keepalive, or an orphan's FIN_WAIT_2 timeout
 *
 * An armed timer holds a socket reference (sk_reset_timer()), which the
 * handler drops. A timer that finds the socket owned by its user sets a
 * bit in tern_sock.deferred and leaves the work to tern_release_cb(),
 * which release_sock() calls.
 */

#include "ack.h"
#include "compat.h"
#include "delack.h"
#include "input.h"
#include "netns.h"
#include "output.h"
#include "sock.h"
#include "state.h"
#include "timer.h"
#include "tlp.h"

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
	u32 us = tern_rto_backed_off(&tern_sk(sk)->rtt, tern_sk(sk)->backoff,
				     sysctl->rto_min_ms * USEC_PER_MSEC,
				     sysctl->rto_max_ms * USEC_PER_MSEC);

	return max(usecs_to_jiffies(us), 1UL);
}

static unsigned long tern_rto_max_jiffies(const struct sock *sk)
{
	return msecs_to_jiffies(tern_sysctl(sock_net(sk))->rto_max_ms);
}

/* Arm rtx_timer for @what, @when jiffies from now (at most the RTO
 * ceiling). The deadline is kept too: a handler that finds it moved
 * later (it ran deferred, or raced a rearm) arms itself again.
 */
static void tern_reset_rtx_timer(struct sock *sk, enum tern_rtx_timer what,
				 unsigned long when)
{
	struct tern_sock *tp = tern_sk(sk);

	when = min(when, tern_rto_max_jiffies(sk));
	tp->rtx_pending = what;
	tp->rtx_timeout = jiffies + when;
	sk_reset_timer(sk, &tp->rtx_timer, tp->rtx_timeout);
}

static void tern_clear_rtx_timer(struct sock *sk)
{
	tern_sk(sk)->rtx_pending = TERN_RTX_NONE;
	sk_stop_timer(sk, &tern_sk(sk)->rtx_timer);
}

/**
 * tern_arm_rto() - start the retransmission timeout itself
 * @sk: the socket, locked, with data in flight
 */
void tern_arm_rto(struct sock *sk)
{
	tern_reset_rtx_timer(sk, TERN_RTX_RETRANS, tern_rto_jiffies(sk));
}

/**
 * tern_rearm_rto() - (re)start the retransmission timer, or stop it
 * @sk: the socket, locked
 *
 * RFC 6298 5.1 and 5.3: running while anything is unacknowledged,
 * restarted when new data is sent or acknowledged; a tail loss probe
 * goes first where one is due (RFC 8985 7.2).
 */
void tern_rearm_rto(struct sock *sk)
{
	enum tern_rtx_timer pending = tern_sk(sk)->rtx_pending;
	unsigned long pto;

	if (!tern_sk(sk)->packets_out) {
		if (pending == TERN_RTX_RETRANS || pending == TERN_RTX_TLP)
			tern_clear_rtx_timer(sk);
		return;
	}
	/* Due before any RTO; when it fires, it rearms the RTO itself. */
	if (pending == TERN_RTX_REORDER)
		return;
	pto = tern_tlp_timeout(sk);
	if (pto)
		tern_reset_rtx_timer(sk, TERN_RTX_TLP, pto);
	else
		tern_arm_rto(sk);
}

/**
 * tern_arm_probe_timer() - probe a zero window after the backed-off RTO
 * @sk: the socket, locked
 */
void tern_arm_probe_timer(struct sock *sk)
{
	if (tern_sk(sk)->rtx_pending == TERN_RTX_PROBE)
		return;
	tern_reset_rtx_timer(sk, TERN_RTX_PROBE, tern_rto_jiffies(sk));
}

/**
 * tern_arm_reo_timer() - look for losses again once a segment's
 *	reordering window has passed (RFC 8985 6.3)
 * @sk: the socket, locked
 * @wait_us: how long from now
 */
void tern_arm_reo_timer(struct sock *sk, u64 wait_us)
{
	tern_reset_rtx_timer(sk, TERN_RTX_REORDER,
			     max(usecs_to_jiffies(wait_us), 1UL));
}

/* Has the backed-off timeout not reached its ceiling yet? */
static bool tern_rto_growing(const struct sock *sk)
{
	return tern_rto_jiffies(sk) < tern_rto_max_jiffies(sk);
}

/* TCP's tcp_orphan_retries(): how many times an orphan tries. */
static u8 tern_orphan_retries(const struct sock *sk, bool growing)
{
	int retries = READ_ONCE(tern_sysctl(sock_net(sk))->orphan_retries);

	/* An ICMP error said something is wrong, and waiting got long. */
	if (READ_ONCE(sk->sk_err_soft) && !growing)
		return 0;
	/* 0 means 8 (TCP's, while its timeout grows: with a ceiling of
	 * 120 s, nearly always; ours may be set far lower).
	 */
	return retries ? : 8;
}

static u8 tern_max_retries(const struct sock *sk)
{
	const struct tern_sysctl *sysctl = tern_sysctl(sock_net(sk));
	const struct tern_sock *tp = tern_sk(sk);

	if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))
		return tp->syn_retries ? : sysctl->syn_retries;
	if (sock_flag(sk, SOCK_DEAD))
		return tern_orphan_retries(sk, tern_rto_growing(sk));
	return sysctl->retries;
}

/* The first expiry for the oldest segment (or probe) dates the wait from
 * one timeout back, when it was sent.
 */
static void tern_note_rtx_start(struct sock *sk, u32 count)
{
	if (!count)
		tern_sk(sk)->rtx_start = tern_jiffies32 - tern_rto_jiffies(sk);
}

/* TCP_USER_TIMEOUT (RFC 5482): jiffies until data unacknowledged since
 * rtx_start has waited that long; S32_MAX without one.
 */
static s32 tern_user_time_left(const struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);
	u32 timeout = READ_ONCE(tp->user_timeout);

	if (!timeout)
		return S32_MAX;
	return tp->rtx_start + msecs_to_jiffies(timeout) - tern_jiffies32;
}

static bool tern_user_timed_out(const struct sock *sk)
{
	return tern_user_time_left(sk) <= 0;
}

/* The backed-off timeout, but no later than the user timeout's end. */
static unsigned long tern_next_expiry(const struct sock *sk)
{
	return clamp_t(s32, tern_user_time_left(sk), 1, tern_rto_jiffies(sk));
}

/* An orphan beyond the orphan or memory limits is reset (true). */
static bool tern_orphan_evicted(struct sock *sk)
{
	if (!sock_flag(sk, SOCK_DEAD) || !tern_out_of_resources(sk))
		return false;
	tern_sm_step(sk, TERN_EV_OUT_OF_RESOURCES, NULL);
	return true;
}

/* RFC 6298 5.4-5.7: retransmit the oldest segment, back the timer off. */
static void tern_retransmit_timer(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct net *net = sock_net(sk);
	struct sk_buff *skb;

	skb = skb_peek(&tp->rtx_queue);
	if (!skb || tern_orphan_evicted(sk))
		return;
	tern_note_rtx_start(sk, tp->retransmits);
	if (tp->retransmits >= tern_max_retries(sk) || tern_user_timed_out(sk)) {
		tern_stat_inc(net, TERN_STAT_ABORT_ON_TIMEOUT);
		tern_sm_step(sk, TERN_EV_RETRIES_EXHAUSTED, NULL);
		return;
	}
	tp->timeouts++;
	tern_stat_inc(net, TERN_STAT_TIMEOUTS);
	tern_enter_loss(sk);
	tern_retransmit_skb(sk, skb, true);
	if (tp->backoff < 31)
		tp->backoff++;
	tp->retransmits++;
	tern_reset_rtx_timer(sk, TERN_RTX_RETRANS, tern_next_expiry(sk));
}

/* The peer's window is closed, or a send failed, and nothing is in
 * flight to bring an ACK.
 */
static void tern_probe_timer(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	if (tp->packets_out || !skb_peek(&sk->sk_write_queue)) {
		tp->probes_out = 0;
		return;
	}
	if (tern_orphan_evicted(sk))
		return;
	tern_note_rtx_start(sk, tp->probes_out);
	/* A peer that answers every probe with a closed window resets
	 * probes_out each time; an orphan's backoff, which only an opening
	 * window clears, bounds it still (TCP's tcp_probe_timer()).
	 */
	if ((sock_flag(sk, SOCK_DEAD) && !tern_rto_growing(sk) &&
	     tp->backoff >= tern_orphan_retries(sk, false)) ||
	    tp->probes_out >= tern_max_retries(sk) || tern_user_timed_out(sk)) {
		tern_stat_inc(sock_net(sk), TERN_STAT_ABORT_ON_TIMEOUT);
		tern_sm_step(sk, TERN_EV_RETRIES_EXHAUSTED, NULL);
		return;
	}
	/* The window may be open and the send have failed (no route, no
	 * memory): send the data if it can go now, as tcp_write_wakeup()
	 * does; the retransmission timer takes over from there.
	 */
	tern_write_xmit(sk, TERN_NAGLE_PUSH);
	if (tp->packets_out) {
		tp->probes_out = 0;
		return;
	}
	tern_send_probe(sk);
	tp->zero_window_probes++;
	tern_stat_inc(sock_net(sk), TERN_STAT_ZERO_WINDOW_PROBES);
	tp->probes_out++;
	if (tp->backoff < 31)
		tp->backoff++;
	tern_reset_rtx_timer(sk, TERN_RTX_PROBE, tern_next_expiry(sk));
}

static void tern_write_timer_handler(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	enum tern_rtx_timer what = tp->rtx_pending;

	if (((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)) || !what)
		return;
	if (time_after(tp->rtx_timeout, jiffies)) {
		sk_reset_timer(sk, &tp->rtx_timer, tp->rtx_timeout);
		return;
	}
	tp->rtx_pending = TERN_RTX_NONE;
	if (what == TERN_RTX_RETRANS)
		tern_retransmit_timer(sk);
	else if (what == TERN_RTX_PROBE)
		tern_probe_timer(sk);
	else if (what == TERN_RTX_REORDER)
		tern_rack_timeout(sk);
	else if (what == TERN_RTX_TLP)
		tern_tlp_send(sk);
}

static void tern_keepalive_timer_handler(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	u32 idle;

	/* An orphan in FIN_WAIT_2 uses the timer for its own timeout. */
	if (sk->sk_state == TCP_FIN_WAIT2 && sock_flag(sk, SOCK_DEAD)) {
		tern_stat_inc(sock_net(sk), TERN_STAT_FIN_WAIT2_TIMEOUTS);
		tern_sm_step(sk, TERN_EV_FIN_WAIT2_TIMEOUT, NULL);
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
	if (tp->probes_out >= tp->keepalive_probes) {
		tern_sm_step(sk, TERN_EV_KEEPALIVE_EXHAUSTED, NULL);
		return;
	}
	tern_send_probe(sk);
	tp->probes_out++;
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
	struct tern_sock *tp = timer_container_of(tp, t, rtx_timer);

	tern_timer_run((struct sock *)tp, TERN_WRITE_TIMER_DEFERRED,
		       tern_write_timer_handler);
}

static void tern_delack_timer(struct timer_list *t)
{
	struct tern_sock *tp = timer_container_of(tp, t, delack_timer);

	tern_timer_run((struct sock *)tp, TERN_DELACK_TIMER_DEFERRED,
		       tern_delack_expired);
}

static void tern_keepalive_timer(struct timer_list *t)
{
	struct tern_sock *tp = timer_container_of(tp, t, keepalive_timer);

	tern_timer_run((struct sock *)tp, TERN_KEEPALIVE_TIMER_DEFERRED,
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
		[TERN_DELACK_TIMER_DEFERRED]	= tern_delack_expired,
		[TERN_KEEPALIVE_TIMER_DEFERRED]	= tern_keepalive_timer_handler,
		[TERN_MTU_REDUCED_DEFERRED]	= tern_mtu_reduced,
		[TERN_ICMP_ERROR_DEFERRED]	= tern_icmp_error,
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
 * tern_init_timers() - set up the three timers
 * @sk: a new socket, or a new child (whose copies of its listener's
 *	timers must not be used)
 */
void tern_init_timers(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	timer_setup(&tp->rtx_timer, tern_write_timer, 0);
	timer_setup(&tp->delack_timer, tern_delack_timer, 0);
	timer_setup(&tp->keepalive_timer, tern_keepalive_timer, 0);
	tp->rtx_pending = TERN_RTX_NONE;
}

/**
 * tern_clear_timers() - stop them all
 * @sk: the socket, locked
 *
 * A handler already running finishes on its own reference.
 */
void tern_clear_timers(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	tern_clear_rtx_timer(sk);
	sk_stop_timer(sk, &tp->delack_timer);
	sk_stop_timer(sk, &tp->keepalive_timer);
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
	sk_reset_timer(sk, &tern_sk(sk)->keepalive_timer, jiffies + when);
}

/**
 * tern_stop_keepalive_timer() - stop it
 * @sk: the socket, locked
 */
void tern_stop_keepalive_timer(struct sock *sk)
{
	sk_stop_timer(sk, &tern_sk(sk)->keepalive_timer);
}
