"""The extractive answerer: sentences chosen from retrieved chunks, each with a citation.

Nothing is generated: every sentence of an answer is a quote of a stored document, so a
figure in an answer is always a figure of the knowledge base.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources

from kbqa.models import Citation, NearestDocument
from qa.commitments.models import Commitment
from qa.retrieve import SUPERSEDED_WEIGHT, Hit
from qa.text import (
    ASKING_WORDS,
    ASKS_NOW_IN_ENGLISH,
    ASKS_OUTCOME,
    ASKS_VERSIONS,
    FIRST_PERSON,
    PLACE_TAG,
    SIBLING_KINDS,
    about_clauses,
    answer_kinds,
    answer_shapes,
    asks_agency,
    asks_conditions,
    asks_may_apply,
    asks_names,
    asks_only_outcome,
    content_nouns,
    dated_clause,
    doc_numbers,
    documents_write,
    english_about_sentences,
    english_unmatched_words,
    figure_evidence,
    found,
    glossary_knows,
    has_synonyms,
    holds_time_points,
    is_mostly_latin,
    kept_clauses,
    keyword_query,
    kinds_named,
    latin_names,
    latin_words_among_chinese,
    looked_up_words,
    other_kind,
    question_parts,
    quoted_names,
    sentences,
    time_points,
    without_annotations,
    without_askers_own_years,
    without_askers_years,
)
from qa.typos import chinese_of_names
from qa.versions import (
    VersionIndex,
    asks_old_version_in_english,
    bare_titles,
    in_force_in_year_asked,
    issued_year,
    repeal_notes,
    version_notes,
)
from store import KnowledgeStore
from store.doctable import ChunkRow, DocumentRow
from store.keyword import (
    KeywordIndex,
    dictionary_word,
    segmented_words,
    tokenize,
    word_frequency,
)

MAX_SENTENCES = 3
CANDIDATE_HITS = 4
# The rest of the best document is read, when the best passages do not state what is asked,
# as if ranked just below them.
REST_SCORE = 0.95
KEEP_RATIO = 0.5
# A clause dated by the start of its sentence is quoted from there, up to this length.
MAX_DATED_QUOTE = 160
# A noun standing in at most this share of the passages is rare enough to name what a
# question is about; the answer's documents must use it (see _subject_elsewhere).
SUBJECT_SHARE = 0.02
SUBJECT_MIN_PASSAGES = 2
# A word this common in the language at large ("员工", "总额", "全部", "规划") names no
# particular thing: a document wording it otherwise ("职工", "进出口额") still answers.
# "停车场" (152 in jieba's dictionary), "现金" (1029) and "所得税" (250) name things.
COMMON_WORD_FREQUENCY = 2000
_YEAR_TERM = re.compile(r"20\d{2}")
# A sentence opening with a year ("2024年，…", "2022年共补贴…", "截至2023年底…") is about it.
_OPENING_YEAR = re.compile(r"(?:截至|截止|到|至|在)?(20\d{2})\s*年(?!度)")
_COUNT_NAME = re.compile(r"[\u4e00-\u9fff]数")
_CJK_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
NEAR_TIE_RATIO = 0.5
MIN_GAIN = 0.1
MAX_CANDIDATES = 40
IDENTITY_WEIGHT = 0.6
OTHER_DOCUMENT_RATIO = 0.9
SHAPE_BONUS = 0.4
PRIOR_WEIGHT = 4.0
# An English question reaches the passages through its translated terms and an embedding
# across languages: their ranking is weaker evidence than for a question in Chinese.
PRIOR_WEIGHT_LATIN = 2.0
# How far below the best sentence one giving the figure asked for may score and still lead
# when the best gives none (see _figure_first).
FIGURE_MARGIN = 0.3
# The best sentence must hold at least this (weighted) share of the question's terms: one
# found by the ranking alone shares a word or two with the question, not its subject.
MIN_FIT = 0.25
# The weight of a term only of the clauses saying who asks (see _lighter_asker).
ASKER_WEIGHT = 0.5
# The weight of a term only the dictionary gave an English question (see _lighter_looked_up).
LOOKED_UP_WEIGHT = 0.5
# A sentence that raises the general figure for a case the question does not name ranks
# this much lower (see _special_case).
SPECIAL_CASE_PENALTY = 0.5
# A Chinese name written in an English question ("(制造业单项冠军)", "首台（套）"), of at
# least NAME_MIN_CHARS characters ("澄湾", spelled out for "Chengwan", is no name asked for).
NAME_MIN_CHARS = 3
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,}(?:[（(][\u4e00-\u9fff]+[）)][\u4e00-\u9fff]*)*"
                       r"|[\u4e00-\u9fff]{3,}")
# The kinds of enterprise documents raise support for, as an asker names itself.
_ASKER_KINDS = (("专精特新", "小巨人"), ("高新技术企业", "高企"))
_RAISED_FOR_KIND = re.compile(r"提高\d+(?:\.\d+)?个百分点|上浮\d")
_ARTICLE_NAMED = re.compile(r"第[一二三四五六七八九十]+条")
_RAISED = re.compile(r"提高至|提高到|提高\d|上浮|增加至|提高[一二三四五六七八九十]")
_RAISED_ASKED = re.compile(r"提高|上浮|增加|上调|加码|更高|高一点")
# Words a case clause shares with any question of the kind: they do not name the case.
_CASE_NOISE = frozenset("企业 单位 获得 给予 补贴 贴息 比例 支持 对于 以上 符合 贷款 融资 资金 "
                        "项目 相关".split())
# A figure asked for must stand in a chosen sentence that fits the question at least this
# share as well as the best one: not only in a sentence added for another of its words.
FIGURE_FIT_RATIO = 0.7
# An English question about nothing but words of the whole genre, with this many words
# the glossary cannot translate, is refused (see unanswered_noun).
MIN_UNMATCHED = 2
# ...and more than this many of them for each specific term it does translate to.
UNMATCHED_PER_TERM = 2
UBIQUITOUS = 0.5
GENERIC_TERMS = frozenset("企业 公司 单位 申请 申报 办理 区 新区 政策 文件 补贴 奖励 支持 资金 "
                          "多少 什么 最高 最低 不低于 不超过 以上 以下 比例 时间 地址 电话".split())
POLICY_BONUS = 0.1
# How well, against the best sentence, one of a document using the question's rarest word
# must fit to answer in its place when the best's document never uses it (see
# _about_the_rarest_word).
RAREST_WORD_LEAD_RATIO = 0.7
# The shortest name the documents quote that a question names without quotes.
QUOTED_NAME_CHARS = 3
_MEASURE_WORD = re.compile(r"[一二两三四五六七八九十几每这那某同单][笔家个次项台套名位件批份款条]")
# A document's number as other documents cite it ("澄科经委办理〔2024〕47号").
_DOC_NUMBER = re.compile(r"〔\d{4}〕\d+号")
# Adverbs of time a spoken word may open with ("刚成立", "新入驻").
_TIME_ADVERBS = "刚才新已"
# The shortest word of a question that names a document's programme by its title.
NAMED_PROGRAMME_CHARS = 3
# Document texts kept between questions before the answerer reads them afresh.
TEXTS_KEPT = 512
# A part of a question counts as answered by a sentence with its answer's shape and at
# least this share of its terms; context (the whole question's terms) breaks ties.
PART_MIN = 0.5
PART_CONTEXT_WEIGHT = 0.3
# Between sentences answering a part equally well, one from a document already cited.
CITED_DOCUMENT_BONUS = 0.05
# Documents found best for a part alone that may answer it.
PART_SOURCES = 2
# A sentence naming the moment a question is anchored to ("截至2023年4月底"), or the
# document number it names, is likelier its answer than one about another moment or
# document.
TIME_POINT_BONUS = 0.3
# A year the question names ("2023年…答复时是多少") in the sentence or as its document's date.
YEAR_BONUS = 0.15
# A version the question names by its year ("2021年版…措施"): sentences of the document
# issued that year, not of a reply quoting it.
VERSION_BONUS = 0.5
_VERSION_ASKED = re.compile(r"(20\d{2})\s*年?版")
# A question for the state of things now, or what finally became of something ("现在降到
# 多少了", "后来实际什么时候设立的"): of sentences answering it about as well, the latest
# document's.
_ASKS_NOW = re.compile(r"现在|目前|如今|眼下|最新|后来|实际|最终|最后|到底")
LATEST_BONUS = 0.4
# A promise is the one an outcome question retells when its words hold this share of the
# question's (weighted as in question_terms).
PROMISE_ASKED_SHARE = 0.5
# Asked what actually happened (ASKS_OUTCOME), a sentence stating a plan or promise
# ("承诺2023年6月底前设立", "力争突破100亿元") is not the answer: it ranks lower and does not
# count as answering a part. "较原计划推迟" reports what happened.
_PLANNED = re.compile(r"承诺|(?<![模虚])拟|力争|(?<![原列])计划|将于|将在|预计|争取|列入"
                      r"|\d{4}年(?:\d{1,2}月)?(?:底|末)?前(?!后)|\d{4}年内|(?<![已即])将(?:会同|于|在)")
# What a report of the outcome says, promise words or not ("首期到位资金7500万元，未达到
# 承诺的1亿元").
# "按实际投入的20%给予支持" states a rule, not what actually happened.
_REPORTED = re.compile(r"已(?!列入)|正式|累计|截至|(?<!按)实际|未达到|未能|推迟|提前|超额")
PLAN_PENALTY = 0.4
# An English answer keeps to the best passage's document when its own best sentence scores
# this share of the best sentence of another (see _best_hit_document).
ENGLISH_LEAD_SHARE = 0.7
# ... or this share, when the passages of both documents rank all but tied (ENGLISH_HIT_TIE):
# the ranking then tells nothing of which document is meant, the sentences do.
ENGLISH_TIED_LEAD_SHARE = 0.85
# ... unless that other document is a policy giving the figure asked for, its own best
# passage ranked within this share of the best passage: two passages all but tied ("每人
# 每年6000元" in the skills policy and in the reply retelling it) do not tell the documents
# apart, and what a policy sets outranks what a reply says of it (see POLICY_BONUS).
ENGLISH_HIT_TIE = 0.95
# A sum or a share a policy sentence sets ("给予最高80万元的安家补贴").
_SET_FIGURE = re.compile(r"\d[\d.]*\s*(?:万|亿)?元|\d+(?:\.\d+)?\s*%")
# When the best figure is of a sibling of the kind asked ("二期" asked of 一期, "区级" of
# 市级), the answerer looks again with the sibling's sentences ranked this much lower.
OTHER_KIND_PENALTY = 0.3


def _states_plan(text: str) -> bool:
    """A sentence stating what will be done, not reporting what was."""
    return bool(_PLANNED.search(text)) and not _REPORTED.search(text)


_ASKS_OLD_VERSION = re.compile(r"旧版|原版|老版|废止前|修订前|以前的|原来的")
LIST_OPENERS = ("：", ":", "如下", "如下。", "如下表", "如下表。", "见下表。")
LIST_ITEMS = 6
# A table row counts as named by a question repeating at least this many characters of
# its cells ("不合格"); more rows naming as much leave the question about a category.
MIN_NAMED_CELLS = 3
MAX_NAMED_ROWS = 2
_END_PUNCT = "。！？；;!?，,：:"
# A reply opens by retelling the proposal ("您提出的《…》收悉", "您在提案中指出，…"): what
# was asked for, not what the reply says, unless that is the question ("提了什么建议").
_RESTATES_PROPOSAL = re.compile(r"^您提出的[^。]*收悉|^您在(?:提案|建议)中(?:指出|提出|反映|建议)")
# Asked what a reply said or promised, its sentences answer as they stand.
_ASKS_REPLY_SAID = re.compile(r"答复|回复|提案|代表建议|委员|代表|表态|承诺|说要|说过|当时|那时")
_ASKS_PROPOSAL = re.compile(
    r"提了|提出了|提议了?什么|建议了?什么|建议是什么|建议内容|提案内容|反映了?什么|题目|标题"
    r"|提出.{0,6}(?:什么|哪些)|建议.{0,4}(?:哪些|什么)"
    r"|(?:提案|建议)(?:里|中)(?:提到|指出|反映)的?.{0,6}(?:什么|哪些)")
# How a reply answered a proposal: its handling result first ("办理结果：留作参考").
_ASKS_STANCE = re.compile(
    r"怎么答复|如何答复|怎么回复|如何回复|答复的?结果|回复的?结果|办理结果|是否采纳|采纳了吗|采纳没有"
    r"|有没有采纳|为什么没有?采纳|为何没有?采纳|没有被?采纳"
    # "…的提案，生态环境局最后是什么态度", "这条补贴建议最后是怎么处理的"
    r"|(?:提案|建议|提议)[^？?]*(?:什么态度|啥态度|怎么处理|如何处理|处理结果)"
    # "Did the bureau accept the proposal…?", "How did the bureau respond to…?"
    r"|(?i:\b(?:accept|adopt|accepted|adopted|reject|rejected)\b[^?]*\b(?:proposal|suggestion)"
    r"|\bhow did\b[^?]*\b(?:reply|respond|answer)|\b(?:handling|outcome of)\b[^?]*proposal)")
_ASKS_PROPOSER = re.compile(
    r"谁提(?:的|出)|是谁(?:提|的提案|的建议)|提案人|建议人|哪[位个名](?:政协|人大)?(?:委员|代表)")
# An article's heading line ("第八条（在孵企业房租补贴）") names what the article is about
# but holds none of its figures.
_ARTICLE_HEADING = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条\s*(?:[（(][^）)]*[）)])?\s*$")
# "哪一条规定了…": only then is an article's bare heading line an answer.
_ASKS_ARTICLE = re.compile(r"哪[一几]?条|第[一二三四五六七八九十百零〇\d]+条")
# A year or a proposal number the question names, looked up in the store's documents.
_YEAR_ASKED = re.compile(r"(20\d{2})\s*年")
_PROPOSAL_ASKED = re.compile(r"第?\s*(\d{1,4})\s*号(?:提案|建议)")
# "2024年度的数据要素产业发展专项": a yearly programme, named with its year.
_YEARLY_PROGRAMME = re.compile(
    r"(20\d{2})\s*年度?的?([\u4e00-\u9fff（）()]{2,24}?(?:专项|申报指南|指南))")
_YES_NO = re.compile(r"(?:吗|么)[?？]?\s*$|能不能|可不可以|是不是|有没有|是否")
_ASKS_FIGURE_WORD = re.compile(r"多少|几|哪|什么|怎么|如何|谁")
# Frequently asked questions in guides: "问4：…？" followed by "答：…".
_FAQ_QUESTION = re.compile(r"^问\s*\d{0,2}\s*[：:]")
_FAQ_QUESTION_LINE = re.compile(r"问\s*\d{0,2}\s*[：:][^\n]*")
_FAQ_ANSWER = re.compile(r"^答\s*[：:]")
_FAQ_ANSWER_BLOCK = re.compile(r"\s*答\s*[：:].*?(?=\s*问\s*\d{0,2}\s*[：:]|$)", re.S)


@dataclass(frozen=True)
class RefusalPolicy:
    """When the evidence is too weak to answer.

    support = keyword coverage (idf-weighted share of the question's terms found in the best
    passage) + dense_weight × (top dense similarity − dense_center). Calibrated on the dev
    questions of evals/questions.jsonl (evals/qa_eval.py reports the result).
    """

    min_support: float = 0.30
    dense_weight: float = 6.0
    dense_center: float = 0.9
    # e5's similarities between English questions and Chinese passages sit lower.
    dense_center_latin: float = 0.75
    # Also refuse when the question names a noun no document uses (see unanswered_noun):
    # off, since on the dev questions it refused as many answerable colloquial questions
    # ("封顶", "地方") as out-of-scope ones.
    unknown_nouns: bool = False


@dataclass(frozen=True)
class Answer:
    text: str
    refused: bool
    citations: list[Citation]
    nearest: list[NearestDocument]


@dataclass(frozen=True)
class _Scored:
    text: str
    hit: Hit
    score: float  # fit plus the retrieval prior: what ranks candidates
    fit: float = 0.0  # how well the sentence itself answers: what near ties compare
    label: str = ""  # said before the sentence in the answer ("原规定（已废止）："), not quoted


@cache
def template(name: str) -> str:
    return (resources.files("qa") / "templates" / f"{name}.txt").read_text("utf-8").strip()


def coverage(question_terms: dict[str, float], text: str) -> float:
    """Weighted share of the question's terms found in ``text``."""
    total = sum(question_terms.values())
    if total == 0:
        return 0.0
    return sum(w for term, w in question_terms.items() if found(term, text)) / total


