#!/usr/bin/env python3
"""Runs a program that may not make any outgoing TCP connection: connect() fails with EACCES on this host.

Usage: landlock_deny_tcp_connect.py PROGRAM [ARGUMENTS...]. A Landlock ruleset that handles TCP connect and allows
no port is applied to this process (and so to the program it becomes); binding and listening stay allowed. Exits 77
when the kernel has no Landlock network rules (ABI 4, Linux 6.7).
"""

import ctypes
import os
import struct
import sys

# The same numbers on every architecture: these system calls came after the tables were unified.
SYS_LANDLOCK_CREATE_RULESET, SYS_LANDLOCK_RESTRICT_SELF = 444, 446
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_ACCESS_NET_CONNECT_TCP = 1 << 1
PR_SET_NO_NEW_PRIVS = 38

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

abi = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
if abi < 4:
    print(f"Landlock ABI {abi} (errno {ctypes.get_errno()}); network rules need 4", file=sys.stderr)
    sys.exit(77)

# struct landlock_ruleset_attr { __u64 handled_access_fs; __u64 handled_access_net; }
attr = ctypes.create_string_buffer(struct.pack("QQ", 0, LANDLOCK_ACCESS_NET_CONNECT_TCP))
ruleset = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, attr, ctypes.c_size_t(16), ctypes.c_uint32(0))
if ruleset < 0:
    sys.exit(f"landlock_create_ruleset failed: errno {ctypes.get_errno()}")
if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
    sys.exit(f"prctl(PR_SET_NO_NEW_PRIVS) failed: errno {ctypes.get_errno()}")
if libc.syscall(SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
    sys.exit(f"landlock_restrict_self failed: errno {ctypes.get_errno()}")
os.close(ruleset)
os.execvp(sys.argv[1], sys.argv[1:])
