/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints: events/tern/ in tracefs.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM tern

#if !defined(_TERN_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TERN_TRACE_H

#include <linux/tracepoint.h>
#include <net/inet_sock.h>

#include "addr.h"
#include "statetable.h"
#include "wire.h"

DECLARE_EVENT_CLASS(tern_sock_class,
	TP_PROTO(const struct sock *sk),
	TP_ARGS(sk),
	TP_STRUCT__entry(
		__field(const void *, skaddr)
		__array(__u8, saddr, sizeof(struct sockaddr_in6))
		__array(__u8, daddr, sizeof(struct sockaddr_in6))
	),
	TP_fast_assign(
		__entry->skaddr = sk;
		tern_sk_sockaddrs(sk, __entry->saddr, __entry->daddr);
	),
	TP_printk("sk=%p %pISpc -> %pISpc", __entry->skaddr, __entry->saddr,
		  __entry->daddr)
);

TRACE_EVENT(tern_state_change,
	TP_PROTO(const struct sock *sk, int oldstate, int newstate),
	TP_ARGS(sk, oldstate, newstate),
	TP_STRUCT__entry(
		__field(const void *, skaddr)
		__array(__u8, saddr, sizeof(struct sockaddr_in6))
		__array(__u8, daddr, sizeof(struct sockaddr_in6))
		__field(int, oldstate)
		__field(int, newstate)
	),
	TP_fast_assign(
		__entry->skaddr = sk;
		tern_sk_sockaddrs(sk, __entry->saddr, __entry->daddr);
		__entry->oldstate = oldstate;
		__entry->newstate = newstate;
	),
	TP_printk("sk=%p %pISpc -> %pISpc %s -> %s", __entry->skaddr,
		  __entry->saddr, __entry->daddr, tern_state_name(__entry->oldstate),
		  tern_state_name(__entry->newstate))
);

TRACE_EVENT(tern_retransmit,
	TP_PROTO(const struct sock *sk, u32 seq, u32 len, u8 flags, bool timeout),
	TP_ARGS(sk, seq, len, flags, timeout),
	TP_STRUCT__entry(
		__field(const void *, skaddr)
		__field(u16, sport)
		__field(u16, dport)
		__field(u32, seq)
		__field(u32, len)
		__field(u8, flags)
		__field(bool, timeout)
	),
	TP_fast_assign(
		const struct inet_sock *inet = inet_sk(sk);

		__entry->skaddr = sk;
		__entry->sport = ntohs(inet->inet_sport);
		__entry->dport = ntohs(inet->inet_dport);
		__entry->seq = seq;
		__entry->len = len;
		__entry->flags = flags;
		__entry->timeout = timeout;
	),
	TP_printk("sk=%p %u -> %u seq=%u len=%u flags=0x%02x by=%s",
		  __entry->skaddr, __entry->sport, __entry->dport, __entry->seq,
		  __entry->len, __entry->flags,
		  __entry->timeout ? "timeout" : "fast")
);

/* Every segment handed to IP, from sockets, requests and TIME_WAIT. */
TRACE_EVENT(tern_xmit,
	TP_PROTO(const struct in6_addr *saddr, const struct in6_addr *daddr,
		 const struct ternhdr *th, unsigned int payload),
	TP_ARGS(saddr, daddr, th, payload),
	TP_STRUCT__entry(
		__array(__u8, saddr, sizeof(struct sockaddr_in6))
		__array(__u8, daddr, sizeof(struct sockaddr_in6))
		__field(u32, seq)
		__field(u32, ack)
		__field(u32, window)
		__field(u32, len)
		__field(u8, flags)
	),
	TP_fast_assign(
		tern_sockaddr(__entry->saddr, saddr, th->source);
		tern_sockaddr(__entry->daddr, daddr, th->dest);
		__entry->seq = ntohl(th->seq);
		__entry->ack = ntohl(th->ack_seq);
		__entry->window = ntohl(th->window);
		__entry->len = payload;
		__entry->flags = th->flags;
	),
	TP_printk("%pISpc -> %pISpc flags=0x%02x seq=%u ack=%u win=%u len=%u",
		  __entry->saddr, __entry->daddr, __entry->flags, __entry->seq,
		  __entry->ack, __entry->window, __entry->len)
);

DEFINE_EVENT(tern_sock_class, tern_send_reset,
	TP_PROTO(const struct sock *sk),
	TP_ARGS(sk)
);

DEFINE_EVENT(tern_sock_class, tern_receive_reset,
	TP_PROTO(const struct sock *sk),
	TP_ARGS(sk)
);

#endif /* _TERN_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
