"""Text helpers for questions and answers: script conversion, sentences, question kinds."""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_LATIN = re.compile(r"[A-Za-z]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Words by which an enterprise speaks of itself ("我们是制造业企业").
FIRST_PERSON = re.compile(r"我们|我司|本公司|我公司|本企业|我企|我是|咱们")
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


# A year said the short way ("23年一共贷了多少"): 2021–2029, as no document of the genre
# counts a duration of 21–29 years.
_SHORT_YEAR = re.compile(r"(?<![\d.])(2[1-9])(?=年)")


# A document number typed with other brackets ("澄科经委规[2021]3号") in the form documents
# print it ("澄科经委规〔2021〕3号").
# Spoken asking words, written as the question words the rest of the pipeline knows
# ("啥时候截止" asks for a date as "什么时候截止" does).
_SPOKEN_WORDS = {"啥时候": "什么时候", "啥时": "什么时候", "多会儿": "什么时候", "咋样": "怎么样",
                 "咋": "怎么", "啥": "什么", "几成": "多少比例", "过完年": "春节后"}
_SPOKEN = re.compile("|".join(sorted(_SPOKEN_WORDS, key=len, reverse=True)))
# Names said without the bracket the documents write them with ("首台套": "首台（套）").
_UNBRACKETED = re.compile(r"首台套")
_BRACKETED_YEAR = re.compile(r"[\[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]\s*(\d{1,4})\s*号")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,4}号")
_LEAD_INS = "和与及或跟同的是在把对按照据"


def doc_numbers(text: str) -> list[str]:
    """The document numbers named in ``text`` ("澄科经委规〔2021〕3号"), without words that
    lead into them ("和澄科经委规…" → "澄科经委规…")."""
    return [n.lstrip(_LEAD_INS) for n in _DOC_NUMBER.findall(text)]


def normalise_question(question: str) -> str:
    """Simplified script, half-width letters and digits, single spaces, full years."""
    text = question.translate(_FULLWIDTH).strip()
    if _CJK.search(text):
        with _opencc_lock:
            text = _t2s().convert(text)
        text = _SHORT_YEAR.sub(r"20\1", text)
        text = _BRACKETED_YEAR.sub(r"〔\1〕\2号", text)
        text = _SPOKEN.sub(lambda m: _SPOKEN_WORDS[m.group(0)], text)
        text = _UNBRACKETED.sub("首台(套)", text)
    # "6,000 sqm": the documents write figures without thousands separators ("5000平方米").
    text = _THOUSANDS.sub("", text)
    return re.sub(r"\s+", " ", text)


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


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


def has_synonyms(term: str) -> bool:
    """Whether documents have their own words for ``term`` ("营收": "营业收入")."""
    return term in _synonyms()


def with_synonyms(terms: list[str]) -> list[str]:
    """Search terms plus the words documents use for them."""
    table = _synonyms()
    return terms + [other for term in terms for other in table.get(term, ())]


def glossary_chinese(word: str) -> list[str]:
    """The glossary's Chinese for an English word ("AI" → ["人工智能"]); none when it has
    none."""
    word = word.lower()
    return next((chinese for english, chinese in _glossary()
                 if word in _word_forms(english)), [])


@lru_cache(maxsize=4096)
def _word_forms(english: str) -> tuple[str, ...]:
    """The forms an English word or phrase of the glossary is written in: plural, past,
    "-ing", British and American spellings ("subsidise", "centre")."""
    forms = [english, english + "s", english + "es", english + "d", english + "ed",
             english + "ing"]
    if english.endswith("y"):
        forms.append(english[:-1] + "ies")
    if english.endswith("e"):
        forms.append(english[:-1] + "ing")
    # In every word of a phrase ("specialised and sophisticated").
    for a, b in (("ize", "ise"), ("ise", "ize"), ("ter", "tre"), ("tre", "ter"),
                 ("yze", "yse")):
        forms += [re.sub(rf"{a}(?=[a-z]{{0,3}}\b)", b, f) for f in list(forms) if a in f]
    return tuple(dict.fromkeys(forms))


# The Chinese a dictionary gives for a word of an English question, written after it.
_ANNOTATION = re.compile(r"【[^】]*】")
_ANNOTATED_WORD = re.compile(r"([A-Za-z]+)【([^】]*)】")


def looked_up_words(question: str) -> dict[str, list[str]]:
    """The words of an English question a dictionary put into Chinese, with its Chinese."""
    return {word.lower(): chinese.split() for word, chinese in _ANNOTATED_WORD.findall(question)}


def without_annotations(question: str) -> str:
    """An English question as it was asked, without the dictionary's Chinese."""
    return _ANNOTATION.sub("", question)


# "How much does the district pay when an incubator is recognised": "when" after another
# question word of its sentence, and not itself asked ("…, and when?", "by when"), tells
# of a case, not of a time asked for.
_WHEN_AS_CONJUNCTION = re.compile(
    r"(?i)(\b(?:how|what|which|who|where|whether)\b[^.?!;]*?)"
    r"(?<!\band)(?<!\bor)(?<!,)(?<!\bby)(?<!\buntil)(?<!\bsince)(?<!\bknow)(?<!\bsay)"
    r"(?<!\bme)(?<!\bus)\s+when\b")
# "When a loan goes bad, how is the loss split?": a sentence opening with a "when" clause
# that a question word follows tells of a case too.
_WHEN_OPENING_A_CASE = re.compile(
    r"(?i)(?:^|(?<=[.?!;]))(\s*)when\b(?!\s+(?:is|was|are|were|did|does|do|will|would|has|have"
    r"|had|can|could|should|must)\b)(?=[^,.?!;]{3,120},\s*(?:how|what|which|who|where"
    r"|whether|is|are|can|does|do|will|would|should|must)\b)")


@lru_cache(maxsize=256)
def _translated(question: str) -> tuple[tuple[str, ...], str]:
    """The glossary's Chinese for the words and phrases of an English question, longest
    phrase first, and what is left of the question ("|" where a phrase stood). A possessive
    ("Pudong's") is its noun; a hyphenated word no entry has is read as its parts
    ("large-model"). Remembered: answering one question reads its terms many times."""
    # Words the dictionary translated for the knowledge base ("upload【上传】").
    looked_up = [(word.lower(), chinese.split())
                 for word, chinese in _ANNOTATED_WORD.findall(question)]
    question = _WHEN_AS_CONJUNCTION.sub(r"\1 ", without_annotations(question))
    question = _WHEN_OPENING_A_CASE.sub(r"\1", question)
    text = " " + re.sub(r"[^a-z0-9&'\- ]+", " ", question.lower().replace("’", "'")) + " "
    text = re.sub(r"'s\b", "", text).replace("'", " ")
    terms: list[str] = []
    for attempt in range(2):
        for english, chinese in _glossary():
            for form in _word_forms(english):
                if f" {form} " in text:
                    terms.extend(chinese)
                    text = text.replace(f" {form} ", " | ")
                    break
        if attempt == 0:
            text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    for word, chinese in looked_up:
        if f" {word} " in text:
            terms.extend(chinese)
            text = text.replace(f" {word} ", " | ", 1)
    return tuple(terms), text


def glossary_knows(word: str) -> bool:
    """Whether the glossary has Chinese for an English word ("AI" → 人工智能)."""
    return bool(glossary_chinese(word))


# A Latin word written among Chinese ("申请PCT国际专利", "AEO认证"): an acronym or name.
_LATIN_AMONG_CJK = re.compile(
    r"(?<=[\u4e00-\u9fff])[A-Za-z]{2,}|[A-Za-z]{2,}(?=[\u4e00-\u9fff])")


