"""Find the promises in a reply: which sentences commit the agency, and which words quote it.

What counts (the labelling rule, also in evals/commitments_labels.jsonl's README section):
a sentence or clause of the reply's body in which the agency, or a unit it names, says it
will act or reach a target — marked by 将/拟/计划/力争/预计…, by a time that lies after the
reply's date ("2024年底前", "自2024年6月起"), by being an item (一是/二是…) of a
forward-looking section (下一步工作, 正在推进的工作), or by continuing such a sentence
("同时，…", or after "；"). Not counted: past facts ("已有13家金融机构入驻"), ongoing
states ("也在持续推进"), forecasts about enterprises ("企业…投入将增加"), the closing
courtesy ("感谢…，我们将持续推进各项举措…"), promises to report back to the member
("将…向您反馈"), lines that only announce a list ("将重点做好以下工作："), and recitals
of commitments made in an earlier reply ("…时承诺：…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from qa.commitments.timeexpr import future_expressions
from qa.commitments.walk import Sentence

ITEM_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\d+[.．、])")
# "（一）关于出台首发经济专项政策。" names a subject; the promise follows it.
_SUBJECT_HEADING = re.compile(r"^（[一二三四五六七八九十]+）关于")
_FORWARD_SECTION = re.compile(r"下一步|工作安排|工作计划|正在推进|今后|后续|计划")
_CLAUSE = re.compile(r"[^，,：:]+[，,：:]?")
# 将 is "will" before a verb or adverb, but "把" before a noun ("将人工智能大模型技术应用于").
_FUTURE_WORD = re.compile(
    r"将(?=[在于把]|进一步|持续|不断|继续|重点|加快|抓紧|新增|增设|协调|吸引|达到|另行|逐步|全面|"
    r"积极|研究|推动|推进|建立|建设|出台|开展|组织|实现|会同|适时|增加|上线|完成|设立|建成|启动|"
    r"发布|印发|制定|提供|加大|加强|扩大|优化|完善|提高|升级|拓展)"
    r"|拟|力争|争取|预计|即将|(?<![作原入])计划(?!书)"
)
_PAST = re.compile(
    r"已|曾|累计|截至|以来|(?<![为除])了(?!解)|成效显著|成果显著"
    r"|(?<![公总])共(?:完成|有|计|发放|开展|引进|接待|补贴|举办|组织)"
)
_LEAD_IN = re.compile(
    r"^(?:后续|未来|今后|下一步|同时|此外|另外|为此|经研究|届时|随着|针对|为了?|围绕|聚焦|对于|"
    r"根据|按照|依托)"
)
_ONGOING = re.compile(r"正在")
_LIST_INTRO = re.compile(r"以下|如下")
_REPORTS_BACK = re.compile(r"向您[^，。；]*?(?:反馈|通报|报告|汇报|答复)|办理结果为")
_RECITAL = re.compile(r"承诺[:：]|时承诺")
_COURTESY = re.compile(r"^感谢")
_CONTINUES = re.compile(r"^(?:同时|此外|另外|并|还)")
# Whose action a "将"/"预计" clause foretells: what enterprises will do is a forecast, not a
# promise ("企业在人工智能领域投入将增加"); "拟/计划/力争" always state the speaker's intent.
_OTHERS_AS_SUBJECT = re.compile(r"企业|市场|公司|行业")
# "…，并于2025年6月底前上线…" starts a second promise with its own deadline.
_JOINED_PROMISE = re.compile(r"^(?:并|同时)(?:将)?(?:于|在)")
_TRAILING = "，,：:；;。！？!? "
HEADLINE_MAX_CHARS = 24


@dataclass(frozen=True)
class Promise:
    """Where a promise stands in its sentence: the quote's span and where its core begins."""

    sentence: Sentence
    start: int
    end: int
    core: int  # the promising words begin here; the topic is read from here on
    headline: str | None = None  # "二是推进算力统一调度" when this promise details it
    is_headline: bool = False

    @property
    def quote(self) -> str:
        return self.sentence.text[self.start : self.end]

    @property
    def core_text(self) -> str:
        return self.sentence.text[self.core : self.end]


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    text: str


@dataclass
class _Context:
    written: date | None
    previous: Sentence | None = None
    previous_promised: bool = False
    previous_headline: bool = False
    recital: tuple[str, int] | None = None


def find_promises(body: list[Sentence], written: date | None) -> list[Promise]:
    """The promises of a reply body, headlines folded into the sentence that details them."""
    context = _Context(written)
    found: list[Promise] = []
    for sentence in body:
        promises = _sentence_promises(sentence, context)
        context.previous = sentence
        context.previous_promised = bool(promises)
        context.previous_headline = bool(promises) and promises[-1].is_headline
        found.extend(promises)
    return _fold_headlines(found)


