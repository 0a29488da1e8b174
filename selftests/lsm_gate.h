/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A BPF security module for the tests (bpf/lsm_gate.bpf.c): it refuses
 * passive opens on one port and counts what the kernel asked and told it.
 */
#ifndef _TERN_LSM_GATE_H
#define _TERN_LSM_GATE_H

#include <stdbool.h>
#include <stdint.h>

struct lsm_gate;

/* Loaded and attached; NULL (errno set) where the kernel runs no BPF LSM. */
struct lsm_gate *lsm_gate_open(void);
void lsm_gate_close(struct lsm_gate *gate);
/* Refuse the passive opens of listeners on @port (0: refuse none). */
int lsm_gate_deny(struct lsm_gate *gate, uint16_t port);
/* How often the hook was called for @proto's sockets on local @port:
 * inet_conn_request (@established false) or inet_conn_established.
 */
unsigned int lsm_gate_count(struct lsm_gate *gate, bool established,
			    int proto, uint16_t port);

#endif /* _TERN_LSM_GATE_H */
