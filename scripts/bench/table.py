#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the benchmark VM's "bench:" lines into a Markdown table, and
optionally a PNG chart of the ratios.

Each figure is shown as its median over the rounds with the range
(min-max). The ratio is computed per round (rounds alternate the
protocols, so drift hits both alike) and shown the same way; it reads
"higher is better for Tern": Tern/TCP for rates, TCP/Tern for latencies
and sizes (units in LOWER_IS_BETTER).
usage: table.py OUTPUT_LOG [CHART.png]
"""
import re
import statistics
import sys

DESCRIPTIONS = {
    "stream_loopback": "bulk throughput, loopback",
    "stream_veth": "bulk throughput, veth between two namespaces",
    "rr_loopback": "1-byte request/response, loopback",
    "rr_loopback_p50": "request/response latency p50, loopback",
    "rr_loopback_p99": "request/response latency p99, loopback",
    "rr_loopback_p99.9": "request/response latency p99.9, loopback",
    "crr_loopback": "connect + request/response + close, loopback",
    "stream_netem_loss1_delay10": "goodput, veth (one segment per skb) + netem 1% loss, 10 ms delay",
    "streams8_veth_aggregate": "8 parallel bulk flows, veth: aggregate",
    "streams8_veth_jain": "8 parallel bulk flows, veth: Jain fairness",
    "scale_loopback_rr_100": "request/response over 100 connections",
    "scale_loopback_rr_1000": "request/response over 1,000 connections",
    "scale_loopback_rr_10000": "request/response over 10,000 connections",
    "scale_loopback_held": "rate kept from 100 to 10,000 connections",
    "scale_loopback_conn_slab": "slab per established connection (both ends)",
    "scale_loopback_conn_pages": "all kernel pages per connection (coarse)",
    "scale_timewait_timewait_entries": "TIME_WAIT entries made",
    "scale_timewait_timewait_slab": "slab per TIME_WAIT entry",
    "scale_timewait_timewait_pages": "all kernel pages per TIME_WAIT entry (coarse)",
    "scale_timewait_timewait_connect": "connect + close with 100,000 TIME_WAIT entries",
    "scale_synrecv_synrecv_entries": "SYN_RECV request entries made",
    "scale_synrecv_synrecv_slab": "slab per SYN_RECV request entry",
    "scale_synrecv_synrecv_pages": "all kernel pages per request entry (coarse)",
}
LOWER_IS_BETTER = {"us", "bytes"}
# Counts describe a run; they are no figure of merit.
NOT_COMPARED = {"count", "approx-bytes"}
# "<scenario>_rr_<connections>": a scale curve.
CURVE = re.compile(r"^(.*)_rr_(\d+)$")


def parse(path):
    """{(scenario, proto): {round: value}}, units, scenarios in order."""
    values, units, order = {}, {}, []
    with open(path, errors="replace") as log:
        for line in log:
            fields = line.split()
            if len(fields) != 6 or fields[0] != "bench:":
                continue
            _, scenario, proto, rnd, value, unit = fields
            if scenario not in order:
                order.append(scenario)
            values.setdefault((scenario, proto), {})[rnd] = float(value)
            units[scenario] = unit
    add_held(values, units, order)
    return values, units, order


def curves(values, order):
    """{base: [(connections, scenario)]} of the scale curves, ascending."""
    out = {}
    for scenario in order:
        m = CURVE.match(scenario)
        if m:
            out.setdefault(m.group(1), []).append((int(m.group(2)), scenario))
    return {base: sorted(points) for base, points in out.items()}


def add_held(values, units, order):
    """Per curve, the share of its rate kept from fewest to most
    connections: flat is 1, and a steeper fall than TCP's shows as a
    ratio below 1."""
    for base, points in curves(values, order).items():
        if len(points) < 2:
            continue
        first, last = points[0][1], points[-1][1]
        name = base + "_held"
        for proto in ("tcp", "tern"):
            lo, hi = values.get((first, proto), {}), values.get((last, proto), {})
            for rnd in lo.keys() & hi.keys():
                if lo[rnd]:
                    values.setdefault((name, proto), {})[rnd] = hi[rnd] / lo[rnd]
        units[name] = "share"
        order.insert(order.index(last) + 1, name)


def ratios(scenario, unit, values):
    """Per-round ratios, higher is better for Tern."""
    tcp = values.get((scenario, "tcp"), {})
    tern = values.get((scenario, "tern"), {})
    out = []
    if unit in NOT_COMPARED:
        return out
    for rnd in tcp.keys() & tern.keys():
        num, den = tern[rnd], tcp[rnd]
        if unit in LOWER_IS_BETTER:
            num, den = den, num
        if den:
            out.append(num / den)
    return out


def spread(xs, fmt):
    """'median (min-max)' of xs."""
    if not xs:
        return "n/a"
    return (f"{fmt.format(statistics.median(xs))} "
            f"({fmt.format(min(xs))}-{fmt.format(max(xs))})")


def table(values, units, order):
    rounds = max(len(v) for v in values.values())
    print(f"Tern vs kernel TCP, benchmark kernel, {rounds} rounds: "
          "median (min-max)")
    print()
    print("| scenario | unit | TCP | Tern | ratio (better >= 1) |")
    print("|---|---|---:|---:|---:|")
    for scenario in order:
        unit = units[scenario]
        tcp = list(values.get((scenario, "tcp"), {}).values())
        tern = list(values.get((scenario, "tern"), {}).values())
        sense = "TCP/Tern" if unit in LOWER_IS_BETTER else "Tern/TCP"
        if unit in NOT_COMPARED:
            sense = ""
        print(f"| {DESCRIPTIONS.get(scenario, scenario)} | {unit} "
              f"| {spread(tcp, '{:.1f}')} | {spread(tern, '{:.1f}')} "
              f"| {spread(ratios(scenario, unit, values), '{:.2f}')} {sense} |")


def ratio_bars(ax, values, units, order):
    """Horizontal bars: each scenario's median ratio, min-max whiskers."""
    names, med, low, high = [], [], [], []
    for scenario in order:
        rs = ratios(scenario, units[scenario], values)
        if not rs:
            continue
        m = statistics.median(rs)
        names.append(DESCRIPTIONS.get(scenario, scenario))
        med.append(m)
        low.append(m - min(rs))
        high.append(max(rs) - m)
    colors = ["tab:green" if m >= 1 else "tab:red" for m in med]
    ax.barh(range(len(names)), med, xerr=[low, high], color=colors,
            capsize=3)
    ax.axvline(1.0, color="black", linewidth=1)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    ax.set_xlabel("Tern relative to kernel TCP (>= 1: as good or better)")
    ax.set_title("make bench: median ratio, min-max over the rounds")
    return len(names)


