"""web stage: the local, read-only explorer (``newsgraph serve``)."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the explorer with uvicorn until interrupted (binds loopback unless told otherwise)."""
    import uvicorn

    from newsgraph.web.app import create_app

    extra = [] if _is_loopback(host) else [host]
    if extra:
        print(f"warning: serving on {host}, reachable beyond this machine", file=sys.stderr)
    app = create_app(str(db_path), allowed_hosts=extra)
    print(f"newsgraph explorer on http://{host}:{port}/  (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
