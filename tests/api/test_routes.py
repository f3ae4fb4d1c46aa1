"""Every HTTP route against real ``kbqa serve`` processes on 127.0.0.1."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from paths import SEED
from servers import running_server

pytestmark = pytest.mark.slow
TOKEN = "route-test-token"
QUESTION = "揭榜挂帅平台累计发榜多少项？"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Writes allowed with TOKEN, a generous rate limit, only the seed ingested."""
    work = tmp_path_factory.mktemp("routes")
    docs = work / "docs"
    docs.mkdir()
    (docs / SEED.name).write_bytes(SEED.read_bytes())
    env = {"KBQA_DOCS_DIR": str(docs), "KBQA_ADMIN_TOKEN": TOKEN,
           "KBQA_RATE_LIMIT_PER_MINUTE": "1000"}
    with running_server(work, env) as url:
        yield url


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """No admin token, 3 questions a minute, one CORS origin allowed."""
    work = tmp_path_factory.mktemp("strict")
    docs = work / "docs"
    docs.mkdir()
    (docs / SEED.name).write_bytes(SEED.read_bytes())
    env = {"KBQA_DOCS_DIR": str(docs), "KBQA_ADMIN_TOKEN": "", "KBQA_RATE_LIMIT_PER_MINUTE": "3",
           "KBQA_CORS_ORIGINS": "https://www.example.gov.cn"}
    with running_server(work, env) as url:
        yield url


def read_events(response: httpx.Response) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[len("event: "):]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[len("data: "):])))
    return events


def test_stream_sends_citations_then_deltas_then_done(server: str) -> None:
    plain = httpx.post(f"{server}/v1/ask", json={"question": QUESTION}).json()
    with httpx.stream("POST", f"{server}/v1/ask/stream", json={"question": QUESTION}) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        events = read_events(resp)
    names = [name for name, _ in events]
    assert names[0] == "citations" and names[-1] == "done"
    assert set(names[1:-1]) == {"delta"}
    assert events[0][1]["citations"][0]["quote"] == plain["citations"][0]["quote"]
    assert "".join(data["text"] for name, data in events if name == "delta") == plain["answer"]


def test_stream_cut_early_leaves_the_server_healthy(server: str) -> None:
    with httpx.stream("POST", f"{server}/v1/ask/stream", json={"question": QUESTION}) as resp:
        first = next(resp.iter_lines())
        assert first == "event: citations"
    assert httpx.get(f"{server}/healthz").status_code == 200
    assert "526项" in httpx.post(f"{server}/v1/ask", json={"question": QUESTION}).json()["answer"]


def test_openai_client_gets_an_answer_with_citations(server: str) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server}/v1", api_key="unused", max_retries=0)
    completion = client.chat.completions.create(
        model="kbqa", messages=[{"role": "user", "content": QUESTION}])
    content = completion.choices[0].message.content or ""
    assert "526项" in content and "[1]" in content and "来源" in content
    citations = completion.model_extra["citations"]  # type: ignore[index]
    assert citations[0]["source"] == SEED.name and "526" in citations[0]["quote"]

    stream = client.chat.completions.create(
        model="kbqa", messages=[{"role": "user", "content": QUESTION}], stream=True)
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"][0]["n"] == 1  # type: ignore[index]


def test_chat_rejects_unknown_model_and_empty_messages(server: str) -> None:
    bad_model = httpx.post(f"{server}/v1/chat/completions", json={
        "model": "gpt-4o", "messages": [{"role": "user", "content": QUESTION}]})
    assert bad_model.status_code == 422 and "kbqa" in bad_model.json()["error"]["message"]
    no_user = httpx.post(f"{server}/v1/chat/completions", json={
        "model": "kbqa", "messages": [{"role": "system", "content": "你好"}]})
    assert no_user.status_code == 422 and no_user.json()["error"]["code"] == "invalid_request"