def _sentence_promises(sentence: Sentence, context: _Context) -> list[Promise]:
    """The promise (or two) one sentence makes, given the sentence before it."""
    text = sentence.text
    if _never_a_promise(sentence, context):
        return []
    clauses = _clauses(text)
    while clauses and _LIST_INTRO.search(clauses[-1].text):
        clauses.pop()  # "我们将重点做好以下工作：" announces the promises, it is none
    if not clauses:
        return []
    promising = [i for i, c in enumerate(clauses) if _promises(c.text, context.written)]
    attached = _is_item(sentence) or _continues(sentence, context)
    if attached and not _PAST.search(clauses[0].text):
        start, core = 0, 0
    elif promising:
        start = _extend_back(clauses, promising[0])
        core = promising[0]
    else:
        return []
    promise = Promise(sentence, clauses[start].start, _trimmed_end(text, clauses[-1].end),
                      clauses[core].start)
    if len(clauses) == 1 and not promising and _is_item(sentence) \
            and len(promise.quote) <= HEADLINE_MAX_CHARS:
        promise = replace(promise, is_headline=True)
    return _split_joined(promise, clauses, context.written)


def _never_a_promise(sentence: Sentence, context: _Context) -> bool:
    """Courtesy, reporting back, subject headings, and recitals of earlier promises."""
    if context.recital == sentence.paragraph:
        return True
    if _RECITAL.search(sentence.text):
        context.recital = sentence.paragraph  # what follows "…时承诺：" recites, too
        return True
    return bool(_COURTESY.match(sentence.text) or _REPORTS_BACK.search(sentence.text)
                or _SUBJECT_HEADING.match(sentence.text))


def _clauses(text: str) -> list[_Clause]:
    return [_Clause(m.start(), m.end(), m.group()) for m in _CLAUSE.finditer(text)]


def _promises(clause: str, written: date | None) -> bool:
    """A clause that commits to future action: a future word, or a time still ahead."""
    if _PAST.search(clause):
        return False
    word = _FUTURE_WORD.search(clause)
    if word:
        return not _foretells_others(clause, word)
    return bool(future_expressions(clause, written))


def _foretells_others(clause: str, word: re.Match[str]) -> bool:
    """"企业…投入将增加", "预计全区企业数量…": what others will do, not the agency."""
    if word.group() == "预计":
        return bool(_OTHERS_AS_SUBJECT.search(clause[word.end() :]))
    return word.group() == "将" and bool(_OTHERS_AS_SUBJECT.search(clause[: word.start()]))


def _is_item(sentence: Sentence) -> bool:
    """一是/二是/（一）… in a forward-looking section ("下一步工作"): a planned item."""
    return bool(ITEM_MARKER.match(sentence.text)
                and _FORWARD_SECTION.search(sentence.chunk.section)
                and not _SUBJECT_HEADING.match(sentence.text))


def _continues(sentence: Sentence, context: _Context) -> bool:
    """"同时，…" after a promise, the clause after "；", or the detail under a headline."""
    previous = context.previous
    if not (context.previous_promised and previous is not None
            and previous.paragraph == sentence.paragraph):
        return False
    return bool(context.previous_headline or _CONTINUES.match(sentence.text)
                or previous.text.endswith(("；", ";")))


def _extend_back(clauses: list[_Clause], first: int) -> int:
    """Take in the lead-in clauses before a promise ("后续，随着…，将…"), not past facts."""
    start = first
    while start > 0:
        before = clauses[start - 1].text
        if _PAST.search(before) or not (_LEAD_IN.match(before) or _ONGOING.search(before)):
            break
        start -= 1
    return start


def _trimmed_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _split_joined(promise: Promise, clauses: list[_Clause],
                  written: date | None) -> list[Promise]:
    """Two promises with two deadlines in one sentence become two commitments."""
    for clause in clauses:
        if clause.start > promise.core and _JOINED_PROMISE.match(clause.text) \
                and future_expressions(clause.text, written):
            text = promise.sentence.text
            first = replace(promise, end=_trimmed_end(text, clause.start))
            second = replace(promise, start=clause.start, core=clause.start)
            return [first, *_split_joined(second, clauses, written)]
    return [promise]


def _fold_headlines(promises: list[Promise]) -> list[Promise]:
    """"二是推进算力统一调度。" followed by its detail: one commitment, topic from the headline."""
    folded: list[Promise] = []
    for promise in promises:
        last = folded[-1] if folded else None
        if last is not None and last.is_headline \
                and last.sentence.paragraph == promise.sentence.paragraph:
            folded[-1] = replace(promise, headline=last.quote)
        else:
            folded.append(promise)
    return folded
