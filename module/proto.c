// SPDX-License-Identifier: GPL-2.0
/*
 * The socket layer: what socket(AF_INET, SOCK_STREAM, IPPROTO_TERN) gets.
 * The generic inet code (bind, accept, getname, shutdown's dispatch, the
 * connect() wait) does what it does for TCP, calling back into the
 * functions below and into Tern's own tables (table.c, port.c) and
 * listeners (listen.c).
 */
#include <linux/percpu_counter.h>
#include <linux/swap.h>
#include <net/inet_common.h>
#include <net/ipv6.h>
#include <net/inet_hashtables.h>
#include <net/route.h>

#include "compat.h"
#include "input.h"
#include "ipv6.h"
#include "isn.h"
#include "listen.h"
#include "main.h"
#include "netns.h"
#include "offload.h"
#include "output.h"
#include "port.h"
#include "proto.h"
#include "queue.h"
#include "reasm.h"
#include "recv.h"
#include "send.h"
#include "sock.h"
#include "sockopt.h"
#include "state.h"
#include "table.h"
#include "timer.h"

static struct percpu_counter tern_sockets_allocated;
static DEFINE_PER_CPU(int, tern_memory_per_cpu_fw_alloc);
static atomic_long_t tern_memory_allocated;
static unsigned long tern_memory_pressure;
long tern_sysctl_mem[3];
static int tern_sysctl_wmem[3] = { 4096, 1 << 20, 8 << 20 };
static int tern_sysctl_rmem[3] = { 4096, 1 << 20, 8 << 20 };

/* Memory pressure: the protocol's memory passed net.tern.mem[1]; the
 * core calls these (as TCP's tcp_enter_memory_pressure()), autotuning
 * stops growing buffers while it lasts.
 */
static void tern_enter_memory_pressure(struct sock *sk)
{
	if (!READ_ONCE(tern_memory_pressure))
		WRITE_ONCE(tern_memory_pressure, jiffies ? : 1);
}

static void tern_leave_memory_pressure(struct sock *sk)
{
	if (READ_ONCE(tern_memory_pressure))
		WRITE_ONCE(tern_memory_pressure, 0);
}

/**
 * tern_init_conn() - reset a socket's connection state
 * @sk: a new socket, a new child, or one being disconnected
 *
 * Settings (options, the congestion control choice) stay.
 */
void tern_init_conn(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	const struct tern_sysctl *sysctl = tern_sysctl(sock_net(sk));

	memset_startat(tp, 0, iss);
	skb_queue_head_init(&tp->rtx_queue);
	tp->ooo_queue = RB_ROOT;
	tp->mss_cache = TERN_MIN_MSS;
	tp->reordering = TERN_DUPTHRESH;
	tern_rtt_init(&tp->rtt, sysctl->rto_initial_ms * USEC_PER_MSEC);
	tern_rack_init(&tp->rack);
	tern_cc_init(&tp->cc, tp->ca_ops);
	tp->rtx_pending = TERN_RTX_NONE;
}

/* icsk_sync_mss: IP_OPTIONS changed the room the IP header takes. */
static unsigned int tern_icsk_sync_mss(struct sock *sk, u32 pmtu)
{
	tern_sync_mss(sk, pmtu);
	return tern_sk(sk)->mss_cache;
}

/**
 * tern_sock_setup() - what a socket sets up once: its lists, locks and
 *	timers
 * @sk: a new socket, or a new child (whose copies of its listener's must
 *	not be used)
 */
void tern_sock_setup(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	tp->bind_bucket = NULL;
	spin_lock_init(&tp->listen_lock);
	INIT_LIST_HEAD(&tp->accept_queue);
	INIT_LIST_HEAD(&tp->requests);
	tp->nr_requests = 0;
	INIT_LIST_HEAD(&tp->accept_node);
	tp->deferred = 0;
	tern_init_timers(sk);
	inet_csk(sk)->icsk_sync_mss = tern_icsk_sync_mss;
}

