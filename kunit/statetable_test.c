// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the connection state table, every cell of it, for full sockets,
 * TIME_WAIT entries and request entries, and the functions that say
 * which event a segment is.
 *
 * The expected table below is written from the RFCs, not copied from
 * module/statetable.c: RFC 793 section 3.9 ("Event Processing") for the
 * user calls and segment arrivals, RFC 1122 for the timeouts, ICMP and
 * the reset on unread data, RFC 1337 for TIME_WAIT, RFC 5961 for RSTs
 * and SYNs on synchronized connections and RFC 6191 for a new SYN on a
 * TIME_WAIT 4-tuple. Cells it leaves out are events that cannot happen
 * in that state: INVALID, the state kept; each row's count of possible
 * events is written down too, so a forgotten cell shows.
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

static const struct tern_transition expected[NR_STATES][TERN_EV_MAX] = {
	/* No connection: an unconnected socket, or no entry at all. */
	[TCP_CLOSE] = {
		/* OPEN, active: send SYN, enter SYN-SENT. */
		[TERN_EV_CONNECT]		= GO(SYN_SENT, SEND_SYN),
		/* OPEN, passive: enter LISTEN. */
		[TERN_EV_LISTEN]		= GO(LISTEN, START_LISTEN),
		/* close()/abort of an unconnected socket: nothing to tell. */
		[TERN_EV_CLOSE]			= GO(CLOSE, NONE),
		[TERN_EV_ABORT]			= GO(CLOSE, NONE),
		/* 793 "SEGMENT ARRIVES, CLOSED": anything but a RST gets a
		 * RST, built from the segment (there is no connection).
		 */
		[TERN_EV_RCV_SYN]		= GO(CLOSE, REPLY_RST),
		[TERN_EV_RCV_SYNACK]		= GO(CLOSE, REPLY_RST),
		[TERN_EV_RCV_ACK]		= GO(CLOSE, REPLY_RST),
		[TERN_EV_RCV_FIN]		= GO(CLOSE, REPLY_RST),
		/* ... and an incoming RST is discarded. */
		[TERN_EV_RCV_RST]		= GO(CLOSE, DISCARD),
		[TERN_EV_ICMP_ERROR]		= GO(CLOSE, DISCARD),
	},
	[TCP_LISTEN] = {
		/* listen() again only changes the backlog. */
		[TERN_EV_LISTEN]		= GO(LISTEN, NONE),
		/* 793 CLOSE/ABORT in LISTEN: delete the TCB, enter CLOSED. */
		[TERN_EV_CLOSE]			= GO(CLOSE, STOP_LISTEN),
		[TERN_EV_ABORT]			= GO(CLOSE, STOP_LISTEN),
		/* A SYN makes a request entry, answered SYN,ACK. */
		[TERN_EV_RCV_SYN]		= GO(LISTEN, NEW_REQUEST),
		/* RFC 4987 3.6: an ACK answering our SYN cookie completes the
		 * handshake the cookie kept no state for.
		 */
		[TERN_EV_RCV_COOKIE_ACK]	= GO(LISTEN, CREATE_CHILD),
		/* 793 LISTEN "second check": an ACK-bearing segment gets a
		 * RST; a FIN always carries an ACK.
		 */
		[TERN_EV_RCV_SYNACK]		= GO(LISTEN, REPLY_RST),
		[TERN_EV_RCV_ACK]		= GO(LISTEN, REPLY_RST),
		[TERN_EV_RCV_FIN]		= GO(LISTEN, REPLY_RST),
		/* 793 LISTEN "first check": an incoming RST is ignored. */
		[TERN_EV_RCV_RST]		= GO(LISTEN, DISCARD),
		[TERN_EV_ICMP_ERROR]		= GO(LISTEN, DISCARD),
	},
	[TCP_SYN_SENT] = {
		/* connect() could not pick a port or route: nothing sent. */
		[TERN_EV_CONNECT_FAILED]	= GO(CLOSE, NONE),
		/* 793 CLOSE/ABORT in SYN-SENT: delete the TCB, no RST. */
		[TERN_EV_CLOSE]			= GO(CLOSE, CLOSE),
		[TERN_EV_ABORT]			= GO(CLOSE, CLOSE),
		/* Simultaneous open: enter SYN-RECEIVED, send SYN,ACK. */
		[TERN_EV_RCV_SYN]		= GO(SYN_RECV, RESEND_SYNACK),
		[TERN_EV_RCV_SYNACK]		= GO(ESTABLISHED, ESTABLISH_ACK),
		/* 793 SYN-SENT "fifth": neither SYN nor RST: drop. */
		[TERN_EV_RCV_ACK]		= GO(SYN_SENT, DISCARD),
		/* SEG.SEQ is unknown: no FIN processing. */
		[TERN_EV_RCV_FIN]		= GO(SYN_SENT, DISCARD),
		/* A RST with an acceptable ACK: "connection refused". */
		[TERN_EV_RCV_RST]		= GO(CLOSE, REFUSED),
		/* Without one: drop it. */
		[TERN_EV_RCV_BAD_RST]		= GO(SYN_SENT, DISCARD),
		/* "If SEG.ACK =< ISS, or SEG.ACK > SND.NXT, send a reset". */
		[TERN_EV_RCV_BAD_ACK]		= GO(SYN_SENT, REPLY_RST),
		/* 1122 4.2.3.5: SYN retransmissions gave up. */
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		/* 1122 4.2.3.9: a hard error while opening fails connect(). */
		[TERN_EV_ICMP_ERROR]		= GO(CLOSE, UNREACHABLE),
	},
	[TCP_SYN_RECV] = {
		/* 793 CLOSE in SYN-RECEIVED: send FIN, enter FIN-WAIT-1. */
		[TERN_EV_CLOSE]			= GO(FIN_WAIT1, SEND_FIN),
		/* 793 ABORT in SYN-RECEIVED: send a reset. */
		[TERN_EV_ABORT]			= GO(CLOSE, ABORT),
		/* The peer's SYN again: our SYN,ACK was lost, resend it. */
		[TERN_EV_RCV_SYN]		= GO(SYN_RECV, RESEND_SYNACK),
		/* Figure 8 line 6: the crossing SYN,ACK completes it. */
		[TERN_EV_RCV_SYNACK]		= GO(ESTABLISHED, ESTABLISH_ACK),
		/* SND.UNA =< SEG.ACK =< SND.NXT: enter ESTABLISHED. */
		[TERN_EV_RCV_ACK]		= GO(ESTABLISHED, ESTABLISH),
		/* "eighth, FIN", SYN-RECEIVED: enter CLOSE-WAIT. */
		[TERN_EV_RCV_FIN]		= GO(CLOSE_WAIT, SEND_ACK),
		/* Came from SYN-SENT (active open): "connection refused". */
		[TERN_EV_RCV_RST]		= GO(CLOSE, REFUSED),
		/* 5961 3.2: a RST in the window but not at RCV.NXT. */
		[TERN_EV_RCV_RST_IN_WINDOW]	= GO(SYN_RECV, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= GO(SYN_RECV, DISCARD),
		/* "If the segment acknowledgment is not acceptable, form a
		 * reset segment".
		 */
		[TERN_EV_RCV_BAD_ACK]		= GO(SYN_RECV, REPLY_RST),
		/* "If an incoming segment is not acceptable, an
		 * acknowledgment should be sent in reply".
		 */
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(SYN_RECV, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= GO(SYN_RECV, OOW_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		/* 1122 4.2.3.9: past SYN-SENT, an ICMP error is soft. */
		[TERN_EV_ICMP_ERROR]		= GO(SYN_RECV, SOFT_ERROR),
	},
	[TCP_ESTABLISHED] = {
		[TERN_EV_CLOSE]			= GO(FIN_WAIT1, SEND_FIN),
		[TERN_EV_ABORT]			= GO(CLOSE, ABORT),
		/* 5961 4.2: any SYN here gets a challenge ACK. */
		[TERN_EV_RCV_SYN]		= GO(ESTABLISHED, CHALLENGE_ACK),
		/* The peer's SYN,ACK again: our ACK was lost; ACK again. */
		[TERN_EV_RCV_SYNACK]		= GO(ESTABLISHED, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(ESTABLISHED, NONE),
		[TERN_EV_RCV_FIN]		= GO(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= GO(ESTABLISHED, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= GO(ESTABLISHED, DISCARD),
		/* 793 fifth: "If the ACK acks something not yet sent ...
		 * send an ACK, drop the segment"; like any reply to an
		 * unacceptable segment, no more often than TCP's
		 * tcp_oow_rate_limited() lets it (no ACK loops).
		 */
		[TERN_EV_RCV_BAD_ACK]		= GO(ESTABLISHED, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(ESTABLISHED, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= GO(ESTABLISHED, SEND_ACK),
		/* 1122 4.2.3.5 R2: give up on the connection. */
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		/* Keepalive gave up: the peer is dead, or a RST wakes it. */
		[TERN_EV_KEEPALIVE_EXHAUSTED]	= GO(CLOSE, ABORT_TIMED_OUT),
		[TERN_EV_ICMP_ERROR]		= GO(ESTABLISHED, SOFT_ERROR),
	},
	[TCP_FIN_WAIT1] = {
		/* 793: a second CLOSE is "ok" as long as no second FIN. */
		[TERN_EV_CLOSE]			= GO(FIN_WAIT1, NONE),
		[TERN_EV_ABORT]			= GO(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= GO(FIN_WAIT1, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(FIN_WAIT1, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(FIN_WAIT1, NONE),
		/* Our FIN acknowledged: FIN-WAIT-2. */
		[TERN_EV_RCV_FIN_ACKED]		= GO(FIN_WAIT2, NONE),
		/* A FIN while ours is unacknowledged: CLOSING. */
		[TERN_EV_RCV_FIN]		= GO(CLOSING, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= GO(FIN_WAIT1, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= GO(FIN_WAIT1, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= GO(FIN_WAIT1, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(FIN_WAIT1, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= GO(FIN_WAIT1, SEND_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		/* An orphan over the orphan or memory limit: reset it, as
		 * TCP's tcp_out_of_resources() does.
		 */
		[TERN_EV_OUT_OF_RESOURCES]	= GO(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= GO(FIN_WAIT1, SOFT_ERROR),
	},
	[TCP_FIN_WAIT2] = {
		[TERN_EV_CLOSE]			= GO(FIN_WAIT2, NONE),
		[TERN_EV_ABORT]			= GO(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= GO(FIN_WAIT2, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(FIN_WAIT2, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(FIN_WAIT2, NONE),
		/* 793 FIN-WAIT-2: acknowledge the FIN, enter TIME-WAIT. */
		[TERN_EV_RCV_FIN]		= GO(TIME_WAIT, TIME_WAIT_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= GO(FIN_WAIT2, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= GO(FIN_WAIT2, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= GO(FIN_WAIT2, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(FIN_WAIT2, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= GO(FIN_WAIT2, SEND_ACK),
		/* The orphan gives up waiting; as Linux, reset the peer so a
		 * live one learns the connection is gone.
		 */
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= GO(CLOSE, ABORT),
		[TERN_EV_OUT_OF_RESOURCES]	= GO(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= GO(FIN_WAIT2, SOFT_ERROR),
	},
	[TCP_CLOSE_WAIT] = {
		/* 793 CLOSE in CLOSE-WAIT: send FIN, enter LAST-ACK. */
		[TERN_EV_CLOSE]			= GO(LAST_ACK, SEND_FIN),
		[TERN_EV_ABORT]			= GO(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= GO(CLOSE_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(CLOSE_WAIT, NONE),
		/* A retransmitted FIN: remain, acknowledge it again. */
		[TERN_EV_RCV_FIN]		= GO(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= GO(CLOSE_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= GO(CLOSE_WAIT, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= GO(CLOSE_WAIT, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(CLOSE_WAIT, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= GO(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_KEEPALIVE_EXHAUSTED]	= GO(CLOSE, ABORT_TIMED_OUT),
		[TERN_EV_ICMP_ERROR]		= GO(CLOSE_WAIT, SOFT_ERROR),
	},
	[TCP_CLOSING] = {
		/* 793: "connection closing", nothing changes. */
		[TERN_EV_CLOSE]			= GO(CLOSING, NONE),
		/* 1122 4.2.2.13: reset on unread data. */
		[TERN_EV_ABORT]			= GO(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= GO(CLOSING, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(CLOSING, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(CLOSING, NONE),
		/* The ACK of our FIN: enter TIME-WAIT (their FIN is
		 * acknowledged already).
		 */
		[TERN_EV_RCV_FIN_ACKED]		= GO(TIME_WAIT, TIME_WAIT),
		[TERN_EV_RCV_FIN]		= GO(CLOSING, SEND_ACK),
		/* RST in CLOSING, LAST-ACK: nobody to tell, just close. */
		[TERN_EV_RCV_RST]		= GO(CLOSE, CLOSE),
		[TERN_EV_RCV_RST_IN_WINDOW]	= GO(CLOSING, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= GO(CLOSING, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= GO(CLOSING, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(CLOSING, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= GO(CLOSING, SEND_ACK),
		/* Our FIN is still being retransmitted. */
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_OUT_OF_RESOURCES]	= GO(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= GO(CLOSING, SOFT_ERROR),
	},
	[TCP_LAST_ACK] = {
		[TERN_EV_CLOSE]			= GO(LAST_ACK, NONE),
		[TERN_EV_ABORT]			= GO(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= GO(LAST_ACK, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= GO(LAST_ACK, SEND_ACK),
		[TERN_EV_RCV_ACK]		= GO(LAST_ACK, NONE),
		/* Our FIN acknowledged: delete the TCB. */
		[TERN_EV_RCV_FIN_ACKED]		= GO(CLOSE, CLOSE),
		[TERN_EV_RCV_FIN]		= GO(LAST_ACK, SEND_ACK),
		[TERN_EV_RCV_RST]		= GO(CLOSE, CLOSE),
		[TERN_EV_RCV_RST_IN_WINDOW]	= GO(LAST_ACK, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= GO(LAST_ACK, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= GO(LAST_ACK, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(LAST_ACK, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= GO(LAST_ACK, SEND_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, TIMED_OUT),
		[TERN_EV_OUT_OF_RESOURCES]	= GO(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= GO(LAST_ACK, SOFT_ERROR),
	},
	/* A TIME_WAIT entry: no user, so no user calls. */
	[TCP_TIME_WAIT] = {
		/* 1122 4.2.2.13 and RFC 6191: a SYN with a higher sequence
		 * number may reopen the connection (the listener takes it).
		 */
		[TERN_EV_RCV_SYN]		= GO(CLOSE, REOPEN),
		/* The peer's ACK of our FIN, again. */
		[TERN_EV_RCV_ACK]		= GO(TIME_WAIT, DISCARD),
		/* 793 TIME-WAIT: their FIN again: acknowledge it, restart
		 * the 2 MSL timeout.
		 */
		[TERN_EV_RCV_FIN]		= GO(TIME_WAIT, RESTART_TIME_WAIT),
		/* RFC 1337 (TIME-WAIT assassination): ignore RSTs. */
		[TERN_EV_RCV_RST]		= GO(TIME_WAIT, DISCARD),
		[TERN_EV_RCV_BAD_RST]		= GO(TIME_WAIT, DISCARD),
		/* Anything else gets an ACK with the old numbers. */
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(TIME_WAIT, OOW_ACK),
		[TERN_EV_ICMP_ERROR]		= GO(TIME_WAIT, DISCARD),
		/* 2 MSL are over: delete the TCB. */
		[TERN_EV_TIMEWAIT_EXPIRED]	= GO(CLOSE, REMOVE),
	},
	/* A request entry (the passive side of SYN-RECEIVED). */
	[TCP_NEW_SYN_RECV] = {
		/* The same SYN again: our SYN,ACK was lost. */
		[TERN_EV_RCV_SYN]		= GO(NEW_SYN_RECV, RESEND_SYNACK),
		/* The ACK of our SYN: the connection's socket, in
		 * SYN-RECEIVED until it takes the segment; a FIN with the
		 * ACK is the socket's to process.
		 */
		[TERN_EV_RCV_ACK]		= GO(SYN_RECV, CREATE_CHILD),
		[TERN_EV_RCV_FIN]		= GO(SYN_RECV, CREATE_CHILD),
		/* "If the RST bit is set ... return to the LISTEN state". */
		[TERN_EV_RCV_RST]		= GO(CLOSE, REMOVE),
		[TERN_EV_RCV_BAD_RST]		= GO(NEW_SYN_RECV, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= GO(NEW_SYN_RECV, REPLY_RST),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= GO(NEW_SYN_RECV, OOW_ACK),
		/* No ACK in time: SYN,ACK again, until the retries end. */
		[TERN_EV_SYNACK_TIMEOUT]	= GO(NEW_SYN_RECV, RESEND_SYNACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= GO(CLOSE, REMOVE),
		/* TCP_DEFER_ACCEPT (tcp_check_req()): a bare ACK is noted
		 * and dropped; the entry waits for data, quietly.
		 */
		[TERN_EV_RCV_ACK_DEFERRED]	= GO(NEW_SYN_RECV, DEFER_ACCEPT),
		[TERN_EV_DEFER_TIMEOUT]		= GO(NEW_SYN_RECV, NONE),
		/* The peer is unreachable: the half-open entry goes. */
		[TERN_EV_ICMP_ERROR]		= GO(CLOSE, REMOVE),
	},
};

/* How many events each state can meet, counted from the RFCs above. */
static const int possible_events[NR_STATES] = {
	[TCP_CLOSE] = 10,
	[TCP_LISTEN] = 10,
	[TCP_SYN_SENT] = 12,
	[TCP_SYN_RECV] = 14,
	[TCP_ESTABLISHED] = 15,
	[TCP_FIN_WAIT1] = 16,
	[TCP_FIN_WAIT2] = 15,
	[TCP_CLOSE_WAIT] = 15,
	[TCP_CLOSING] = 16,
	[TCP_LAST_ACK] = 16,
	[TCP_TIME_WAIT] = 8,
	[TCP_NEW_SYN_RECV] = 12,
};

/* The expected cell; one the table above leaves out keeps the state. */
static struct tern_transition expected_cell(int state, int ev)
{
	struct tern_transition t = expected[state][ev];

	if (t.action == TERN_ACT_INVALID)
		t.next = state;
	return t;
}

static const int all_states[] = {
	TCP_ESTABLISHED, TCP_SYN_SENT, TCP_SYN_RECV, TCP_FIN_WAIT1,
	TCP_FIN_WAIT2, TCP_TIME_WAIT, TCP_CLOSE, TCP_CLOSE_WAIT,
	TCP_LAST_ACK, TCP_LISTEN, TCP_CLOSING, TCP_NEW_SYN_RECV,
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
		struct tern_transition want = expected_cell(state, ev);
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

/* Every row has the events the RFCs give it: no cell forgotten. */
static void sm_expected_complete(struct kunit *test)
{
	int i, ev;

	for (i = 0; i < ARRAY_SIZE(all_states); i++) {
		int state = all_states[i], possible = 0;

		for (ev = 0; ev < TERN_EV_MAX; ev++)
			possible += expected[state][ev].action != TERN_ACT_INVALID;
		KUNIT_EXPECT_EQ_MSG(test, possible, possible_events[state], "%s",
				    tern_state_name(state));
	}
	KUNIT_EXPECT_EQ(test, (int)TERN_EV_MAX, 26);
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
 * the failures, ABORT, CLOSE, REMOVE and REOPEN end in CLOSED, ESTABLISH*
 * in ESTABLISHED, the TIME_WAIT ones in TIME_WAIT, CREATE_CHILD makes a
 * socket in SYN_RECV. A cell that disagreed would leave a socket or
 * entry in a state other than the table's.
 */
static void sm_action_matches_next(struct kunit *test)
{
	int state, ev;

	for (state = TERN_SM_FIRST_STATE; state <= TERN_SM_LAST_STATE; state++)
		for (ev = 0; ev < TERN_EV_MAX; ev++) {
			struct tern_transition t = tern_sm_lookup(state, ev);
			int want = -1;

			switch (t.action) {
			case TERN_ACT_ABORT:
			case TERN_ACT_REFUSED:
			case TERN_ACT_RESET:
			case TERN_ACT_TIMED_OUT:
			case TERN_ACT_ABORT_TIMED_OUT:
			case TERN_ACT_UNREACHABLE:
			case TERN_ACT_CLOSE:
			case TERN_ACT_STOP_LISTEN:
			case TERN_ACT_REMOVE:
			case TERN_ACT_REOPEN:
				want = TCP_CLOSE;
				break;
			case TERN_ACT_ESTABLISH:
			case TERN_ACT_ESTABLISH_ACK:
				want = TCP_ESTABLISHED;
				break;
			case TERN_ACT_TIME_WAIT:
			case TERN_ACT_TIME_WAIT_ACK:
			case TERN_ACT_RESTART_TIME_WAIT:
				want = TCP_TIME_WAIT;
				break;
			case TERN_ACT_CREATE_CHILD:
				/* The listener stays; the request's child is new. */
				want = state == TCP_LISTEN ? TCP_LISTEN : TCP_SYN_RECV;
				break;
			case TERN_ACT_SEND_SYN:
				want = TCP_SYN_SENT;
				break;
			case TERN_ACT_START_LISTEN:
			case TERN_ACT_NEW_REQUEST:
				want = TCP_LISTEN;
				break;
			case TERN_ACT_REPLY_RST:
			case TERN_ACT_DISCARD:
			case TERN_ACT_CHALLENGE_ACK:
			case TERN_ACT_OOW_ACK:
			case TERN_ACT_SOFT_ERROR:
				/* Replies and notes: the state stays (an ACK
				 * of a FIN, SEND_ACK, may move on).
				 */
				want = state;
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

/* Every state is reachable from CLOSED, and CLOSED from every state.
 * Request entries are reached from LISTEN (NEW_REQUEST makes one), and
 * TIME_WAIT entries from the full socket's TIME_WAIT actions.
 */
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

				int next = t.action == TERN_ACT_NEW_REQUEST ?
					   TCP_NEW_SYN_RECV : t.next;

				if (t.action == TERN_ACT_INVALID)
					continue;
				if (seen[state] && !seen[next]) {
					seen[next] = true;
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
		0, -1, TCP_NEW_SYN_RECV + 1, 100, INT_MAX, INT_MIN,
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
 * Where only the flags matter (no entry, LISTEN), a segment is the event
 * its most decisive flag makes it: a RST whatever else it carries, then
 * SYN (with or without ACK), then FIN, else a bare ACK. PSH never
 * changes the event.
 */
static void sm_flags_event(struct kunit *test)
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
		KUNIT_EXPECT_EQ_MSG(test, tern_flags_event(cases[i].flags),
				    cases[i].event, "flags 0x%02x", cases[i].flags);
}

/* A listener: a bare ACK that answers our SYN cookie, and only that. */
static void sm_listen_event(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_listen_event(TERN_FLAG_ACK, true),
			TERN_EV_RCV_COOKIE_ACK);
	KUNIT_EXPECT_EQ(test, tern_listen_event(TERN_FLAG_ACK | TERN_FLAG_PSH, true),
			TERN_EV_RCV_COOKIE_ACK);
	KUNIT_EXPECT_EQ(test, tern_listen_event(TERN_FLAG_ACK, false), TERN_EV_RCV_ACK);
	KUNIT_EXPECT_EQ(test, tern_listen_event(TERN_FLAG_ACK | TERN_FLAG_FIN, true),
			TERN_EV_RCV_FIN);
	KUNIT_EXPECT_EQ(test, tern_listen_event(TERN_FLAG_RST | TERN_FLAG_ACK, true),
			TERN_EV_RCV_RST);
	KUNIT_EXPECT_EQ(test, tern_listen_event(TERN_FLAG_SYN | TERN_FLAG_ACK, true),
			TERN_EV_RCV_SYNACK);
}

/* 793 SYN-SENT: the ACK check comes first, then RST, then SYN. */
static void sm_syn_sent_event(struct kunit *test)
{
	static const struct {
		u8 flags;
		bool ack_ok;
		enum tern_event event;
	} cases[] = {
		/* "If SEG.ACK =< ISS, or SEG.ACK > SND.NXT, send a reset
		 * (unless the RST bit is set, if so drop the segment)".
		 */
		{ TERN_FLAG_ACK, false, TERN_EV_RCV_BAD_ACK },
		{ TERN_FLAG_SYN | TERN_FLAG_ACK, false, TERN_EV_RCV_BAD_ACK },
		{ TERN_FLAG_RST | TERN_FLAG_ACK, false, TERN_EV_RCV_BAD_RST },
		/* "If the ACK was acceptable then signal ... reset". */
		{ TERN_FLAG_RST | TERN_FLAG_ACK, true, TERN_EV_RCV_RST },
		/* "... otherwise drop the segment": a RST without ACK. */
		{ TERN_FLAG_RST, false, TERN_EV_RCV_BAD_RST },
		{ TERN_FLAG_SYN | TERN_FLAG_ACK, true, TERN_EV_RCV_SYNACK },
		/* A SYN without ACK: simultaneous open. */
		{ TERN_FLAG_SYN, false, TERN_EV_RCV_SYN },
		{ TERN_FLAG_ACK, true, TERN_EV_RCV_ACK },
		{ TERN_FLAG_ACK | TERN_FLAG_FIN, true, TERN_EV_RCV_FIN },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, tern_syn_sent_event(cases[i].flags,
							      cases[i].ack_ok),
				    cases[i].event, "case %d", i);
}

/* 793's first, second and fourth checks, with RFC 5961's RST rules;
 * RCV.NXT is 0 (the probe's number is one before, across the wrap).
 */
static void sm_sync_event(struct kunit *test)
{
	static const struct {
		u8 flags;
		bool in_window;
		u32 seq, end_seq;
		bool syn_dup;
		enum tern_event event;
	} cases[] = {
		{ TERN_FLAG_RST, false, 0, 0, false, TERN_EV_RCV_BAD_RST },
		{ TERN_FLAG_RST | TERN_FLAG_ACK, true, 5, 5, false,
		  TERN_EV_RCV_RST_IN_WINDOW },
		{ TERN_FLAG_RST, true, 0, 0, false, TERN_EV_RCV_RST },
		/* Any unacceptable non-RST segment, a SYN too. */
		{ TERN_FLAG_ACK, false, 5, 5, false, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_SYN, false, 5, 6, false, TERN_EV_RCV_OUT_OF_WINDOW },
		/* ... but an empty ACK one before RCV.NXT: a probe. */
		{ TERN_FLAG_ACK, false, 0xffffffff, 0xffffffff, false, TERN_EV_RCV_PROBE },
		{ TERN_FLAG_ACK | TERN_FLAG_PSH, false, 0xffffffff, 0xffffffff, false,
		  TERN_EV_RCV_PROBE },
		/* With a byte, a FIN, no ACK or elsewhere, it is not. */
		{ TERN_FLAG_ACK, false, 0xffffffff, 0, false, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_ACK | TERN_FLAG_FIN, false, 0xffffffff, 0, false,
		  TERN_EV_RCV_OUT_OF_WINDOW },
		{ 0, false, 0xffffffff, 0xffffffff, false, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_ACK, false, 0xfffffffe, 0xfffffffe, false,
		  TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_SYN, true, 5, 6, false, TERN_EV_RCV_SYN },
		{ TERN_FLAG_SYN | TERN_FLAG_ACK, true, 5, 6, false, TERN_EV_RCV_SYN },
		{ TERN_FLAG_SYN | TERN_FLAG_ACK, true, 5, 6, true, TERN_EV_RCV_SYNACK },
		/* A bare SYN that repeats an ISN is still a SYN. */
		{ TERN_FLAG_SYN, true, 5, 6, true, TERN_EV_RCV_SYN },
		/* Everything else goes on to the ACK and data checks. */
		{ TERN_FLAG_ACK, true, 0, 0, false, TERN_EV_RCV_ACK },
		{ TERN_FLAG_ACK | TERN_FLAG_FIN, true, 5, 6, false, TERN_EV_RCV_ACK },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, tern_sync_event(cases[i].flags,
							  cases[i].in_window,
							  cases[i].seq,
							  cases[i].end_seq, 0,
							  cases[i].syn_dup),
				    cases[i].event, "case %d", i);
}

/* A request entry: IRS and ISS near the wrap, a 1000-byte window. */
static void sm_req_event(struct kunit *test)
{
	const u32 irs = 0xfffffff0, iss = 0xffffffff, win = 1000;
	static const struct {
		u8 flags;
		u32 seq_off, ack;	/* seq = irs + seq_off */
		enum tern_event event;
		u32 len;		/* payload */
		bool defer;		/* the listener defers accept() */
	} cases[] = {
		/* The handshake's ACK, with and without data or FIN. */
		{ TERN_FLAG_ACK, 1, 0, TERN_EV_RCV_ACK },
		{ TERN_FLAG_ACK | TERN_FLAG_PSH, 1, 0, TERN_EV_RCV_ACK, 10 },
		{ TERN_FLAG_ACK | TERN_FLAG_FIN, 1, 0, TERN_EV_RCV_FIN },
		/* TCP_DEFER_ACCEPT: only data (or a FIN) makes the socket. */
		{ TERN_FLAG_ACK, 1, 0, TERN_EV_RCV_ACK_DEFERRED, 0, true },
		{ TERN_FLAG_ACK | TERN_FLAG_PSH, 1, 0, TERN_EV_RCV_ACK, 10, true },
		{ TERN_FLAG_ACK | TERN_FLAG_FIN, 1, 0, TERN_EV_RCV_FIN, 0, true },
		{ TERN_FLAG_ACK, 1, 1, TERN_EV_RCV_BAD_ACK, 0, true },
		/* Data after a lost first segment: still in the window. */
		{ TERN_FLAG_ACK, 1 + 999, 0, TERN_EV_RCV_ACK },
		{ TERN_FLAG_ACK, 1 + 1001, 0, TERN_EV_RCV_OUT_OF_WINDOW },
		/* Older than the SYN. */
		{ TERN_FLAG_ACK, 0, 0, TERN_EV_RCV_OUT_OF_WINDOW },
		/* Acknowledging anything but our SYN: reset. */
		{ TERN_FLAG_ACK, 1, 1, TERN_EV_RCV_BAD_ACK },
		/* The original SYN again; a different one is out of place. */
		{ TERN_FLAG_SYN, 0, 0, TERN_EV_RCV_SYN },
		{ TERN_FLAG_SYN, 5, 0, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_SYN | TERN_FLAG_ACK, 0, 0, TERN_EV_RCV_OUT_OF_WINDOW },
		/* RSTs count only at exactly IRS + 1. */
		{ TERN_FLAG_RST, 1, 0, TERN_EV_RCV_RST },
		{ TERN_FLAG_RST | TERN_FLAG_ACK, 2, 0, TERN_EV_RCV_BAD_RST },
		{ TERN_FLAG_RST, 0, 0, TERN_EV_RCV_BAD_RST },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 seq = irs + cases[i].seq_off, ack = 0;
		u32 end_seq = seq + cases[i].len +
			      !!(cases[i].flags & (TERN_FLAG_SYN | TERN_FLAG_FIN));

		if (cases[i].flags & TERN_FLAG_ACK)
			ack = iss + 1 + cases[i].ack;
		KUNIT_EXPECT_EQ_MSG(test, tern_req_event(cases[i].flags, seq, end_seq,
							 ack, irs, iss, win,
							 cases[i].defer),
				    cases[i].event, "case %d", i);
	}
}

/* A request's timer, as TCP's syn_ack_recalc() decides: 5 retries, and
 * with TCP_DEFER_ACCEPT a deferral of 3 or 8 timeouts.
 */
static void sm_req_timer_event(struct kunit *test)
{
	static const struct {
		u8 retransmits, defer;
		bool acked;
		enum tern_event event;
	} cases[] = {
		/* No deferral: SYN+ACK again until the retries run out. */
		{ 0, 0, false, TERN_EV_SYNACK_TIMEOUT },
		{ 4, 0, false, TERN_EV_SYNACK_TIMEOUT },
		{ 5, 0, false, TERN_EV_RETRIES_EXHAUSTED },
		/* Deferring, no ACK yet: the same. */
		{ 0, 3, false, TERN_EV_SYNACK_TIMEOUT },
		{ 5, 8, false, TERN_EV_RETRIES_EXHAUSTED },
		/* Acked: quiet until the deferral's last timeout... */
		{ 0, 3, true, TERN_EV_DEFER_TIMEOUT },
		{ 1, 3, true, TERN_EV_DEFER_TIMEOUT },
		{ 2, 3, true, TERN_EV_SYNACK_TIMEOUT },
		/* ...and kept past the retries while the deferral lasts. */
		{ 5, 8, true, TERN_EV_DEFER_TIMEOUT },
		{ 7, 8, true, TERN_EV_SYNACK_TIMEOUT },
		{ 8, 8, true, TERN_EV_RETRIES_EXHAUSTED },
		{ 5, 3, true, TERN_EV_RETRIES_EXHAUSTED },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, tern_req_timer_event(cases[i].retransmits, 5,
							       cases[i].defer,
							       cases[i].acked),
				    cases[i].event, "case %d", i);
}

/* A TIME_WAIT entry whose RCV.NXT is just past the wrap. */
static void sm_tw_event(struct kunit *test)
{
	const u32 rcv_nxt = 5;
	static const struct {
		u8 flags;
		u32 seq, end_seq;
		enum tern_event event;
	} cases[] = {
		/* The peer's FIN again (its seq one before RCV.NXT). */
		{ TERN_FLAG_FIN | TERN_FLAG_ACK, 4, 5, TERN_EV_RCV_FIN },
		/* ... with the data before it. */
		{ TERN_FLAG_FIN | TERN_FLAG_ACK, 0xfffffff0, 5, TERN_EV_RCV_FIN },
		/* Another FIN: not the one we acknowledged. */
		{ TERN_FLAG_FIN | TERN_FLAG_ACK, 100, 101, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_FIN | TERN_FLAG_ACK, 5, 6, TERN_EV_RCV_OUT_OF_WINDOW },
		/* The bare ACK of our FIN. */
		{ TERN_FLAG_ACK, 5, 5, TERN_EV_RCV_ACK },
		/* Old or new data, a bare ACK elsewhere: ACK it. */
		{ TERN_FLAG_ACK, 1, 3, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_ACK, 5, 10, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_ACK, 7, 7, TERN_EV_RCV_OUT_OF_WINDOW },
		/* A SYN beyond RCV.NXT is a new connection (RFC 6191). */
		{ TERN_FLAG_SYN, 6, 7, TERN_EV_RCV_SYN },
		{ TERN_FLAG_SYN, 0x7ffffff0, 0x7ffffff1, TERN_EV_RCV_SYN },
		/* Not beyond it: an old duplicate. */
		{ TERN_FLAG_SYN, 5, 6, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_SYN, 0xfffffff0, 0xfffffff1, TERN_EV_RCV_OUT_OF_WINDOW },
		{ TERN_FLAG_SYN | TERN_FLAG_ACK, 6, 7, TERN_EV_RCV_OUT_OF_WINDOW },
		/* RFC 1337 is the table's business; this only sorts them. */
		{ TERN_FLAG_RST, 5, 5, TERN_EV_RCV_RST },
		{ TERN_FLAG_RST | TERN_FLAG_ACK, 9, 9, TERN_EV_RCV_BAD_RST },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, tern_tw_event(cases[i].flags, cases[i].seq,
							cases[i].end_seq, rcv_nxt),
				    cases[i].event, "case %d", i);
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
		/* request entries read as SYN_RECV */
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
		[TERN_EV_CONNECT_FAILED]	= "CONNECT_FAILED",
		[TERN_EV_LISTEN]		= "LISTEN",
		[TERN_EV_CLOSE]			= "CLOSE",
		[TERN_EV_ABORT]			= "ABORT",
		[TERN_EV_RCV_SYN]		= "RCV_SYN",
		[TERN_EV_RCV_SYNACK]		= "RCV_SYNACK",
		[TERN_EV_RCV_COOKIE_ACK]	= "RCV_COOKIE_ACK",
		[TERN_EV_RCV_ACK]		= "RCV_ACK",
		[TERN_EV_RCV_FIN_ACKED]		= "RCV_FIN_ACKED",
		[TERN_EV_RCV_FIN]		= "RCV_FIN",
		[TERN_EV_RCV_RST]		= "RCV_RST",
		[TERN_EV_RCV_RST_IN_WINDOW]	= "RCV_RST_IN_WINDOW",
		[TERN_EV_RCV_BAD_RST]		= "RCV_BAD_RST",
		[TERN_EV_RCV_BAD_ACK]		= "RCV_BAD_ACK",
		[TERN_EV_RCV_OUT_OF_WINDOW]	= "RCV_OUT_OF_WINDOW",
		[TERN_EV_RCV_PROBE]		= "RCV_PROBE",
		[TERN_EV_ICMP_ERROR]		= "ICMP_ERROR",
		[TERN_EV_SYNACK_TIMEOUT]	= "SYNACK_TIMEOUT",
		[TERN_EV_RETRIES_EXHAUSTED]	= "RETRIES_EXHAUSTED",
		[TERN_EV_KEEPALIVE_EXHAUSTED]	= "KEEPALIVE_EXHAUSTED",
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= "FIN_WAIT2_TIMEOUT",
		[TERN_EV_OUT_OF_RESOURCES]	= "OUT_OF_RESOURCES",
		[TERN_EV_TIMEWAIT_EXPIRED]	= "TIMEWAIT_EXPIRED",
		[TERN_EV_RCV_ACK_DEFERRED]	= "RCV_ACK_DEFERRED",
		[TERN_EV_DEFER_TIMEOUT]		= "DEFER_TIMEOUT",
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
		[TERN_ACT_INVALID]		= "INVALID",
		[TERN_ACT_NONE]			= "NONE",
		[TERN_ACT_DISCARD]		= "DISCARD",
		[TERN_ACT_SEND_ACK]		= "SEND_ACK",
		[TERN_ACT_CHALLENGE_ACK]	= "CHALLENGE_ACK",
		[TERN_ACT_OOW_ACK]		= "OOW_ACK",
		[TERN_ACT_REPLY_RST]		= "REPLY_RST",
		[TERN_ACT_SEND_SYN]		= "SEND_SYN",
		[TERN_ACT_NEW_REQUEST]		= "NEW_REQUEST",
		[TERN_ACT_RESEND_SYNACK]	= "RESEND_SYNACK",
		[TERN_ACT_CREATE_CHILD]		= "CREATE_CHILD",
		[TERN_ACT_ESTABLISH]		= "ESTABLISH",
		[TERN_ACT_ESTABLISH_ACK]	= "ESTABLISH_ACK",
		[TERN_ACT_START_LISTEN]		= "START_LISTEN",
		[TERN_ACT_STOP_LISTEN]		= "STOP_LISTEN",
		[TERN_ACT_SEND_FIN]		= "SEND_FIN",
		[TERN_ACT_TIME_WAIT]		= "TIME_WAIT",
		[TERN_ACT_TIME_WAIT_ACK]	= "TIME_WAIT_ACK",
		[TERN_ACT_RESTART_TIME_WAIT]	= "RESTART_TIME_WAIT",
		[TERN_ACT_REOPEN]		= "REOPEN",
		[TERN_ACT_REMOVE]		= "REMOVE",
		[TERN_ACT_ABORT]		= "ABORT",
		[TERN_ACT_REFUSED]		= "REFUSED",
		[TERN_ACT_RESET]		= "RESET",
		[TERN_ACT_TIMED_OUT]		= "TIMED_OUT",
		[TERN_ACT_ABORT_TIMED_OUT]	= "ABORT_TIMED_OUT",
		[TERN_ACT_UNREACHABLE]		= "UNREACHABLE",
		[TERN_ACT_SOFT_ERROR]		= "SOFT_ERROR",
		[TERN_ACT_CLOSE]		= "CLOSE",
		[TERN_ACT_DEFER_ACCEPT]		= "DEFER_ACCEPT",
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
	KUNIT_CASE(sm_flags_event),
	KUNIT_CASE(sm_listen_event),
	KUNIT_CASE(sm_syn_sent_event),
	KUNIT_CASE(sm_sync_event),
	KUNIT_CASE(sm_req_event),
	KUNIT_CASE(sm_req_timer_event),
	KUNIT_CASE(sm_tw_event),
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
