"""A reply's body as a sequence of sentences, each knowing its chunk, section and paragraph.

The body is what follows "答复如下" and precedes the closing (感谢…, signature, contacts):
the front matter restates the member's proposal and the closing is courtesy, so neither
holds the agency's own promises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.chunk import CLOSING, FRONT_MATTER
from qa.text import sentences
from store.doctable import ChunkRow

_PARAGRAPH_SPAN = re.compile(r"¶(\d+)(?:–(\d+))?$")
_REPLY_OPENING = re.compile(r"答复如下")


@dataclass(frozen=True)
class Sentence:
    """One verbatim sentence of a chunk, with where it stands."""

    text: str
    chunk: ChunkRow
    paragraph: tuple[str, int]  # (section, paragraph number): equal for one paragraph


def document_sentences(chunks: Iterable[ChunkRow]) -> list[Sentence]:
    """Every sentence of the chunks, in document order."""
    out: list[Sentence] = []
    for chunk in sorted(chunks, key=lambda c: c.seq):
        for paragraph, text in _paragraphs(chunk):
            out.extend(Sentence(s, chunk, paragraph) for s in sentences(text))
    return out


def reply_body(chunks: Iterable[ChunkRow]) -> list[Sentence]:
    """The sentences between the opening ("…答复如下：") and the closing section."""
    every = document_sentences(chunks)
    opening = next((i for i, s in enumerate(every) if _REPLY_OPENING.search(s.text)), None)
    if opening is not None:
        every = every[opening + 1 :]
    return [s for s in every if s.chunk.section not in (FRONT_MATTER, CLOSING)]


def _paragraphs(chunk: ChunkRow) -> list[tuple[tuple[str, int], str]]:
    """The chunk's paragraphs, numbered as its locator numbers them."""
    texts = chunk.text.split("\n\n")
    span = _PARAGRAPH_SPAN.search(chunk.locator)
    if span:
        first = int(span.group(1))
        last = int(span.group(2) or first)
        if last - first + 1 == len(texts):
            return [((chunk.section, first + k), t) for k, t in enumerate(texts)]
    # A locator that does not count these paragraphs: keep them apart from all others.
    return [((f"{chunk.section}#{chunk.seq}", k), t) for k, t in enumerate(texts)]