/* Wake writers once acknowledgments freed enough send buffer. */
static void tern_write_space(struct sock *sk)
{
	struct socket *sock = sk->sk_socket;
	struct socket_wq *wq;

	if (!sock || !tern_stream_writeable(sk))
		return;
	clear_bit(SOCK_NOSPACE, &sock->flags);
	rcu_read_lock();
	wq = rcu_dereference(sk->sk_wq);
	if (skwq_has_sleeper(wq))
		wake_up_interruptible_poll(&wq->wait, EPOLLOUT | EPOLLWRNORM |
						      EPOLLWRBAND);
	if (wq && wq->fasync_list && !(sk->sk_shutdown & SEND_SHUTDOWN))
		sock_wake_async(wq, SOCK_WAKE_SPACE, POLL_OUT);
	rcu_read_unlock();
}

static int tern_init_sock(struct sock *sk)
{
	const struct tern_sysctl *sysctl = tern_sysctl(sock_net(sk));
	struct tern_sock *tp = tern_sk(sk);

	tp->ca_ops = tern_cong_find(sysctl->congestion) ? : &tern_cubic;
	tp->keepalive_time = sysctl->keepalive_time_s * HZ;
	tp->keepalive_intvl = sysctl->keepalive_intvl_s * HZ;
	tp->keepalive_probes = sysctl->keepalive_probes;
	tern_sock_setup(sk);
	tern_init_conn(sk);
	tp->sack_ok = !!sysctl->sack;
	sk->sk_gso_type = tern_gso_type(sk->sk_family);

	sk->sk_write_space = tern_write_space;
	sock_set_flag(sk, SOCK_USE_WRITE_QUEUE);
	WRITE_ONCE(sk->sk_sndbuf, sysctl->wmem);
	WRITE_ONCE(sk->sk_rcvbuf, sysctl->rmem);
	return 0;
}

static void tern_purge_receive_queues(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff_head freed;

	__skb_queue_head_init(&freed);
	tern_ofo_purge(&tp->ooo_queue, &freed);
	__skb_queue_purge(&freed);
	__skb_queue_purge(&sk->sk_receive_queue);
	tp->ooo_segs = 0;
	tp->num_sacks = 0;
	sk_mem_reclaim(sk);
}

static void tern_destroy_sock(struct sock *sk)
{
	tern_clear_timers(sk);
	tern_purge_write_queues(sk);
	tern_purge_receive_queues(sk);
	tern_put_port(sk);
}

/* Forget an address the route chose, unless the user bound it. */
static void tern_reset_saddr(struct sock *sk)
{
	if (sk->sk_userlocks & SOCK_BINDADDR_LOCK)
		return;
	inet_sk(sk)->inet_saddr = 0;
	sk_rcv_saddr_set(sk, 0);
	if (sk->sk_family == AF_INET6)
		tern_v6_reset_saddr(sk);
}

/* Room IP options take in every segment's IP header. */
static void tern_set_ext_hdr_len(struct sock *sk)
{
	const struct ip_options_rcu *opt;

	opt = rcu_dereference_protected(inet_sk(sk)->inet_opt,
					lockdep_sock_is_held(sk));
	inet_csk(sk)->icsk_ext_hdr_len = opt ? opt->opt.optlen : 0;
}

/* Everything active open needs before the SYN: sequence space, MSS. */
static void tern_connect_init(struct sock *sk)
{
	const struct tern_sysctl *sysctl = tern_sysctl(sock_net(sk));
	const struct dst_entry *dst = __sk_dst_get(sk);
	const struct inet_sock *inet = inet_sk(sk);
	struct tern_sock *tp = tern_sk(sk);

	tern_init_conn(sk);
	tp->sack_ok = !!sysctl->sack;
	tp->iss = tern_isn(&sk->sk_v6_rcv_saddr, &sk->sk_v6_daddr,
			   inet->inet_sport, inet->inet_dport);
	tp->snd_una = tp->iss;
	tp->sack_high = tp->iss;
	tp->snd_nxt = tp->iss;
	tp->write_seq = tp->iss + 1;
	tern_sync_mss(sk, dst_mtu(dst));
	sock_reset_flag(sk, SOCK_DONE);
}

