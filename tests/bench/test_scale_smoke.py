"""bench/scale.py end to end at one small size: the report has its shape and sane values."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

pytestmark = pytest.mark.slow


def test_scale_bench_at_600_chunks(tmp_path: Path) -> None:
    # Only the seed is embedded for real (seconds, not minutes); variants fill the rest.
    subprocess.run(
        [sys.executable, "bench/scale.py", "--sizes", "600", "--questions", "5",
         "--corpus", "kb/docs", "--out", str(tmp_path)],
        cwd=ROOT, check=True, timeout=280, capture_output=True,
    )
    report = json.loads((tmp_path / "scale.json").read_text("utf-8"))
    rows = {row["backend"]: row for row in report["results"]}
    assert set(rows) == {"embedded", "server"}
    for row in rows.values():
        assert row["size"] == 600
        assert row["chunks"] == 600 and row["vectors"] == 600
        assert row["documents"] > 1  # the seed plus synthetic documents of 20-40 chunks
        assert row["questions"] == 5
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
        assert row["server_timings_median_ms"]["total"] > 0
        assert row["rss_peak_mb"] > 50 and row["cold_start_s"] > 0
        assert row["breakdown"]["chunks"] == 600
    assert rows["server"]["chroma_rss_peak_mb"] > 0
    assert set(report["phases_s"]) >= {"ingest_real", "grow_600", "measure_600_embedded"}
    assert "vectors reused with noise" in (tmp_path / "scale.md").read_text("utf-8")
    assert (tmp_path / "scale_growth.png").stat().st_size > 1000
