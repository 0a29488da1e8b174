// SPDX-License-Identifier: GPL-2.0
/*
 * The socket layer: what socket(AF_INET, SOCK_STREAM, IPPROTO_TERN) gets.
 */
#include <net/inet_common.h>

#include "hash.h"
#include "proto.h"
#include "sock.h"

static int tern_init_sock(struct sock *sk)
{
	return 0;
}

static void tern_close(struct sock *sk, long timeout)
{
	sk_common_release(sk);
}

struct proto tern_prot = {
	.name		= "TERN",
	.owner		= THIS_MODULE,
	.close		= tern_close,
	.init		= tern_init_sock,
	.hash		= inet_hash,
	.unhash		= inet_unhash,
	.get_port	= inet_csk_get_port,
	.obj_size	= sizeof(struct tern_sock),
	.slab_flags	= SLAB_TYPESAFE_BY_RCU,
	.h.hashinfo	= &tern_hashinfo,
};

const struct proto_ops tern_stream_ops = {
	.family		= PF_INET,
	.owner		= THIS_MODULE,
	.release	= inet_release,
	.bind		= sock_no_bind,
	.connect	= sock_no_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= sock_no_accept,
	.getname	= inet_getname,
	.listen		= sock_no_listen,
	.shutdown	= sock_no_shutdown,
	.sendmsg	= sock_no_sendmsg,
	.recvmsg	= sock_no_recvmsg,
	.mmap		= sock_no_mmap,
};
