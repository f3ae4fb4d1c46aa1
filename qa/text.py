"""Text helpers for questions and answers: script conversion, sentences, question kinds."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources
from typing import Any

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_ASKS_QUANTITY = re.compile(
    r"多少|几[个家项笔次年月天位]|数量|金额|规模|比例|最高|上限|how (?:many|much)|number of|amount",
    re.IGNORECASE,
)
_FULLWIDTH = {0xFF01 + i: 0x21 + i for i in range(94)}
_opencc_lock = threading.Lock()


@lru_cache(maxsize=1)
def _t2s() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def normalise_question(question: str) -> str:
    """Simplified script, half-width letters and digits, single spaces."""
    text = question.translate(_FULLWIDTH).strip()
    if _CJK.search(text):
        with _opencc_lock:
            text = _t2s().convert(text)
    return re.sub(r"\s+", " ", text)


@lru_cache(maxsize=1)
def _glossary() -> list[tuple[str, list[str]]]:
    raw = (resources.files("qa") / "glossary_en_zh.tsv").read_text("utf-8")
    entries = []
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            english, *chinese = line.split("\t")
            entries.append((english.strip().lower(), [c.strip() for c in chinese if c.strip()]))
    return sorted(entries, key=lambda e: len(e[0]), reverse=True)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    raw = (resources.files("qa") / "synonyms_zh.tsv").read_text("utf-8")
    table = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, *others = [w.strip() for w in line.split("\t") if w.strip()]
            table[word] = tuple(others)
    return table


def found(term: str, text: str) -> bool:
    """The term, or a word the documents use for it, stands in ``text``."""
    return term in text or any(other in text for other in _synonyms().get(term, ()))


def with_synonyms(terms: list[str]) -> list[str]:
    """Search terms plus the words documents use for them."""
    table = _synonyms()
    return terms + [other for term in terms for other in table.get(term, ())]


def english_to_chinese_terms(question: str) -> str:
    """Chinese search terms for the genre's vocabulary found in an English question."""
    text = " " + re.sub(r"[^a-z0-9&'\- ]+", " ", question.lower()) + " "
    terms: list[str] = []
    for english, chinese in _glossary():
        for form in (english, english + "s", english + "es"):
            if f" {form} " in text:
                terms.extend(chinese)
                text = text.replace(f" {form} ", " | ")
                break
    numbers = re.findall(r"\b\d+(?:\.\d+)?\b", question)
    return " ".join(terms + numbers)


def keyword_query(question: str) -> str:
    """The text to match keywords with: the question, or its terms in Chinese if English."""
    return english_to_chinese_terms(question) if is_mostly_latin(question) else question


def is_mostly_latin(text: str) -> bool:
    """An English (or other Latin-script) question: keywords cannot match Chinese text."""
    return len(_LATIN.findall(text)) > 2 * len(_CJK.findall(text))


def asks_quantity(question: str) -> bool:
    return bool(_ASKS_QUANTITY.search(question))


_NUMBER = r"\d[\d.,]*\s*(?:余|多)?\s*(?:万|亿)?\s*"
_COUNTED = re.compile(r"(?:多少|几)\s*([项家笔个人次元份件名套台所条门场批户])")
_MONEY = re.compile(r"多少钱|金额|资金|补贴多少|补多少|奖励多少|贴息多少|支持多少|最高.*多少")
_WHEN = re.compile(r"什么时候|何时|哪天|哪一天|哪年|几月|几号|日期|截止|时间|期限|到期|几点")
_RATIO = re.compile(r"比例|百分之|多少%|占比")
_PHONE = re.compile(r"电话|号码")
_DATE_SHAPE = r"\d{4}年|\d{1,2}月|\d{1,2}日|年底|年内|季度|\d{1,2}[:：]\d{2}|\d{4}-\d{2}"


def answer_shapes(question: str) -> list[re.Pattern[str]]:
    """What the answer to a question looks like: a count with its unit, money, a date…"""
    shapes = []
    for unit in _COUNTED.findall(question):
        shapes.append(re.compile(_NUMBER + unit))
    if _MONEY.search(question):
        shapes.append(re.compile(_NUMBER + "元"))
    if _RATIO.search(question):
        shapes.append(re.compile(r"\d+(?:\.\d+)?\s*%|百分之|个百分点"))
    if _WHEN.search(question):
        shapes.append(re.compile(_DATE_SHAPE))
    if _PHONE.search(question):
        shapes.append(re.compile(r"\d{7,}|\d{3,4}-\d{7,8}"))
    if not shapes and asks_quantity(question):
        shapes.append(re.compile(r"\d"))
    return shapes


def sentences(text: str) -> list[str]:
    """Sentences and clauses (split at 。！？； and line ends), each verbatim from ``text``."""
    out = []
    for match in _SENTENCE.finditer(text):
        piece = re.sub(r"^#+\s*", "", match.group(0).strip())
        if len(piece) >= 4 and not re.fullmatch(r"[#|\-\s:]+", piece):
            out.append(piece)
    return out
