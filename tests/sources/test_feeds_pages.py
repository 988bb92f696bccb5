"""parse_feed and extract_page on real documents (dev corpus and hand-written pages)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from factwatch.ingest.sources import ExtractError, FeedEntry, FeedError, extract_page, parse_feed
from tests.sources.conftest import DEV, GOOD_PAGE

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pt-BR">
  <title>Jornal de Teste</title>
  <link href="https://jornal.example/"/>
  <updated>2025-03-02T10:00:00-03:00</updated>
  <id>urn:jornal</id>
  <entry>
    <title type="html">Vendas sobem &lt;em&gt;12%&lt;/em&gt;</title>
    <link href="/noticias/vendas.html"/>
    <id>urn:jornal:1</id>
    <published>2025-03-01T23:30:00-03:00</published>
    <updated>2025-03-02T08:00:00-03:00</updated>
    <summary type="html">&lt;p&gt;As vendas subiram&amp;nbsp;12%.&lt;/p&gt;
      &lt;p&gt;Segundo a empresa.&lt;/p&gt;</summary>
    <author><name>Ana Souza</name></author>
  </entry>
</feed>
"""


def test_rss_feed_entries():
    feed = parse_feed((DEV / "feed.xml").read_bytes(), "http://127.0.0.1:8765/feed.xml")
    assert feed.version == "rss20"
    assert len(feed.entries) == 31
    first = feed.entries[0]
    assert first.link == "http://127.0.0.1:8765/pages/6a0b1d4b.html"
    assert first.guid == first.link
    assert first.lang == "fr"  # dc:language fr-FR
    assert first.outlet == "Le Courrier Économique"  # RSS <source>
    # The outlet's own offset is kept (feedparser alone would give UTC).
    assert first.published == datetime(2026, 3, 5, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    assert first.published.utcoffset() == timedelta(hours=1)
    assert first.summary.startswith("Nouvelle secousse")
    assert {entry.lang for entry in feed.entries} == {"en", "fr", "de", "es", "it", "zh"}


def test_atom_feed_relative_links_html_fields_and_offsets():
    feed = parse_feed(ATOM, "https://jornal.example/feed.atom")
    assert feed.title == "Jornal de Teste"
    assert feed.lang == "pt"
    (entry,) = feed.entries
    assert entry.link == "https://jornal.example/noticias/vendas.html"
    assert entry.title == "Vendas sobem 12%"
    assert entry.summary == "As vendas subiram\u00a012%.\n\nSegundo a empresa."
    assert entry.published.isoformat() == "2025-03-01T23:30:00-03:00"  # still March 1st
    assert entry.author == "Ana Souza"
    assert entry.lang == "pt"


@pytest.mark.parametrize(
    ("document", "detail"),
    [
        (b"this is not xml", "the document is not XML"),
        (b"", "the document is not XML"),
        (b"<?xml version='1.0'?><note><to>x</to></note>", "no RSS or Atom elements found"),
        (b"<html><body><p>Hello</p></body></html>", "no RSS or Atom elements found"),
        (b"<?xml version='1.0'?><note><to>x</note>", "line 1:"),
    ],
)
def test_not_a_feed(document, detail):
    with pytest.raises(FeedError) as caught:
        parse_feed(document, "https://example.org/feed.xml")
    message = str(caught.value)
    assert message.startswith("not an RSS/Atom feed: ")
    assert detail in message


def test_broken_but_recognisable_feed_is_accepted():
    feed = parse_feed(
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</tit",
        "https://example.org/feed.xml",
    )
    assert feed.entries == ()


def test_feed_document_is_never_opened_as_a_path(tmp_path):
    """feedparser opens str/bytes that name a file; parse_feed must not let it."""
    secret = tmp_path / "feed.xml"
    secret.write_bytes((DEV / "feed.xml").read_bytes())
    with pytest.raises(FeedError):
        parse_feed(str(secret).encode(), "https://example.org/feed.xml")


def test_extract_page_keeps_headline_standfirst_lists_and_drops_chrome():
    article = extract_page(GOOD_PAGE, "https://gazette.example/harbour.html")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Harbour reopens after £12m repair" == article.title
    assert paragraphs[1] == "Boats returned to the quay on Monday after 18 months of works."
    assert "Work started in November 2023." in paragraphs
    assert "The quay wall was rebuilt over 310 metres." in paragraphs
    assert paragraphs[2] == (
        "The harbour at Testport reopened to shipping on 5 May after a repair that cost £12m "
        "and took 18 months, the port authority said."
    )
    assert paragraphs[-1].startswith("Local businesses said")
    for chrome in (
        "640 partners",
        "Most read",
        "4.99%",
        "High Street",
        "By Ann Example",
        "09:15",
        "Share this",
        "Local\n",
        "Home",
    ):
        assert chrome not in article.text
    assert article.outlet == "Testshire Gazette"
    assert article.lang == "en"
    assert article.published == datetime(2025, 5, 6, 9, 15, tzinfo=timezone(timedelta(hours=1)))


def test_extract_page_keeps_non_breaking_spaces():
    html = (DEV / "pages" / "6a0b1d4b.html").read_bytes()
    article = extract_page(html, "http://127.0.0.1:8765/pages/6a0b1d4b.html")
    assert "81,2\u00a0% de bonnes réponses" in article.text
    assert "Publié le" not in article.text and "Par Nicolas Perrin" not in article.text
    assert "812 partenaires" not in article.text


def test_hint_fills_what_the_page_lacks():
    page = (
        "<html><body><div class='post'><p>Der Stadtrat hat am Dienstag einen Kredit von "
        "4,5 Millionen Euro für die Sanierung der Brücke bewilligt. Die Arbeiten beginnen "
        "im Frühjahr und sollen zwei Jahre dauern.</p><p>Die Opposition kritisierte die "
        "Kosten als zu hoch, stimmte aber am Ende zu.</p></div></body></html>"
    )
    published = datetime(2025, 4, 1, 18, 0, tzinfo=timezone(timedelta(hours=2)))
    hint = FeedEntry(
        link="https://x.example/a",
        title="Brücke wird saniert",
        published=published,
        lang="de",
        outlet="Stadtanzeiger",
        author="K. M.",
    )
    article = extract_page(page, "https://x.example/a", hint=hint)
    assert article.title == "Brücke wird saniert"
    assert article.text.startswith("Brücke wird saniert\n\nDer Stadtrat hat")
    assert article.published == published
    assert (article.lang, article.outlet) == ("de", "Stadtanzeiger")


def test_page_values_win_over_the_hint():
    hint = FeedEntry(
        link="x",
        title="Feed title",
        published=datetime(2020, 1, 1, tzinfo=UTC),
        lang="fr",
        outlet="Feed outlet",
    )
    article = extract_page(GOOD_PAGE, "https://gazette.example/harbour.html", hint=hint)
    assert article.title == "Harbour reopens after £12m repair"
    assert article.outlet == "Testshire Gazette"
    assert article.lang == "en"
    assert article.published.year == 2025


def test_page_without_text_is_an_error():
    with pytest.raises(ExtractError, match="no article text"):
        extract_page(
            "<html><body><nav><a href='/'>Home</a></nav></body></html>", "https://x.example/"
        )


def test_encoding_from_meta_charset():
    page = (
        "<html><head><meta charset='iso-8859-1'></head><body><article><h1>Caf\u00e9 "
        "cr\u00e8me</h1><p>Le caf\u00e9 co\u00fbte d\u00e9sormais 5,40 francs, une hausse "
        "de 8 % en un an selon les cafetiers.</p></article></body></html>"
    )
    article = extract_page(page.encode("latin-1"), "https://x.example/cafe")
    assert article.title == "Caf\u00e9 cr\u00e8me"
    assert "co\u00fbte d\u00e9sormais" in article.text


BLOG_PAGE = """<html lang="es"><head><meta property="og:site_name" content="Blog Económico">
<meta property="article:published_time" content="2025-06-01T10:00:00+02:00">
<link rel="canonical" href="/2025/06/01/paro/"></head>
<body class="single has-sidebar">
<header id="masthead"><h1 class="site-title">Blog Económico</h1>
<nav><ul><li><a href="/">Inicio</a></li></ul></nav></header>
<div id="content"><div id="primary">
<h1 class="entry-title">El paro baja al 10,3&nbsp;% en mayo</h1>
<div class="entry-meta"><span class="posted-on">1 junio, 2025</span>
<span class="byline">por Luis Gil</span></div>
<div class="entry-content">
<p>El número de parados registrados bajó en 45.000 personas en mayo, según los datos
publicados hoy por el ministerio de Trabajo.</p>
<figure><img src="x.jpg"><figcaption>Una oficina de empleo en Madrid.</figcaption></figure>
<h2>Por sectores</h2>
<ul><li>Servicios: 30.000 parados menos</li><li>Industria: 8.000 menos</li></ul>
<div class="ad-slot">Publicidad</div>
<p>La afiliación a la Seguridad Social alcanzó un récord de 21,8 millones de cotizantes,
con un aumento de 230.000 afiliados.<br>Es el cuarto mes de subida.</p>
<table><tr><th>Mes</th><th>Parados</th></tr><tr><td>Abril</td><td>2.600.000</td></tr></table>
<p>Los sindicatos advierten de la elevada temporalidad de los contratos firmados en mayo,
especialmente en la hostelería.</p>
<div class="sharedaddy"><h3>Compartir:</h3><a href="#">Twitter</a></div>
<div class="jp-relatedposts"><h3>Relacionado</h3><p><a href="/x">El paro sube en enero</a></p>
</div></div></div>
<aside id="secondary"><h2>Lo más leído</h2><p>Hipotecas: el euríbor cae al 2,1 %</p></aside>
</div><footer><p>© 2025</p></footer></body></html>"""


def test_page_without_article_element():
    article = extract_page(BLOG_PAGE, "https://blog.example/?p=12")
    assert article.url == "https://blog.example/2025/06/01/paro/"  # same-host rel=canonical
    assert article.title == "El paro baja al 10,3\u00a0% en mayo"
    assert article.text.split("\n\n") == [
        "El paro baja al 10,3\u00a0% en mayo",
        "El número de parados registrados bajó en 45.000 personas en mayo, según los datos "
        "publicados hoy por el ministerio de Trabajo.",
        "Por sectores",
        "Servicios: 30.000 parados menos",
        "Industria: 8.000 menos",
        "La afiliación a la Seguridad Social alcanzó un récord de 21,8 millones de cotizantes, "
        "con un aumento de 230.000 afiliados.\nEs el cuarto mes de subida.",
        "Mes | Parados",
        "Abril | 2.600.000",
        "Los sindicatos advierten de la elevada temporalidad de los contratos firmados en "
        "mayo, especialmente en la hostelería.",
    ]
    assert (article.lang, article.outlet) == ("es", "Blog Económico")
    assert article.published.isoformat() == "2025-06-01T10:00:00+02:00"


FOOTER_YEARS_PAGE = """<!doctype html><html lang="en"><head><title>Otis: insured losses
</title></head><body><nav>Home · Insurance · Claims</nav>
<article><h1>Otis could cost insurers up to $6 billion</h1>
<p>Insured losses from Hurricane Otis could reach $6 billion, the modelling firm said, after
the storm came ashore on October 25 near Acapulco.</p>
<p>The estimate covers damage to homes, hotels and businesses across the state of Guerrero,
where most policies were held by large hotel chains.</p></article>
<footer>Independent Insurance Agency Academy — All rights reserved. © 2003–2024</footer>
</body></html>"""


def test_a_footers_copyright_years_never_override_the_feeds_date():
    """trafilatura reads "© 2003–2024" as 1 January 2003; a date guessed from the page's text
    is weaker than the feed's, which dates the report (and every day it names without a year:
    "October 25" is 2023's, not 2002's)."""
    hint = FeedEntry(
        link="https://news.example/otis", lang="en",
        published=datetime(2023, 11, 2, 10, 0, tzinfo=UTC),
    )  # fmt: skip
    article = extract_page(FOOTER_YEARS_PAGE, "https://news.example/otis", hint=hint)
    assert article.published == datetime(2023, 11, 2, 10, 0, tzinfo=UTC)
    # without a feed, the page's guess is all there is
    alone = extract_page(FOOTER_YEARS_PAGE, "https://news.example/otis")
    assert alone.published is None or alone.published.year in (2003, 2024)
