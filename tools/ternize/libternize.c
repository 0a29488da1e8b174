// SPDX-License-Identifier: GPL-2.0
/*
 * ternize's LD_PRELOAD library: every stream socket of family AF_INET or
 * AF_INET6 a program asks for with protocol 0 or IPPROTO_TCP becomes a
 * Tern socket. TERN_PROTO names the protocol number (the module's
 * "protocol" parameter; 253 by default). With TERN_FALLBACK=1, a socket
 * Tern cannot give (no module) is made as TCP instead; without
 * it, socket() fails as the kernel answered.
 *
 * getaddrinfo() is wrapped too: glibc answers EAI_SOCKTYPE to hints that
 * name a protocol it does not know, and asyncio asks with the socket's
 * own protocol. Such hints are resolved as TCP's, the answers relabelled.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define TERN_DEFAULT_PROTO	253
#define SOCK_TYPE_MASK		0xf

static int tern_proto(void)
{
	const char *s = getenv("TERN_PROTO");
	int proto = s ? atoi(s) : 0;

	return proto > 0 && proto < 256 ? proto : TERN_DEFAULT_PROTO;
}

static bool tern_fallback(void)
{
	const char *s = getenv("TERN_FALLBACK");

	return s && !strcmp(s, "1");
}

static bool tcp_stream(int domain, int type, int protocol)
{
	return (domain == AF_INET || domain == AF_INET6) &&
	       (type & SOCK_TYPE_MASK) == SOCK_STREAM &&
	       (protocol == 0 || protocol == IPPROTO_TCP);
}

int socket(int domain, int type, int protocol)
{
	static int (*real_socket)(int, int, int);
	int fd;

	if (!real_socket)
		real_socket = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
	if (!tcp_stream(domain, type, protocol))
		return real_socket(domain, type, protocol);
	fd = real_socket(domain, type, tern_proto());
	if (fd < 0 && tern_fallback())
		fd = real_socket(domain, type, protocol);
	return fd;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	static int (*real_gai)(const char *, const char *,
			       const struct addrinfo *, struct addrinfo **);
	struct addrinfo tcp_hints, *ai;
	int proto = tern_proto(), err;

	if (!real_gai)
		real_gai = (int (*)(const char *, const char *,
				    const struct addrinfo *,
				    struct addrinfo **))dlsym(RTLD_NEXT, "getaddrinfo");
	if (!hints || hints->ai_protocol != proto)
		return real_gai(node, service, hints, res);
	tcp_hints = *hints;
	tcp_hints.ai_protocol = IPPROTO_TCP;
	if (!tcp_hints.ai_socktype)
		tcp_hints.ai_socktype = SOCK_STREAM;
	err = real_gai(node, service, &tcp_hints, res);
	for (ai = err ? NULL : *res; ai; ai = ai->ai_next)
		ai->ai_protocol = proto;
	return err;
}
