"""A unit that took over another's work answers for its promises, and a question about one
promise of a unit that made many is answered with that promise."""

from __future__ import annotations

import pytest

from qa.commitments import commitment_question
from qa.service import KnowledgeBase

EARLIER = "reply_2022_loan_risk_pool.txt"  # by the former finance bureau
LATER = "reply_2024_sci_loan_followup.docx"  # by the unit that took its work over


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb(EARLIER, LATER)


def test_the_successor_unit_answers_for_its_predecessors_promises(kb: KnowledgeBase) -> None:
    ours = kb.commitments.filter(agency="区委金融办")
    made_before = [c for c in ours if c.source == EARLIER]
    # Made by the former bureau, reported on later by the unit that took its work over.
    assert made_before and all("金融工作局" in (c.agency or "") for c in made_before)
    assert any(p.source == LATER for c in made_before for p in c.progress)
    assert any(c.source == LATER for c in ours)
    # A unit that never reported on them does not answer for them.
    assert not [c for c in kb.commitments.filter(agency="区知识产权局") if c.source == EARLIER]


def test_a_promise_asked_about_in_other_words_is_answered_with_its_report(
        kb: KnowledgeBase) -> None:
    response = kb.ask("区委金融办答应的风险补偿资金池后来钱到位了吗")
    assert not response.refused
    assert response.answer.startswith("答复文件中共有1项承诺事项")
    assert [c.source for c in response.citations] == [EARLIER, LATER]
    assert "7500万元" in response.citations[1].quote


def test_asked_only_how_much_came_of_a_promise_the_report_answers(kb: KnowledgeBase) -> None:
    # "Did it arrive" is answered with the promise and its progress (above); "how much
    # arrived" with the report's figure first.
    response = kb.ask("科技信贷风险补偿资金池承诺规模1个亿，最后首期实际到位了多少钱？")
    assert not response.refused, response.answer
    assert not response.answer.startswith("答复文件中共有")
    assert response.citations[0].source == LATER
    assert "7500万元" in response.citations[0].quote


def test_of_many_promises_those_the_question_is_about_are_listed(kb: KnowledgeBase) -> None:
    question = "风险补偿资金池还差的那部分钱，区委金融办承诺什么时候拨付到位？差多少？"
    implied = commitment_question(question)
    assert implied == {"agency": "区委金融办"}
    everything = kb.commitments.filter(**implied)
    response = kb.ask(question)
    assert not response.refused
    listed = int(response.answer.split("共有")[1].split("项")[0])
    assert 1 <= listed < len(everything)
    assert any("2500万元" in c.quote and "2024年10月底前" in c.quote
               for c in response.citations)


def test_a_question_naming_only_the_unit_lists_everything(kb: KnowledgeBase) -> None:
    response = kb.ask("区委金融办承诺了什么")
    everything = kb.commitments.filter(agency="区委金融办")
    assert response.answer.startswith(f"答复文件中共有{len(everything)}项承诺事项")


def test_a_question_about_what_no_promise_mentions_is_answered_from_the_documents(
        kb: KnowledgeBase) -> None:
    question = "区委金融办承诺给企业员工提供哪些培训课程？"
    assert commitment_question(question) == {"agency": "区委金融办"}
    response = kb.ask(question)
    # Not a list of every promise of the unit: none of them is about this.
    assert "承诺事项" not in response.answer


def test_a_question_for_the_state_now_is_answered_from_the_latest_report(
        kb: KnowledgeBase) -> None:
    # Both replies give the guarantee fee rate as it stood: 1.6% in 2021, 0.8% since 2023.
    response = kb.ask("区融资担保公司对科技型企业的平均担保费率现在降到多少了？")
    assert not response.refused
    assert response.citations[0].source == LATER
    assert "0.8%" in response.citations[0].quote