def latin_words_among_chinese(question: str) -> list[str]:
    """The Latin words a Chinese question writes among its Chinese ("GDP", "CE认证")."""
    return _LATIN_AMONG_CJK.findall(question)


# A name an English question writes in four capitals or more, or with digits ("DCMM", "5G");
# three-letter ones are as often the genre's own abbreviations ("NPC", "RMB", "GPU").
_LATIN_NAME = re.compile(r"\b(?:[A-Z]{4,}|\d+[A-Za-z]+\d*|[A-Za-z]+\d+)\b")


# A figure's unit or a time of day ("450 m2", "6pm", "3MW") is no name.
_LATIN_UNIT = re.compile(
    r"(?i)\d*(?:am|pm|m[23²]|km2?|sqm|kg|[kmg]wh?|[kmgtp]b|pflops|mbps|gbps|hrs?|mins?|bn|k)")


def latin_names(question: str) -> list[str]:
    """The acronyms and model names of an English question ("DCMM certification", "5G
    networks")."""
    return [name for name in _LATIN_NAME.findall(without_annotations(question))
            if not _LATIN_UNIT.fullmatch(name)]


def documents_write(word: str, vocabulary: Iterable[str]) -> bool:
    """Whether the documents write a Latin word, even within a word of theirs ("PFLOPS" in
    "800pflops"); ``vocabulary`` is the knowledge base's words, lower case."""
    lowered = word.lower()
    return any(lowered in known for known in vocabulary)


_YEAR = re.compile(r"(?:19|20)\d{2}")


def english_to_chinese_terms(question: str) -> str:
    """Chinese search terms for the genre's vocabulary found in an English question."""
    terms = list(_translated(question)[0])
    dates = english_dates(question)
    # A year by itself ("in 2023") is written as the documents write it ("2023年"), so a
    # question about a year is read as one (see qa.answer._only_years).
    dated = {d[:4] for d in dates}
    numbers = [f"{n}年" if _YEAR.fullmatch(n) and n not in dated else n
               for n in re.findall(r"\b\d+(?:\.\d+)?\b", question)]
    # Chinese the question quotes ("the Kechuangdai (科创贷) programme") is a term as it is.
    quoted = _CJK_RUN.findall(without_annotations(question))
    return " ".join(terms + dates + quoted + numbers)


# Words of an English question that say how it asks, not what about.
_ENGLISH_FUNCTION_WORDS = frozenset("""
a an the this that these those there here what which who whom whose when where why how much
many is are was were be been being do does did done have has had can could may might must
shall should will would of in on at by for from to with without into onto about after before
under over per and or but if than then so as not no yes any all each every some more most
least less one two i me my we us our you your they them their he she it its his her get got
give given gets please tell know want need like also just only still yet ever already
time times number numbers between among made make makes largest biggest smallest highest
lowest happen happens way ways thing things kind sort lot case part year years end ends
while during
""".split())
_ENGLISH_WORD = re.compile(r"[a-z][a-z'\-]*")


def english_unmatched_words(question: str) -> list[str]:
    """The content words of an English question that the glossary has no Chinese for
    ("work permit for a foreign engineer" → work, permit, foreign, engineer)."""
    _, text = _translated(question)
    return [w for w in _ENGLISH_WORD.findall(text)
            if w not in _ENGLISH_FUNCTION_WORDS and w not in _MONTHS and len(w) > 2]


