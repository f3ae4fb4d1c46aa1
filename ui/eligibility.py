"""The 政策匹配 page: an enterprise's profile in, the measures it may apply for out.

Every piece of document or user text is escaped here. An empty number box means the
figure is unknown (None), never 0: a 0 would fail thresholds the enterprise may meet.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import gradio as gr
from pydantic import ValidationError

from qa.eligibility import EligibilityResult, EnterpriseProfile, MeasureMatch
from qa.service import KnowledgeBase
from ui.docs_html import notice_html
from ui.form_values import number_or_none

QUALIFICATIONS = ["高新技术企业", "专精特新中小企业", "专精特新“小巨人”企业"]
MEASURE_LABELS = {"eligible": "符合条件", "possible": "可能符合", "not_eligible": "不符合"}
CRITERION_MARKS = {"met": ("✓", "符合"), "not_met": ("✗", "不符合"), "unknown": ("?", "待确认")}
FIELD_LABELS = {
    "registered_in": "注册所在区", "industry": "行业", "annual_revenue_wan": "上年度营业收入",
    "rd_ratio_percent": "研发投入占比", "headcount": "员工人数", "founded_year": "成立年份",
    "park": "所在园区", "qualifications": "资质", "free_text": "情况说明",
}
FILL_IN = notice_html("填写企业情况（不知道的可留空），点击“匹配”，查看可申请的支持措施。")


def profile_from_form(registered_in: str | None, industry: str | None,
                      revenue: str | None, rd_ratio: str | None, headcount: str | None,
                      founded: str | None, park: str | None,
                      qualifications: list[str] | None, free_text: str | None,
                      ) -> EnterpriseProfile:
    """The form's values as a profile; blanks stay None.

    Raises ValueError (a subclass: pydantic's ValidationError) naming what is wrong.
    """
    # Validated from a dict: pydantic takes 12.0 as an int and refuses 12.5, naming the field.
    return EnterpriseProfile.model_validate({
        "registered_in": _text(registered_in), "industry": _text(industry), "park": _text(park),
        "annual_revenue_wan": _number("annual_revenue_wan", revenue),
        "rd_ratio_percent": _number("rd_ratio_percent", rd_ratio),
        "headcount": _number("headcount", headcount),
        "founded_year": _number("founded_year", founded),
        "qualifications": list(qualifications or []), "free_text": _text(free_text),
    })


def _number(field: str, text: str | None) -> float | None:
    try:
        return number_or_none(text)
    except ValueError:
        raise ValueError(f"{FIELD_LABELS[field]}应填写数字") from None


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def result_html(result: EligibilityResult) -> str:
    """Measure cards, best first, then the questions back to the enterprise."""
    if not result.matches:
        return notice_html("知识库中没有找到与该企业情况相符的支持措施。", "warn")
    cards = "".join(measure_card(m) for m in result.matches)
    questions = ""
    if result.questions:
        items = "".join(f"<li>{escape(q)}</li>" for q in result.questions)
        questions = (f'<div class="kbqa-questions"><div class="kbqa-sources-title">'
                     f'请补充以下信息</div><ul>{items}</ul></div>')
    return f'<div class="kbqa-measures">{cards}</div>{questions}'


def measure_card(match: MeasureMatch) -> str:
    m = match.measure
    source = escape(m.title or m.source) + (f"（{escape(m.doc_number)}）" if m.doc_number else "")
    criteria = "".join(
        f'<li class="kbqa-criterion kbqa-criterion-{c.outcome}">'
        f'<span class="kbqa-mark">{CRITERION_MARKS[c.outcome][0]} '
        f"{CRITERION_MARKS[c.outcome][1]}</span>"
        f'<span class="kbqa-criterion-text">{escape(c.criterion.description)}</span>'
        f'<div class="kbqa-note">{escape(c.reason)}</div>'
        f'<blockquote class="kbqa-passage">{escape(c.criterion.quote)}</blockquote></li>'
        for c in match.criteria
    )
    if not criteria:
        criteria = '<li class="kbqa-note">原文未列出申请条件。</li>'
    return (
        f'<article class="kbqa-card kbqa-measure kbqa-measure-{match.outcome}">'
        f'<div class="kbqa-measure-head"><span class="kbqa-measure-name">{escape(m.name)}</span>'
        f'<span class="kbqa-badge">{MEASURE_LABELS[match.outcome]}</span></div>'
        f'<div class="kbqa-card-facts"><span><span class="kbqa-fact-label">文件</span>{source}'
        f'</span><span><span class="kbqa-fact-label">位置</span>{escape(m.locator)}</span></div>'
        f'<div><span class="kbqa-fact-label">支持内容</span>{escape(m.support)}</div>'
        f'<ul class="kbqa-criteria">{criteria}</ul></article>'
    )


def eligibility_page(get_kb: Callable[[], KnowledgeBase]) -> None:
    """Lay out the form and wire the 匹配 button."""
    with gr.Row():
        registered_in = gr.Textbox(label="注册所在区", placeholder="如：浦东新区")
        industry = gr.Textbox(label="行业", placeholder="如：大模型")
        park = gr.Textbox(label="所在园区", placeholder="如：模力社区")
    with gr.Row():
        # Text boxes: gr.Number would send an empty box as 0 (see ui/form_values.py).
        revenue = gr.Textbox(label="上年度营业收入（万元）", placeholder="不知道可留空")
        rd_ratio = gr.Textbox(label="研发投入占比（%）", placeholder="不知道可留空")
        headcount = gr.Textbox(label="员工人数", placeholder="不知道可留空")
        founded = gr.Textbox(label="成立年份", placeholder="如：2021")
    qualifications = gr.CheckboxGroup(QUALIFICATIONS, label="资质")
    free_text = gr.Textbox(label="情况说明", lines=2, max_lines=6,
                           placeholder="其他情况，如：我们是做大模型的初创企业，去年营收800万元")
    match_button = gr.Button("匹配", variant="primary", elem_id="kbqa-match")
    results = gr.HTML(FILL_IN, apply_default_css=False, elem_id="kbqa-eligibility-result")

    def match(where: str, trade: str, income: str, ratio: str, staff: str, year: str,
              in_park: str, held: list[str], said: str) -> str:
        try:
            profile = profile_from_form(where, trade, income, ratio, staff, year, in_park,
                                        held, said)
        except ValidationError as error:
            fields = "、".join(FIELD_LABELS.get(str(e["loc"][0]), str(e["loc"][0]))
                              for e in error.errors() if e["loc"])
            return notice_html(f"填写的信息有误（{fields}），请检查后重试。", "error")
        except ValueError as error:
            return notice_html(f"{error}，请检查后重试。", "error")
        return result_html(get_kb().eligibility.match(profile))

    match_button.click(
        match, inputs=[registered_in, industry, revenue, rd_ratio, headcount, founded, park,
                       qualifications, free_text],
        outputs=results, api_visibility="private",
    )