def test_asked_what_actually_happened_a_plan_is_not_the_answer(kb: KnowledgeBase) -> None:
    from qa.text import asks_only_outcome

    assert asks_only_outcome("当初说要设资金池，后来实际是什么时候设立的？")
    assert not asks_only_outcome("2023年说拟按每月多少补？最后出台的是每月多少？")
    # "是哪天上线的": when it was done, not when it was to be.
    assert asks_only_outcome("答应上线的安居平台是哪天上线的？审核时限压缩到了几天？")
    assert not asks_only_outcome("答应什么时候上线安居平台？")
    response = kb.ask("2022年说要设1亿元的科技信贷风险补偿资金池，后来实际是什么时候设立的？"
                      "首期到位了多少钱？")
    assert not response.refused
    quotes = "".join(c.quote for c in response.citations)
    assert "2023年8月" in quotes and "7500万元" in quotes


@pytest.mark.parametrize(("question", "figure"), [
    ("区融资担保公司对科技型中小企业的平均担保费率，后来有没有按计划降到1%以下？实际降到多少？",
     "0.8%"),
    ("原先说好要设的科技信贷风险补偿资金池，实际是哪个月才设立的？第一期到位了多少钱？",
     "7500万元"),
    # Asked what is now, the later report tells it.
    ("区融资担保公司对科技型中小企业的平均担保费率，现在降到多少了？", "0.8%"),
])
def test_asked_what_came_of_a_promise_the_later_report_is_found_first(
        kb: KnowledgeBase, question: str, figure: str) -> None:
    # Retelling the promise, the question shares most words with the promising reply;
    # asking only what came of it, the reply reporting on it leads the passages found.
    assert kb.retriever.retrieve(question, 5)[0].document.source == LATER
    response = kb.ask(question)
    assert not response.refused
    assert response.citations[0].source == LATER
    assert figure in response.answer


@pytest.mark.parametrize(("question", "figure"), [
    ("The finance bureau promised to bring the average guarantee fee rate for tech SMEs "
     "below 1%. What did the rate actually fall to?", "0.8%"),
    ("A risk compensation pool of RMB 100 million was promised for tech loans. How much "
     "money was actually in it when it was set up?", "7500万元"),
])
def test_asked_in_english_what_came_of_a_promise_the_later_report_is_found_first(
        kb: KnowledgeBase, question: str, figure: str) -> None:
    from qa.text import asks_only_outcome

    assert asks_only_outcome(question)
    assert kb.retriever.retrieve(kb.search_query(question), 5)[0].document.source == LATER
    response = kb.ask(question)
    assert not response.refused
    assert response.citations[0].source == LATER
    assert figure in response.answer


@pytest.mark.parametrize(("question", "outcome"), [
    ("The bureau committed to adding 1,600 units by 2024. How many were actually added?", True),
    ("Did the pool get set up on time, as promised?", True),
    ("What did the bureau promise, and what actually happened?", False),
    ("How many partner banks are there?", False),
    ("Did the bureau manage to add the 1,600 units it promised?", True),
    ("What is the status of the scheduling platform?", True),
    ("The pool was to be set up by June 2023. Did that happen?", True),
    ("Was the 1,400-yuan monthly figure kept when the rules came out?", True),
    ("How close did they come to the 3.5 billion yuan target?", True),
    ("What is the 1,400-yuan subsidy for?", False),
])
def test_english_questions_asking_only_what_came_of_a_promise_are_told_apart(
        question: str, outcome: bool) -> None:
    from qa.text import asks_only_outcome

    assert asks_only_outcome(question) is outcome


@pytest.mark.parametrize(("question", "quoted"), [
    ("The finance bureau said the tech credit pool would be set up by June 2023. Did that "
     "happen?", "2023年8月"),
    ("Did they manage to push the tech SME loan balance past 7 billion yuan by the end of "
     "2023?", "76.4亿元"),
])
def test_asked_in_english_whether_a_promise_was_kept_the_report_alone_answers(
        kb: KnowledgeBase, question: str, quoted: str) -> None:
    # Neither the promise retold ("…时承诺：2023年6月底前设立…") nor the promising reply
    # says whether it was kept.
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert quoted in response.citations[0].quote, response.answer
    assert {c.source for c in response.citations} == {LATER}, response.answer

