// SPDX-License-Identifier: GPL-2.0
/*
 * Tern: a reliable, connection-oriented transport on its own IP protocol.
 *
 * Module entry points: register the protocol with IP and the socket layer
 * in an order where nothing can reach Tern before it is ready, and undo it
 * in reverse.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/module.h>
#include <net/inet_common.h>
#include <net/protocol.h>

#include <tern.h>

#include "input.h"
#include "ipv6.h"
#include "main.h"
#include "netns.h"
#include "offload.h"
#include "port.h"
#include "proto.h"
#include "request.h"
#include "table.h"
#include "timewait.h"

static int protocol = IPPROTO_TERN;
module_param(protocol, int, 0444);
MODULE_PARM_DESC(protocol, "IP protocol number to register (default 253)");

u8 tern_ipproto = IPPROTO_TERN;
EXPORT_SYMBOL_IF_KUNIT(tern_ipproto);

static struct net_protocol tern_net_protocol = {
	.handler	= tern_ip_rcv,
	.err_handler	= tern_v4_err,
	.no_policy	= 1,
};

static struct inet_protosw tern_protosw = {
	.type		= SOCK_STREAM,
	.prot		= &tern_prot,
	.ops		= &tern_stream_ops,
	.flags		= INET_PROTOSW_ICSK,
};

static int __init tern_init(void)
{
	int err;

	if (protocol <= 0 || protocol >= IPPROTO_RAW || protocol == IPPROTO_TCP ||
	    protocol == IPPROTO_UDP || protocol == IPPROTO_ICMP) {
		pr_err("invalid protocol number %d\n", protocol);
		return -EINVAL;
	}
	tern_ipproto = protocol;
	tern_protosw.protocol = protocol;

	err = tern_tables_init();
	if (err)
		return err;
	err = tern_port_init();
	if (err)
		goto out_tables;
	err = tern_request_init();
	if (err)
		goto out_port;
	err = tern_timewait_init();
	if (err)
		goto out_request;
	err = tern_proto_init();
	if (err)
		goto out_timewait;
	err = proto_register(&tern_prot, 1);
	if (err)
		goto out_proto_init;
	err = tern_netns_register();
	if (err)
		goto out_proto;
	if (inet_add_protocol(&tern_net_protocol, tern_ipproto)) {
		pr_err("IP protocol %d is taken\n", tern_ipproto);
		err = -EBUSY;
		goto out_netns;
	}
	tern_offload_init();
	if (tern_v6_init())
		pr_warn("IPv6 unavailable: Tern runs over IPv4 only\n");
	/* Last: from here on, socket(AF_INET) can create Tern sockets. */
	inet_register_protosw(&tern_protosw);
	pr_info("registered as IP protocol %d\n", tern_ipproto);
	return 0;

out_netns:
	tern_netns_unregister();
out_proto:
	proto_unregister(&tern_prot);
out_proto_init:
	tern_proto_exit();
out_timewait:
	tern_timewait_exit();
out_request:
	tern_request_exit();
out_port:
	tern_port_exit();
out_tables:
	tern_tables_exit();
	return err;
}

static void __exit tern_exit(void)
{
	/* Both wait for readers (synchronize_net) before returning. */
	inet_unregister_protosw(&tern_protosw);
	tern_v6_exit();
	tern_offload_exit();
	inet_del_protocol(&tern_net_protocol, tern_ipproto);
	/* Every namespace's exit purged its request and TIME_WAIT entries. */
	tern_netns_unregister();
	proto_unregister(&tern_prot);
	tern_proto_exit();
	tern_timewait_exit();
	tern_request_exit();
	tern_port_exit();
	tern_tables_exit();
}

module_init(tern_init);
module_exit(tern_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Tern: a reliable, connection-oriented transport protocol");
MODULE_AUTHOR("The Tern developers");
/* socket(AF_INET or AF_INET6, SOCK_STREAM = 1, 253) loads the module by
 * these aliases.
 */
MODULE_ALIAS_NET_PF_PROTO_TYPE(PF_INET, IPPROTO_TERN, 1);
MODULE_ALIAS_NET_PF_PROTO_TYPE(PF_INET6, IPPROTO_TERN, 1);
