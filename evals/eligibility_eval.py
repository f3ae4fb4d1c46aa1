"""Eligibility matcher against hand-written expectations.

Ingests kb/docs plus the synthetic corpus into a fresh store, matches every profile of
evals/eligibility_profiles.jsonl and compares the outcome of each expected criterion
(met / not_met / unknown) and measure (eligible / possible / not_eligible). Separately it
counts every "met" outcome, over all measures and profiles, whose profile field is empty:
that count must be 0. Writes evals/results/eligibility.md.

    .venv/bin/python evals/eligibility_eval.py

The date is pinned to 2025-07-01, so "成立不满一年" reads the same on every run.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbqa.config import get_settings, quiet_offline_environment  # noqa: E402

PROFILES = ROOT / "evals" / "eligibility_profiles.jsonl"
RESULTS = ROOT / "evals" / "results"
TODAY = date(2025, 7, 1)
BAR = 0.9

# The profile field that must be filled for a criterion of each kind to be "met".
EVIDENCE_FIELDS = {
    "registered_in": "registered_in", "industry": "industry", "revenue": "annual_revenue_wan",
    "rd_ratio": "rd_ratio_percent", "headcount": "headcount", "company_age": "founded_year",
    "park": "park", "qualification": "qualifications",
}


@dataclass
class ProfileScore:
    id: str
    cases: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)


def load_profiles() -> list[dict[str, Any]]:
    lines = PROFILES.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def has_evidence(criterion: Any, profile: Any) -> bool:  # noqa: ANN401
    """A profile field backs the criterion (or one of its alternatives)."""
    for part in (criterion, *criterion.any_of):
        name = EVIDENCE_FIELDS.get(part.kind)
        if name is not None and getattr(profile, name) not in (None, "", []):
            return True
    return False


def find_measure(measures: list[Any], expect: dict[str, Any]) -> Any:  # noqa: ANN401
    for measure in measures:
        text = f"{measure.support}\n{measure.quote}"
        if measure.source == expect["source"] and expect["measure_contains"] in text:
            return measure
    return None


def score_expectation(matcher: Any, measures: list[Any], result: Any,  # noqa: ANN401
                      expect: dict[str, Any], score: ProfileScore) -> None:
    def check(ok: bool, what: str) -> None:
        score.cases += 1
        score.matched += ok
        if not ok:
            score.misses.append(what)

    if expect.get("absent"):
        check(all(m.source != expect["source"] for m in measures),
              f"{expect['source']}: superseded, yet it gives measures")
        return
    measure = find_measure(measures, expect)
    label = f"{expect['source']} «{expect['measure_contains']}»"
    if measure is None:
        for _ in [*expect.get("criteria", {}), *(["outcome"] if "outcome" in expect else [])]:
            check(False, f"{label}: measure not found")
        return
    match = next((m for m in result.matches if m.measure.id == measure.id), None)
    if match is None:  # omitted as off target: judge it directly to score its criteria
        match = matcher.assess(measure, result.profile)
    if "outcome" in expect:
        check(match.outcome == expect["outcome"],
              f"{label}: outcome {match.outcome}, expected {expect['outcome']}")
    for key, wanted in expect.get("criteria", {}).items():
        found = [o for o in match.criteria
                 if o.criterion.kind == key or key in o.criterion.description]
        got = sorted({o.outcome for o in found}) or ["(no such criterion)"]
        check(bool(found) and got == [wanted], f"{label} [{key}]: {'/'.join(got)}, "
              f"expected {wanted}")


def unevidenced_mets(matcher: Any, measures: list[Any], profile: Any) -> list[str]:  # noqa: ANN401
    found = []
    for measure in measures:
        for outcome in matcher.assess(measure, profile).criteria:
            if outcome.outcome == "met" and not has_evidence(outcome.criterion, profile):
                found.append(f"{measure.source} {measure.name}: {outcome.criterion.description}")
    return found


def markdown(scores: list[ProfileScore], unevidenced: list[str], meta: dict[str, Any]) -> str:
    cases = sum(s.cases for s in scores)
    matched = sum(s.matched for s in scores)
    share = matched / cases if cases else 0.0
    lines = [
        "# Eligibility evaluation", "",
        f"Run {meta['date']} on {meta['machine']} (date pinned to {TODAY.isoformat()}); "
        f"{meta['documents']} documents, {meta['measures']} measures extracted, "
        f"{len(scores)} profiles. Command: `.venv/bin/python evals/eligibility_eval.py`.", "",
        "| metric | value |", "| --- | --- |",
        f"| expected outcomes matched | {matched} / {cases} = **{share:.3f}** (bar {BAR}) |",
        f"| \"met\" without a stated profile value | **{len(unevidenced)}** (must be 0) |", "",
        "## Per profile", "",
        "| profile | matched | misses |", "| --- | --- | --- |",
    ]
    for s in scores:
        misses = "<br>".join(s.misses) or "—"
        lines.append(f"| {s.id} | {s.matched} / {s.cases} | {misses} |")
    if unevidenced:
        lines += ["", "## \"met\" without evidence", "", *(f"- {u}" for u in unevidenced)]
    return "\n".join(lines) + "\n"


def main() -> None:
    quiet_offline_environment()
    from qa.eligibility import EligibilityMatcher, EnterpriseProfile, resolve_profile
    from qa.service import KnowledgeBase

    scores: list[ProfileScore] = []
    unevidenced: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(get_settings(store=Path(tmp)))
        summary = kb.ingest([ROOT / "kb" / "docs", ROOT / "evals" / "corpus"])
        if summary.failed:
            raise SystemExit(f"ingest failed: {summary.failed}")
        matcher = EligibilityMatcher(kb.store, today=TODAY)
        measures = matcher.measures()
        for item in load_profiles():
            profile = EnterpriseProfile.model_validate(item["profile"])
            result = matcher.match(profile, limit=len(measures))
            score = ProfileScore(item["id"])
            for expect in item["expect"]:
                score_expectation(matcher, measures, result, expect, score)
            scores.append(score)
            unevidenced += [f"{item['id']}: {u}" for u in
                            unevidenced_mets(matcher, measures, resolve_profile(profile))]
        documents = len(kb.store.snapshot().documents)
        kb.close()
    meta = {"date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "documents": documents, "measures": len(measures)}
    report = markdown(scores, unevidenced, meta)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "eligibility.md").write_text(report, "utf-8")
    print(report)
    cases = sum(s.cases for s in scores)
    if unevidenced or sum(s.matched for s in scores) < BAR * cases:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
