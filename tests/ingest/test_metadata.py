"""parse_metadata on the real seed reply and on short synthetic documents.

Every document below except the seed is SYNTHETIC: written for these tests, with
fictional agencies, people, numbers and places. None of them is served as knowledge.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from ingest.metadata import parse_metadata

SEED = Path(__file__).resolve().parents[2] / "kb" / "docs" / "000_4cf47a64bc319ecc.txt"

_CJK = "\u4e00-\u9fff"
_SPACE_IN_CHINESE = re.compile(
    rf"(?<=[{_CJK}0-9])[ \u3000]+(?=[{_CJK}])|(?<=[{_CJK}])[ \u3000]+(?=[0-9])"
)


def squeeze_cjk_spaces(text: str) -> str:
    """Minimal stand-in for the cleaner: drop spaces between CJK characters and digits."""
    return _SPACE_IN_CHINESE.sub("", text)


SEED_EXPECTED: dict[str, object] = {
    "doc_type": "reply",
    "title": "关于对浦东新区政协七届四次会议第137号提案的答复",
    "agency": "上海市浦东新区科技和经济委员会",
    "doc_number": "浦科经委办理〔2025〕66号",
    "session": "浦东新区政协七届四次会议",
    "proposal_kind": "提案",
    "proposal_number": 137,
    "proposer": "陈运文",
    "proposer_role": "委员",
    "proposal_title": "关于健全科技企业创新生态系统,助推经济高质量发展",
    "handling_result": "解决或采纳",
    "disclosure": "主动公开",
    "co_handlers": ["区国资委", "区委金融办", "区知识产权局", "区人社局"],
    "date": "2025-05-09",
    "contact_name": "张沪兴",
    "contact_phone": "68542885",
    "contact_address": "世纪大道2001号",
    "postcode": "200135",
    "cc": ["区府办", "区政协提案委"],
    "printed_date": "2025-05-09",
    "printed_by": "上海市浦东新区科技和经济委员会办公室",
}


# ---------------------------------------------------------------------------- the real seed


def test_seed_reply_every_field() -> None:
    meta = parse_metadata(squeeze_cjk_spaces(SEED.read_text(encoding="utf-8")))
    assert meta == SEED_EXPECTED
    assert isinstance(meta["proposal_number"], int)


def test_seed_has_no_policy_or_joint_fields() -> None:
    meta = parse_metadata(squeeze_cjk_spaces(SEED.read_text(encoding="utf-8")))
    absent = {
        "expiry_date", "effective_date", "issue_date", "validity", "repeals",
        "repealed_doc_numbers", "revises", "proposer_count",
    }
    assert absent.isdisjoint(meta)


def test_seed_without_any_normalisation_gives_the_same_fields() -> None:
    """Stray spaces ("第 137 号", "抄 送", "世纪大道 2001 号") are tolerated by the parser."""
    assert parse_metadata(SEED.read_text(encoding="utf-8")) == SEED_EXPECTED


def test_seed_through_the_real_cleaner() -> None:
    clean = importlib.import_module("ingest.clean")
    clean_text = getattr(clean, "clean_text", None)
    if clean_text is None:
        pytest.skip("ingest.clean.clean_text is not written yet")
    meta = parse_metadata(clean_text(SEED.read_text(encoding="utf-8")))
    # The cleaner turns "," between Chinese characters into "，"; the proposal title is
    # reported with the punctuation of the text it is given, so only that comma differs.
    proposal_title = str(SEED_EXPECTED["proposal_title"]).replace(",", "，")
    assert meta == {**SEED_EXPECTED, "proposal_title": proposal_title}


# ---------------------------------------------------------------------------- synthetic replies

# SYNTHETIC: a reply to a people's-congress suggestion; [] around the year, a date in
# Chinese numerals, result 留作参考, co-handlers introduced by 会同, contact on one line.
SUGGESTION_REPLY = """\
办理结果：留作参考

信息公开属性：依申请公开

# 临江市滨河区城市管理局

滨城管建[2024]12号

# 关于对滨河区第三届人民代表大会第二次会议第45号代表建议的答复

## 李晓明代表：

您提出的《关于增设社区公共自行车停放点的建议》收悉。经会同区交通委、区规划资源局研究，现答复如下：

一、关于停放点选址

我局已于2024年3月完成全区停放需求摸底，今后将结合道路改造统筹考虑。

滨河区城市管理局

二〇二四年六月十八日

