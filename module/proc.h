/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/net/tern: every Tern socket, request and TIME_WAIT entry.
 */
#ifndef _TERN_PROC_H
#define _TERN_PROC_H

struct net;

int tern_proc_init_net(struct net *net);
void tern_proc_exit_net(struct net *net);

#endif /* _TERN_PROC_H */
