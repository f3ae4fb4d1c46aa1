"""Text helpers for questions and answers: script conversion, sentences, question kinds."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
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


def is_mostly_latin(text: str) -> bool:
    """An English (or other Latin-script) question: keywords cannot match Chinese text."""
    return len(_LATIN.findall(text)) > 2 * len(_CJK.findall(text))


def asks_quantity(question: str) -> bool:
    return bool(_ASKS_QUANTITY.search(question))


def sentences(text: str) -> list[str]:
    """Sentences and clauses (split at 。！？； and line ends), each verbatim from ``text``."""
    out = []
    for match in _SENTENCE.finditer(text):
        piece = re.sub(r"^#+\s*", "", match.group(0).strip())
        if len(piece) >= 4 and not re.fullmatch(r"[#|\-\s:]+", piece):
            out.append(piece)
    return out
