"""A real HTTP server for the API's tests: uvicorn on 127.0.0.1, on a port
the kernel gives, in a thread of the test process (so a test can move the
casework's frozen clock), stopped at the end of the block."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

__all__ = ["free_port", "serving"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn until the block ends; its base URL.

    The socket is bound here and handed to uvicorn, so no other process
    (another test worker, say) can take the port between choosing it and
    listening on it."""
    # Named as TCP, as uvicorn's own socket is: asyncio turns Nagle's
    # algorithm off (TCP_NODELAY) only on a connection whose socket says it
    # is TCP, and without that each request whose head and body are written
    # apart waits for the delayed acknowledgement, some 40 ms.
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.bind(("127.0.0.1", 0))
    port: int = listening.getsockname()[1]
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listening]}, name="uvicorn", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 30
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listening.close()