/**
 * tern_connect_start() - connect(), its route found: SYN_SENT, a local
 *	port, a place in the table
 * @sk: the socket, locked, its addresses and remote port set
 *
 * SYN_SENT comes before hashing, as the table has it; the port is then
 * chosen with the 4-tuple known (a TIME_WAIT entry blocks reuse).
 *
 * Return: 0 or a negative errno (then call tern_connect_failed()).
 */
int tern_connect_start(struct sock *sk)
{
	tern_sm_step(sk, TERN_EV_CONNECT, NULL);
	/* The flow's hash: IPv6's automatic flow label, as TCP's. */
	sk_set_txhash(sk);
	return tern_connect_port(sk);
}

/**
 * tern_connect_finish() - connect(), the route set up: send the SYN
 * @sk: the socket, locked, hashed
 *
 * Return: 0 or a negative errno (then call tern_connect_failed()).
 */
int tern_connect_finish(struct sock *sk)
{
	int err;

	atomic_set(&inet_sk(sk)->inet_id, get_random_u16());
	tern_connect_init(sk);
	err = tern_send_syn(sk);
	if (!err)
		tern_stat_inc(sock_net(sk), TERN_STAT_ACTIVE_OPENS);
	return err;
}

/**
 * tern_connect_failed() - undo a connect() that failed on the way
 * @sk: the socket, locked
 */
void tern_connect_failed(struct sock *sk)
{
	tern_sm_step(sk, TERN_EV_CONNECT_FAILED, NULL);
	tern_reset_saddr(sk);
	sk->sk_route_caps = 0;
	inet_sk(sk)->inet_dport = 0;
}

/* connect()'s cgroup BPF hook (cgroup/connect4 programs may rewrite the
 * address or refuse), as tcp_v4_pre_connect() runs it.
 */
static int tern_v4_pre_connect(struct sock *sk, TERN_SOCKADDR *uaddr, int addr_len)
{
	if (addr_len < sizeof(struct sockaddr_in))
		return -EINVAL;
	sock_owned_by_me(sk);
	return TERN_BPF_CONNECT(sk, (struct sockaddr *)uaddr, &addr_len);
}

/**
 * tern_v4_connect() - proto->connect of an IPv4 socket, and of an IPv6
 *	one given a v4-mapped address
 * @sk: the socket, locked
 * @uaddr: a struct sockaddr_in
 * @addr_len: its length
 *
 * Return: 0 once the SYN is sent, or a negative errno.
 */
int tern_v4_connect(struct sock *sk, TERN_SOCKADDR *uaddr, int addr_len)
{
	struct sockaddr_in *usin = (struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sk);
	__be16 orig_sport, orig_dport;
	struct flowi4 *fl4;
	struct rtable *rt;
	int err;

	if (addr_len < sizeof(struct sockaddr_in))
		return -EINVAL;
	if (usin->sin_family != AF_INET)
		return -EAFNOSUPPORT;

	orig_sport = inet->inet_sport;
	orig_dport = usin->sin_port;
	fl4 = &inet->cork.fl.u.ip4;
	rt = ip_route_connect(fl4, usin->sin_addr.s_addr, inet->inet_saddr,
			      sk->sk_bound_dev_if, tern_ipproto, orig_sport,
			      orig_dport, sk);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	if (rt->rt_flags & (RTCF_MULTICAST | RTCF_BROADCAST)) {
		ip_rt_put(rt);
		return -ENETUNREACH;
	}
	if (!inet->inet_saddr)
		inet->inet_saddr = fl4->saddr;
	sk_rcv_saddr_set(sk, inet->inet_saddr);
	inet->inet_dport = usin->sin_port;
	sk_daddr_set(sk, fl4->daddr);
	tern_set_ext_hdr_len(sk);

	/* SYN_SENT before hashing, as the table has it; the port is then
	 * chosen with the 4-tuple known (a TIME_WAIT entry blocks reuse).
	 */
	err = tern_connect_start(sk);
	if (err)
		goto failure;
	rt = ip_route_newports(fl4, rt, orig_sport, orig_dport, inet->inet_sport,
			       inet->inet_dport, sk);
	if (IS_ERR(rt)) {
		err = PTR_ERR(rt);
		rt = NULL;
		goto failure;
	}
	sk_setup_caps(sk, &rt->dst);
	rt = NULL;
	err = tern_connect_finish(sk);
	if (err)
		goto failure;
	return 0;

failure:
	ip_rt_put(rt);
	tern_connect_failed(sk);
	return err;
}

