"""What a loader hands to the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoadedText:
    """Raw text of one file, before cleaning.

    Paragraphs are separated by blank lines; headings may be written as Markdown
    ``#`` lines; table rows as ``| a | b |`` lines, the header row first.
    """

    source: str
    text: str
    fmt: str
