"""The commitments register over a real store: the seed's promises, progress links, filters."""

from __future__ import annotations

import csv
import gc
import io
import json
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import CORPUS, ROOT, SEED

from ingest.chunk import chunk_document
from ingest.clean import clean_text
from ingest.metadata import parse_metadata
from kbqa.config import get_settings
from qa.commitments import (
    CSV_COLUMNS,
    Commitment,
    CommitmentRegister,
    asks_for_progress,
    commitment_question,
    extract_commitments,
    to_csv,
)
from qa.commitments import register as register_module
from qa.commitments.progress import link_progress
from qa.commitments.register import build_register
from qa.commitments.walk import reply_body
from qa.service import KnowledgeBase
from store.doctable import ChunkRow, DocumentRow

SEED_NAME = SEED.name
PLEDGE = "reply_2023_ip_pledge.txt"
FOLLOWUP = "reply_2025_ip_followup.txt"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[KnowledgeBase]:  # type: ignore[no-untyped-def]
    base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("commitments")), embedder)
    summary = base.ingest([SEED, CORPUS / PLEDGE, CORPUS / FOLLOWUP])
    assert summary.added == 3 and not summary.failed
    yield base
    base.close()


@pytest.fixture(scope="module")
def register(kb: KnowledgeBase) -> CommitmentRegister:
    return CommitmentRegister(kb.store)


def labels_of(source: str) -> list[dict]:
    lines = (ROOT / "evals" / "commitments_labels.jsonl").read_text("utf-8").splitlines()
    return [label for label in map(json.loads, filter(None, lines)) if label["source"] == source]


def overlaps(first: str, second: str, text: str) -> bool:
    """The evaluation's rule: the spans share at least half of the shorter quote."""
    a, b = text.find(first), text.find(second)
    shared = min(a + len(first), b + len(second)) - max(a, b)
    return a >= 0 and b >= 0 and shared >= 0.5 * min(len(first), len(second))


def of_source(register: CommitmentRegister, source: str) -> list[Commitment]:
    return [c for c in register.all() if c.source == source]


# -- the seed ----------------------------------------------------------------------------


def test_seed_register_lists_every_labelled_commitment(kb: KnowledgeBase,
                                                       register: CommitmentRegister) -> None:
    found = of_source(register, SEED_NAME)
    labels = labels_of(SEED_NAME)
    assert len(labels) >= 5
    text = kb.store.table.document_text(found[0].doc_id) or ""
    for label in labels:
        assert any(overlaps(label["quote"], c.quote, text) for c in found), label["quote"]
    assert len(found) == len(labels)


@pytest.mark.parametrize("not_a_promise", [
    "共完成质押融资登记445笔",  # past achievement
    "已有13家金融机构入驻",  # past fact before the promise in the same sentence
    "累计发榜526项",
    "超40家垂类大模型企业发布产品",
    "也在持续推进",  # an ongoing state
    "企业在人工智能领域投入将增加",  # a forecast about enterprises
    "我们将持续推进各项举措",  # the closing courtesy
    "对我们的工作具有重要指导意义",  # a statement of importance
])
def test_seed_register_holds_no_past_fact_forecast_or_courtesy(register: CommitmentRegister,
                                                               not_a_promise: str) -> None:
    assert not [c.quote for c in of_source(register, SEED_NAME) if not_a_promise in c.quote]


def test_mixed_sentence_yields_only_its_promise_clause(register: CommitmentRegister) -> None:
    branch = next(c for c in of_source(register, SEED_NAME) if "分中心" in c.quote)
    assert branch.quote == "后续还将增设分中心"
    assert branch.topic == "浦东融资服务中心分中心"
    platform = next(c for c in of_source(register, SEED_NAME) if "持续升级" in c.quote)
    assert platform.topic == "浦东国际揭榜挂帅公共服务平台"


def test_seed_commitments_carry_the_reply_metadata(register: CommitmentRegister) -> None:
    for commitment in of_source(register, SEED_NAME):
        assert commitment.doc_number == "浦科经委办理〔2025〕66号"
        assert commitment.proposal_number == 137 and commitment.proposal_kind == "提案"
        assert commitment.proposer == "陈运文"
        assert commitment.date == "2025-05-09"
        assert commitment.agency == "上海市浦东新区科技和经济委员会"


