"""A reply's body as a sequence of sentences, each knowing its chunk, section, paragraph and
the heading it stands under.

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
# A numbered lead-in that only names a subject: "（一）风险补偿资金池。", "二是推进算力统一调度。",
# "（二）智算中心二期已建成。". The sentences after it, in its paragraph, speak of that subject
# ("资金池于2023年8月正式设立"); one standing as a paragraph of its own heads the paragraphs
# after it, up to the next heading or the end of the section.
_HEADING = re.compile(
    r"^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+是"
    r"|\d+[.．、])[^，,；;：:。！？!?]{2,22}[。.]?$"
)


@dataclass(frozen=True)
class Sentence:
    """One verbatim sentence of a chunk, with where it stands."""

    text: str
    chunk: ChunkRow
    paragraph: tuple[str, int]  # (section, paragraph number): equal for one paragraph
    heading: str = ""  # the numbered lead-in it stands under ("（一）风险补偿资金池。"), if any


def document_sentences(chunks: Iterable[ChunkRow]) -> list[Sentence]:
    """Every sentence of the chunks, in document order, each with the heading it stands under."""
    out: list[Sentence] = []
    standing = ""  # a heading that is a paragraph of its own: it heads the paragraphs after it
    heading = ""
    where: tuple[str, int] | None = None
    for chunk in sorted(chunks, key=lambda c: c.seq):
        for paragraph, text in _paragraphs(chunk):
            pieces = sentences(text)
            if paragraph != where:  # a new paragraph (one cut across chunks goes on)
                if where is None or paragraph[0] != where[0]:
                    standing = ""
                heading = standing
            where = paragraph
            for piece in pieces:
                if is_heading(piece):
                    out.append(Sentence(piece, chunk, paragraph))
                    heading = piece
                    standing = piece if len(pieces) == 1 else standing
                else:
                    out.append(Sentence(piece, chunk, paragraph, heading))
    return out


def is_heading(text: str) -> bool:
    """A numbered lead-in that names a subject and says nothing else of it."""
    return bool(_HEADING.match(text))


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
