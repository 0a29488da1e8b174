/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-wide settings.
 */
#ifndef _TERN_MAIN_H
#define _TERN_MAIN_H

#include <linux/types.h>

/* The IP protocol number Tern is registered under (module parameter). */
extern u8 tern_ipproto;

#endif /* _TERN_MAIN_H */
