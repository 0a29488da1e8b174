// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by Tern's selftests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tern_util.h"

int tern_load(const char *params)
{
	const char *ko = getenv("TERN_KO");
	int fd, ret;

	if (!ko)
		return -ENOENT;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

int tern_unload(void)
{
	return syscall(SYS_delete_module, "tern", O_NONBLOCK) ? -errno : 0;
}

int tern_unload_wait(int ms)
{
	struct timespec pause = { 0, 10 * 1000 * 1000 };
	int ret;

	for (;;) {
		ret = tern_unload();
		if (ret != -EWOULDBLOCK && ret != -EBUSY)
			return ret;
		if (ms <= 0)
			return ret;
		nanosleep(&pause, NULL);
		ms -= 10;
	}
}

bool tern_loaded(void)
{
	return access("/sys/module/tern", F_OK) == 0;
}

int read_file(const char *path, char *buf, size_t size)
{
	ssize_t len, total = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (total < (ssize_t)size - 1) {
		len = read(fd, buf + total, size - 1 - total);
		if (len <= 0)
			break;
		total += len;
	}
	close(fd);
	buf[total] = '\0';
	return total;
}

int write_file(const char *path, const char *value)
{
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

long long tern_stat(const char *name)
{
	char buf[8192], *line, *save = NULL;
	size_t len = strlen(name);

	if (read_file("/proc/net/tern_stats", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, name, len) && line[len] == ' ')
			return atoll(line + len + 1);
	}
	return -1;
}
