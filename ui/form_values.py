"""Form values read the way staff type them; a blank box means unknown, never 0.

Gradio 6's ``gr.Number`` turns an empty box into 0, so numbers are typed in text boxes
and read here.
"""

from __future__ import annotations

import unicodedata


def number_or_none(text: str | None) -> float | None:
    """A number typed as text ("1,200", full-width "８００"); None when blank.

    Raises ValueError when the text is not a number.
    """
    cleaned = unicodedata.normalize("NFKC", text or "").strip().replace(",", "")
    if not cleaned:
        return None
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a finite number: {text!r}")
    return value