_MONTHS = {name: n for n, name in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_EN_MONTH_YEAR = re.compile(
    r"\b(?:(by|as of|until|till|through|up to|(?:at )?the end of|end of|end-)\s+)?"
    r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(20\d{2})\b",
    re.IGNORECASE)
_EN_YEAR_END = re.compile(
    r"\b(?:by |as of )?(?:the )?(?:end of|year-end|end-)\s*(20\d{2})\b|\b(20\d{2}) year-end\b",
    re.IGNORECASE)


def english_dates(question: str) -> list[str]:
    """Dates of an English question in the documents' words: "by March 2025" → "2025年3月底"
    (a figure "as of" a month is the month's end figure), "in June 2025" → "2025年6月",
    "end of 2024" → "2024年底"."""
    dates = []
    for match in _EN_MONTH_YEAR.finditer(question):
        until, month, year = match.groups()
        dates.append(f"{year}年{_MONTHS[month.lower()]}月" + ("底" if until else ""))
    for match in _EN_YEAR_END.finditer(question):
        dates.append(f"{match.group(1) or match.group(2)}年底")
    return dates


# The year of the asker's own figures or founding ("我们2024年营收2000万元，能申请研发费用
# 补助吗", "founded in 2023") is no year the question asks about: it asks what applies now.
_ASKERS_YEAR = re.compile(
    r"20\d{2}\s*年度?(?:的|全年|上半年|下半年|在[^，,。；;]{1,10}?)?(?:营收|营业收入|销售收入|销售额|营业额"
    r"|主营业务收入"
    r"|收入|研发费用|研发投入|研发支出|纳税|缴税|产值|利润|成立|注册|设立|创办|落户|入驻)"
    r"|(?:成立|注册|设立|创办|落户|入驻)(?:于|在)\s*20\d{2}\s*年"
    # "2024年9月才搬来澄湾", "2025年3月刚成立": a moving in or founding of late.
    r"|20\d{2}\s*年(?:\d{1,2}\s*月)?份?(?:(?:才|刚刚?)[^，,。；;？?]{0,4}?(?:搬|迁|成立|注册|落户"
    r"|入驻|创办)|(?:搬|迁)(?:来|到|入))"
    r"|(?i:\b(?:revenue|turnover|sales|income|spend(?:ing)?|expenses?|profits?)\s+(?:in|of|for)"
    r"\s+(?:fiscal\s+|FY\s*)?20\d{2}\b|\b20\d{2}\s+(?:revenue|turnover|sales|income"
    r"|R&D(?![\w -]{0,24}(?:subsid|support|grant|rule|measure|polic|scheme|fund|reward|bonus)))"
    r"\b"
    r"|\b(?:founded|established|registered|incorporated|set\s+up|started)\s+(?:in\s+)?20\d{2}\b)")


_A_YEAR = re.compile(r"20\d{2}\s*年?度?")
_ASKS_THEN = re.compile(r"当时|那时|当年|那年|(?i:\bback then\b|\bat the time\b)")


def without_askers_years(question: str) -> str:
    """The question without the years of the asker's own figures or founding ("我们2024年
    营收…" → "我们营收…"), nor those of the clauses telling of the asker ("我们公司2024年10月
    才在澄湾注册成立，…") unless it asks about then ("当时")."""
    if FIRST_PERSON.search(question) and not _ASKS_THEN.search(question):
        question = "".join(_A_YEAR.sub("", c) if FIRST_PERSON.search(c) else c
                           for c in re.split(r"([，,。？?！!；;])", question))
    return without_askers_own_years(question)


def without_askers_own_years(question: str) -> str:
    """The question without the years of the asker's own figures or founding ("我们是2015年
    成立的装备企业"); the years of what the asker plans or asks of stay ("我们想报2027年度的
    专项")."""
    return _ASKERS_YEAR.sub(lambda m: _A_YEAR.sub("", m.group(0)), question)


def kept_clauses(question: str, keep: Callable[[str], bool]) -> str:
    """The clauses of a question that ``keep`` keeps, joined by "，"."""
    return "，".join(c for c in re.split(r"[，,。？?！!；;\s]", question) if keep(c))


_OPENS_WITH_ASKER = re.compile(r"^\s*(?:您好|你好)?\s*(?:" + FIRST_PERSON.pattern + ")")


def about_clauses(question: str, opening: bool = False) -> str:
    """The clauses of a question saying what it asks about, without those saying who asks
    ("我们是制造业企业，…"); with ``opening``, only clauses opening with the asker and
    stating no figure count as saying who asks ("数据要素那个专项我们还没报" is about the
    fund; "我们去年研发费用55万元" is held against the thresholds asked about)."""
    if opening:
        return kept_clauses(question, lambda c: not _OPENS_WITH_ASKER.search(c)
                            or bool(re.search(r"\d", c)))
    return kept_clauses(question, lambda c: not FIRST_PERSON.search(c))


# An English sentence telling who asks ("We're a tech SME and just got our first loan."):
# it opens with the asker and asks nothing.
_OPENS_WITH_ENGLISH_ASKER = re.compile(r"(?i)^\W*(?:we|i|our|my)\b")


def english_about_sentences(question: str) -> str:
    """An English question without its sentences telling who asks ("We run a maker space
    of 450 m2. What reward…" → "What reward…"); the question as it is when every sentence
    asks something or none tells who asks."""
    sentences = re.split(r"(?<=[.?!;])\s+", question.strip())
    kept = [s for s in sentences if not (
        _OPENS_WITH_ENGLISH_ASKER.match(s) and "?" not in s
        and not _ASKING_CLAUSE_IN_ENGLISH.search(without_annotations(s)))]
    return " ".join(kept) if kept and len(kept) < len(sentences) else question


_QUOTED_NAME = re.compile(r"[“\"]([^”\"]{2,20})[”\"]")


# A figure with its unit ("突破35亿元", "2024年"): a quote holding one recites a target or a
# promise ("“2024年质押登记金额突破35亿元”的目标"), not a name.
_QUOTED_FIGURE = re.compile(r"\d\s*(?:年|月|日|万|亿|元|%|个|家|项|笔|人|套|场|天)")


def quoted_names(question: str) -> list[str]:
    """The names a question quotes ("“知产融”平台什么时候上线"): what it is about."""
    return [n for n in _QUOTED_NAME.findall(question) if not _QUOTED_FIGURE.search(n)]


def keyword_query(question: str) -> str:
    """The text to match keywords with: the question, or its terms in Chinese if English."""
    return english_to_chinese_terms(question) if is_mostly_latin(question) else question


def search_terms(question: str) -> str:
    """The keyword query to search passages with: asked where to apply ("在哪报"), the words
    guides head that part with are searched too (the answer is then chosen by the
    question's own words)."""
    query = keyword_query(question)
    if _ASKS_WHERE_TO_APPLY.search(question):
        return f"{query} {WHERE_TO_APPLY_TERMS}"
    return query


def is_mostly_latin(text: str) -> bool:
    """An English (or other Latin-script) question: keywords cannot match Chinese text."""
    text = without_annotations(text)
    return len(_LATIN.findall(text)) > 2 * len(_CJK.findall(text))


def asks_quantity(question: str) -> bool:
    return bool(_ASKS_QUANTITY.search(question))


_NUMBER = r"\d[\d.,]*\s*(?:余|多)?\s*(?:万|亿)?\s*"
_COUNTED = re.compile(r"(?:多少|几)\s*([项家笔个人次元份件名套台所条门场批户岁])")
# "资金" asks for an amount with how much ("资金池规模多少"), not as a thing's name
# ("资金池什么时候设立的").
_MONEY = re.compile(r"多少钱|金额|资金[^，。？?]{0,6}多少|多少资金"
                    r"|投资(?:额|总额)?(?:是|为|有|要)?多少|总投资"
                    r"|补贴多少|补多少|奖励多少|贴息多少|支持多少|最高.*多少(?!岁)"
                    r"|最多.{0,8}多少|多少[^，。？?]{0,4}(?:奖励|补贴|补助|资助|贴息|费|工资|租金)"
                    r"|多少(?:亿|万)?元"
                    r"|(?:费|工资|薪酬|薪资|价格|价钱|租金|押金|罚款)(?:标准)?(?:是|为|要|有)?多少")
_WHEN = re.compile(r"什么时候|何时|哪天|哪一天|哪年|几月|几号|日期|截止|时间|期限|到期|几点")
_ASKS_CLOCK = re.compile(r"几点")
CLOCK_SHAPE = re.compile(r"\d{1,2}[:：]\d{2}|\d{1,2}点|\d{1,2}时(?:\d{1,2}分)?")
_RATIO = re.compile(r"比例|百分之|多少%|占比|几折|打折|折扣")
_PHONE = re.compile(r"电话|号码")
DATE_SHAPE = (r"\d{4}年|\d{1,2}月|\d{1,2}日|年底|年内|季度|\d{1,2}[:：]\d{2}|\d{4}-\d{2}"
              r"|(?:周|星期)[一二三四五六日天]|工作日|[上下]午|晚上|\d{1,2}点|\d{1,2}时(?:\d{1,2}分)?")


# A point in time a question is anchored to ("2023年4月底", "2021年底"): its answer is the
# figure of that moment, not of another one.
_TIME_POINT = re.compile(r"\d{4}年(?:\d{1,2}月(?:底|末|初|份)?|底|末|初)")


# Kinds of one thing that documents of the genre tell apart, each answered by its own figure
# ("市级首席技师工作室" is not the "区级" one; "良好的众创空间" is neither "良好的孵化器" nor
# "优秀的众创空间"; 国庆 is not 春节).
SIBLING_KINDS: tuple[tuple[str, ...], ...] = (
    ("国家级", "省级", "市级", "区级"),
    ("优秀", "良好", "合格", "不合格"),
    ("一期", "二期", "三期", "四期"),
    ("孵化器", "众创空间", "加速器"),
    ("春节", "国庆", "元旦", "清明", "劳动节", "端午", "中秋"),
    ("初级工", "中级工", "高级工", "技师", "高级技师"),
    ("职业技能等级证书", "专项职业能力证书", "职业资格证书"),
    ("全球首店", "亚洲首店", "全国首店", "上海首店", "区域首店"),
    ("发明专利", "实用新型专利", "外观设计专利"),
    ("专精特新中小企业", "创新型中小企业", "科技型中小企业", "高新技术企业"),
    # Names holding a kind of another list without being one ("首席技师工作室").
    ("首席技师",),
)


def kinds_named(text: str) -> dict[int, set[str]]:
    """For each list of SIBLING_KINDS, the kinds ``text`` names; a kind standing inside a
    longer listed one ("技师" in "高级技师" or "首席技师", "合格" in "不合格") is not named
    by it."""
    spans = [(m.start(), m.start() + len(kind), i, kind)
             for i, kinds in enumerate(SIBLING_KINDS) for kind in kinds
             for m in re.finditer(re.escape(kind), text)]
    named: dict[int, set[str]] = {}
    for start, end, i, kind in spans:
        inside = any(s <= start and end <= e and (e - s) > (end - start)
                     for s, e, _, _ in spans)
        if not inside:
            named.setdefault(i, set()).add(kind)
    return named


def other_kind(question: str, text: str, context: str = "") -> str | None:
    """A kind ``text`` names where the question names a sibling of it and ``text`` does not
    name that sibling ("区级" for a question about the "市级" studio); None otherwise. Of a
    list ``text`` names no kind of, the kinds its ``context`` names (the title "…春节假期…"
    of a sentence giving the days) count."""
    asked = kinds_named(question)
    if not asked:
        return None
    named = {**kinds_named(context), **kinds_named(text)}
    for i, kinds in named.items():
        if i in asked and not kinds & asked[i]:
            return sorted(kinds)[0]
    return None


def time_points(text: str) -> list[str]:
    """The points in time named in ``text``, "末" read as "底" ("2021年末" → "2021年底")."""
    return [m.replace("末", "底").replace("份", "") for m in _TIME_POINT.findall(text)]


def holds_time_points(points: list[str], text: str) -> bool:
    """Whether ``text`` names every one of ``points``; a month is named by its end or start
    too ("2024年4月" by "截至2024年4月底")."""
    named = set(time_points(text))
    return all(p in named or (p.endswith("月") and any(n.startswith(p) for n in named))
               for p in points)


# A sentence that opens with its time ("截至2023年4月底，", "2024年，") is dated by it to
# its end; the items of a list ("一是…；二是…", "（二）…") are not.
_DATED_OPENING = re.compile(r"(?:截至|截止|到|至|自|从|在)?\d{4}年(?:\d{1,2}月)?(?:底|末|初)?[，,]")
_LIST_ITEM = re.compile(r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]")


def dated_clause(clause: str, passage: str) -> str:
    """A clause with the time its sentence opens with, when it names none itself: in
    "截至2023年4月底，全区累计筹集人才公寓3860套；已入住3579套，入住率92.7%。" the second
    clause is dated by the first, and the sentence from its start to the clause's end is
    returned, verbatim from ``passage``. Any other clause as it is."""
    at = passage.find(clause)
    if at <= 0 or re.search(r"\d{4}年", clause) or _LIST_ITEM.match(clause):
        return clause
    before = passage[:at].rstrip(" \t")
    if not before.endswith(("；", ";")):
        return clause  # a new line or a new sentence
    start = max(before.rfind(mark) for mark in "。！？!?\n") + 1
    opening = _SENTENCE.match(before, start)
    if opening is None or not _DATED_OPENING.match(opening.group(0).strip()):
        return clause
    return re.sub(r"^#+\s*", "", passage[start:at + len(clause)].strip())


def answer_shapes(question: str) -> list[re.Pattern[str]]:
    """What the answer to a question looks like: a count with its unit, money, a date…"""
    shapes = []
    for unit in _COUNTED.findall(question):
        shapes.append(re.compile(_NUMBER + ("周?岁" if unit == "岁" else unit)))
    if _MONEY.search(question):
        shapes.append(re.compile(_NUMBER + "元"))
    if _RATIO.search(question):
        # "按4:4:2的比例分担": a ratio of shares, not a time of day ("9:00").
        shapes.append(re.compile(r"\d+(?:\.\d+)?\s*%|百分之|个百分点|\d[:：]\d(?!\d)"))
    if _ASKS_CLOCK.search(question) and not _WHEN.search(_ASKS_CLOCK.sub("", question)):
        # "几点关门": a time of day, not a date ("2月5日").
        shapes.append(CLOCK_SHAPE)
    elif _WHEN.search(question):
        shapes.append(re.compile(DATE_SHAPE))
    if _PHONE.search(question):
        shapes.append(re.compile(r"\d{7,}|\d{3,4}-\d{7,8}"))
    if _ASKS_WHY.search(question):
        shapes.append(REASON_SHAPE)
    if _ASKS_CHANGE.search(question):
        shapes.append(CHANGE_SHAPE)
    if _ASKS_STEPS.search(question):
        shapes.append(PROCEDURE_SHAPE)
    if _ASKS_WHERE_TO_APPLY.search(question):
        shapes.append(WHERE_TO_APPLY_SHAPE)
    elif _ASKS_HOW_TO_APPLY.search(question):
        shapes.append(PROCEDURE_SHAPE)
    duration = _DURATION.search(question)
    if duration:
        shapes.append(_span(duration.group(1) or "久"))
    if not shapes and _ASKS_CAP.search(question):
        # "评估费能补吗？上限多少": a share, or a sum said to be the most given, caps
        # support; not a count ("4家") nor a total paid out ("共补贴评估费86万元").
        shapes.append(CAP_SHAPE)
    elif not shapes and asks_quantity(question):
        shapes.append(re.compile(r"\d"))
    return shapes


_ASKS_CAP = re.compile(r"(?:上限|封顶|顶格)[^，,。？?]{0,4}(?:多少|是多少|几)")
CAP_SHAPE = re.compile(r"(?:最高|上限|不超过|封顶|至多)[^，,。；;]{0,12}?\d[\d.]*\s*(?:万|亿)?元"
                       r"|\d+(?:\.\d+)?\s*%|百分之")


# "贴息怎么申请？": the answer says where and how to hand the application in.
_ASKS_HOW_TO_APPLY = re.compile(
    r"(?:怎么|怎样|如何)(?:申请|申报|办理|领取|申领|报名)|在哪(?:里|儿)?(?:申请|申报|报|办)")
PROCEDURE_SHAPE = re.compile(
    r"登录|平台|系统|在线|网上|提交|填报|上传|受理|窗口|报送|递交|申报时间|现场")
# "为什么推迟了": a reason; "审批流程是什么": the steps (PROCEDURE_SHAPE). Both are read
# as what the best sentence looks like, not required of the evidence.
_ASKS_WHY = re.compile(r"为什么|为何|什么原因|原因是什么|原因有哪些")
REASON_SHAPE = re.compile(
    r"由于|因为|原因|为了|受[^，。；]{1,16}影响|导致|因此|所以|旨在|鉴于|主要是|难|不足|短板")
# "从多少提到多少", "由几天压缩到几天": the sentence stating the change, old and new figure.
_CHANGED = (r"(?:提高|提升|增加|增至|降低|下降|降|调整|调|压缩|缩短|精简|扩大|上调|下调|提|涨"
            r"|减少|减)")
_ASKS_CHANGE = re.compile(r"(?:从|由|原来)(?:多少|几)[^？?，,。]{0,8}?" + _CHANGED)
CHANGE_SHAPE = re.compile(r"(?:由|从)[^。；，]{1,30}?" + _CHANGED + r"(?:至|到|为)")
# "新旧办法有什么变化", "以前给多少，修订后给多少", "新版比老版提高到了多少": both versions.
_OLD_WORDS = r"(?:以前|之前|原来|老版|旧版|老政策|旧政策|原办法|老办法|原措施|老的|旧的|\d{4}年?版)"
_NEW_WORDS = r"(?:现在|修订后|新修订|新版|新政策|新办法|新措施|调整后|现行)"
ASKS_VERSIONS = re.compile(
    rf"新旧|新老|(?:修订|调整|修改)前后|前后(?:有什么|有何)?(?:变化|区别|差别|对比)"
    rf"|有什么变化|有何变化|变化了多少"
    rf"|{_OLD_WORDS}[^。？?]{{0,24}}{_NEW_WORDS}|{_NEW_WORDS}[^。？?]{{0,24}}{_OLD_WORDS}"
    r"|(?:提高|增加|涨|上调|下调|降低)(?:到|了)多少")
_ASKS_STEPS = re.compile(r"(?:流程|步骤|程序|手续)(?:是什么|有哪些|怎么走|如何|有几步)|几个步骤")
# "在哪报": the channel or the office, not any step of the procedure ("受理…利息").
_ASKS_WHERE_TO_APPLY = re.compile(r"在哪(?:里|儿)?(?:申请|申报|报|办|交)")
WHERE_TO_APPLY_TERMS = "申报方式"
WHERE_TO_APPLY_SHAPE = re.compile(r"登录|平台|系统|网上|在线|窗口|一网通办|地址|报送至|递交至")
# "保护期限是多少年", "要排几个月": a span of time, not a year ("2024年" is none).
_DURATION = re.compile(r"(?:多少|几)\s*(年|天|个月|个工作日|工作日)|多久|多长时间")
# "多久" takes a span in any unit.
_SPAN_UNITS = {"年": "年", "个月": "个月|月", "久": "年|个?月|天|个?工作日|日|小时|周"}
_SPAN_PREFIX = "(?<![\\d.])(?:\\d{1,3}|[一二两三四五六七八九十半]+)\\s*(?:个)?\\s*"


@lru_cache(maxsize=8)
def _span(unit: str) -> re.Pattern[str]:
    """A span of time in the unit asked for ("3年", "10个工作日"), not a date's year."""
    units = _SPAN_UNITS.get(unit, "天|个?工作日|日")
    return re.compile(f"{_SPAN_PREFIX}(?:{units})(?![\\d号])")
# What some questions ask for is a kind of statement rather than a figure: the conditions
# to meet, the materials to hand in. The evidence must be of that kind.
_ASKS_CONDITIONS = re.compile(
    r"(?:什么|哪些|啥)(?:样的)?(?:条件|要求|门槛)|(?:条件|要求|门槛)(?:是什么|有哪些)|门槛"
    r"|(?:评选|认定|评定|入选|毕业)(?:的)?(?:标准|条件)")
_STATES_CONDITIONS = re.compile(
    r"条件|应当|须|需|具备|具有|不低于|不少于|不超过|以上|以下|符合|满足|要求|注册|纳税|认定为")
_ASKS_MATERIALS = re.compile(
    r"(?:什么|哪些|啥|几样|哪几样)(?:申报|申请)?材料|材料(?:有哪些|是什么)"
    r"|(?:交|带|提交|准备|上传)(?:什么|哪些|啥)"
    # "申报材料和受理时间是怎样的": the materials are asked for however the question ends.
    r"|(?:申报|申请)材料[^，。？?；;]{0,8}?(?:怎样|怎么样|如何|要求)")
_STATES_MATERIALS = re.compile(
    r"材料|申报书|申请书|申请表|证明|复印件|凭证|报告|承诺书|委托书|执照|证书|证件|合同|清单|资料")


# "要交多少官费", "票价是多少", "押金多少": the money asked for is a price or a fee, which an
# amount of a loan or a subsidy does not answer; the evidence names that kind of money.
_PRICE_NOUNS = {"费": "费", "价": "价", "押金": "押金", "租金": "租金", "工资": "工资|薪"}
_ASKS_PRICE = re.compile(
    r"多少[\u4e00-\u9fff]{0,4}(费|押金|租金)|[\u4e00-\u9fff](费|价|押金|租金|工资)[^，。？?,]{0,6}多少"
    r"|怎么收(费)|如何收(费)|收(费)标准|收(费)(?:是)?多少")
_SHARE_OF_PRICE = re.compile(r"(?:费|价|押金|租金|工资)的?(?:多少比例|百分之多少|几成|多少成)")
# "地址在哪里", "去哪里考": a place where one goes, or the channel where one applies.
_ASKS_PLACE = re.compile(r"地址|在哪里|在哪儿|在什么地方|位于哪|去哪里|去哪儿|到哪里"
                         r"|(?:搬|迁)到?哪")
_STATES_PLACE = re.compile(
    r"\d+号|\d+楼|\d+层|\d+室|[路街道]\d|大厦|位于|窗口|网址|网站|平台|登录|系统|一网通办"
    r"|报送|递交|送达|交至|至区")
# "官方网址是什么": an address on the web.
_ASKS_WEB = re.compile(r"网址|网站|官网|链接")
_STATES_WEB = re.compile(r"https?://|www\.|\.(?:cn|com|org|net)\b|网站|平台|网址")
# "招用残疾人有什么补贴": a measure of support; a sentence about the same people that grants
# nothing ("为残疾人提供优先办理") is no answer.
_ASKS_SUPPORT = re.compile(r"(?:什么|哪些|啥)(?:样的)?(?:补贴|奖励|资助|补助|扶持|优惠|支持政策)")
_STATES_SUPPORT = re.compile(r"给予|补贴|奖励|资助|补助|贴息|支持|扶持|减免|优惠|免费|补偿")
# "哪一年开始施行": a year (other dates are left loose: "哪天" may be "每周三").
_ASKS_YEAR = re.compile(r"哪一年|哪年|哪个年份|什么年份|几几年")
_STATES_YEAR = re.compile(r"\d{4}\s*年")
# "负责人是谁", "法人代表是谁": a person in a role; the evidence names the role.
_ASKS_ROLE = re.compile(r"(负责人|法人代表|法定代表人|联系人|局长|主任|书记|院长|总经理|董事长|区长"
                        r"|市长|处长|科长)")
# "名录里有哪几家机构": the answer names them; a sentence that only counts them does not.
# ("哪些企业可以申请" asks what kind of enterprise, not for names.)
_ASKS_NAMES = re.compile(r"哪(?:几)?家|哪些(?:机构|银行|单位|公司|园区)"
                         r"|(?:机构|银行|单位|公司)(?:有哪些|是哪些|名单)")
_STATES_NAMES = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:公司|集团|银行|中心|空间|研究院|研究所|大学|学院|协会|事务所|园区?|基地"
    r"|工作室|医院|平台|厂)")
