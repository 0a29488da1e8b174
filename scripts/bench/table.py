#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the benchmark VM's "bench:" lines into a Markdown table.

Each scenario's figure is the median over the rounds; the ratio is
Tern's median over TCP's (higher is better for every figure).
usage: table.py OUTPUT_LOG
"""
import statistics
import sys

DESCRIPTIONS = {
    "stream_loopback": "bulk throughput, loopback",
    "stream_veth": "bulk throughput, veth between two namespaces",
    "rr_loopback": "1-byte request/response, loopback",
    "crr_loopback": "connect + request/response + close, loopback",
    "stream_netem_loss1_delay10": "goodput, veth (one segment per skb) + netem 1% loss, 10 ms delay",
}


def main():
    values, units, order = {}, {}, []
    with open(sys.argv[1], errors="replace") as log:
        for line in log:
            fields = line.split()
            if len(fields) != 6 or fields[0] != "bench:":
                continue
            _, scenario, proto, _, value, unit = fields
            if scenario not in order:
                order.append(scenario)
            values.setdefault((scenario, proto), []).append(float(value))
            units[scenario] = unit
    if not order:
        sys.exit("no benchmark results in " + sys.argv[1])
    rounds = max(len(v) for v in values.values())
    print(f"Tern vs kernel TCP, benchmark kernel, median of {rounds} rounds")
    print()
    print("| scenario | unit | TCP | Tern | Tern/TCP |")
    print("|---|---|---:|---:|---:|")
    for scenario in order:
        tcp = statistics.median(values.get((scenario, "tcp"), [0]))
        tern = statistics.median(values.get((scenario, "tern"), [0]))
        ratio = f"{tern / tcp:.2f}" if tcp else "n/a"
        print(f"| {DESCRIPTIONS.get(scenario, scenario)} | {units[scenario]} "
              f"| {tcp:.1f} | {tern:.1f} | {ratio} |")


if __name__ == "__main__":
    main()
