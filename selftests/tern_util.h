/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by Tern's selftests: module loading, counters, /proc.
 */
#ifndef _TERN_UTIL_H
#define _TERN_UTIL_H

#include <stdbool.h>
#include <stdint.h>

/* Load module/tern.ko ($TERN_KO) with @params; 0 or -errno. */
int tern_load(const char *params);
/* Unload the module; 0 or -errno (-EBUSY/-EWOULDBLOCK while in use). */
int tern_unload(void);
/* Unload the module, waiting up to @ms for its last users to go away. */
int tern_unload_wait(int ms);
/* Is the module loaded? */
bool tern_loaded(void);
/* A counter from /proc/net/tern_stats, or -1 when it cannot be read. */
long long tern_stat(const char *name);
/* Write @value to the file at @path; 0 or -errno. */
int write_file(const char *path, const char *value);
/* Read a whole small file into @buf (NUL terminated); length or -errno. */
int read_file(const char *path, char *buf, size_t size);

#endif /* _TERN_UTIL_H */