联系人：周梅 联系电话：021-55550101
"""


def test_suggestion_reply() -> None:
    assert parse_metadata(SUGGESTION_REPLY) == {
        "doc_type": "reply",
        "title": "关于对滨河区第三届人民代表大会第二次会议第45号代表建议的答复",
        "agency": "临江市滨河区城市管理局",
        "doc_number": "滨城管建〔2024〕12号",
        "session": "滨河区第三届人民代表大会第二次会议",
        "proposal_kind": "建议",
        "proposal_number": 45,
        "proposer": "李晓明",
        "proposer_role": "代表",
        "proposal_title": "关于增设社区公共自行车停放点的建议",
        "handling_result": "留作参考",
        "co_handlers": ["区交通委", "区规划资源局"],
        "disclosure": "依申请公开",
        "date": "2024-06-18",
        "contact_name": "周梅",
        "contact_phone": "021-55550101",
    }


# SYNTHETIC: a joint proposal by three members; no header agency, so the signature gives
# it; co-handlers under a "会办单位：" label; a dotted date.
JOINT_PROPOSAL_REPLY = """\
办理结果: 正在办理

# 关于对青湖区政协一届二次会议第8号提案的答复

## 王某某等3位委员:

你们提出的《关于加强老旧小区加装电梯服务》的提案收悉，现答复如下。

会办单位：区住房保障局、区财政局

青湖区房屋管理局 2023.3.15
"""


def test_joint_proposal_reply() -> None:
    assert parse_metadata(JOINT_PROPOSAL_REPLY) == {
        "doc_type": "reply",
        "title": "关于对青湖区政协一届二次会议第8号提案的答复",
        "agency": "青湖区房屋管理局",
        "session": "青湖区政协一届二次会议",
        "proposal_kind": "提案",
        "proposal_number": 8,
        "proposer": "王某某",
        "proposer_role": "委员",
        "proposer_count": 3,
        "proposal_title": "关于加强老旧小区加装电梯服务",
        "handling_result": "正在办理",
        "co_handlers": ["区住房保障局", "区财政局"],
        "date": "2023-03-15",
    }


def test_joint_proposal_with_names_listed() -> None:
    # SYNTHETIC: two members named in the salutation; the count is the names listed.
    text = "# 关于对青湖区政协一届二次会议第9号提案的答复\n\n## 张某、李某委员：\n\n收悉。"
    meta = parse_metadata(text)
    assert (meta["proposer"], meta["proposer_role"], meta["proposer_count"]) == ("张某", "委员", 2)


def test_spaced_and_fullwidth_header_fields() -> None:
    # SYNTHETIC: header fields as PDF extraction may leave them.
    text = (
        "#  办理结果 ： 列入计划拟解决\n\n公 开 属 性：　主动公开\n\n"
        "# 关于对某区政协第 3 号提案的答复"
    )
    meta = parse_metadata(text)
    assert meta["handling_result"] == "列入计划拟解决"
    assert meta["disclosure"] == "主动公开"
    assert meta["proposal_number"] == 3


# ---------------------------------------------------------------------------- synthetic policies

# SYNTHETIC: a policy with articles, effective and expiry dates, and a repeal clause that
# names the repealed document and its number.
POLICY = (
    "# 青湖区人民政府\n\n"
    "青府规（2024）2号\n\n"
    "# 青湖区促进低空经济产业发展若干措施\n\n"
    "第一条 为推动低空经济产业集聚发展，制定本措施。\n\n"
    "第二条 对新落户的低空经济企业，按其实缴注册资本给予最高不超过200万元的一次性奖励。\n\n"
    "第三条 本措施自2024年1月1日起施行，有效期至2026年12月31日。"
    "原《青湖区促进通用航空产业发展若干措施》（青府规〔2021〕3号）同时废止。\n\n"
    "青湖区人民政府\n\n"
    "2023年12月20日\n"
)


def test_policy_with_validity_and_repeal() -> None:
    assert parse_metadata(POLICY) == {
        "doc_type": "policy",
        "title": "青湖区促进低空经济产业发展若干措施",
        "agency": "青湖区人民政府",
        "doc_number": "青府规〔2024〕2号",
        "date": "2023-12-20",
        "issue_date": "2023-12-20",
        "effective_date": "2024-01-01",
        "expiry_date": "2026-12-31",
        "validity": "本措施自2024年1月1日起施行，有效期至2026年12月31日",
        "repeals": ["青湖区促进通用航空产业发展若干措施"],
        "repealed_doc_numbers": ["青府规〔2021〕3号"],
    }


# SYNTHETIC: a 通知 that issues operating rules; the agency is the title's prefix, a
# labelled 成文日期, 【】 brackets, a revision clause, validity without calendar dates.
ISSUING_NOTICE = """\
青湖科经【2024】5号

