// SPDX-License-Identifier: GPL-2.0
/*
 * TCP_INFO as the kernel defines it (<linux/tcp.h>, not glibc's copy).
 */
#include <errno.h>
#include <linux/tcp.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "tcp_info.h"

int tcp_info_read(int fd, struct tcp_info_view *v)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0xee, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len))
		return -errno;
	if (len < offsetof(struct tcp_info, tcpi_snd_wnd) + sizeof(ti.tcpi_snd_wnd))
		return -EMSGSIZE;
	*v = (struct tcp_info_view) {
		.state = ti.tcpi_state, .ca_state = ti.tcpi_ca_state,
		.options = ti.tcpi_options, .rto = ti.tcpi_rto,
		.snd_mss = ti.tcpi_snd_mss, .unacked = ti.tcpi_unacked,
		.rtt = ti.tcpi_rtt, .rttvar = ti.tcpi_rttvar,
		.snd_ssthresh = ti.tcpi_snd_ssthresh,
		.snd_cwnd = ti.tcpi_snd_cwnd,
		.total_retrans = ti.tcpi_total_retrans, .pmtu = ti.tcpi_pmtu,
		.segs_out = ti.tcpi_segs_out, .segs_in = ti.tcpi_segs_in,
		.snd_wnd = ti.tcpi_snd_wnd, .bytes_acked = ti.tcpi_bytes_acked,
		.bytes_received = ti.tcpi_bytes_received,
		.reordering = ti.tcpi_reordering,
		.reord_seen = ti.tcpi_reord_seen,
		.dsack_dups = ti.tcpi_dsack_dups,
	};
	return 0;
}
