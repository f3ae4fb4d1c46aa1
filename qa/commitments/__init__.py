"""The commitments register: what replies promised, who acts, by when, and later progress.

``extract_commitments`` reads one reply; ``CommitmentRegister`` keeps every reply's
commitments for a store (rebuilt when the store changes) with progress links from later
documents; ``commitment_question`` tells a question about promises from others and
returns the register filter it implies; ``to_csv`` exports.
"""

from qa.commitments.export import CSV_COLUMNS, to_csv
from qa.commitments.models import Commitment, ProgressReport
from qa.commitments.question import asks_for_progress, commitment_question
from qa.commitments.register import CommitmentRegister, extract_commitments

__all__ = [
    "CSV_COLUMNS",
    "Commitment",
    "CommitmentRegister",
    "ProgressReport",
    "asks_for_progress",
    "commitment_question",
    "extract_commitments",
    "to_csv",
]
