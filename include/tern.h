/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Tern: a reliable, connection-oriented transport on its own IP protocol.
 * The user-space API: protocol number, socket options and TERN_INFO.
 *
 *	fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TERN);
 *
 * The sockets then behave as TCP sockets do (bind, listen, accept,
 * connect, send, recv, poll, shutdown, close).
 */
#ifndef _UAPI_LINUX_TERN_H
#define _UAPI_LINUX_TERN_H

#include <linux/types.h>

/* RFC 3692 experimental number; the module's "protocol" parameter may
 * pick another one.
 */
#define IPPROTO_TERN		253

/* Socket options, at level IPPROTO_TERN. */
#define TERN_NODELAY		1	/* int: disable Nagle's algorithm */
#define TERN_CORK		2	/* int: send only full segments */
#define TERN_INFO		3	/* struct tern_info, read only */
#define TERN_CONGESTION		4	/* char[TERN_CA_NAME_MAX] */
#define TERN_KEEPIDLE		5	/* int: seconds idle before probes */
#define TERN_KEEPINTVL		6	/* int: seconds between probes */
#define TERN_KEEPCNT		7	/* int: unanswered probes to give up */
#define TERN_MAXSEG		8	/* int: clamp on the segment size */
#define TERN_SYNCNT		9	/* int: SYN retransmissions to try */
#define TERN_QUICKACK		10	/* int: acknowledge every segment now */
#define TERN_USER_TIMEOUT	11	/* int: ms data may stay unacknowledged */

#define TERN_CA_NAME_MAX	16

/* Connection states, as tern_info.state reports them (the kernel's TCP
 * state numbers, so that the inet socket layer understands them too).
 */
enum tern_state {
	TERN_ESTABLISHED = 1,
	TERN_SYN_SENT,
	TERN_SYN_RECV,
	TERN_FIN_WAIT1,
	TERN_FIN_WAIT2,
	TERN_TIME_WAIT,
	TERN_CLOSE,
	TERN_CLOSE_WAIT,
	TERN_LAST_ACK,
	TERN_LISTEN,
	TERN_CLOSING,
};

/**
 * struct tern_info - a connection's state, as getsockopt(TERN_INFO) sees it
 * @state: enum tern_state
 * @ca_state: congestion control phase (0 open, 1 recovery, 2 loss)
 * @retransmits: consecutive retransmission timeouts of the oldest segment
 * @backoff: exponential backoff shift of the retransmission timer
 * @iss: our initial sequence number
 * @irs: the peer's initial sequence number
 * @snd_una: oldest unacknowledged sequence number
 * @snd_nxt: next sequence number to send
 * @rcv_nxt: next sequence number expected from the peer
 * @snd_wnd: the peer's advertised receive window, bytes
 * @rcv_wnd: our advertised receive window, bytes
 * @mss: current send segment size, bytes
 * @rtt_us: smoothed round-trip time, microseconds
 * @rttvar_us: round-trip time variance, microseconds
 * @rto_us: retransmission timeout, microseconds
 * @snd_cwnd: congestion window, segments
 * @snd_ssthresh: slow start threshold, segments
 * @total_retrans: segments retransmitted over the connection's life
 * @fast_retrans: of those, sent by fast retransmit or SACK recovery
 * @timeouts: retransmission timer expiries
 * @unacked: segments sent and not yet acknowledged
 * @segs_in: segments received
 * @segs_out: segments sent
 * @bytes_acked: payload bytes the peer acknowledged
 * @bytes_received: payload bytes received in order
 * @sacked: of those, selectively acknowledged
 * @lost: of those, marked lost
 * @reordering: reordering degree seen, segments
 * @ofo_segs: segments waiting in the out-of-order queue
 * @dup_segs_in: duplicate segments received and dropped
 * @zero_window_probes: window probes sent
 * @ca_name: congestion control algorithm in use
 * @family: the socket's address family, AF_INET or AF_INET6
 * @local_port: our port, host order
 * @remote_port: the peer's port, host order
 * @local_addr: our address, network order: IPv6, or IPv4 in its
 *	v4-mapped form (::ffff:a.b.c.d), whatever the socket's family
 * @remote_addr: the peer's address, the same way
 */
struct tern_info {
	__u8	state;
	__u8	ca_state;
	__u8	retransmits;
	__u8	backoff;
	__u32	iss;
	__u32	irs;
	__u32	snd_una;
	__u32	snd_nxt;
	__u32	rcv_nxt;
	__u32	snd_wnd;
	__u32	rcv_wnd;
	__u32	mss;
	__u32	rtt_us;
	__u32	rttvar_us;
	__u32	rto_us;
	__u32	snd_cwnd;
	__u32	snd_ssthresh;
	__u32	total_retrans;
	__u32	fast_retrans;
	__u32	timeouts;
	__u32	unacked;
	__u64	segs_in;
	__u64	segs_out;
	__u64	bytes_acked;
	__u64	bytes_received;
	__u32	sacked;
	__u32	lost;
	__u32	reordering;
	__u32	ofo_segs;
	__u32	dup_segs_in;
	__u32	zero_window_probes;
	char	ca_name[TERN_CA_NAME_MAX];
	__u16	family;
	__u16	local_port;
	__u16	remote_port;
	__u16	pad;
	__u8	local_addr[16];
	__u8	remote_addr[16];
};

#endif /* _UAPI_LINUX_TERN_H */
