// SPDX-License-Identifier: GPL-2.0
/*
 * Socket options at level SOL_TCP, as MPTCP accepts them: programs written
 * for TCP (and run over Tern by ternize) set them without knowing. Each
 * one with a Tern counterpart is that option; TCP_INFO is filled from
 * TERN_INFO; TCP_DEFER_ACCEPT is a listener's, as TCP keeps it;
 * TCP_FASTOPEN is accepted and does nothing (Tern has no fast open: a
 * listener that offers it behaves as one that does not). Every other
 * option fails with EOPNOTSUPP, MPTCP's answer.
 */
#include <linux/tcp.h>

#include <tern.h>

#include "sock.h"
#include "sockopt.h"
#include "tcpopt.h"

/* TCP's option numbers, and the Tern options they are. */
static const u8 tern_tcp_options[] = {
	[TCP_NODELAY]		= TERN_NODELAY,
	[TCP_MAXSEG]		= TERN_MAXSEG,
	[TCP_CORK]		= TERN_CORK,
	[TCP_KEEPIDLE]		= TERN_KEEPIDLE,
	[TCP_KEEPINTVL]		= TERN_KEEPINTVL,
	[TCP_KEEPCNT]		= TERN_KEEPCNT,
	[TCP_SYNCNT]		= TERN_SYNCNT,
	[TCP_INFO]		= TERN_INFO,
	[TCP_QUICKACK]		= TERN_QUICKACK,
	[TCP_CONGESTION]	= TERN_CONGESTION,
	[TCP_USER_TIMEOUT]	= TERN_USER_TIMEOUT,
};

/* The Tern option for TCP's @optname, 0 if none. */
static int tern_tcp_option(int optname)
{
	if (optname < 0 || optname >= ARRAY_SIZE(tern_tcp_options))
		return 0;
	return tern_tcp_options[optname];
}

/* TCP_DEFER_ACCEPT counts SYN+ACK timeouts, as TCP's: the fewest whose
 * backoff (from 1 s, doubling up to 120 s) covers @seconds.
 */
static u8 tern_defer_secs_to_timeouts(int seconds)
{
	int timeout = 1, period = 1;
	u8 n = 1;

	if (seconds <= 0)
		return 0;
	while (seconds > period && n < U8_MAX) {
		n++;
		timeout = min(timeout * 2, 120);
		period += timeout;
	}
	return n;
}

/* And back: the seconds @n timeouts last, which getsockopt() reports. */
static int tern_defer_timeouts_to_secs(u8 n)
{
	int timeout = 1, period = n ? 1 : 0;

	while (n-- > 1) {
		timeout = min(timeout * 2, 120);
		period += timeout;
	}
	return period;
}

static int tern_tcp_set_defer_accept(struct sock *sk, sockptr_t optval,
				     unsigned int optlen)
{
	int val, err = tern_set_opt_int(optval, optlen, &val);

	if (!err)
		WRITE_ONCE(tern_sk(sk)->defer_accept, tern_defer_secs_to_timeouts(val));
	return err;
}

/* TCP_FASTOPEN takes a queue length, on a closed or listening socket. */
static int tern_tcp_set_fastopen(struct sock *sk, sockptr_t optval,
				 unsigned int optlen)
{
	int val, err = tern_set_opt_int(optval, optlen, &val);

	if (err)
		return err;
	if (val < 0 || !((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)))
		return -EINVAL;
	return 0;
}

/**
 * tern_tcp_setsockopt() - setsockopt() at level SOL_TCP
 * @sk: the socket
 * @optname: TCP_*
 * @optval: the value
 * @optlen: its length
 *
 * Return: 0 or a negative errno: the Tern option's, or EOPNOTSUPP.
 */
int tern_tcp_setsockopt(struct sock *sk, int optname, sockptr_t optval,
			unsigned int optlen)
{
	int name = tern_tcp_option(optname);

	if (optname == TCP_FASTOPEN)
		return tern_tcp_set_fastopen(sk, optval, optlen);
	if (optname == TCP_DEFER_ACCEPT)
		return tern_tcp_set_defer_accept(sk, optval, optlen);
	if (!name || name == TERN_INFO)
		return -EOPNOTSUPP;
	return tern_set_option(sk, name, optval, optlen);
}

/* Tern's loss phases in TCP's names. */
static u8 tern_tcp_ca_state(u8 ca_state)
{
	static const u8 names[] = { TCP_CA_Open, TCP_CA_Recovery, TCP_CA_Loss };

	return ca_state < ARRAY_SIZE(names) ? names[ca_state] : TCP_CA_Open;
}