def test_every_quote_is_verbatim_in_its_document_and_chunk(kb: KnowledgeBase,
                                                           register: CommitmentRegister) -> None:
    commitments = register.all()
    assert commitments
    for commitment in commitments:
        text = kb.store.table.document_text(commitment.doc_id)
        assert text is not None and commitment.quote in text
        chunks = kb.store.table.chunks(commitment.doc_id)
        assert any(commitment.quote in c.text and c.locator == commitment.locator
                   for c in chunks)
        for report in commitment.progress:
            assert report.quote in (kb.store.table.document_text(report.doc_id) or "")


def test_ids_are_stable_across_rebuilds(kb: KnowledgeBase, register: CommitmentRegister) -> None:
    again = CommitmentRegister(kb.store).all()
    assert [c.id for c in again] == [c.id for c in register.all()]
    assert len({c.id for c in again}) == len(again)


# -- the synthetic pledge and its follow-up ----------------------------------------------


def test_pledge_fields_deadline_and_target(register: CommitmentRegister) -> None:
    pool = next(c for c in of_source(register, PLEDGE) if c.quote.startswith("一是"))
    assert pool.topic == "知识产权质押融资风险补偿资金池"
    assert pool.deadline == "2024年底前" and pool.target == "不低于5000万元"
    assert (pool.proposal_number, pool.proposal_kind, pool.date) == (58, "提案", "2023-06-20")
    assert pool.agency == "澄湾新区知识产权局"
    assert pool.doc_number == "澄知局办理〔2023〕15号"


def test_pool_commitment_links_to_the_followup_report(kb: KnowledgeBase,
                                                      register: CommitmentRegister) -> None:
    pool = next(c for c in of_source(register, PLEDGE) if "资金池" in c.topic and c.deadline)
    reports = [r for r in pool.progress if r.source == FOLLOWUP]
    assert reports, pool
    assert any("已于2024年9月正式设立" in r.quote and "6000万元" in r.quote for r in reports)
    assert all(r.date == "2025-04-18" for r in reports)


def test_workstations_link_and_unreported_commitments_do_not(register: CommitmentRegister) -> None:
    stations = next(c for c in of_source(register, PLEDGE) if "工作站" in c.topic)
    assert [r.source for r in stations.progress] == [FOLLOWUP]
    assert "已建成4个" in stations.progress[0].quote
    disposal = next(c for c in of_source(register, PLEDGE) if "处置路径" in c.quote)
    assert disposal.progress == []
    # The follow-up's own promises are the newest: nothing reports on them yet.
    assert all(c.progress == [] for c in of_source(register, FOLLOWUP))


def test_followup_recital_of_old_promises_is_not_a_new_commitment(
        register: CommitmentRegister) -> None:
    quotes = [c.quote for c in of_source(register, FOLLOWUP)]
    assert not [q for q in quotes if "时承诺" in q or q.startswith("2024年底前设立")]
    assert "我们将在2025年底前推动合作银行由8家增加至12家" in quotes
    split = next(c for c in of_source(register, FOLLOWUP) if "知产融" in c.quote)
    assert split.deadline == "2025年6月底前"


# -- filters, export -----------------------------------------------------------------------


def test_filter_by_agency_year_topic_proposal_and_doc(register: CommitmentRegister) -> None:
    everything = register.all()
    ip_office = register.filter(agency="区知识产权局")
    assert ip_office and {c.source for c in ip_office} == {PLEDGE, FOLLOWUP}
    assert register.filter(agency="知产局") == ip_office
    assert {c.source for c in register.filter(agency="浦东新区科技和经济委员会")} == {SEED_NAME}
    assert {c.source for c in register.filter(year=2023)} == {PLEDGE}
    assert {c.source for c in register.filter(year=2025)} == {SEED_NAME, FOLLOWUP}
    pools = register.filter(topic="资金池")
    assert pools and all(c.source == PLEDGE for c in pools)
    assert register.filter(topic="揭榜挂帅平台")[0].source == SEED_NAME
    assert {c.source for c in register.filter(proposal_number=137)} == {SEED_NAME}
    assert register.filter(agency="区知识产权局", year=2025) == \
        [c for c in ip_office if c.source == FOLLOWUP]
    seed_id = of_source(register, SEED_NAME)[0].doc_id
    assert register.filter(doc_id=seed_id) == of_source(register, SEED_NAME)
    assert register.filter() == everything
    assert register.filter(agency="区生态环境局") == []