static int tern_disconnect(struct sock *sk, int flags)
{
	struct inet_sock *inet = inet_sk(sk);

	/* ABORT resets a synchronized peer and closes; a listener stops. */
	if (sk->sk_state != TCP_CLOSE)
		tern_sm_step(sk, TERN_EV_ABORT, NULL);
	tern_clear_timers(sk);
	tern_purge_write_queues(sk);
	tern_purge_receive_queues(sk);
	inet->inet_dport = 0;
	tern_reset_saddr(sk);
	WRITE_ONCE(sk->sk_shutdown, 0);
	sock_reset_flag(sk, SOCK_DONE);
	tern_init_conn(sk);
	__sk_dst_reset(sk);
	return 0;
}

/* Discard what the user never read; returns how many bytes that was. */
static u32 tern_discard_unread(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	u32 unread = tp->rcv_nxt - tp->copied_seq;

	if (sock_flag(sk, SOCK_DONE) && unread)
		unread--;	/* the FIN is not data */
	tern_purge_receive_queues(sk);
	return unread;
}

static void __tern_close(struct sock *sk, long timeout)
{
	struct net *net = sock_net(sk);
	int state;

	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	if (sk->sk_state == TCP_LISTEN) {
		tern_sm_step(sk, TERN_EV_CLOSE, NULL);
		goto adjudge_to_death;
	}
	if (tern_discard_unread(sk) && sk->sk_state != TCP_CLOSE) {
		/* RFC 2525 2.17: unread data means the peer must know. */
		tern_stat_inc(net, TERN_STAT_ABORT_ON_CLOSE);
		tern_sm_step(sk, TERN_EV_ABORT, NULL);
	} else if (sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime) {
		/* SO_LINGER with a zero timeout: abort with a RST. */
		if (sk->sk_state != TCP_CLOSE)
			tern_stat_inc(net, TERN_STAT_ABORT_ON_LINGER);
		tern_disconnect(sk, 0);
	} else {
		tern_sm_step(sk, TERN_EV_CLOSE, NULL);
	}
	/* SO_LINGER with a timeout: wait for the FIN to be acknowledged. */
	sk_stream_wait_close(sk, timeout);

adjudge_to_death:
	state = sk->sk_state;
	sock_hold(sk);
	tern_orphan(sk);
	local_bh_disable();
	bh_lock_sock(sk);
	/* It may have closed in the meantime (then it was freed already). */
	if (state != TCP_CLOSE && sk->sk_state == TCP_CLOSE)
		goto out;
	/* One orphan too many: reset it now, as TCP's tcp_close() does. */
	if (sk->sk_state != TCP_CLOSE && tern_out_of_resources(sk)) {
		tern_sm_step(sk, TERN_EV_OUT_OF_RESOURCES, NULL);
		goto out;
	}
	if (sk->sk_state == TCP_FIN_WAIT2)
		tern_reset_keepalive_timer(sk, tern_fin_timeout(sk));
	if (sk->sk_state == TCP_CLOSE)
		tern_destroy_orphan(sk);
out:
	bh_unlock_sock(sk);
	local_bh_enable();
}

