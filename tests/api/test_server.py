"""End to end: ``kbqa serve`` as a real uvicorn server, ingesting kb/docs on first start."""

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
from conftest import ROOT

pytestmark = pytest.mark.slow
KBQA = str(Path(sys.executable).parent / "kbqa")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    store = tmp_path_factory.mktemp("served-store")
    log = (tmp_path_factory.mktemp("log") / "server.log").open("w")
    proc = subprocess.Popen(
        [KBQA, "serve", "--host", "127.0.0.1", "--port", str(port), "--store", str(store)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=os.environ | {"KBQA_STORE": ""},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert proc.poll() is None, Path(log.name).read_text()
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("server did not start: " + Path(log.name).read_text())
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_ask_answers_from_the_seed_with_a_citation(server: str) -> None:
    response = httpx.post(f"{server}/v1/ask", json={"question": "揭榜挂帅平台累计发榜多少项？"},
                          timeout=30)
    assert response.status_code == 200
    body = response.json()
    assert body["refused"] is False
    assert "526项" in body["answer"]
    citation = body["citations"][0]
    assert citation["source"] == "000_4cf47a64bc319ecc.txt"
    assert "526" in citation["quote"]
    assert citation["doc_number"] == "浦科经委办理〔2025〕66号"
    assert set(body["timings_ms"]) == {"retrieve", "answer", "total"}


def test_body_without_content_type_is_accepted(server: str) -> None:
    # what `curl -d '{"question": …}'` sends: form content type, JSON body
    response = httpx.post(f"{server}/v1/ask",
                          content='{"question":"揭榜挂帅平台累计发榜多少项？"}'.encode(),
                          headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200
    assert "526项" in response.json()["answer"]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"question": ""}, "question is empty"),
        ({"question": "   "}, "question is empty"),
        ({"question": "问" * 2001}, "longer than 2000"),
        ({}, "question"),
        ({"question": "你好", "top_k": 0}, "top_k"),
    ],
)
def test_bad_questions_get_422_with_a_reason(server: str, payload: dict, reason: str) -> None:
    response = httpx.post(f"{server}/v1/ask", json=payload)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert reason in error["message"]


def test_malformed_json_is_a_client_error(server: str) -> None:
    response = httpx.post(f"{server}/v1/ask", content=b'{"question": ',
                          headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "Traceback" not in response.text


def test_unknown_route_is_json_404(server: str) -> None:
    response = httpx.get(f"{server}/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_healthz(server: str) -> None:
    assert httpx.get(f"{server}/healthz").json() == {"status": "ok"}
