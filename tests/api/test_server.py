"""End to end: ``kbqa serve`` as a real uvicorn server, ingesting kb/docs on first start."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from servers import running_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("served"), {}) as url:
        yield url


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
