#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Show a real Tern connection between two network namespaces.

A client (10.77.0.1) and a server (10.77.0.2), joined by a veth pair with
a little delay so the segments are easy to follow: the 3-way handshake,
data both ways, a half-close with data still flowing back, the 4-way
close, the client in TIME_WAIT and leaving it after 2 * MSL. The timeline
merges what the applications did, each socket's state changes (the
tern_state_change tracepoint) and every segment on the wire (captured on
the client's veth).
"""
import ctypes
import os
import socket
import struct
import subprocess
import threading
import time

IPPROTO_TERN = 253
TERN_INFO = 3
CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
CLIENT, SERVER, PORT = '10.77.0.1', '10.77.0.2', 5000
MSL_MS = 1000
TRACING = '/sys/kernel/tracing'
FLAGS = ((0x02, 'SYN'), (0x01, 'FIN'), (0x04, 'RST'), (0x08, 'PSH'), (0x10, 'ACK'))

libc = ctypes.CDLL(None, use_errno=True)
events = []
events_lock = threading.Lock()


def note(side, text, when=None):
    """Record a timeline event for the client or server column."""
    with events_lock:
        events.append((time.monotonic() if when is None else when, side, text))


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def enter(ns):
    """Move the calling thread into network namespace @ns."""
    fd = os.open(f'/run/netns/{ns}', os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET):
        raise OSError(ctypes.get_errno(), f'setns {ns}')
    os.close(fd)


def setup():
    sh('ip netns add tern-client && ip netns add tern-server')
    sh('ip link add tc0 netns tern-client type veth peer ts0 netns tern-server')
    sh(f'ip -n tern-client addr add {CLIENT}/24 dev tc0 && ip -n tern-client link set tc0 up')
    sh(f'ip -n tern-server addr add {SERVER}/24 dev ts0 && ip -n tern-server link set ts0 up')
    for ns, dev in (('tern-client', 'tc0'), ('tern-server', 'ts0')):
        sh(f'tc -n {ns} qdisc add dev {dev} root netem delay 5ms')
    sh(f'ip netns exec tern-client sh -c "echo {MSL_MS} > /proc/sys/net/tern/msl_ms"')
    with open(f'{TRACING}/trace_clock', 'w') as f:
        f.write('mono')
    with open(f'{TRACING}/trace', 'w') as f:
        f.write('')
    for event in ('tern_state_change', 'tern_xmit'):
        with open(f'{TRACING}/events/tern/{event}/enable', 'w') as f:
            f.write('1')


def teardown():
    for event in ('tern_state_change', 'tern_xmit'):
        with open(f'{TRACING}/events/tern/{event}/enable', 'w') as f:
            f.write('0')
    subprocess.run('ip netns del tern-client; ip netns del tern-server', shell=True)


def flag_names(flags):
    return '|'.join(name for bit, name in FLAGS if flags & bit) or '-'


def capture(stop, seen):
    """Count the Tern frames on the client's veth, both directions."""
    enter('tern-client')
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL))
    sock.bind(('tc0', ETH_P_ALL))
    sock.settimeout(0.05)
    while not stop.is_set():
        try:
            pkt = sock.recv(70000)
        except socket.timeout:
            continue
        if len(pkt) >= 20 and pkt[0] >> 4 == 4 and pkt[9] == IPPROTO_TERN:
            seen.append(pkt)


def info(sock):
    """(iss, irs) from TERN_INFO: struct tern_info in include/tern.h."""
    raw = sock.getsockopt(IPPROTO_TERN, TERN_INFO, 144)
    return struct.unpack_from('=2I', raw, 4)


def server(ready):
    enter('tern-server')
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_TERN)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((SERVER, PORT))
    lsock.listen(4)
    note('server', f'listen({SERVER}:{PORT})')
    ready.set()
    conn, peer = lsock.accept()
    note('server', f'accept() -> {peer[0]}:{peer[1]}')
    data = conn.recv(100)
    note('server', f'recv() -> {data!r}')
    conn.sendall(b'hello back')
    note('server', "send('hello back')")
    while conn.recv(100):
        pass
    note('server', 'recv() -> EOF: the client half-closed')
    for i in range(3):
        conn.sendall(b'more data %d' % i)
        note('server', f"send('more data {i}') after the client's FIN")
        time.sleep(0.03)
    conn.close()
    note('server', 'close()')
    lsock.close()


