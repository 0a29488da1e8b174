/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket options at level IPPROTO_TERN, TERN_INFO, and ioctl().
 */
#ifndef _TERN_SOCKOPT_H
#define _TERN_SOCKOPT_H

#include <net/sock.h>

#include <tern.h>

#include "compat.h"

int tern_set_option(struct sock *sk, int optname, sockptr_t optval,
		    unsigned int optlen);
int tern_get_option(struct sock *sk, int optname, char __user *optval,
		    int __user *optlen);
void tern_get_info(struct sock *sk, struct tern_info *info);
int tern_set_opt_int(sockptr_t optval, unsigned int optlen, int *val);
int tern_get_opt_len(int __user *optlen, int *len);
int tern_put_opt(char __user *optval, int __user *optlen, const void *val,
		 int len);
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
