"""Currency symbols and ISO codes, and how ambiguous ones resolve (names are per language:
the `currency_names` slot of `factwatch.ingest.lang`).

A currency entry is (phrase, code, factor): `factor` converts a sub-unit ("cents",
"centimes", "pence") into units of `code`. Codes beginning with "?" are ambiguous
defaults that `resolve_currency` settles from the surrounding text.
"""

from __future__ import annotations

import re

from factwatch.ingest.lang import find, union
from factwatch.ingest.lang.schema import Currency
from factwatch.ingest.text import words

# Symbols written before (or after) the figure. Case-sensitive: "A$" is an Australian
# dollar, "a $" is an article and a dollar.
SYMBOLS: list[Currency] = [
    ("US$", "USD", 1), ("U.S.$", "USD", 1), ("U.S. $", "USD", 1), ("US $", "USD", 1),
    ("u.s $", "USD", 1), ("USD$", "USD", 1), ("C$", "CAD", 1), ("c $", "CAD", 1),
    ("CA$", "CAD", 1), ("CAN$", "CAD", 1), ("Can$", "CAD", 1), ("CAD$", "CAD", 1),
    ("A$", "AUD", 1), ("AU$", "AUD", 1), ("AUD$", "AUD", 1), ("NZ$", "NZD", 1),
    ("NZD$", "NZD", 1), ("HK$", "HKD", 1), ("hk $", "HKD", 1), ("HK $", "HKD", 1),
    ("S$", "SGD", 1), ("SG$", "SGD", 1), ("NT$", "TWD", 1), ("R$", "BRL", 1),
    ("Mex$", "MXN", 1), ("MX$", "MXN", 1), ("RD$", "DOP", 1), ("$", "?USD", 1),
    ("€", "EUR", 1), ("£", "GBP", 1), ("¥", "?JPY", 1), ("₹", "INR", 1), ("Rs.", "INR", 1),
    ("Rs", "INR", 1), ("₩", "KRW", 1), ("₽", "RUB", 1), ("₺", "TRY", 1), ("₪", "ILS", 1),
    ("₫", "VND", 1), ("₱", "PHP", 1), ("₦", "NGN", 1), ("₡", "CRC", 1), ("₾", "GEL", 1),
    ("₭", "LAK", 1), ("₴", "UAH", 1), ("₸", "KZT", 1), ("฿", "THB", 1), ("zł", "PLN", 1),
    ("Kč", "CZK", 1), ("SFr.", "CHF", 1), ("sFr.", "CHF", 1), ("Fr.", "CHF", 1),
    ("ரூ", "LKR", 1), ("¢", "?USD", 0.01), ("RM", "MYR", 1), ("$US", "USD", 1),
    ("$A", "AUD", 1), ("$NZ", "NZD", 1), ("$C", "CAD", 1), ("U$D", "USD", 1),
    ("U$S", "USD", 1), ("US$D", "USD", 1), ("元", "CNY", 1),
    # Written after the figure in French: "16,4 millions de $ CA", "10 milliards de $ HK".
    ("$ CA", "CAD", 1), ("$CA", "CAD", 1), ("$ c", "CAD", 1), ("$CAD", "CAD", 1),
    ("$ CAD", "CAD", 1), ("$ HK", "HKD", 1), ("$HK", "HKD", 1), ("$ US", "USD", 1),
    ("$ AU", "AUD", 1), ("$AU", "AUD", 1), ("$ NZ", "NZD", 1), ("$ SG", "SGD", 1),
]
# "HK $", "AU $", "S $": writers (and tokenisers) often put a space before the dollar sign.
# An ISO code with the dollar sign, in either case: "MXN$ 20", "usd$ 15", "nzd$15".
SYMBOLS += [
    (f"{form}$", code, 1)
    for code in ("USD", "AUD", "CAD", "NZD", "MXN", "HKD", "SGD", "TWD")
    for form in (code, code.lower())
    if f"{form}$" not in {s for s, _, _ in SYMBOLS}
]
SYMBOLS += [
    (f"{sym[:-1]} $", code, factor) for sym, code, factor in list(SYMBOLS)
    if sym.endswith("$") and sym[:-1].replace(".", "").isalpha() and not sym.endswith(" $")
]
# Bitcoin is not in ISO 4217; "BTC" is the code every exchange and outlet uses.
SYMBOLS += [("₿", "BTC", 1)]
# Codes with a scale letter, as business reports write them: "120 MEUR", "MUSD 30",
# "450 kEUR", "TEUR 12" (German: thousands of euros).
SYMBOLS += [
    (f"{prefix}{code}", code, factor)
    for code in ("USD", "EUR", "GBP", "CHF", "AUD", "CAD", "NZD", "SEK", "NOK", "DKK", "JPY",
                 "CNY", "HKD", "SGD", "INR", "ZAR", "PLN", "CZK")
    for prefix, factor in (("M", 1e6), ("k", 1e3))
] + [("TEUR", "EUR", 1e3), ("TCHF", "CHF", 1e3)]

