// SPDX-License-Identifier: GPL-2.0
/*
 * Socket options at level IPPROTO_TERN (SOL_TCP's are mapped onto them
 * in tcpopt.c, other levels go to IP, as TCP's do), getsockopt(TERN_INFO),
 * and the queue-size ioctls.
 */
#include <linux/ioctl.h>
#include <linux/termios.h>
#include <linux/sockios.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include <tern.h>

#include "addr.h"
#include "delack.h"
#include "main.h"
#include "output.h"
#include "recv.h"
#include "sock.h"
#include "sockopt.h"
#include "tcpopt.h"
#include "timer.h"

#define TERN_MAX_KEEPALIVE_S	32767

/* The two ends, of either family. */
static void tern_info_ends(const struct sock *sk, struct tern_info *info)
{
	struct tern_addrs a;

	tern_sk_addrs(sk, &a);
	info->family = sk->sk_family;
	info->local_port = inet_sk(sk)->inet_num;
	info->remote_port = ntohs(inet_sk(sk)->inet_dport);
	memcpy(info->local_addr, &a.laddr, sizeof(info->local_addr));
	memcpy(info->remote_addr, &a.raddr, sizeof(info->remote_addr));
}

/**
 * tern_get_info() - a connection's TERN_INFO
 * @sk: the socket, not locked
 * @info: filled in
 */
void tern_get_info(struct sock *sk, struct tern_info *info)
{
	const struct tern_sock *tp = tern_sk(sk);

	memset(info, 0, sizeof(*info));
	lock_sock(sk);
	info->state = inet_sk_state_load(sk);
	info->ca_state = tp->cc.state;
	info->retransmits = tp->retransmits;
	info->backoff = tp->backoff;
	info->iss = tp->iss;
	info->irs = tp->irs;
	info->snd_una = tp->snd_una;
	info->snd_nxt = tp->snd_nxt;
	info->rcv_nxt = tp->rcv_nxt;
	info->snd_wnd = tp->snd_wnd;
	info->rcv_wnd = tp->rcv_wnd;
	info->mss = tp->mss_cache;
	info->rtt_us = tp->rtt.srtt_us;
	info->rttvar_us = tp->rtt.rttvar_us;
	info->rto_us = jiffies_to_usecs(tern_rto_jiffies(sk));
	info->snd_cwnd = tp->cc.cwnd;
	info->snd_ssthresh = tp->cc.ssthresh;
	info->total_retrans = tp->total_retrans;
	info->fast_retrans = tp->fast_retrans;
	info->timeouts = tp->timeouts;
	info->unacked = tp->packets_out;
	info->segs_in = tp->segs_in;
	info->segs_out = tp->segs_out;
	info->bytes_acked = tp->bytes_acked;
	info->bytes_received = tp->bytes_received;
	info->sacked = tp->sacked_out;
	info->lost = tp->lost_out;
	info->reordering = tp->reordering;
	info->ofo_segs = tp->ooo_segs;
	info->dup_segs_in = tp->dup_segs_in;
	info->zero_window_probes = tp->zero_window_probes;
	if (tp->ca_ops)
		strscpy(info->ca_name, tp->ca_ops->name, sizeof(info->ca_name));
	tern_info_ends(sk, info);
	release_sock(sk);
}

static int tern_set_congestion(struct sock *sk, sockptr_t optval,
			       unsigned int optlen)
{
	char name[TERN_CA_NAME_MAX] = "";
	const struct tern_cong_ops *ops;
	struct tern_sock *tp = tern_sk(sk);

	if (!optlen)
		return -EINVAL;
	if (copy_from_sockptr(name, optval, min_t(unsigned int, optlen,
						  sizeof(name) - 1)))
		return -EFAULT;
	ops = tern_cong_find(name);
	if (!ops)
		return -ENOENT;
	lock_sock(sk);
	tp->ca_ops = ops;
	/* Switch now, keeping the window the connection has reached. */
	tp->cc.ops = ops;
	ops->init(&tp->cc);
	release_sock(sk);
	return 0;
}

