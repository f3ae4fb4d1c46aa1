"""A served knowledge base and a real Chromium for the browser tests.

The server is a real ``kbqa serve`` process on 127.0.0.1 over a store in tmp_path holding
the seed and one synthetic document whose text carries HTML/script injection strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ADMIN_TOKEN, CHROMIUM, INJECTION_DOC
from paths import SEED
from servers import running_server


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running ``kbqa serve`` with the seed and the injection document."""
    base = tmp_path_factory.mktemp("served")
    docs = base / "docs"
    docs.mkdir()
    (docs / SEED.name).write_bytes(SEED.read_bytes())
    (docs / "zz_injection_test.txt").write_text(INJECTION_DOC, "utf-8")
    env = {"KBQA_DOCS_DIR": str(docs), "KBQA_ADMIN_TOKEN": ADMIN_TOKEN,
           "KBQA_RATE_LIMIT_PER_MINUTE": "1000"}
    with running_server(base, env) as url:
        yield url


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
