"""Which documents a later one repeals or revises, from their parsed metadata."""

from __future__ import annotations

import re
from collections.abc import Mapping

from store.doctable import DocumentRow

_WRAPPED_TITLE = re.compile(r"《(.+?)》")


def superseded_by(documents: Mapping[str, DocumentRow]) -> dict[str, str]:
    """Map each superseded document's id to the id of the document that replaces it."""
    replaced: dict[str, str] = {}
    for newer in documents.values():
        meta = newer.metadata
        titles = [*meta.get("repeals", []), *meta.get("revises", [])]
        numbers = set(meta.get("repealed_doc_numbers", []))
        for older in documents.values():
            if older.doc_id == newer.doc_id:
                continue
            if (older.metadata.get("doc_number") in numbers
                    or any(t and t in _bare_titles(older) for t in titles)):
                replaced[older.doc_id] = newer.doc_id
    return replaced


def _bare_titles(doc: DocumentRow) -> list[str]:
    """The title, and the policy title inside "关于印发《…》的通知"."""
    title = doc.title or ""
    return [title, *_WRAPPED_TITLE.findall(title)]


def asks_about_old_version(question: str, doc: DocumentRow) -> bool:
    """The question names the old document (its number or year) or asks about old versions."""
    if re.search(r"废止|旧版|原版|老版|以前|之前|原来|原《", question):
        return True
    number = doc.metadata.get("doc_number")
    year = (doc.metadata.get("issue_date") or doc.metadata.get("date") or "")[:4]
    return bool((number and number in question) or (year and f"{year}年版" in question)
                or (year and f"{year}版" in question))
