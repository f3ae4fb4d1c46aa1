"""The ``kbqa`` command as an operator runs it: exit codes, JSON summaries, idempotence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT, SEED

pytestmark = pytest.mark.slow
KBQA = str(Path(sys.executable).parent / "kbqa")


def kbqa(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"KBQA_STORE": str(store)}
    return subprocess.run([KBQA, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04 not really")
    notice = "# 办事大厅开放时间的通知\n\n办事大厅工作日9:00至17:00开放。\n"
    (folder / "notice.md").write_text(notice, "utf-8")
    return folder


def test_ingest_reports_each_failure_and_keeps_the_rest(tmp_path: Path, docs: Path) -> None:
    store = tmp_path / "store"
    first = kbqa(store, "ingest", str(docs), "--json")
    assert first.returncode == 1, first.stderr
    summary = json.loads(first.stdout)
    assert summary["files"] == 5
    assert summary["added"] == 2
    failed = {f["source"]: f["error"] for f in summary["failed"]}
    assert set(failed) == {"empty.txt", "binary.txt", "slides.pptx"}
    assert "empty" in failed["empty.txt"].lower()
    assert "pptx" in failed["slides.pptx"]
    assert summary["chunks_embedded"] > 5

    second = kbqa(store, "ingest", str(docs), "--json")
    again = json.loads(second.stdout)
    assert again["chunks_embedded"] == 0
    assert again["unchanged"] == 2 and again["added"] == 0

    listed = json.loads(kbqa(store, "docs", "list", "--json").stdout)
    assert sorted(d["source"] for d in listed) == sorted([SEED.name, "notice.md"])
    seed = next(d for d in listed if d["source"] == SEED.name)
    assert seed["metadata"]["doc_number"] == "浦科经委办理〔2025〕66号"

    shown = json.loads(kbqa(store, "docs", "show", SEED.name, "--json").stdout)
    assert shown["chunks"][0]["locator"].startswith("首部")

    assert kbqa(store, "docs", "delete", "notice.md").returncode == 0
    listed = json.loads(kbqa(store, "docs", "list", "--json").stdout)
    assert [d["source"] for d in listed] == [SEED.name]
    assert kbqa(store, "docs", "delete", "notice.md").returncode == 1


def test_changed_file_is_updated(tmp_path: Path, docs: Path) -> None:
    store = tmp_path / "store"
    note = docs / "notice.md"
    kbqa(store, "ingest", str(note), "--json")
    note.write_text(note.read_text("utf-8") + "\n节假日另行通知。\n", "utf-8")
    summary = json.loads(kbqa(store, "ingest", str(note), "--json").stdout)
    assert summary["updated"] == 1 and summary["chunks_embedded"] >= 1


def test_commitments_command_lists_the_seed_commitments(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kbqa(store, "ingest", str(SEED)).returncode == 0
    result = kbqa(store, "commitments", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    text = SEED.read_text("utf-8")
    quotes = [c["quote"] for c in items]
    assert "后续还将增设分中心" in quotes
    assert any("平台将持续升级" in q for q in quotes)
    assert not any("445笔" in q or "已有13家" in q for q in quotes)
    from ingest.clean import clean_text

    cleaned = clean_text(text)
    assert all(q in cleaned for q in quotes)
    filtered = json.loads(kbqa(store, "commitments", "--year", "2019", "--json").stdout)
    assert filtered == []
    table = kbqa(store, "commitments")
    assert table.returncode == 0 and "增设分中心" in table.stdout


def test_eligibility_command(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kbqa(store, "ingest", str(SEED)).returncode == 0
    result = kbqa(store, "eligibility", "--industry", "大模型", "--park", "模力社区", "--json")
    assert result.returncode == 0, result.stderr
    matches = json.loads(result.stdout)["matches"]
    rent = next(m for m in matches if "租金减免" in m["measure"]["support"])
    assert rent["outcome"] == "eligible"
    text = kbqa(store, "eligibility", "我们是做大模型的，入驻了模力社区")
    assert text.returncode == 0 and "租金减免" in text.stdout and "✓" in text.stdout
    bad = kbqa(store, "eligibility", "--revenue", "很多")
    assert bad.returncode == 2


def test_ask_json_and_usage_errors(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kbqa(store, "ingest", str(SEED)).returncode == 0
    result = kbqa(store, "ask", "揭榜挂帅平台累计发榜多少项？", "--json")
    assert result.returncode == 0
    body = json.loads(result.stdout)
    assert "526项" in body["answer"] and body["citations"][0]["source"] == SEED.name

    empty = kbqa(store, "ask", "  ")
    assert empty.returncode == 2 and "question is empty" in empty.stderr
    missing = kbqa(store, "ingest", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