# Words of how people ask, not of what they ask about ("什么时候之前交", "报完以后",
# "当时…比例是多少").
_ASKING_WORDS = frozenset(
    "时候 以后 之前 之后 以前 哪里 哪儿 那个 这个 一下 当时 当初 原先".split())
# Question words with a measure ("几个", "几天", "几项"): they ask, and a passage rarely holds
# them.
_ASKING_WORD = re.compile(r"几[\u4e00-\u9fff]{1,2}")


def question_terms(question: str, keyword: KeywordIndex) -> dict[str, float]:
    """Question terms weighted by rarity: a term the knowledge base never uses weighs most.

    Left out: asking words, and pairs of characters that neither the knowledge base nor
    the dictionary knows — pieces of two words ("料要", "前交") or of spoken forms ("报完"),
    which no passage could hold. A real word no document uses ("护照") stays, weighing most.
    """
    terms = {}
    for t in tokenize(question):
        if t in _ASKING_WORDS or (len(t) <= 3 and _ASKING_WORD.fullmatch(t)):
            continue
        if (len(t) == 2 and _CJK_CHARS.match(t) and not keyword.document_frequency.get(t)
                and not dictionary_word(t) and not has_synonyms(t)):
            continue
        terms[t] = keyword.idf(t)
    return terms


