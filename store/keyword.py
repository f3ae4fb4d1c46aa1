"""Chinese keyword search: jieba words plus character bigrams, scored by BM25."""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Sequence

import numpy as np

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9.%]+")
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 有 也 都 就 对 把 被 让 给 向 从 为 以 于 其 之 而 并 等 这 那 个 "
    "吗 呢 吧 啊 呀 我 我们 你 你们 他 她 它 他们 什么 多少 哪些 哪个 哪里 怎么 怎样 如何 "
    "为什么 是否 请问 一下 一个 可以 能 能否 会 要 需要 有没有 是不是 情况 问题 "
    "相关 关于 哪 几".split()
)
# A bigram holding one of these spans two words ("的联", "是谁") and means nothing.
FUNCTION_CHARS = frozenset(
    "的了是吗呢吧啊呀谁么哪几多少在和与及或也都就对把被让给向从为以于其之而并这那个我你他她它们什怎"
)
_jieba_lock = threading.Lock()
_jieba_ready = False


def _jieba():  # type: ignore[no-untyped-def]
    global _jieba_ready
    import jieba

    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _jieba_ready = True
    return jieba


def posseg(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their part-of-speech tags."""
    import jieba.posseg

    _jieba()
    return [(pair.word, pair.flag) for pair in jieba.posseg.lcut(text)]


def word_frequency(word: str) -> int:
    """How often ``word`` occurs in jieba's general-language dictionary (0 when absent)."""
    return int(_jieba().dt.FREQ.get(word) or 0)


def dictionary_word(word: str) -> bool:
    """Whether ``word`` is in jieba's dictionary (not only guessed while segmenting)."""
    return word_frequency(word) > 0


def segmented_words(text: str) -> list[str]:
    """The words jieba cuts ``text`` into (search mode), each once, in the order the text
    has them, without the bigrams ``tokenize`` adds: a pair of characters here is a word of
    the text, not the end of one and the start of the next. In order, not as a set: a
    choice among them that ties is then the same in every process."""
    return list(dict.fromkeys(_jieba().lcut_for_search(text.lower())))


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba's fine-grained words, minus stopwords, plus CJK bigrams.

    Bigrams keep recall when jieba segments a question and a passage differently
    ("发榜多少项" against "累计发榜526项").
    """
    lowered = text.lower()
    words = [
        w for w in _jieba().lcut_for_search(lowered)
        if _WORD.fullmatch(w) and w not in STOPWORDS and (len(w) > 1 or w.isascii())
    ]
    bigrams = [
        run[i : i + 2] for run in _CJK_RUN.findall(lowered) for i in range(len(run) - 1)
    ]
    seen = set(words)
    return words + [
        b for b in bigrams
        if b not in seen and not (FUNCTION_CHARS & set(b)) and b not in STOPWORDS
    ]


class KeywordIndex:
    """An in-memory BM25 index over already tokenized chunks."""

    def __init__(self, ids: Sequence[str], token_lists: Sequence[list[str]]) -> None:
        import bm25s

        self.ids = list(ids)
        self.document_frequency = Counter(t for tokens in token_lists for t in set(tokens))
        self._bm25 = bm25s.BM25()
        if self.ids:
            self._bm25.index([tokens or ["\u0000"] for tokens in token_lists],
                             show_progress=False)

    def idf(self, term: str) -> float:
        """Inverse chunk frequency; a term found nowhere weighs most."""
        df = self.document_frequency.get(term, 0)
        n = len(self.ids)
        return math.log((n - df + 0.5) / (df + 0.5) + 1.0)

    def search(self, tokens: list[str], n: int, allowed: np.ndarray | None = None,
               lighter: list[str] | None = None, lighter_weight: float = 1.0
               ) -> list[tuple[str, float]]:
        """Best ``n`` chunk ids with their BM25 scores; ``allowed`` masks by position;
        ``lighter`` tokens count ``lighter_weight`` times what ``tokens`` count."""
        if not self.ids or not (tokens or lighter):
            return []
        scores = self._bm25.get_scores(tokens) if tokens else np.zeros(len(self.ids))
        if lighter:
            scores = scores + lighter_weight * self._bm25.get_scores(lighter)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(n, len(self.ids))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
