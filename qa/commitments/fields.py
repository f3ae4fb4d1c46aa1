"""What a promise is about: its topic, deadline, target figure and acting unit."""

from __future__ import annotations

import re
from datetime import date

from qa.commitments.extract import ITEM_MARKER, Promise
from qa.commitments.timeexpr import TIME_EXPRESSION, future_expressions

_TITLE = re.compile(r"《([^》]{4,40})》")
_ISSUING_VERB = re.compile(r"修订|起草|制定|印发|发布|出台")
# Verbs whose object names what is promised; longer forms first so "编制并公布" wins.
_ACTION_VERB = re.compile(
    r"编制并公布|加快建设|研究出台|加大对|设立|建立|建成|建设|增设|新增|增开|上线|出台|制定|编制|形成|"
    r"组织|开展|遴选|评选|推进|推动|加强|协调|探索|吸引|接入|发布|印发|实行|升级|举办|引进|打造|"
    r"扩大|优化|完善"
)
# Where the object of that verb ends: punctuation, or the next verb of the clause.
_OBJECT_END = re.compile(
    r"[，,。；;：:、（(]|作为|给予|提供|实现|引导|帮助|向|免费|由(?=[\d原])|时(?=统筹|研究)"
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:不少于|不低于|至少)?\d+(?:\.\d+)?(?:万|亿)?[个家条场名项门所座批]|更多|全区|区内|具体|"
    r"部分|一批|各类|新的|首批)+"
)
_TRAILING_COUNT = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:个|家|条|场|名|项|门|人次|人|笔|套)$")
_SUBJECT_NOISE = re.compile(
    r"^(?:后续|未来|今后|下一步|届时|同时|此外|另外)|(?:还|也|都|仍|均|亦|拟|并)$"
)
_PRONOUN = re.compile(r"^(?:我们|我局|我委|我办|本局|本委|我区|区里)?$")
_EXAMPLES_OF = re.compile(r"等[^的，]{0,8}的")  # "人工智能大模型等前沿技术的研发投入"
_GENERIC_HEAD = re.compile(r"^分?(?:平台|中心|基金|资金池|工作站|政策|措施|办法|项目)$")
_CUE_WORDS = re.compile(r"力争|争取|计划|预计|拟|将|确保")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
TOPIC_MAX_CHARS = 24
MIN_TOPIC_CHARS = 2

# Target figures: a comparison and an amount with its unit ("不低于5000万元", "12家").
_AMOUNT = r"\d+(?:\.\d+)?(?:万|亿)?(?:元|家|个|场|条|门|名|人次|人|次|项|笔|PFLOPS|%|平方米|户|批)"
_BOUNDED_AMOUNT = re.compile(rf"(?:最高不超过|不超过|不低于|不少于|至少|突破|超过|最高){_AMOUNT}")
_ANY_AMOUNT = re.compile(rf"(?<![\d.〔])(?:由[^，。；]{{0,6}}?)?{_AMOUNT}")
_CHANGED_TO = re.compile(rf"(?:提高至|增加至|提升至|压缩至|精简为|降低至|扩大至|至|为)({_AMOUNT})")
# A unit named at the head of the clause acts itself ("区交通委正在开展…，拟于…").
_NAMED_UNIT = re.compile(
    rf"^((?:[{_HAN}]{{2}}新区|区)[{_HAN}]{{1,10}}?(?:局|委员会|委|办|中心|公司))"
)


def topic_of(promise: Promise, preceding: str) -> str:
    """A short noun phrase for what is promised ("知识产权金融服务工作站")."""
    if promise.headline:
        # "（一）加快房源建设" names no object apart from its verb: the sentence's is taken.
        headed = _clean(_object_or_rest(ITEM_MARKER.sub("", promise.headline)))
        if len(headed) >= MIN_TOPIC_CHARS:
            return headed
    sentence = promise.sentence.text
    title = _TITLE.search(sentence)
    if title and _ISSUING_VERB.search(sentence):
        return title.group(1)
    core = ITEM_MARKER.sub("", promise.core_text)
    subject = _subject_before_will(core)
    phrase = subject if subject else _object_or_rest(core)
    phrase = _clean(phrase)
    if _GENERIC_HEAD.match(phrase):
        phrase = _with_antecedent(phrase, preceding + sentence[: promise.start])
    return phrase[:TOPIC_MAX_CHARS]


def _subject_before_will(core: str) -> str:
    """"平台将持续升级" → "平台"; empty when the subject is the agency itself or absent."""
    clause = re.split(r"[，,；;]", core, maxsplit=1)[0]
    position = clause.find("将")
    if position <= 0:
        return ""
    subject = _SUBJECT_NOISE.sub("", clause[:position])
    subject = TIME_EXPRESSION.sub("", subject)
    return "" if _PRONOUN.match(subject) or not re.search(f"[{_HAN}]", subject) else subject


def _object_or_rest(text: str) -> str:
    """The object of the first action verb, or the clause without cue words and figures."""
    verb = _ACTION_VERB.search(text)
    if verb:
        rest = text[verb.end() :].lstrip("并")
        end = _OBJECT_END.search(rest)
        return rest[: end.start()] if end else rest
    clause = re.split(r"[，,；;]", text, maxsplit=1)[0]
    clause = _BOUNDED_AMOUNT.sub("", TIME_EXPRESSION.sub("", _CUE_WORDS.sub("", clause)))
    return clause


def _clean(phrase: str) -> str:
    phrase = _EXAMPLES_OF.sub("", phrase.strip())
    phrase = _LEADING_NOISE.sub("", phrase)
    phrase = _TRAILING_COUNT.sub("", phrase)
    if phrase.startswith("“") and phrase.endswith("”") and phrase.count("“") == 1:
        phrase = phrase[1:-1]
    return phrase.strip(" ，,。；;")


def _with_antecedent(head: str, preceding: str) -> str:
    """"平台" → the platform named earlier; "分中心" → "浦东融资服务中心分中心"."""
    base = head.removeprefix("分")
    names = re.findall(rf"[{_HAN}“”]{{2,30}}?{base}", preceding)
    names = [re.split(r"[的了是]", name)[-1] for name in names]
    names = [name for name in names if len(name) > len(base)]
    if not names:
        return head
    return names[-1] + head if head.startswith("分") else names[-1]


def deadline_of(promise: Promise, written: date | None) -> str | None:
    """The first time in the quote that lies ahead ("2024年底前"), as written."""
    ahead = future_expressions(promise.core_text, written) or future_expressions(
        promise.quote, written)
    return ahead[0].text if ahead else None


def target_of(quote: str) -> str | None:
    """A bounded figure ("不低于5000万元"), else the first one ("12家" of "由8家增加至12家")."""
    bounded = _BOUNDED_AMOUNT.search(quote)
    if bounded:
        return bounded.group()
    first = _ANY_AMOUNT.search(quote)
    if not first:
        return None
    if first.group().startswith("由"):
        changed = _CHANGED_TO.search(quote, first.start())
        if changed:
            return changed.group(1)
        return re.sub(r"^由[^\d]*", "", first.group())
    return first.group()


def agency_of(promise: Promise, signer: str | None) -> str | None:
    """The unit named at the head of the quote, else the signing agency."""
    named = _NAMED_UNIT.match(promise.quote)
    return named.group(1) if named else signer
