"""How people really ask: slips of the pinyin keyboard, short years, questions anchored to a
moment, and "can we apply?" with the enterprise's own figures."""

from __future__ import annotations

import pytest

from kbqa.config import get_settings
from qa.service import KnowledgeBase, closed_eligibility_question
from qa.text import holds_time_points, normalise_question, time_points
from qa.typos import TypoCorrector


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    from paths import CORPUS

    base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("store")), embedder)
    files = [CORPUS / "reply_2023_talent_apartment.md",
             CORPUS / "reply_2025_talent_apartment_followup.txt",
             CORPUS / "guide_2025_digital_transformation.md"]
    assert not base.ingest(files).failed
    yield base
    base.close()


def test_a_same_sound_slip_is_corrected_to_a_word_of_the_knowledge_base() -> None:
    words = {"质押": 5, "融资": 7, "项目": 9, "贴息": 3, "产权": 4, "罕见": 1}
    typos = TypoCorrector(words)
    assert typos.correct("知识产权质压融资贴息咋申请") == "知识产权质押融资贴息咋申请"
    assert typos.correct("智能工厂项木最多给多少钱") == "智能工厂项目最多给多少钱"
    # A dictionary word is never touched, though a same-sound word is in the store.
    assert typos.correct("补贴封顶多少") == "补贴封顶多少"
    # A word found in one passage only is not trusted as what a slip meant.
    assert TypoCorrector({"罕见": 1}).correct("这个憨见的情况") == "这个憨见的情况"


def test_the_store_corrects_slips_against_its_own_words(kb: KnowledgeBase) -> None:
    assert "项目" in kb._corrected("智能工厂项木最多给多少钱")
    response = kb.ask("数字化车间项木最多给多少钱")
    assert not response.refused
    assert "150万元" in response.answer


@pytest.mark.parametrize(("question", "normal"), [
    ("跨境贷23年一共贷了多少钱", "跨境贷2023年一共贷了多少钱"),
    ("补贴最长3年", "补贴最长3年"),
    ("2023年底有多少家", "2023年底有多少家"),
])
def test_a_short_year_is_read_as_a_full_one(question: str, normal: str) -> None:
    assert normalise_question(question) == normal


def test_time_points_are_read_and_matched() -> None:
    assert time_points("2023年4月底全区有多少套？到2021年末呢？") == ["2023年4月底", "2021年底"]
    assert holds_time_points(["2023年4月底"], "截至2023年4月底，全区累计筹集人才公寓3860套")
    assert not holds_time_points(["2023年4月底"], "截至2025年3月底，全区人才公寓共5140套")
    # A month asked about ("in April 2024") is named by its end.
    assert holds_time_points(["2024年4月"], "截至2024年4月底，全区共有企业服务专员173名")
    assert not holds_time_points(["2024年4月"], "截至2024年10月底，专员230名")


def test_each_part_is_answered_for_the_moment_it_names(kb: KnowledgeBase) -> None:
    response = kb.ask("2023年4月底全区有多少套人才公寓？到2025年3月底又有多少套？")
    assert not response.refused
    shown = response.answer + "".join(c.quote for c in response.citations)
    assert "3860套" in shown and "5140套" in shown
    sources = {c.source for c in response.citations}
    assert {"reply_2023_talent_apartment.md", "reply_2025_talent_apartment_followup.txt"} <= sources


def test_may_we_apply_is_answered_with_the_condition_the_figures_miss(
        kb: KnowledgeBase) -> None:
    question = "我们去年营收800万元，想申报数字化车间项目，可以吗？"
    assert closed_eligibility_question(normalise_question(question))
    response = kb.ask(question)
    assert not response.refused
    assert response.answer.startswith("按您所说的情况")
    assert "800万元" in response.answer.splitlines()[0]
    first = response.citations[0]
    assert "2000万元" in first.quote
    text = kb.store.table.document_text(first.doc_id)
    assert text is not None and first.quote in text
    # Every [n] of the answer points at a citation, numbered from 1 without gaps.
    assert [c.n for c in response.citations] == list(range(1, len(response.citations) + 1))
    for c in response.citations:
        assert f"[{c.n}]" in response.answer


def test_a_firm_meeting_the_figures_gets_no_verdict_line(kb: KnowledgeBase) -> None:
    response = kb.ask("我们去年营收5000万元，想申报数字化车间项目，可以吗？")
    assert not response.refused
    assert not response.answer.startswith("按您所说的情况")


# A small guide written for these tests (synthetic): an FAQ and a product with a pinyin name.
_GUIDE = """关于开展2025年度澄湾新区小微企业惠企贷贴息申报工作的通知

各有关企业：

为支持小微企业融资，现将2025年度惠企贷贴息申报工作有关事项通知如下。

一、支持标准

对小微企业通过惠企贷获得的贷款，按实际支付利息的40%给予贴息，每家企业每年最高不超过30万元。惠企贷单户授信额度最高500万元。

二、申报方式

申报单位登录澄湾新区企业服务云平台在线填报，申报时间为2025年4月1日至2025年4月30日。

附件：常见问题解答

问1：个体工商户能否申报惠企贷贴息？

答：不能。申报主体须为在澄湾新区注册登记的小微企业法人。

问2：同一笔惠企贷能否同时申请其他贴息？

答：不能。同一笔贷款只能享受一项区级贴息政策，不得重复申报。

澄湾新区金融服务中心
2025年3月10日
"""


