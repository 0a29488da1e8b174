// SPDX-License-Identifier: GPL-2.0
/*
 * Tail loss probe (RFC 8985 section 7). Loss detection needs something
 * sent after the lost segment to be delivered; when the last segments of
 * a burst are lost, nothing is, and only the retransmission timeout
 * (at least 200 ms) would repair them. Instead, two round trips after the
 * last transmission, one segment goes as a probe: new data if the peer's
 * window takes it, else the last segment again. Its acknowledgment, or
 * the SACK it draws, lets the ACK path repair the tail in round trips.
 *
 * The probe shares rtx_timer (TERN_RTX_TLP) with the retransmission
 * timeout it stands in for; after it the retransmission timeout is armed.
 * When the ACKs show the probe repaired a loss, the congestion window is
 * cut once, as for any loss (7.4).
 */
#include <kunit/visibility.h>

#include "congestion.h"
#include "netns.h"
#include "offload.h"
#include "output.h"
#include "queue.h"
#include "seq.h"
#include "sock.h"
#include "timer.h"
#include "tlp.h"

/* Where a probe may go: connected, our handshake done. */
#define TERN_TLP_STATES	(TCPF_ESTABLISHED | TCPF_CLOSE_WAIT | TCPF_FIN_WAIT1 | \
			 TCPF_CLOSING | TCPF_LAST_ACK)

/**
 * tern_tlp_timeout_us() - the probe timeout (RFC 8985 7.2)
 * @srtt_us: the smoothed round-trip time, 0 before the first sample
 * @packets_out: segments in flight
 * @rto_us: the retransmission timeout that would be armed now
 * @tick_us: the timer's granularity
 *
 * Return: two round trips, plus the worst-case delayed ACK for a lone
 * segment (the peer may hold its ACK) or two ticks otherwise, and at
 * least TERN_TLP_MIN_US; one second before any RTT sample; never later
 * than the retransmission timeout.
 */
u32 tern_tlp_timeout_us(u32 srtt_us, u32 packets_out, u32 rto_us, u32 tick_us)
{
	u64 pto = TERN_TLP_NO_RTT_US;

	if (srtt_us)
		pto = 2ULL * srtt_us +
		      (packets_out == 1 ? TERN_TLP_DELACK_US : 2ULL * tick_us);
	pto = max_t(u64, pto, TERN_TLP_MIN_US);
	return min_t(u64, pto, rto_us);
}
EXPORT_SYMBOL_IF_KUNIT(tern_tlp_timeout_us);

/**
 * tern_tlp_judge() - what an acknowledgment says about the probe
 * @high_seq: snd_nxt when the probe went
 * @retransmitted: the probe sent the last segment again
 * @ack: the acknowledgment number
 * @probe_dsacked: the ACK's D-SACK reports the probe as a duplicate
 * @pure_dupack: the ACK acknowledges nothing new, SACKs nothing new and
 *	carries no data or window change
 *
 * A probe of new data, or one the peer reports twice received, repaired
 * nothing. An ACK beyond the probe, with no such report before it, means
 * the original was lost. Until one of these comes, the probe stays
 * outstanding (the D-SACK may still come).
 *
 * Return: enum tern_tlp_verdict.
 */
enum tern_tlp_verdict tern_tlp_judge(u32 high_seq, bool retransmitted,
				     u32 ack, bool probe_dsacked,
				     bool pure_dupack)
{
	if (tern_seq_before(ack, high_seq))
		return TERN_TLP_WAIT;
	if (!retransmitted || probe_dsacked)
		return TERN_TLP_NO_LOSS;
	if (tern_seq_after(ack, high_seq))
		return TERN_TLP_LOSS;
	return pure_dupack ? TERN_TLP_NO_LOSS : TERN_TLP_WAIT;
}
EXPORT_SYMBOL_IF_KUNIT(tern_tlp_judge);

/**
 * tern_tlp_timeout() - when to probe, if a probe is due
 * @sk: the socket, locked
 *
 * RFC 8985 7.2: with data in flight, SACK agreed, no loss being repaired
 * and no probe outstanding.
 *
 * Return: jiffies from now, or 0 when no probe is to be scheduled.
 */