/* What TERN_INFO does not say, read without the lock as TCP reads it. */
static void tern_tcp_info_extra(struct sock *sk, struct tcp_info *ti)
{
	const struct tern_sock *tp = tern_sk(sk);
	u32 now = tern_jiffies32;

	ti->tcpi_probes = READ_ONCE(tp->probes_out);
	ti->tcpi_options = tp->sack_ok ? TCPI_OPT_SACK : 0;
	ti->tcpi_rcv_mss = READ_ONCE(tp->rcv_mss);
	ti->tcpi_retrans = READ_ONCE(tp->retrans_out);
	ti->tcpi_last_data_sent = jiffies_to_msecs(now - READ_ONCE(tp->lsndtime));
	ti->tcpi_last_data_recv = jiffies_to_msecs(now - READ_ONCE(tp->rcv_tstamp));
	ti->tcpi_last_ack_recv = ti->tcpi_last_data_recv;
	ti->tcpi_pmtu = READ_ONCE(inet_csk(sk)->icsk_pmtu_cookie);
	ti->tcpi_notsent_bytes = max_t(s32, 0, READ_ONCE(tp->write_seq) -
					       READ_ONCE(tp->snd_nxt));
	ti->tcpi_pacing_rate = ~0ULL;
	ti->tcpi_max_pacing_rate = ~0ULL;
}

/* struct tcp_info from TERN_INFO: the same figures under TCP's names. */
static void tern_tcp_info(struct sock *sk, struct tcp_info *ti)
{
	struct tern_info info;

	tern_get_info(sk, &info);
	memset(ti, 0, sizeof(*ti));
	ti->tcpi_state = info.state;
	ti->tcpi_ca_state = tern_tcp_ca_state(info.ca_state);
	ti->tcpi_retransmits = info.retransmits;
	ti->tcpi_backoff = info.backoff;
	ti->tcpi_rto = info.rto_us;
	ti->tcpi_snd_mss = info.mss;
	ti->tcpi_advmss = info.mss;
	ti->tcpi_unacked = info.unacked;
	ti->tcpi_sacked = info.sacked;
	ti->tcpi_lost = info.lost;
	ti->tcpi_rtt = info.rtt_us;
	ti->tcpi_rttvar = info.rttvar_us;
	ti->tcpi_snd_ssthresh = info.snd_ssthresh;
	ti->tcpi_snd_cwnd = info.snd_cwnd;
	ti->tcpi_reordering = info.reordering;
	ti->tcpi_rcv_ssthresh = info.rcv_wnd;
	ti->tcpi_total_retrans = info.total_retrans;
	ti->tcpi_bytes_acked = info.bytes_acked;
	ti->tcpi_bytes_received = info.bytes_received;
	ti->tcpi_segs_out = info.segs_out;
	ti->tcpi_segs_in = info.segs_in;
	ti->tcpi_rcv_ooopack = info.ofo_segs;
	ti->tcpi_snd_wnd = info.snd_wnd;
	tern_tcp_info_extra(sk, ti);
}

/**
 * tern_tcp_getsockopt() - getsockopt() at level SOL_TCP
 * @sk: the socket
 * @optname: TCP_*
 * @optval: where the value goes
 * @optlen: in: room at @optval; out: bytes written
 *
 * Return: 0 or a negative errno: the Tern option's, or EOPNOTSUPP.
 */
int tern_tcp_getsockopt(struct sock *sk, int optname, char __user *optval,
			int __user *optlen)
{
	int name = tern_tcp_option(optname), len, val = 0, err;
	struct tcp_info ti;

	if (optname != TCP_INFO && optname != TCP_FASTOPEN &&
	    optname != TCP_DEFER_ACCEPT)
		return name ? tern_get_option(sk, name, optval, optlen) :
			      -EOPNOTSUPP;
	err = tern_get_opt_len(optlen, &len);
	if (err)
		return err;
	if (optname == TCP_DEFER_ACCEPT)
		val = tern_defer_timeouts_to_secs(READ_ONCE(tern_sk(sk)->defer_accept));
	if (optname != TCP_INFO)
		return tern_put_opt(optval, optlen, &val, min_t(int, len, sizeof(val)));
	tern_tcp_info(sk, &ti);
	return tern_put_opt(optval, optlen, &ti, min_t(int, len, sizeof(ti)));
}