# "审核由哪些部门负责", "由谁受理": the answer names the office or agency.
_ASKS_AGENCY = re.compile(r"(?:哪些|哪个|哪几个|什么)(?:部门|单位|机关)|由谁|谁(?:来)?(?:负责|审核|"
                          r"管理|办理|受理|审批|牵头|解释)")
_STATES_AGENCY = re.compile(r"[\u4e00-\u9fff](?:委员会|委|局|办公室|办|中心|公司|银行|部门|机构"
                            r"|政府)(?![\u4e00-\u9fff]{0,2}(?:企业|补贴))")

# What is asked, and what evidence answering it states (price and role are read apart: the
# evidence must name the very noun asked about).
_KINDS = (
    (_ASKS_CONDITIONS, _STATES_CONDITIONS),
    (_ASKS_MATERIALS, _STATES_MATERIALS),
    (_ASKS_NAMES, _STATES_NAMES),
    (_ASKS_AGENCY, _STATES_AGENCY),
    (_ASKS_PLACE, _STATES_PLACE),
    (_ASKS_WEB, _STATES_WEB),
    (_ASKS_SUPPORT, _STATES_SUPPORT),
    (_ASKS_YEAR, _STATES_YEAR),
)


_ASKS_MAY_APPLY = re.compile(r"(?:申请|申报|享受|能报|可以报|能拿|能领).{0,24}"
                             r"(?:吗|么|能不能|可不可以|行不行|可以不)"
                             r"|(?:能不能|可不可以|能否|可否)[^，。？?]{0,8}(?:申请|申报|享受|报)"
                             r"|是否符合|符合[^，。？?]{0,12}(?:条件|要求)吗|够得上|够不够|够条件"
                             r"|条件够吗|够(?:格|资格)吗|有(?:没有)?资格|达标吗")


