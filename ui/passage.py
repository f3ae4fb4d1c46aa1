"""Find a cited quote inside its document so the UI can show it in its paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Context kept on each side of a quote inside a very long paragraph.
MAX_CONTEXT_CHARS = 240


@dataclass(frozen=True)
class Passage:
    """A quote with the text around it in its paragraph; ``found`` is False if not located."""

    before: str
    quote: str
    after: str
    found: bool


def locate_quote(text: str | None, quote: str) -> Passage:
    """The paragraph(s) of ``text`` holding ``quote``, split around it."""
    start = text.find(quote) if text and quote else -1
    if text is None or start < 0:
        return Passage("", quote, "", found=False)
    end = start + len(quote)
    para_start = _paragraph_start(text, start)
    para_end = _paragraph_end(text, end)
    before = text[para_start:start]
    after = text[end:para_end]
    if len(before) > MAX_CONTEXT_CHARS:
        before = "…" + before[-MAX_CONTEXT_CHARS:]
    if len(after) > MAX_CONTEXT_CHARS:
        after = after[:MAX_CONTEXT_CHARS] + "…"
    return Passage(before, quote, after, found=True)


def _paragraph_start(text: str, index: int) -> int:
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, index)]
    return breaks[-1] if breaks else 0


def _paragraph_end(text: str, index: int) -> int:
    match = PARAGRAPH_BREAK.search(text, index)
    return match.start() if match else len(text)