class ExtractiveAnswerer:
    """Picks the sentences that answer, or refuses when the evidence does not."""

    def __init__(self, store: KnowledgeStore, versions: VersionIndex,
                 today: Callable[[], date] = date.today,
                 policy: RefusalPolicy | None = None,
                 commitments: Callable[[], list[Commitment]] | None = None) -> None:
        self.store = store
        self.versions = versions
        self.today = today
        self.policy = policy or RefusalPolicy()
        # The commitments register, read for what later documents report of a promise.
        self.commitments = commitments
        # Document texts read for earlier questions, of the store's generation then: the
        # filters of one answer read the same candidates' documents again and again.
        self._texts: dict[str, str] = {}
        self._texts_generation = -1

    def answer(self, question: str, hits: list[Hit],
               part_hits: Sequence[list[Hit]] = ()) -> Answer:
        """Answer from ``hits``; ``part_hits`` are the passages found for each part of a
        question in several parts (see question_parts), used for parts left open."""
        hits = self._about_place(question, hits)
        if not hits or not self.supported(question, hits):
            return self.refusal(hits)
        terms = _lighter_looked_up(question, _lighter_asker(question, question_terms(
            keyword_query(without_askers_years(question)), self.store.snapshot().keyword)))
        shapes = answer_shapes(keyword_query(question))
        kinds = answer_kinds(question)
        chosen = self._select(question, hits, part_hits, terms, shapes)
        conditions_asked = asks_conditions(question)
        if chosen and (conditions_asked or asks_may_apply(question)):
            # An enterprise telling of itself and asking whether it may apply is answered
            # by the conditions its account is held against.
            chosen = self._with_conditions(
                question, chosen, conditions_asked or bool(FIRST_PERSON.search(question)))
        if not chosen and asks_may_apply(question):
            # "能不能享受人工智能产业措施的支持": the named document's conditions decide it.
            chosen = self._conditions_of(question, hits[0])
        elif (chosen and chosen[0].hit.document.doc_type == "reply" and asks_may_apply(question)
              and FIRST_PERSON.search(question)):
            # "…想申请人工智能措施里的算力补贴，营收这一条会卡住我们吗": a reply telling of
            # the measures does not decide it; the conditions of the rules it names do.
            chosen = self._conditions_named(question, hits) or chosen
        rest: list[Hit] = []
        if not chosen and self._best_document_names_quoted(question, hits):
            # "“孵化在线”平台什么时候建成": the best document names it in a passage
            # ranked lower than the candidates.
            rest = self._rest_of_best_document(hits)
            chosen = self._select(question, hits, part_hits, terms, shapes, rest)
        if not chosen and _ASKS_PROPOSER.search(question):
            # "那件提案是哪位委员提的": the reply found names its proposer in its salutation,
            # however little its passages share with the question.
            chosen = self._with_proposer([], hits)
        if not chosen:
            return self.refusal(hits)
        if not self._states_what_is_asked(question, chosen, shapes, kinds):
            if asks_names(question) or not self._states_what_is_asked(question, chosen,
                                                                      shapes, []):
                # A missing figure is not looked for further: the best document's other
                # figures answer other questions ("加计扣除比例" is no "基础补助比例").
                return self.refusal(hits)
            # The best document may state it in a passage ranked lower ("在哪儿申报": the
            # article on materials names the platform).
            rest = self._rest_of_best_document(hits)
            chosen = self._select(question, hits, part_hits, terms, shapes, rest)
            if not chosen or not self._states_what_is_asked(question, chosen, shapes, kinds,
                                                            strict=True):
                return self.refusal(hits)
        if kinds:
            # Answerable, a sentence stating the kind asked for more than once answers
            # first ("要交哪些材料": "提交以下材料：申请表，营业执照…", not "对申报材料进行
            # 审核"). Judged without that preference above: a sentence naming some
            # materials is no evidence that the ones asked for are known.
            listed = [re.compile(f"(?:{k.pattern})[^。；]*?(?:{k.pattern})") for k in kinds]
            chosen = (self._select(question, hits, part_hits, terms, shapes + listed, rest)
                      or chosen)
            if conditions_asked:
                chosen = self._with_conditions(question, chosen)
        if _ASKS_PROPOSER.search(question):
            # Before the subject is judged: the reply, not a policy, holds the proposal.
            chosen = self._with_proposer(chosen, hits)
        asked = keyword_query(question)
        if asks_only_outcome(question):
            chosen = self._with_progress(chosen, terms, shapes)
            # The deadline the question recites from the promise ("当初要求2024年底前接入不少
            # 于5家，最后实际接入了几家") is not the moment the report must name.
            asked = _DEADLINE.sub("", asked)
        another = _about_another_kind_or_moment(asked, chosen, shapes)
        sibling = _sibling_list(another) if another else None
        if sibling is not None:
            # "一期投运时算力多大" answered of 二期: a sentence of the phase asked, ranked
            # lower, may give it.
            again = self._select(question, hits, part_hits, terms, shapes, rest, True)
            if _names_kind_asked(asked, again, shapes, sibling):
                chosen = again
                another = _about_another_kind_or_moment(asked, chosen, shapes)
        if self._subject_elsewhere(question, chosen) or another or self._outcome_unknown(
                question, chosen, shapes) or _another_line(question, chosen) or _another_event(
                keyword_query(question), chosen, shapes) or _realised_only_in_rules(
                question, chosen) or self._year_unknown_to(question, chosen):
            return self.refusal(hits)
        if _ASKS_STANCE.search(question):
            chosen = self._with_handling_result(chosen)
        chosen = self._with_raise_for_the_asker(question, chosen)
        if is_mostly_latin(question) and len(chosen) > 1:
            # An English question reaches the passages through translated terms, looser
            # evidence than its own words: another document's sentence matching a few of
            # them is more often about something else ("professional talent" in another
            # reply's account of the situation) than the rest of the answer.
            lead = chosen[0].hit.document.doc_id
            lead_rank = max((h.score for h in hits if h.document.doc_id == lead), default=0.0)
            # Asked for a figure, or given one by the policy ("relocation package"), the
            # policy's sentence setting it stands.
            policy_tied = ((bool(shapes) or bool(_SET_FIGURE.search(chosen[0].text)))
                           and chosen[0].hit.document.doc_type == "policy"
                           and lead_rank >= ENGLISH_HIT_TIE * hits[0].score)
            if lead != hits[0].document.doc_id and not policy_tied:
                chosen, lead = self._best_hit_document(question, hits, part_hits, terms,
                                                       shapes, chosen)
            chosen = [c for c in chosen if c.hit.document.doc_id == lead]
        if ASKS_VERSIONS.search(question):
            chosen = self._with_other_version(question, chosen, terms, shapes)
        answer = _compose(chosen)
        if asks_agency(question):
            answer = _with_unit_named(answer, chosen)
        return self._with_notes(answer)

    def _best_hit_document(self, question: str, hits: list[Hit],
                           part_hits: Sequence[list[Hit]], terms: dict[str, float],
                           shapes: list[re.Pattern[str]], chosen: list[_Scored]
                           ) -> tuple[list[_Scored], str]:
        """An English answer's sentences from the best passage's document, when it has
        sentences answering about as well (ENGLISH_LEAD_SHARE) as another document's best
        and names as many of the Chinese names the question quotes: the passages rank
        the document by the question's embedding and all its terms, a sentence only by the
        few terms it shares ("risk compensation pool … set up" reads as well in the IP
        reply as in the one on tech lending the question is about)."""
        top = hits[0].document.doc_id
        lead = chosen[0].hit.document.doc_id
        pairs = self._reported_on(hits) if _asks_now(question) else frozenset()
        if lead in _later_reports(question, pairs):
            return chosen, lead  # asked how things stand now, the later report tells
        own = self._select(question, [h for h in hits if h.document.doc_id == top],
                           part_hits, terms, shapes)
        lead_rank = max((h.score for h in hits if h.document.doc_id == lead), default=0.0)
        share = (ENGLISH_TIED_LEAD_SHARE if lead_rank >= ENGLISH_HIT_TIE * hits[0].score
                 else ENGLISH_LEAD_SHARE)
        if not own or own[0].fit < share * chosen[0].fit:
            return chosen, lead
        names = _CJK_NAME.findall(without_annotations(question))
        # The chosen sentences may come from passages read beside the hits (a part's).
        texts = self._document_texts([*hits, *(c.hit for c in chosen)])
        if sum(n in texts[lead] for n in names) > sum(n in texts[top] for n in names):
            return chosen, lead
        return own, top

    @staticmethod
    def _states_what_is_asked(question: str, chosen: list[_Scored],
                              shapes: list[re.Pattern[str]],
                              kinds: list[re.Pattern[str]], strict: bool = False) -> bool:
        """Whether the chosen sentences hold the figure and state the kind asked for."""
        figures = figure_evidence(shapes)
        # In a question of several parts the figure may answer a part other than the best
        # sentence's: any chosen sentence may hold it.
        several = len(question_parts(question)) > 1
        least = 0.0 if several else FIGURE_FIT_RATIO * chosen[0].fit
        if figures and not any(shape.search(_with_units(c)) for c in chosen for shape in figures
                               if c.fit >= least):
            # Asked for a count, an amount, a ratio or a time, the best evidence holds none.
            return False
        # Asked for conditions or materials, the evidence must state them: read beyond the
        # best passages (``strict``), a sentence that fits the question about as well as
        # the best.
        fitting = [c for c in chosen if not strict or c.fit >= least]
        return all(any(kind.search(_with_list(c).text) for c in fitting) for kind in kinds)

    def _outcome_unknown(self, question: str, chosen: list[_Scored],
                         shapes: list[re.Pattern[str]]) -> bool:
        """Asked only what actually happened ("…后来到位了吗", "到2024年底实际扩充到多少"),
        the sentences found state plans and promises, or report only what stood before the
        moment asked about, or another moment's figure: what came of it is not known."""
        if not asks_only_outcome(question):
            return False
        # The register knows promises no word marks ("二是编制并公布…名录", an item of the
        # reply's plans) and promises beside a report ("已完成调研，…计划于10月底前发布").
        promised = self._promised(chosen)
        reports = [c for c in chosen if not _states_plan(c.text) and c not in promised]
        # The deadline recited from the promise is not the moment the outcome must name.
        if not reports or _about_another_kind_or_moment(
                _DEADLINE.sub("", keyword_query(question)), reports, shapes):
            return True
        points = _asked_moments(keyword_query(question))
        # A report must also fit the question about as well as the best sentence: "办理结果：
        # 留作参考" reports on no guideline. (In a question of several parts it may fit
        # one part only.)
        several = len(question_parts(question)) > 1
        least = 0.0 if several else FIGURE_FIT_RATIO * max(c.fit for c in chosen)
        since = [c for c in reports if not _dated_before(c, points) and c.fit >= least]
        # A thing the question names in quotes ("“孵化在线”实际是哪天上线的") is what a report
        # must speak of, in its sentence or its passage.
        named = quoted_names(question)
        if named:
            since = [c for c in since if all(_names(n, c.hit.chunk.text) for n in named)]
        return not since or not self._states_what_is_asked(question, since, shapes, [])

    def _with_conditions(self, question: str, chosen: list[_Scored],
                         asked: bool = True) -> list[_Scored]:
        """Asked for the conditions ("研发费用补助有什么门槛"), the answer's document's own
        list of them leads, quoted whole: "应当同时符合以下条件：" or the guide's "申报条件"
        heading, with its items. Not ``asked`` ("能享受…的扶持吗"), the list replaces an
        answer led by one of its items."""
        conditions = self._conditions_of(question, chosen[0].hit)
        # Asked whether one may apply, one condition of the list is only part of the answer.
        if not conditions or not (asked or chosen[0].text.rstrip("。；;") in conditions[0].text):
            return chosen
        block = replace(conditions[0], score=chosen[0].score, fit=chosen[0].fit)
        rest = [c for c in chosen if c.text not in block.text]
        return [block, *rest][:MAX_SENTENCES]

    def _conditions_named(self, question: str, hits: list[Hit]) -> list[_Scored]:
        """The conditions of the rules or guide among the hits that the question names in
        what it asks, not in telling of the asker ("我们是入驻孵化器的初创企业")."""
        asked = about_clauses(question)
        named = next((h for h in hits[:CANDIDATE_HITS] if h.document.doc_type != "reply"
                      and _names_document(asked, h.document)), None)
        return self._conditions_of(asked, named) if named is not None else []

    def _conditions_of(self, question: str, lead: Hit) -> list[_Scored]:
        """The list of conditions of the document of ``lead``, when the question names that
        document (none for "高新技术企业认定的条件" of another)."""
        if not _names_document(question, lead.document):
            return []
        blocks = [(chunk, block) for chunk in self.store.table.chunks(lead.document.doc_id)
                  for block in [_conditions_block(chunk.text, chunk.section)] if block]
        if not blocks:
            return []
        # Of a document with a list for each kind ("申请认定区级孵化器的…", "申请认定区级众创
        # 空间的…"), the list of the kind asked; else the one the best passage holds.
        asked = kinds_named(question)
        chunk, block = next((b for b in blocks if not other_kind(question, b[1]) and any(
            kinds & asked.get(i, set()) for i, kinds in kinds_named(b[1]).items())), None) \
            or next((b for b in blocks if b[0].chunk_id == lead.chunk.chunk_id), blocks[0])
        return [_Scored(block, Hit(chunk, lead.document, lead.score, None, None),
                        lead.score, MIN_FIT)]

    def _with_raise_for_the_asker(self, question: str,
                                  chosen: list[_Scored]) -> list[_Scored]:
        """An enterprise saying it is of a kind the answer's document raises support for
        ("我们是专精特新中小企业，…算力补贴能拿多少"), is told of the raise too: "高新技术企业、
        专精特新中小企业申报第三条、第五条、第六条支持的，支持比例…提高5个百分点", when it
        names the article the answer quotes, or none."""
        asker = kept_clauses(question, lambda c: bool(FIRST_PERSON.search(c)))
        kinds = [words for words in _ASKER_KINDS if any(w in asker for w in words)]
        if not kinds or len(chosen) >= MAX_SENTENCES:
            return chosen
        lead = chosen[0].hit
        quoted = {c.text for c in chosen}
        for chunk in self.store.table.chunks(lead.document.doc_id):
            for text in sentences(chunk.text):
                if (text in quoted or not _RAISED_FOR_KIND.search(text)
                        or not any(any(w in text for w in words) for words in kinds)):
                    continue
                articles = _ARTICLE_NAMED.findall(text)
                if articles and not any(a in lead.chunk.section for a in articles):
                    continue
                hit = Hit(chunk, lead.document, lead.score, None, None)
                return [*chosen, _Scored(text, hit, chosen[-1].score, chosen[-1].fit)]
        return chosen

    def _promised(self, chosen: list[_Scored]) -> list[_Scored]:
        """The chosen sentences that make, or stand in, a promise of the register."""
        if self.commitments is None:
            return []
        quotes: dict[str, list[str]] = {}
        for promise in self.commitments():
            quotes.setdefault(promise.doc_id, []).append(promise.quote)
        return [c for c in chosen if any(q in c.text or c.text in q
                                         for q in quotes.get(c.hit.document.doc_id, []))]

    def _subject_elsewhere(self, question: str, chosen: list[_Scored]) -> str | None:
        """The question's rarest noun, when it is a rare word of the knowledge base that
        no document of the answer uses ("停车场" of "新办公地址附近有停车场吗", "首店" of
        "首店奖励要交企业所得税吗"): the answer is about something else. Words that only
        say who asks ("我们是制造业企业，…") are not what the question is about; the
        documents' words for a spoken one count ("排队": 轮候)."""
        if is_mostly_latin(question):
            return None
        keyword = self.store.snapshot().keyword
        rare = max(SUBJECT_SHARE * len(keyword.ids), SUBJECT_MIN_PASSAGES)
        about = _subject_clauses(keyword_query(question))
        # A count's name ("笔数", "户数") names no thing: a figure in its unit states it.
        nouns = [n for n, tag in content_nouns(about)
                 if tag != PLACE_TAG and 0 < keyword.document_frequency.get(n, 0) <= rare
                 and word_frequency(n) <= COMMON_WORD_FREQUENCY and not _COUNT_NAME.fullmatch(n)]
        if not nouns:
            return None
        texts = self._document_texts([c.hit for c in chosen])
        # "周明哲委员关于算力基础设施的提案，…实际什么时候投运": a later reply citing the
        # first one's number ("澄科经委办理〔2024〕47号") answers for that proposal without
        # naming its proposer or its title's words.
        # Looked up by the year and number first: a store may hold many documents.
        numbers = {n for t in texts.values() for n in _DOC_NUMBER.findall(t)}
        cited = []
        for doc in self.store.snapshot().documents.values() if numbers else ():
            number = str(doc.metadata.get("doc_number") or "")
            core = _DOC_NUMBER.search(number)
            if core and core.group(0) in numbers and any(number in t for t in texts.values()):
                cited.append(f"{doc.metadata.get('proposer') or ''} "
                             f"{doc.metadata.get('proposal_title') or ''}")
        nouns = [n for n in nouns if not any(found(n, p) for p in cited)]
        if not nouns:
            return None
        rarest = max(nouns, key=keyword.idf)
        # A compound of words the answer's documents use, covering it whole ("银行贷款":
        # 银行, 贷款), names nothing they leave out; "停车场" is not covered by "停车".
        pieces = [w for w in segmented_words(rarest) if w != rarest and len(w) >= 2]
        # "刚成立": an adverb before a word the documents use ("成立不满一年").
        covered = "".join(pieces) in (
            rarest, rarest[1:] if rarest[0] in _TIME_ADVERBS else rarest)
        if any(found(rarest, t) or (covered and all(found(p, t) for p in pieces))
               for t in texts.values()):
            return None
        return rarest

    def _best_document_names_quoted(self, question: str, hits: list[Hit]) -> bool:
        """Whether the question quotes a name and the best hit's document names it."""
        named = quoted_names(about_clauses(question))
        if not named or is_mostly_latin(question):
            return False
        text = self._document_texts(hits[:1])[hits[0].document.doc_id]
        return all(_names(n, text) for n in named)

    def _reported_on(self, hits: list[Hit]) -> frozenset[tuple[str, str]]:
        """Pairs of found documents (earlier, later) where the later reports on the
        earlier's promises (the 2024 reply on the 2022 reply's risk pool)."""
        if self.commitments is None:
            return frozenset()
        found = {h.document.doc_id for h in hits[:CANDIDATE_HITS]}
        return frozenset((c.doc_id, p.doc_id) for c in self.commitments() if c.doc_id in found
                         for p in c.progress if p.doc_id != c.doc_id and p.doc_id in found)

    def _rest_of_best_document(self, hits: list[Hit]) -> list[Hit]:
        """The passages of the best hit's document not among the candidates, ranked just
        below them."""
        lead = hits[0]
        seen = {h.chunk.chunk_id for h in hits[:CANDIDATE_HITS]}
        score = hits[min(CANDIDATE_HITS, len(hits)) - 1].score * REST_SCORE
        return [Hit(chunk, lead.document, score, None, None)
                for chunk in self.store.table.chunks(lead.document.doc_id)
                if chunk.chunk_id not in seen]

    def _select(self, question: str, hits: list[Hit], part_hits: Sequence[list[Hit]],
                terms: dict[str, float], shapes: list[re.Pattern[str]],
                rest: Sequence[Hit] = (), sibling_penalty: bool = False) -> list[_Scored]:
        """The sentences that answer best, in order: none when no sentence holds enough of
        the question. ``rest``: more passages to read beside the best hits."""
        asked = keyword_query(question)
        older = self._older_versions(question)
        now, asks_plans = _asks_now(question), bool(_ASKS_PLAN.search(asked))
        # Asked how things stand now, the found documents reporting on others' promises.
        reported_on = self._reported_on(hits) if now else frozenset()
        scored = _score_sentences(terms, shapes, [*hits[:CANDIDATE_HITS], *rest],
                                  time_points(asked) + doc_numbers(question),
                                  bool(_ASKS_PROPOSAL.search(question)),
                                  re.findall(r"(20\d{2})年(?!\d{1,2}月|底|末|初)",
                                             without_askers_years(question)),
                                  question, older, sibling_penalty,
                                  self._repealed_numbers(question, older),
                                  _later_reports(question, reported_on))
        # A sentence that holds almost none of the question is no answer, however well
        # its passage ranks ("现答复如下：" at the head of the best passage).
        scored = [c for c in scored if c.fit >= MIN_FIT]
        years = _only_years(asked)
        scored = _exact_moment_first(scored, time_points(asked), shapes)
        scored = _asked_year_first(scored, years, shapes)
        scored = _figure_first(scored, shapes)
        scored = _version_asked_first(scored, older,
                                      self.versions.superseded(self.store.snapshot()))
        named = self._named_rows(question, hits, scored)
        scored = named + [c for c in scored if c.text not in {r.text for r in named}]
        if not scored:
            return []
        scored = self._about_the_rarest_word(question, scored)
        scored = _about_the_quoted_name(question, scored)
        if not scored:
            return []
        scored = self._about_a_name_the_documents_quote(question, scored)
        # The filters may have left a sentence without the figure asked for in the lead.
        scored = _figure_first(scored, shapes)
        chosen = _choose(scored, terms, shapes, years, now, asks_plans,
                         _spanning_pairs(terms, question),
                         frozenset() if asks_plans else reported_on)
        if len(question_parts(question)) > 1:
            # A question of several parts: each part's answer is evidence too.
            chosen = self._answer_open_parts(question, chosen, terms, hits, part_hits)
        return chosen

    def _about_a_name_the_documents_quote(self, question: str,
                                          scored: list[_Scored]) -> list[_Scored]:
        """A name the passages write in quotes ("“科创贷”") and the question uses without
        them ("今年从合作银行拿了一笔科创贷，…资金池按多少比例补偿") is what it is about as
        much as a name it quotes: of the sentences, those of documents naming it, when some
        are; the policy's "知识产权质押贷款…按40%给予补偿" is not its answer."""
        # An English question names them by the Chinese written after its pinyin ("the
        # 'Zhichanrong (知产融)' platform").
        asked = (" ".join(chinese_of_names(question)) if is_mostly_latin(question)
                 else about_clauses(question))
        candidates = scored[:MAX_CANDIDATES]
        named = {n for c in candidates for n in quoted_names(c.hit.chunk.text)
                 if len(n) >= QUOTED_NAME_CHARS and n in asked}
        if not named:
            return scored
        texts = self._document_texts([c.hit for c in candidates])
        about = [c for c in scored if all(_names(n, texts.get(c.hit.document.doc_id, n))
                                          for n in named)]
        return about or scored

    def _about_the_rarest_word(self, question: str,
                               scored: list[_Scored]) -> list[_Scored]:
        """Another document's sentences stand beside the best one's only when that
        document also uses the question's rarest word, if the best one's does: "科创贷风险
        补偿资金池" is not the policy's "知识产权质押融资风险补偿资金池", however alike
        their sentences read."""
        if is_mostly_latin(question) or not scored:
            return scored
        keyword = self.store.snapshot().keyword
        # A count's measure word ("拿了一笔科创贷") names nothing.
        words = [w for w in segmented_words(keyword_query(question))
                 if len(w) >= 2 and _CJK_CHARS.match(w) and keyword.document_frequency.get(w)
                 and not _MEASURE_WORD.fullmatch(w)]
        if not words:
            return scored
        rarest = max(words, key=keyword.idf)
        texts = self._document_texts([c.hit for c in scored[:MAX_CANDIDATES]])
        # Who asks ("我们是入驻孵化器的初创企业，…") names no programme asked about.
        asked = set(segmented_words(keyword_query(about_clauses(question))))
        scored = _the_programme_named_first([w for w in words if w in asked], keyword.idf,
                                            scored, texts)
        lead = scored[0].hit.document.doc_id
        if not found(rarest, texts[lead]) and FIRST_PERSON.search(question):
            # "我们是专精特新企业，用专利在合作银行做了质押贷款，利息能贴多少": the rules
            # for the asker's kind of firm never say "专利"; a document that does, fitting
            # the question nearly as well, answers it.
            using = next((c for c in scored[1:MAX_CANDIDATES]
                          if c.fit >= RAREST_WORD_LEAD_RATIO * scored[0].fit
                          and found(rarest, texts[c.hit.document.doc_id])), None)
            if using is None:
                return _about_the_title_word(words, keyword.idf, scored, texts)
            return [c for c in scored if found(rarest, texts.get(c.hit.document.doc_id, ""))]
        if found(rarest, texts[lead]):
            scored = [c for c in scored if c.hit.document.doc_id == lead
                      or found(rarest, texts.get(c.hit.document.doc_id, rarest))]
        return _about_the_title_word(words, keyword.idf, scored, texts)

    def _with_other_version(self, question: str, chosen: list[_Scored],
                            terms: dict[str, float],
                            shapes: list[re.Pattern[str]]) -> list[_Scored]:
        """Asked how a rule changed ("以前给多少，修订后给多少", "新版比老版提高到了多少"),
        the answer from one version is followed by the same rule's sentence in the other:
        the repealed text when the answer comes from the current one, and the reverse. The
        version notes then say which is which."""
        replaced = self.versions.superseded(self.store.snapshot())
        lead = chosen[0].hit.document
        if lead.doc_id in replaced:
            other_id = replaced[lead.doc_id]
        else:
            other_id = next((old for old, new in replaced.items() if new == lead.doc_id), "")
        other = self.store.snapshot().documents.get(other_id)
        if other is None or any(c.hit.document.doc_id == other_id for c in chosen):
            return chosen
        hits = [Hit(chunk, other, chosen[0].hit.score, None, None)
                for chunk in self.store.table.chunks(other_id)]
        scored = _score_sentences(terms, shapes, hits, question=question)
        best = next((c for c in scored if c.fit >= KEEP_RATIO * chosen[0].fit
                     and (not shapes or any(s.search(c.text) for s in shapes))), None)
        if best is None:
            return chosen
        current, repealed = "现行规定：", "原规定（已废止）："
        old_first = lead.doc_id in replaced
        first = replace(chosen[0], label=repealed if old_first else current)
        second = replace(best, label=current if old_first else repealed)
        return [first, second, *chosen[1:]] if not old_first else [second, first, *chosen[1:]]

    def _repealed_numbers(self, question: str, older: frozenset[str]) -> frozenset[str]:
        """The numbers of the superseded documents whose rules the question does not ask
        for (all but ``older``), unless it asks what a reply said: a reply's sentence
        restating such a document's rules ("根据《…》（澄科经委规〔2021〕6号），…给予运营补贴
        35万元") tells the rules of then, not of now."""
        if _ASKS_REPLY_SAID.search(question):
            return frozenset()
        snap = self.store.snapshot()
        return frozenset(str(snap.documents[old].metadata.get("doc_number") or "")
                         for old in self.versions.superseded(snap)
                         if old in snap.documents and old not in older) - {""}

    def _older_versions(self, question: str) -> frozenset[str]:
        """The superseded documents, when the question asks for an old version ("旧版的基础
        补助比例"), or those in force in the year it asks about ("2022年度…当时拿到多少"):
        their sentences answer it, labelled as such by the version notes."""
        snap = self.store.snapshot()
        replaced = self.versions.superseded(snap)
        if _ASKS_OLD_VERSION.search(question) or asks_old_version_in_english(question):
            return frozenset(replaced)
        return frozenset(old for old, new in replaced.items()
                         if old in snap.documents and new in snap.documents
                         and in_force_in_year_asked(question, snap.documents[old],
                                                    snap.documents[new]))

    def _named_rows(self, question: str, hits: list[Hit],
                    scored: list[_Scored]) -> list[_Scored]:
        """The table row a question names ("澄湾科创银行的科创贷放了多少亿元？", "评为不合格的
        是哪家？"), read under its header, from the tables of the documents found best.

        A row is named by the cells the question repeats; the row naming the most, when
        one or two rows do, leads the answer: a table's figures sit in cells that a
        passage-level search rarely ranks first.
        """
        if not scored or is_mostly_latin(question):
            return []
        # Cells the asker names of itself ("我们是刚入驻区级孵化器的初创企业") name no row.
        question = about_clauses(question)
        best: list[tuple[int, Hit, str]] = []
        lead_doc = scored[0].hit.document.doc_id
        docs = {h.document.doc_id: h for h in hits[:CANDIDATE_HITS]
                if h.score >= NAMED_ROW_HIT_RATIO * hits[0].score}
        for doc_id, hit in docs.items():
            tables: dict[str, list[tuple[ChunkRow, str]]] = {}
            for chunk in self.store.table.chunks(doc_id):
                if chunk.text.startswith("|"):
                    header, *rows = chunk.text.split("\n")
                    tables.setdefault(header, []).extend((chunk, row) for row in rows)
            for table in tables.values():
                # A row is named by its label (first cell) or by a value no other row of
                # its table has ("不合格"); a value many rows share ("优秀") names none.
                shared = Counter(cell for _, row in table for cell in set(_cells(row)[1:]))
                for chunk, row in table:
                    label, *values = _cells(row)
                    # A value alone ("区级孵化器", the kind of place the asker rents) names
                    # a row of another document than the best sentence's only by chance.
                    unique = [v for v in values if shared[v] == 1] if (
                        doc_id == lead_doc or _named_cell(label, question)) else []
                    named = sum(len(cell) for cell in [label, *unique]
                                if _named_cell(cell, question))
                    if named >= MIN_NAMED_CELLS:
                        row_hit = Hit(chunk, hit.document, hit.score, None, None)
                        best.append((named, row_hit, row))
        if not best:
            return []
        most = max(n for n, _, _ in best)
        leading = [(h, r) for n, h, r in best if n == most]
        if len(leading) > MAX_NAMED_ROWS:
            return []  # the question names no one row
        lead = scored[0]
        return [_Scored(row, hit, lead.score + 1.0 - 1e-6 * i, lead.fit)
                for i, (hit, row) in enumerate(leading)]

    def _answer_open_parts(self, question: str, chosen: list[_Scored],
                           terms: dict[str, float], hits: list[Hit],
                           part_hits: Sequence[list[Hit]]) -> list[_Scored]:
        """For each part of the question that no chosen sentence answers ("…2023年有多少套？
        到2025年又有多少套？"), the sentence that answers that part best, when one answers it
        well: from a document already cited or the one found best for that part."""
        parts = question_parts(question)
        if len(parts) < 2 or is_mostly_latin(question):
            return chosen
        keyword = self.store.snapshot().keyword
        own = _own_terms(parts, keyword)
        # A question about a year ("2022年…的笔数和金额分别是多少") is about it in each part.
        years = _only_years(keyword_query(question))
        # Asked for the state now, a plan of another document is not it.
        now = bool(_ASKS_NOW.search(question))
        for i, part in enumerate(parts):
            shapes = answer_shapes(part)
            points = time_points(part)
            # Terms no document uses ("底又") cannot be matched; they would only dilute.
            # Nor do terms naming the document already chosen ("第137号提案答复的联系人").
            named = _identity(chosen[0].hit)
            # Pairs of characters spanning two words ("业房" of "企业房租") would make a
            # sentence that words the part differently ("房租…在孵企业") fall short.
            # A year stays: it tells the parts apart ("2023年发了多少，2024年呢"); so does
            # a pair the part's own words hold ("算力", a word jieba finds in the part).
            asked_terms = question_terms(part, keyword)
            spanning = _spanning_pairs(asked_terms, part)
            part_terms = {t: w for t, w in asked_terms.items()
                          if keyword.document_frequency.get(t)
                          and (t not in named or t.isdigit()) and t not in spanning}
            if not part_terms and i:
                # A short part ("在哪报") asks about the first part's subject.
                part_terms = {t: w for t, w in question_terms(parts[0], keyword).items()
                              if keyword.document_frequency.get(t) and not _spanning_pair(t)}
            if not part_terms:
                continue
            # A part asking of one of two things ("浦东…") is answered only by a sentence
            # about that thing (its name in the sentence or its document's name).
            mine = own.get(part, set())
            theirs = set().union(*(t for p, t in own.items() if p != part))

            def about(text: str, hit: Hit, mine: set[str] = mine,
                      theirs: set[str] = theirs) -> bool:
                # A year the document's number or date holds counts ("2025版"), unless the
                # sentence names another year: then it is about that year ("自2023年起").
                # A document named for both things ("孵化器和众创空间认定与扶持办法")
                # tells neither apart.
                # A part told apart by its year ("合作银行2023年几家，2025年底前要到几家")
                # is about that year: its other words are the other part's subject too.
                identity = _identity(hit)
                tells_apart = not any(t in identity for t in theirs)
                years = {t for t in mine if _YEAR_TERM.fullmatch(t)}
                return not mine or any(
                    _holds(t, text) or (tells_apart and t in identity and not (
                        t.isdigit() and set(re.findall(r"(20\d{2})年", text)) - {t}))
                    for t in (years or mine))

            outcome = asks_only_outcome(part)
            # "用什么方式登录": a sentence that logs in without naming the way leaves it open.
            noun = _ASKED_NOUN.search(part)
            asked = noun.group(1) if noun and keyword.document_frequency.get(noun.group(1)) \
                else ""
            # A table row answers under its header, with the units the header gives its
            # figures ("| 东泰银行澄湾分行 | 55 | 3.96 |" holds "3.96亿元").
            if any(_answers_part(_with_header(_with_units(c), c.hit), part_terms, shapes,
                                 points, _identity(c.hit), c.hit.chunk.text)
                   >= PART_MIN and about(dated_clause(c.text, c.hit.chunk.text), c.hit)
                   and not (outcome and _states_plan(c.text))
                   and (not asked or found(asked, c.text))
                   for c in chosen):
                continue
            found_for_part = part_hits[i] if i < len(part_hits) else []
            # The documents already cited, or the one found best for this part alone.
            cited = {c.hit.document.doc_id for c in chosen}
            sources = set(cited)
            if not set(part_terms) <= GENERIC_TERMS:
                # A part naming no thing of its own ("最高给多少钱") asks of what the
                # chosen sentences are about, not of what its few words find elsewhere.
                sources |= {h.document.doc_id for h in found_for_part[:PART_SOURCES]}
            pool = [h for h in hits[:CANDIDATE_HITS] + found_for_part
                    if h.document.doc_id in sources]
            # The rest of the best answer's document: a part may be answered by another
            # article of it ("…原定有效期到什么时候？当时算力补贴比例是多少？").
            lead = chosen[0].hit
            # A repealed version does not answer a part beside the version replacing it,
            # unless the question asks how they differ.
            replaced = self.versions.superseded(self.store.snapshot())
            if not ASKS_VERSIONS.search(question) and lead.document.doc_id not in replaced:
                pool = [h for h in pool if h.document.doc_id not in replaced]
            pooled = {h.chunk.chunk_id for h in pool}
            pool += [Hit(chunk, lead.document, lead.score, None, None)
                     for chunk in self.store.table.chunks(lead.document.doc_id)
                     if chunk.chunk_id not in pooled]
            best: _Scored | None = None
            for hit in pool:
                for text in sentences(hit.chunk.text):
                    fit = _answers_part(text, part_terms, shapes, points, _identity(hit),
                                        hit.chunk.text)
                    if (fit < PART_MIN or any(c.text == text for c in chosen)
                            or _only_names_its_document(text, hit)
                            or (outcome and _states_plan(text))
                            or _about_another_year(text, hit.chunk.text, years)
                            or (now and _states_plan(text)
                                and hit.document.doc_id != chosen[0].hit.document.doc_id)
                            or (_ARTICLE_HEADING.match(text) and not _ASKS_ARTICLE.search(question))
                            or not about(dated_clause(text, hit.chunk.text), hit)):
                        continue
                    score = fit + PART_CONTEXT_WEIGHT * _sentence_coverage(
                        terms, text, _identity(hit))
                    if hit.document.doc_id in cited:
                        score += CITED_DOCUMENT_BONUS
                    if shapes and _special_case(text, question, _identity(hit)):
                        score -= SPECIAL_CASE_PENALTY
                    if best is None or score > best.score:
                        best = _Scored(text, hit, score)
            if best is not None:
                chosen.append(best)
        return chosen

    def _with_progress(self, chosen: list[_Scored], terms: dict[str, float],
                       shapes: list[re.Pattern[str]]) -> list[_Scored]:
        """Asked only what came of something ("原计划扩充到不少于10家，实际扩到了几家？"),
        when a chosen sentence is a promise the register knows later reports of, those
        reports answer ("…已由7家增加至11家"), read where they stand, with the other
        chosen sentences of the reporting documents; the promise and what stood before it
        are what the question already says."""
        if self.commitments is None:
            return chosen
        followed = [p for p in self.commitments() if p.progress]
        quoted = {(c.hit.document.doc_id, c.text) for c in chosen}
        promise = next((p for p in followed if any(
            doc_id == p.doc_id and (p.quote in text or text in p.quote)
            for doc_id, text in quoted)), None) or self._promise_asked(terms, chosen, followed)
        if promise is None:
            return chosen
        rank = chosen[0]
        documents = self.store.snapshot().documents
        reports: list[_Scored] = []
        for report in promise.progress[:MAX_SENTENCES]:
            doc = documents.get(report.doc_id)
            chunk = next((c for c in self.store.table.chunks(report.doc_id)
                          if report.quote in c.text), None) if doc else None
            if doc is not None and chunk is not None:
                hit = Hit(chunk, doc, rank.hit.score, None, None)
                reports.append(_Scored(report.quote, hit, rank.score, rank.fit))
        if not reports:
            return chosen
        # The report answering the question best leads ("实际做到多少": the amount's report
        # before the policy that did the rest of the promise).
        def fit(item: _Scored) -> float:
            held = sum(1 for shape in shapes if shape.search(item.text)) / len(shapes or [1])
            return _sentence_coverage(terms, item.text, _identity(item.hit)) + SHAPE_BONUS * held

        reports.sort(key=fit, reverse=True)
        # Reports of the promise's other parts do not answer a question for a figure.
        holding = [r for r in reports if shapes and all(sh.search(r.text) for sh in shapes)]
        reports = holding or reports
        reporting = {r.hit.document.doc_id for r in reports}
        rest = [c for c in chosen if c.hit.document.doc_id in reporting
                and all(c.text != r.text for r in reports)]
        return [*reports, *rest][:MAX_SENTENCES]

    def _promise_asked(self, terms: dict[str, float], chosen: list[_Scored],
                       followed: list[Commitment]) -> Commitment | None:
        """The followed-up promise the question retells ("当年说2023年6月底前把科技信贷风险
        补偿资金池设起来，后来…"), made or reported on in a chosen sentence's document (a
        later reply retelling it: "…时承诺：…"): the one whose words hold most of the
        question's, when they hold enough."""
        documents = {c.hit.document.doc_id for c in chosen}
        pool = [p for p in followed if p.doc_id in documents
                or any(r.doc_id in documents for r in p.progress)]
        if not pool:
            return None
        keyword = self.store.snapshot().keyword
        known = {t: w for t, w in terms.items() if keyword.document_frequency.get(t)}
        total = sum(known.values()) or 1.0
        shares = [sum(w for t, w in known.items() if found(t, p.quote)) / total for p in pool]
        best = max(range(len(pool)), key=shares.__getitem__)
        return pool[best] if shares[best] >= PROMISE_ASKED_SHARE else None

    def _with_handling_result(self, chosen: list[_Scored]) -> list[_Scored]:
        """"区科经委是怎么答复的？" is first answered by the reply's handling result
        ("办理结果：留作参考"), quoted from the reply the answer comes from."""
        result = chosen[0].hit.document.metadata.get("handling_result")
        if not result:
            return chosen
        return self._led_by_reply_line(
            chosen, lambda text: result in text and "办理结果" in text)

    def _with_proposer(self, chosen: list[_Scored], hits: list[Hit]) -> list[_Scored]:
        """"137号提案是谁提的？" is answered by the reply's salutation ("陈运文委员："), the
        line naming the member or deputy who made the proposal: of the reply the answer
        comes from, else of the best reply found ("关于…的那件提案是哪位委员提的" may find
        the policy that followed it first); only that reply's sentences follow."""
        candidates = [*(c.hit.document for c in chosen[:1]), *(h.document for h in hits)]
        reply = next((d for d in candidates
                      if d.doc_type == "reply" and d.metadata.get("proposer")), None)
        if reply is None:
            return chosen
        proposer = str(reply.metadata["proposer"])
        own = [c for c in chosen if c.hit.document.doc_id == reply.doc_id]
        rank = chosen[0] if chosen else _Scored("", hits[0], hits[0].score, MIN_FIT)
        return self._led_by_reply_line(
            own, lambda text: proposer in text and re.search(r"委员|代表", text) is not None,
            reply, rank) or chosen

    def _led_by_reply_line(self, chosen: list[_Scored], wanted: Callable[[str], bool],
                           doc: DocumentRow | None = None,
                           rank: _Scored | None = None) -> list[_Scored]:
        """The answer led by the first line ``wanted`` picks out of the reply the answer
        comes from (``doc``, by default the first chosen sentence's): one already chosen,
        else read from the reply's own chunks and ranked as ``rank`` (by default the first
        chosen sentence)."""
        doc = doc or chosen[0].hit.document
        rank = rank or chosen[0]
        if doc.doc_type != "reply":
            return chosen
        stated = [c for c in chosen if wanted(c.text)]
        if stated:
            return stated + [c for c in chosen if c not in stated]
        for chunk in self.store.table.chunks(doc.doc_id):
            for text in sentences(chunk.text):
                if wanted(text):
                    hit = Hit(chunk, doc, rank.hit.score, None, None)
                    return [_Scored(text, hit, rank.score, rank.fit), *chosen]
        return chosen

    def _with_notes(self, answer: Answer) -> Answer:
        """Say when a cited document is repealed, expired or closed for applications, and
        which document a cited repeal clause belongs to."""
        snap = self.store.snapshot()
        replaced = self.versions.superseded(snap)
        notes: list[str] = []
        citations = []
        for citation in answer.citations:
            doc = snap.documents[citation.doc_id]
            text = self.store.table.document_text(doc.doc_id) or ""
            found_notes = version_notes(doc, snap.documents, replaced, text, self.today())
            found_notes += repeal_notes(doc, citation.quote, snap.documents, replaced)
            citations.append(citation.model_copy(
                update={"note": "；".join(found_notes) or None}))
            notes += [n for n in found_notes if n not in notes]
        suffix = "".join(f"（注：{n}。）" for n in notes)
        return Answer(answer.text + suffix, answer.refused, citations, answer.nearest)

    def supported(self, question: str, hits: list[Hit]) -> bool:
        """Whether the best evidence is strong enough to answer from."""
        if self.unanswered_noun(question, hits[:CANDIDATE_HITS]):
            return False
        terms = question_terms(keyword_query(question), self.store.snapshot().keyword)
        best = max(coverage(terms, _context(h)) for h in hits[:CANDIDATE_HITS])
        p = self.policy
        center = p.dense_center_latin if is_mostly_latin(question) else p.dense_center
        # Without dense scores (keyword-only retrieval) the dense term is neutral.
        top_dense = max((h.dense for h in hits if h.dense is not None), default=center)
        return best + p.dense_weight * (top_dense - center) >= p.min_support

    def _about_place(self, question: str, hits: list[Hit]) -> list[Hit]:
        """A question about one place ("浦东的贴息比例") is answered from the documents
        that name it, when some of the passages come from such documents; otherwise the
        hits stay as they are (unanswered_noun then refuses)."""
        places = [n for n, tag in content_nouns(question) if tag == PLACE_TAG]
        if len(places) != 1 or is_mostly_latin(question):
            return hits
        texts = self._document_texts(hits)
        named = [h for h in hits if places[0] in texts[h.document.doc_id]]
        return named or hits

    def _document_texts(self, hits: list[Hit]) -> dict[str, str]:
        """The text of each document the hits come from, read once per document and kept
        (up to TEXTS_KEPT) until the store changes."""
        generation = self.store.snapshot().generation
        if generation != self._texts_generation or len(self._texts) > TEXTS_KEPT:
            self._texts, self._texts_generation = {}, generation
        kept = self._texts
        texts: dict[str, str] = {}
        for hit in hits:
            doc_id = hit.document.doc_id
            if doc_id not in texts:
                if doc_id not in kept:
                    kept[doc_id] = self.store.table.document_text(doc_id) or ""
                texts[doc_id] = kept[doc_id]
        return texts

    def unanswered_noun(self, question: str, hits: list[Hit]) -> str | None:
        """What the question is about that the knowledge base does not know.

        The places a question is about ("浦东新区…补贴多少", "深圳市南山区…") when none of
        the best passages' documents names them: another place's figure is not its
        answer. In a yes-or-no question ("人才公寓可以养宠物吗？"), a noun no document uses,
        not even in part, and none of the best passages holds. With ``unknown_nouns``,
        also such a noun in any question ("官费", "护照"): the passages then answer a
        neighbouring question, not this one.
        An English question is judged by the Chinese terms its words translate to: when
        the glossary has no Chinese for several of its words ("work permit for a foreign
        engineer"), more than UNMATCHED_PER_TERM of them for each term it translates to
        beyond words of the whole genre (GENERIC_TERMS: "企业 申请") or of most passages
        (the district's name), what it is about is not in the knowledge base. Otherwise it
        is left to the similarity test.
        """
        keyword = self.store.snapshot().keyword
        if is_mostly_latin(question):
            # The Chinese name an English question gives ("a 'single champion' (制造业单项
            # 冠军)") is what it asks about: no document naming it, the passages are about
            # something else.
            # Brackets aside: "首台套" names "首台（套）".
            texts = [_BRACKET.sub("", t) for t in self._document_texts(hits).values()]
            for name in _CJK_NAME.findall(without_annotations(question)):
                bare = _BRACKET.sub("", name)
                if len(bare) >= NAME_MIN_CHARS and not any(bare in t for t in texts):
                    return name
            for word in latin_names(question):
                # "DCMM certification", "5G private networks": a name no document writes
                # and the glossary cannot put into Chinese is what the question is about.
                if not glossary_knows(word) and not documents_write(
                        word, keyword.document_frequency):
                    return word
            # A word the dictionary put into Chinese is matched only by passages using it:
            # "permit" has Chinese the knowledge base uses, but not in a work-permit sense.
            looked_up = looked_up_words(question)
            unmatched = [w for w in english_unmatched_words(without_annotations(question))
                         if not any(c in t for c in looked_up.get(w, ()) for t in texts)]
            passages = max(len(keyword.ids), 1)
            # Terms the glossary gives: the dictionary's are weighed above, word by word.
            specific = [t for t in question_terms(keyword_query(without_annotations(question)),
                                                  keyword)
                        if 0 < keyword.document_frequency.get(t, 0) < UBIQUITOUS * passages
                        and not t.isdigit() and not any(t in g for g in GENERIC_TERMS)]
            # "a foreign employee's work visa and residence permit": one word the glossary
            # knows ("employee") among many it does not is no subject the passages share.
            return (unmatched[0] if len(unmatched) >= MIN_UNMATCHED
                    and len(specific) * UNMATCHED_PER_TERM < len(unmatched) else None)
        unknown = self._unknown_year_or_proposal(without_askers_own_years(question), keyword)
        if unknown:
            return unknown
        for word in latin_words_among_chinese(question):
            # "今年的GDP是多少", "AEO认证有什么奖励": an acronym no document writes, even
            # within a word ("800PFLOPS"), and the glossary cannot put into Chinese.
            if not glossary_knows(word) and not documents_write(word,
                                                                keyword.document_frequency):
                return word
        contexts = [_context(h) + _identity(h) for h in hits]
        nouns = content_nouns(question)
        # Who asks ("我是一线技术工人，…", "我们在越南租用的海外仓…") is no subject the
        # passages must name; nor, asked whether one may apply, is the account of one's
        # case ("客户目前只付了三成货款，我们能不能先把专项报上去").
        asked_about = content_nouns(kept_clauses(question, asks_may_apply)
                                    if asks_may_apply(question) else about_clauses(question))
        places = [n for n, tag in asked_about if tag == PLACE_TAG]
        named_by = list(self._document_texts(hits).values()) if places else []
        unknown_places = [p for p in places if not any(p in t for t in named_by)]
        # A comparison ("浦东和澄湾…分别") may find one of its places among the best passages.
        if unknown_places and len(unknown_places) == len(places):
            return unknown_places[0]
        if _YES_NO.search(question) and not _ASKS_FIGURE_WORD.search(question):
            # "人才公寓可以养宠物吗？": a yes or no about something no document names cannot
            # be answered from passages about the rest of the question.
            for noun, tag in asked_about:
                if (tag != PLACE_TAG and not _referred_back(noun, question)
                        and not any(found(noun, c) for c in contexts)
                        and not any(keyword.document_frequency.get(noun[i:i + 2])
                                    for i in range(len(noun) - 1))):
                    return noun
        if self.policy.unknown_nouns:
            for noun, tag in nouns:
                if (tag != PLACE_TAG and not any(found(noun, c) for c in contexts)
                        and not keyword.document_frequency.get(noun)):
                    return noun
        return None

    def _unknown_year_or_proposal(self, question: str, keyword: KeywordIndex) -> str | None:
        """A year no document is dated in or speaks of ("2026年的扶持办法有什么变化"), a
        yearly programme of a year whose guide the knowledge base lacks ("2024年度的数据要素
        专项" when only the 2025 guide is held), or a proposal or suggestion number no reply
        answers ("第99号提案"): the passages found speak of other years or other proposals."""
        documents = self.store.snapshot().documents.values()
        for year in _YEAR_ASKED.findall(question):
            if not keyword.document_frequency.get(year) and not any(
                    str(d.metadata.get(key) or "").startswith(year)
                    for d in documents for key in ("date", "issue_date")):
                return f"{year}年"
        for year, programme in _YEARLY_PROGRAMME.findall(question):
            # The knowledge base holds the programme's guides of other years only: their
            # windows and amounts are not that year's.
            titles = [str(d.title or "") for d in documents]
            named = [t for t in titles if programme in t]
            if named and not any(year in t for t in named):
                return f"{year}年度{programme}"
        for number in _PROPOSAL_ASKED.findall(question):
            if not any(d.metadata.get("proposal_number") == int(number) for d in documents) \
                    and not keyword.document_frequency.get(number):
                return f"第{number}号"
        return None

    def _year_unknown_to(self, question: str, chosen: list[_Scored]) -> str | None:
        """A year asked of ("2026年计划发榜多少项") later than the answer's documents are
        dated or in force, and of which none of them speaks: they tell of earlier years.
        The years the asker tells of itself ("项目2023年10月开工") are not asked of."""
        known = [str(c.hit.document.metadata.get(key) or "")[:4] for c in chosen
                 for key in ("date", "issue_date", "expiry_date")]
        latest = max((y for y in known if y.isdigit()), default="")
        later = [y for y in _YEAR_ASKED.findall(about_clauses(question))
                 if latest and y > latest]
        if not later:
            return None  # the documents' texts are read only when needed
        texts = self._document_texts([c.hit for c in chosen])
        for year in later:
            if not any(year in t for t in texts.values()):
                return f"{year}年"
        return None

    def refusal(self, hits: list[Hit]) -> Answer:
        nearest: list[NearestDocument] = []
        for hit in hits:
            if hit.document.doc_id not in {n.doc_id for n in nearest}:
                nearest.append(NearestDocument(doc_id=hit.document.doc_id,
                                               title=hit.document.title,
                                               source=hit.document.source))
        text = template("refusal")
        if nearest:
            titles = "、".join(f"《{n.title or n.source}》" for n in nearest[:3])
            text += template("refusal_nearest").format(titles=titles)
        return Answer(text, True, [], nearest[:3])