def asks_may_apply(question: str) -> bool:
    """"能申报数字化车间项目吗", "能不能享受…的支持": may the asker apply for it."""
    return bool(_ASKS_MAY_APPLY.search(question))


# Words asking what actually happened ("实际是什么时候设立的", "后来到位了吗").
ASKS_OUTCOME = re.compile(r"后来|实际|最终|最后|到底|落实了|到位了|交付了|完成了|建成了|如期|按期"
                          r"|(?:有没有|是否|是不是)(?:按计划|按时|如期|突破|达到|实现|完成)|兑现了"
                          r"|(?:突破|达到|实现|完成)了?(?:吗|没有)"
                          r"|[压降减缩提增扩升](?:低|短|高|加|大)?(?:到|至)了"
                          # "（答应上线的平台）是哪天上线的": when it was done.
                          r"|是(?:哪天|哪一天|哪年|哪一年|几月|哪个月|什么时候|何时)"
                          r"[\u4e00-\u9fff]{1,3}的")


# A clause that asks something.
_ASKING_CLAUSE = re.compile(r"多少|几|什么|哪|吗|没有|如何|怎么|怎样|是否|有没有|是不是")


# The same in English ("How many were actually added?", "did the pool get set up on time").
ASKS_OUTCOME_IN_ENGLISH = re.compile(
    r"(?i)\b(?:actual(?:ly)?|really|in reality|in fact|in the end|eventually|finally"
    r"|ultimately|end(?:ed)? up"
    r"|in practice|so far|to date"
    r"|manage[ds]? to|succeed(?:ed)? in|(?:was|were) (?:the )?(?:target|goal)s? (?:met|reached|hit)"
    r"|status|progress|turn(?:ed)? out|outcome|how close|(?:was|were) [\w ,-]{0,40}kept"
    r"|did (?:that|this|it) (?:happen|work out)|(?:happen|work)ed out|came out"
    r"|did (?:it|they|the \w+|[A-Z][\w-]*(?: [A-Z][\w-]*)?)(?: \([^)]*\))?"
    r" (?:beat|exceed|meet|reach|hit|achieve|surpass|miss)"
    r"|what (?:came|became) of|what (?:has )?happened|as (?:promised|planned|pledged)"
    r"|on (?:time|schedule)|delivered|handed over|put into (?:use|service|operation)"
    r"|fulfil+ed|materiali[sz]ed|kept (?:its|their|that|the)"
    r" (?:promise|pledge|commitment|word))\b")
