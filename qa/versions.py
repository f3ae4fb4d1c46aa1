"""Which documents a later one repeals or revises, from their parsed metadata."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from qa.text import is_mostly_latin, without_askers_years
from store import Snapshot
from store.doctable import DocumentRow

_WRAPPED_TITLE = re.compile(r"《(.+?)》")


def superseded_by(documents: Mapping[str, DocumentRow]) -> dict[str, str]:
    """Map each superseded document's id to the id of the document that replaces it: the
    document whose number a later one repeals, or whose title (or the policy title inside
    it) a later one repeals or revises. Documents are looked up by number and title, so the
    cost grows with the number of documents, not with its square."""
    by_number: dict[str, list[str]] = {}
    by_title: dict[str, list[str]] = {}
    for doc in documents.values():
        number = doc.metadata.get("doc_number")
        if number:
            by_number.setdefault(number, []).append(doc.doc_id)
        for title in dict.fromkeys(bare_titles(doc)):
            if title:
                by_title.setdefault(title, []).append(doc.doc_id)
    replaced: dict[str, str] = {}
    for newer in documents.values():
        meta = newer.metadata
        older: list[str] = []
        for number in meta.get("repealed_doc_numbers", []):
            older += by_number.get(number, [])
        for title in [*meta.get("repeals", []), *meta.get("revises", [])]:
            older += by_title.get(title, []) if title else []
        for doc_id in older:
            if doc_id != newer.doc_id:
                replaced[doc_id] = newer.doc_id
    return replaced


def bare_titles(doc: DocumentRow) -> list[str]:
    """The title, and any policy title inside it ("关于印发《…》的通知")."""
    title = doc.title or ""
    return [title, *_WRAPPED_TITLE.findall(title)]


def issued_year(doc: DocumentRow) -> str:
    """The year a document was issued (or, lacking that, dated), "" when unknown."""
    return str(doc.metadata.get("issue_date") or doc.metadata.get("date") or "")[:4]


# An English question about an old version: "under the old rules", "the former measures".
_OLD_IN_ENGLISH = re.compile(
    r"\b(?:old|older|former|previous|earlier|original|repealed|superseded|replaced)\b"
    r"(?:\s+[\w&-]+){0,6}?\s+(?:rules?|measures?|policy|policies|version|scheme|regulations?)",
    re.IGNORECASE)


# "Before the incubator policy was revised", "prior to the 2025 revision".
_BEFORE_REVISION_IN_ENGLISH = re.compile(
    r"\b(?:before|prior to|until)\b(?:\s+[\w&-]+){0,6}?\s+(?:revis|amend|replac|repeal)\w*"
    r"|\bpre-(?:revision|amendment)\b", re.IGNORECASE)


def asks_old_version_in_english(question: str) -> bool:
    """"Under the old incubator rules…", "the former R&D measures", "before the policy was
    revised": an old version asked."""
    # The Chinese a question as searched gives beside a name ("Chengwan (澄湾)") is no word.
    plain = re.sub(r"\s*[（(][\u4e00-\u9fff]+[）)]|【[^】]*】", "", question)
    return bool(_OLD_IN_ENGLISH.search(plain) or _BEFORE_REVISION_IN_ENGLISH.search(plain))


def asks_about_old_version(question: str, doc: DocumentRow) -> bool:
    """The question names the old document (its number or year) or asks about old versions."""
    if re.search(r"废止|旧版|原版|老版|以前|之前|原来|原《", question) or (
            asks_old_version_in_english(question)):
        return True
    number = doc.metadata.get("doc_number")
    year = issued_year(doc)
    return bool((number and number in question) or (year and f"{year}年版" in question)
                or (year and f"{year}版" in question))


_YEAR_NAMED = re.compile(r"(20\d{2})\s*年")
# An English question names a year without "年" ("under the 2021 incubator rules").
_YEAR_IN_ENGLISH = re.compile(r"\b(20\d{2})\b")
# A question about now, about a later version, or about what a reply said would be done is
# not about the rule in force in the year it names.
_NOT_THEN = re.compile(r"现在|目前|如今|现行|最新|新版|修订后|后来|实际|最终|最后|答复|回复|承诺"
                       r"|说要|计划|打算|预计|拟"
                       r"|(?i:\b(?:now|current(?:ly)?|today|latest|new|revised|reply|replied"
                       r"|promised?|plan(?:s|ned)?)\b)")