# A clause telling what the asker lacks ("我们是小微企业，没有高企资质，…") says who asks too.
_LACKS = re.compile(r"^(?:也|还|并|都|暂时?|目前|现在)?(?:没有|没|不是|并非|尚未|还未|暂无|无)")
# Not text._ASKING_CLAUSE: its "没有" would count every such clause as asking.
_ASKS = re.compile(ASKING_WORDS + r"|吗|几|如何|是否")


# "第一次拿到这个称号": a noun after a demonstrative names what the question has named.
_DEMONSTRATIVE = r"(?:这个|这种|这类|这项|这笔|这一|这些|该|此|上述)"


def _referred_back(noun: str, question: str) -> bool:
    """Whether the question writes ``noun`` after a demonstrative: another word for what it
    has named before ("刚认定的市级专精特新中小企业，第一次拿到这个称号")."""
    return re.search(_DEMONSTRATIVE + re.escape(noun), question) is not None


def _subject_clauses(question: str) -> str:
    """about_clauses, without the clauses telling what the asker lacks either ("…，没有科小或高企
    资质，…"): what it lacks is no subject the answer must name."""
    asker = bool(FIRST_PERSON.search(question))
    return kept_clauses(question, lambda c: not FIRST_PERSON.search(c) and not (
        asker and _LACKS.match(c) and not _ASKS.search(c)))