def scale_curves(ax, values, units, order):
    """Rate against connections, per protocol: medians, min-max bars."""
    for base, points in curves(values, order).items():
        for proto, color in (("tcp", "tab:blue"), ("tern", "tab:orange")):
            xs, med, low, high = [], [], [], []
            for conns, scenario in points:
                v = list(values.get((scenario, proto), {}).values())
                if not v:
                    continue
                m = statistics.median(v)
                xs.append(conns)
                med.append(m)
                low.append(m - min(v))
                high.append(max(v) - m)
            ax.errorbar(xs, med, yerr=[low, high], marker="o", capsize=3,
                        color=color, label=f"{proto} ({base})")
        ax.set_ylabel(units[points[0][1]])
    ax.set_xscale("log")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("established connections")
    ax.set_title("request/response rate as connections grow")
    ax.legend()


def chart(values, units, order, path):
    """The ratios, and beneath them the scale curves if there are any."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bars = sum(1 for s in order if ratios(s, units[s], values))
    has_curves = bool(curves(values, order))
    heights = [0.45 * bars + 1.5] + ([4] if has_curves else [])
    fig, axes = plt.subplots(len(heights), 1, figsize=(11, sum(heights)),
                             gridspec_kw={"height_ratios": heights},
                             squeeze=False)
    ratio_bars(axes[0][0], values, units, order)
    if has_curves:
        scale_curves(axes[1][0], values, units, order)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main():
    values, units, order = parse(sys.argv[1])
    if not order:
        sys.exit("no benchmark results in " + sys.argv[1])
    table(values, units, order)
    if len(sys.argv) > 2:
        chart(values, units, order, sys.argv[2])


if __name__ == "__main__":
    main()
