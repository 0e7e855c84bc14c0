"""Run the explorer in a background thread on a free loopback port.

Used by the tests (a real server, real HTTP) and by ``tools/screenshot.py``.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from types import TracebackType

from newsgraph.errors import NewsgraphError


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class BackgroundServer:
    """``with BackgroundServer(db) as url:`` serves the explorer at ``url`` until the block ends."""

    def __init__(self, db_path: str | Path, port: int | None = None) -> None:
        import uvicorn

        from newsgraph.web.app import create_app

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(str(db_path)), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise NewsgraphError(f"explorer did not start on port {self.port}")
            time.sleep(0.05)
        return self.url

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
