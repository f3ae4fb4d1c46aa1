"""bench/register_build.py end to end at one small size: the report has its shape and sane
values."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

pytestmark = pytest.mark.slow


def test_register_build_bench_at_600_chunks(tmp_path: Path) -> None:
    # Only the seed is embedded for real; its variants are replies too, with promises.
    subprocess.run(
        [sys.executable, "bench/register_build.py", "--sizes", "600", "--corpus", "kb/docs",
         "--out", str(tmp_path)],
        cwd=ROOT, check=True, timeout=280, capture_output=True,
    )
    report = json.loads((tmp_path / "register_build.json").read_text("utf-8"))
    [row] = report["rows"]
    assert row["chunks"] == 600 and row["documents"] > 1
    assert row["commitments"] > 5  # the seed's own, and its variants'
    # The document written before the second build is one more reply with promises.
    assert row["commitments_after_write"] > row["commitments"]
    assert row["cold_s"] >= 0 and row["after_write_s"] >= 0 and row["grow_s"] > 0


def test_register_build_compares_with_an_earlier_commit(tmp_path: Path) -> None:
    # HEAD against itself: two fresh processes, the checked-out copy and this tree.
    subprocess.run(
        [sys.executable, "bench/register_build.py", "--sizes", "600", "--corpus", "kb/docs",
         "--compare-with", "HEAD", "--rounds", "1", "--out", str(tmp_path)],
        cwd=ROOT, check=True, timeout=280, capture_output=True,
    )
    compared = json.loads((tmp_path / "register_build.json").read_text("utf-8"))["compared"]
    assert compared["rev"] == "HEAD" and compared["same_register"] is True
    before, after = compared["runs"]
    assert (before["code"], after["code"]) == ("before", "after")
    assert before["imported_from"] != after["imported_from"]
    assert Path(after["imported_from"]).resolve() == ROOT.resolve()
    assert before["peak_rss_mb"] > 0 and after["seconds"] >= 0
