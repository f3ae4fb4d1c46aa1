"""Cleaning of extraction damage, on the real seed and on damage written for the purpose."""

from ingest.clean import clean_text


def test_seed_spaces_inside_chinese_are_removed(seed_clean: str) -> None:
    assert "构建精准协同的政策体系" in seed_clean
    assert "在创新生态的建设中" in seed_clean
    assert "共完成质押融资登记445笔，涉及金额高达81.52亿元" in seed_clean
    assert "精准协 同" not in seed_clean


def test_seed_sentence_cut_by_page_break_is_rejoined(seed_clean: str) -> None:
    assert "科创母基金投资超200个项目，带动超600亿社会资本" in seed_clean
    assert "算力基础设施建设等方面给予不同程度的政策支持" in seed_clean


def test_seed_headings_stay_headings(seed_clean: str) -> None:
    paragraphs = seed_clean.split("\n\n")
    assert "# 一、整合创新资源，破解协同难题" in paragraphs
    assert "## 二、完善创新生态，健全支持体系" in paragraphs
    assert "#### 三、推动技术应用，助力企业升级" in paragraphs
    assert "# 关于对浦东新区政协七届四次会议第137号提案的答复" in paragraphs


def test_seed_separate_fields_are_not_merged(seed_clean: str) -> None:
    paragraphs = seed_clean.split("\n\n")
    for field in ("联系人姓名：张沪兴", "联系电话：68542885", "信息公开属性：主动公开",
                  "抄送：区府办，区政协提案委", "上海市浦东新区科技和经济委员会办公室",
                  "2025-05-09印发", "（共印3份）"):
        assert field in paragraphs


def test_seed_loses_no_content(seed_text: str, seed_clean: str) -> None:
    def letters(text: str) -> str:
        return "".join(ch for ch in text if ch.isalnum())

    assert letters(seed_clean) == letters(seed_text.replace("抄 送", "抄送"))


def test_page_numbers_and_running_headers_removed_once() -> None:
    raw = (
        "某某区科技和经济委员会文件\n\n第一段正文说明了政策背景和总体要求，内容较长需要换\n行显示。\n\n"
        "— 2 —\n\n某某区科技和经济委员会文件\n\n第二段正文继续说明，企业可以申请最高不超过\n\n"
        "- 3 -\n\n某某区科技和经济委员会文件\n\n100万元的补贴。\n\n第 4 页 共 9 页\n\n第三段。"
    )
    cleaned = clean_text(raw)
    assert cleaned.count("某某区科技和经济委员会文件") == 1
    assert "— 2 —" not in cleaned and "- 3 -" not in cleaned and "第 4 页" not in cleaned
    assert "内容较长需要换行显示。" in cleaned
    assert "企业可以申请最高不超过100万元的补贴。" in cleaned
    assert cleaned.endswith("第三段。")


def test_a_running_header_of_a_short_document_inside_a_torn_sentence_is_dropped() -> None:
    # Three pages: the header stands only at the two page breaks, once inside a sentence.
    raw = (
        "关于某某提案的答复\n\n平均放款周期由30个工作日压缩至12个工作\n— 1 —\n"
        "某某局办理答复件\n日。同时开设咨询窗口。\n\n第二段说明其他情况，内容较长。\n— 2 —\n"
        "某某局办理答复件\n第三段。"
    )
    cleaned = clean_text(raw)
    assert "某某局办理答复件" not in cleaned
    assert "压缩至12个工作日。同时开设咨询窗口。" in cleaned
    assert cleaned.startswith("关于某某提案的答复")


def test_real_paragraph_breaks_are_kept() -> None:
    raw = "第一段说的是一件事情，到这里就结束了。\n\n第二段另起一件事情，也结束了。"
    assert clean_text(raw).split("\n\n") == [
        "第一段说的是一件事情，到这里就结束了。",
        "第二段另起一件事情，也结束了。",
    ]


def test_field_value_pushed_to_next_line_rejoins_its_label(seed_clean: str) -> None:
    assert "联系电话：68542885" in seed_clean.split("\n\n")


def test_title_line_is_not_joined_to_the_body() -> None:
    raw = "关于调整办事大厅服务时间的公告\n为进一步方便企业办事，决定调整服务时间。"
    assert clean_text(raw).split("\n\n") == [
        "关于调整办事大厅服务时间的公告", "为进一步方便企业办事，决定调整服务时间。",
    ]


def test_numbered_items_are_not_joined_to_previous_line() -> None:
    raw = "申报条件如下，企业须同时满足以下全部条件\n（一）在本区注册\n（二）具有独立法人资格"
    assert clean_text(raw).split("\n\n") == [
        "申报条件如下，企业须同时满足以下全部条件", "（一）在本区注册", "（二）具有独立法人资格",
    ]


def test_punctuation_width_is_normalised_without_touching_numbers() -> None:
    cleaned = clean_text('资金规模1,000万元,办理时间9:30开始;详见"附件一"(第3页)。')
    assert cleaned == "资金规模1,000万元，办理时间9:30开始；详见“附件一”（第3页）。"


def test_english_text_keeps_its_spaces() -> None:
    assert clean_text("Pudong Science and Economy\nCommission replied.") == (
        "Pudong Science and Economy Commission replied."
    )


def test_full_width_digits_become_ascii() -> None:
    assert clean_text("２０２５年５月９日") == "2025年5月9日"