unsigned long tern_tlp_timeout(const struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);
	unsigned long rto;
	u32 us;

	if (!READ_ONCE(tern_sysctl(sock_net(sk))->tlp) || !tp->sack_ok ||
	    tp->tlp_out || !tp->packets_out || tp->cc.state != TERN_CA_OPEN ||
	    !((1 << sk->sk_state) & TERN_TLP_STATES))
		return 0;
	rto = tern_rto_jiffies(sk);
	us = tern_tlp_timeout_us(tp->rtt.srtt_us, tp->packets_out,
				 jiffies_to_usecs(rto), jiffies_to_usecs(1));
	return clamp(usecs_to_jiffies(us), 1UL, rto);
}

/* Send the last segment again, cut from its skb if need be (7.3). */
static bool tern_tlp_retransmit_tail(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *skb = skb_peek_tail(&tp->rtx_queue);
	u32 mss, last;

	/* The peer holds the tail: whatever is missing, RACK will see. */
	if (!skb || (TERN_SKB_CB(skb)->sacked & TERN_SKB_SACKED))
		return false;
	mss = tern_skb_mss(skb) ? : tp->mss_cache;
	if (skb->len > mss) {
		last = skb->len % mss ? : mss;
		if (tern_fragment(sk, &tp->rtx_queue, skb, skb->len - last,
				  GFP_ATOMIC))
			return false;
		skb = skb_peek_tail(&tp->rtx_queue);
	}
	return !tern_retransmit_skb(sk, skb, false);
}

/**
 * tern_tlp_send() - the probe timer fired: send the probe (RFC 8985 7.3)
 * @sk: the socket, locked
 *
 * Whether or not a probe could go, the retransmission timeout follows.
 */
void tern_tlp_send(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	if (!tp->packets_out)
		return;
	/* Set first: sending must not schedule another probe. */
	tp->tlp_out = 1;
	tp->tlp_retrans = 0;
	if (!tern_write_one(sk)) {
		tp->tlp_retrans = 1;
		if (!tern_tlp_retransmit_tail(sk))
			tp->tlp_out = 0;
	}
	if (tp->tlp_out) {
		tp->tlp_high_seq = tp->snd_nxt;
		tern_stat_inc(sock_net(sk), TERN_STAT_LOSS_PROBES);
	}
	tern_arm_rto(sk);
}

/**
 * tern_tlp_ack() - an acknowledgment arrived while a probe is outstanding
 * @sk: the socket, locked
 * @ack: its acknowledgment number
 * @dsack: the duplicate range it reports, or NULL
 * @pure_dupack: it acknowledges and SACKs nothing new
 *
 * A loss the probe repaired cuts the congestion window once (7.4).
 */
void tern_tlp_ack(struct sock *sk, u32 ack, const struct tern_sack_block *dsack,
		  bool pure_dupack)
{
	struct tern_sock *tp = tern_sk(sk);
	bool probe_dsacked;

	if (!tp->tlp_out)
		return;
	/* The probe was the last segment: its duplicate ends where it did. */
	probe_dsacked = dsack && dsack->end == tp->tlp_high_seq;
	switch (tern_tlp_judge(tp->tlp_high_seq, tp->tlp_retrans, ack,
			       probe_dsacked, pure_dupack)) {
	case TERN_TLP_WAIT:
		return;
	case TERN_TLP_LOSS:
		tern_cc_cut_repaired(&tp->cc);
		tern_stat_inc(sock_net(sk), TERN_STAT_LOSS_PROBE_RECOVERIES);
		fallthrough;
	case TERN_TLP_NO_LOSS:
		tp->tlp_out = 0;
	}
}

/**
 * tern_tlp_forget() - recovery or a timeout takes over the loss episode
 * @sk: the socket, locked
 */
void tern_tlp_forget(struct sock *sk)
{
	tern_sk(sk)->tlp_out = 0;
}
