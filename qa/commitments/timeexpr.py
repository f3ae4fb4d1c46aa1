"""Time expressions in commitments ("2024年底前", "2025年一季度前") and whether they lie ahead.

Each expression names a period; a promise looks forward when its period ends after the
reply's date ("2024年上半年" in a reply of June 2023) or, for "自…起", starts after it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# A year with an optional month (and part of it), quarter, half or year end, and the
# word that makes it a deadline ("前", "内") or a start ("起").
TIME_EXPRESSION = re.compile(
    r"(?P<from>自|从)?"
    r"(?P<text>(?P<year>20\d{2})年"
    r"(?:(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>[1-3]?\d)日|(?P<xun>[上中下])旬|(?P<monthend>底|末))?"
    r"|(?P<quarter>[一二三四1-4])季度"
    r"|(?P<half>[上下])半年"
    r"|(?P<yearend>底|末))?"
    r"(?P<bound>以前|之前|前|内)?)"
    r"(?P<since>起)?"
)
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_XUN_DAYS = {"上": (1, 10), "中": (11, 20), "下": (21, 31)}


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: its text as written, the period it names, and its kind."""

    text: str
    start: date
    end: date
    is_start: bool  # "自2024年6月起": the period starts then, it is not a deadline

    def lies_ahead(self, written: date) -> bool:
        """Whether a document written on ``written`` speaks of this period as future."""
        return self.start > written if self.is_start else self.end >= written


def time_expressions(text: str) -> list[TimeExpression]:
    """Every time expression in ``text``, in order."""
    found = []
    for match in TIME_EXPRESSION.finditer(text):
        start, end = _period(match)
        is_start = bool(match["from"] or match["since"])
        found.append(TimeExpression(match["text"], start, end, is_start))
    return found


def _period(match: re.Match[str]) -> tuple[date, date]:
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        last = calendar.monthrange(year, month)[1]
        if match["day"]:
            day = min(int(match["day"]), last) or 1
            return date(year, month, day), date(year, month, day)
        if match["xun"]:
            first, final = _XUN_DAYS[match["xun"]]
            return date(year, month, first), date(year, month, min(final, last))
        return date(year, month, 1), date(year, month, last)
    if match["quarter"]:
        quarter = _QUARTER[match["quarter"]]
        first_month, final_month = 3 * quarter - 2, 3 * quarter
        final_day = calendar.monthrange(year, final_month)[1]
        return date(year, first_month, 1), date(year, final_month, final_day)
    if match["half"]:
        return (date(year, 1, 1), date(year, 6, 30)) if match["half"] == "上" else (
            date(year, 7, 1), date(year, 12, 31))
    return date(year, 1, 1), date(year, 12, 31)


def future_expressions(text: str, written: date | None) -> list[TimeExpression]:
    """The time expressions of ``text`` that lie after ``written`` (none if it is unknown)."""
    if written is None:
        return []
    return [t for t in time_expressions(text) if t.lies_ahead(written)]


def parse_iso(value: str | None) -> date | None:
    """An ISO date string as a date; None when absent or malformed."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