def test_documents_list_show_and_unknown(server: str) -> None:
    listed = httpx.get(f"{server}/v1/documents").json()
    assert [d["source"] for d in listed] == [SEED.name]
    doc_id = listed[0]["doc_id"]
    shown = httpx.get(f"{server}/v1/documents/{doc_id}").json()
    assert shown["metadata"]["doc_number"] == "浦科经委办理〔2025〕66号"
    assert "累计发榜526项" in shown["text"]
    assert shown["chunks"][0]["locator"].startswith("首部")
    missing = httpx.get(f"{server}/v1/documents/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_writes_need_the_admin_token(server: str) -> None:
    files = {"files": ("a.txt", "测试文件的内容。".encode(), "text/plain")}
    assert httpx.post(f"{server}/v1/documents", files=files).status_code == 401
    wrong = httpx.post(f"{server}/v1/documents", files=files,
                       headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 403
    assert httpx.delete(f"{server}/v1/documents/anything").status_code == 401


def test_upload_ingests_good_files_and_reports_bad_ones(server: str, tmp_path: Path) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    notice = "关于办事大厅延时服务的通知\n\n办事大厅每周三延时服务至晚上七点。\n".encode()
    files = [
        ("files", ("../../escape_notice.txt", notice, "text/plain")),
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("tool.exe", b"MZ\x90\x00binary", "application/octet-stream")),
    ]
    response = httpx.post(f"{server}/v1/documents", files=files, headers=auth, timeout=120)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["added"] == 1 and summary["files"] == 3
    failed = {f["source"]: f["error"] for f in summary["failed"]}
    assert set(failed) == {"empty.txt", "tool.exe"}
    assert "unsupported file type .exe" in failed["tool.exe"]
    sources = [d["source"] for d in httpx.get(f"{server}/v1/documents").json()]
    assert "escape_notice.txt" in sources  # the path was cut to its file name
    answer = httpx.post(f"{server}/v1/ask", json={"question": "办事大厅哪天延时服务？"}).json()
    assert "每周三" in answer["answer"]

    doc_id = next(d["doc_id"] for d in httpx.get(f"{server}/v1/documents").json()
                  if d["source"] == "escape_notice.txt")
    assert httpx.delete(f"{server}/v1/documents/{doc_id}", headers=auth).status_code == 200
    assert httpx.delete(f"{server}/v1/documents/{doc_id}", headers=auth).status_code == 404


def test_oversize_and_malformed_bodies(server: str) -> None:
    big = httpx.post(f"{server}/v1/ask", json={"question": "问" * 40000})
    assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
    bad = httpx.post(f"{server}/v1/ask", content=b"{not json",
                     headers={"content-type": "application/json"})
    assert bad.status_code == 422 and "Traceback" not in bad.text


def test_readyz_and_metrics(server: str) -> None:
    ready = httpx.get(f"{server}/readyz")
    assert ready.status_code == 200 and ready.json()["documents"] >= 1
    httpx.post(f"{server}/v1/ask", json={"question": QUESTION})
    httpx.post(f"{server}/v1/ask", json={"question": "明天上海的天气怎么样？"})
    text = httpx.get(f"{server}/metrics").text
    assert 'kbqa_http_requests_total{method="POST",route="/v1/ask",status="200"}' in text
    assert 'kbqa_answers_total{outcome="answered"}' in text
    assert 'kbqa_answers_total{outcome="refused"}' in text
    assert "kbqa_http_request_seconds_bucket" in text


def test_openapi_lists_every_route(server: str) -> None:
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    for path in ("/v1/ask", "/v1/ask/stream", "/v1/chat/completions", "/v1/documents",
                 "/v1/documents/{doc_id}", "/v1/commitments", "/v1/eligibility", "/healthz",
                 "/readyz", "/metrics"):
        assert path in paths


def test_commitments_register_over_http(server: str) -> None:
    items = httpx.get(f"{server}/v1/commitments").json()
    quotes = [c["quote"] for c in items]
    assert "后续还将增设分中心" in quotes
    assert all(c["doc_number"] == "浦科经委办理〔2025〕66号" for c in items)
    assert httpx.get(f"{server}/v1/commitments", params={"year": 2019}).json() == []
    topic = httpx.get(f"{server}/v1/commitments", params={"topic": "揭榜挂帅"}).json()
    assert topic and all("平台" in c["quote"] or "揭榜" in c["topic"] for c in topic)
    csv_text = httpx.get(f"{server}/v1/commitments", params={"format": "csv"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    assert "后续还将增设分中心" in csv_text.text
    bad = httpx.get(f"{server}/v1/commitments", params={"year": "去年"})
    assert bad.status_code == 422


def test_eligibility_over_http(server: str) -> None:
    result = httpx.post(f"{server}/v1/eligibility",
                        json={"industry": "大模型", "park": "模力社区"}).json()
    rent = next(m for m in result["matches"] if "租金减免" in m["measure"]["support"])
    outcomes = {c["criterion"]["kind"]: c["outcome"] for c in rent["criteria"]}
    assert "met" in outcomes.values()
    nothing = httpx.post(f"{server}/v1/eligibility", json={}).json()
    assert all(c["outcome"] != "met" for m in nothing["matches"] for c in m["criteria"])
    bad = httpx.post(f"{server}/v1/eligibility", json={"annual_revenue_wan": "很多"})
    assert bad.status_code == 422


def test_api_docs_page_needs_no_internet(server: str) -> None:
    page = httpx.get(f"{server}/docs").text
    assets = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", page)
    assert assets and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert httpx.get(f"{server}{asset}").status_code == 200


def test_writes_are_disabled_without_a_token(strict_server: str) -> None:
    files = {"files": ("a.txt", "内容。".encode(), "text/plain")}
    response = httpx.post(f"{strict_server}/v1/documents", files=files,
                          headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert "disabled" in response.json()["error"]["message"]


def test_cors_allows_only_the_configured_origin(strict_server: str) -> None:
    def preflight(origin: str) -> httpx.Response:
        return httpx.options(f"{strict_server}/v1/ask", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})

    allowed = preflight("https://www.example.gov.cn")
    assert allowed.headers.get("access-control-allow-origin") == "https://www.example.gov.cn"
    other = preflight("https://evil.example.com")
    assert "access-control-allow-origin" not in other.headers


def test_cors_is_closed_by_default(server: str) -> None:
    response = httpx.options(f"{server}/v1/ask", headers={
        "Origin": "https://www.example.gov.cn", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in response.headers


def test_rate_limit_answers_429_with_retry_after(strict_server: str) -> None:
    statuses = [httpx.post(f"{strict_server}/v1/ask", json={"question": QUESTION}).status_code
                for _ in range(5)]
    assert statuses.count(200) <= 3 and statuses[-1] == 429
    limited = httpx.post(f"{strict_server}/v1/ask", json={"question": QUESTION})
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["error"]["code"] == "rate_limited"
    assert httpx.get(f"{strict_server}/healthz").status_code == 200  # only questions are limited
