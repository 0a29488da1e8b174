/* SPDX-License-Identifier: GPL-2.0 */
/*
 * getsockopt(TCP_INFO) with the kernel's struct tcp_info (glibc's
 * <netinet/tcp.h> stops before its newer fields), the fields tests read.
 */
#ifndef _TERN_TCP_INFO_H
#define _TERN_TCP_INFO_H

#include <stdint.h>

struct tcp_info_view {
	uint8_t state, ca_state, options;
	uint32_t rto, snd_mss, unacked, rtt, rttvar, snd_ssthresh, snd_cwnd;
	uint32_t total_retrans, pmtu, segs_out, segs_in, snd_wnd;
	uint32_t reordering, reord_seen, dsack_dups;
	uint64_t bytes_acked, bytes_received;
};

/* 0, or -errno; -EMSGSIZE when the kernel's answer is shorter. */
int tcp_info_read(int fd, struct tcp_info_view *v);

#endif /* _TERN_TCP_INFO_H */