static void tern_close(struct sock *sk, long timeout)
{
	lock_sock(sk);
	__tern_close(sk, timeout);
	release_sock(sk);
	/* The reference __tern_close() took for the orphan's last steps. */
	sock_put(sk);
}

static void tern_shutdown(struct sock *sk, int how)
{
	if (!(how & SEND_SHUTDOWN))
		return;
	if ((1 << sk->sk_state) &
	    (TCPF_ESTABLISHED | TCPF_SYN_RECV | TCPF_CLOSE_WAIT))
		tern_sm_step(sk, TERN_EV_CLOSE, NULL);
}

static int tern_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int err = -EINVAL;

	lock_sock(sk);
	if (sock->state != SS_UNCONNECTED || sock->type != SOCK_STREAM)
		goto out;
	if (!((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)))
		goto out;
	WRITE_ONCE(sk->sk_max_ack_backlog, backlog);
	/* What this listener offers its peers. */
	tern_sk(sk)->sack_ok = !!tern_sysctl(sock_net(sk))->sack;
	err = tern_sm_step(sk, TERN_EV_LISTEN, NULL);
	if (err > 0)
		err = 0;
out:
	release_sock(sk);
	return err;
}

#ifdef TERN_HAVE_PROTO_ACCEPT_ARG
static struct sock *tern_accept(struct sock *sk, struct proto_accept_arg *arg)
{
	struct sock *child = tern_accept_child(sk, arg->flags, &arg->err);

	arg->is_empty = !READ_ONCE(sk->sk_ack_backlog);
	return child;
}
#else
static struct sock *tern_accept(struct sock *sk, int flags, int *err, bool kern)
{
	return tern_accept_child(sk, flags, err);
}
#endif

/* proto->recvmsg() lost its unused address length (7.0). */
#ifdef TERN_HAVE_RECVMSG_ADDR_LEN
static int tern_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
			int flags, int *addr_len)
#else
static int tern_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
			int flags)
#endif
{
	return tern_recv(sk, msg, len, flags);
}

static __poll_t tern_poll(struct file *file, struct socket *sock,
			  poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;
	u8 shutdown;
	int state;

	sock_poll_wait(file, sock, wait);
	state = inet_sk_state_load(sk);
	if (state == TCP_LISTEN)
		return tern_listen_poll(sk);

	shutdown = READ_ONCE(sk->sk_shutdown);
	if (shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;
	if (state != TCP_SYN_SENT && state != TCP_SYN_RECV) {
		if (tern_readable(sk))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (shutdown & SEND_SHUTDOWN) {
			mask |= EPOLLOUT | EPOLLWRNORM;
		} else if (tern_stream_writeable(sk)) {
			mask |= EPOLLOUT | EPOLLWRNORM;
		} else {
			sk_set_bit(SOCKWQ_ASYNC_NOSPACE, sk);
			set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
			/* Recheck: an ACK may have freed space meanwhile. */
			smp_mb__after_atomic();
			if (tern_stream_writeable(sk))
				mask |= EPOLLOUT | EPOLLWRNORM;
		}
	}
	/* Pairs with the barrier in tern_sm_step()'s failure path. */
	smp_rmb();
	if (READ_ONCE(sk->sk_err) || !skb_queue_empty_lockless(&sk->sk_error_queue))
		mask |= EPOLLERR;
	return mask;
}

static void tern_set_keepalive(struct sock *sk, int val)
{
	if ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN))
		return;
	if (val)
		tern_reset_keepalive_timer(sk, tern_keepalive_time(tern_sk(sk)));
	else
		tern_stop_keepalive_timer(sk);
}

static int tern_backlog_rcv(struct sock *sk, struct sk_buff *skb)
{
	return tern_rcv(sk, skb);
}

