// SPDX-License-Identifier: GPL-2.0
/*
 * The connection state machine as a table, in the style of SCTP's
 * sm_statetable.c: one row per state, one cell per event, each cell the
 * next state and the action. RFC 793 (with RFC 1122, RFC 1337 and RFC
 * 5961) is the source of every cell; KUnit checks all of them.
 */
#include <kunit/visibility.h>
#include <linux/kernel.h>

#include "statetable.h"
#include "wire.h"

#define T(state, act)	{ .next = TCP_##state, .action = TERN_ACT_##act }
/* Cells that cannot happen in a state keep the state. Pasted here, not
 * through T(): <linux/timex.h> defines TIME_WAIT.
 */
#define BAD(state)	{ .next = TCP_##state, .action = TERN_ACT_INVALID }

static const struct tern_transition
tern_sm_table[TERN_SM_LAST_STATE + 1][TERN_EV_MAX] = {
	[TCP_CLOSE] = {
		[TERN_EV_CONNECT]		= T(SYN_SENT, SEND_SYN),
		[TERN_EV_LISTEN]		= T(LISTEN, START_LISTEN),
		[TERN_EV_CLOSE]			= T(CLOSE, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, NONE),
		[TERN_EV_RCV_SYN]		= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYNACK]		= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_ACK]		= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(CLOSE),
		[TERN_EV_RCV_FIN]		= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_RST]		= T(CLOSE, DISCARD),
		[TERN_EV_RETRIES_EXHAUSTED]	= BAD(CLOSE),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(CLOSE),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(CLOSE),
	},
	[TCP_LISTEN] = {
		[TERN_EV_CONNECT]		= BAD(LISTEN),
		[TERN_EV_LISTEN]		= T(LISTEN, NONE),
		[TERN_EV_CLOSE]			= T(CLOSE, STOP_LISTEN),
		[TERN_EV_ABORT]			= T(CLOSE, STOP_LISTEN),
		[TERN_EV_RCV_SYN]		= T(LISTEN, SEND_SYNACK),
		[TERN_EV_RCV_SYNACK]		= T(LISTEN, SEND_RST),
		[TERN_EV_RCV_ACK]		= T(LISTEN, SEND_RST),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(LISTEN),
		[TERN_EV_RCV_FIN]		= T(LISTEN, SEND_RST),
		[TERN_EV_RCV_RST]		= T(LISTEN, DISCARD),
		[TERN_EV_RETRIES_EXHAUSTED]	= BAD(LISTEN),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(LISTEN),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(LISTEN),
	},
	[TCP_SYN_SENT] = {
		[TERN_EV_CONNECT]		= BAD(SYN_SENT),
		[TERN_EV_LISTEN]		= BAD(SYN_SENT),
		[TERN_EV_CLOSE]			= T(CLOSE, CLOSE),
		[TERN_EV_ABORT]			= T(CLOSE, CLOSE),
		[TERN_EV_RCV_SYN]		= T(SYN_RECV, SEND_SYNACK),
		[TERN_EV_RCV_SYNACK]		= T(ESTABLISHED, ESTABLISH_ACK),
		[TERN_EV_RCV_ACK]		= T(SYN_SENT, DISCARD),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(SYN_SENT),
		[TERN_EV_RCV_FIN]		= T(SYN_SENT, DISCARD),
		[TERN_EV_RCV_RST]		= T(CLOSE, REFUSED),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(SYN_SENT),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(SYN_SENT),
	},
	[TCP_SYN_RECV] = {
		[TERN_EV_CONNECT]		= BAD(SYN_RECV),
		[TERN_EV_LISTEN]		= BAD(SYN_RECV),
		[TERN_EV_CLOSE]			= T(FIN_WAIT1, SEND_FIN),
		[TERN_EV_ABORT]			= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= T(SYN_RECV, SEND_SYNACK),
		[TERN_EV_RCV_SYNACK]		= T(ESTABLISHED, ESTABLISH_ACK),
		[TERN_EV_RCV_ACK]		= T(ESTABLISHED, ESTABLISH),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(SYN_RECV),
		[TERN_EV_RCV_FIN]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, REFUSED),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(SYN_RECV),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(SYN_RECV),
	},
	[TCP_ESTABLISHED] = {
		[TERN_EV_CONNECT]		= BAD(ESTABLISHED),
		[TERN_EV_LISTEN]		= BAD(ESTABLISHED),
		[TERN_EV_CLOSE]			= T(FIN_WAIT1, SEND_FIN),
		[TERN_EV_ABORT]			= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= T(ESTABLISHED, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(ESTABLISHED, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(ESTABLISHED, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(ESTABLISHED),
		[TERN_EV_RCV_FIN]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(ESTABLISHED),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(ESTABLISHED),
	},
	[TCP_FIN_WAIT1] = {
		[TERN_EV_CONNECT]		= BAD(FIN_WAIT1),
		[TERN_EV_LISTEN]		= BAD(FIN_WAIT1),
		[TERN_EV_CLOSE]			= T(FIN_WAIT1, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= T(FIN_WAIT1, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(FIN_WAIT1, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(FIN_WAIT1, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= T(FIN_WAIT2, NONE),
		[TERN_EV_RCV_FIN]		= T(CLOSING, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(FIN_WAIT1),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(FIN_WAIT1),
	},
	[TCP_FIN_WAIT2] = {
		[TERN_EV_CONNECT]		= BAD(FIN_WAIT2),
		[TERN_EV_LISTEN]		= BAD(FIN_WAIT2),
		[TERN_EV_CLOSE]			= T(FIN_WAIT2, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= T(FIN_WAIT2, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(FIN_WAIT2, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(FIN_WAIT2, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(FIN_WAIT2),
		[TERN_EV_RCV_FIN]		= T(TIME_WAIT, TIME_WAIT),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RETRIES_EXHAUSTED]	= BAD(FIN_WAIT2),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(FIN_WAIT2),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= T(CLOSE, SEND_RST),
	},
	[TCP_CLOSE_WAIT] = {
		[TERN_EV_CONNECT]		= BAD(CLOSE_WAIT),
		[TERN_EV_LISTEN]		= BAD(CLOSE_WAIT),
		[TERN_EV_CLOSE]			= T(LAST_ACK, SEND_FIN),
		[TERN_EV_ABORT]			= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= T(CLOSE_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(CLOSE_WAIT, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(CLOSE_WAIT),
		[TERN_EV_RCV_FIN]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(CLOSE_WAIT),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(CLOSE_WAIT),
	},
	[TCP_CLOSING] = {
		[TERN_EV_CONNECT]		= BAD(CLOSING),
		[TERN_EV_LISTEN]		= BAD(CLOSING),
		[TERN_EV_CLOSE]			= T(CLOSING, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= T(CLOSING, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(CLOSING, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(CLOSING, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= T(TIME_WAIT, TIME_WAIT),
		[TERN_EV_RCV_FIN]		= T(CLOSING, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, CLOSE),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(CLOSING),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(CLOSING),
	},
	[TCP_LAST_ACK] = {
		[TERN_EV_CONNECT]		= BAD(LAST_ACK),
		[TERN_EV_LISTEN]		= BAD(LAST_ACK),
		[TERN_EV_CLOSE]			= T(LAST_ACK, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= T(LAST_ACK, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(LAST_ACK, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(LAST_ACK, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= T(CLOSE, CLOSE),
		[TERN_EV_RCV_FIN]		= T(LAST_ACK, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, CLOSE),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= BAD(LAST_ACK),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(LAST_ACK),
	},
	/* A compact TIME_WAIT entry: no user, nothing in flight. */
	[TCP_TIME_WAIT] = {
		[TERN_EV_CONNECT]		= BAD(TIME_WAIT),
		[TERN_EV_LISTEN]		= BAD(TIME_WAIT),
		[TERN_EV_CLOSE]			= BAD(TIME_WAIT),
		[TERN_EV_ABORT]			= BAD(TIME_WAIT),
		[TERN_EV_RCV_SYN]		= T(TIME_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(TIME_WAIT, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(TIME_WAIT, DISCARD),
		[TERN_EV_RCV_FIN_ACKED]		= BAD(TIME_WAIT),
		[TERN_EV_RCV_FIN]		= T(TIME_WAIT, TIME_WAIT),
		/* RFC 1337: a RST must not end TIME_WAIT early. */
		[TERN_EV_RCV_RST]		= T(TIME_WAIT, DISCARD),
		[TERN_EV_RETRIES_EXHAUSTED]	= BAD(TIME_WAIT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= T(CLOSE, CLOSE),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= BAD(TIME_WAIT),
	},
};

/**
 * tern_sm_valid_state() - does the table have a row for @state?
 * @state: a TCP_* state number
 *
 * Return: true for TCP_ESTABLISHED through TCP_CLOSING.
 */
bool tern_sm_valid_state(int state)
{
	return state >= TERN_SM_FIRST_STATE && state <= TERN_SM_LAST_STATE;
}
EXPORT_SYMBOL_IF_KUNIT(tern_sm_valid_state);

/**
 * tern_segment_event() - the event a segment is, for the states that act
 *	on its flags alone (CLOSED, LISTEN, requests, TIME_WAIT)
 * @flags: the segment's header flags, already validated
 *
 * Return: RCV_RST, RCV_SYNACK, RCV_SYN, RCV_FIN or RCV_ACK.
 */
enum tern_event tern_segment_event(u8 flags)
{
	if (flags & TERN_FLAG_RST)
		return TERN_EV_RCV_RST;
	if (flags & TERN_FLAG_SYN)
		return flags & TERN_FLAG_ACK ? TERN_EV_RCV_SYNACK : TERN_EV_RCV_SYN;
	if (flags & TERN_FLAG_FIN)
		return TERN_EV_RCV_FIN;
	return TERN_EV_RCV_ACK;
}
EXPORT_SYMBOL_IF_KUNIT(tern_segment_event);

/**
 * tern_sm_lookup() - what to do when @event happens in @state
 * @state: the current state, a TCP_* number
 * @event: what happened
 *
 * Return: the next state and the action; an INVALID action that keeps
 * the state for states or events outside the table.
 */
struct tern_transition tern_sm_lookup(int state, enum tern_event event)
{
	struct tern_transition bad = { .next = state, .action = TERN_ACT_INVALID };

	if (!tern_sm_valid_state(state) || event < 0 || event >= TERN_EV_MAX)
		return bad;
	return tern_sm_table[state][event];
}
EXPORT_SYMBOL_IF_KUNIT(tern_sm_lookup);

static const char *const tern_state_names[] = {
	[0]			= "UNKNOWN",
	[TCP_ESTABLISHED]	= "ESTABLISHED",
	[TCP_SYN_SENT]		= "SYN_SENT",
	[TCP_SYN_RECV]		= "SYN_RECV",
	[TCP_FIN_WAIT1]		= "FIN_WAIT1",
	[TCP_FIN_WAIT2]		= "FIN_WAIT2",
	[TCP_TIME_WAIT]		= "TIME_WAIT",
	[TCP_CLOSE]		= "CLOSED",
	[TCP_CLOSE_WAIT]	= "CLOSE_WAIT",
	[TCP_LAST_ACK]		= "LAST_ACK",
	[TCP_LISTEN]		= "LISTEN",
	[TCP_CLOSING]		= "CLOSING",
	[TCP_NEW_SYN_RECV]	= "SYN_RECV",
};

/**
 * tern_state_name() - the name /proc/net/tern and tracepoints use
 * @state: a TCP_* state number
 *
 * Return: a static string; request sockets read as SYN_RECV.
 */
const char *tern_state_name(int state)
{
	if (state < 0 || state >= ARRAY_SIZE(tern_state_names) ||
	    !tern_state_names[state])
		return "UNKNOWN";
	return tern_state_names[state];
}
EXPORT_SYMBOL_IF_KUNIT(tern_state_name);

static const char *const tern_event_names[TERN_EV_MAX] = {
	[TERN_EV_CONNECT]		= "CONNECT",
	[TERN_EV_LISTEN]		= "LISTEN",
	[TERN_EV_CLOSE]			= "CLOSE",
	[TERN_EV_ABORT]			= "ABORT",
	[TERN_EV_RCV_SYN]		= "RCV_SYN",
	[TERN_EV_RCV_SYNACK]		= "RCV_SYNACK",
	[TERN_EV_RCV_ACK]		= "RCV_ACK",
	[TERN_EV_RCV_FIN_ACKED]		= "RCV_FIN_ACKED",
	[TERN_EV_RCV_FIN]		= "RCV_FIN",
	[TERN_EV_RCV_RST]		= "RCV_RST",
	[TERN_EV_RETRIES_EXHAUSTED]	= "RETRIES_EXHAUSTED",
	[TERN_EV_TIMEWAIT_EXPIRED]	= "TIMEWAIT_EXPIRED",
	[TERN_EV_FIN_WAIT2_TIMEOUT]	= "FIN_WAIT2_TIMEOUT",
};

/**
 * tern_event_name() - an event's name, for traces and tests
 * @event: the event
 *
 * Return: a static string.
 */
const char *tern_event_name(enum tern_event event)
{
	if (event < 0 || event >= TERN_EV_MAX)
		return "UNKNOWN";
	return tern_event_names[event];
}
EXPORT_SYMBOL_IF_KUNIT(tern_event_name);

static const char *const tern_action_names[TERN_ACT_MAX] = {
	[TERN_ACT_INVALID]	= "INVALID",
	[TERN_ACT_NONE]		= "NONE",
	[TERN_ACT_DISCARD]	= "DISCARD",
	[TERN_ACT_SEND_SYN]	= "SEND_SYN",
	[TERN_ACT_SEND_SYNACK]	= "SEND_SYNACK",
	[TERN_ACT_SEND_ACK]	= "SEND_ACK",
	[TERN_ACT_CHALLENGE_ACK] = "CHALLENGE_ACK",
	[TERN_ACT_SEND_FIN]	= "SEND_FIN",
	[TERN_ACT_SEND_RST]	= "SEND_RST",
	[TERN_ACT_ESTABLISH]	= "ESTABLISH",
	[TERN_ACT_ESTABLISH_ACK] = "ESTABLISH_ACK",
	[TERN_ACT_START_LISTEN]	= "START_LISTEN",
	[TERN_ACT_STOP_LISTEN]	= "STOP_LISTEN",
	[TERN_ACT_TIME_WAIT]	= "TIME_WAIT",
	[TERN_ACT_REFUSED]	= "REFUSED",
	[TERN_ACT_RESET]	= "RESET",
	[TERN_ACT_TIMED_OUT]	= "TIMED_OUT",
	[TERN_ACT_CLOSE]	= "CLOSE",
};

/**
 * tern_action_name() - an action's name, for traces and tests
 * @action: the action
 *
 * Return: a static string.
 */
const char *tern_action_name(enum tern_action action)
{
	if (action < 0 || action >= TERN_ACT_MAX)
		return "UNKNOWN";
	return tern_action_names[action];
}
EXPORT_SYMBOL_IF_KUNIT(tern_action_name);
