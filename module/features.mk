# SPDX-License-Identifier: GPL-2.0
# Feature tests against the target kernel's headers. Version numbers would
# mislead: distribution kernels (Debian's 6.1 among them) backport changed
# interfaces. Each test defines TERN_HAVE_<name> for compat.h.
tern_has = $(shell grep -qsF '$(2)' $(srctree)/$(1) && echo -DTERN_HAVE_$(3))
# A parenthesis would end the $(call) below: keep them in variables.
tern_const_ctl := proc_handler(const struct ctl_table
tern_port_range := bool inet_sk_get_local_port_range(
tern_timer_of := define timer_container_of(
tern_shutdown := int timer_shutdown_sync(
tern_addr_len := int flags, int *addr_len);
tern_bpf_connect := BPF_CGROUP_RUN_PROG_INET4_CONNECT(sk, uaddr, uaddrlen)
tern_dst_store_bools := bool daddr_set,
tern_dst_store_bool := bool saddr_set)

TERN_FEATURES := \
	$(call tern_has,include/net/net_namespace.h,register_net_sysctl_sz,REGISTER_NET_SYSCTL_SZ) \
	$(call tern_has,include/net/sock.h,struct proto_accept_arg,PROTO_ACCEPT_ARG) \
	$(call tern_has,include/net/sock.h,int *karg,IOCTL_KARG) \
	$(call tern_has,include/net/sock.h,$(tern_addr_len),RECVMSG_ADDR_LEN) \
	$(call tern_has,include/linux/sysctl.h,$(tern_const_ctl),CONST_CTL_TABLE) \
	$(call tern_has,include/net/ip.h,$(tern_port_range),PORT_RANGE_BOOL) \
	$(call tern_has,include/linux/timer.h,$(tern_timer_of),TIMER_CONTAINER_OF) \
	$(call tern_has,include/linux/timer.h,$(tern_shutdown),TIMER_SHUTDOWN) \
	$(call tern_has,include/linux/socket.h,struct sockaddr_unsized,SOCKADDR_UNSIZED) \
	$(call tern_has,include/linux/bpf-cgroup.h,$(tern_bpf_connect),BPF_CONNECT_LEN) \
	$(call tern_has,include/net/sock.h,ipv6_pinfo_offset;,IPV6_PINFO_OFFSET) \
	$(call tern_has,include/net/ip6_route.h,$(tern_dst_store_bools),IP6_DST_STORE_BOOLS) \
	$(call tern_has,include/net/ip6_route.h,$(tern_dst_store_bool),IP6_DST_STORE_BOOL) \
	$(call tern_has,include/net/inet_sock.h,ipv6_fl_list;,INET_FL_LIST) \
	$(if $(wildcard $(srctree)/include/linux/unaligned.h),-DTERN_HAVE_LINUX_UNALIGNED_H) \
	$(if $(wildcard $(srctree)/include/net/gso.h),-DTERN_HAVE_NET_GSO_H) \
	$(if $(wildcard $(srctree)/include/net/proto_memory.h),-DTERN_HAVE_NET_PROTO_MEMORY_H)
