// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6. AF_INET6 sockets share everything with AF_INET ones but their
 * struct proto (the object carries a struct ipv6_pinfo), their proto_ops
 * (bind, getname, ioctl of the family) and connect(); the tables key both
 * families alike (addr.h). What differs is routing and sending, here: the
 * connection's segments go out through inet6_csk_xmit(), the others
 * through ip6_xmit(). An AF_INET6 socket whose peer is v4-mapped (dual
 * stack) sends IPv4, as TCP's ipv6_mapped operations do.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/icmpv6.h>
#include <net/addrconf.h>
#include <net/inet6_connection_sock.h>
#include <net/inet_common.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/protocol.h>
#include <net/transp_v6.h>

#include "compat.h"
#include "input.h"
#include "ipv6.h"
#include "main.h"
#include "proto.h"
#include "table.h"

static struct proto tern_v6_prot;
static bool tern_v6_registered;

static struct ipv6_pinfo *tern_inet6_sk(const struct sock *sk)
{
	return &((struct tern6_sock *)sk)->inet6;
}

/* Cache the route in the socket, as inet6_csk_xmit() expects to find it. */
static void tern_v6_dst_store(struct sock *sk, struct dst_entry *dst)
{
	tern_ip6_dst_store(sk, dst);
}

/**
 * tern_v6_route() - a route for a segment between two IPv6 addresses
 * @sk: the socket whose settings apply (mark, uid, bound device)
 * @fl6: out: the flow, for ip6_xmit()
 * @saddr: the source address; the unspecified one lets the route choose
 * @sport: the source port
 * @daddr: the destination address
 * @dport: the destination port
 * @oif: the device to send on, 0 for any
 *
 * Return: the route, or an ERR_PTR().
 */
struct dst_entry *tern_v6_route(struct sock *sk, struct flowi6 *fl6,
				const struct in6_addr *saddr, __be16 sport,
				const struct in6_addr *daddr, __be16 dport, int oif)
{
	memset(fl6, 0, sizeof(*fl6));
	fl6->flowi6_proto = tern_ipproto;
	fl6->saddr = *saddr;
	fl6->daddr = *daddr;
	fl6->fl6_sport = sport;
	fl6->fl6_dport = dport;
	fl6->flowi6_oif = oif;
	fl6->flowi6_mark = READ_ONCE(sk->sk_mark);
	fl6->flowi6_uid = sk->sk_uid;
	security_sk_classify_flow(sk, flowi6_to_flowi_common(fl6));
	return ip6_dst_lookup_flow(sock_net(sk), sk, fl6, NULL);
}

/**
 * tern_v6_send_unowned() - send a segment no full socket owns, over IPv6
 * @sk: the socket whose IPv6 settings apply (a listener, the control
 *	socket)
 * @skb: the segment, header written, its route attached; consumed
 * @saddr: its source address
 * @daddr: its destination address
 *
 * Return: 0 or a negative errno, as ip6_xmit().
 */
int tern_v6_send_unowned(const struct sock *sk, struct sk_buff *skb,
			 const struct in6_addr *saddr,
			 const struct in6_addr *daddr)
{
	struct flowi6 fl6 = {
		.flowi6_proto = tern_ipproto,
		.saddr = *saddr,
		.daddr = *daddr,
	};

	/* @sk may be the control socket, a raw one: not a tern6_sock. */
	memset(IP6CB(skb), 0, sizeof(struct inet6_skb_parm));
	return ip6_xmit(sk, skb, &fl6, READ_ONCE(sk->sk_mark), NULL,
			inet6_sk(sk)->tclass, READ_ONCE(sk->sk_priority));
}

/**
 * tern_queue_xmit() - hand a connection's segment to IP or IPv6
 * @sk: the socket
 * @skb: the segment, its header written; consumed
 *
 * Return: 0 or a negative errno (NET_XMIT_* not yet evaluated).
 */
