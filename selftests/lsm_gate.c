// SPDX-License-Identifier: GPL-2.0
/*
 * Load bpf/lsm_gate.bpf.o, built beside the test programs, and attach its
 * two programs. BPF security modules run only where the kernel lists
 * "bpf" among its active modules (/sys/kernel/security/lsm).
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "lsm_gate.h"
#include "tern_util.h"

struct lsm_gate {
	struct bpf_object *obj;
	struct bpf_link *request_link, *established_link;
	int deny_fd, requests_fd, established_fd;
};

static bool bpf_lsm_active(void)
{
	const char *path = "/sys/kernel/security/lsm";
	char lsms[256] = "";

	if (access(path, R_OK))
		mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
	if (read_file(path, lsms, sizeof(lsms)) < 0)
		return false;
	return strstr(lsms, "bpf");
}

static struct bpf_link *attach(struct bpf_object *obj, const char *name)
{
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, name);

	return prog ? bpf_program__attach(prog) : NULL;
}

static int map_fd(struct bpf_object *obj, const char *name)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);

	return map ? bpf_map__fd(map) : -1;
}

static int gate_load(struct lsm_gate *gate, const char *path)
{
	gate->obj = bpf_object__open_file(path, NULL);
	if (!gate->obj || bpf_object__load(gate->obj))
		return -1;
	gate->request_link = attach(gate->obj, "gate_request");
	gate->established_link = attach(gate->obj, "count_established");
	gate->deny_fd = map_fd(gate->obj, "deny_port");
	gate->requests_fd = map_fd(gate->obj, "requests");
	gate->established_fd = map_fd(gate->obj, "established");
	if (!gate->request_link || !gate->established_link ||
	    gate->deny_fd < 0 || gate->requests_fd < 0 || gate->established_fd < 0)
		return -1;
	return 0;
}

struct lsm_gate *lsm_gate_open(void)
{
	char path[PATH_MAX];
	struct lsm_gate *gate;

	if (!bpf_lsm_active()) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/lsm_gate.bpf.o", tern_test_dir());
	gate = calloc(1, sizeof(*gate));
	if (gate && gate_load(gate, path)) {
		lsm_gate_close(gate);
		return NULL;
	}
	return gate;
}

void lsm_gate_close(struct lsm_gate *gate)
{
	if (!gate)
		return;
	bpf_link__destroy(gate->request_link);
	bpf_link__destroy(gate->established_link);
	bpf_object__close(gate->obj);
	free(gate);
}

int lsm_gate_deny(struct lsm_gate *gate, uint16_t port)
{
	uint32_t key = 0, value = port;

	return bpf_map_update_elem(gate->deny_fd, &key, &value, BPF_ANY);
}

unsigned int lsm_gate_count(struct lsm_gate *gate, bool established,
			    int proto, uint16_t port)
{
	int fd = established ? gate->established_fd : gate->requests_fd;
	uint32_t key = (uint32_t)proto << 16 | port, value = 0;

	if (bpf_map_lookup_elem(fd, &key, &value))
		return 0;
	return value;
}