_ASKING_CLAUSE_IN_ENGLISH = re.compile(
    r"(?i)\b(?:how|what|when|which|who|where|whether)\b"
    r"|^\s*(?:did|does|do|has|have|had|was|were|is|are|can|will)\b")
# A state of things now ("How many companies does it cover now?").
ASKS_NOW_IN_ENGLISH = re.compile(
    r"(?i)\b(?:now|currently|at present|these days|as things stand|latest|most recent"
    r"|current\b(?!(?:\s+[\w&-]+){0,3}?\s+(?:rules?|polic\w*|measures?|versions?"
    r"|regulations?|guide\w*|schemes?)\b))\b")


# An English question asking what was promised or planned ("how big a pool did the bureau
# promise", "how much was phase two expected to add", "what subsidy did it first propose").
ASKS_PROMISE_IN_ENGLISH = re.compile(
    r"(?i)\b(?:promis(?:e|ed|ing)|commit(?:s|ted)?(?: to| itself)?|commitments?|pledge to"
    r"|plann?(?:ed|ing) to|planned|plans?|expected to|supposed to|meant to|intend(?:s|ed)? to"
    r"|originally|initially|at first|first (?:propos|float|suggest|announc)\w*"
    r"|propos(?:e|ed)|floated"
    r"|aim(?:s|ed)? (?:to|for|at)|targets?|targeted|set out to)\b")


def _english_asking_clauses(question: str) -> list[str]:
    text = without_annotations(question)
    # A figure's comma or point ("1,400", "3.5") ends no clause.
    clauses = re.split(r"(?<!\d)[,.]|[,.](?!\d)|[?;!:]|\band\b", text)
    return [c for c in clauses if _ASKING_CLAUSE_IN_ENGLISH.search(c)]


def english_time_asked(question: str) -> str | None:
    """Of an English question about a promise and what came of it: "outcome" when a clause
    asking something asks what actually happened or what is now ("When did it really start
    operating"), "promise" when none does and one asks what was promised or planned ("how
    big a pool did the bureau promise in its 2022 reply"); None otherwise, and for a
    question in Chinese."""
    if not is_mostly_latin(question):
        return None
    # Whole sentences: "how many events did the science and economy commission actually
    # hold" asks what happened, though "and" parts its words.
    asking = [s for s in re.split(r"[?;!]|\.(?!\d)", without_annotations(question))
              if _ASKING_CLAUSE_IN_ENGLISH.search(s)]
    if any(ASKS_OUTCOME_IN_ENGLISH.search(c) or ASKS_NOW_IN_ENGLISH.search(c) for c in asking):
        return "outcome"
    if any(ASKS_PROMISE_IN_ENGLISH.search(c) for c in asking):
        return "promise"
    return None


def asks_only_outcome(question: str) -> bool:
    """Whether every clause of the question that asks something asks what actually
    happened ("…说要设立资金池，实际是什么时候设立的？"), not also what was planned
    ("2023年说拟按每月多少补？最后出台的是每月多少？"); an English question too ("The bureau
    committed to adding 1,600 units. How many were actually added?")."""
    if is_mostly_latin(question):
        asking = _english_asking_clauses(question)
        return bool(asking) and all(ASKS_OUTCOME_IN_ENGLISH.search(c) for c in asking)
    clauses = re.split(r"[，,。？?；;！!\s]", question)
    asking = [c for c in clauses if _ASKING_CLAUSE.search(c)]
    return bool(asking) and all(ASKS_OUTCOME.search(c) for c in asking)


def asks_conditions(question: str) -> bool:
    """Whether the question asks what conditions must be met ("需要满足哪些门槛")."""
    return bool(_ASKS_CONDITIONS.search(question))


def asks_agency(question: str) -> bool:
    """"由谁受理", "哪个单位牵头": the answer names an office or agency."""
    return bool(_ASKS_AGENCY.search(question))


def asks_names(question: str) -> bool:
    """"名录里有哪几家机构": the evidence is any unit's name, too loose to look for far from
    the best passages."""
    return bool(_ASKS_NAMES.search(question))


def answer_kinds(question: str) -> list[re.Pattern[str]]:
    """What the evidence must state for a question asking for conditions, materials, a price,
    the names of units, a place, a web address, a measure of support, a year or a person in
    a role."""
    kinds = [states for asks, states in _KINDS if asks.search(question)]
    price = _ASKS_PRICE.search(question)
    # "租金是市场价的多少比例": the price is what the share asked for is of.
    if price and not _SHARE_OF_PRICE.search(question):
        noun = next(g for g in price.groups() if g)
        kinds.append(re.compile(_PRICE_NOUNS[noun]))
    role = _ASKS_ROLE.search(question)
    if role:
        kinds.append(re.compile(role.group(1)[:2]))
    return kinds


_ANY_COUNT = re.compile(r"(?:\d[\d.,]*|[一二两三四五六七八九十百千]+)\s*(?:余|多)?\s*(?:万|亿)?\s*"
                        r"(?![年月日号])[\u4e00-\u9fff]")
_AMOUNT_OR_RATE = re.compile(r"\d[\d.,]*\s*(?:万|亿)?\s*元|\d+(?:\.\d+)?\s*%")


# What shows a sentence names a time, read loosely: "每年7月", "节后第一个工作日", "即日起";
# not a span's "两年内" ("近两年内获得投资").
TIME_EVIDENCE = re.compile(DATE_SHAPE.replace("|年内|", r"|(?<![一两二三四五六七八九十\d个])年内|")
                           + r"|即日|之日|当日|当天|次日|每年|每月|正月|节后|年初|年末|月底"
                           r"|[上下]半年|[一二三四五六七八九十]+月|初[一二三四五六七八九十]")


_EXACT_UNITS = ("岁", "笔")