static int tern_set_int(struct sock *sk, int optname, int val)
{
	struct tern_sock *tp = tern_sk(sk);

	switch (optname) {
	case TERN_NODELAY:
		tp->nodelay = !!val;
		if (val)
			tern_push_pending(sk);
		return 0;
	case TERN_CORK:
		tp->cork = !!val;
		if (!val)
			tern_write_xmit(sk, TERN_NAGLE_PUSH);
		return 0;
	case TERN_KEEPIDLE:
		if (val < 1 || val > TERN_MAX_KEEPALIVE_S)
			return -EINVAL;
		tp->keepalive_time = val * HZ;
		if (sock_flag(sk, SOCK_KEEPOPEN) &&
		    (1 << sk->sk_state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT))
			tern_reset_keepalive_timer(sk, tp->keepalive_time);
		return 0;
	case TERN_KEEPINTVL:
		if (val < 1 || val > TERN_MAX_KEEPALIVE_S)
			return -EINVAL;
		tp->keepalive_intvl = val * HZ;
		return 0;
	case TERN_KEEPCNT:
		if (val < 1 || val > 127)
			return -EINVAL;
		tp->keepalive_probes = val;
		return 0;
	case TERN_MAXSEG:
		if (val && (val < TERN_MIN_MSS || val > U16_MAX))
			return -EINVAL;
		tp->user_mss = val;
		return 0;
	case TERN_SYNCNT:
		if (val < 1 || val > 127)
			return -EINVAL;
		tp->syn_retries = val;
		return 0;
	case TERN_USER_TIMEOUT:
		if (val < 0)
			return -EINVAL;
		WRITE_ONCE(tp->user_timeout, val);
		return 0;
	case TERN_QUICKACK:
		tern_set_quickack(sk, val);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/**
 * tern_set_option() - setsockopt() of a Tern option
 * @sk: the socket
 * @optname: TERN_*
 * @optval: the value
 * @optlen: its length
 *
 * Return: 0 or a negative errno, as TCP's would be.
 */
int tern_set_option(struct sock *sk, int optname, sockptr_t optval,
		    unsigned int optlen)
{
	int val, err;

	if (optname == TERN_CONGESTION)
		return tern_set_congestion(sk, optval, optlen);
	err = tern_set_opt_int(optval, optlen, &val);
	if (err)
		return err;
	lock_sock(sk);
	err = tern_set_int(sk, optname, val);
	release_sock(sk);
	return err;
}

/**
 * tern_setsockopt() - setsockopt() at any level but SOL_SOCKET
 * @sk: the socket
 * @level: IPPROTO_TERN (the registered number), SOL_TCP or an IP level
 * @optname: TERN_*, TCP_* or IP_*
 * @optval: the value
 * @optlen: its length
 *
 * Return: 0 or a negative errno, as TCP's would be.
 */
int tern_setsockopt(struct sock *sk, int level, int optname, sockptr_t optval,
		    unsigned int optlen)
{
	if (level == SOL_TCP)
		return tern_tcp_setsockopt(sk, optname, optval, optlen);
	if (level == SOL_IPV6 && sk->sk_family == AF_INET6)
		return ipv6_setsockopt(sk, level, optname, optval, optlen);
	if (level != tern_ipproto)
		return ip_setsockopt(sk, level, optname, optval, optlen);
	return tern_set_option(sk, optname, optval, optlen);
}

static int tern_get_int(struct sock *sk, int optname, int *val)
{
	const struct tern_sock *tp = tern_sk(sk);

	switch (optname) {
	case TERN_NODELAY:
		*val = tp->nodelay;
		return 0;
	case TERN_CORK:
		*val = tp->cork;
		return 0;
	case TERN_KEEPIDLE:
		*val = tp->keepalive_time / HZ;
		return 0;
	case TERN_KEEPINTVL:
		*val = tp->keepalive_intvl / HZ;
		return 0;
	case TERN_KEEPCNT:
		*val = tp->keepalive_probes;
		return 0;
	case TERN_MAXSEG:
		*val = (1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN) ?
		       tp->user_mss : tp->mss_cache;
		return 0;
	case TERN_SYNCNT:
		*val = tp->syn_retries;
		return 0;
	case TERN_QUICKACK:
		*val = !tp->pingpong;
		return 0;
	case TERN_USER_TIMEOUT:
		*val = READ_ONCE(tp->user_timeout);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/**
 * tern_set_opt_int() - setsockopt()'s value, an int
 * @optval: where the caller put it
 * @optlen: its length
 * @val: the value
 *
 * Return: 0, -EINVAL (too short) or -EFAULT.
 */
int tern_set_opt_int(sockptr_t optval, unsigned int optlen, int *val)
{
	if (optlen < sizeof(int))
		return -EINVAL;
	return copy_from_sockptr(val, optval, sizeof(*val)) ? -EFAULT : 0;
}

/**
 * tern_get_opt_len() - the room getsockopt()'s caller gave
 * @optlen: where the caller said it
 * @len: the room, not negative
 *
 * Return: 0, -EFAULT or -EINVAL.
 */
int tern_get_opt_len(int __user *optlen, int *len)
{
	if (get_user(*len, optlen))
		return -EFAULT;
	return *len < 0 ? -EINVAL : 0;
}

/**
 * tern_put_opt() - getsockopt()'s answer
 * @optval: where it goes
 * @optlen: where its length goes
 * @val: the value
 * @len: its length, already no more than the room the caller gave
 *
 * Return: 0 or -EFAULT.
 */
int tern_put_opt(char __user *optval, int __user *optlen, const void *val,
		 int len)
{
	if (put_user(len, optlen) || copy_to_user(optval, val, len))
		return -EFAULT;
	return 0;
}

/**
 * tern_get_option() - getsockopt() of a Tern option
 * @sk: the socket
 * @optname: TERN_*
 * @optval: where the value goes
 * @optlen: in: room at @optval; out: bytes written
 *
 * Return: 0 or a negative errno.
 */
int tern_get_option(struct sock *sk, int optname, char __user *optval,
		    int __user *optlen)
{
	const struct tern_sock *tp = tern_sk(sk);
	struct tern_info info;
	int len, val, err;

	err = tern_get_opt_len(optlen, &len);
	if (err)
		return err;

	switch (optname) {
	case TERN_INFO:
		tern_get_info(sk, &info);
		return tern_put_opt(optval, optlen, &info,
				    min_t(int, len, sizeof(info)));
	case TERN_CONGESTION:
		len = min_t(int, len, TERN_CA_NAME_MAX);
		return tern_put_opt(optval, optlen, tp->ca_ops->name,
				    min_t(int, len, strlen(tp->ca_ops->name) + 1));
	}
	err = tern_get_int(sk, optname, &val);
	if (err)
		return err;
	return tern_put_opt(optval, optlen, &val, min_t(int, len, sizeof(val)));
}

/**
 * tern_getsockopt() - getsockopt() at any level but SOL_SOCKET
 * @sk: the socket
 * @level: IPPROTO_TERN (the registered number), SOL_TCP or an IP level
 * @optname: TERN_*, TCP_* or IP_*
 * @optval: where the value goes
 * @optlen: in: room at @optval; out: bytes written
 *
 * Return: 0 or a negative errno.
 */
int tern_getsockopt(struct sock *sk, int level, int optname,
		    char __user *optval, int __user *optlen)
{
	if (level == SOL_TCP)
		return tern_tcp_getsockopt(sk, optname, optval, optlen);
	if (level == SOL_IPV6 && sk->sk_family == AF_INET6)
		return ipv6_getsockopt(sk, level, optname, optval, optlen);
	if (level != tern_ipproto)
		return ip_getsockopt(sk, level, optname, optval, optlen);
	return tern_get_option(sk, optname, optval, optlen);
}

static int tern_ioctl_value(struct sock *sk, int cmd, int *answ)
{
	const struct tern_sock *tp = tern_sk(sk);
	bool listening = sk->sk_state == TCP_LISTEN;
	/* During the handshake the SYN is all that is queued: not data. */
	bool opening = (1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV);

	switch (cmd) {
	case SIOCINQ:
		if (listening)
			return -EINVAL;
		*answ = tern_inq(sk);
		return 0;
	case SIOCOUTQ:
		if (listening)
			return -EINVAL;
		*answ = opening ? 0 : READ_ONCE(tp->write_seq) - READ_ONCE(tp->snd_una);
		return 0;
	case SIOCOUTQNSD:
		if (listening)
			return -EINVAL;
		*answ = opening ? 0 : READ_ONCE(tp->write_seq) - READ_ONCE(tp->snd_nxt);
		return 0;
	default:
		return -ENOIOCTLCMD;
	}
}

#ifdef TERN_HAVE_IOCTL_KARG
/**
 * tern_ioctl() - SIOCINQ, SIOCOUTQ, SIOCOUTQNSD
 * @sk: the socket
 * @cmd: the request
 * @karg: the answer
 *
 * Return: 0 or a negative errno.
 */
int tern_ioctl(struct sock *sk, int cmd, int *karg)
{
	return tern_ioctl_value(sk, cmd, karg);
}
#else
/**
 * tern_ioctl() - SIOCINQ, SIOCOUTQ, SIOCOUTQNSD
 * @sk: the socket
 * @cmd: the request
 * @arg: user pointer for the answer
 *
 * Return: 0 or a negative errno.
 */
int tern_ioctl(struct sock *sk, int cmd, unsigned long arg)
{
	int answ, err = tern_ioctl_value(sk, cmd, &answ);

	return err ? : put_user(answ, (int __user *)arg);
}
#endif
