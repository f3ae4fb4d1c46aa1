"""HTML for the chat page: answers with ``[n]`` links, source cards and refusals.

Every piece of server or document text passes through :func:`html.escape` here; the
documents may hold ``<script>`` or ``<img onerror>`` strings and must show them as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from kbqa.models import Citation, NearestDocument
from ui.passage import Passage

CITATION_MARK = re.compile(r"\[(\d+)\]")
EMPTY_HINT = "在下方输入问题，或点击示例问题。回答中的每句话都附有可核对的引用。"
NOT_LOCATED = "未能在原文中定位该段落，仅显示引文。"


@dataclass
class Turn:
    """One question and what the knowledge base has said about it so far."""

    number: int
    question: str
    answer: str = ""
    refused: bool = False
    citations: list[Citation] = field(default_factory=list)
    passages: dict[int, Passage] = field(default_factory=dict)
    nearest: list[NearestDocument] = field(default_factory=list)
    done: bool = False
    total_ms: float | None = None
    error: str | None = None


def card_id(turn: int, n: int) -> str:
    return f"kbqa-t{turn}-c{n}"


def conversation_html(turns: list[Turn]) -> str:
    """All turns, oldest first; an empty conversation shows a hint."""
    if not turns:
        return f'<div class="kbqa-empty">{EMPTY_HINT}</div>'
    return '<div class="kbqa-conversation">' + "".join(map(turn_html, turns)) + "</div>"


def turn_html(turn: Turn) -> str:
    parts = [
        f'<section class="kbqa-turn" id="kbqa-t{turn.number}" '
        f'data-state="{"done" if turn.done else "streaming"}">',
        f'<div class="kbqa-question"><span class="kbqa-who">问</span>{escape(turn.question)}</div>',
    ]
    if turn.error:
        parts.append(f'<div class="kbqa-error" role="alert">{escape(turn.error)}</div>')
    elif turn.refused:
        parts.append(refusal_html(turn))
    else:
        parts.append(answer_html(turn))
        parts.append(sources_html(turn))
    parts.append("</section>")
    return "".join(parts)


def answer_html(turn: Turn) -> str:
    known = {c.n for c in turn.citations}
    body = link_citations(escape(turn.answer), turn.number, known)
    pending = "" if turn.done else '<span class="kbqa-typing" aria-label="正在生成">▍</span>'
    timing = ""
    if turn.done and turn.total_ms is not None:
        timing = f'<div class="kbqa-timing">用时 {turn.total_ms:.0f} 毫秒</div>'
    return (
        '<div class="kbqa-answer"><span class="kbqa-who">答</span>'
        f'<div class="kbqa-answer-text">{body}{pending}</div>{timing}</div>'
    )


def link_citations(escaped: str, turn: int, known: set[int]) -> str:
    """Turn each ``[n]`` of an escaped answer into a link to its source card."""

    def link(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in known:
            return match.group(0)
        target = card_id(turn, n)
        return (
            f'<a class="kbqa-cite" href="#{target}" data-target="{target}" '
            f'title="查看来源 {n}">[{n}]</a>'
        )

    return CITATION_MARK.sub(link, escaped)


def sources_html(turn: Turn) -> str:
    if not turn.citations:
        return ""
    cards = "".join(
        citation_card(c, turn.passages.get(c.n), turn.number) for c in turn.citations
    )
    return f'<div class="kbqa-sources"><div class="kbqa-sources-title">来源</div>{cards}</div>'


def citation_card(citation: Citation, passage: Passage | None, turn: int) -> str:
    """A numbered card: title, document number, locator and the quote in its paragraph."""
    title = escape(citation.title or citation.source)
    facts = [
        ("文号", citation.doc_number or "（无）"),
        ("位置", citation.locator),
        ("文件", citation.source),
        ("相关度", f"{citation.score:.2f}"),
    ]
    facts_html = "".join(
        f'<span class="kbqa-fact"><span class="kbqa-fact-label">{label}</span>'
        f"{escape(value)}</span>"
        for label, value in facts
    )
    return (
        f'<details class="kbqa-card" id="{card_id(turn, citation.n)}" open>'
        f'<summary><span class="kbqa-card-n">[{citation.n}]</span>'
        f'<span class="kbqa-card-title">{title}</span></summary>'
        f'<div class="kbqa-card-facts">{facts_html}</div>'
        f"{passage_html(passage or Passage('', citation.quote, '', found=False))}"
        "</details>"
    )


def passage_html(passage: Passage) -> str:
    note = "" if passage.found else f'<div class="kbqa-note">{NOT_LOCATED}</div>'
    return (
        f'<blockquote class="kbqa-passage">{escape(passage.before)}'
        f'<mark class="kbqa-quote">{escape(passage.quote)}</mark>'
        f"{escape(passage.after)}</blockquote>{note}"
    )


def refusal_html(turn: Turn) -> str:
    """A refusal: its own look, the service's words, and the nearest documents."""
    nearest = "".join(
        f'<li><span class="kbqa-near-title">{escape(d.title or d.source)}</span>'
        f'<span class="kbqa-near-source">{escape(d.source)}</span></li>'
        for d in turn.nearest
    )
    nearest_html = (
        f'<div class="kbqa-near-label">最接近的文档：</div><ul class="kbqa-near">{nearest}</ul>'
        if nearest else ""
    )
    return (
        '<div class="kbqa-refusal" role="status">'
        '<div class="kbqa-refusal-title">无法据实作答</div>'
        f'<div class="kbqa-refusal-text">{escape(turn.answer)}</div>'
        f"{nearest_html}</div>"
    )
