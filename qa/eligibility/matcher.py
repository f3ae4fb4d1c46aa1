"""The eligibility matcher: measures read once per store generation, matched to profiles."""

from __future__ import annotations

import threading
from collections.abc import Collection
from datetime import date

from qa.eligibility.judge import assess, off_target, rank_key
from qa.eligibility.measures import extract_measures
from qa.eligibility.models import EligibilityResult, EnterpriseProfile, Measure, MeasureMatch
from qa.eligibility.profile import resolve_profile
from store.knowledge import KnowledgeStore


class EligibilityMatcher:
    """Which measures an enterprise can apply for, with the conditions still to be checked.

    Measures are read lazily from the store's snapshot and read again when its generation
    changes. ``today`` fixes the date used for "成立…年以内" (tests and evals pin it).
    """

    def __init__(self, store: KnowledgeStore, today: date | None = None) -> None:
        self._store = store
        self._today = today
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._measures: list[Measure] = []

    def measures(self) -> list[Measure]:
        """Every measure of the current (not superseded) policies and replies."""
        snapshot = self._store.snapshot()
        with self._lock:
            if self._generation != snapshot.generation:
                self._measures = extract_measures(snapshot)
                self._generation = snapshot.generation
            return self._measures

    def assess(self, measure: Measure, profile: EnterpriseProfile) -> MeasureMatch:
        """One measure judged against the profile (its free text merged in)."""
        return assess(measure, resolve_profile(profile), self._year())

    def match(self, profile: EnterpriseProfile, limit: int = 10,
              documents: Collection[str] | None = None) -> EligibilityResult:
        """The measures for this enterprise, best first, and the questions still open.

        Ranking: eligible, then possible (those that fit the stated industry, park or
        recognitions best, then the fewest unknowns), then not eligible (a stated figure
        misses a threshold), last. A measure for another industry, park or recognition than
        the profile states is omitted. The questions come from the eligible and possible
        measures returned, deduplicated, in rank order. ``documents`` (doc ids) keeps only
        the measures of those documents.
        """
        resolved = resolve_profile(profile)
        year = self._year()
        matches = [assess(m, resolved, year) for m in self.measures()
                   if documents is None or m.doc_id in documents]
        ranked = sorted((m for m in matches if not off_target(m)), key=rank_key)[:limit]
        questions: list[str] = []
        for match in ranked:
            if match.outcome != "not_eligible":
                questions.extend(q for q in match.questions if q not in questions)
        return EligibilityResult(profile=resolved, matches=ranked, questions=questions)

    def _year(self) -> int:
        return (self._today or date.today()).year
