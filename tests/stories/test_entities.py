"""Name keys: cross-lingual normalisation, common words kept out, German nouns, Chinese."""

from __future__ import annotations

from factwatch.ingest.entities import (
    extract_entities,
    is_generic_name,
    normalise_name,
    zh_companies,
)


def test_accents_and_case_are_normalised() -> None:
    assert normalise_name("Córdoba") == normalise_name("CORDOBA") == "cordoba"
    assert extract_entities("The tram line in Córdoba opens.", "en") == {"cordoba"}
    assert extract_entities("La línea de tranvía de Cordoba abre.", "es") == {"cordoba"}


def test_sentence_initial_common_words_are_not_names() -> None:
    text = "Councillors backed the scheme on Monday. Work on the first section starts in May."
    assert extract_entities(text, "en") == frozenset()
    assert extract_entities("Nouvelle secousse dans la course aux puces.", "fr") == frozenset()


def test_sentence_initial_name_proven_elsewhere_or_by_context() -> None:
    text = "Valmora agreed to buy Genolis. Shares of Valmora rose."
    assert extract_entities(text, "en") == {"valmora", "genolis"}
    lead = "Alibaba a annoncé un plan d'investissement."
    assert extract_entities(lead, "fr") == frozenset()
    body = "Le groupe Alibaba investira dans le cloud."
    assert extract_entities(lead, "fr", context=body) == {"alibaba"}


def test_multiword_names_are_one_key_and_stop_at_punctuation() -> None:
    text = (
        "Shares of Hartwell & Finch fell, while Spain’s Iberovía Infraestructuras rose "
        "in Milan, Lyon and Paris."
    )
    assert extract_entities(text, "en") == {
        "hartwell finch",
        "spain",
        "iberovia infraestructuras",
        "milan",
        "lyon",
        "paris",
    }


def test_title_case_headline_needs_proof_from_the_text() -> None:
    headline = "Norvik Foods Commits Billions To New Snack Plant"
    assert extract_entities(headline, "en") == frozenset()
    body = "The plant will be built by Norvik Foods near Bergen."
    assert extract_entities(headline, "en", context=body) == {"norvik foods"}


def test_german_common_nouns_are_not_names() -> None:
    text = (
        "Der Konzern Valmora übernimmt die Biotechfirma Genolis in Lyon. "
        "Die Übernahme kostet 2,9 Mrd. Euro, teilte Valmora am Montag mit."
    )
    assert extract_entities(text, "de") == {"valmora", "genolis", "lyon"}


def test_chinese_short_names_and_latin_tokens() -> None:
    text = "衡川新能源科技股份有限公司（以下简称“衡川新能源”）发布公告，其MoE模型“玄武Pro”上线。"
    assert extract_entities(text, "zh") == {"衡川新能源科技", "衡川新能源", "玄武pro", "moe"}


def test_chinese_companies_by_their_legal_form() -> None:
    lead = "扩建项目获批，项目总投资96亿元，建设主体为雪岭锂业股份有限公司。"
    assert zh_companies(lead) == {"雪岭锂业"}
    deal = "中国中车集团有限公司与宁德时代新能源科技股份有限公司签署协议，米纳斯州发展公司参股。"
    assert zh_companies(deal) == {"中国中车", "宁德时代新能源科技"}


def test_countries_and_their_adjectives_are_generic() -> None:
    for name in ("portugal", "portuguese", "europa", "chinese", "deutschland"):
        assert is_generic_name(name), name
    for name in ("sines", "hengchuan", "settimo milanese", "frankfurt"):
        assert not is_generic_name(name), name


def test_a_big_city_written_in_another_language_is_one_name() -> None:
    # GeoNames' alternate names: each outlet writes the city its own way
    de = extract_entities("Lissabon holt sich Geld in China. Die Stadt Lissabon zahlt.", "de")
    pt = extract_entities("A Câmara Municipal de Lisboa concluiu a emissão.", "pt")
    it = extract_entities("Il Comune di Cracovia inaugura la linea M1.", "it")
    assert "lisbon" in de and "lisbon" in pt and "lissabon" not in de
    assert "krakow" in it
    # a name that is a city's own name stays that city's; the raw form is there on request
    assert "turin" in extract_entities("Fiat kehrt nach Turin zurück.", "de")
    assert "lissabon" in extract_entities("Die Stadt Lissabon zahlt.", "de", exonyms=False)