def client():
    enter('tern-client')
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_TERN)
    note('client', f'connect({SERVER}:{PORT})')
    sock.connect((SERVER, PORT))
    iss, irs = info(sock)
    note('client', f'connected: our ISN {iss}, theirs {irs}')
    sock.sendall(b'hello tern')
    note('client', "send('hello tern')")
    note('client', f'recv() -> {sock.recv(100)!r}')
    sock.shutdown(socket.SHUT_WR)
    note('client', 'shutdown(SHUT_WR): half-close, still reading')
    while True:
        data = sock.recv(100)
        note('client', f'recv() -> {data!r}' if data else 'recv() -> EOF')
        if not data:
            break
    sock.close()
    note('client', 'close()')
    return sock


def proc_lines(ns):
    out = subprocess.run(f'ip netns exec {ns} cat /proc/net/tern', shell=True,
                         capture_output=True, text=True).stdout
    return [line for line in out.splitlines()[1:] if line.strip()]


def trace_events():
    """State changes and sent segments from the tracepoints, one clock."""
    with open(f'{TRACING}/trace') as f:
        for line in f:
            for event in ('tern_state_change', 'tern_xmit'):
                marker = f': {event}: '
                if marker not in line:
                    continue
                stamp = float(line.split(marker)[0].split()[-1])
                detail = line.split(marker)[1].strip()
                if event == 'tern_state_change':
                    addrs, change = detail.split(' ', 4)[1:4], detail.split(' ', 4)[4]
                    side = 'client' if addrs[0].startswith(CLIENT) else 'server'
                    note(side, f'[{change}]', stamp)
                else:
                    note('wire', wire_text(detail), stamp)


def wire_text(detail):
    """'a:p -> b:q flags=0x12 seq=.. ack=.. win=.. len=..' for the timeline."""
    src, _, _, flags, seq, ack, _, length = detail.split()
    arrow = '-->' if src.startswith(CLIENT) else '<--'
    names = flag_names(int(flags.split('=')[1], 16))
    shown_ack = f' {ack}' if 'ACK' in names else ''
    return f'{arrow} {names:<11} {seq}{shown_ack} {length}'


def print_timeline():
    width = 44
    print(f"\n{'ms':>8}  {'client ' + CLIENT:<{width}} {'on the wire':<46} {'server ' + SERVER}")
    print('-' * 150)
    timeline = sorted(events, key=lambda e: e[0])
    t0 = timeline[0][0]
    for when, side, text in timeline:
        ms = f'{(when - t0) * 1000:8.1f}'
        if side == 'client':
            print(f'{ms}  {text}')
        elif side == 'wire':
            print(f'{ms}  {"":<{width}} {text}')
        else:
            print(f'{ms}  {"":<{width}} {"":<46} {text}')


def main():
    setup()
    try:
        stop, seen = threading.Event(), []
        cap = threading.Thread(target=capture, args=(stop, seen))
        cap.start()
        ready = threading.Event()
        srv = threading.Thread(target=server, args=(ready,))
        srv.start()
        ready.wait()
        time.sleep(0.05)
        client()
        srv.join()
        time.sleep(0.1)
        tw = proc_lines('tern-client')
        note('client', f'/proc/net/tern: {tw[0] if tw else "(empty)"}')
        deadline = time.monotonic() + 2 * MSL_MS / 1000 + 1
        while proc_lines('tern-client') and time.monotonic() < deadline:
            time.sleep(0.05)
        left = proc_lines('tern-client')
        note('client', 'TIME_WAIT over after 2*MSL: /proc/net/tern ' +
             (f'still has {left[0]}' if left else 'is empty'))
        stop.set()
        cap.join()
        trace_events()
        print_timeline()
        sent = sum(1 for e in events if e[1] == 'wire')
        print(f"\n{sent} segments sent, {len(seen)} seen on the veth; "
              f"msl_ms={MSL_MS}, so TIME_WAIT lasts {2 * MSL_MS} ms")
    finally:
        teardown()


if __name__ == '__main__':
    main()
