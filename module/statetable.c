// SPDX-License-Identifier: GPL-2.0
/*
 * The connection state machine as a table, in the style of SCTP's
 * sm_statetable.c: one row per state (full sockets, TIME_WAIT and request
 * entries), one cell per event, each cell the next state and the action.
 * RFC 793 (with RFC 1122, RFC 1337, RFC 5961 and RFC 6191) is the source
 * of every cell; KUnit checks all of them. The functions that say which
 * event a segment is live here too: pure, and tested the same way.
 */
#include <kunit/visibility.h>
#include <linux/kernel.h>

#include "statetable.h"
#include "seq.h"
#include "wire.h"

#define T(state, act)	{ .next = TCP_##state, .action = TERN_ACT_##act }

/* Cells left out cannot happen in their state: INVALID, state kept. The
 * comments give each cell's reason; "793" is RFC 793 section 3.9.
 */
static const struct tern_transition
tern_sm_table[TERN_SM_LAST_STATE + 1][TERN_EV_MAX] = {
	/* An unconnected socket, and the 4-tuples no entry holds. */
	[TCP_CLOSE] = {
		/* 793 OPEN: active sends a SYN, passive listens. */
		[TERN_EV_CONNECT]		= T(SYN_SENT, SEND_SYN),
		[TERN_EV_LISTEN]		= T(LISTEN, START_LISTEN),
		/* Nothing to tell anyone. */
		[TERN_EV_CLOSE]			= T(CLOSE, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, NONE),
		/* 793 CLOSED: anything but a RST is answered by a RST. */
		[TERN_EV_RCV_SYN]		= T(CLOSE, REPLY_RST),
		[TERN_EV_RCV_SYNACK]		= T(CLOSE, REPLY_RST),
		[TERN_EV_RCV_ACK]		= T(CLOSE, REPLY_RST),
		[TERN_EV_RCV_FIN]		= T(CLOSE, REPLY_RST),
		[TERN_EV_RCV_RST]		= T(CLOSE, DISCARD),
		/* Nobody to report it to. */
		[TERN_EV_ICMP_ERROR]		= T(CLOSE, DISCARD),
	},
	[TCP_LISTEN] = {
		/* listen() again only changes the backlog. */
		[TERN_EV_LISTEN]		= T(LISTEN, NONE),
		/* 793 CLOSE/ABORT in LISTEN: pending connections go too. */
		[TERN_EV_CLOSE]			= T(CLOSE, STOP_LISTEN),
		[TERN_EV_ABORT]			= T(CLOSE, STOP_LISTEN),
		/* 793 LISTEN, fourth: a SYN makes a (request) connection. */
		[TERN_EV_RCV_SYN]		= T(LISTEN, NEW_REQUEST),
		/* RFC 4987 3.6: the ACK of a SYN cookie is the handshake's. */
		[TERN_EV_RCV_COOKIE_ACK]	= T(LISTEN, CREATE_CHILD),
		/* 793 LISTEN, second: any acknowledgment is bad here. */
		[TERN_EV_RCV_SYNACK]		= T(LISTEN, REPLY_RST),
		[TERN_EV_RCV_ACK]		= T(LISTEN, REPLY_RST),
		[TERN_EV_RCV_FIN]		= T(LISTEN, REPLY_RST),
		/* 793 LISTEN, first: a RST is ignored. */
		[TERN_EV_RCV_RST]		= T(LISTEN, DISCARD),
		[TERN_EV_ICMP_ERROR]		= T(LISTEN, DISCARD),
	},
	[TCP_SYN_SENT] = {
		/* No port or route: back to CLOSED, nothing was sent. */
		[TERN_EV_CONNECT_FAILED]	= T(CLOSE, NONE),
		/* 793 CLOSE/ABORT in SYN-SENT: the peer has nothing to reset. */
		[TERN_EV_CLOSE]			= T(CLOSE, CLOSE),
		[TERN_EV_ABORT]			= T(CLOSE, CLOSE),
		/* 793 SYN-SENT, fourth: simultaneous open, our SYN,ACK. */
		[TERN_EV_RCV_SYN]		= T(SYN_RECV, RESEND_SYNACK),
		/* Our SYN acknowledged: established, acknowledge theirs. */
		[TERN_EV_RCV_SYNACK]		= T(ESTABLISHED, ESTABLISH_ACK),
		/* 793 SYN-SENT, fifth: neither SYN nor RST: drop it. */
		[TERN_EV_RCV_ACK]		= T(SYN_SENT, DISCARD),
		[TERN_EV_RCV_FIN]		= T(SYN_SENT, DISCARD),
		/* 793 SYN-SENT, second: a RST with our ACK: refused. */
		[TERN_EV_RCV_RST]		= T(CLOSE, REFUSED),
		/* ... without it, or with a bad ACK: drop it. */
		[TERN_EV_RCV_BAD_RST]		= T(SYN_SENT, DISCARD),
		/* 793 SYN-SENT, first: an ACK of nothing we sent: reset. */
		[TERN_EV_RCV_BAD_ACK]		= T(SYN_SENT, REPLY_RST),
		/* 1122 4.2.3.5: SYN retransmissions gave up. */
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		/* 1122 4.2.3.9: unreachable while opening: fail now. */
		[TERN_EV_ICMP_ERROR]		= T(CLOSE, UNREACHABLE),
	},
	/* Simultaneous open, and a new child until the handshake's ACK. */
	[TCP_SYN_RECV] = {
		/* 793 CLOSE in SYN-RECEIVED: send a FIN. */
		[TERN_EV_CLOSE]			= T(FIN_WAIT1, SEND_FIN),
		/* 793 ABORT in SYN-RECEIVED: send a reset. */
		[TERN_EV_ABORT]			= T(CLOSE, ABORT),
		/* The peer's SYN again: our SYN,ACK was lost. */
		[TERN_EV_RCV_SYN]		= T(SYN_RECV, RESEND_SYNACK),
		/* 793 figure 8: the crossing SYN,ACK completes it. */
		[TERN_EV_RCV_SYNACK]		= T(ESTABLISHED, ESTABLISH_ACK),
		/* 793 SYN-RECEIVED, fifth: SND.UNA =< SEG.ACK =< SND.NXT. */
		[TERN_EV_RCV_ACK]		= T(ESTABLISHED, ESTABLISH),
		/* 793 SYN-RECEIVED, eighth: a FIN, enter CLOSE-WAIT. */
		[TERN_EV_RCV_FIN]		= T(CLOSE_WAIT, SEND_ACK),
		/* 793 SYN-RECEIVED, second: from an active open: refused. */
		[TERN_EV_RCV_RST]		= T(CLOSE, REFUSED),
		/* RFC 5961 3.2: a RST elsewhere in the window is challenged. */
		[TERN_EV_RCV_RST_IN_WINDOW]	= T(SYN_RECV, CHALLENGE_ACK),
		/* 793 first: a RST outside the window is dropped. */
		[TERN_EV_RCV_BAD_RST]		= T(SYN_RECV, DISCARD),
		/* 793 SYN-RECEIVED, fifth: an unacceptable ACK: reset. */
		[TERN_EV_RCV_BAD_ACK]		= T(SYN_RECV, REPLY_RST),
		/* 793 first: unacceptable, not a RST: acknowledge. */
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(SYN_RECV, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= T(SYN_RECV, OOW_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		/* 1122 4.2.3.9: soft once the peer has answered. */
		[TERN_EV_ICMP_ERROR]		= T(SYN_RECV, SOFT_ERROR),
	},
	[TCP_ESTABLISHED] = {
		[TERN_EV_CLOSE]			= T(FIN_WAIT1, SEND_FIN),
		[TERN_EV_ABORT]			= T(CLOSE, ABORT),
		/* RFC 5961 4.2: any SYN here gets a challenge ACK. */
		[TERN_EV_RCV_SYN]		= T(ESTABLISHED, CHALLENGE_ACK),
		/* The peer's SYN,ACK again: our ACK of it was lost. */
		[TERN_EV_RCV_SYNACK]		= T(ESTABLISHED, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(ESTABLISHED, NONE),
		[TERN_EV_RCV_FIN]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= T(ESTABLISHED, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= T(ESTABLISHED, DISCARD),
		/* 793 fifth: an ACK of something not yet sent, and 793 first:
		 * an unacceptable segment: an ACK, no more than TCP's
		 * tcp_oow_rate_limited() allows (no ACK loops).
		 */
		[TERN_EV_RCV_BAD_ACK]		= T(ESTABLISHED, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(ESTABLISHED, OOW_ACK),
		/* 9293 3.8.6.1 and 3.8.4: a window or keepalive probe is
		 * answered every time, however often the sender's timer
		 * fires: an ACK loop is never made of them.
		 */
		[TERN_EV_RCV_PROBE]		= T(ESTABLISHED, SEND_ACK),
		/* 1122 4.2.3.5 R2: give up on the connection. */
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		/* 1122 4.2.3.6: a dead peer; TCP resets it, in case. */
		[TERN_EV_KEEPALIVE_EXHAUSTED]	= T(CLOSE, ABORT_TIMED_OUT),
		[TERN_EV_ICMP_ERROR]		= T(ESTABLISHED, SOFT_ERROR),
	},
	[TCP_FIN_WAIT1] = {
		/* 793: a second CLOSE is "ok", no second FIN. */
		[TERN_EV_CLOSE]			= T(FIN_WAIT1, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= T(FIN_WAIT1, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(FIN_WAIT1, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(FIN_WAIT1, NONE),
		/* 793 FIN-WAIT-1, fifth: our FIN acknowledged. */
		[TERN_EV_RCV_FIN_ACKED]		= T(FIN_WAIT2, NONE),
		/* 793 eighth: crossing FINs: CLOSING. */
		[TERN_EV_RCV_FIN]		= T(CLOSING, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= T(FIN_WAIT1, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= T(FIN_WAIT1, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= T(FIN_WAIT1, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(FIN_WAIT1, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= T(FIN_WAIT1, SEND_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		/* An orphan beyond the orphan or memory limits: TCP's
		 * out-of-resources reset (tcp_out_of_resources()).
		 */
		[TERN_EV_OUT_OF_RESOURCES]	= T(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= T(FIN_WAIT1, SOFT_ERROR),
	},
	[TCP_FIN_WAIT2] = {
		[TERN_EV_CLOSE]			= T(FIN_WAIT2, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= T(FIN_WAIT2, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(FIN_WAIT2, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(FIN_WAIT2, NONE),
		/* 793 eighth, FIN-WAIT-2: acknowledge it, TIME-WAIT. */
		[TERN_EV_RCV_FIN]		= T(TIME_WAIT, TIME_WAIT_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= T(FIN_WAIT2, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= T(FIN_WAIT2, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= T(FIN_WAIT2, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(FIN_WAIT2, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= T(FIN_WAIT2, SEND_ACK),
		/* An orphan's peer never sent its FIN: reset it, as TCP. */
		[TERN_EV_FIN_WAIT2_TIMEOUT]	= T(CLOSE, ABORT),
		[TERN_EV_OUT_OF_RESOURCES]	= T(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= T(FIN_WAIT2, SOFT_ERROR),
	},
	[TCP_CLOSE_WAIT] = {
		/* 793 CLOSE in CLOSE-WAIT: our FIN, LAST-ACK. */
		[TERN_EV_CLOSE]			= T(LAST_ACK, SEND_FIN),
		[TERN_EV_ABORT]			= T(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= T(CLOSE_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(CLOSE_WAIT, NONE),
		/* 793 eighth: the FIN again; it wants its ACK. */
		[TERN_EV_RCV_FIN]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, RESET),
		[TERN_EV_RCV_RST_IN_WINDOW]	= T(CLOSE_WAIT, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= T(CLOSE_WAIT, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= T(CLOSE_WAIT, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(CLOSE_WAIT, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= T(CLOSE_WAIT, SEND_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_KEEPALIVE_EXHAUSTED]	= T(CLOSE, ABORT_TIMED_OUT),
		[TERN_EV_ICMP_ERROR]		= T(CLOSE_WAIT, SOFT_ERROR),
	},
	[TCP_CLOSING] = {
		[TERN_EV_CLOSE]			= T(CLOSING, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= T(CLOSING, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(CLOSING, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(CLOSING, NONE),
		/* 793 CLOSING, fifth: our FIN acknowledged: TIME-WAIT. */
		[TERN_EV_RCV_FIN_ACKED]		= T(TIME_WAIT, TIME_WAIT),
		[TERN_EV_RCV_FIN]		= T(CLOSING, SEND_ACK),
		/* 793 second, CLOSING: a RST: CLOSED. */
		[TERN_EV_RCV_RST]		= T(CLOSE, CLOSE),
		[TERN_EV_RCV_RST_IN_WINDOW]	= T(CLOSING, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= T(CLOSING, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= T(CLOSING, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(CLOSING, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= T(CLOSING, SEND_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_OUT_OF_RESOURCES]	= T(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= T(CLOSING, SOFT_ERROR),
	},
	[TCP_LAST_ACK] = {
		[TERN_EV_CLOSE]			= T(LAST_ACK, NONE),
		[TERN_EV_ABORT]			= T(CLOSE, ABORT),
		[TERN_EV_RCV_SYN]		= T(LAST_ACK, CHALLENGE_ACK),
		[TERN_EV_RCV_SYNACK]		= T(LAST_ACK, SEND_ACK),
		[TERN_EV_RCV_ACK]		= T(LAST_ACK, NONE),
		/* 793 LAST-ACK, fifth: our FIN acknowledged: CLOSED. */
		[TERN_EV_RCV_FIN_ACKED]		= T(CLOSE, CLOSE),
		[TERN_EV_RCV_FIN]		= T(LAST_ACK, SEND_ACK),
		[TERN_EV_RCV_RST]		= T(CLOSE, CLOSE),
		[TERN_EV_RCV_RST_IN_WINDOW]	= T(LAST_ACK, CHALLENGE_ACK),
		[TERN_EV_RCV_BAD_RST]		= T(LAST_ACK, DISCARD),
		[TERN_EV_RCV_BAD_ACK]		= T(LAST_ACK, OOW_ACK),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(LAST_ACK, OOW_ACK),
		[TERN_EV_RCV_PROBE]		= T(LAST_ACK, SEND_ACK),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, TIMED_OUT),
		[TERN_EV_OUT_OF_RESOURCES]	= T(CLOSE, ABORT),
		[TERN_EV_ICMP_ERROR]		= T(LAST_ACK, SOFT_ERROR),
	},
	/* A TIME_WAIT entry: no user, nothing in flight, for 2 MSL. */
	[TCP_TIME_WAIT] = {
		/* 1122 4.2.2.13, RFC 6191: a SYN beyond the old connection's
		 * numbers opens a new one (the listener's ISN goes past ours).
		 */
		[TERN_EV_RCV_SYN]		= T(CLOSE, REOPEN),
		/* The peer's ACK of our FIN, again: nothing to add. */
		[TERN_EV_RCV_ACK]		= T(TIME_WAIT, DISCARD),
		/* 793 TIME-WAIT, eighth: the FIN again (our ACK was lost):
		 * acknowledge it, restart the 2 MSL timeout.
		 */
		[TERN_EV_RCV_FIN]		= T(TIME_WAIT, RESTART_TIME_WAIT),
		/* RFC 1337: a RST must not end TIME-WAIT early. */
		[TERN_EV_RCV_RST]		= T(TIME_WAIT, DISCARD),
		[TERN_EV_RCV_BAD_RST]		= T(TIME_WAIT, DISCARD),
		/* Old data, a stray number: tell its sender where we are. */
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(TIME_WAIT, OOW_ACK),
		[TERN_EV_ICMP_ERROR]		= T(TIME_WAIT, DISCARD),
		[TERN_EV_TIMEWAIT_EXPIRED]	= T(CLOSE, REMOVE),
	},
	/* A request entry: a SYN was answered, its ACK is awaited. */
	[TCP_NEW_SYN_RECV] = {
		/* The original SYN again: our SYN,ACK was lost. */
		[TERN_EV_RCV_SYN]		= T(NEW_SYN_RECV, RESEND_SYNACK),
		/* 793 SYN-RECEIVED, fifth: the ACK makes the connection; a
		 * FIN with it is the new socket's to take.
		 */
		[TERN_EV_RCV_ACK]		= T(SYN_RECV, CREATE_CHILD),
		[TERN_EV_RCV_FIN]		= T(SYN_RECV, CREATE_CHILD),
		/* 793 SYN-RECEIVED, second: the peer gave up. */
		[TERN_EV_RCV_RST]		= T(CLOSE, REMOVE),
		[TERN_EV_RCV_BAD_RST]		= T(NEW_SYN_RECV, DISCARD),
		/* 793 SYN-RECEIVED, fifth: an unacceptable ACK: reset. */
		[TERN_EV_RCV_BAD_ACK]		= T(NEW_SYN_RECV, REPLY_RST),
		[TERN_EV_RCV_OUT_OF_WINDOW]	= T(NEW_SYN_RECV, OOW_ACK),
		/* No ACK yet: SYN,ACK again, with backoff. */
		[TERN_EV_SYNACK_TIMEOUT]	= T(NEW_SYN_RECV, RESEND_SYNACK),
		/* TCP_DEFER_ACCEPT: the peer answered, but accept() waits
		 * for its data (or the deferral to run out), as TCP's.
		 */
		[TERN_EV_RCV_ACK_DEFERRED]	= T(NEW_SYN_RECV, DEFER_ACCEPT),
		[TERN_EV_DEFER_TIMEOUT]		= T(NEW_SYN_RECV, NONE),
		[TERN_EV_RETRIES_EXHAUSTED]	= T(CLOSE, REMOVE),
		/* As TCP: nobody to report it to; the request goes. */
		[TERN_EV_ICMP_ERROR]		= T(CLOSE, REMOVE),
	},
};

/**
 * tern_sm_valid_state() - does the table have a row for @state?
 * @state: a TCP_* state number
 *
 * Return: true for TCP_ESTABLISHED through TCP_NEW_SYN_RECV.
 */
bool tern_sm_valid_state(int state)
{
	return state >= TERN_SM_FIRST_STATE && state <= TERN_SM_LAST_STATE;
}
EXPORT_SYMBOL_IF_KUNIT(tern_sm_valid_state);

/**
 * tern_sm_lookup() - what to do when @event happens in @state
 * @state: the current state, a TCP_* number
 * @event: what happened
 *
 * Return: the next state and the action; for a cell the table leaves
 * out, or a state or event outside it, INVALID and the same state.
 */
struct tern_transition tern_sm_lookup(int state, enum tern_event event)
{
	struct tern_transition bad = { .next = state, .action = TERN_ACT_INVALID };
	struct tern_transition t;

	if (!tern_sm_valid_state(state) || event < 0 || event >= TERN_EV_MAX)
		return bad;
	t = tern_sm_table[state][event];
	return t.action == TERN_ACT_INVALID ? bad : t;
}
EXPORT_SYMBOL_IF_KUNIT(tern_sm_lookup);

/**
 * tern_flags_event() - the event a segment is, by its flags alone: for
 *	CLOSED (no entry) and LISTEN, where no sequence number is known
 * @flags: the segment's header flags, already validated
 *
 * Return: RCV_RST, RCV_SYNACK, RCV_SYN, RCV_FIN or RCV_ACK.
 */
enum tern_event tern_flags_event(u8 flags)
{
	if (flags & TERN_FLAG_RST)
		return TERN_EV_RCV_RST;
	if (flags & TERN_FLAG_SYN)
		return flags & TERN_FLAG_ACK ? TERN_EV_RCV_SYNACK : TERN_EV_RCV_SYN;
	if (flags & TERN_FLAG_FIN)
		return TERN_EV_RCV_FIN;
	return TERN_EV_RCV_ACK;
}
EXPORT_SYMBOL_IF_KUNIT(tern_flags_event);

/**
 * tern_listen_event() - the event a segment is for a listener
 * @flags: its flags, validated
 * @cookie_ok: its acknowledgment number answers one of our SYN cookies
 *
 * Return: RCV_COOKIE_ACK for a bare ACK (data allowed) with a good
 * cookie, else tern_flags_event().
 */
enum tern_event tern_listen_event(u8 flags, bool cookie_ok)
{
	enum tern_event ev = tern_flags_event(flags);

	return ev == TERN_EV_RCV_ACK && cookie_ok ? TERN_EV_RCV_COOKIE_ACK : ev;
}
EXPORT_SYMBOL_IF_KUNIT(tern_listen_event);

/**
 * tern_syn_sent_event() - the event a segment is in SYN-SENT (793 p. 66)
 * @flags: its flags, validated (every segment but a SYN or RST has ACK)
 * @ack_ok: it carries an ACK of exactly our SYN
 *
 * Return: RCV_BAD_ACK or RCV_BAD_RST for an ACK of something else,
 * RCV_RST, RCV_BAD_RST (no ACK), RCV_SYNACK, RCV_SYN, RCV_FIN, RCV_ACK.
 */
enum tern_event tern_syn_sent_event(u8 flags, bool ack_ok)
{
	bool has_ack = flags & TERN_FLAG_ACK;

	if (has_ack && !ack_ok)
		return flags & TERN_FLAG_RST ? TERN_EV_RCV_BAD_RST : TERN_EV_RCV_BAD_ACK;
	if (flags & TERN_FLAG_RST)
		return has_ack ? TERN_EV_RCV_RST : TERN_EV_RCV_BAD_RST;
	if (flags & TERN_FLAG_SYN)
		return has_ack ? TERN_EV_RCV_SYNACK : TERN_EV_RCV_SYN;
	return flags & TERN_FLAG_FIN ? TERN_EV_RCV_FIN : TERN_EV_RCV_ACK;
}
EXPORT_SYMBOL_IF_KUNIT(tern_syn_sent_event);

/**
 * tern_sync_event() - the event a segment is in a synchronized state,
 *	from 793's first four checks (sequence, RST, security, SYN)
 * @flags: its flags, validated
 * @in_window: it passes the sequence check
 * @seq: its sequence number
 * @end_seq: @seq plus its length, SYN and FIN
 * @rcv_nxt: RCV.NXT
 * @syn_dup: a SYN+ACK that repeats the peer's (same ISN, our numbers)
 *
 * Return: the RST events, RCV_PROBE (a keepalive or window probe: empty,
 * one before RCV.NXT), RCV_OUT_OF_WINDOW, RCV_SYNACK or RCV_SYN, or
 * RCV_ACK for a segment that goes on to the ACK and data checks (a FIN
 * becomes its own event once it is in order).
 */
enum tern_event tern_sync_event(u8 flags, bool in_window, u32 seq, u32 end_seq,
				u32 rcv_nxt, bool syn_dup)
{
	if (flags & TERN_FLAG_RST) {
		if (!in_window)
			return TERN_EV_RCV_BAD_RST;
		return seq == rcv_nxt ? TERN_EV_RCV_RST : TERN_EV_RCV_RST_IN_WINDOW;
	}
	if (!in_window)
		return (flags & ~TERN_FLAG_PSH) == TERN_FLAG_ACK &&
		       seq == rcv_nxt - 1 && end_seq == seq ?
		       TERN_EV_RCV_PROBE : TERN_EV_RCV_OUT_OF_WINDOW;
	if (flags & TERN_FLAG_SYN)
		return (flags & TERN_FLAG_ACK) && syn_dup ? TERN_EV_RCV_SYNACK :
							    TERN_EV_RCV_SYN;
	return TERN_EV_RCV_ACK;
}
EXPORT_SYMBOL_IF_KUNIT(tern_sync_event);

/**
 * tern_req_event() - the event a segment is for a request entry
 * @flags: its flags, validated
 * @seq: its sequence number
 * @end_seq: @seq plus its payload (and SYN, FIN)
 * @ack: its acknowledgment number
 * @irs: the peer's ISN, from its SYN
 * @iss: our ISN, in the SYN+ACK
 * @window: the window the SYN+ACK advertised
 * @defer: the listener defers accept() (TCP_DEFER_ACCEPT) and the
 *	deferral has not run out
 *
 * Return: RCV_RST only for a RST at exactly IRS+1 (others are
 * RCV_BAD_RST), RCV_SYN for the original SYN again, RCV_OUT_OF_WINDOW,
 * RCV_BAD_ACK unless it acknowledges exactly our SYN, else RCV_FIN,
 * RCV_ACK_DEFERRED for a bare ACK while deferring, or RCV_ACK.
 */
enum tern_event tern_req_event(u8 flags, u32 seq, u32 end_seq, u32 ack,
			       u32 irs, u32 iss, u32 window, bool defer)
{
	u32 rcv_nxt = irs + 1;

	if (flags & TERN_FLAG_RST)
		return seq == rcv_nxt ? TERN_EV_RCV_RST : TERN_EV_RCV_BAD_RST;
	if (flags == TERN_FLAG_SYN && seq == irs)
		return TERN_EV_RCV_SYN;
	if ((flags & TERN_FLAG_SYN) || seq - rcv_nxt > window)
		return TERN_EV_RCV_OUT_OF_WINDOW;
	if (ack != iss + 1)
		return TERN_EV_RCV_BAD_ACK;
	if (flags & TERN_FLAG_FIN)
		return TERN_EV_RCV_FIN;
	return defer && end_seq == seq ? TERN_EV_RCV_ACK_DEFERRED : TERN_EV_RCV_ACK;
}
EXPORT_SYMBOL_IF_KUNIT(tern_req_event);

/**
 * tern_req_timer_event() - the event a request's timer is
 * @retransmits: SYN+ACKs sent again so far
 * @max_retries: how many the request may send again
 * @defer_accept: the listener's TCP_DEFER_ACCEPT, in timeouts (0: off)
 * @acked: a bare ACK came while accept() was deferred
 *
 * As TCP's syn_ack_recalc(): a request whose peer answered waits for its
 * data quietly, without SYN+ACKs, until the last timeout of the deferral,
 * when one more SYN+ACK gives the peer's ACK the chance to make the
 * connection; it lasts until the deferral or the retries run out,
 * whichever is later.
 *
 * Return: RETRIES_EXHAUSTED, SYNACK_TIMEOUT (send the SYN+ACK again) or
 * DEFER_TIMEOUT (only wait on).
 */
enum tern_event tern_req_timer_event(u8 retransmits, u8 max_retries,
				     u8 defer_accept, bool acked)
{
	if (retransmits >= max_retries &&
	    (!acked || retransmits >= defer_accept))
		return TERN_EV_RETRIES_EXHAUSTED;
	if (acked && retransmits + 1 < defer_accept)
		return TERN_EV_DEFER_TIMEOUT;
	return TERN_EV_SYNACK_TIMEOUT;
}
EXPORT_SYMBOL_IF_KUNIT(tern_req_timer_event);

/**
 * tern_tw_event() - the event a segment is for a TIME_WAIT entry
 * @flags: its flags, validated
 * @seq: its sequence number
 * @end_seq: @seq plus its length, SYN and FIN
 * @rcv_nxt: the number after the peer's FIN
 *
 * Return: RCV_RST (at RCV.NXT) or RCV_BAD_RST; RCV_SYN for a SYN beyond
 * RCV.NXT (a new connection); RCV_FIN for the peer's FIN again; RCV_ACK
 * for a bare ACK at RCV.NXT; RCV_OUT_OF_WINDOW for anything else.
 */
enum tern_event tern_tw_event(u8 flags, u32 seq, u32 end_seq, u32 rcv_nxt)
{
	if (flags & TERN_FLAG_RST)
		return seq == rcv_nxt ? TERN_EV_RCV_RST : TERN_EV_RCV_BAD_RST;
	if (flags == TERN_FLAG_SYN && tern_seq_after(seq, rcv_nxt))
		return TERN_EV_RCV_SYN;
	if (flags & TERN_FLAG_SYN)
		return TERN_EV_RCV_OUT_OF_WINDOW;
	if ((flags & TERN_FLAG_FIN) && end_seq == rcv_nxt)
		return TERN_EV_RCV_FIN;
	if (!(flags & TERN_FLAG_FIN) && seq == rcv_nxt && end_seq == seq)
		return TERN_EV_RCV_ACK;
	return TERN_EV_RCV_OUT_OF_WINDOW;
}
EXPORT_SYMBOL_IF_KUNIT(tern_tw_event);

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
	[TCP_NEW_SYN_RECV]	= "SYN_RECV",	/* a request entry */
};

/**
 * tern_state_name() - the name /proc/net/tern and tracepoints use
 * @state: a TCP_* state number
 *
 * Return: a static string; request entries read as SYN_RECV.
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
