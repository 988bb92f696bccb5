"""Chinese (zh): the words and small rules the pipeline reads Chinese with."""

from __future__ import annotations

from factwatch.ingest.lang.schema import Currency, LanguageData

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("美元", "USD", 1), ("美金", "USD", 1), ("美圆", "USD", 1), ("欧元", "EUR", 1),
    ("英镑", "GBP", 1), ("日元", "JPY", 1), ("日圆", "JPY", 1), ("港元", "HKD", 1),
    ("港币", "HKD", 1), ("新台币", "TWD", 1), ("台币", "TWD", 1), ("澳元", "AUD", 1),
    ("澳币", "AUD", 1), ("加元", "CAD", 1), ("加币", "CAD", 1), ("瑞士法郎", "CHF", 1),
    ("瑞郎", "CHF", 1), ("法郎", "?CHF", 1), ("卢布", "RUB", 1), ("韩元", "KRW", 1),
    ("印度卢比", "INR", 1), ("卢比", "INR", 1), ("新加坡元", "SGD", 1), ("新元", "SGD", 1),
    ("新西兰元", "NZD", 1), ("奈拉", "NGN", 1), ("泰铢", "THB", 1), ("林吉特", "MYR", 1),
    ("雷亚尔", "BRL", 1), ("里拉", "TRY", 1), ("兹罗提", "PLN", 1), ("兰特", "ZAR", 1),
    ("迪拉姆", "AED", 1), ("福林", "HUF", 1), ("匈牙利福林", "HUF", 1), ("捷克克朗", "CZK", 1),
    ("瑞典克朗", "SEK", 1), ("挪威克朗", "NOK", 1), ("丹麦克朗", "DKK", 1), ("列伊", "RON", 1),
    ("墨西哥比索", "MXN", 1), ("比索", "?MXN", 1), ("沙特里亚尔", "SAR", 1),
    ("以色列新谢克尔", "ILS", 1), ("谢克尔", "ILS", 1), ("印尼盾", "IDR", 1),
    ("菲律宾比索", "PHP", 1),
    ("元人民币", "CNY", 1), ("人民币", "CNY", 1), ("元", "CNY", 1),
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = ""

def _looks_plural(word: str, low: str) -> bool:
    """Chinese nouns do not inflect: counted nouns are found by classifier and lexicon."""
    return False


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """Chinese numerals are read by `claims.numbers`, not as number words."""
    return []


DATA = LanguageData(
    code="zh",
    name="Chinese",
    aliases=("zho", "chi", "cmn", "yue"),
    unspaced=True,
    capitalised_nouns=False,
    decimal=".",
    lakh_groups=False,
    dollar_comma_groups=False,
    space_groups=False,
    scales=(),
    connectors=(),
    qualifiers={
        "about": ("约合", "大约", "大概", "约", "近", "将近", "接近", "差不多", "估计"),
        "more_than": ("超过", "超", "逾", "高于", "突破", "多于", "超出", "大于"),
        "less_than": ("不到", "不足", "低于", "少于", "未满", "小于", "不及"),
        "up_to": ("最多", "至多", "不超过", "高达", "最高"),
        "at_least": ("至少", "不少于", "不低于", "起码", "最少"),
    },
    suffix_qualifiers={
        "about": ("左右", "上下"),
        "more_than": ("以上",),
        "up_to": ("以下", "以内"),
    },
    bound_verbs=(),
    level_verbs=(),
    range_words=("至", "到", "-", "–", "~", "～", "—"),
    rank_words=("第", "编号", "号码", "型号", "备"),
    percent_words=("%",),
    percent_nouns=(),
    point_words=(
        ("个百分点", 1), ("百分点", 1), ("個百分點", 1), ("百分點", 1), ("个基点", 0.01),
        ("基点", 0.01), ("個基點", 0.01), ("基點", 0.01),
    ),
    per_unit=(),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={"?JPY": "CNY"},
    money_cues=(),
    currency_prefixes=("人民币", "美元", "港币", "欧元"),
    scale_needs_connector=False,
    weak_scale_attached=False,
    pence_suffix=False,
    over_words=(),
    english_currency_names=False,
    months={},
    month_first=False,
    case_sensitive_months=frozenset(),
    day_year_after={},
    day_year_before={"-1": ("去年",), "0": ("今年",), "+1": ("明年",), "-2": ("前年",)},
    date_ordinal="",
    date_of="",
    date_year_join="",
    date_range=None,
    deadline_words=(
        "前", "之前", "以前", "截止", "为止",
    ),
    number_units=(),
    number_tens=(),
    number_extra={},
    number_compounds=_compounds,
    number_hundreds={},
    hundred_words=(),
    number_scales={},
    number_starts=(),
    decimal_words=(),
    joiner_words=(),
    joiner_after_scales_only=False,
    hundreds_of_below=10,
    decimal_digit_by_digit=False,
    glued=False,
    fraction=r"(?!)",
    fraction_values={},
    fraction_starts=(),
    articles=(),
    abbreviations=frozenset(),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(),
    not_compound_heads=frozenset(),
    looks_plural=_looks_plural,
    change_stems=r"",
    to_words=(),
    elisions=(),
    determiners=frozenset(),
    noun_suffixes=(),
    topic_stop_words=frozenset(),
    source_words=(
        "据", "称", "表示", "估计", "估算", "认为",
    ),
    period_words={
        "第一季度": "Q1", "一季度": "Q1", "首季": "Q1", "第二季度": "Q2", "二季度": "Q2",
        "第三季度": "Q3", "三季度": "Q3", "第四季度": "Q4", "四季度": "Q4", "上半年": "H1",
        "下半年": "H2",
    },
    tally_words=(
        "死亡人数", "遇难人数", "伤亡人数", "目前", "截至", "累计", "升至", "上升至", "增至",
    ),
    death_words=("丧生", "遇难", "死亡", "罹难", "身亡", "死者"),
)