# ISO 4217 codes recognised as written (upper case), with aliases.
CODES: dict[str, str] = {
    c: c
    for c in words(
        "USD EUR GBP JPY CNY CHF CAD AUD NZD HKD SGD TWD KRW INR BRL MXN ARS CLP COP PEN UYU "
        "RUB TRY ZAR SEK NOK DKK ISK PLN CZK HUF RON BGN ILS AED SAR QAR KWD BHD OMR EGP NGN "
        "KES MAD DZD TND THB MYR IDR PHP VND PKR BDT LKR UAH KZT XOF XAF VES DOP GEL KHR "
        "CRC LAK HRK BTC"
    )
}
CODES.update({"RMB": "CNY", "CNH": "CNY", "SFR": "CHF", "STG": "GBP", "GBX": "GBP",
              "XBT": "BTC"})
# Codes also accepted in lower case (texts that were lower-cased wholesale).
LOWER_OK: frozenset[str] = frozenset(
    words("usd eur gbp jpy cny rmb chf hkd aud nzd sgd inr brl mxn krw")
)

# Money-and-trade words: a bare "pounds"/"livres" is a currency only near one of these.
MONEY_CUES = re.compile(r"£|\b(?:" + "|".join(union("money_cues")) + ")", re.IGNORECASE)

_HINTS: dict[str, list[tuple[re.Pattern[str], str]]] = {
    code: [(re.compile(p), iso) for p, iso in pairs]
    for code, pairs in {
        "?JPY": [
            (r"yuan|renminbi|\bRMB\b|人民币|元", "CNY"),
            (r"\byen\b|\byens\b|日元|日圆", "JPY"),
            (r"Japan|Japon|japonais|japanisch|Japón|japonés|Giappone|giapponese|Japão|japonês|"
             r"日本", "JPY"),
            (r"Chin|Cina|cinese|chinês|中国", "CNY"),
        ],
        "?MXN": [
            (r"Argentin", "ARS"), (r"Chile|Chili", "CLP"), (r"Colombi|Kolumbi", "COP"),
            (r"Philippin|Filipin", "PHP"), (r"Urugua", "UYU"), (r"Cuba", "CUP"),
            (r"Dominican|dominicain", "DOP"),
        ],
        "?SEK": [
            (r"Norw|Norv|Norueg|Norveg|Noorse|Noorwegen", "NOK"),
            (r"Danish|Denmark|Danemark|Dän|Dinamar|Danimar|Deense|Denemarken", "DKK"),
            (r"Czech|tchèque|Tschech|checa|ceca|Tchéquie|Chequia|Tsjech", "CZK"),
            (r"Iceland|Islande|Island|IJsland|IJslandse", "ISK"),
        ],
        "?NOK": [(r"Danish|Denmark|Danemark|Dän|Deense|Denemarken", "DKK")],
        "?CHF": [
            (r"CFA|Sénégal|Côte d'Ivoire|Mali\b|Burkina|Niger\b|Bénin|Togo", "XOF"),
            (r"Cameroun|Gabon|Congo|Tchad|Centrafrique", "XAF"),
        ],
    }.items()
}


def resolve_currency(code: str, lang: str, window: str) -> str:
    """The ISO code for a currency entry, settling ambiguous ones ("?JPY") from the window."""
    if not code.startswith("?"):
        return code
    default = code[1:]
    data = find(lang)
    if data is not None and code in data.currency_defaults:
        return data.currency_defaults[code]
    for pattern, iso in _HINTS.get(code, []):
        if pattern.search(window):
            return iso
    return default