int tern_queue_xmit(struct sock *sk, struct sk_buff *skb)
{
	/* skb->cb becomes IP's from here on. */
	if (tern_sk_v4(sk)) {
		memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
		return ip_queue_xmit(sk, skb, &inet_sk(sk)->cork.fl);
	}
	memset(IP6CB(skb), 0, sizeof(struct inet6_skb_parm));
	return inet6_csk_xmit(sk, skb, NULL);
}

/**
 * tern_dst_cookie() - what validates a connected socket's cached route
 * @sk: the socket
 *
 * Return: the IPv6 route's cookie, 0 for an IPv4 route.
 */
u32 tern_dst_cookie(const struct sock *sk)
{
	return tern_sk_v4(sk) ? 0 : tern_inet6_sk(sk)->dst_cookie;
}

/**
 * tern_rebuild_header() - route a connected socket again
 * @sk: the socket, its route gone stale
 *
 * Return: 0 or a negative errno.
 */
int tern_rebuild_header(struct sock *sk)
{
	return tern_sk_v4(sk) ? inet_sk_rebuild_header(sk) :
				inet6_sk_rebuild_header(sk);
}

/**
 * tern_v6_reset_saddr() - an IPv6 socket forgets the source address a
 *	route chose
 * @sk: the socket, not bound to an address by the user
 */
void tern_v6_reset_saddr(struct sock *sk)
{
	sk->sk_v6_rcv_saddr = in6addr_any;
	tern_inet6_sk(sk)->saddr = in6addr_any;
}

/* connect()'s cgroup BPF hook for IPv6 (cgroup/connect6 programs). */
static int tern_v6_pre_connect(struct sock *sk, TERN_SOCKADDR *uaddr, int addr_len)
{
	if (addr_len < SIN6_LEN_RFC2133)
		return -EINVAL;
	sock_owned_by_me(sk);
	return TERN_BPF_CONNECT6(sk, (struct sockaddr *)uaddr, &addr_len);
}

/* A v4-mapped peer: the IPv4 connect(), the v6 view of its addresses. */
static int tern_v6_connect_mapped(struct sock *sk, const struct sockaddr_in6 *usin)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = usin->sin6_port,
		.sin_addr.s_addr = usin->sin6_addr.s6_addr32[3],
	};
	int err;

	if (ipv6_only_sock(sk))
		return -ENETUNREACH;
	err = tern_v4_connect(sk, (TERN_SOCKADDR *)&sin, sizeof(sin));
	if (!err)
		tern_inet6_sk(sk)->saddr = sk->sk_v6_rcv_saddr;
	return err;
}

/* Check the destination as TCP does; a link-local one needs a device. */
static int tern_v6_check_daddr(struct sock *sk, struct sockaddr_in6 *usin,
			       int addr_len)
{
	int type;

	/* connect() to the unspecified address means loopback (BSD). */
	if (ipv6_addr_any(&usin->sin6_addr)) {
		if (tern_addr_v4(&sk->sk_v6_rcv_saddr))
			ipv6_addr_set_v4mapped(htonl(INADDR_LOOPBACK), &usin->sin6_addr);
		else
			usin->sin6_addr = in6addr_loopback;
	}
	type = ipv6_addr_type(&usin->sin6_addr);
	if (type & IPV6_ADDR_MULTICAST)
		return -ENETUNREACH;
	if (!(type & IPV6_ADDR_LINKLOCAL))
		return 0;
	if (addr_len >= sizeof(struct sockaddr_in6) && usin->sin6_scope_id) {
		if (!sk_dev_equal_l3scope(sk, usin->sin6_scope_id))
			return -EINVAL;
		sk->sk_bound_dev_if = usin->sin6_scope_id;
	}
	return sk->sk_bound_dev_if ? 0 : -EINVAL;
}

