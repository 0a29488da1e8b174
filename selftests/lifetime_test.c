// SPDX-License-Identifier: GPL-2.0
/*
 * Nothing outlives its time: a thousand connections leave only TIME_WAIT
 * entries, which expire; the module cannot be unloaded while sockets
 * exist, unloads cleanly once they are gone, and takes its TIME_WAIT
 * entries with it; so does a namespace that exits. kmemleak, scanned
 * after every VM run, checks that nothing leaked on the way.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "tern_util.h"

/* The module's reference count: every socket holds one. */
static int module_refs(void)
{
	char buf[32];

	if (read_file("/sys/module/tern/refcnt", buf, sizeof(buf)) < 0)
		return -1;
	return atoi(buf);
}

static bool wait_module_refs(int refs, int ms)
{
	while (module_refs() != refs && ms > 0) {
		sleep_ms(20);
		ms -= 20;
	}
	return module_refs() == refs;
}

/* Entries neither listening nor in TIME_WAIT: connections still alive. */
static int live_connections(void)
{
	static const char *const states[] = {
		"SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2",
		"CLOSE_WAIT", "CLOSING", "LAST_ACK", "CLOSED",
	};
	int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(states); i++)
		n += tern_proc_count(states[i]);
	return n;
}

/* One short connection: a byte each way, the client closes first. */
static int one_connection(int listener)
{
	int client, server;
	char c = 'x';

	if (tern_pair(listener, &client, &server))
		return -1;
	if (send_all(client, &c, 1) || recv_all(server, &c, 1) ||
	    send_all(server, &c, 1) || recv_all(client, &c, 1))
		return -1;
	close(client);
	close(server);
	return 0;
}

/* A plain TEST gets the harness's 30 s; 1000 connections on the debug
 * kernel under TCG take 15-30 s, more on a busy host.
 */
FIXTURE(thousand) {
};

FIXTURE_SETUP(thousand)
{
}

FIXTURE_TEARDOWN(thousand)
{
}

TEST_F_TIMEOUT(thousand, connections_leave_nothing, 300)
{
	int listener, i, refs;

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 250));
	refs = module_refs();
	listener = tern_listener(0, 128);
	ASSERT_LE(0, listener);

	for (i = 0; i < 1000; i++)
		ASSERT_EQ(0, one_connection(listener)) TH_LOG("connection %d: %m", i);

	EXPECT_EQ(1000, tern_stat("ActiveOpens"));
	EXPECT_EQ(1000, tern_stat("PassiveOpens"));
	/* Orphans finish their close in the background; then only the
	 * listener and TIME_WAIT entries remain...
	 */
	for (i = 0; i < 500 && live_connections(); i++)
		sleep_ms(10);
	EXPECT_EQ(1, tern_proc_count("LISTEN"));
	EXPECT_EQ(0, live_connections());
	EXPECT_EQ(0, tern_stat("CurrEstab"));
	EXPECT_EQ(0, tern_stat("StateMachineInvalid"));
	EXPECT_EQ(0, tern_stat("TimeWaitOverflow"));

	/* ...and after 2 MSL only the listener. */
	EXPECT_TRUE(tern_wait_count(NULL, 1, 3000));
	close(listener);
	EXPECT_EQ(0, tern_proc_count(NULL));
	/* Every socket and entry gave its module reference back. */
	EXPECT_TRUE(wait_module_refs(refs, 5000)) TH_LOG("refs %d, expected %d",
							 module_refs(), refs);
}

/* TIME_WAIT entries hold no module reference (nothing of the module runs
 * for them once it is gone): unload, once the sockets are gone, purges
 * them, timers and all, with the default MSL of 30 s.
 */
TEST(unload_purges_time_wait)
{
	int listener, client, server;
	uint16_t cport;

	ASSERT_EQ(0, tern_ensure_loaded());
	listener = tern_listener(0, 8);
	ASSERT_LE(0, listener);
	ASSERT_EQ(0, tern_pair(listener, &client, &server));
	cport = tern_local_port(client);
	close(client);
	close(server);
	close(listener);
	ASSERT_TRUE(tern_wait_state(cport, 0, "TIME_WAIT", 2000));

	/* The closed sockets let go within moments; the entry stays. */
	EXPECT_EQ(0, tern_unload_wait(5000));
	EXPECT_FALSE(tern_loaded());
	ASSERT_EQ(0, tern_ensure_loaded());
	EXPECT_EQ(0, tern_proc_count(NULL));
}

/* An orphan still closing (its FIN unacknowledged) holds the module too. */
TEST(unload_waits_for_orphans)
{
	int listener, client, server;
	uint16_t cport;
	char rule[64];

	ASSERT_EQ(0, tern_ensure_loaded());
	ASSERT_EQ(0, tern_test_netns());
	ASSERT_EQ(0, tern_sysctl_set("msl_ms", 100));
	ASSERT_EQ(0, tern_sysctl_set("rto_initial_ms", 300));
	listener = tern_listener(0, 8);
	ASSERT_LE(0, listener);
	ASSERT_EQ(0, tern_pair(listener, &client, &server));
	cport = tern_local_port(client);

	/* Lose the client's FIN once: it stays in FIN_WAIT1, an orphan. */
	snprintf(rule, sizeof(rule), "drop flags=FIN|ACK sport=%u", cport);
	ASSERT_EQ(0, tern_set_fault(rule));
	close(client);
	EXPECT_TRUE(tern_wait_state(cport, 0, "FIN_WAIT1", 1000));
	close(server);
	close(listener);
	/* No user holds a socket now, but the orphans are still closing. */
	EXPECT_LT(0, tern_proc_count(NULL) - tern_proc_count("TIME_WAIT"));
	EXPECT_EQ(-EWOULDBLOCK, tern_unload());

	/* The retransmitted FIN gets through; the close completes on both
	 * ends (the server's TIME_WAIT entry may outlive the client's).
	 */
	EXPECT_TRUE(tern_wait_state(cport, 0, NULL, 5000));
	EXPECT_TRUE(tern_wait_count(NULL, 0, 5000));
	EXPECT_EQ(1, tern_stat("FaultDrops"));
}

/* A namespace that goes away takes its TIME_WAIT entries along, even
 * with the default MSL of 30 s: TIME_WAIT entries hold no namespace
 * reference, so the namespace's exit purges them.
 */
TEST(namespace_exit_purges_time_wait)
{
	int refs, status;
	pid_t pid;

	ASSERT_EQ(0, tern_ensure_loaded());
	refs = module_refs();
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int listener, i;

		if (tern_test_netns())
			_exit(1);
		listener = tern_listener(0, 8);
		for (i = 0; i < 20; i++)
			if (one_connection(listener))
				_exit(2);
		close(listener);
		for (i = 0; i < 200 && tern_proc_count("TIME_WAIT") < 20; i++)
			sleep_ms(10);
		_exit(tern_proc_count("TIME_WAIT") == 20 ? 0 : 3);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, WEXITSTATUS(status));
	/* Far sooner than the 60 s the entries would otherwise live. */
	EXPECT_TRUE(wait_module_refs(refs, 10000)) TH_LOG("refs %d, expected %d",
							  module_refs(), refs);
}

TEST_HARNESS_MAIN
