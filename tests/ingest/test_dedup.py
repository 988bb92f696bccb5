"""Syndicated copies are recognised; translations and other stories are not copies."""

from __future__ import annotations

from factwatch.ingest import dedup

ORIGINAL = (
    "Cobaltline will invest $8.5 billion in two European data-centre campuses through 2028, "
    "the company said on Tuesday. The Settimo Milanese campus near Milan will receive $4.2 "
    "billion and the Hanau site in Germany $4.3 billion. The two campuses are expected to "
    "create 1,250 permanent jobs and employ up to 3,000 construction workers at peak. "
    "Cobaltline said the campuses would run on 100% renewable electricity."
)


def _shared_bands(a: str, b: str) -> int:
    ba = set(dedup.bands(dedup.minhash(dedup.shingles(a))))
    bb = set(dedup.bands(dedup.minhash(dedup.shingles(b))))
    return len(ba & bb)


def test_lightly_edited_copy_is_a_near_duplicate():
    copy = ORIGINAL.replace("the company said on Tuesday", "the group announced Tuesday")
    copy = "By Staff Reporter. " + copy + " Shares rose 3% in early trading."
    assert dedup.jaccard(dedup.shingles(ORIGINAL), dedup.shingles(copy)) >= dedup.NEAR_DUPLICATE
    assert _shared_bands(ORIGINAL, copy) > 0  # found by an index lookup


def test_exact_copy_has_the_same_hash_whatever_the_whitespace_and_case():
    assert dedup.content_hash(ORIGINAL) == dedup.content_hash("  " + ORIGINAL.upper() + "\n")


def test_translation_is_not_a_duplicate():
    german = (
        "Cobaltline investiert bis 2028 insgesamt 8,5 Milliarden Dollar in zwei europäische "
        "Rechenzentrums-Campus. Der Standort Hanau erhält 4,3 Milliarden Dollar."
    )
    assert dedup.jaccard(dedup.shingles(ORIGINAL), dedup.shingles(german)) < 0.2


def test_another_story_by_the_same_company_is_not_a_duplicate():
    other = (
        "Cobaltline reported 2024 revenue of $21.4 billion, up 12%, and said demand for AI "
        "computing kept growing across Europe and Asia, with new orders from cloud customers."
    )
    assert dedup.jaccard(dedup.shingles(ORIGINAL), dedup.shingles(other)) < 0.2
    assert _shared_bands(ORIGINAL, other) == 0


def test_chinese_text_is_shingled_without_spaces():
    a = "衡川新能源科技股份有限公司发布公告称，公司已于2025年1月17日在里斯本签署投资协议。"
    b = "据报道，衡川新能源科技股份有限公司发布公告称，公司已于2025年1月17日在里斯本签署投资协议。"
    assert dedup.jaccard(dedup.shingles(a), dedup.shingles(b)) >= dedup.NEAR_DUPLICATE


ZH_ORIGINAL = (
    "11月18日午间，云途科技公布2025年第三季度业绩。财报显示，公司第三季度实现营业收入286.4亿元，"
    "去年同期为241.3亿元，同比增长18.7%；经营利润为35.2亿元，净利润为27.9亿元，同比增长24.6%。"
    "前三季度，公司累计实现营收792.5亿元。管理层预计今年全年营收有望突破1100亿元。"
    "用户方面，截至9月底，全球月活跃用户达3.12亿，其中欧洲月活跃用户5800万，拉美月活跃用户7400万，"
    "拉美已成为公司增长最快的海外市场。"
)


def test_a_chinese_copy_with_a_few_words_changed_is_a_near_duplicate():
    # another outlet's copy: "公布" -> "发布 … 报告", "为" and "实现" dropped, a clause cut
    copy = (
        "11月18日午间，云途科技发布2025年第三季度业绩报告。财报显示，公司第三季度实现营业收入286.4亿元，"
        "去年同期为241.3亿元，同比增长18.7%；经营利润35.2亿元，净利润27.9亿元，同比增长24.6%。"
        "前三季度，公司累计营收792.5亿元。公司预计今年全年营收有望突破1100亿元。"
        "截至9月底，全球月活跃用户达3.12亿，其中欧洲月活跃用户5800万，拉美月活跃用户7400万。"
    )
    assert dedup.jaccard(dedup.shingles(ZH_ORIGINAL), dedup.shingles(copy)) >= dedup.NEAR_DUPLICATE
    # an independent report of the same results shares figures, not wording
    other = (
        "云途科技周二公布的财报显示，第三季度营收同比增长18.7%至286.4亿元，好于市场预期。"
        "拉美市场表现亮眼，月活跃用户增至7400万，欧洲市场月活跃用户为5800万。"
        "公司净利润27.9亿元，股价收涨6.2%。分析师认为，跨境电商竞争仍然激烈。"
    )
    assert dedup.jaccard(dedup.shingles(ZH_ORIGINAL), dedup.shingles(other)) < 0.3