/* Route a connect() to a native IPv6 peer and take the source address. */
static int tern_v6_connect_route(struct sock *sk, __be16 dport)
{
	struct ipv6_pinfo *np = tern_inet6_sk(sk);
	struct ipv6_txoptions *opt;
	struct in6_addr final;
	struct dst_entry *dst;
	struct flowi6 fl6;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = tern_ipproto;
	fl6.daddr = sk->sk_v6_daddr;
	fl6.saddr = ipv6_addr_any(&sk->sk_v6_rcv_saddr) ? np->saddr :
							   sk->sk_v6_rcv_saddr;
	fl6.flowlabel = ip6_make_flowinfo(np->tclass, np->flow_label);
	fl6.flowi6_oif = sk->sk_bound_dev_if;
	fl6.flowi6_mark = READ_ONCE(sk->sk_mark);
	fl6.fl6_dport = dport;
	fl6.fl6_sport = inet_sk(sk)->inet_sport;
	fl6.flowi6_uid = sk->sk_uid;
	opt = rcu_dereference_protected(np->opt, lockdep_sock_is_held(sk));
	security_sk_classify_flow(sk, flowi6_to_flowi_common(&fl6));
	dst = ip6_dst_lookup_flow(sock_net(sk), sk, &fl6,
				  fl6_update_dst(&fl6, opt, &final));
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	if (ipv6_addr_any(&sk->sk_v6_rcv_saddr))
		sk->sk_v6_rcv_saddr = fl6.saddr;
	np->saddr = sk->sk_v6_rcv_saddr;
	/* No IPv4 segment is ours to match. */
	inet_sk(sk)->inet_rcv_saddr = LOOPBACK4_IPV6;
	tern_v6_dst_store(sk, dst);
	inet_csk(sk)->icsk_ext_hdr_len = opt ? opt->opt_flen + opt->opt_nflen : 0;
	return 0;
}

/**
 * tern_v6_connect() - proto->connect of an IPv6 socket
 * @sk: the socket, locked
 * @uaddr: a struct sockaddr_in6
 * @addr_len: its length
 *
 * Return: 0 once the SYN is sent, or a negative errno.
 */
int tern_v6_connect(struct sock *sk, TERN_SOCKADDR *uaddr, int addr_len)
{
	struct sockaddr_in6 *usin = (struct sockaddr_in6 *)uaddr;
	int err;

	if (addr_len < SIN6_LEN_RFC2133)
		return -EINVAL;
	if (usin->sin6_family != AF_INET6)
		return -EAFNOSUPPORT;
	err = tern_v6_check_daddr(sk, usin, addr_len);
	if (err)
		return err;
	if (tern_addr_v4(&usin->sin6_addr))
		return tern_v6_connect_mapped(sk, usin);

	sk->sk_v6_daddr = usin->sin6_addr;
	err = tern_v6_connect_route(sk, usin->sin6_port);
	if (err)
		goto failure;
	inet_sk(sk)->inet_dport = usin->sin6_port;
	err = tern_connect_start(sk);
	if (!err)
		err = tern_connect_finish(sk);
	if (!err)
		return 0;
failure:
	__sk_dst_reset(sk);
	tern_connect_failed(sk);
	sk->sk_v6_daddr = in6addr_any;
	return err;
}

/**
 * tern_v6_child_init() - the IPv6 state of a new connection's socket
 * @child: the child, cloned from an AF_INET6 listener (its ipv6_pinfo a
 *	copy of the listener's)
 * @c: the request's keys
 *
 * The copy's lists and options are the listener's: the child starts with
 * none. A native IPv6 peer is routed here; a v4-mapped one by the caller.
 *
 * Return: 0 or a negative errno.
 */
int tern_v6_child_init(struct sock *child, const struct sock_common *c)
{
	struct ipv6_pinfo *np = tern_inet6_sk(child);
	struct dst_entry *dst;
	struct flowi6 fl6;

	inet_sk(child)->pinet6 = np;
	np->ipv6_mc_list = NULL;
	np->ipv6_ac_list = NULL;
	RCU_INIT_POINTER(tern_fl_list(child), NULL);
	np->pktoptions = NULL;
	RCU_INIT_POINTER(np->opt, NULL);
	np->saddr = c->skc_v6_rcv_saddr;
	child->sk_v6_rcv_saddr = c->skc_v6_rcv_saddr;
	child->sk_v6_daddr = c->skc_v6_daddr;
	if (tern_addr_v4(&c->skc_v6_daddr))
		return 0;

	inet_sk(child)->inet_daddr = LOOPBACK4_IPV6;
	inet_sk(child)->inet_saddr = LOOPBACK4_IPV6;
	inet_sk(child)->inet_rcv_saddr = LOOPBACK4_IPV6;
	dst = tern_v6_route(child, &fl6, &c->skc_v6_rcv_saddr, htons(c->skc_num),
			    &c->skc_v6_daddr, c->skc_dport, c->skc_bound_dev_if);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	tern_v6_dst_store(child, dst);
	return 0;
}

