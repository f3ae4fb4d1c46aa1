"""CSV export of the register: one row per commitment, English column names."""

from __future__ import annotations

import csv
import io
import json

from qa.commitments.models import Commitment

CSV_COLUMNS = (
    "id", "doc_id", "source", "title", "doc_number", "proposal_kind", "proposal_number",
    "proposer", "agency", "date", "topic", "deadline", "target", "quote", "locator",
    "progress",
)


def to_csv(commitments: list[Commitment]) -> str:
    """CSV text (RFC 4180, no byte-order mark): a header row, then one row per commitment.

    Empty cells stand for absent values; ``progress`` holds the reports as a JSON list, so
    the cell reads back with ``json.loads``.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for commitment in commitments:
        row = commitment.model_dump()
        row["progress"] = json.dumps(row["progress"], ensure_ascii=False)
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return out.getvalue()
