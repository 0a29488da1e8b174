// SPDX-License-Identifier: GPL-2.0
/*
 * The module registers IP protocol 253 for SOCK_STREAM sockets, per
 * network namespace, loads on demand, and unloads cleanly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include <tern.h>
#include "tern_util.h"

static void ensure_unloaded(struct __test_metadata *_metadata)
{
	int ret = tern_unload_wait(5000);

	ASSERT_TRUE(ret == 0 || ret == -ENOENT) TH_LOG("unload: %d", ret);
	ASSERT_FALSE(tern_loaded());
}

static void ensure_loaded(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, tern_ensure_loaded());
}

TEST(socket_fails_without_module)
{
	ensure_unloaded(_metadata);
	EXPECT_EQ(-1, socket(AF_INET, SOCK_STREAM, IPPROTO_TERN));
	EXPECT_EQ(EPROTONOSUPPORT, errno);
}

TEST(socket_works_with_module)
{
	long long out;
	int fd;

	ensure_loaded(_metadata);
	out = tern_stat("OutSegs");
	ASSERT_LE(0, out);
	fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TERN);
	ASSERT_LE(0, fd) TH_LOG("socket: %m");
	EXPECT_EQ(0, close(fd));
	/* A socket that never connected sends nothing, not even a RST. */
	EXPECT_EQ(out, tern_stat("OutSegs"));
}

TEST(only_stream_sockets)
{
	ensure_loaded(_metadata);
	EXPECT_EQ(-1, socket(AF_INET, SOCK_DGRAM, IPPROTO_TERN));
	EXPECT_EQ(EPROTONOSUPPORT, errno);
	/* No inet protocol at all offers this type: as for TCP. */
	EXPECT_EQ(-1, socket(AF_INET, SOCK_SEQPACKET, IPPROTO_TERN));
	EXPECT_EQ(ESOCKTNOSUPPORT, errno);
}

TEST(protocol_parameter)
{
	int fd;

	ensure_unloaded(_metadata);
	ASSERT_EQ(0, tern_load("protocol=254"));
	fd = socket(AF_INET, SOCK_STREAM, 254);
	EXPECT_LE(0, fd);
	close(fd);
	EXPECT_EQ(-1, socket(AF_INET, SOCK_STREAM, IPPROTO_TERN));
	EXPECT_EQ(EPROTONOSUPPORT, errno);
	ensure_unloaded(_metadata);
}

TEST(bad_protocol_parameter_refused)
{
	ensure_unloaded(_metadata);
	EXPECT_EQ(-EINVAL, tern_load("protocol=6"));
	EXPECT_EQ(-EINVAL, tern_load("protocol=0"));
	EXPECT_EQ(-EINVAL, tern_load("protocol=300"));
	EXPECT_FALSE(tern_loaded());
}

TEST(unload_refused_while_socket_open)
{
	int fd;

	ensure_loaded(_metadata);
	fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TERN);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EWOULDBLOCK, tern_unload());
	EXPECT_TRUE(tern_loaded());
	close(fd);
	EXPECT_EQ(0, tern_unload_wait(5000));
}

TEST(per_namespace)
{
	int status, fd;
	pid_t pid;

	ensure_loaded(_metadata);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* A fresh namespace has its own counters and sockets. */
		if (unshare(CLONE_NEWNET))
			_exit(1);
		if (tern_stat("InSegs") != 0)
			_exit(2);
		fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TERN);
		if (fd < 0)
			_exit(3);
		close(fd);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* Namespace teardown is asynchronous; unloading waits for it. */
	EXPECT_EQ(0, tern_unload_wait(10000));
}

/* Install the module where a private modprobe finds it, as a distro
 * package would, and let socket() load it by its alias.
 */
TEST(socket_autoloads_module)
{
	char cmd[512], saved[256] = "/sbin/modprobe\n";
	const char *ko = getenv("TERN_KO");
	int fd;

	ASSERT_NE(NULL, ko);
	ensure_unloaded(_metadata);
	snprintf(cmd, sizeof(cmd), "sh selftests/install_for_autoload.sh '%s'", ko);
	ASSERT_EQ(0, system(cmd));
	read_file("/proc/sys/kernel/modprobe", saved, sizeof(saved));
	ASSERT_EQ(0, write_file("/proc/sys/kernel/modprobe", "/tmp/tern-modprobe"));

	fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TERN);
	write_file("/proc/sys/kernel/modprobe", saved);
	ASSERT_LE(0, fd) TH_LOG("socket after autoload: %m");
	EXPECT_TRUE(tern_loaded());
	close(fd);
	EXPECT_EQ(0, tern_unload_wait(5000));
}

TEST_HARNESS_MAIN
