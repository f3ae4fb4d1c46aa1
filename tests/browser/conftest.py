"""A served knowledge base and a real Chromium for the browser tests.

The server is a real ``kbqa serve`` process on 127.0.0.1 over a store in tmp_path holding
the seed and one synthetic document whose text carries HTML/script injection strings.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from browsing import ADMIN_TOKEN, CHROMIUM, INJECTION_DOC
from paths import ROOT, SEED

KBQA = str(Path(sys.executable).parent / "kbqa")

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running ``kbqa serve`` with the seed and the injection document."""
    base = tmp_path_factory.mktemp("served")
    docs = base / "docs"
    docs.mkdir()
    (docs / SEED.name).write_bytes(SEED.read_bytes())
    (docs / "zz_injection_test.txt").write_text(INJECTION_DOC, "utf-8")
    port = free_port()
    env = os.environ | {
        "KBQA_STORE": str(base / "store"), "KBQA_DOCS_DIR": str(docs),
        "KBQA_ADMIN_TOKEN": ADMIN_TOKEN, "KBQA_RATE_LIMIT_PER_MINUTE": "1000",
    }
    log_path = base / "server.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([KBQA, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                assert proc.poll() is None, log_path.read_text()
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            else:
                pytest.fail("server did not start: " + log_path.read_text())
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs the Debian package 'chromium'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()