@pytest.fixture(scope="module")
def guide_kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("guide")
    (folder / "guide_huiqidai.txt").write_text(_GUIDE, encoding="utf-8")
    base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("store")), embedder)
    assert not base.ingest([folder]).failed
    yield base
    base.close()


def test_an_faq_question_is_quoted_with_its_answer(guide_kb: KnowledgeBase) -> None:
    response = guide_kb.ask("个体工商户可以申报惠企贷贴息吗？")
    assert not response.refused
    quotes = [c.quote for c in response.citations]
    faq = next(q for q in quotes if q.startswith("问1"))
    assert "答：不能" in faq and "小微企业法人" in faq
    text = guide_kb.store.table.document_text(response.citations[0].doc_id)
    assert text is not None and all(q in text for q in quotes)
    # A sentence quoted inside the FAQ answer is not quoted a second time.
    assert not any(q.startswith("答：") for q in quotes)


def test_an_english_question_finds_a_pinyin_name_and_quoted_chinese(
        guide_kb: KnowledgeBase) -> None:
    assert guide_kb._corrected("What is the credit line of Huiqidai?") == (
        "What is the credit line of Huiqidai (惠企贷)?")
    # Already glossed: left as it is.
    assert guide_kb._corrected("What about Huiqidai (惠企贷)?") == "What about Huiqidai (惠企贷)?"
    response = guide_kb.ask("What is the maximum credit line per company under Huiqidai?")
    assert not response.refused
    assert "500万元" in response.answer


def test_document_numbers_are_read_in_any_brackets() -> None:
    from qa.text import doc_numbers

    question = normalise_question("澄科经委规[2021]3号和澄科经委规（2022）4号还有效吗？")
    assert doc_numbers(question) == ["澄科经委规〔2021〕3号", "澄科经委规〔2022〕4号"]
    assert doc_numbers(normalise_question("第58号提案")) == []


def test_how_a_reply_answered_starts_with_its_handling_result(kb: KnowledgeBase) -> None:
    response = kb.ask("吕晓岚代表提的青年人才安居保障建议，人才工作局是怎么答复的？")
    assert not response.refused
    first = response.citations[0]
    assert first.source == "reply_2023_talent_apartment.md"
    assert first.quote == "办理结果：列入计划拟解决"
    # The reply's retelling of the proposal is not given as its answer.
    assert not any(c.quote.startswith(("您在建议中", "您提出的《")) for c in response.citations)


def test_who_made_a_proposal_is_answered_by_the_salutation(kb: KnowledgeBase) -> None:
    response = kb.ask("青年人才安居保障的建议是哪位代表提的？")
    assert not response.refused
    first = response.citations[0]
    assert first.source == "reply_2023_talent_apartment.md"
    assert first.quote.startswith("吕晓岚代表")
    text = kb.store.table.document_text(first.doc_id)
    assert text is not None and first.quote in text


def test_what_a_proposal_pointed_out_is_its_retelling(kb: KnowledgeBase) -> None:
    response = kb.ask("青年人才安居保障的建议中指出的问题有哪些？")
    assert not response.refused
    assert any(c.quote.startswith("您在建议中") for c in response.citations)


@pytest.mark.parametrize(("question", "parts"), [
    ("二期原定什么时候建成？实际什么时候投运，新增了多少算力？",
     ["二期原定什么时候建成？", "实际什么时候投运", "新增了多少算力？"]),
    # A clause that does not ask is the context of the clause that does.
    ("在孵企业房租补贴比例，2023年答复提案时是多少？",
     ["在孵企业房租补贴比例，2023年答复提案时是多少？"]),
    ("浦东国际揭榜挂帅公共服务平台累计发榜多少项？",
     ["浦东国际揭榜挂帅公共服务平台累计发榜多少项？"]),
])
def test_each_asking_clause_is_a_part(question: str, parts: list[str]) -> None:
    from qa.text import question_parts

    assert question_parts(question) == parts


def test_a_table_is_read_row_by_row_under_its_header() -> None:
    from qa.answer import _score_sentences
    from qa.retrieve import Hit
    from store.doctable import ChunkRow, DocumentRow

    table = ("| 合作银行 | 贷款笔数（笔） | 贷款金额（亿元） |\n"
             "| 澄湾农商银行 | 93 | 6.82 |\n| 澄湾科创银行 | 88 | 7.15 |")
    doc = DocumentRow("d", "reply.docx", "h", "答复", "reply", {}, "", 0)
    hit = Hit(ChunkRow("d1", "d", 0, "一、落实情况 ¶5–7", "一、落实情况", table, []), doc,
              1.0, None, None)
    terms = {"澄湾科创银行": 3.0, "贷款金额": 2.0}
    scored = _score_sentences(terms, [], [hit])
    texts = [s.text for s in scored]
    # The header names columns: never a candidate; the row is scored with it.
    assert not any(t.startswith("| 合作银行") for t in texts)
    assert scored[0].text == "| 澄湾科创银行 | 88 | 7.15 |"
    assert scored[0].fit == pytest.approx(1.0)


@pytest.mark.parametrize(("question", "refused"), [
    ("人才公寓可以养宠物吗？", True),  # no document says anything of pets
    ("申请人才公寓需要交押金吗？", True),
    ("人才公寓期满可以续租吗？", False),
])
def test_a_yes_or_no_about_something_no_document_names_is_refused(
        kb: KnowledgeBase, question: str, refused: bool) -> None:
    response = kb.ask(question)
    assert response.refused is refused
    if not refused:
        assert any("续租" in c.quote for c in response.citations)