def in_force_in_year_asked(question: str, doc: DocumentRow, newer: DocumentRow) -> bool:
    """The question is about a year ("2022年度评为优秀的孵化器，当时拿到多少运营补贴") in
    which ``doc`` was in force: issued by then, and replaced by ``newer`` only in a later
    year. Its figures, not the replacement's, are that year's."""
    if _NOT_THEN.search(question):
        return False
    named = _YEAR_IN_ENGLISH if is_mostly_latin(question) else _YEAR_NAMED
    years = [int(y) for y in named.findall(without_askers_years(question))]
    issued, replaced = issued_year(doc), issued_year(newer)
    if not years or not issued or not replaced:
        return False
    return all(int(issued) <= y < int(replaced) for y in years)


class VersionIndex:
    """Superseded documents of the current snapshot, recomputed only after a write."""

    def __init__(self) -> None:
        self._generation = -1
        self._replaced: dict[str, str] = {}

    def superseded(self, snapshot: Snapshot) -> dict[str, str]:
        if self._generation != snapshot.generation:
            self._replaced = superseded_by(snapshot.documents)
            self._generation = snapshot.generation
        return self._replaced


# "申报时间：2025年4月7日至2025年5月16日" and the like: the window's closing date.
_WINDOW = re.compile(
    r"(?:申报|受理|申请|报名)(?:时间|期限|截止时间|日期)[^。；]{0,12}?"
    r"(?:(?P<y1>\d{4})年)?\d{1,2}月\d{1,2}日?\s*(?:至|到|—|－|-|~|～)\s*"
    r"(?:(?P<y2>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
)


def application_deadline(text: str) -> date | None:
    """The last day of an application window stated in ``text``, if it states one."""
    match = _WINDOW.search(text)
    if not match:
        return None
    year = match.group("y2") or match.group("y1")
    if not year:
        return None
    try:
        return date(int(year), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def version_notes(doc: DocumentRow, documents: Mapping[str, DocumentRow],
                  replaced: Mapping[str, str], text: str, today: date) -> list[str]:
    """What a reader of a citation from ``doc`` must know: repealed, expired, window closed."""
    notes = []
    newer_id = replaced.get(doc.doc_id)
    if newer_id and newer_id in documents:
        newer = documents[newer_id]
        # Both numbers: a revision often keeps the title ("…认定与扶持办法" of 2021 and 2025).
        own = f"（{doc.metadata['doc_number']}）" if doc.metadata.get("doc_number") else ""
        number = f"（{newer.metadata['doc_number']}）" if newer.metadata.get("doc_number") else ""
        notes.append(f"《{_name(doc)}》{own}已被《{_name(newer)}》{number}废止，现行规定以后者为准")
    expiry = _iso(doc.metadata.get("expiry_date"))
    if expiry and expiry < today and not newer_id:
        notes.append(f"《{_name(doc)}》有效期至{_chinese_date(expiry)}，已过有效期")
    deadline = application_deadline(text)
    if deadline and deadline < today:
        notes.append(f"《{_name(doc)}》的申报时间已于{_chinese_date(deadline)}截止")
    return notes


def repeal_notes(doc: DocumentRow, quote: str, documents: Mapping[str, DocumentRow],
                 replaced: Mapping[str, str]) -> list[str]:
    """A quote of ``doc`` repealing an older document ("原《…》（澄科经委规〔2022〕4号）同时
    废止"): which document repealed it, by number, and until when the older one was to run
    ("还管用吗？现在依据哪个文件？" asks both)."""
    if "废止" not in quote:
        return []
    notes = []
    for old_id, new_id in replaced.items():
        old = documents.get(old_id)
        if new_id != doc.doc_id or old is None:
            continue
        number = str(old.metadata.get("doc_number") or "")
        if not ((number and number in quote) or _name(old) in quote):
            continue
        own = f"（{doc.metadata['doc_number']}）" if doc.metadata.get("doc_number") else ""
        note = f"废止《{_name(old)}》{f'（{number}）' if number else ''}的是《{_name(doc)}》{own}"
        expiry = _iso(old.metadata.get("expiry_date"))
        if expiry:
            note += f"；被废止的文件原定有效期至{_chinese_date(expiry)}"
        notes.append(note)
    return notes


def _name(doc: DocumentRow) -> str:
    titles = bare_titles(doc)
    return titles[-1] if titles and titles[-1] else doc.source


def _iso(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
