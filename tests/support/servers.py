"""Start a real ``kbqa serve`` process on 127.0.0.1 for a test and stop it afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from paths import ROOT

KBQA = str(Path(sys.executable).parent / "kbqa")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(workdir: Path, env: dict[str, str], timeout: float = 240) -> Iterator[str]:
    """Yield the base URL once ``/healthz`` answers; the log is in ``workdir/server.log``."""
    port = free_port()
    log_path = workdir / "server.log"
    full_env = os.environ | {"KBQA_STORE": str(workdir / "store")} | env
    with log_path.open("w") as log:
        proc = subprocess.Popen([KBQA, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError("server exited:\n" + log_path.read_text())
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start:\n" + log_path.read_text())
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)