def test_csv_export_round_trips(register: CommitmentRegister) -> None:
    commitments = register.all()
    text = to_csv(commitments)
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(commitments)
    for row, commitment in zip(rows, commitments, strict=True):
        assert row["quote"] == commitment.quote and row["id"] == commitment.id
        assert row["deadline"] == (commitment.deadline or "")
        assert row["proposal_number"] == str(commitment.proposal_number)
        progress = json.loads(row["progress"])
        assert [p["quote"] for p in progress] == [p.quote for p in commitment.progress]


# -- rebuilding, other kinds of document ---------------------------------------------------


def test_register_rebuilds_when_the_store_changes(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    base = KnowledgeBase(get_settings(store=tmp_path), embedder)
    try:
        assert not base.ingest([CORPUS / PLEDGE]).failed
        register = CommitmentRegister(base.store)
        assert register.all() and all(c.progress == [] for c in register.all())
        assert not base.ingest([CORPUS / FOLLOWUP]).failed
        stations = next(c for c in register.all() if "工作站" in c.topic)
        assert [r.source for r in stations.progress] == [FOLLOWUP]
        base.delete(base.store.doc_id_of(FOLLOWUP))
        assert all(c.source == PLEDGE and c.progress == [] for c in register.all())
    finally:
        base.close()


def test_a_rebuild_reads_again_only_the_documents_that_changed(
        tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    reads: list[tuple[str, str]] = []

    def counted(what: str, read):  # type: ignore[no-untyped-def]
        def wrapper(document: DocumentRow, chunks: list[ChunkRow]):  # type: ignore[no-untyped-def]
            reads.append((what, document.source))
            return read(document, chunks)
        return wrapper

    monkeypatch.setattr(register_module, "extract_commitments",
                        counted("commitments", register_module.extract_commitments))
    monkeypatch.setattr(register_module, "read_document",
                        counted("readings", register_module.read_document))
    base = KnowledgeBase(get_settings(store=tmp_path), embedder)
    try:
        assert not base.ingest([CORPUS / PLEDGE, CORPUS / FOLLOWUP]).failed
        register = CommitmentRegister(base.store)
        register.all()
        assert sorted(reads) == sorted((w, s) for w in ("commitments", "readings")
                                       for s in (PLEDGE, FOLLOWUP))
        reads.clear()
        followup_id = base.store.doc_id_of(FOLLOWUP)
        old_chunks = [weakref.ref(c) for c in base.store.snapshot().chunks.values()
                      if c.doc_id == followup_id]
        changed = tmp_path / PLEDGE
        changed.write_text((CORPUS / PLEDGE).read_text("utf-8") + "\n特此答复。\n", "utf-8")
        assert not base.ingest([changed, SEED]).failed
        rebuilt = register.all()
        assert sorted(reads) == sorted((w, s) for w in ("commitments", "readings")
                                       for s in (PLEDGE, SEED_NAME))
        # The same register as one built from nothing, progress included.
        assert rebuilt == build_register(base.store.snapshot())
        assert any(c.progress for c in rebuilt if c.source == PLEDGE)
        # What it remembers of the unchanged follow-up keeps no chunk of the old snapshot.
        gc.collect()
        assert old_chunks and all(ref() is None for ref in old_chunks)
    finally:
        base.close()


def test_the_cycle_collector_is_paused_only_while_a_register_is_built(
        kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        raise RuntimeError("stop")

    assert gc.isenabled()
    monkeypatch.setattr(register_module, "link_progress", failing)
    with pytest.raises(RuntimeError):
        build_register(kb.store.snapshot())
    assert seen == [False] and gc.isenabled()


def prepared(name: str, text: str, doc_id: str = "d1") -> tuple[DocumentRow, list[ChunkRow]]:
    """A document and its chunks as the store would hold them, without embedding."""
    cleaned = clean_text(text)
    meta = parse_metadata(cleaned)
    title, doc_type = (str(meta[k]) if k in meta else None for k in ("title", "doc_type"))
    document = DocumentRow(doc_id, name, "h", title, doc_type, dict(meta), "", 0)
    chunks = [ChunkRow(f"{doc_id}c{c.seq}", doc_id, c.seq, c.locator, c.section, c.text, [])
              for c in chunk_document(cleaned)]
    return document, chunks


def test_a_policy_document_has_no_commitments() -> None:
    text = (CORPUS / "policy_2024_ai_measures.txt").read_text("utf-8")
    document, chunks = prepared("policy.txt", text)
    assert document.doc_type == "policy"
    assert extract_commitments(document, chunks) == []


# A made-up reply (not in the corpus) with the cases the rule separates.
MADE_UP_REPLY = """办理结果：解决或采纳

某某新区文化旅游局

某文旅办理〔2025〕3号

关于对某某新区政协一届一次会议第9号提案的答复

王某委员：

您提出的《关于发展夜间文旅的提案》（第9号）收悉。您建议将夜游线路纳入全域旅游规划。经研究，现答复如下：

一、工作现状

2024年，全区共举办夜游活动36场。滨江夜游线路已于2024年5月开通，累计接待游客12万人次。我局将夜游项目纳入年度考核。预计全年夜游企业营收增长10%。

下一步，我们将加强与市级部门的沟通协调，争取更多夜游资源。

二、下一步工作

一是2025年底前新增夜游线路2条；

二是编制夜间文旅地图，向游客免费发放。

三是加强夜游安全管理。联合区应急局开展安全检查，2025年内不少于4次。

上述工作完成后，我局将及时向您反馈办理进展。

感谢您对文旅工作的关心和支持，我们将持续推进各项工作。

某某新区文化旅游局

2025年3月1日
"""


def test_made_up_reply_follows_the_labelling_rule() -> None:
    document, chunks = prepared("made_up.txt", MADE_UP_REPLY)
    quotes = [c.quote for c in extract_commitments(document, chunks)]
    assert quotes == [
        "下一步，我们将加强与市级部门的沟通协调，争取更多夜游资源",
        "一是2025年底前新增夜游线路2条",
        "二是编制夜间文旅地图，向游客免费发放",
        "联合区应急局开展安全检查，2025年内不少于4次",
    ]
    commitments = extract_commitments(document, chunks)
    assert commitments[1].deadline == "2025年底前" and commitments[1].target == "2条"
    assert commitments[3].topic == "夜游安全管理"  # from the headline "三是加强夜游安全管理。"
    assert commitments[3].target == "不少于4次" and commitments[3].deadline == "2025年内"


# Made-up replies (not in the corpus): a promise, a later reply that cites it by number and
# reports on it under a heading that names the fund by a short form, and an older promise of
# another agency with a like-named fund.
PROMISED = """办理结果：列入计划拟解决

某某新区文化旅游局

某文旅办理〔2023〕3号

关于对某某新区政协一届一次会议第9号提案的答复

王某委员：

您提出的《关于发展夜间文旅的提案》（第9号）收悉。经研究，现答复如下：

一、下一步工作

一是2023年底前设立某某新区夜间文旅消费促进专项资金，规模2000万元。

二是2023年9月上线“夜游某某”导览小程序，提供线路查询和在线预约服务。

感谢您对文旅工作的关心和支持。

某某新区文化旅游局

2023年3月1日
"""

FOLLOWUP_REPLY = """办理结果：解决或采纳

某某新区文化旅游局

某文旅办理〔2024〕8号

关于对某某新区政协一届二次会议第21号提案的答复

李某委员：

您提出的《关于繁荣夜间经济的提案》（第21号）收悉。经研究，现答复如下：

一、2023年答复承诺事项的落实情况

2023年，我局在答复区政协一届一次会议第9号提案（某文旅办理〔2023〕3号）时承诺：2023年底前设立夜间文旅消费促进专项资金；2023年9月上线“夜游某某”导览小程序。落实情况如下：

（一）消费促进专项资金。受年度预算安排影响，资金于2024年2月正式设立，较原计划推迟两个月；首期到位1500万元。

感谢您对文旅工作的关心和支持。

某某新区文化旅游局

2024年4月1日
"""

OTHER_PROMISE = """办理结果：列入计划拟解决

某某新区商务委员会

某商务办理〔2022〕5号

关于对某某新区政协一届一次会议第30号提案的答复

赵某委员：

您提出的《关于促进消费的提案》（第30号）收悉。经研究，现答复如下：

一、下一步工作

一是2022年底前设立消费促进专项资金，支持商圈开展促销活动。

感谢您对商务工作的关心和支持。

某某新区商务委员会

2022年3月1日
"""


def linked_made_up(followup: str) -> dict[str, list[str]]:
    """Topic of each made-up commitment and the quotes of its progress reports."""
    documents = [prepared("other.txt", OTHER_PROMISE, "o"), prepared("promise.txt", PROMISED, "p"),
                 prepared("followup.txt", followup, "f")]
    commitments = [c for d, chunks in documents for c in extract_commitments(d, chunks)]
    linked = link_progress(commitments, [d for d, _ in documents],
                           {d.doc_id: chunks for d, chunks in documents})
    return {c.topic: [r.quote for r in c.progress] for c in linked}


def report_from(agency: str, number: str) -> str:
    """A made-up later reply of ``agency`` that reports the fund set up, citing nothing."""
    return f"""办理结果：解决或采纳

{agency}

{number}

关于对政协一届二次会议第40号提案的答复

周某委员：

您提出的《关于夜间消费的提案》（第40号）收悉。经研究，现答复如下：

一、工作进展

全区夜间文旅消费促进专项资金已于2023年12月正式设立，规模2000万元。

感谢您对文旅工作的关心和支持。

{agency}

2024年1月10日
"""


def test_a_report_links_within_its_district_or_from_a_document_naming_none() -> None:
    documents = [prepared("promise.txt", PROMISED, "p")] + [
        prepared(f"{doc_id}.txt", report_from(agency, f"某文办理〔2024〕{n}号"), doc_id)
        for n, (doc_id, agency) in enumerate([("same", "某某新区文化旅游局"),
                                              ("other", "临溪新区文化旅游局"),
                                              ("none", "文化旅游工作专班")], start=1)]
    commitments = [c for d, chunks in documents for c in extract_commitments(d, chunks)]
    linked = link_progress(commitments, [d for d, _ in documents],
                           {d.doc_id: chunks for d, chunks in documents})
    fund = next(c for c in linked if "专项资金" in c.topic)
    assert sorted(r.doc_id for r in fund.progress) == ["none", "same"]


def test_sentences_know_the_heading_they_stand_under() -> None:
    _, chunks = prepared("followup.txt", FOLLOWUP_REPLY)
    headed = {s.text: s.heading for s in reply_body(chunks)}
    assert headed["受年度预算安排影响，资金于2024年2月正式设立，较原计划推迟两个月；"] \
        == "（一）消费促进专项资金。"
    assert headed["首期到位1500万元。"] == "（一）消费促进专项资金。"
    assert headed["（一）消费促进专项资金。"] == ""
    assert headed["落实情况如下："] == ""  # the paragraph before the heading


def test_report_under_a_heading_that_names_the_topic_links() -> None:
    linked = linked_made_up(FOLLOWUP_REPLY)
    fund = linked["某某新区夜间文旅消费促进专项资金"]
    # Quoted through the end of its sentence: the figure that follows the "；" is the report.
    assert fund == ["受年度预算安排影响，资金于2024年2月正式设立，较原计划推迟两个月；"
                    "首期到位1500万元。"]
    # The follow-up's report on the reply it cites is not another agency's like-named fund's.
    assert linked["消费促进专项资金"] == []
    # Without the heading "资金" alone does not name the fund.
    assert linked_made_up(FOLLOWUP_REPLY.replace("（一）消费促进专项资金。", ""))[
        "某某新区夜间文旅消费促进专项资金"] == []


def test_retelling_of_the_promise_is_not_a_report() -> None:
    # "…时承诺：…；2023年9月上线…导览小程序。" retells the promise: its clauses report nothing,
    # though "2023年9月上线" would read as done in a sentence of its own.
    assert linked_made_up(FOLLOWUP_REPLY)["“夜游某某”导览小程序"] == []
    done = "“夜游某某”导览小程序于2023年9月正式上线。"
    told = FOLLOWUP_REPLY.replace("落实情况如下：", f"落实情况如下：\n\n{done}")
    assert linked_made_up(told)["“夜游某某”导览小程序"] == [done]


# -- questions -----------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "expected"), [
    ("137号提案答复里承诺了什么？", {"proposal_number": 137}),
    ("区知识产权局承诺过什么", {"agency": "区知识产权局"}),
    ("區知識產權局承諾過什麼", {"agency": "区知识产权局"}),
    ("有哪些承诺还没落实？", {}),
    ("下一步有什么工作安排？", {}),
    ("137号提案答复中，对浦东融资服务中心后续有什么安排？",
     {"proposal_number": 137, "topic": "浦东融资服务中心"}),
    ("2023年区知识产权局承诺设立的知识产权质押融资风险补偿资金池落实了吗？",
     {"agency": "区知识产权局", "year": 2023, "topic": "知识产权质押融资风险补偿资金池"}),
    ("关于海外仓有什么计划？", {"topic": "海外仓"}),
    ("揭榜挂帅平台累计发榜多少项？", None),
    ("区知识产权局计划什么时候上线“知产融”线上服务平台？", None),
    ("2024年计划开展补贴性职业技能培训多少人次？", None),
    ("明天上海的天气怎么样？", None),
    # The asker's own plan, or what to prepare, is no question about a unit's promises.
    ("我们是市级专精特新企业，打算上一个技术改造项目，申请区里技改支持需要满足哪些门槛？", None),
    ("外籍人才办理工作许可需要准备哪些材料？", None),
    ("区科经委今年打算出台哪些新政策？", {"agency": "区科经委"}),
    ("区委金融办答应的风险补偿资金池后来钱到位了吗",
     {"agency": "区委金融办", "topic": "风险补偿资金池"}),
])
def test_commitment_question(question: str, expected: dict | None) -> None:
    assert commitment_question(question) == expected


def test_question_filter_finds_the_commitments(register: CommitmentRegister) -> None:
    implied = commitment_question("137号提案答复里承诺了什么？")
    assert implied is not None
    assert register.filter(**implied) == of_source(register, SEED_NAME)
    implied = commitment_question("137号提案答复中，对浦东融资服务中心后续有什么安排？")
    assert implied is not None
    assert [c.quote for c in register.filter(**implied)] == ["后续还将增设分中心"]


def test_a_report_clause_is_quoted_through_the_end_of_its_sentence() -> None:
    from qa.commitments.progress import _whole_sentence

    text = ("（一）消费券。受预算安排影响，消费券于2023年8月正式发放，较原计划推迟两个月；"
            "首期发放3000万元，剩余部分列入2024年预算。\n\n（二）夜市。")
    clause = "受预算安排影响，消费券于2023年8月正式发放，较原计划推迟两个月；"
    whole = _whole_sentence(clause, text)
    assert whole.startswith(clause) and whole.endswith("剩余部分列入2024年预算。")
    assert whole in text
    # A clause that ends its sentence, or that is not in the text, stays as it is.
    assert _whole_sentence("首期发放3000万元，剩余部分列入2024年预算。", text).endswith("预算。")
    assert _whole_sentence("不在文中；", text) == "不在文中；"


@pytest.mark.parametrize(("question", "wanted"), [
    ("区知识产权局承诺什么时候设立资金池？首期规模多少？", False),  # the promise's own figures
    ("区知识产权局承诺设立的资金池落实了吗？实际规模多少？", True),
    ("资金池后来是什么时候设立的？", True),
    ("58号提案答复里承诺了什么？", True),  # promises in general: with what became of them
])
def test_progress_is_reported_when_the_question_asks_what_became_of_it(
        question: str, wanted: bool) -> None:
    assert asks_for_progress(question) is wanted


def test_a_question_for_the_promise_alone_cites_only_the_reply(kb: KnowledgeBase) -> None:
    promise_only = kb.ask("区知识产权局承诺什么时候设立风险补偿资金池？首期规模多少？")
    assert not promise_only.refused
    assert {c.source for c in promise_only.citations} == {PLEDGE}
    assert "2024年底前" in promise_only.answer and "5000万元" in promise_only.answer
    # The later report is not quoted, but the reader learns that there is one.
    assert "份后续文件报告了进展" in promise_only.answer
    outcome = kb.ask("区知识产权局承诺设立的风险补偿资金池落实了吗？实际规模多少？")
    assert any(c.source == FOLLOWUP and "6000万元" in c.quote for c in outcome.citations)
