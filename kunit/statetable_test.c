// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the connection state table, every cell of it.
 *
 * The expected table below is written from the RFCs, not copied from
 * module/statetable.c: RFC 793 section 3.9 ("Event Processing") for the
 * user calls and segment arrivals, RFC 1122 for the timeouts and the
 * reset on unread data, RFC 1337 for TIME_WAIT and RFC 5961 for SYNs on
 * synchronized connections. Segment events reach the table only after
 * the sequence and acknowledgment checks, so they are "acceptable".
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "statetable.h"
#include "wire.h"

/* The internals these suites test are exported to KUnit only. */
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define NR_STATES	(TERN_SM_LAST_STATE + 1)

/* Expected (next state, action). */
#define GO(st, act)	{ .next = TCP_##st, .action = TERN_ACT_##act }
/* The event cannot happen in this state: counted, ignored, state kept. */
#define NO(st)		{ .next = TCP_##st, .action = TERN_ACT_INVALID }

static const struct tern_transition expected[NR_STATES][TERN_EV_MAX] = {
	/* A socket that is not connected: nothing to synchronize with. */
	[TCP_CLOSE] = {
		/* OPEN, active: send SYN, enter SYN-SENT. */
		[TERN_EV_CONNECT]		= GO(SYN_SENT, SEND_SYN),
		/* OPEN, passive: enter LISTEN. */
		[TERN_EV_LISTEN]		= GO(LISTEN, START_LISTEN),
		/* close()/abort of an unconnected socket: nothing to tell. */
		[TERN_EV_CLOSE]			= GO(CLOSE, NONE),
		[TERN_EV_ABORT]			= GO(CLOSE, NONE),
		/* 793 "SEGMENT ARRIVES, CLOSED": anything but a RST gets a RST. */
		[TERN_EV_RCV_SYN]		= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYNACK]		= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_ACK]		= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_FIN_ACKED]		= NO(CLOSE),	/* no FIN sent */
		[TERN_EV_RCV_FIN]		= GO(CLOSE, SEND_RST),
		/* ... and an incoming RST is discarded. */
		[TERN_EV_RCV_RST]		= GO(CLOSE, DISCARD),
		[TERN_EV_RETRIES_EXHAUSTED]	= NO(CLOSE),	/* no timers */
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(CLOSE),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(CLOSE),
	},
	[TCP_LISTEN] = {
		/* connect() on a listener is EINVAL in the socket API. */
		[TERN_EV_CONNECT]		= NO(LISTEN),
		/* listen() again only changes the backlog. */
		[TERN_EV_LISTEN]		= GO(LISTEN, NONE),
		/* 793 CLOSE/ABORT in LISTEN: delete the TCB, enter CLOSED. */
		[TERN_EV_CLOSE]			= GO(CLOSE, STOP_LISTEN),
		[TERN_EV_ABORT]			= GO(CLOSE, STOP_LISTEN),
		/* The listener answers SYN,ACK; the request takes SYN_RECV. */
		[TERN_EV_RCV_SYN]		= GO(LISTEN, SEND_SYNACK),
		/* 793 LISTEN "second check": any ACK-bearing segment gets a
		 * RST; a FIN always carries an ACK.
		 */
		[TERN_EV_RCV_SYNACK]		= GO(LISTEN, SEND_RST),
		[TERN_EV_RCV_ACK]		= GO(LISTEN, SEND_RST),
		[TERN_EV_RCV_FIN_ACKED]		= NO(LISTEN),
		[TERN_EV_RCV_FIN]		= GO(LISTEN, SEND_RST),
		/* 793 LISTEN "first check": an incoming RST is ignored. */
		[TERN_EV_RCV_RST]		= GO(LISTEN, DISCARD),
		[TERN_EV_RETRIES_EXHAUSTED]	= NO(LISTEN),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(LISTEN),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(LISTEN),
	},
	[TCP_SYN_SENT] = {
		[TERN_EV_CONNECT]		= NO(SYN_SENT),	/* EALREADY */
		[TERN_EV_LISTEN]		= NO(SYN_SENT),
		/* 793 CLOSE/ABORT in SYN-SENT: delete the TCB, no RST (the
		 * peer has nothing of ours to reset).
		 */
		[TERN_EV_CLOSE]			= GO(CLOSE, CLOSE),
		[TERN_EV_ABORT]			= GO(CLOSE, CLOSE),
		/* Simultaneous open: enter SYN-RECEIVED, send SYN,ACK. */
		[TERN_EV_RCV_SYN]		= GO(SYN_RECV, SEND_SYNACK),
		/* Our SYN is ACKed: ESTABLISHED, acknowledge theirs. */
		[TERN_EV_RCV_SYNACK]		= GO(ESTABLISHED, ESTABLISH_ACK),
		/* 793 SYN-SENT "fifth": neither SYN nor RST: drop. */
		[TERN_EV_RCV_ACK]		= GO(SYN_SENT, DISCARD),
		[TERN_EV_RCV_FIN_ACKED]		= NO(SYN_SENT),
		/* 793: no FIN processing in SYN-SENT, SEG.SEQ is unknown. */
		[TERN_EV_RCV_FIN]		= GO(SYN_SENT, DISCARD),
		/* RST with an acceptable ACK: "connection refused". */
		[TERN_EV_RCV_RST]		= GO(CLOSE, REFUSED),
		/* 1122 4.2.3.5: SYN retransmissions gave up. */
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(SYN_SENT),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(SYN_SENT),
	},
	[TCP_SYN_RECV] = {
		[TERN_EV_CONNECT]		= NO(SYN_RECV),
		[TERN_EV_LISTEN]		= NO(SYN_RECV),
		/* 793 CLOSE in SYN-RECEIVED: send FIN, enter FIN-WAIT-1. */
		[TERN_EV_CLOSE]			= GO(FIN_WAIT1, SEND_FIN),
		/* 793 ABORT in SYN-RECEIVED: send a reset. */
		[TERN_EV_ABORT]			= GO(CLOSE, SEND_RST),
		/* The peer's SYN again: our SYN,ACK was lost, resend it. */
		[TERN_EV_RCV_SYN]		= GO(SYN_RECV, SEND_SYNACK),
		/* Simultaneous open, 793 figure 8 line 6: the peer's SYN,ACK
		 * completes it, and line 7 acknowledges it.
		 */
		[TERN_EV_RCV_SYNACK]		= GO(ESTABLISHED, ESTABLISH_ACK),
		/* 793: SND.UNA =< SEG.ACK =< SND.NXT: enter ESTABLISHED. */
		[TERN_EV_RCV_ACK]		= GO(ESTABLISHED, ESTABLISH),
		[TERN_EV_RCV_FIN_ACKED]		= NO(SYN_RECV),	/* FIN not sent */
		/* 793 "eighth, FIN", SYN-RECEIVED: enter CLOSE-WAIT. */
		[TERN_EV_RCV_FIN]		= GO(CLOSE_WAIT, SEND_ACK),
		/* 793: a socket here came from SYN-SENT (active open):
		 * "connection refused".
		 */
		[TERN_EV_RCV_RST]		= GO(CLOSE, REFUSED),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(SYN_RECV),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(SYN_RECV),
	},
	[TCP_ESTABLISHED] = {
		[TERN_EV_CONNECT]		= NO(ESTABLISHED),	/* EISCONN */
		[TERN_EV_LISTEN]		= NO(ESTABLISHED),
		[TERN_EV_CLOSE]			= GO(FIN_WAIT1, SEND_FIN),
		[TERN_EV_ABORT]			= GO(CLOSE, SEND_RST),
		/* RFC 5961 4.2: any SYN here gets a challenge ACK. */
		[TERN_EV_RCV_SYN]		= GO(ESTABLISHED, CHALLENGE_ACK),
		/* The peer's SYN,ACK again: our ACK was lost; ACK again. */
		[TERN_EV_RCV_SYNACK]		= GO(ESTABLISHED, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(ESTABLISHED, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= NO(ESTABLISHED),
		[TERN_EV_RCV_FIN]		= GO(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		/* 1122 4.2.3.5 R2: give up on the connection. */
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(ESTABLISHED),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(ESTABLISHED),
	},
	[TCP_FIN_WAIT1] = {
		[TERN_EV_CONNECT]		= NO(FIN_WAIT1),
		[TERN_EV_LISTEN]		= NO(FIN_WAIT1),
		/* 793: a second CLOSE is "ok" as long as no second FIN. */
		[TERN_EV_CLOSE]			= GO(FIN_WAIT1, NONE),
		[TERN_EV_ABORT]			= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= GO(FIN_WAIT1, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(FIN_WAIT1, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(FIN_WAIT1, NONE),
		/* 793 FIN-WAIT-1: our FIN acknowledged: FIN-WAIT-2. */
		[TERN_EV_RCV_FIN_ACKED]		= GO(FIN_WAIT2, NONE),
		/* 793: FIN while ours is unacknowledged: CLOSING. */
		[TERN_EV_RCV_FIN]		= GO(CLOSING, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(FIN_WAIT1),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(FIN_WAIT1),
	},
	[TCP_FIN_WAIT2] = {
		[TERN_EV_CONNECT]		= NO(FIN_WAIT2),
		[TERN_EV_LISTEN]		= NO(FIN_WAIT2),
		[TERN_EV_CLOSE]			= GO(FIN_WAIT2, NONE),
		[TERN_EV_ABORT]			= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= GO(FIN_WAIT2, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(FIN_WAIT2, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(FIN_WAIT2, NONE),
		/* Our FIN is already acknowledged: cannot be "newly". */
		[TERN_EV_RCV_FIN_ACKED]		= NO(FIN_WAIT2),
		/* 793 FIN-WAIT-2: enter TIME-WAIT, start the 2 MSL timer. */
		[TERN_EV_RCV_FIN]		= GO(TIME_WAIT, TIME_WAIT),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		/* Nothing of ours is unacknowledged, nothing retransmits. */
		[TERN_EV_RETRIES_EXHAUSTED]	= NO(FIN_WAIT2),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(FIN_WAIT2),
		/* The orphan gives up waiting; as Linux, reset the peer so a
		 * live one learns the connection is gone.
		 */
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= GO(CLOSE, SEND_RST),
	},
	[TCP_CLOSE_WAIT] = {
		[TERN_EV_CONNECT]		= NO(CLOSE_WAIT),
		[TERN_EV_LISTEN]		= NO(CLOSE_WAIT),
		/* 793 CLOSE in CLOSE-WAIT: send FIN, enter LAST-ACK. */
		[TERN_EV_CLOSE]			= GO(LAST_ACK, SEND_FIN),
		[TERN_EV_ABORT]			= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= GO(CLOSE_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(CLOSE_WAIT, NONE),
		[TERN_EV_RCV_FIN_ACKED]		= NO(CLOSE_WAIT),	/* no FIN sent */
		/* A retransmitted FIN: remain, acknowledge it again. */
		[TERN_EV_RCV_FIN]		= GO(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(CLOSE_WAIT),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(CLOSE_WAIT),
	},
	[TCP_LAST_ACK] = {
		[TERN_EV_CONNECT]		= NO(LAST_ACK),
		[TERN_EV_LISTEN]		= NO(LAST_ACK),
		[TERN_EV_CLOSE]			= GO(LAST_ACK, NONE),
		/* ABORT includes close() with unread data: RFC 1122
		 * 4.2.2.13 says send a RST to show data was lost.
		 */
		[TERN_EV_ABORT]			= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= GO(LAST_ACK, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(LAST_ACK, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(LAST_ACK, NONE),
		/* 793 LAST-ACK: our FIN acknowledged: delete the TCB. */
		[TERN_EV_RCV_FIN_ACKED]		= GO(CLOSE, CLOSE),
		[TERN_EV_RCV_FIN]		= GO(LAST_ACK, SEND_ACK),
		/* 793: RST in CLOSING/LAST-ACK/TIME-WAIT: just close; the
		 * user has closed already, there is no one to tell.
		 */
		[TERN_EV_RCV_RST]		= GO(CLOSE, CLOSE),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(LAST_ACK),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(LAST_ACK),
	},
	/* TIME_WAIT entries have no user: user calls cannot reach them. */
	[TCP_TIME_WAIT] = {
		[TERN_EV_CONNECT]		= NO(TIME_WAIT),
		[TERN_EV_LISTEN]		= NO(TIME_WAIT),
		[TERN_EV_CLOSE]			= NO(TIME_WAIT),
		[TERN_EV_ABORT]			= NO(TIME_WAIT),
		/* RFC 5961 4.2 (no reopening here, 1122 makes it a MAY). */
		[TERN_EV_RCV_SYN]		= GO(TIME_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(TIME_WAIT, SEND_ACK),
		/* 793 TIME-WAIT: only a FIN retransmission matters. */
		[TERN_EV_RCV_ACK]		= GO(TIME_WAIT, DISCARD),
		[TERN_EV_RCV_FIN_ACKED]		= NO(TIME_WAIT),
		/* 793: acknowledge it, restart the 2 MSL timeout. */
		[TERN_EV_RCV_FIN]		= GO(TIME_WAIT, TIME_WAIT),
		/* RFC 1337 (TIME-WAIT assassination): ignore RSTs. */
		[TERN_EV_RCV_RST]		= GO(TIME_WAIT, DISCARD),
		[TERN_EV_RETRIES_EXHAUSTED]	= NO(TIME_WAIT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= GO(CLOSE, CLOSE),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(TIME_WAIT),
	},
	[TCP_CLOSING] = {
		[TERN_EV_CONNECT]		= NO(CLOSING),
		[TERN_EV_LISTEN]		= NO(CLOSING),
		/* 793: "connection closing", nothing changes. */
		[TERN_EV_CLOSE]			= GO(CLOSING, NONE),
		/* As LAST_ACK: RFC 1122 4.2.2.13 reset on unread data. */
		[TERN_EV_ABORT]			= GO(CLOSE, SEND_RST),
		[TERN_EV_RCV_SYN]		= GO(CLOSING, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(CLOSING, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(CLOSING, NONE),
		/* 793 CLOSING: the ACK of our FIN: enter TIME-WAIT. */
		[TERN_EV_RCV_FIN_ACKED]		= GO(TIME_WAIT, TIME_WAIT),
		/* Their FIN again: remain, acknowledge. */
		[TERN_EV_RCV_FIN]		= GO(CLOSING, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, CLOSE),
		/* Our FIN is still being retransmitted. */
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_TIMEWAIT_EXPIRED]	= NO(CLOSING),
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= NO(CLOSING),
	},
};

static const int all_states[] = {
	TCP_ESTABLISHED, TCP_SYN_SENT, TCP_SYN_RECV, TCP_FIN_WAIT1,
	TCP_FIN_WAIT2, TCP_TIME_WAIT, TCP_CLOSE, TCP_CLOSE_WAIT,
	TCP_LAST_ACK, TCP_LISTEN, TCP_CLOSING,
};

static void state_desc(const int *state, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", tern_state_name(*state));
}

KUNIT_ARRAY_PARAM(sm_state, all_states, state_desc);

/* One state's row, every event: next state and action. */
static void sm_row(struct kunit *test)
{
	const int *param = test->param_value;
	int state = *param, ev;

	for (ev = 0; ev < TERN_EV_MAX; ev++) {
		struct tern_transition want = expected[state][ev];
		struct tern_transition got = tern_sm_lookup(state, ev);

		KUNIT_EXPECT_EQ_MSG(test, got.action, want.action,
				    "%s + %s: action %s, expected %s",
				    tern_state_name(state), tern_event_name(ev),
				    tern_action_name(got.action),
				    tern_action_name(want.action));
		KUNIT_EXPECT_EQ_MSG(test, got.next, want.next,
				    "%s + %s: next %s, expected %s",
				    tern_state_name(state), tern_event_name(ev),
				    tern_state_name(got.next),
				    tern_state_name(want.next));
	}
}

/* The expected table itself is complete: 11 x 13 cells, none left zero. */
static void sm_expected_complete(struct kunit *test)
{
	int i, ev, cells = 0;

	for (i = 0; i < ARRAY_SIZE(all_states); i++)
		for (ev = 0; ev < TERN_EV_MAX; ev++) {
			KUNIT_EXPECT_NE_MSG(test, expected[all_states[i]][ev].next, 0,
					    "cell %d/%d not written", all_states[i], ev);
			cells++;
		}
	KUNIT_EXPECT_EQ(test, cells, 11 * 13);
	KUNIT_EXPECT_EQ(test, (int)TERN_EV_MAX, 13);
	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(all_states), NR_STATES - 1);
}

/* Whatever the module's table says, an INVALID cell keeps the state. */
static void sm_invalid_keeps_state(struct kunit *test)
{
	int state, ev;

	for (state = TERN_SM_FIRST_STATE; state <= TERN_SM_LAST_STATE; state++)
		for (ev = 0; ev < TERN_EV_MAX; ev++) {
			struct tern_transition t = tern_sm_lookup(state, ev);

			if (t.action == TERN_ACT_INVALID)
				KUNIT_EXPECT_EQ_MSG(test, t.next, state, "%s + %s",
						    tern_state_name(state),
						    tern_event_name(ev));
		}
}

/*
 * state.c carries out most actions without looking at the next state:
 * SEND_RST, REFUSED, RESET, TIMED_OUT and CLOSE end in CLOSED, ESTABLISH*
 * in ESTABLISHED, TIME_WAIT in TIME_WAIT. A cell that disagreed would
 * leave a socket in a state other than the table's.
 */
static void sm_action_matches_next(struct kunit *test)
{
	int state, ev;

	for (state = TERN_SM_FIRST_STATE; state <= TERN_SM_LAST_STATE; state++)
		for (ev = 0; ev < TERN_EV_MAX; ev++) {
			struct tern_transition t = tern_sm_lookup(state, ev);
			int want = -1;

			switch (t.action) {
			case TERN_ACT_SEND_RST:
				/* A listener or closed socket only replies. */
				if (state != TCP_LISTEN && state != TCP_CLOSE)
					want = TCP_CLOSE;
				break;
			case TERN_ACT_REFUSED:
			case TERN_ACT_RESET:
			case TERN_ACT_TIMED_OUT:
			case TERN_ACT_CLOSE:
			case TERN_ACT_STOP_LISTEN:
				want = TCP_CLOSE;
				break;
			case TERN_ACT_ESTABLISH:
			case TERN_ACT_ESTABLISH_ACK:
				want = TCP_ESTABLISHED;
				break;
			case TERN_ACT_TIME_WAIT:
				want = TCP_TIME_WAIT;
				break;
			case TERN_ACT_SEND_SYN:
				want = TCP_SYN_SENT;
				break;
			case TERN_ACT_START_LISTEN:
				want = TCP_LISTEN;
				break;
			default:
				break;
			}
			if (want >= 0)
				KUNIT_EXPECT_EQ_MSG(test, t.next, want, "%s + %s -> %s",
						    tern_state_name(state),
						    tern_event_name(ev),
						    tern_action_name(t.action));
			KUNIT_EXPECT_TRUE(test, tern_sm_valid_state(t.next));
			KUNIT_EXPECT_LT(test, t.action, TERN_ACT_MAX);
		}
}

/* Every state is reachable from CLOSED, and CLOSED from every state. */
static void sm_reachability(struct kunit *test)
{
	bool seen[NR_STATES] = { [TCP_CLOSE] = true };
	bool closes[NR_STATES] = { [TCP_CLOSE] = true };
	bool changed = true;
	int state, ev, i;

	while (changed) {
		changed = false;
		for (state = TERN_SM_FIRST_STATE; state <= TERN_SM_LAST_STATE; state++)
			for (ev = 0; ev < TERN_EV_MAX; ev++) {
				struct tern_transition t = tern_sm_lookup(state, ev);

				if (t.action == TERN_ACT_INVALID)
					continue;
				if (seen[state] && !seen[t.next]) {
					seen[t.next] = true;
					changed = true;
				}
				if (closes[t.next] && !closes[state]) {
					closes[state] = true;
					changed = true;
				}
			}
	}
	for (i = 0; i < ARRAY_SIZE(all_states); i++) {
		KUNIT_EXPECT_TRUE_MSG(test, seen[all_states[i]], "%s unreachable",
				      tern_state_name(all_states[i]));
		KUNIT_EXPECT_TRUE_MSG(test, closes[all_states[i]], "%s never closes",
				      tern_state_name(all_states[i]));
	}
}

static void expect_bad(struct kunit *test, int state, int ev)
{
	struct tern_transition t = tern_sm_lookup(state, ev);

	KUNIT_EXPECT_EQ_MSG(test, t.action, TERN_ACT_INVALID, "state %d event %d",
			    state, ev);
	/* The state is handed back (as far as a u8 holds it). */
	KUNIT_EXPECT_EQ_MSG(test, t.next, (u8)state, "state %d event %d", state, ev);
}

static void sm_out_of_range(struct kunit *test)
{
	static const int bad_states[] = {
		0, -1, TCP_NEW_SYN_RECV, TCP_NEW_SYN_RECV + 1, 100, INT_MAX, INT_MIN,
	};
	static const int bad_events[] = { -1, TERN_EV_MAX, TERN_EV_MAX + 1, 255, INT_MAX };
	int i, ev;

	for (i = 0; i < ARRAY_SIZE(bad_states); i++) {
		KUNIT_EXPECT_FALSE(test, tern_sm_valid_state(bad_states[i]));
		for (ev = 0; ev < TERN_EV_MAX; ev++)
			expect_bad(test, bad_states[i], ev);
	}
	for (i = 0; i < ARRAY_SIZE(all_states); i++) {
		KUNIT_EXPECT_TRUE(test, tern_sm_valid_state(all_states[i]));
		for (ev = 0; ev < ARRAY_SIZE(bad_events); ev++)
			expect_bad(test, all_states[i], bad_events[ev]);
	}
}

/*
 * Where only the flags matter (no socket, LISTEN, requests, TIME_WAIT), a
 * segment is the event its most decisive flag makes it: a RST whatever
 * else it carries, then SYN (with or without an acceptable-looking ACK),
 * then FIN, else a bare ACK. PSH never changes the event.
 */
static void sm_segment_event(struct kunit *test)
{
	static const struct {
		u8 flags;
		enum tern_event event;
	} cases[] = {
		{ TERN_FLAG_RST, TERN_EV_RCV_RST },
		{ TERN_FLAG_RST | TERN_FLAG_ACK, TERN_EV_RCV_RST },
		{ TERN_FLAG_SYN, TERN_EV_RCV_SYN },
		{ TERN_FLAG_SYN | TERN_FLAG_ACK, TERN_EV_RCV_SYNACK },
		{ TERN_FLAG_ACK, TERN_EV_RCV_ACK },
		{ TERN_FLAG_ACK | TERN_FLAG_PSH, TERN_EV_RCV_ACK },
		{ TERN_FLAG_ACK | TERN_FLAG_FIN, TERN_EV_RCV_FIN },
		{ TERN_FLAG_ACK | TERN_FLAG_FIN | TERN_FLAG_PSH, TERN_EV_RCV_FIN },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, tern_segment_event(cases[i].flags),
				    cases[i].event, "flags 0x%02x", cases[i].flags);
}

/* The names /proc/net/tern shows (docs/TESTING.md). */
static void sm_state_names(struct kunit *test)
{
	static const struct {
		int state;
		const char *name;
	} names[] = {
		{ TCP_ESTABLISHED, "ESTABLISHED" },
		{ TCP_SYN_SENT, "SYN_SENT" },
		{ TCP_SYN_RECV, "SYN_RECV" },
		{ TCP_FIN_WAIT1, "FIN_WAIT1" },
		{ TCP_FIN_WAIT2, "FIN_WAIT2" },
		{ TCP_TIME_WAIT, "TIME_WAIT" },
		{ TCP_CLOSE, "CLOSED" },
		{ TCP_CLOSE_WAIT, "CLOSE_WAIT" },
		{ TCP_LAST_ACK, "LAST_ACK" },
		{ TCP_LISTEN, "LISTEN" },
		{ TCP_CLOSING, "CLOSING" },
		/* request sockets read as SYN_RECV */
		{ TCP_NEW_SYN_RECV, "SYN_RECV" },
		{ 0, "UNKNOWN" },
		{ -1, "UNKNOWN" },
		{ TCP_NEW_SYN_RECV + 1, "UNKNOWN" },
		{ 1000, "UNKNOWN" },
		{ INT_MIN, "UNKNOWN" },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		KUNIT_EXPECT_STREQ_MSG(test, tern_state_name(names[i].state),
				       names[i].name, "state %d", names[i].state);
}

static void sm_event_names(struct kunit *test)
{
	static const char *const names[] = {
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
	int ev;

	KUNIT_ASSERT_EQ(test, ARRAY_SIZE(names), TERN_EV_MAX);
	for (ev = 0; ev < TERN_EV_MAX; ev++)
		KUNIT_EXPECT_STREQ(test, tern_event_name(ev), names[ev]);
	KUNIT_EXPECT_STREQ(test, tern_event_name(TERN_EV_MAX), "UNKNOWN");
	KUNIT_EXPECT_STREQ(test, tern_event_name(-1), "UNKNOWN");
	KUNIT_EXPECT_STREQ(test, tern_event_name(1000), "UNKNOWN");
}

static void sm_action_names(struct kunit *test)
{
	static const char *const names[] = {
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
	int act;

	KUNIT_ASSERT_EQ(test, ARRAY_SIZE(names), TERN_ACT_MAX);
	for (act = 0; act < TERN_ACT_MAX; act++)
		KUNIT_EXPECT_STREQ(test, tern_action_name(act), names[act]);
	KUNIT_EXPECT_STREQ(test, tern_action_name(TERN_ACT_MAX), "UNKNOWN");
	KUNIT_EXPECT_STREQ(test, tern_action_name(-1), "UNKNOWN");
	KUNIT_EXPECT_STREQ(test, tern_action_name(1000), "UNKNOWN");
}

static struct kunit_case statetable_cases[] = {
	KUNIT_CASE_PARAM(sm_row, sm_state_gen_params),
	KUNIT_CASE(sm_expected_complete),
	KUNIT_CASE(sm_invalid_keeps_state),
	KUNIT_CASE(sm_action_matches_next),
	KUNIT_CASE(sm_reachability),
	KUNIT_CASE(sm_out_of_range),
	KUNIT_CASE(sm_segment_event),
	KUNIT_CASE(sm_state_names),
	KUNIT_CASE(sm_event_names),
	KUNIT_CASE(sm_action_names),
	{}
};

static struct kunit_suite statetable_suite = {
	.name = "tern_statetable",
	.test_cases = statetable_cases,
};

kunit_test_suite(statetable_suite);