def _lighter_asker(question: str, terms: dict[str, float]) -> dict[str, float]:
    """The terms only of the clauses saying who asks ("我们是刚注册半年的创业公司，…",
    "We run a maker space of 450 m2.") weigh less: the answer is about what is asked,
    which they only qualify."""
    if is_mostly_latin(question):
        asked = english_about_sentences(question)
        if asked == question:
            return terms
        about = keyword_query(asked)
    else:
        about = about_clauses(question)
        if not FIRST_PERSON.search(question):
            return terms
    if not about:
        return terms
    return {t: w if found(t, about) else w * ASKER_WEIGHT for t, w in terms.items()}


def _lighter_looked_up(question: str, terms: dict[str, float]) -> dict[str, float]:
    """The terms only the dictionary gave an English question's everyday words weigh less
    than the glossary's: a word has many senses, and the question's may not be the
    one the passages use ("combined": 结合, where the guide says 叠加)."""
    looked_up = {c for chinese in looked_up_words(question).values() for c in chinese}
    if not looked_up:
        return terms
    glossary = keyword_query(without_annotations(question))
    return {t: w * LOOKED_UP_WEIGHT if t in looked_up and t not in glossary else w
            for t, w in terms.items()}


def _score_sentences(terms: dict[str, float], shapes: list[re.Pattern[str]],
                     hits: list[Hit], points: Sequence[str] = (),
                     asks_proposal: bool = True, years: Sequence[str] = (),
                     question: str = "", older: frozenset[str] = frozenset(),
                     sibling_penalty: bool = False,
                     repealed: frozenset[str] = frozenset(),
                     reports: frozenset[str] = frozenset()) -> list[_Scored]:
    candidates = [(s, hit) for hit in hits for s in sentences(hit.chunk.text)
                  if not _only_names_its_document(s, hit)
                  and not (_RESTATES_PROPOSAL.match(s) and not asks_proposal)
                  and not _is_header_row(s, hit)
                  and not ((shapes or not _ASKS_ARTICLE.search(question))
                           and _ARTICLE_HEADING.match(s))]
    # "2021年版…措施": the version the question names answers, not a reply quoting it.
    versions = set(_VERSION_ASKED.findall(question))
    latest = _latest_documents(hits) if _ASKS_NOW.search(question) else set(reports)
    outcome = asks_only_outcome(question)
    prior_weight = PRIOR_WEIGHT_LATIN if is_mostly_latin(question) else PRIOR_WEIGHT
    scored = []
    for position, (text, hit) in enumerate(candidates):
        # A table row is read under its header row: "| 云栖芯创空间 | … | 不合格 |" answers
        # "评价等次是不合格的是哪家" only with "| 载体名称 | … | 评价等次 |" above it.
        fit = _sentence_coverage(terms, _with_header(text, hit), _identity(hit))
        if shapes:
            fit += SHAPE_BONUS * sum(1 for shape in shapes if shape.search(text)) / len(shapes)
        if points:
            dated = dated_clause(text, hit.chunk.text)
            named = time_points(dated)
            held = sum(1 for p in points if p in named or p in dated)
            fit += TIME_POINT_BONUS * held / len(points)
        if years:
            dated = str(hit.document.metadata.get("date") or "")[:4]
            held = sum(1 for y in years if f"{y}年" in text or y == dated)
            fit += YEAR_BONUS * held / len(years)
        if shapes and hit.document.doc_type == "policy":
            fit += POLICY_BONUS  # what a policy sets outranks what a reply says of it
        if (versions and issued_year(hit.document) in versions) or hit.document.doc_id in older:
            fit += VERSION_BONUS
        if shapes and question and _special_case(text, question, _identity(hit)):
            fit -= SPECIAL_CASE_PENALTY
        if latest and hit.document.doc_id in latest:
            fit += LATEST_BONUS
        if outcome and _states_plan(text):
            fit -= PLAN_PENALTY
        if sibling_penalty and other_kind(question, text, _identity(hit)):
            fit -= OTHER_KIND_PENALTY
        prior = prior_weight * hit.score / hits[0].score  # the retrieval ranking
        if repealed and "废止" not in text and any(n in text for n in repealed):
            # Ranked as the repealed document's own passages are (see HybridRetriever);
            # a sentence repealing it says what holds now.
            prior *= SUPERSEDED_WEIGHT
        scored.append(_Scored(text, hit, fit + prior - 1e-6 * position, fit))
    return sorted(scored, key=lambda s: s.score, reverse=True)