def figure_evidence(shapes: list[re.Pattern[str]]) -> list[re.Pattern[str]]:
    """What shows that a sentence gives the figure asked for, read loosely: a count in any
    unit or in Chinese numerals ("多少人" by "注册用户3215个", "几次" by "只能获得一次"),
    an amount by a rate ("租金多少钱" by "按市场租金的68%确定"), a span by its end date, a
    date by any time ("哪天" by "每周三", "今年三季度", "节后第一个工作日"). The wording of a
    change ("由…提高至") is left out: a change may be read off two figures."""
    evidence = []
    span = any(shape.pattern.startswith(_SPAN_PREFIX) for shape in shapes)
    for shape in shapes:
        if shape.pattern == DATE_SHAPE:
            # Asked when, the evidence names some time; asked how long ("期限是多少年"),
            # the span's own evidence stands for it.
            if not span:
                evidence.append(TIME_EVIDENCE)
            continue
        if shape in (PROCEDURE_SHAPE, WHERE_TO_APPLY_SHAPE, REASON_SHAPE, CHANGE_SHAPE):
            continue
        if shape.pattern.startswith(_SPAN_PREFIX):
            # A span may be given by the date it ends ("有效期至2024年7月31日").
            evidence.append(re.compile(f"{shape.pattern}|\\d{{4}}年\\d{{1,2}}月"))
        elif shape.pattern.endswith("元"):
            evidence.append(_AMOUNT_OR_RATE)
        elif shape.pattern.endswith(_EXACT_UNITS):
            # An age is given in years of age, a count of loans or registrations in 笔.
            evidence.append(shape)
        elif shape.pattern.startswith(_NUMBER):
            evidence.append(_ANY_COUNT)
        else:
            evidence.append(shape)
    return evidence


def sentences(text: str) -> list[str]:
    """Sentences and clauses (split at 。！？； and line ends), each verbatim from ``text``."""
    out = []
    for match in _SENTENCE.finditer(text):
        piece = re.sub(r"^#+\s*", "", match.group(0).strip())
        if len(piece) >= 4 and not re.fullmatch(r"[#|\-\s:]+", piece):
            out.append(piece)
    return out


# Nouns that say who asks or how, not what is asked about: a question may hold them
# although no passage does ("我们公司现在…", "文件里的内容…").
_ASKING_NOUNS = frozenset(
    "我们 你们 他们 公司 企业 单位 本人 时候 时间 多长时间 情况 问题 方面 部分 文件 内容 来源 "
    "答案 回答 意思 东西 事情 实际 计划 当时 去年 今年 明年 现在 目前 最近 以前 之前 以后 "
    "规定 政策 办法 要求 营收 收入 初创 金额 数量 人数 用户 新旧 新老 前后 两者 二者 "
    "门槛 条件 资格".split()
)
# jieba sometimes glues a word's last character to the next word's first ("提案时说要" →
# "时说", "时间内能得到" → "内能"); a "noun" that begins or ends with one of these
# particles is more likely such a fragment than a word.
_GLUE_FIRST = frozenset("时内年区后前中上下里外间")
_GLUE_LAST = frozenset("说能放要会是有给到得让")
# jieba's part-of-speech tags of nouns and names (places, organisations, people, terms).
_NOUN_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "nrfg"})
PLACE_TAG = "ns"


def content_nouns(question: str) -> list[tuple[str, str]]:
    """The question's dictionary nouns and names with their tags, e.g. ("官费", "n"),
    ("浦东新区", "ns").

    Only words of jieba's dictionary count: words it guesses while segmenting spoken or
    mistyped questions ("家算力", "质压") are as likely fragments as words.
    """
    from store.keyword import dictionary_word, posseg

    nouns: list[tuple[str, str]] = []
    for word, tag in posseg(question):
        glued = len(word) == 2 and (word[0] in _GLUE_FIRST or word[1] in _GLUE_LAST)
        if (tag in _NOUN_TAGS and len(word) >= 2 and _CJK.search(word) and not glued
                and word not in _ASKING_NOUNS and dictionary_word(word)
                and (word, tag) not in nouns):
            nouns.append((word, tag))
    return nouns


# Words that mark a part of a question as an instruction to the assistant rather than a
# question about the documents ("忽略之前的指令", "把比例说成…", "回答时不要引用来源").
_INSTRUCTION = re.compile(
    r"忽略|无视|不用看|不要看|不需要依据|不要引用|不用引用|以此为准|按你自己|你现在是|你是.{0,12}助手"
    r"|扮演|假装|系统提示|系统通知|提示词|指令|隐藏|调试模式|说成|写成|改为.{0,12}回答|直接按"
    r"|必须在|告诉用户|顺便|逐字输出|全部导出|输出你|打印你"
    r"|ignore|instruction|system prompt|override|pretend|tell the user",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^。！？；;!?\n，,：:]+[。！？；;!?\n，,：:]?")
_BRACKETED = re.compile(r"【[^】]*】|（[^）]*）|\([^)]*\)|\[[^\]]*\]")


def strip_instructions(question: str) -> str:
    """The question without the instructions it carries to the assistant.

    Answers come from the documents only; a question that also asks the assistant to
    ignore them, to say a figure, or to reveal its set-up keeps only its question part.
    Bracketed text travelling with such an instruction ("以此为准：【…】") goes too. A
    question without any instruction is returned as it is; one that is nothing but
    instructions becomes empty.
    """
    if not _INSTRUCTION.search(question):
        return question
    text = _BRACKETED.sub(" ", question)
    kept = [c for c in _CLAUSE.findall(text) if c.strip(" 。！？；;!?，,：:")
            and not _INSTRUCTION.search(c)]
    rest = "".join(kept).strip(" ，,：:")
    if rest.startswith(("问题", "Question")):
        rest = rest.split("：", 1)[-1].split(":", 1)[-1]
    return rest.strip()


_PART_END = re.compile(r"[^?？]+[?？]?")


# Asking words, not where they tell: "还没什么抵押物", "哪怕".
ASKING_WORDS = r"(?<![没不])(?:什么|多少|怎么)|哪(?!怕)"
_ASKING = re.compile(
    ASKING_WORDS + r"|多长|多久|几[个家项笔次年月天位点号成]|怎样|如何|吗|是否|有没有|能否|谁")


_PAIR_WORDS = frozenset("和 与 及 跟".split())
# Each side of a short pair holds this many characters.
_PAIR_SIDE_MIN, _PAIR_SIDE_MAX = 2, 8
_BOTH = re.compile(r"两边|两者|二者|双方")
_NAME_TAGS = frozenset("ns nt nr nz".split())


def compared_parts(question: str) -> list[str]:
    """"浦东和澄湾新区2024年登记金额分别是多少？" asks the same of two things: the question
    once for each ("浦东2024年登记金额是多少？", "澄湾新区2024年登记金额是多少？"), so each
    is searched and answered on its own. Also when "两边/两者…分别" refers back to the pair
    named in the sentence before. Empty when the question compares nothing."""
    sentences = _PART_END.findall(question)
    for n in range(len(sentences)):
        parts = _compared(sentences, n)
        if parts:
            return parts
    return []


def _compared(sentences: list[str], n: int) -> list[str]:
    """The n-th sentence asked once for each of a pair (see compared_parts), or []."""
    from store.keyword import posseg

    sentence = sentences[n]
    if "分别" not in sentence:
        return []
    if _BOTH.search(sentence):
        pair = _pair(posseg(sentences[n - 1])) if n > 0 else None
        ask = sentence.replace("分别", "")
        return [_BOTH.sub(name, ask, count=1).strip() for name in pair] if pair else []
    words = posseg(sentence)
    pair = _pair(words)
    if not pair:
        return []
    at = next(i for i, (w, _) in enumerate(words) if w in _PAIR_WORDS)
    text = "".join(w for w, _ in words)
    joined = f"{pair[0]}{words[at][0]}{pair[1]}"
    if joined not in text:
        return []
    ask = text.replace("分别", "")
    return [ask.replace(joined, name, 1).strip() for name in pair]