# 青湖区科技和经济委员会关于印发《青湖区数字化转型专项操作细则》的通知

成文日期：2024年7月8日

各有关单位：现将《青湖区数字化转型专项操作细则》印发给你们，请遵照执行。

第一条 本细则是对《青湖区数字化转型专项操作细则（试行）》的修订。

第二条 根据《青湖区数字经济促进条例》（2023年修订），对符合条件的项目给予支持。

第三条 本细则自印发之日起施行，有效期五年。
"""


def test_issuing_notice_is_a_policy() -> None:
    meta = parse_metadata(ISSUING_NOTICE)
    assert meta == {
        "doc_type": "policy",
        "title": "青湖区科技和经济委员会关于印发《青湖区数字化转型专项操作细则》的通知",
        "agency": "青湖区科技和经济委员会",
        "doc_number": "青湖科经〔2024〕5号",
        "issue_date": "2024-07-08",
        "validity": "本细则自印发之日起施行，有效期五年",
        "revises": ["青湖区数字化转型专项操作细则（试行）"],
    }


def test_validity_given_as_a_range() -> None:
    # SYNTHETIC
    text = "# 某区人才安居办法\n\n第九条 本办法有效期自2025年3月1日至2027年2月28日。"
    meta = parse_metadata(text)
    assert (meta["effective_date"], meta["expiry_date"]) == ("2025-03-01", "2027-02-28")
    assert meta["validity"] == "本办法有效期自2025年3月1日至2027年2月28日"


# ---------------------------------------------------------------------------- notices, other


def test_notice_has_only_type_and_title() -> None:
    # SYNTHETIC: an office-hours notice with none of the structured fields.
    text = (
        "# 关于调整政务服务大厅办公时间的通知\n\n"
        "自下月起，政务服务大厅工作日办公时间调整为上午九点至下午五点，午间不休息。特此通知。"
    )
    assert parse_metadata(text) == {
        "doc_type": "notice",
        "title": "关于调整政务服务大厅办公时间的通知",
    }


def test_unrecognised_text_is_other_and_has_no_title() -> None:
    assert parse_metadata("今天的会议改在三楼进行。") == {"doc_type": "other"}


# ---------------------------------------------------------------------------- variants


@pytest.mark.parametrize(
    "written",
    ["某某发〔2025〕7号", "某某发[2025]7号", "某某发(2025)7号", "某某发（2025）7号",
     "某某发【2025】7号", "某某发 〔 2025 〕 7 号"],
)
def test_doc_number_brackets_are_normalised(written: str) -> None:
    # SYNTHETIC header
    meta = parse_metadata(f"# 某某局\n\n{written}\n\n# 关于开展年度检查的通知")
    assert meta["doc_number"] == "某某发〔2025〕7号"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025年5月9日", "2025-05-09"),
        ("2025 年 05 月 09 日", "2025-05-09"),
        ("2025-05-09", "2025-05-09"),
        ("2025.5.9", "2025-05-09"),
        ("2025/5/9", "2025-05-09"),
        ("二〇二五年五月九日", "2025-05-09"),
        ("二〇二五年十二月三十一日", "2025-12-31"),
        ("二零二四年十月二十日", "2024-10-20"),
    ],
)
def test_signature_date_forms(written: str, iso: str) -> None:
    # SYNTHETIC reply whose body mentions another full date, which must not be taken.
    text = (
        "# 关于对某区政协第5号提案的答复\n\n"
        "2024年7月1日起我们已开展试点。\n\n"
        f"某区某某局 {written}"
    )
    meta = parse_metadata(text)
    assert meta["date"] == iso
    assert meta["agency"] == "某区某某局"


def test_impossible_date_is_absent() -> None:
    meta = parse_metadata("# 关于对某区政协第5号提案的答复\n\n某区某某局 2025年2月30日")
    assert "date" not in meta


def test_printed_line_gives_printed_date_not_signature_date() -> None:
    # SYNTHETIC foot: the 印发 line is the printing office, not the signature.
    text = "# 关于对某区政协第5号提案的答复\n\n某区某某局办公室 2025年6月3日印发"
    meta = parse_metadata(text)
    assert meta["printed_date"] == "2025-06-03"
    assert meta["printed_by"] == "某区某某局办公室"
    assert "date" not in meta