# How a reply names its own unit ("我中心牵头印发…"): the reader asking which unit needs
# the unit's name, which the reply gives only in its heading.
_SELF_REFERENCE = re.compile(r"[我本](?:委|局|中心|办|厅|处|室|部)(?![\u4e00-\u9fff]{0,1}[员长])")


def _with_unit_named(answer: Answer, chosen: list[_Scored]) -> Answer:
    """Asked which unit, an answer quoting a reply's "我中心…" says which unit that is."""
    for item in chosen:
        agency = item.hit.document.metadata.get("agency")
        said = _SELF_REFERENCE.search(item.text)
        if item.hit.document.doc_type == "reply" and agency and said:
            note = f"（注：“{said.group(0)}”指本答复的办理单位{agency}。）"
            return Answer(answer.text + note, answer.refused, answer.citations, answer.nearest)
    return answer


def _asks_now(question: str) -> bool:
    """Whether the question asks how things stand now or came to stand ("现在有几家",
    "How many banks offer it these days?")."""
    return bool(_ASKS_NOW.search(question)) or (
        is_mostly_latin(question) and bool(ASKS_NOW_IN_ENGLISH.search(question)))


def _later_reports(question: str, reported_on: frozenset[tuple[str, str]]) -> frozenset[str]:
    """Asked in English how things stand now ("How many banks offer it these days?"), the
    later documents of ``reported_on``, those reporting on the promises of others found:
    they tell the later state. (A question in Chinese raises the latest documents found,
    see _score_sentences; a translated question's few terms match a later guide of another
    programme as well as the report.)"""
    if not is_mostly_latin(question):
        return frozenset()
    return frozenset(later for _, later in reported_on)


def _latest_documents(hits: list[Hit]) -> set[str]:
    """The documents of the latest date among the hits' (none when they share one date)."""
    dates = {h.document.doc_id: str(h.document.metadata.get("date") or "") for h in hits}
    newest = max(dates.values(), default="")
    latest = {d for d, when in dates.items() if when == newest and when}
    return latest if len(latest) < len(dates) else set()


_SINCE_WHEN = re.compile(r"(?:自|从)?\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:起|以来|开始)?")


def _special_case(sentence: str, question: str, identity: str) -> bool:
    """A sentence that raises the general figure for a case the question does not name
    ("首次获得知识产权质押贷款的企业，贴息比例提高至70%" when asked "知识产权质押融资贴息比例
    是多少"): the general rule answers first. The case is the clause before the raise, told
    by its words that do not name the document's subject ("首次"); it is named when the
    question holds one of them (an English question's by its Chinese terms), or asks about
    raising itself."""
    question = keyword_query(question)
    raised = _RAISED.search(sentence)
    if not raised or _RAISED_ASKED.search(question):
        return False
    # A clause saying only since when ("自2024年7月1日起，") names no case.
    clauses = [c for c in re.split(r"[，,]", sentence[: raised.start()])
               if not _SINCE_WHEN.fullmatch(c.strip())]
    case = clauses[0] if clauses else ""
    if "的" in case:  # "…中小企业的基础补助比例": the case is who, not what is raised
        case = case[: case.rindex("的")]
    words = [w for w in segmented_words(case)
             if len(w) >= 2 and _CJK_CHARS.match(w) and w not in _CASE_NOISE
             and w not in identity]
    return bool(words) and not any(w in question for w in words)


def _own_terms(compared: list[str], keyword: KeywordIndex) -> dict[str, set[str]]:
    """For each part of a compared pair, the terms the other part lacks: its thing's name."""
    terms = [set(question_terms(part, keyword)) for part in compared]
    return {part: mine - set().union(*(t for j, t in enumerate(terms) if j != i))
            for i, (part, mine) in enumerate(zip(compared, terms, strict=True))}


def _about_another_kind_or_moment(question: str, chosen: list[_Scored],
                                  shapes: list[re.Pattern[str]]) -> str | None:
    """The best sentence giving a figure asked for is about a sibling of the kind asked
    ("区级…20万元" asked of the 市级 studio, "良好的孵化器" asked of the 众创空间), or about
    another moment ("截至2025年5月底" asked of 2023年底), and no sentence giving one names
    the kind or moment asked: the figure asked for is not there. Returns what the evidence
    is about instead."""
    figures = [c for c in chosen if not shapes or any(s.search(c.text) for s in shapes)]
    if not figures:
        return None
    other = other_kind(question, figures[0].text, _identity(figures[0].hit))
    if other:
        # The list the best sentence names another kind of: a sentence naming the kind
        # asked of it, and no other kind of any list, may still answer, when it gives what
        # the best one gives ("三期前期研究" gives no 算力规模 of phase three).
        mismatched = next(i for i, kinds in enumerate(SIBLING_KINDS) if other in kinds)
        wanted = kinds_named(question)[mismatched]
        held = [s for s in shapes if s.search(figures[0].text)]
        if not any(kinds_named(c.text).get(mismatched, set()) & wanted
                   and not other_kind(question, c.text)
                   and all(s.search(c.text) for s in held) for c in figures):
            return other
    points = time_points(question)
    if points and shapes:
        dated = [time_points(dated_clause(c.text, c.hit.chunk.text)) for c in figures]
        # "April 2023" is the month of "2023年4月底".
        if dated[0] and not any({_month(n) for n in named} & {_month(p) for p in points}
                                for named in dated):
            return dated[0][0]
    years = _only_years(question)
    if years and shapes:
        # "2023年…完成了多少笔" answered by "2024年，…完成质押融资登记445笔": a sentence
        # opening with its year is that year's figure.
        opening = [_figure_year(c, shapes) for c in figures]
        if opening[0] and not any(o in years for o in opening):
            return f"{opening[0]}年"
    return None


# Asked how much was actually paid out in all ("2024年研发费用补助一共兑现了多少资金"): a
# reply reports that; a policy or a guide sets only what may be paid.
_ASKS_REALISED_TOTAL = re.compile(
    r"(?:一共|总共|共|累计|全年|合计)[^，。？?]{0,6}(?:拨付|发放|兑现|支付|补贴|资助|奖励)了?"
    r"[^，。？?]{0,8}多少|(?:拨付|发放|兑现)了[^，。？?]{0,8}多少")


def _realised_only_in_rules(question: str, chosen: list[_Scored]) -> bool:
    """Asked what was paid out in all, the answer holds rules only, no reply's report."""
    return bool(_ASKS_REALISED_TOTAL.search(question)) and not any(
        c.hit.document.doc_type == "reply" for c in chosen)


def _named_cell(cell: str, question: str) -> bool:
    return len(_CJK_CHARS.findall(cell)) >= 2 and cell in question


def _sibling_list(word: str) -> int | None:
    """The list of SIBLING_KINDS ``word`` is a kind of, if any (a moment is of none)."""
    return next((i for i, kinds in enumerate(SIBLING_KINDS) if word in kinds), None)


def _names_kind_asked(question: str, chosen: list[_Scored], shapes: list[re.Pattern[str]],
                      mismatched: int) -> bool:
    """Whether the best sentence giving a figure asked for names the kind the question
    asks of, of the list SIBLING_KINDS[mismatched]."""
    figures = [c for c in chosen if not shapes or any(s.search(c.text) for s in shapes)]
    wanted = kinds_named(question).get(mismatched, set())
    named = kinds_named(figures[0].text).get(mismatched, set()) if figures else set()
    # Naming every kind of the list ("优秀、良好、合格和不合格四个等次") is not naming one.
    return bool(named) and named <= wanted


