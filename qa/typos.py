"""Same-sound slips in a question: "质压融资" for "质押融资", "项木" for "项目".

People type Chinese by pinyin, so a slip is usually another character with the same sound,
and it makes a "word" that is in no dictionary and no document: jieba only guesses it
while segmenting. Such a word is replaced by the word one same-sound character away that
is both a dictionary word and a word of the knowledge base. A word jieba knows ("封顶")
or the knowledge base uses (a name) is never touched.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A word must stand in at least this many passages to count as one a slip was meant to be.
MIN_WORD_PASSAGES = 2
MAX_CORRECTIONS = 2
# A pinyin name is read as at most this many syllables, spelt at most this many ways.
MAX_NAME_SYLLABLES = 4
MAX_SPELLINGS = 20000
# A capitalised word of five letters or more may be a name in pinyin ("Chengwan"), and so
# may two or three capitalised words together, each of syllables ("Kechuang Dai").
_CAPITALISED_WORDS = re.compile(
    r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]*){0,2}\b(?!\s*[（(][\u4e00-\u9fff])")
_LONG_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{4,}\b")
# A name as ``with_names`` leaves it, or as an asker writes it: "Zhichanrong (知产融)".
_NAME_WITH_CHINESE = re.compile(r"\b[A-Z][a-z]+\s*[（(]([\u4e00-\u9fff]+)[)）]")


def chinese_of_names(question: str) -> list[str]:
    """The Chinese written after the pinyin names of an English question ("the
    'Zhichanrong (知产融)' platform" → ["知产融"])."""
    return _NAME_WITH_CHINESE.findall(question)


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
        chars = set(_CJK.findall("".join(document_frequency)))
        self.by_sound: dict[str, set[str]] = {}
        for char in chars:
            sound = _sound(char)
            if sound:
                self.by_sound.setdefault(sound, set()).add(char)

    def correct(self, question: str) -> str:
        """The question with its slips corrected, and acronyms the knowledge base does not
        write spelt as it does ("AI初创公司" → "人工智能初创公司"); unchanged when it has
        neither."""
        from store.keyword import posseg

        question = self.spelled_out(question)
        out = []
        corrections = 0
        for word, _tag in posseg(question):
            better = self._better(word) if corrections < MAX_CORRECTIONS else None
            if better:
                corrections += 1
            out.append(better or word)
        return "".join(out)

    def spelled_out(self, question: str) -> str:
        """A Latin acronym among Chinese that no passage writes, even within a word
        ("800PFLOPS"), replaced by the glossary's Chinese for it that passages use."""
        from qa.text import documents_write, glossary_chinese, latin_words_among_chinese

        for word in set(latin_words_among_chinese(question)):
            if documents_write(word, self.df):
                continue
            chinese = next((c for c in glossary_chinese(word) if self.df.get(c)), None)
            if chinese:
                question = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", chinese,
                                  question)
        return question

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
        "Chengwan" → 澄湾), when one is used in enough passages.

        The name is cut into the syllables of characters the knowledge base uses; each
        way of writing those syllables with such characters is looked up as a word.
        """
        best, best_count = None, 0
        # A name of three syllables or more that the word segmenter cuts apart ("知产融"
        # read as "知产" and "融") is found by its character pairs, each in the passages.
        pieced, pieced_count = None, 0
        for syllables in self._syllables(word.lower(), MAX_NAME_SYLLABLES):
            choices = [sorted(self.by_sound[s]) for s in syllables]
            if math.prod(len(c) for c in choices) > MAX_SPELLINGS:
                continue
            for chars in itertools.product(*choices):
                candidate = "".join(chars)
                count = self.df.get(candidate, 0)
                if count >= MIN_WORD_PASSAGES and count > best_count:
                    best, best_count = candidate, count
                elif best is None and len(chars) >= 3:
                    pairs = min(self.df.get(candidate[i:i + 2], 0)
                                for i in range(len(candidate) - 1))
                    if pairs > pieced_count:
                        pieced, pieced_count = candidate, pairs
        return best or pieced

    def _syllables(self, letters: str, most: int) -> list[list[str]]:
        """The ways to cut ``letters`` into at least two syllables the knowledge base's
        characters are read with ("chengwan" → [["cheng", "wan"]])."""
        cuts: list[list[str]] = []

        def cut(rest: str, taken: list[str]) -> None:
            if not rest:
                if len(taken) >= 2:
                    cuts.append(taken)
                return
            if len(taken) == most:
                return
            for end in range(1, min(len(rest), 6) + 1):
                if rest[:end] in self.by_sound:
                    cut(rest[end:], [*taken, rest[:end]])

        cut(letters, [])
        return cuts

    def with_names(self, question: str) -> str:
        """An English question with the Chinese of the pinyin names it uses, in brackets
        after each ("the Kechuangdai (科创贷) programme"), so both searches can match them."""
        def name(match: re.Match[str]) -> str:
            chinese = self.spelled(match.group(0))
            return f"{match.group(0)} ({chinese})" if chinese else match.group(0)

        def words(match: re.Match[str]) -> str:
            run = match.group(0)
            # Words together spell a name, or each long one spells what it spells alone.
            chinese = self.spelled(re.sub(r"[ -]", "", run)) if re.search(r"[ -]", run) else None
            if chinese:
                return f"{run} ({chinese})"
            return _LONG_CAPITALISED_WORD.sub(name, run)

        return _CAPITALISED_WORDS.sub(words, question)
