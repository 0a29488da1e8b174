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
}
LOWER_IS_BETTER = {"us", "bytes"}


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
    return values, units, order


def ratios(scenario, unit, values):
    """Per-round ratios, higher is better for Tern."""
    tcp = values.get((scenario, "tcp"), {})
    tern = values.get((scenario, "tern"), {})
    out = []
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
        print(f"| {DESCRIPTIONS.get(scenario, scenario)} | {unit} "
              f"| {spread(tcp, '{:.1f}')} | {spread(tern, '{:.1f}')} "
              f"| {spread(ratios(scenario, unit, values), '{:.2f}')} {sense} |")


def chart(values, units, order, path):
    """Horizontal bars: each scenario's median ratio, min-max whiskers."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(names) + 1.5))
    colors = ["tab:green" if m >= 1 else "tab:red" for m in med]
    ax.barh(range(len(names)), med, xerr=[low, high], color=colors,
            capsize=3)
    ax.axvline(1.0, color="black", linewidth=1)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    ax.set_xlabel("Tern relative to kernel TCP (>= 1: as good or better)")
    ax.set_title("make bench: median ratio, min-max over the rounds")
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
