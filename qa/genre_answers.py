"""Answers composed from the commitments register and the eligibility matcher.

Like the extractive answerer, every statement quotes a stored document and carries [n].
"""

from __future__ import annotations

import re

from kbqa.models import Citation
from qa.answer import Answer
from qa.commitments import Commitment
from qa.eligibility import CriterionOutcome, EligibilityResult, Measure, MeasureMatch

MAX_LISTED = 12
_OUTCOME = {"met": "符合", "not_met": "不符合", "unknown": "待确认"}


class _Citations:
    """Numbers quotes as they are cited, reusing a number for the same quote."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def cite(self, doc_id: str, source: str, title: str | None, doc_number: str | None,
             locator: str, quote: str) -> int:
        for c in self.items:
            if c.doc_id == doc_id and c.quote == quote:
                return c.n
        n = len(self.items) + 1
        self.items.append(Citation(n=n, doc_id=doc_id, title=title, doc_number=doc_number,
                                   source=source, locator=locator, quote=quote, score=1.0))
        return n


def answer_commitments(items: list[Commitment], with_progress: bool = True) -> Answer:
    """All matching commitments, each with its quote and any later report on it (without
    ``with_progress``, how many later documents report on it, not what they say)."""
    cites = _Citations()
    lines = [f"答复文件中共有{len(items)}项承诺事项" +
             (f"（列出前{MAX_LISTED}项）" if len(items) > MAX_LISTED else "") + "："]
    for i, c in enumerate(items[:MAX_LISTED], 1):
        n = cites.cite(c.doc_id, c.source, c.title, c.doc_number, c.locator, c.quote)
        when = "，".join(x for x in (c.deadline, c.target) if x)
        head = f"{i}. {c.agency or ''}（{c.doc_number or c.source}，{c.date or '日期不详'}）"
        line = f"{head}{'〔' + when + '〕' if when else ''}：{c.quote.rstrip('。；，')}[{n}]。"
        if c.progress and not with_progress:
            later = len({report.doc_id for report in c.progress})
            lines.append(line + f"另有{later}份后续文件报告了进展，可问“落实情况如何”查看。")
            continue
        for report in c.progress[:2]:
            m = cites.cite(report.doc_id, report.source, report.title, None, report.locator,
                           report.quote)
            reported = report.quote.rstrip("。；，")
            line += f"后续进展（{report.date or '日期不详'}）：{reported}[{m}]。"
        if not c.progress:
            line += "知识库中暂无后续进展的报告。"
        lines.append(line)
    return Answer("\n".join(lines), False, cites.items, [])


def answer_eligibility(result: EligibilityResult) -> Answer:
    """Measures that may apply, each criterion judged and cited, and what to ask back.

    Conditions that every listed measure shares (a policy's 支持对象 article) are stated
    once, before the measures, instead of under each of them.
    """
    cites = _Citations()
    shown = [m for m in result.matches if m.outcome != "not_eligible"][:6]
    shared = _shared_criteria(shown)
    lines = ["根据您提供的情况，以下支持措施可能适用（“待确认”的条件需要您补充信息）："]
    if shared:
        common = [_judged(o, shown[0].measure, cites) for o in shown[0].criteria
                  if o.criterion.quote in shared]
        lines.append("共同条件：" + "；".join(common) + "。")
    for i, match in enumerate(shown, 1):
        lines.append(_measure_line(i, match, cites, shared))
    if result.questions:
        lines.append("为进一步判断，请补充：" + "".join(q.rstrip("？") + "？"
                                                   for q in result.questions[:5]))
    return Answer("\n".join(lines), False, cites.items, [])


def _shared_criteria(matches: list[MeasureMatch]) -> set[str]:
    if len(matches) < 2:
        return set()
    quotes = [{o.criterion.quote for o in m.criteria} for m in matches]
    return set.intersection(*quotes)


def _measure_line(i: int, match: MeasureMatch, cites: _Citations, shared: set[str]) -> str:
    m = match.measure
    n = cites.cite(m.doc_id, m.source, m.title, m.doc_number, m.locator, m.quote)
    verdict = {"eligible": "符合已知条件", "possible": "可能符合"}.get(match.outcome, "")
    parts = [f"{i}. {m.name}（{verdict}）：{m.support.rstrip('。；，')}[{n}]"]
    parts += [_judged(o, m, cites) for o in match.criteria if o.criterion.quote not in shared]
    return "；".join(parts) + "。"


def _judged(outcome: CriterionOutcome, m: Measure, cites: _Citations) -> str:
    """A criterion with its verdict, citing its clause and the words of any alternative
    read elsewhere ("成立不满一年的企业，不受第（三）项营业收入条件限制")."""
    criterion = outcome.criterion
    marks = ""
    for c in (criterion, *criterion.any_of):
        if c is criterion or c.quote not in criterion.quote:
            k = cites.cite(m.doc_id, m.source, m.title, m.doc_number, c.locator, c.quote)
            marks += f"[{k}]" if f"[{k}]" not in marks else ""
    return f"{criterion.description}——{_OUTCOME[outcome.outcome]}{marks}"


def with_verdict(answer: Answer, matches: list[MeasureMatch]) -> Answer:
    """An answer to "我们营收800万元，能申报数字化车间项目吗？" led by the conditions of the
    measures asked about that the stated figures do not meet, each cited; the answer's
    own citations follow, renumbered."""
    cites = _Citations()
    judged: list[str] = []
    for match in matches:
        m = match.measure
        for o in match.criteria:
            if o.outcome != "not_met":
                continue
            n = cites.cite(m.doc_id, m.source, m.title, m.doc_number, o.criterion.locator,
                           o.criterion.quote)
            line = f"{o.reason}[{n}]"
            if line not in judged:
                judged.append(line)
    if not judged:
        return answer
    # A measure whose guide lifts the missed condition for it ("仅申报数据产品上架奖励的，
    # 不受本项条件限制") is still open to the enterprise: said, with the words that lift it.
    # So is one that sets that condition lower, and the stated figures meet it ("申报中小企业
    # “上云用数”类项目的，上年度营业收入不低于200万元").
    missed = {o.criterion.kind for match in matches for o in match.criteria
              if o.outcome == "not_met"}
    for match in matches:
        m = match.measure
        if any(o.outcome == "not_met" for o in match.criteria):
            continue
        met = [o for o in match.criteria if o.outcome == "met" and o.criterion.kind in missed]
        name = "“" + re.sub(r"[“”\"]", "", m.name) + "”"
        if m.exemptions:
            lifted = m.exemptions[0]
            n = cites.cite(m.doc_id, m.source, m.title, m.doc_number, lifted.locator,
                           lifted.quote)
            opening = f"但{name}不受此限{lifted.quote}[{n}]"
        elif met:
            c = met[0].criterion
            n = cites.cite(m.doc_id, m.source, m.title, m.doc_number, c.locator, c.quote)
            opening = f"但{name}只要求“{c.quote}”[{n}]，您的情况满足"
        else:
            continue
        k = cites.cite(m.doc_id, m.source, m.title, m.doc_number, m.locator, m.quote)
        judged.append(f"{opening}，{m.support}[{k}]")
    renumbered = {c.n: cites.cite(c.doc_id, c.source, c.title, c.doc_number, c.locator,
                                  c.quote) for c in answer.citations}
    # The answer's own citations keep their score and note under their new number.
    own = {(c.doc_id, c.quote): c for c in answer.citations}
    items = [own[(c.doc_id, c.quote)].model_copy(update={"n": c.n})
             if (c.doc_id, c.quote) in own else c for c in cites.items]
    body = re.sub(r"\[(\d+)\]", lambda x: f"[{renumbered.get(int(x.group(1)), x.group(1))}]",
                  answer.text)
    text = "按您所说的情况：" + "；".join(judged) + "。\n" + body
    return Answer(text, answer.refused, items, answer.nearest)
