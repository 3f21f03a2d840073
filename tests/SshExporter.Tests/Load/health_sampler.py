#!/usr/bin/env python3
"""Asks an HTTP server's /-/healthy every 50 ms on one keep-alive connection and prints, a line each,
"STATUS MILLISECONDS" (status 0 when the request failed). Runs until killed.

A process of its own, so that neither the load the test generates nor the test runtime's garbage collection
(which stops every thread of its process) delays a sample and makes the server look slow.
Usage: health_sampler.py PORT
"""

import http.client
import sys
import time

INTERVAL = 0.05


def main():
    port = int(sys.argv[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        started = time.monotonic()
        try:
            connection.request("GET", "/-/healthy")
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        took = time.monotonic() - started
        print(f"{status} {took * 1000:.3f}", flush=True)
        time.sleep(max(0.0, INTERVAL - took))


if __name__ == "__main__":
    main()