# When something happens, by the words for it: "什么时候建成" is not told by the date a
# study starts ("2025年三季度启动…三期前期研究") nor by another phase's completion.
_EVENTS = (
    "建成|投运|投入运营|投入使用|竣工|完工|建好",
    "上线|开通|启用",
    "发布|出台|印发|公布",
    "施行|实施|生效",
    "设立|成立|组建",
    "交付|入住",
    "开工|动工|开建",
)
_WHEN_ASKED = r"(?:什么时候|何时|哪天|哪一天|哪年|哪一年|哪个月|几月|几号)"
# Each event's words, with the pattern of a question asking when it happens.
_EVENT_ASKED = tuple(
    (re.compile(words),
     re.compile(f"{_WHEN_ASKED}.{{0,4}}(?:{words})|(?:{words}).{{0,3}}{_WHEN_ASKED}"))
    for words in _EVENTS)


def _asked_event(question: str) -> re.Pattern[str] | None:
    """The words for the event a when-question asks about ("预计哪年建成": 建成|投运|…)."""
    return next((words for words, asked in _EVENT_ASKED if asked.search(question)), None)


def _another_event(question: str, chosen: list[_Scored],
                   shapes: list[re.Pattern[str]]) -> bool:
    """Asked when something happens ("三期什么时候建成"), the sentences giving a time of the
    kind asked name another event ("启动前期研究"): when it happens is not known."""
    event = _asked_event(question)
    if event is None or not shapes:
        return False
    timed = [c for c in chosen if any(s.search(c.text) for s in shapes)
             and not other_kind(question, c.text, _identity(c.hit))]
    # A document's dating line ("2024年6月14日" under the issuer) is the day it was issued.
    return bool(timed) and not any(
        event.search(c.text) or (_DATING_LINE.match(c.text) and event.search("印发"))
        for c in timed)


_DATING_LINE = re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")


# The line that opens a list of conditions, and the items that follow it.
_CONDITIONS_OPENER = re.compile(
    r"^[^\n]*(?:符合|满足|具备)(?:以下|下列|如下)(?:全部|所有|基本)?(?:条件|要求)[：:]\s*$"
    r"|^#*\s*[一二三四五六七八九十\d]*[、.．]?\s*(?:申报|申请|支持)(?:对象和)?条件\s*$", re.M)
_LIST_ITEM = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]+、)")


def _conditions_block(text: str, section: str = "") -> str | None:
    """The list of conditions in a passage, from its opening line (or, under a "申报条件"
    heading, its first item) through its last item, verbatim; None when the passage holds
    no such list."""
    opener = _CONDITIONS_OPENER.search(text)
    if opener is not None:
        start, end = opener.start(), opener.end()
    elif _CONDITIONS_OPENER.search(section.strip()) and _LIST_ITEM.match(text):
        start = end = 0
    else:
        return None
    items = 0
    position = end
    for line in text[end:].split("\n"):
        if line.strip():
            if not _LIST_ITEM.match(line):
                # A line lifting one of them ("成立不满一年的企业，不受第（三）项营业收入条件
                # 限制。") belongs to the list.
                if items and _LIFTS_CONDITION.search(line):
                    end = position + len(line)
                break
            items += 1
            end = position + len(line)
        position += len(line) + 1
    return text[start:end].strip() if items else None


_LIFTS_CONDITION = re.compile(r"不受[^。]{0,30}限制|放宽至|可放宽")


# Words of any title: naming them names no one document.
_TITLE_NOISE = re.compile(r"澄湾新区|澄湾|新区|关于|印发|通知|企业|若干|措施|办法|管理|促进|发展"
                          r"|产业|高质量|申报|指南|专项|支持|年度|实施|细则|的|\d+")
_BRACKET = re.compile(r"[（）()《》]")
NAMED_DOCUMENT_CHARS = 3
# A table row the question names is read from a document whose passages rank at least this
# share of the best ("人工智能政策里对智能工厂、数字化车间…": the policy's article, not the
# rows of a guide ranked well below it that name the same kinds of project).
NAMED_ROW_HIT_RATIO = 0.8


def _names_document(question: str, doc: DocumentRow) -> bool:
    """Whether the question names the document by some of its title ("研发费用补助",
    "首台（套）"): three characters or more of the title, words of any title aside."""
    title = _TITLE_NOISE.sub("|", _BRACKET.sub("", doc.title or ""))
    question = _BRACKET.sub("", question)
    return any(title[i:i + NAMED_DOCUMENT_CHARS] in question
               for i in range(len(title) - NAMED_DOCUMENT_CHARS + 1)
               if "|" not in title[i:i + NAMED_DOCUMENT_CHARS])


def _dated_before(item: _Scored, points: list[str]) -> bool:
    """Whether the sentence is dated before every moment the question names ("截至2024年4月底"
    for "到2024年底实际扩充到多少"): it cannot report what came of it by then."""
    if not points:
        return False
    clause = dated_clause(item.text, item.hit.chunk.text)
    dated = time_points(clause) or _YEAR_ASKED.findall(clause)
    return bool(dated) and max(map(_month, dated)) < min(map(_month, points))


def _month(point: str) -> tuple[int, int]:
    """A time point as (year, month): "2024年4月底" → (2024, 4), "2024年底" → (2024, 12)."""
    month = re.search(r"年(\d{1,2})月", point)
    return int(point[:4]), int(month.group(1)) if month else (1 if point.endswith("初") else 12)


_DEADLINE = re.compile(r"20\d{2}\s*年(?:\d{1,2}月)?(?:底|末|初)?(?:之)?前")


def _asked_moments(question: str) -> list[str]:
    """The moments a question asks about: its time points ("2024年底"), else the start of
    each year it names ("2024年…最后是多少": from 2024年初)."""
    # A deadline recited from the promise ("原定2023年9月底前上线") is no moment asked about:
    # the outcome may come before it.
    asked = _DEADLINE.sub("", question)
    return time_points(asked) or [f"{y}年初" for y in _YEAR_ASKED.findall(asked)]


# "维权援助热线的电话号码", "值班电话": a number of one line; the 总机 number is not it.
_ASKS_LINE = re.compile(r"(热线|专线|总机|值班|咨询|举报|投诉)(?:的)?(?:电话|号码)")
_PHONE_NUMBER = re.compile(r"\d{3,4}-\d{7,8}|(?<!\d)\d{8}(?!\d)|(?<!\d)1\d{10}(?!\d)")


def _another_line(question: str, chosen: list[_Scored]) -> bool:
    """Asked for the number of a kind of line, the chosen sentences give numbers, but none
    with the name of a line asked for on its line of text ("总机电话调整为58806200" for the
    热线)."""
    lines = _ASKS_LINE.findall(question)
    if not lines:
        return False
    numbered = [c for c in chosen if _PHONE_NUMBER.search(c.text)]
    return bool(numbered) and not any(line in _text_line(c) for c in numbered for line in lines)


def _text_line(item: _Scored) -> str:
    """The line of its passage the sentence stands on (a contact block's line)."""
    passage = item.hit.chunk.text
    at = passage.find(item.text)
    if at < 0:
        return item.text
    start = passage.rfind("\n", 0, at) + 1
    end = passage.find("\n", at + len(item.text))
    return passage[start:end if end >= 0 else len(passage)]


def _opening_year(item: _Scored) -> str | None:
    """The year the sentence opens with (see _OPENING_YEAR), or None."""
    opening = _OPENING_YEAR.match(dated_clause(item.text, item.hit.chunk.text))
    return opening.group(1) if opening else None


def _figure_year(item: _Scored, shapes: list[re.Pattern[str]]) -> str | None:
    """The year the sentence, or the clause giving the figure asked for, opens with
    ("…试点，共有38家企业参与，2022年试点园区污水处理达标率保持在100%")."""
    def holds(text: str) -> bool:
        # A figure besides the date itself ("2023年内形成…指引" gives none).
        return any(s.search(_DATE_WORDS.sub("", text)) for s in shapes)

    year = _opening_year(item)
    if year:
        return year if holds(item.text) else None
    for clause in re.split(r"[，,；;]", item.text):
        opening = _OPENING_YEAR.match(clause.strip())
        if opening and holds(clause):
            return opening.group(1)
    # A clause damaged by extraction ("区知识产2024年，浦东…登记445笔") names its one year
    # after stray words.
    named = set(_YEAR_ASKED.findall(item.text))
    return named.pop() if len(named) == 1 and holds(item.text) else None


_DATE_WORDS = re.compile(r"20\d{2}\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?")


def _asked_year_first(scored: list[_Scored], years: frozenset[str],
                      shapes: list[re.Pattern[str]]) -> list[_Scored]:
    """A question about a year ("2024年…登记了多少笔") is answered first by a sentence
    opening with that year and holding every figure asked for, when the best ranked one
    opens with another year ("2022年，…168笔")."""
    if not years or not shapes or not scored:
        return scored
    top = _opening_year(scored[0])
    if top is None or top in years:
        return scored
    first = next((c for c in scored[:MAX_CANDIDATES] if _opening_year(c) in years
                  and all(s.search(c.text) for s in shapes)), None)
    if first is None:
        return scored
    return [first] + [c for c in scored if c is not first]


def _figure_first(scored: list[_Scored], shapes: list[re.Pattern[str]]) -> list[_Scored]:
    """Asked for a figure, a sentence giving one leads when the best ranked one gives none
    ("拟…按一定比例给予补偿") and it ranks close to it while holding as much of the
    question: "按损失本金的40%给予补偿" answers what share is covered."""
    if not shapes or not scored or any(s.search(scored[0].text) for s in shapes):
        return scored
    best = scored[0]
    # A policy sentence without the figure sets nothing asked: its POLICY_BONUS does not
    # count against a sentence giving the figure.
    bonus = POLICY_BONUS if best.hit.document.doc_type == "policy" else 0.0
    for candidate in scored[1:MAX_CANDIDATES]:
        if best.score - bonus - candidate.score > FIGURE_MARGIN:
            break
        if candidate.fit >= best.fit and any(s.search(candidate.text) for s in shapes):
            return [candidate] + [c for c in scored if c is not candidate]
    return scored


def _version_asked_first(scored: list[_Scored], older: frozenset[str],
                         replaced: dict[str, str]) -> list[_Scored]:
    """Asked about an old version ("When did the 2022 R&D subsidy measures expire?",
    "2022年度评为优秀的孵化器当时拿到多少"), a sentence of it leads over its replacement's
    when it holds as much of the question: the same article in both reads alike, and the
    replacement's rules were not those of the time asked."""
    if not older or not scored:
        return scored
    lead = scored[0].hit.document.doc_id
    versions = {old for old in older if replaced.get(old) == lead}
    if not versions:
        return scored
    first = next((c for c in scored[1:MAX_CANDIDATES] if c.hit.document.doc_id in versions
                  and c.fit >= scored[0].fit), None)
    if first is None:
        return scored
    return [first] + [c for c in scored if c is not first]


def _exact_moment_first(scored: list[_Scored], points: list[str],
                        shapes: list[re.Pattern[str]]) -> list[_Scored]:
    """A question about a moment ("截至2025年2月底覆盖了多少笔贷款？") is answered first by
    the sentence that names that moment and has every figure asked for, when the best
    ranked one does not: the moment and the figures outweigh the passage's rank."""
    if not points or not scored:
        return scored

    def complete(c: _Scored) -> bool:
        return (holds_time_points(points, dated_clause(c.text, c.hit.chunk.text))
                and all(s.search(c.text) for s in shapes))

    if complete(scored[0]):
        return scored
    first = next((c for c in scored[:MAX_CANDIDATES] if complete(c)), None)
    if first is None:
        return scored
    return [first] + [c for c in scored if c is not first]


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row, stripped."""
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _is_header_row(text: str, hit: Hit) -> bool:
    """A table's header row ("| 合作银行 | 贷款笔数（笔） |…") names columns, not facts."""
    return text.startswith("|") and hit.chunk.text.startswith(text + "\n")


def _with_header(text: str, hit: Hit) -> str:
    """A table row with its table's header row, an FAQ answer ("答：…") with its question;
    any other sentence as it is."""
    if _FAQ_ANSWER.match(text):
        chunk = hit.chunk.text
        at = chunk.find(text)
        asked = [m for m in _FAQ_QUESTION_LINE.finditer(chunk[:max(at, 0)])]
        return f"{asked[-1].group(0)}\n{text}" if at > 0 and asked else text
    if not text.startswith("|"):
        return text
    header = hit.chunk.text.split("\n", 1)[0]
    return text if header == text or not header.startswith("|") else f"{header}\n{text}"


_HEADER_UNIT = re.compile(r"[（(]([^）)]{1,4})[）)]\s*$")


def _with_units(item: _Scored) -> str:
    """A table row's figures with the units its header gives them ("| 汇诚银行 | 43 | 11 |"
    under "| 合作银行 | 贷款笔数（笔） | 其中首贷户（家） |": "43笔 11家"), after the row;
    any other sentence as it is."""
    text = item.text
    header = _with_header(text, item.hit).split("\n", 1)[0]
    if header == text or not text.startswith("|"):
        return text
    units = [_HEADER_UNIT.search(cell) for cell in _cells(header)]
    figures = [f"{value}{unit.group(1)}" for value, unit in zip(_cells(text), units, strict=False)
               if unit and re.fullmatch(r"\d[\d.,]*", value)]
    return f"{text} {' '.join(figures)}"


# The thing a part asks for by name ("用什么方式登录", "按什么标准").
_ASKED_NOUN = re.compile(r"(?:什么|哪种|哪类)(?:样的)?([\u4e00-\u9fff]{2})")


