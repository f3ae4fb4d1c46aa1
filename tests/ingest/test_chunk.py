"""Structure-aware chunking on the seed and on a policy with articles and a table."""

from ingest.chunk import chunk_document


def test_seed_chunks_follow_reply_sections(seed_clean: str) -> None:
    chunks = chunk_document(seed_clean)
    sections = [c.section for c in chunks]
    assert sections[0] == "首部"
    assert "一、整合创新资源，破解协同难题" in sections
    assert "二、完善创新生态，健全支持体系" in sections
    assert "三、推动技术应用，助力企业升级" in sections
    assert sections[-1] == "结尾"
    for chunk in chunks:
        assert chunk.text in seed_clean
        assert len(chunk.text) <= 320


def test_seed_figure_chunk_has_a_followable_locator(seed_clean: str) -> None:
    chunk = next(c for c in chunk_document(seed_clean) if "累计发榜526项" in c.text)
    assert chunk.locator == "一、整合创新资源，破解协同难题 ¶2"


POLICY = "\n\n".join([
    "# 某某区促进示范产业发展若干措施",
    "第一条 为促进示范产业发展，制定本措施。",
    "第二条 支持对象。在本区注册的企业。",
    "第三条 研发补贴。对符合条件的企业，按研发投入的20%给予补贴，最高不超过200万元。",
    "（一）首次认定的，另给予10万元奖励。",
    "（二）再次认定的，给予5万元奖励。",
    "| 类别 | 标准 | 上限 |\n| --- | --- | --- |\n"
    "| 甲类 | 20% | 200万元 |\n| 乙类 | 10% | 100万元 |",
    "第四条 本措施自2024年1月1日起施行。",
])


def test_policy_articles_start_their_own_chunks() -> None:
    chunks = chunk_document(POLICY, max_chars=200)
    by_section = {c.section for c in chunks}
    assert {"第一条", "第二条", "第三条", "第四条"} <= by_section
    third = [c for c in chunks if c.section == "第三条"]
    assert any("（二）再次认定的" in c.text for c in third)
    assert all(c.locator.startswith("第三条 ¶") for c in third)


def test_table_rows_keep_their_header() -> None:
    chunks = chunk_document(POLICY, max_chars=40)
    table_chunks = [c for c in chunks if c.text.startswith("| 类别")]
    assert len(table_chunks) == 2
    assert all(c.text.splitlines()[0] == "| 类别 | 标准 | 上限 |" for c in table_chunks)
    rows = [c.text.splitlines()[1] for c in table_chunks]
    assert rows == ["| 甲类 | 20% | 200万元 |", "| 乙类 | 10% | 100万元 |"]


def test_long_paragraph_is_split_at_sentence_ends() -> None:
    paragraph = "这是一个完整的句子。" * 50
    chunks = chunk_document(paragraph, max_chars=100)
    assert len(chunks) == 5
    assert all(c.text.endswith("。") and len(c.text) <= 100 for c in chunks)
    assert "".join(c.text for c in chunks) == paragraph
