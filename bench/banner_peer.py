#!/usr/bin/env python3
"""A light SSH banner peer for the benchmark: not sshd, just the part of it a probe sees.

On accept it sends an OpenSSH identification line, then reads and discards whatever the client sends, and
closes as soon as the client closes its side (EOF). With --kexinit FILE it answers the first bytes a client sends
(its identification) with that packet, as sshd sends its KEXINIT once it has read the client's identification;
a client that sends nothing (blackbox) gets none, as from sshd. ssh-exporter half-closes after sending its own
identification and waits up to 250 ms for the server to hang up, so closing on EOF is required; a peer
that waited for a full close would make every ssh-exporter probe last 250 ms.

Why not real sshd: sshd forks (and re-executes) a process per connection and throttles unauthenticated
connections with MaxStartups, so under load it, not the exporter, would set the pace.

Why a bare epoll loop and not asyncio: the peer shares the two CPUs with the exporters and wrk, and one
1,000-target scrape makes it accept 1,000 connections at once on one thread. asyncio's transports cost
several times more per connection than these few system calls, CPU the exporters would not get and a
serial delay the scrape would measure.

It listens on 127.0.0.1 only, on ports the kernel picks:
  instant  sends the banner at once (the success target);
  delayed  sends it after --delay seconds (a stand-in for network and sshd start-up latency);
  stats    answers one line of counters and closes (used to check that every request made a connection).
The chosen ports are written to --ports-file once all three listen. SIGTERM or SIGINT ends it.
"""

import argparse
import heapq
import os
import select
import signal
import socket
import time

BANNER = b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"


def listen(backlog, port=0):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


def listen_group(backlog, count):
    """count listeners on one port (SO_REUSEPORT): each has its own accept queue, which the kernel caps at
    net.core.somaxconn (often 4,096), and a 10,000-target scrape opens 10,000 connections at once."""
    first = listen(backlog)
    return [first] + [listen(backlog, first.getsockname()[1]) for _ in range(count - 1)]


def send_banner(conn, counters):
    try:
        conn.send(BANNER)  # 32 bytes into an empty send buffer: never partial
        counters["banners_sent"] += 1
    except OSError:
        pass  # the client already reset the connection; its read event closes it


def serve(delay, ports_file, kexinit):
    # Accept queues that together hold the 10,000 connections one /metrics scrape opens at once: a dropped SYN
    # would cost a one-second retransmission and measure the kernel's queue, not the exporter.
    instant, delayed, stats = listen_group(4096, 4), listen_group(4096, 4), listen(16)
    with open(ports_file + ".tmp", "w", encoding="ascii") as f:
        for name, sock in (("instant", instant[0]), ("delayed", delayed[0]), ("stats", stats)):
            f.write(f"{name} {sock.getsockname()[1]}\n")
    os.replace(ports_file + ".tmp", ports_file)
    listeners = {sock.fileno(): sock for sock in instant + delayed}
    instant_fds = {sock.fileno() for sock in instant}

    counters = {"accepted": 0, "banners_sent": 0, "kexinits_sent": 0, "client_eof": 0, "bytes_received": 0}
    poller = select.epoll()
    for fd in [*listeners, stats.fileno()]:
        poller.register(fd, select.EPOLLIN)
    conns = {}   # fd -> socket of every open client connection
    answered = set()  # fds of connections that got the KEXINIT
    timers = []  # heap of (due, sequence, fd, socket) for delayed banners
    sequence = 0

    while True:
        timeout = max(0.0, timers[0][0] - time.monotonic()) if timers else -1
        for fd, _ in poller.poll(timeout):
            if fd in listeners:
                listener = listeners[fd]
                while True:
                    try:
                        conn, _ = listener.accept()
                    except BlockingIOError:
                        break
                    conn.setblocking(False)
                    counters["accepted"] += 1
                    conns[conn.fileno()] = conn
                    poller.register(conn.fileno(), select.EPOLLIN)
                    if fd in instant_fds:
                        send_banner(conn, counters)
                    else:
                        sequence += 1
                        heapq.heappush(timers, (time.monotonic() + delay, sequence, conn.fileno(), conn))
            elif fd == stats.fileno():
                try:
                    conn, _ = stats.accept()
                except BlockingIOError:
                    continue
                conn.setblocking(True)
                conn.sendall((" ".join(f"{k}={v}" for k, v in counters.items()) + "\n").encode())
                conn.close()
            else:
                conn = conns[fd]
                try:
                    data = conn.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""  # reset: treat as a hang-up
                else:
                    if data:
                        counters["bytes_received"] += len(data)
                        if kexinit and fd not in answered:
                            answered.add(fd)
                            try:
                                conn.send(kexinit)  # about 1 KB into an empty send buffer: never partial
                                counters["kexinits_sent"] += 1
                            except OSError:
                                pass
                        continue
                    counters["client_eof"] += 1
                # The client hung up: hang up too, which is what it waits for.
                poller.unregister(fd)
                del conns[fd]
                answered.discard(fd)
                conn.close()

        now = time.monotonic()
        while timers and timers[0][0] <= now:
            _, _, fd, conn = heapq.heappop(timers)
            if conns.get(fd) is conn:
                send_banner(conn, counters)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ports-file", required=True)
    parser.add_argument("--delay", type=float, default=0.1, help="banner delay of the delayed listener, seconds")
    parser.add_argument("--kexinit", help="a file holding one binary packet to answer the client's identification with")
    args = parser.parse_args()
    kexinit = None
    if args.kexinit:
        with open(args.kexinit, "rb") as f:
            kexinit = f.read()

    def stop(*_):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    serve(args.delay, args.ports_file, kexinit)


if __name__ == "__main__":
    main()
