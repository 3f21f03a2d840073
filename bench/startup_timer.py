#!/usr/bin/env python3
"""Starts an exporter and times it from the exec to its first 200 answer on a URL (its /-/healthy).

Usage: startup_timer.py --url http://127.0.0.1:PORT/-/healthy --report FILE -- COMMAND [ARG...]

Why a wrapper: a poller started after the exporter would measure its own start-up too (tens of milliseconds for
python, more than a Go exporter needs to serve), so the clock and the polling loop are ready before the exporter is
spawned. It polls with a bare socket every millisecond (a refused connect costs microseconds), writes
"pid=PID startup_ms=MS" to --report once the answer is 200, and then stays the exporter's parent: SIGTERM or SIGINT
is passed on to it, and the wrapper exits when the exporter does, so that the caller stops both by stopping this.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit


def healthy(host, port, path):
    """True on an HTTP 200 from GET path; False while nothing listens or it answers otherwise."""
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\n\r\n".encode("ascii"))
            status = sock.recv(64).split(b"\r\n", 1)[0]
            return status.split(b" ")[1:2] == [b"200"]
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--limit", type=float, default=30.0, help="seconds to wait for the first 200")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    url = urlsplit(args.url)

    start = time.monotonic()
    child = subprocess.Popen(command)
    signal.signal(signal.SIGTERM, lambda *_: child.send_signal(signal.SIGTERM))
    signal.signal(signal.SIGINT, lambda *_: child.send_signal(signal.SIGTERM))

    while not healthy(url.hostname, url.port, url.path or "/"):
        if child.poll() is not None or time.monotonic() - start > args.limit:
            child.kill()
            sys.exit(f"startup_timer: no 200 from {args.url} (exit code {child.wait()})")
        time.sleep(0.001)
    elapsed_ms = (time.monotonic() - start) * 1000

    with open(args.report + ".tmp", "w", encoding="ascii") as f:
        f.write(f"pid={child.pid} startup_ms={elapsed_ms:.1f}\n")
    os.replace(args.report + ".tmp", args.report)
    sys.exit(child.wait())


if __name__ == "__main__":
    main()
