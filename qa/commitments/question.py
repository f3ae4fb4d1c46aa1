"""Recognise a question about commitments ("137号提案答复里承诺了什么？") and its filter."""

from __future__ import annotations

import re
from typing import Any

from qa.text import FIRST_PERSON, answer_shapes, normalise_question

# Words that always ask about promises, and words that do only when the question asks
# "what" ("下一步有什么安排"), not "when" or "how many" ("计划什么时候上线…" is a fact question).
# "兑现了吗" asks after a promise; "兑现的房租补贴", "兑现了多少贴息" ask what was paid out.
_PROMISE_WORDS = re.compile(
    r"承诺|答应|许诺|(?:还没|没有|未|尚未|是否|有没有|有无)(?:落实|兑现)"
    r"|落实(?:了吗|情况|了没|没有)|兑现了?(?:吗|没|情况|与否)"
)
_PLAN_WORDS = re.compile(r"计划|下一步|后续|安排|打算|将要|准备|今后|未来")
# "需要准备", "要准备": what to prepare, not what is planned.
_NEEDS = re.compile(r"要准备|需准备|得准备")
_ASKS_WHAT = re.compile(r"什么(?!时候|时间)|哪些|有何|啥|哪几项|怎么安排|如何安排")
# "137号提案", "第58号"; not a document number ("〔2024〕3号") nor an address ("1616号楼").
_PROPOSAL_NUMBER = re.compile(
    r"(?<![〔\[（(〕\]\d])第?\s*(\d{1,4})\s*号(?=提案|建议|答复|$|[^楼院室弄])"
)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_AGENCY = re.compile(
    rf"((?:[{_HAN}]{{2}}新区|区)[{_HAN}]{{1,10}}?(?:局|委员会|委|办|中心)"
    r"|科经委|人社局|商务委|知产局|知识产权局|生态环境局|交通委"
    # A bureau or commission named without the district ("人才工作局", "商务委员会").
    rf"|(?:(?<![{_HAN}\d])(?!请问|想问)|(?<=请问)|(?<=想问)|(?<=\d年))"
    rf"[{_HAN}]{{2,6}}(?:局|委员会))"
)
_YEAR = re.compile(r"(20\d{2})\s*年(?![底内末上下初中一二三四\d])")
_TOPIC_PATTERNS = (
    re.compile(r"《([^》]{2,40})》"),
    re.compile(rf"关于([{_HAN}“”]{{2,20}}?)(?:的|方面|有|[，,？?]|$)"),
    re.compile(rf"对([{_HAN}“”]{{2,20}}?)(?:后续|下一步|未来|今后|有什么|有哪些|的)"),
    re.compile(rf"([{_HAN}“”]{{2,24}}?)(?:未来|后续|下一步|今后)有(?:什么|哪些|何)"),
    re.compile(rf"(?:承诺|答应|许诺)的([{_HAN}“”]{{2,24}}?)"
               r"(?=后来|现在|目前|如今|落实|到位|建成|完成|了吗|吗|[？?，,。]|$)"),
    re.compile(
        rf"(?:承诺|答应|计划)[^，。？?]{{0,6}}?"
        r"(?:设立|建立|建设|建成|上线|出台|发布|增设|新增|开展|推进|组织)的?"
        rf"(?:几个|多少个?|哪些)?([{_HAN}“”]{{2,24}}?)(?=落实|了吗|吗|[？?，,。]|$)"
    ),
)
# "澄科经委规〔2021〕3号" names a document, not an agency or a proposal.
_DOC_NUMBER = re.compile(rf"[{_HAN}]{{1,10}}[〔\[(（]\d{{4}}[〕\])）]\d+号文?")
_TOPIC_NOISE = re.compile(r"^(?:那个|这个|这些|那些|的)|的$")
# What a promise is asked about, not what it is about: "按答复里承诺的时间建成的吗" asks
# whether the deadline was kept, of whatever the rest of the question names.
_NOT_TOPICS = frozenset("时间 时限 日期 期限 节点 时间节点 进度 目标 内容 事项 事情 事 那件事 "
                        "这件事 东西 数 数字 规模 标准".split())


def commitment_question(question: str) -> dict[str, Any] | None:
    """The register filter a commitment question implies; None for other questions.

    ``{}`` asks about commitments in general; keys are those of
    :meth:`CommitmentRegister.filter` (``proposal_number``, ``agency``, ``year``, ``topic``).
    """
    text = _DOC_NUMBER.sub("", normalise_question(question))
    if not _asks_about_commitments(text):
        return None
    found: dict[str, Any] = {}
    number = _PROPOSAL_NUMBER.search(text)
    if number:
        found["proposal_number"] = int(number.group(1))
    agency = _AGENCY.search(text)
    if agency:
        found["agency"] = agency.group(1)
    year = _YEAR.search(text)
    if year:
        found["year"] = int(year.group(1))
    topic = _topic(text, agency.group(1) if agency else None)
    if topic:
        found["topic"] = topic
    return found


# What became of a promise: "落实了吗", "实际规模多少", "后来什么时候设立的".
_ASKS_OUTCOME = re.compile(
    r"落实|进展|兑现|实际|后来|后续|最终|最后|现在|目前|如今|怎么样|结果|做到|了吗|了没|有没有"
    r"|是不是按|是否按|按时|如期|按期")


def asks_for_progress(question: str) -> bool:
    """Whether an answer to this commitment question should report later progress: it asks
    what became of the promise, or asks about promises in general ("承诺了什么？"). A
    question for the promise's own date or figure ("承诺什么时候设立？首期规模多少？")
    is answered by the promise alone."""
    text = normalise_question(question)
    return bool(_ASKS_OUTCOME.search(text)) or not answer_shapes(text)


def _asks_about_commitments(text: str) -> bool:
    if _PROMISE_WORDS.search(text):
        return True
    plans = [m for m in _PLAN_WORDS.finditer(text) if not _asker_plans(text, m.start())]
    return bool(plans and _ASKS_WHAT.search(text) and not answer_shapes(text))


def _asker_plans(text: str, at: int) -> bool:
    """Whether the plan word at ``at`` is the asker's own ("我们是…企业，打算上一个技改
    项目，…需要满足哪些门槛", "需要准备哪些材料"): the asker is named before it with no unit
    named in between, or the word is a need to prepare. A unit's plans are what a reply
    promises; the asker's are not."""
    before = text[:at]
    asker = [m.end() for m in FIRST_PERSON.finditer(before)]
    if asker and not _AGENCY.search(before[asker[-1]:]):
        return True
    return bool(_NEEDS.search(before[-2:] + text[at:at + 2]))


def _topic(text: str, agency: str | None) -> str | None:
    """What the question asks about ("风险补偿资金池"), when it names something."""
    for pattern in _TOPIC_PATTERNS:
        match = pattern.search(text)
        if match:
            topic = _TOPIC_NOISE.sub("", match.group(1)).strip()
            if (len(topic) >= 2 and topic != agency and topic not in _NOT_TOPICS
                    and not _PROPOSAL_NUMBER.search(topic)):
                return topic
    return None