struct proto tern_prot = {
	.name			= "TERN",
	.owner			= THIS_MODULE,
	.close			= tern_close,
	.pre_connect		= tern_v4_pre_connect,
	.connect		= tern_v4_connect,
	.disconnect		= tern_disconnect,
	.accept			= tern_accept,
	.ioctl			= tern_ioctl,
	.init			= tern_init_sock,
	.destroy		= tern_destroy_sock,
	.shutdown		= tern_shutdown,
	.setsockopt		= tern_setsockopt,
	.getsockopt		= tern_getsockopt,
	.keepalive		= tern_set_keepalive,
	.sendmsg		= tern_sendmsg,
	.recvmsg		= tern_recvmsg,
	.backlog_rcv		= tern_backlog_rcv,
	.release_cb		= tern_release_cb,
	.hash			= tern_hash,
	.unhash			= tern_unhash,
	.get_port		= tern_get_port,
	.put_port		= tern_put_port,
	.sockets_allocated	= &tern_sockets_allocated,
	.memory_allocated	= &tern_memory_allocated,
	.per_cpu_fw_alloc	= &tern_memory_per_cpu_fw_alloc,
	.memory_pressure	= &tern_memory_pressure,
	.enter_memory_pressure	= tern_enter_memory_pressure,
	.leave_memory_pressure	= tern_leave_memory_pressure,
	.sysctl_mem		= tern_sysctl_mem,
	.sysctl_wmem		= tern_sysctl_wmem,
	.sysctl_rmem		= tern_sysctl_rmem,
	.max_header		= TERN_MAX_HEADER,
	.obj_size		= sizeof(struct tern_sock),
	.slab_flags		= SLAB_TYPESAFE_BY_RCU,
	.no_autobind		= true,
};

const struct proto_ops tern_stream_ops = {
	.family		= PF_INET,
	.owner		= THIS_MODULE,
	.release	= inet_release,
	.bind		= inet_bind,
	.connect	= inet_stream_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= inet_accept,
	.getname	= inet_getname,
	.poll		= tern_poll,
	.ioctl		= inet_ioctl,
	.gettstamp	= sock_gettstamp,
	.listen		= tern_listen,
	.shutdown	= inet_shutdown,
	.setsockopt	= sock_common_setsockopt,
	.getsockopt	= sock_common_getsockopt,
	.sendmsg	= inet_sendmsg,
	.recvmsg	= inet_recvmsg,
	.mmap		= sock_no_mmap,
};

/* The same calls for AF_INET6, where the address family matters. */
const struct proto_ops tern_v6_stream_ops = {
	.family		= PF_INET6,
	.owner		= THIS_MODULE,
	.release	= inet6_release,
	.bind		= inet6_bind,
	.connect	= inet_stream_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= inet_accept,
	.getname	= inet6_getname,
	.poll		= tern_poll,
	.ioctl		= inet6_ioctl,
	.gettstamp	= sock_gettstamp,
	.listen		= tern_listen,
	.shutdown	= inet_shutdown,
	.setsockopt	= sock_common_setsockopt,
	.getsockopt	= sock_common_getsockopt,
	.sendmsg	= inet_sendmsg,
	.recvmsg	= inet_recvmsg,
	.mmap		= sock_no_mmap,
};

/**
 * tern_proto_init() - memory limits and counters shared by all sockets
 *
 * Return: 0 or -ENOMEM.
 */
int tern_proto_init(void)
{
	/* As TCP sizes tcp_mem: a sixteenth of memory, in pages. */
	unsigned long limit = nr_free_buffer_pages() / 16;

	limit = max(limit, 128UL);
	tern_sysctl_mem[0] = limit / 4 * 3;
	tern_sysctl_mem[1] = limit;
	tern_sysctl_mem[2] = tern_sysctl_mem[0] * 2;
	return percpu_counter_init(&tern_sockets_allocated, 0, GFP_KERNEL);
}

/**
 * tern_proto_exit() - undo tern_proto_init()
 */
void tern_proto_exit(void)
{
	percpu_counter_destroy(&tern_sockets_allocated);
}