def _answers_part(text: str, part_terms: dict[str, float],
                  shapes: list[re.Pattern[str]], points: list[str],
                  identity: str = "", passage: str = "") -> float:
    """How well a sentence answers one part of a question: it must have every shape the
    part asks for and name the moment it asks about ("2023年4月底…有多少套"); then the
    weighted share of the part's terms it holds, a term naming its document ("2023年区科
    经委答复提案时…") counting partly. The moment may be named where the sentence of its
    ``passage`` opens ("截至2023年4月底，…；已入住3579套，入住率92.7%")."""
    if not all(shape.search(text) for shape in shapes):
        return 0.0
    dated = dated_clause(text, passage) if passage else text
    if not holds_time_points(points, dated):
        return 0.0
    total = sum(part_terms.values()) or 1.0
    return sum(w if _holds(t, dated) else IDENTITY_WEIGHT * w if t in identity else 0.0
               for t, w in part_terms.items()) / total


def _spanning_pair(term: str) -> bool:
    """A pair of Chinese characters that is no dictionary word, so likely the end of one
    word and the start of the next."""
    return (len(term) == 2 and all(_CJK_CHARS.match(c) for c in term)
            and not dictionary_word(term))


def _spanning_pairs(terms: dict[str, float], text: str) -> frozenset[str]:
    """The terms that are pairs spanning two of ``text``'s words: not a word jieba finds
    in it ("算力" stays)."""
    words = set(segmented_words(text))
    return frozenset(t for t in terms if _spanning_pair(t) and t not in words)


def _holds(term: str, text: str) -> bool:
    """``found``, but a number must stand as a whole number: "3" is not in "3860"."""
    if term.isdigit():
        return re.search(rf"(?<![\d.]){term}(?![\d.])", text) is not None
    return found(term, text)


def _only_names_its_document(sentence: str, hit: Hit) -> bool:
    """A line that is just the document's number, title or issuer ("澄科经委规〔2021〕3号",
    "某某委员会文件") says which document this is, not anything a question asks."""
    meta = hit.document.metadata
    rest = sentence
    for name in (*bare_titles(hit.document), meta.get("doc_number"), meta.get("agency"),
                 meta.get("proposer")):
        if name:
            rest = rest.replace(str(name), "")
    return not re.search(r"\d", rest) and len(_CJK_CHARS.findall(rest)) < 4


def _sentence_coverage(terms: dict[str, float], sentence: str, identity: str) -> float:
    """Terms in the sentence count fully; terms that only name its document, partly.

    A title or salutation line holds the document's name but not the answer, so the
    name must not make it outrank the sentence that does.
    """
    total = sum(terms.values()) or 1.0
    weight = sum(
        w if found(term, sentence) else (IDENTITY_WEIGHT * w if term in identity else 0.0)
        for term, w in terms.items()
    )
    return weight / total


def _identity(hit: Hit) -> str:
    meta = hit.document.metadata
    parts = [hit.document.title, meta.get("proposer"), meta.get("doc_number"),
             meta.get("agency"), meta.get("session"), hit.chunk.section]
    return " ".join(str(p) for p in parts if p)


def _context(hit: Hit) -> str:
    return f"{hit.document.title or ''} {hit.chunk.section} {hit.chunk.text}"


# "2023年的答复里说要建几个": the year is the reply's, not that of what it promised.
_ASKS_SAID = re.compile(r"答复|回复|承诺|说要|说过|计划|打算|预计|拟")
# A question about what was planned or promised, or what became of it.
_ASKS_PLAN = re.compile(r"答复|回复|承诺|说要|说好|说过|计划|打算|预计|拟|目标|力争|争取|原定|原先"
                        r"|安排|下一步|今后|未来|将来|准备|要求")


def _only_years(question: str) -> frozenset[str]:
    """The years a question is about ("2022年…登记了多少笔", "2023年8月至2024年3月期间…"),
    when it asks of no other time: not what happened since, the state now, a change between
    versions, or what a reply of that year said would be done."""
    if (_ASKS_NOW.search(question) or ASKS_OUTCOME.search(question)
            or ASKS_VERSIONS.search(question) or _ASKS_SAID.search(question)):
        return frozenset()
    return frozenset(_YEAR_ASKED.findall(question))


def _choose(scored: list[_Scored], terms: dict[str, float],
            shapes: list[re.Pattern[str]], years: frozenset[str] = frozenset(),
            now: bool = False, asks_plans: bool = True,
            spanning: frozenset[str] = frozenset(),
            reported_on: frozenset[tuple[str, str]] = frozenset()) -> list[_Scored]:
    """The best sentence, then sentences that add what it leaves unanswered.

    A question in two parts ("联系人是谁？电话多少？") needs two sentences; a sentence that
    repeats what is already chosen adds nothing and is left out. Another document's
    sentence must also score close to the best, so one answer rarely mixes sources, and
    not be about a year other than those the question is about, nor, asked for the state
    ``now``, state a plan ("拟将…提高至30%" beside the measure in force) or come from a
    document the best one reports on (``reported_on``: pairs of earlier and later
    document), unless the question asks what was planned.
    """
    best = scored[0]
    chosen = [best]
    # Terms naming the best sentence's document are answered by choosing that document.
    content = {t: w for t, w in terms.items() if t not in _identity(best.hit)}
    total = sum(content.values()) or 1.0
    # Asked what is, another document's plan is not beside a report giving what is asked
    # ("力争2024年突破35亿元" beside "2024年…涉及金额41.75亿元").
    reported = (not asks_plans and not _states_plan(best.text)
                and all(s.search(_with_units(best)) for s in shapes))
    while len(chosen) < MAX_SENTENCES:
        covered = "".join(c.text for c in chosen)
        open_terms = {t: w for t, w in content.items() if not found(t, covered)}
        open_shapes = [s for s in shapes if not s.search(covered)]
        # Another document adds only what the chosen sentences' passages leave out: a
        # table row's caption or the next sentence already names "科创贷".
        passages = "".join(c.hit.chunk.text for c in chosen)
        open_elsewhere = {t: w for t, w in open_terms.items() if not found(t, passages)}
        best_gain, pick = 0.0, None
        for candidate in scored[1:MAX_CANDIDATES]:
            if candidate in chosen or candidate.fit < KEEP_RATIO * best.fit:
                continue
            other = candidate.hit.document.doc_id != best.hit.document.doc_id
            if other and (
                    candidate.fit < OTHER_DOCUMENT_RATIO * best.fit
                    or _about_another_year(candidate.text, candidate.hit.chunk.text, years)
                    or ((now or reported) and _states_plan(candidate.text))
                    or (now and not asks_plans and (candidate.hit.document.doc_id,
                                                    best.hit.document.doc_id) in reported_on)):
                continue
            # Another document's sentence gains nothing by a pair of characters spanning
            # two of the question's words ("上服" of "线上服务平台": another platform).
            gain = sum(w for t, w in (open_elsewhere if other else open_terms).items()
                       if found(t, candidate.text)
                       and not (other and t in spanning)) / total
            if shapes:
                gain += SHAPE_BONUS * sum(1 for s in open_shapes if s.search(candidate.text)) \
                    / len(shapes)
            if (candidate.fit >= NEAR_TIE_RATIO * best.fit
                    and candidate.hit.document.doc_id == best.hit.document.doc_id):
                gain = max(gain, MIN_GAIN)  # more of the same document's evidence
            if gain > best_gain:
                best_gain, pick = gain, candidate
        if pick is None or best_gain < MIN_GAIN:
            break
        chosen.append(pick)
    return chosen


def _the_programme_named_first(words: list[str], idf: Callable[[str], float],
                               scored: list[_Scored], texts: dict[str, str]) -> list[_Scored]:
    """A word of the question that another document's title holds and the best sentence's
    document never uses names the programme asked about ("…能申请区里人工智能产业的扶持吗"
    answered by the data-elements guide's FAQ on start-ups): that document's sentences
    lead, however much closer the other's wording. A word of NAMED_PROGRAMME_CHARS or more
    characters, not a genre's ("答复", "办法")."""
    lead = scored[0]
    for word in sorted(words, key=idf, reverse=True):
        if len(word) < NAMED_PROGRAMME_CHARS or found(word, texts[lead.hit.document.doc_id]):
            continue
        named = next((c for c in scored[1:MAX_CANDIDATES]
                      if found(word, c.hit.document.title or "")), None)
        if named is not None:
            return [c for c in scored if found(word, c.hit.document.title or "")
                    or found(word, texts.get(c.hit.document.doc_id, ""))]
    return scored


def _about_the_title_word(words: list[str], idf: Callable[[str], float],
                          scored: list[_Scored], texts: dict[str, str]) -> list[_Scored]:
    """The rarest of the question's words that the best document's title holds says what
    the question is about ("…能不能申请区里人工智能产业的扶持"): another document's
    sentences stand beside it only when that document uses the word too, or its own title
    names something of the question the best one's does not ("浦东和澄湾的…分别是多少")."""
    lead = scored[0].hit.document
    in_title = [w for w in words if found(w, lead.title or "")]
    if not in_title:
        return scored
    word = max(in_title, key=idf)

    def about(c: _Scored) -> bool:
        doc = c.hit.document
        return (doc.doc_id == lead.doc_id
                or found(word, texts.get(doc.doc_id, word))
                or any(found(w, doc.title or "") and not found(w, lead.title or "")
                       for w in words))
    return [c for c in scored if about(c)]


def _about_the_quoted_name(question: str, scored: list[_Scored]) -> list[_Scored]:
    """A name the question quotes ("能不能申请“科创贷”") is what it is about: of the
    sentences, those whose passage names it, when some do. A name the asker gives itself
    ("我们是国家级专精特新“小巨人”，…") is not what it asks about."""
    named = quoted_names(about_clauses(question))
    if is_mostly_latin(question):
        # An English question quotes English words ("the 'first set' guide"), its own
        # rendering of a name the documents write in Chinese.
        named = [n for n in named if _CJK_CHARS.search(without_annotations(n))]
    if not named:
        return scored
    # A table's rows stand apart from the caption that names it ("表1“科创贷”…").
    about = [c for c in scored if c.text.startswith("|") or all(
        _names(n, c.hit.chunk.text) or _names(n, _identity(c.hit)) for n in named)]
    # None of the passages found names it: they are about something else.
    return about if len(about) > sum(c.text.startswith("|") for c in scored) else []


def _names(name: str, text: str) -> bool:
    """Whether ``text`` holds ``name``, brackets read alike ("首台(套)", "首台（套）")."""
    return _full_width(name) in _full_width(text)


def _full_width(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")


def _about_another_year(text: str, passage: str, years: frozenset[str]) -> bool:
    """Whether the sentence (with the time it opens with in ``passage``) names years, none of
    them among ``years``."""
    if not years:
        return False
    named = set(_YEAR_ASKED.findall(dated_clause(text, passage)))
    return bool(named) and not named & years


def _with_list(item: _Scored) -> _Scored:
    """A sentence that announces a list ("上传以下材料：") with the items that follow it in
    its passage, verbatim: the items are the answer."""
    if not item.text.rstrip().endswith(LIST_OPENERS):
        return item
    text = item.hit.chunk.text
    start = text.find(item.text)
    if start < 0:
        return item
    rest = sentences(text[start + len(item.text):])[:LIST_ITEMS]
    if not rest:
        return item
    end = text.find(rest[-1], start + len(item.text)) + len(rest[-1])
    return replace(item, text=text[start:end].strip())


def _with_faq_answer(item: _Scored) -> _Scored:
    """An FAQ question ("问4：…能否申报？") with the answer that follows it ("答：…"),
    verbatim: the answer is what the asker needs."""
    if not _FAQ_QUESTION.match(item.text):
        return item
    text = item.hit.chunk.text
    start = text.find(item.text)
    if start < 0:
        return item
    after = start + len(item.text)
    answer = _FAQ_ANSWER_BLOCK.match(text, after)
    if answer is None:
        return item
    return replace(item, text=text[start:answer.end()].rstrip())


def _with_date(item: _Scored) -> _Scored:
    """A clause that names no time, quoted from the start of its sentence when that names
    one ("截至2023年4月底，…1720套；已入住3579套，入住率92.7%"): a figure is read with its
    date. Not when the sentence up to it is too long to quote."""
    dated = dated_clause(item.text, item.hit.chunk.text)
    if dated == item.text or len(dated) > MAX_DATED_QUOTE:
        return item
    return replace(item, text=dated)


def _compose(chosen: list[_Scored]) -> Answer:
    citations: list[Citation] = []
    parts: list[str] = []
    dated = [_with_date(c) for c in chosen]
    items = [_with_faq_answer(_with_list(c)) for c in dated]
    for i, item in enumerate(items):
        doc_id = item.hit.document.doc_id
        if any(item.text in c.quote for c in citations if c.doc_id == doc_id):
            continue  # already quoted with the list, FAQ answer or date it belongs to
        if any(item.text in later.text and later is not chosen[j]
               for j, later in enumerate(dated[i + 1:], start=i + 1)
               if later.hit.document.doc_id == doc_id):
            continue  # the opening of a sentence quoted in full later, with its date
        n = len(citations) + 1
        doc = item.hit.document
        citations.append(Citation(
            n=n, doc_id=doc.doc_id, title=doc.title, doc_number=doc.metadata.get("doc_number"),
            source=doc.source, locator=item.hit.chunk.locator, quote=item.text,
            score=round(min(item.fit, 1.0), 3),
        ))
        parts.append(f"{item.label}{_readable(item).rstrip(_END_PUNCT)}[{n}]。")
    return Answer("".join(parts), False, citations, [])


def _readable(item: _Scored) -> str:
    """A sentence as the answer says it: a table row as its columns' names with their
    values ("合作银行：澄湾科创银行，贷款金额（亿元）：7.15"); the quote keeps the row."""
    header = item.hit.chunk.text.split("\n", 1)[0]
    if not item.text.startswith("|") or not header.startswith("|") or header == item.text:
        return item.text
    names, values = _cells(header), _cells(item.text)
    if len(names) != len(values):
        return item.text
    return "，".join(f"{name}：{value}" for name, value in zip(names, values, strict=True))
