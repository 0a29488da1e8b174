# SPDX-License-Identifier: GPL-2.0
# Feature tests against the target kernel's headers. Version numbers would
# mislead: distribution kernels (Debian's 6.1 among them) backport changed
# interfaces. Each test defines TERN_HAVE_<name> for compat.h.
tern_has = $(shell grep -qsF '$(2)' $(srctree)/$(1) && echo -DTERN_HAVE_$(3))
# A parenthesis would end the $(call) below: keep it in a variable.
tern_const_ctl := proc_handler(const struct ctl_table

TERN_FEATURES := \
	$(call tern_has,include/net/inet_connection_sock.h,icsk_keepalive_timer;,ICSK_KEEPALIVE_TIMER) \
	$(call tern_has,include/net/inet_timewait_sock.h,inet_twsk_hashdance_schedule,TWSK_HASHDANCE_SCHEDULE) \
	$(call tern_has,include/net/net_namespace.h,register_net_sysctl_sz,REGISTER_NET_SYSCTL_SZ) \
	$(call tern_has,include/net/sock.h,struct proto_accept_arg,PROTO_ACCEPT_ARG) \
	$(call tern_has,include/net/sock.h,int *karg,IOCTL_KARG) \
	$(call tern_has,include/linux/sysctl.h,$(tern_const_ctl),CONST_CTL_TABLE) \
	$(if $(wildcard $(srctree)/include/linux/unaligned.h),-DTERN_HAVE_LINUX_UNALIGNED_H) \
	$(if $(wildcard $(srctree)/include/net/gso.h),-DTERN_HAVE_NET_GSO_H) \
	$(if $(wildcard $(srctree)/include/net/proto_memory.h),-DTERN_HAVE_NET_PROTO_MEMORY_H)
