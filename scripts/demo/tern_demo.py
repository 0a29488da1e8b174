#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Show a Tern socket: socket(AF_INET, SOCK_STREAM, IPPROTO_TERN)."""
import os
import socket

IPPROTO_TERN = 253


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_TERN)
    fd = sock.fileno()
    print(f'socket(AF_INET, SOCK_STREAM, {IPPROTO_TERN}) = fd {fd}')
    print(f'  kernel object: {os.readlink(f"/proc/self/fd/{fd}")}')
    print(f'  family={sock.family.name} type={sock.type.name} proto={sock.proto}')
    sock.close()
    print('closed; per-namespace counters (/proc/net/tern_stats):')
    with open('/proc/net/tern_stats') as stats:
        for line in stats:
            print('  ' + line.rstrip())


if __name__ == '__main__':
    main()
