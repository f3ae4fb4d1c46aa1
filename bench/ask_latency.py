"""``POST /v1/ask`` latency on a real uvicorn server over the seed plus the synthetic corpus.

Ingests kb/docs and evals/corpus into a fresh store with ``kbqa ingest``, starts
``kbqa serve`` on 127.0.0.1, sends 50 questions from evals/questions.jsonl one at a time
(after 5 warm-up requests) and reports the median and p95 of the client-side latency.

    .venv/bin/python bench/ask_latency.py
"""

from __future__ import annotations

import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
KBQA = str(Path(sys.executable).parent / "kbqa")
N_QUESTIONS = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    lines = (ROOT / "evals" / "questions.jsonl").read_text("utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()][:N_QUESTIONS]
    with tempfile.TemporaryDirectory() as store:
        env = os.environ | {"KBQA_STORE": store, "HF_HUB_OFFLINE": "1",
                            "ANONYMIZED_TELEMETRY": "False"}
        subprocess.run([KBQA, "ingest", "kb/docs", "evals/corpus", "--json"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([KBQA, "serve", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(timeout=30) as client:
                _wait(client, url)
                for q in questions[:5]:
                    client.post(f"{url}/v1/ask", json={"question": q})
                latencies, server_totals = [], []
                for q in questions:
                    start = time.perf_counter()
                    body = client.post(f"{url}/v1/ask", json={"question": q}).json()
                    latencies.append((time.perf_counter() - start) * 1000)
                    server_totals.append(body["timings_ms"]["total"])
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies.sort()
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "questions": len(latencies),
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "server_total_median_ms": round(statistics.median(server_totals), 1),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ask_latency.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


def _wait(client: httpx.Client, url: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if client.get(f"{url}/healthz").status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


if __name__ == "__main__":
    main()