static struct inet_protosw tern_v6_protosw = {
	.type		= SOCK_STREAM,
	.prot		= &tern_v6_prot,
	.ops		= &tern_v6_stream_ops,
	.flags		= INET_PROTOSW_ICSK,
};

/* An ICMPv6 error about a segment we sent. */
static int tern_v6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
		       u8 type, u8 code, int offset, __be32 info)
{
	const struct ipv6hdr *hdr = (const struct ipv6hdr *)skb->data;
	const struct ternhdr *th = (const struct ternhdr *)(skb->data + offset);
	struct tern_icmp icmp = {};
	struct tern_addrs a = {
		.raddr = hdr->daddr,	/* the quoted segment is ours */
		.laddr = hdr->saddr,
	};
	int err;

	/* No IPv6 peer has a v4-mapped address: not about ours. */
	if (tern_addr_v4(&a.raddr) || tern_addr_v4(&a.laddr))
		return -ENOENT;
	if (type == ICMPV6_PKT_TOOBIG) {
		icmp.mtu = ntohl(info);
		if (icmp.mtu < IPV6_MIN_MTU)
			return 0;
	} else {
		icmp.req_abort = icmpv6_err_convert(type, code, &err);
		if (icmp.req_abort || type == ICMPV6_TIME_EXCEED)
			icmp.err = err;
	}
	return tern_icmp_rcv(dev_net(skb->dev), &a, th, skb->dev->ifindex,
			     inet6_sdif(skb), &icmp);
}

static struct inet6_protocol tern_v6_protocol = {
	.handler	= tern_ip_rcv,
	.err_handler	= tern_v6_err,
	.flags		= INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

/**
 * tern_v6_init() - register AF_INET6 sockets and IPv6's receive path
 *
 * Return: 0, or a negative errno with nothing registered.
 */
int tern_v6_init(void)
{
	int err;

	BUILD_BUG_ON(offsetof(struct tern6_sock, inet6) + sizeof(struct ipv6_pinfo) !=
		     sizeof(struct tern6_sock));
	tern_v6_prot = tern_prot;
	strscpy(tern_v6_prot.name, "TERNv6", sizeof(tern_v6_prot.name));
	tern_v6_prot.pre_connect = tern_v6_pre_connect;
	tern_v6_prot.connect = tern_v6_connect;
	tern_v6_prot.obj_size = sizeof(struct tern6_sock);
#ifdef TERN_HAVE_IPV6_PINFO_OFFSET
	tern_v6_prot.ipv6_pinfo_offset = offsetof(struct tern6_sock, inet6);
#endif
	err = proto_register(&tern_v6_prot, 1);
	if (err)
		return err;
	if (inet6_add_protocol(&tern_v6_protocol, tern_ipproto)) {
		pr_err("IPv6 next header %d is taken\n", tern_ipproto);
		proto_unregister(&tern_v6_prot);
		return -EBUSY;
	}
	tern_v6_protosw.protocol = tern_ipproto;
	err = inet6_register_protosw(&tern_v6_protosw);
	if (err) {
		inet6_del_protocol(&tern_v6_protocol, tern_ipproto);
		proto_unregister(&tern_v6_prot);
		return err;
	}
	tern_v6_registered = true;
	return 0;
}

/**
 * tern_v6_exit() - undo tern_v6_init(), if it succeeded; waits for readers
 */
void tern_v6_exit(void)
{
	if (!tern_v6_registered)
		return;
	inet6_unregister_protosw(&tern_v6_protosw);
	inet6_del_protocol(&tern_v6_protocol, tern_ipproto);
	proto_unregister(&tern_v6_prot);
}
