/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The connection state machine as a table: for every state and event, the
 * next state and the action to take, for full sockets, request entries
 * (TCP_NEW_SYN_RECV) and TIME_WAIT entries alike. Pure data, lookups and
 * the functions that say which event a segment is; state.c carries the
 * actions out.
 */
#ifndef _TERN_STATETABLE_H
#define _TERN_STATETABLE_H

#include <linux/types.h>
#include <net/tcp_states.h>

/* What can happen to a connection. */
enum tern_event {
	TERN_EV_CONNECT,		/* connect(): active open */
	TERN_EV_CONNECT_FAILED,		/* connect() could not go on (port, route) */
	TERN_EV_LISTEN,			/* listen(): passive open */
	TERN_EV_CLOSE,			/* close() or shutdown(SHUT_WR) */
	TERN_EV_ABORT,			/* close() with unread data, linger 0 */
	TERN_EV_RCV_SYN,		/* a SYN the state accepts */
	TERN_EV_RCV_SYNACK,		/* a SYN+ACK the state accepts */
	TERN_EV_RCV_COOKIE_ACK,		/* an ACK that answers our SYN cookie */
	TERN_EV_RCV_ACK,		/* an acceptable segment, not covering our FIN */
	TERN_EV_RCV_FIN_ACKED,		/* an ACK that newly covers our FIN */
	TERN_EV_RCV_FIN,		/* the peer's FIN (or its retransmission) */
	TERN_EV_RCV_RST,		/* a RST exactly where it must be */
	TERN_EV_RCV_RST_IN_WINDOW,	/* a RST in the window, elsewhere */
	TERN_EV_RCV_BAD_RST,		/* a RST outside the window or ACK checks */
	TERN_EV_RCV_BAD_ACK,		/* acknowledges what we never sent */
	TERN_EV_RCV_OUT_OF_WINDOW,	/* fails the sequence check */
	TERN_EV_RCV_PROBE,		/* an empty ACK one before RCV.NXT */
	TERN_EV_ICMP_ERROR,		/* a hard ICMP error about our segments */
	TERN_EV_SYNACK_TIMEOUT,		/* a request's SYN+ACK went unanswered */
	TERN_EV_RETRIES_EXHAUSTED,	/* retransmission gave up */
	TERN_EV_KEEPALIVE_EXHAUSTED,	/* keepalive probes went unanswered */
	TERN_EV_FIN_WAIT2_TIMEOUT,	/* an orphan waited too long for a FIN */
	TERN_EV_OUT_OF_RESOURCES,	/* too many orphans, or too much memory */
	TERN_EV_TIMEWAIT_EXPIRED,	/* 2 MSL passed in TIME_WAIT */
	TERN_EV_RCV_ACK_DEFERRED,	/* the handshake's ACK without data, while
					 * the listener defers accept()
					 */
	TERN_EV_DEFER_TIMEOUT,		/* a deferred request's timer: wait on */
	TERN_EV_MAX
};

/* What to do; each action means one thing, whatever the state. */
enum tern_action {
	TERN_ACT_INVALID,	/* cannot happen in this state: count, ignore */
	TERN_ACT_NONE,		/* change state, send nothing */
	TERN_ACT_DISCARD,	/* drop the segment, no reply */
	TERN_ACT_SEND_ACK,	/* acknowledge with the entry's numbers */
	TERN_ACT_CHALLENGE_ACK,	/* RFC 5961: the same, rate-limited */
	TERN_ACT_OOW_ACK,	/* answer an unacceptable segment, rate-limited */
	TERN_ACT_REPLY_RST,	/* a RST built from the segment alone */
	TERN_ACT_SEND_SYN,	/* start the handshake */
	TERN_ACT_NEW_REQUEST,	/* a request entry, and its SYN+ACK */
	TERN_ACT_RESEND_SYNACK,	/* our SYN+ACK (again) */
	TERN_ACT_CREATE_CHILD,	/* the handshake's ACK: the request's socket */
	TERN_ACT_ESTABLISH,	/* handshake done: wake connect()/accept() */
	TERN_ACT_ESTABLISH_ACK,	/* the same, acknowledging a SYN+ACK */
	TERN_ACT_START_LISTEN,	/* enter the listen table */
	TERN_ACT_STOP_LISTEN,	/* leave it, dropping pending connections */
	TERN_ACT_SEND_FIN,	/* queue our FIN behind pending data */
	TERN_ACT_TIME_WAIT,	/* become a TIME_WAIT entry */
	TERN_ACT_TIME_WAIT_ACK,	/* acknowledge the FIN, become TIME_WAIT */
	TERN_ACT_RESTART_TIME_WAIT, /* acknowledge again, wait 2 MSL anew */
	TERN_ACT_REOPEN,	/* end TIME_WAIT: the SYN goes to the listener */
	TERN_ACT_REMOVE,	/* the entry leaves the table, nothing sent */
	TERN_ACT_ABORT,		/* reset the peer, fail with ECONNRESET */
	TERN_ACT_REFUSED,	/* fail with ECONNREFUSED */
	TERN_ACT_RESET,		/* the peer reset us: fail as TCP reports it */
	TERN_ACT_TIMED_OUT,	/* fail with ETIMEDOUT (or the soft error) */
	TERN_ACT_ABORT_TIMED_OUT, /* reset the peer, fail with ETIMEDOUT */
	TERN_ACT_UNREACHABLE,	/* fail with the ICMP error */
	TERN_ACT_SOFT_ERROR,	/* keep the ICMP error for a later failure */
	TERN_ACT_CLOSE,		/* go to CLOSED quietly */
	TERN_ACT_DEFER_ACCEPT,	/* the peer is there: wait for its data */
	TERN_ACT_MAX
};

/**
 * struct tern_transition - one cell of the state table
 * @next: the state after the event (a TCP_* number)
 * @action: enum tern_action
 */
struct tern_transition {
	u8 next;
	u8 action;
};

/* The table covers TCP_ESTABLISHED (1) to TCP_NEW_SYN_RECV (12): full
 * sockets, TIME_WAIT entries (TCP_TIME_WAIT) and request entries
 * (TCP_NEW_SYN_RECV); TCP_BOUND_INACTIVE is no Tern state.
 */
#define TERN_SM_FIRST_STATE	TCP_ESTABLISHED
#define TERN_SM_LAST_STATE	TCP_NEW_SYN_RECV

bool tern_sm_valid_state(int state);
struct tern_transition tern_sm_lookup(int state, enum tern_event event);

enum tern_event tern_flags_event(u8 flags);
enum tern_event tern_listen_event(u8 flags, bool cookie_ok);
enum tern_event tern_syn_sent_event(u8 flags, bool ack_ok);
enum tern_event tern_sync_event(u8 flags, bool in_window, u32 seq, u32 end_seq,
				u32 rcv_nxt, bool syn_dup);
enum tern_event tern_req_event(u8 flags, u32 seq, u32 end_seq, u32 ack,
			       u32 irs, u32 iss, u32 window, bool defer);
enum tern_event tern_req_timer_event(u8 retransmits, u8 max_retries,
				     u8 defer_accept, bool acked);
enum tern_event tern_tw_event(u8 flags, u32 seq, u32 end_seq, u32 rcv_nxt);

const char *tern_state_name(int state);
const char *tern_event_name(enum tern_event event);
const char *tern_action_name(enum tern_action action);

#endif /* _TERN_STATETABLE_H */
