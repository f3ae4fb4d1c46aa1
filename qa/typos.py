"""Same-sound slips in a question: "质压融资" for "质押融资", "项木" for "项目".

People type Chinese by pinyin, so a slip is usually another character with the same sound,
and it makes a "word" that is in no dictionary and no document: jieba only guesses it
while segmenting. Such a word is replaced by the word one same-sound character away that
is both a dictionary word and a word of the knowledge base. A word jieba knows ("封顶")
or the knowledge base uses (a name) is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A word must stand in at least this many passages to count as one a slip was meant to be.
MIN_WORD_PASSAGES = 2
MAX_CORRECTIONS = 2
# A capitalised word of five letters or more may be a name in pinyin ("Chengwan").
_PINYIN_NAME = re.compile(r"\b[A-Z][a-z]{4,}\b(?!\s*[（(][\u4e00-\u9fff])")


def _sound(char: str) -> str | None:
    """The common reading of a character without its tone ("押" → "ya"). Rare readings
    are left out: they make sound-alikes of characters nobody confuses."""
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=False, errors="ignore")
    reading = readings[0][0] if readings and readings[0] else ""
    return reading if reading.isalpha() else None


class TypoCorrector:
    """Corrects same-sound slips against the words of one knowledge base."""

    def __init__(self, document_frequency: Mapping[str, int]) -> None:
        self.df = document_frequency
        chars = {c for token in document_frequency for c in token if _CJK.match(c)}
        self.by_sound: dict[str, set[str]] = {}
        self.sound_of: dict[str, str] = {}
        for char in chars:
            sound = _sound(char)
            if sound:
                self.by_sound.setdefault(sound, set()).add(char)
                self.sound_of[char] = sound
        self._spelled: dict[str, str] | None = None

    def correct(self, question: str) -> str:
        """The question with its slips corrected; unchanged when it has none."""
        from store.keyword import posseg

        out = []
        corrections = 0
        for word, _tag in posseg(question):
            better = self._better(word) if corrections < MAX_CORRECTIONS else None
            if better:
                corrections += 1
            out.append(better or word)
        return "".join(out)

    def _better(self, word: str) -> str | None:
        """The knowledge base's word one same-sound character away from ``word``, when
        ``word`` is neither a dictionary word nor one the knowledge base uses."""
        from store.keyword import dictionary_word

        if (len(word) < 2 or not all(_CJK.match(c) for c in word) or dictionary_word(word)
                or self.df.get(word, 0)):
            return None
        best, best_count = None, 0
        for i, char in enumerate(word):
            for other in self.by_sound.get(_sound(char) or "", ()):
                if other == char:
                    continue
                candidate = word[:i] + other + word[i + 1:]
                count = self.df.get(candidate, 0)
                if (count >= MIN_WORD_PASSAGES and count > best_count
                        and dictionary_word(candidate)):
                    best, best_count = candidate, count
        return best


    def spelled(self, word: str) -> str | None:
        """The knowledge base's word a name in pinyin stands for ("Kechuangdai" → 科创贷,
        "Chengwan" → 澄湾), when one is used in enough passages."""
        if self._spelled is None:
            best: dict[str, tuple[int, str]] = {}
            for token, count in self.df.items():
                if count < MIN_WORD_PASSAGES or not 2 <= len(token) <= 8:
                    continue
                sounds = [self.sound_of.get(c) for c in token]
                if all(sounds):
                    key = "".join(s for s in sounds if s)
                    if count > best.get(key, (0, ""))[0]:
                        best[key] = (count, token)
            self._spelled = {key: token for key, (_, token) in best.items()}
        return self._spelled.get(word.lower())

    def with_names(self, question: str) -> str:
        """An English question with the Chinese of the pinyin names it uses, in brackets
        after each ("the Kechuangdai (科创贷) programme"), so both searches can match them."""
        def name(match: re.Match[str]) -> str:
            chinese = self.spelled(match.group(0))
            return f"{match.group(0)} ({chinese})" if chinese else match.group(0)

        return _PINYIN_NAME.sub(name, question)
