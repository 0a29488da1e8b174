// SPDX-License-Identifier: GPL-2.0
/*
 * Generic segmentation offload (GSO). The send path may hand IP one skb
 * that covers up to 64 KB of consecutive full segments. A software device
 * (loopback, veth, a bridge) carries it whole to the receiving socket, so
 * the stack is paid once per 64 KB on both ends; before any other device
 * the core cuts it up here into MTU-sized segments, each with its own
 * sequence number, flags and checksum.
 *
 * The skb's gso_type must be one that software devices pass through but
 * that no NIC segments in hardware: a NIC would cut our segments as if
 * they were its own protocol's. A module cannot add a type. SKB_GSO_SCTP
 * fits: NETIF_F_GSO_SCTP is only ever part of NETIF_F_GSO_SOFTWARE, no
 * driver claims it for hardware, and SCTP's own segments carry IP
 * protocol 132, so they never reach this callback. Turning a device's
 * "tx-sctp-segmentation" and "generic-segmentation-offload" off
 * (ethtool -K) turns Tern's GSO off on it too.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/protocol.h>

#include "compat.h"
#include "header.h"
#include "main.h"
#include "offload.h"
#include "wire.h"

static bool tern_offload_registered;
static bool tern_offload6_registered;

/* One segment's header: its own length in the checksum, and the PSH and
 * FIN of the whole only on the last one.
 */
static void tern_gso_fix_segment(struct sk_buff *seg, u32 seq, bool last,
				 u8 flags)
{
	struct ternhdr *th = tern_hdr(seg);
	unsigned int len = seg->len - skb_transport_offset(seg);
	struct tern_addrs a;

	th->seq = htonl(seq);
	th->flags = last ? flags : flags & ~(TERN_FLAG_PSH | TERN_FLAG_FIN);
	/* As the receiver sees them: raddr is the source. */
	tern_skb_addrs(seg, &a);
	th->check = ~tern_pseudo_sum(&a.raddr, &a.laddr, len);
	/* skb_segment() left the sum of the payload when it could not be
	 * left to the device.
	 */
	if (seg->ip_summed == CHECKSUM_PARTIAL)
		gso_reset_checksum(seg, csum_unfold(~th->check));
	else
		th->check = gso_make_checksum(seg, csum_unfold(~th->check));
}

static struct sk_buff *tern_gso_segment(struct sk_buff *skb,
					netdev_features_t features)
{
	struct sk_buff *segs = ERR_PTR(-EINVAL), *seg;
	unsigned int hlen, mss;
	struct ternhdr *th;
	u8 flags;
	u32 seq;

	if (!pskb_may_pull(skb, TERN_HDR_LEN))
		goto out;
	hlen = tern_hdr_len(tern_hdr(skb));
	if (hlen < TERN_HDR_LEN || !pskb_may_pull(skb, hlen))
		goto out;
	/* Anything else on this IP protocol (a packet socket's, say) is
	 * not ours to cut.
	 */
	mss = tern_skb_mss(skb);
	if (!mss || skb->len - hlen <= mss)
		goto out;
	/* skb_segment() cuts at gso_size, which holds TERN_GSO_SIZE_BIAS
	 * more: set it to the payload size in a shared info of our own
	 * (the socket's retransmit queue shares a clone's).
	 */
	if (skb_unclone(skb, GFP_ATOMIC))
		goto out;
	th = tern_hdr(skb);
	if (th->flags & (TERN_FLAG_SYN | TERN_FLAG_RST))
		goto out;
	seq = ntohl(th->seq);
	flags = th->flags;
	__skb_pull(skb, hlen);

	/* A device that sums only TCP and UDP must not get our checksum;
	 * nor any device a checksum no longer left to it (a tc or BPF
	 * program may have changed ip_summed): skb_segment() then sums.
	 */
	if (skb->ip_summed != CHECKSUM_PARTIAL || !(features & NETIF_F_HW_CSUM))
		features &= ~NETIF_F_CSUM_MASK;
	skb_shinfo(skb)->gso_size = mss;
	segs = skb_segment(skb, features);
	skb_shinfo(skb)->gso_size = mss + TERN_GSO_SIZE_BIAS;
	if (IS_ERR(segs))
		goto out;
	for (seg = segs; seg; seg = seg->next) {
		tern_gso_fix_segment(seg, seq, !seg->next, flags);
		seq += seg->len - skb_transport_offset(seg) - hlen;
	}
out:
	return segs;
}

static const struct net_offload tern_offload = {
	.callbacks = {
		.gso_segment = tern_gso_segment,
	},
};

/**
 * tern_offload_init() - register the segmentation callback with IP
 *
 * Without it (the protocol's slot taken), Tern sends MTU-sized segments.
 */
void tern_offload_init(void)
{
	tern_offload_registered = !inet_add_offload(&tern_offload, tern_ipproto);
	if (!tern_offload_registered)
		pr_warn("offload slot of protocol %d taken: no GSO\n", tern_ipproto);
	tern_offload6_registered = !inet6_add_offload(&tern_offload, tern_ipproto);
	if (!tern_offload6_registered)
		pr_warn("IPv6 offload slot of %d taken: no GSO\n", tern_ipproto);
}

/**
 * tern_offload_exit() - unregister; waits for callers in flight
 *
 * A GSO skb still queued below us (in a qdisc) is dropped by IP once the
 * callback is gone: the core finds no offload for the protocol.
 */
void tern_offload_exit(void)
{
	if (tern_offload_registered)
		inet_del_offload(&tern_offload, tern_ipproto);
	if (tern_offload6_registered)
		inet6_del_offload(&tern_offload, tern_ipproto);
	tern_offload_registered = false;
	tern_offload6_registered = false;
}

/**
 * tern_gso_type() - the gso_type new sockets get
 * @family: theirs, AF_INET or AF_INET6
 *
 * Return: TERN_GSO_TYPE, or 0 (no GSO) when a callback the socket may need
 * is not registered: IPv4's, and for an IPv6 socket (which may send IPv4,
 * to a v4-mapped peer) IPv6's too.
 */
unsigned int tern_gso_type(int family)
{
	bool registered = tern_offload_registered &&
			  (family == AF_INET || tern_offload6_registered);

	return registered ? TERN_GSO_TYPE : 0;
}
