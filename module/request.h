/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The passive open: listeners, request sockets (SYN_RECV) and the child
 * sockets accept() returns.
 */
#ifndef _TERN_REQUEST_H
#define _TERN_REQUEST_H

#include <net/inet_sock.h>
#include <net/request_sock.h>

/**
 * struct tern_request_sock - a half-open connection, until the final ACK
 * @req: the inet part: addresses, ports, hash links, SYN+ACK timer
 * @iss: our initial sequence number
 * @irs: the peer's initial sequence number
 * @snd_wnd: the window the peer's SYN advertised
 * @peer_mss: the peer's MSS option, 0 if none
 * @sack_ok: both sides do SACK
 */
struct tern_request_sock {
	struct inet_request_sock req;
	u32 iss;
	u32 irs;
	u32 snd_wnd;
	u16 peer_mss;
	bool sack_ok;
};

static inline struct tern_request_sock *tern_rsk(const struct request_sock *req)
{
	return (struct tern_request_sock *)req;
}

extern struct request_sock_ops tern_request_sock_ops;

void tern_listen_rcv(struct sock *sk, struct sk_buff *skb);
void tern_req_rcv(struct request_sock *req, struct sk_buff *skb);

#endif /* _TERN_REQUEST_H */
