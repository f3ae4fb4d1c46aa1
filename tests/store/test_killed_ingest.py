"""A ``kbqa ingest`` killed with SIGKILL leaves a store where every document is whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import CORPUS, ROOT, SEED

pytestmark = pytest.mark.slow
KBQA = str(Path(sys.executable).parent / "kbqa")


def test_sigkill_mid_ingest_leaves_every_document_whole(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from store import KnowledgeStore

    store_dir = tmp_path / "store"
    docs = tmp_path / "docs"
    docs.mkdir()
    files = [SEED, *sorted(CORPUS.glob("reply_*.txt"))[:7]]
    for path in files:
        (docs / path.name).write_bytes(path.read_bytes())
    env = os.environ | {"KBQA_STORE": str(store_dir)}
    proc = subprocess.Popen([KBQA, "ingest", str(docs), "--json"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill once the first document is committed, while later ones are being embedded.
    deadline = time.monotonic() + 120
    database = store_dir / "documents.sqlite3"
    while time.monotonic() < deadline and proc.poll() is None:
        if database.exists() and _committed_documents(database) >= 1:
            break
        time.sleep(0.05)
    time.sleep(0.4)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    store = KnowledgeStore(store_dir, embedder)  # opening recovers from the journal
    documents = store.table.documents()
    assert 1 <= len(documents) < len(files)
    chunk_ids = [c.chunk_id for c in store.table.chunks()]
    assert len(store.vectors.existing(chunk_ids)) == len(chunk_ids)
    assert store.vectors.count() == len(chunk_ids)  # no orphaned vectors either
    assert store.table.unsettled() == {}
    store.close()

    # Running the ingest again completes it and re-embeds only what was missing.
    rerun = subprocess.run([KBQA, "ingest", str(docs), "--json"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] == len(documents)
    assert summary["added"] == len(files) - len(documents)


def _committed_documents(database: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0
