"""TCP ports for the servers the tests start, safe with pytest-xdist workers running side by side.

A port from ``bind(("127.0.0.1", 0))`` is an ephemeral one: once it is closed, the kernel may hand
it to any other socket, such as another worker's server or the source port of an outgoing
connection, which breaks a test that kills a server and starts it again on the same port. These
ports come from below the ephemeral range instead (the kernel never picks them by itself), from a
block of its own for each worker of this run, and each is checked to be free when it is handed out.
"""

from __future__ import annotations

import itertools
import os
import socket
import zlib

FIRST_PORT = 15_000
BLOCK = 500
BLOCKS = 34  # 15000-31999: below Linux's default ephemeral range (32768-60999)


def _block_start() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker[2:]) if worker[2:].isdigit() else 0
    # Two runs at once on one machine start from different blocks, most of the time.
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or str(os.getppid())
    offset = zlib.crc32(run.encode()) % BLOCKS
    return FIRST_PORT + ((offset + index) % BLOCKS) * BLOCK


_next = itertools.cycle(range(BLOCK))
_start = _block_start()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, not handed out before in this worker."""
    for _ in range(BLOCK):
        port = _start + next(_next)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {_start}-{_start + BLOCK - 1}")
