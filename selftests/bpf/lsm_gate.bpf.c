// SPDX-License-Identifier: GPL-2.0
/*
 * A BPF security module for the tests: it refuses passive opens on one
 * port (inet_conn_request), for TCP and Tern alike, and counts by local
 * port the connections told they are established (inet_conn_established).
 * Only the fields read are declared; CO-RE finds them in the running
 * kernel.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EPERM 1

struct sock_common {
	unsigned short skc_num;
} __attribute__((preserve_access_index));

struct sock {
	struct sock_common __sk_common;
	unsigned short sk_protocol;
} __attribute__((preserve_access_index));

struct sk_buff;
struct request_sock;

/* [0]: the port whose listeners refuse, 0 for none. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} deny_port SEC(".maps");

/* Key: protocol << 16 | local port; value: established count. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u32);
} established SEC(".maps");

/* The requests asked about, by protocol << 16 | local port. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u32);
} requests SEC(".maps");

static void count(void *map, const struct sock *sk)
{
	__u32 key = (__u32)sk->sk_protocol << 16 | sk->__sk_common.skc_num;
	__u32 one = 1, *n = bpf_map_lookup_elem(map, &key);

	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(map, &key, &one, BPF_NOEXIST);
}

SEC("lsm/inet_conn_request")
int BPF_PROG(gate_request, const struct sock *sk, struct sk_buff *skb,
	     struct request_sock *req, int ret)
{
	__u32 zero = 0, *port = bpf_map_lookup_elem(&deny_port, &zero);

	if (ret)
		return ret;
	count(&requests, sk);
	if (port && *port && *port == sk->__sk_common.skc_num)
		return -EPERM;
	return 0;
}

SEC("lsm/inet_conn_established")
int BPF_PROG(count_established, struct sock *sk, struct sk_buff *skb)
{
	count(&established, sk);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