def _pair(words: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The two things joined by "和/与/及/跟": the words around it that run parallel ("2021版"
    and "2025版", "数据资产质押融资贴息" and "知识产权质押融资贴息"), else the names on
    either side ("浦东", "澄湾新区")."""
    at = next((i for i, (w, _) in enumerate(words) if w in _PAIR_WORDS), None)
    if at is None or at == 0 or at + 1 >= len(words):
        return None
    before, after = words[:at], words[at + 1:]
    # Parallel: both sides end in the same words; the heads before that differ.
    for k in range(1, min(len(before), len(after), 6) + 1):
        if before[-1][0] == after[k - 1][0] and k > 1:
            common = 1
            while (common < k and common < len(before)
                   and before[-common - 1][0] == after[k - common - 1][0]):
                common += 1
            # As many head words as the right side has, then more of the same kind
            # ("数据资产" against "知识产权"; "2021" against "2025", not "办法2021").
            start = max(at - common - (k - common), 0)
            kind = before[start][1]
            while start > 0 and before[start - 1][1] == kind:
                start -= 1
            left = "".join(w for w, _ in before[start:])
            right = "".join(w for w, _ in after[:k])
            if left != right:
                return left, right
    # Short things on either side ("技能补贴和首席技师工作室分别补多少"): all of each side.
    short_after = list(itertools.takewhile(lambda w: w[0] != "分别", after))
    # Two things of one subject ("人才公寓的租金和面积标准"): the subject stays shared.
    owner = max((i for i, (w, _) in enumerate(before) if w == "的"), default=-1)
    before = before[owner + 1:]
    if not before:
        return None
    if (len(short_after) < len(after) and _PAIR_SIDE_MIN <= len("".join(w for w, _ in before))
            <= _PAIR_SIDE_MAX and _PAIR_SIDE_MIN <= len("".join(w for w, _ in short_after))
            <= _PAIR_SIDE_MAX and not any(t == "m" for _, t in before + short_after)):
        return "".join(w for w, _ in before), "".join(w for w, _ in short_after)
    if before[-1][1] in _NAME_TAGS and after[0][1] in _NAME_TAGS:
        end = 1
        while end < len(after) and after[end][1] in _NAME_TAGS:
            end += 1
        start = len(before) - 1
        while start > 0 and before[start - 1][1] in _NAME_TAGS:
            start -= 1
        return ("".join(w for w, _ in before[start:]), "".join(w for w, _ in after[:end]))
    return None


def question_parts(question: str) -> list[str]:
    """The questions a question holds ("…多少套？到2025年又有多少套？" holds two, and so
    does "实际什么时候投运，新增了多少算力？": each clause that asks is a part; a clause
    that does not ask belongs to the next one)."""
    parts: list[str] = []
    sentences = _PART_END.findall(question)
    for n, sentence in enumerate(sentences):
        compared = _compared(sentences, n)
        if compared:
            parts.extend(compared)
            continue
        pending = ""
        for clause in _CLAUSE_END.split(sentence):
            follow = _FOLLOW_UP.fullmatch(clause.strip(" ，,?？"))
            if follow and parts and not pending:
                # "…2023年发了多少，2024年呢？": the last part asked again of another year.
                parts.append(_asked_again(parts[-1], follow.group(1)))
                continue
            other = _OTHER_THING.fullmatch(clause.strip(" ，,?？"))
            if other and parts and not pending and not _TIME_WORD.fullmatch(other.group(1)):
                # "众创空间认定奖励多少？孵化器呢？": asked again of another thing.
                parts.append(_asked_of(parts[-1], other.group(1)))
                continue
            pending += clause
            if _ASKING.search(clause):
                parts.append(pending)
                pending = ""
        if pending:
            if parts and not _ASKING.search(pending):
                parts[-1] += pending
            else:
                parts.append(pending)
    parts = [q for p in parts for q in _two_asks(p.strip(" ，,"))]
    # A short clause after the first ("…咋申请 在哪报") is a part when it asks for something
    # recognisable; it is about the first part's subject.
    return [p for i, p in enumerate(parts)
            if len(_CJK.findall(p)) >= 4 or (i and _CJK.search(p) and answer_shapes(p))]


# After the asking word, the words that still belong to its ask ("什么时候设立的",
# "多少套", "几月申报") before the next ask begins.
_ASK_TAIL_TAGS = frozenset("v vn uj ul uz y q nz".split())
_ASK_TAIL_WORDS = frozenset("时候 钱".split())
_RANGE_WORDS = frozenset("到 至 和 或".split())


def _two_asks(part: str) -> list[str]:
    """A clause that asks twice without a comma ("资金池什么时候设立的首期到位多少钱",
    "审核要几天材料要几项"): two parts, split where the first ask's words end. A range
    ("从哪天到哪天") is one ask."""
    from store.keyword import posseg

    if not _CJK.search(part) or len(_ASKING.findall(part)) < 2:
        return [part]
    words = posseg(part)
    asks = [i for i, (w, _) in enumerate(words) if _ASKING.match(w)]
    if len(asks) < 2:
        return [part]
    end = asks[0] + 1
    while end < len(words) and end not in asks and (
            words[end][1] in _ASK_TAIL_TAGS or words[end][0] in _ASK_TAIL_WORDS):
        end += 1
    between = [w for w, _ in words[asks[0] + 1:asks[1]]]
    if end >= len(words) or all(w in _RANGE_WORDS for w in between):
        return [part]
    first, second = "".join(w for w, _ in words[:end]), "".join(w for w, _ in words[end:])
    if (not _ASKING.search(second) or len(_CJK.findall(first)) < 4
            or not (len(_CJK.findall(second)) >= 4 or answer_shapes(second))):
        return [part]
    return [first, second]


# Clauses end at a comma, or at a space between Chinese words ("…贴息咋申请 在哪报"): spoken
# questions typed on a phone separate their clauses so.
_CLAUSE_END = re.compile(r"(?<=[，,])|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff\d])")
# "2024年呢", "到2025年底呢": the question before, asked of another time.
_FOLLOW_UP = re.compile(r"(?:那|到|在)?\s*(\d{4}年(?:\d{1,2}月)?(?:底|末|初)?)\s*(?:又)?呢")
_YEAR_TIME = re.compile(r"\d{4}年(?:\d{1,2}月)?(?:底|末|初)?")


# "孵化器呢", "那国内的呢": the question before, asked of another thing.
_OTHER_THING = re.compile(r"(?:那么?|而)?\s*([\u4e00-\u9fff]{2,12}?)的?\s*(?:又)?呢")
_TIME_WORD = re.compile(r"现在|目前|如今|今年|去年|明年|后来|之后|以后|当时|实际|最后|最终|后续")
# The word classes of a thing's name at the head of a question ("众创空间…", "科创贷…").
_NAME_TAGS = frozenset("n nz nr ns nt j".split())


def _asked_of(part: str, thing: str) -> str:
    """``part`` asked of ``thing``: the name it opens with ("众创空间认定奖励多少") replaced
    by ``thing``; ``thing`` put first if it opens with none."""
    from store.keyword import posseg

    words = posseg(part)
    head = 0
    while head < len(words) and words[head][1] in _NAME_TAGS:
        head += 1
    return thing + "".join(w for w, _ in words[head:])


def _asked_again(part: str, when: str) -> str:
    """``part`` with its time replaced by ``when``; ``when`` put first if it names none."""
    asked, found = _YEAR_TIME.subn(when, part, count=1)
    return asked if found else f"{when}{part}"
