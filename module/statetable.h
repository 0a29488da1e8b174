/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The connection state machine as a table: for every state and event, the
 * next state and the action to take. Pure data and lookups; state.c acts
 * on the result.
 */
#ifndef _TERN_STATETABLE_H
#define _TERN_STATETABLE_H

#include <linux/types.h>
#include <net/tcp_states.h>

/* What can happen to a connection. Segment events are raised by the input
 * path only after the segment passed the sequence and acknowledgment
 * checks, so "acceptable" is implied.
 */
enum tern_event {
	TERN_EV_CONNECT,		/* connect(): active open */
	TERN_EV_LISTEN,			/* listen(): passive open */
	TERN_EV_CLOSE,			/* close() or shutdown(SHUT_WR) */
	TERN_EV_ABORT,			/* close() with unread data, linger 0 */
	TERN_EV_RCV_SYN,		/* a SYN without ACK */
	TERN_EV_RCV_SYNACK,		/* a SYN with an acceptable ACK */
	TERN_EV_RCV_ACK,		/* an acceptable ACK not covering our FIN */
	TERN_EV_RCV_FIN_ACKED,		/* an ACK that newly covers our FIN */
	TERN_EV_RCV_FIN,		/* the peer's FIN (or its retransmission) */
	TERN_EV_RCV_RST,		/* an acceptable RST */
	TERN_EV_RETRIES_EXHAUSTED,	/* retransmission gave up */
	TERN_EV_TIMEWAIT_EXPIRED,	/* 2 MSL passed in TIME_WAIT */
	TERN_EV_FIN_WAIT2_TIMEOUT,	/* an orphan waited too long for a FIN */
	TERN_EV_MAX
};

enum tern_action {
	TERN_ACT_INVALID,	/* cannot happen in this state: count, ignore */
	TERN_ACT_NONE,		/* change state, send nothing */
	TERN_ACT_DISCARD,	/* drop the segment, no reply */
	TERN_ACT_SEND_SYN,	/* start the handshake */
	TERN_ACT_SEND_SYNACK,	/* answer a SYN */
	TERN_ACT_SEND_ACK,	/* acknowledge (again) */
	TERN_ACT_CHALLENGE_ACK,	/* RFC 5961: answer a suspicious SYN */
	TERN_ACT_SEND_FIN,	/* queue our FIN behind pending data */
	TERN_ACT_SEND_RST,	/* reset the peer, then close */
	TERN_ACT_ESTABLISH,	/* handshake done: wake connect()/accept() */
	TERN_ACT_ESTABLISH_ACK,	/* the same, acknowledging a SYN+ACK */
	TERN_ACT_START_LISTEN,	/* enter the listen hash */
	TERN_ACT_STOP_LISTEN,	/* leave it, dropping pending connections */
	TERN_ACT_TIME_WAIT,	/* acknowledge the FIN, (re)start 2 MSL */
	TERN_ACT_REFUSED,	/* fail with ECONNREFUSED */
	TERN_ACT_RESET,		/* fail with ECONNRESET */
	TERN_ACT_TIMED_OUT,	/* fail with ETIMEDOUT */
	TERN_ACT_CLOSE,		/* go to CLOSED quietly */
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

/* The table covers the states a Tern socket or TIME_WAIT entry can be in:
 * TCP_ESTABLISHED (1) to TCP_CLOSING (11). Request sockets follow the
 * TCP_SYN_RECV row.
 */
#define TERN_SM_FIRST_STATE	TCP_ESTABLISHED
#define TERN_SM_LAST_STATE	TCP_CLOSING

bool tern_sm_valid_state(int state);
enum tern_event tern_segment_event(u8 flags);
struct tern_transition tern_sm_lookup(int state, enum tern_event event);
const char *tern_state_name(int state);
const char *tern_event_name(enum tern_event event);
const char *tern_action_name(enum tern_action action);

#endif /* _TERN_STATETABLE_H */
