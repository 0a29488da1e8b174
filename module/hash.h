/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern's socket lookup tables: the kernel's inet hash tables (bind,
 * listen and established hashes), one set for the whole protocol.
 */
#ifndef _TERN_HASH_H
#define _TERN_HASH_H

#include <net/inet_hashtables.h>

extern struct inet_hashinfo tern_hashinfo;

int tern_hash_init(void);
void tern_hash_exit(void);

#endif /* _TERN_HASH_H */
