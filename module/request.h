/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The passive open's half-open connections: a request entry per SYN a
 * listener answered, until the handshake's ACK makes it a full socket.
 */
#ifndef _TERN_REQUEST_H
#define _TERN_REQUEST_H

#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/timer.h>
#include <net/sock.h>

/**
 * struct tern_request - a half-open connection (SYN_RECV), not a socket
 * @common: its keys (addresses, ports, namespace), its place in the
 *	established table, state TCP_NEW_SYN_RECV and its reference count
 * @listener: the listener it came to, referenced
 * @listen_node: link in the listener's tern_sock.requests
 * @timer: retransmits the SYN+ACK with exponential backoff
 * @rcu: the listener is let go a grace period after the last put
 * @iss: our initial sequence number
 * @irs: the peer's initial sequence number
 * @snd_wnd: the window the peer's SYN advertised
 * @rcv_wnd: the window our SYN+ACK advertised
 * @peer_mss: the peer's MSS option, or the default without one
 * @last_oow_ack: when the last answer to an unwanted segment (an
 *	unacceptable one, the SYN again) went, jiffies
 * @retransmits: SYN+ACK retransmissions so far
 * @sack_ok: both sides do SACK
 * @cookie: rebuilt from a SYN cookie: in no table, on no list, no timer
 * @acked: the peer's ACK came while the listener deferred accept()
 *	(TCP_DEFER_ACCEPT); it waits for the peer's data
 *
 * References: one for the table (dropped by whoever takes it out), one
 * for a pending timer, one per lookup.
 */
struct tern_request {
	struct sock_common common;
	struct sock *listener;
	struct list_head listen_node;
	struct timer_list timer;
	struct rcu_head rcu;
	u32 iss;
	u32 irs;
	u32 snd_wnd;
	u32 rcv_wnd;
	u32 last_oow_ack;
	u16 peer_mss;
	u8 retransmits;
	bool sack_ok;
	bool cookie;
	bool acked;
};

static inline struct tern_request *tern_req(const struct sock *sk)
{
	return (struct tern_request *)sk;
}

static inline struct sock *tern_req_sk(struct tern_request *req)
{
	return (struct sock *)req;
}

int tern_request_init(void);
void tern_request_exit(void);

void tern_req_put(struct tern_request *req);
void tern_req_rcv(struct tern_request *req, struct sk_buff *skb);
void tern_req_new(struct sock *listener, struct sk_buff *skb);
void tern_req_resend_synack(struct tern_request *req);
void tern_req_send_ack(struct tern_request *req, struct sk_buff *skb);
void tern_req_create_child(struct tern_request *req, struct sk_buff *skb);
bool tern_req_cookie_ok(struct sock *listener, const struct sk_buff *skb);
void tern_req_cookie_child(struct sock *listener, struct sk_buff *skb);
void tern_req_remove(struct tern_request *req);
void tern_req_drop_all(struct sock *listener);

#endif /* _TERN_REQUEST_H */
