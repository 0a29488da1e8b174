/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket options at level IPPROTO_TERN, TERN_INFO, and ioctl().
 */
#ifndef _TERN_SOCKOPT_H
#define _TERN_SOCKOPT_H

#include <net/sock.h>

#include "compat.h"

int tern_setsockopt(struct sock *sk, int level, int optname, sockptr_t optval,
		    unsigned int optlen);
int tern_getsockopt(struct sock *sk, int level, int optname,
		    char __user *optval, int __user *optlen);
#ifdef TERN_HAVE_IOCTL_KARG
int tern_ioctl(struct sock *sk, int cmd, int *karg);
#else
int tern_ioctl(struct sock *sk, int cmd, unsigned long arg);
#endif

#endif /* _TERN_SOCKOPT_H */
