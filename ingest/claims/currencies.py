"""Currency symbols, ISO codes and names per language, and how ambiguous ones resolve.

A currency entry is (phrase, code, factor): `factor` converts a sub-unit ("cents",
"centimes", "pence") into units of `code`. Codes beginning with "?" are ambiguous
defaults that `resolve_currency` settles from the surrounding text.
"""

from __future__ import annotations

import re

from factwatch.ingest.claims.lexicon import words

Currency = tuple[str, str, float]

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

_EN: list[Currency] = [
    ("US dollars", "USD", 1), ("US dollar", "USD", 1), ("U.S. dollars", "USD", 1),
    ("U.S. dollar", "USD", 1), ("American dollars", "USD", 1), ("United States dollars", "USD", 1),
    ("Canadian dollars", "CAD", 1), ("Canadian dollar", "CAD", 1),
    ("Australian dollars", "AUD", 1), ("Australian dollar", "AUD", 1),
    ("Hong Kong dollars", "HKD", 1), ("Hong Kong dollar", "HKD", 1),
    ("Singapore dollars", "SGD", 1), ("Singapore dollar", "SGD", 1),
    ("New Zealand dollars", "NZD", 1), ("New Taiwan dollars", "TWD", 1),
    ("Taiwan dollars", "TWD", 1), ("dollars", "?USD", 1), ("dollar", "?USD", 1),
    ("euros", "EUR", 1), ("euro", "EUR", 1), ("euro cents", "EUR", 0.01),
    ("pounds sterling", "GBP", 1), ("British pounds", "GBP", 1), ("sterling", "GBP", 1),
    ("pounds", "?GBP", 1), ("pound", "?GBP", 1),
    ("Japanese yen", "JPY", 1), ("yen", "JPY", 1), ("Chinese yuan", "CNY", 1),
    ("yuan", "CNY", 1), ("renminbi", "CNY", 1), ("rmb", "CNY", 1),
    ("Swiss francs", "CHF", 1), ("Swiss franc", "CHF", 1), ("French francs", "FRF", 1),
    ("Belgian francs", "BEF", 1), ("CFA francs", "XOF", 1), ("francs", "?CHF", 1),
    ("franc", "?CHF", 1), ("Indian rupees", "INR", 1), ("Sri Lankan rupees", "LKR", 1),
    ("Pakistani rupees", "PKR", 1), ("rupees", "INR", 1), ("rupee", "INR", 1),
    ("Mexican pesos", "MXN", 1), ("Argentine pesos", "ARS", 1), ("Chilean pesos", "CLP", 1),
    ("Colombian pesos", "COP", 1), ("Philippine pesos", "PHP", 1), ("pesos", "?MXN", 1),
    ("Brazilian reais", "BRL", 1), ("reais", "BRL", 1), ("roubles", "RUB", 1),
    ("rubles", "RUB", 1), ("won", "KRW", 1), ("rand", "ZAR", 1), ("Turkish lira", "TRY", 1),
    ("lira", "TRY", 1), ("liras", "TRY", 1), ("Italian lire", "ITL", 1),
    ("Swedish kronor", "SEK", 1), ("Swedish crowns", "SEK", 1), ("kronor", "SEK", 1),
    ("krona", "SEK", 1), ("Danish kroner", "DKK", 1), ("Norwegian kroner", "NOK", 1),
    ("Norwegian crowns", "NOK", 1), ("Danish crowns", "DKK", 1), ("Czech crowns", "CZK", 1),
    ("Czech korunas", "CZK", 1), ("kroner", "?NOK", 1), ("zlotys", "PLN", 1),
    ("zloty", "PLN", 1), ("złotys", "PLN", 1), ("złoty", "PLN", 1), ("Polish zloty", "PLN", 1),
    ("forints", "HUF", 1), ("forint", "HUF", 1), ("shekels", "ILS", 1),
    ("shekel", "ILS", 1), ("ringgit", "MYR", 1), ("baht", "THB", 1), ("dirhams", "AED", 1),
    ("riyals", "SAR", 1), ("naira", "NGN", 1), ("rupiah", "IDR", 1), ("hryvnias", "UAH", 1),
    ("Finnish markka", "FIM", 1), ("Finnish markkaa", "FIM", 1), ("markkaa", "FIM", 1),
    ("Deutsche marks", "DEM", 1), ("D-marks", "DEM", 1), ("German marks", "DEM", 1),
    ("Dutch guilders", "NLG", 1), ("Netherlands guilders", "NLG", 1), ("guilders", "NLG", 1),
    ("pesetas", "ESP", 1), ("escudos", "PTE", 1),
    ("cents", "?USD", 0.01), ("cent", "?USD", 0.01), ("pence", "GBP", 0.01),
    ("penny", "GBP", 0.01), ("pennies", "GBP", 0.01), ("sen", "MYR", 0.01),
    ("bitcoins", "BTC", 1), ("bitcoin", "BTC", 1), ("satoshis", "BTC", 1e-8),
    ("satoshi", "BTC", 1e-8), ("Cambodian riels", "KHR", 1), ("riels", "KHR", 1),
    ("Costa Rican colones", "CRC", 1), ("colones", "CRC", 1), ("Georgian lari", "GEL", 1),
    ("lari", "GEL", 1), ("Lao kip", "LAK", 1), ("kuna", "HRK", 1),
    ("kunas", "HRK", 1), ("Nigerian naira", "NGN", 1),
]
_FR: list[Currency] = [
    ("dollars américains", "USD", 1), ("dollars US", "USD", 1),
    ("dollars des États-Unis", "USD", 1), ("dollar américain", "USD", 1),
    ("dollars canadiens", "CAD", 1),
    ("dollar canadien", "CAD", 1), ("dollars australiens", "AUD", 1),
    ("dollar australien", "AUD", 1), ("dollars de Hong Kong", "HKD", 1),
    ("dollars hongkongais", "HKD", 1), ("dollars de Singapour", "SGD", 1),
    ("dollars singapouriens", "SGD", 1), ("dollars néo-zélandais", "NZD", 1),
    ("dollars taïwanais", "TWD", 1), ("dollars", "?USD", 1), ("dollar", "?USD", 1),
    ("euros", "EUR", 1), ("euro", "EUR", 1), ("livres sterling", "GBP", 1),
    ("livre sterling", "GBP", 1), ("livres", "?GBP", 1), ("livre", "?GBP", 1),
    ("sterling", "GBP", 1), ("yuans", "CNY", 1), ("yuan", "CNY", 1), ("renminbis", "CNY", 1),
    ("renminbi", "CNY", 1), ("yuans chinois", "CNY", 1), ("yens", "JPY", 1), ("yen", "JPY", 1),
    ("yens japonais", "JPY", 1), ("francs suisses", "CHF", 1), ("franc suisse", "CHF", 1),
    ("francs CFA", "XOF", 1), ("francs français", "FRF", 1), ("francs belges", "BEF", 1),
    ("francs", "?CHF", 1), ("franc", "?CHF", 1), ("roupies", "INR", 1),
    ("roupies indiennes", "INR", 1), ("pesos", "?MXN", 1), ("réais", "BRL", 1),
    ("reais", "BRL", 1), ("roubles", "RUB", 1), ("wons", "KRW", 1), ("won", "KRW", 1),
    ("rands", "ZAR", 1), ("livres turques", "TRY", 1), ("couronnes suédoises", "SEK", 1),
    ("couronnes norvégiennes", "NOK", 1), ("couronnes danoises", "DKK", 1),
    ("couronnes tchèques", "CZK", 1), ("couronnes", "?SEK", 1), ("zlotys", "PLN", 1),
    ("złotys", "PLN", 1), ("zloty", "PLN", 1), ("złoty", "PLN", 1),
    ("forints", "HUF", 1), ("shekels", "ILS", 1), ("dirhams", "MAD", 1),
    ("dinars algériens", "DZD", 1), ("dinars tunisiens", "TND", 1),
    ("mark finlandais", "FIM", 1), ("marks finlandais", "FIM", 1),
    ("florins néerlandais", "NLG", 1), ("florins", "NLG", 1), ("pesetas", "ESP", 1),
    ("marks", "DEM", 1), ("centimes", "EUR", 0.01), ("centimes d'euro", "EUR", 0.01),
    ("cents", "?USD", 0.01), ("pence", "GBP", 0.01), ("penny", "GBP", 0.01),
]
_DE: list[Currency] = [
    ("US-Dollar", "USD", 1), ("US Dollar", "USD", 1), ("amerikanische Dollar", "USD", 1),
    ("kanadische Dollar", "CAD", 1), ("australische Dollar", "AUD", 1),
    ("Hongkong-Dollar", "HKD", 1), ("Singapur-Dollar", "SGD", 1),
    ("neuseeländische Dollar", "NZD", 1), ("Taiwan-Dollar", "TWD", 1),
    ("Dollar", "?USD", 1), ("Euro", "EUR", 1), ("Pfund Sterling", "GBP", 1),
    ("britische Pfund", "GBP", 1), ("Pfund", "?GBP", 1), ("Yuan", "CNY", 1),
    ("Renminbi", "CNY", 1), ("Yen", "JPY", 1), ("Schweizer Franken", "CHF", 1),
    ("Franken", "CHF", 1), ("Fr.", "CHF", 1), ("Rubel", "RUB", 1), ("Rupien", "INR", 1),
    ("schwedische Kronen", "SEK", 1), ("norwegische Kronen", "NOK", 1),
    ("dänische Kronen", "DKK", 1), ("tschechische Kronen", "CZK", 1), ("Kronen", "?SEK", 1),
    ("Zloty", "PLN", 1), ("Złoty", "PLN", 1), ("polnische Zloty", "PLN", 1),
    ("Forint", "HUF", 1), ("türkische Lira", "TRY", 1),
    ("Lira", "TRY", 1), ("Real", "BRL", 1), ("Reais", "BRL", 1), ("Won", "KRW", 1),
    ("Rand", "ZAR", 1), ("Pesos", "?MXN", 1), ("Schekel", "ILS", 1),
    ("Mark", "DEM", 1), ("D-Mark", "DEM", 1), ("Gulden", "NLG", 1),
    ("Cent", "EUR", 0.01), ("Eurocent", "EUR", 0.01), ("Rappen", "CHF", 0.01),
    ("Pence", "GBP", 0.01), ("indische Rupien", "INR", 1), ("Rupie", "INR", 1),
    ("finnische Mark", "FIM", 1), ("Riel", "KHR", 1), ("kambodschanische Riel", "KHR", 1),
    ("niederländische Gulden", "NLG", 1), ("mexikanische Pesos", "MXN", 1),
    ("argentinische Pesos", "ARS", 1), ("chilenische Pesos", "CLP", 1),
    ("japanische Yen", "JPY", 1), ("chinesische Yuan", "CNY", 1),
    ("neuseeländische Dollar", "NZD", 1), ("Bitcoins", "BTC", 1), ("Bitcoin", "BTC", 1),
    ("Kuna", "HRK", 1), ("Lari", "GEL", 1), ("Naira", "NGN", 1),
]
# German adjectives decline ("16,4 Millionen kanadischen Dollar"): add the -n/-r forms.
_DE += [
    (f"{adj}{ending} {rest}", code, factor)
    for phrase, code, factor in list(_DE)
    if " " in phrase and phrase.split()[0].endswith("e") and phrase.split()[0].islower()
    for adj, rest in [phrase.split(" ", 1)]
    for ending in ("n", "r")
]
_ES: list[Currency] = [
    ("dólares estadounidenses", "USD", 1), ("dólares americanos", "USD", 1),
    ("dólares de EE.UU.", "USD", 1), ("dólares de EEUU", "USD", 1),
    ("dólares canadienses", "CAD", 1), ("dólar canadiense", "CAD", 1),
    ("dólares australianos", "AUD", 1), ("dólar australiano", "AUD", 1),
    ("dólares de Hong Kong", "HKD", 1), ("dólar de Hong Kong", "HKD", 1),
    ("dólares de Singapur", "SGD", 1), ("dólares neozelandeses", "NZD", 1),
    ("dólares taiwaneses", "TWD", 1), ("dólares", "?USD", 1), ("dolares", "?USD", 1),
    ("dólar", "?USD", 1), ("euros", "EUR", 1), ("euro", "EUR", 1),
    ("libras esterlinas", "GBP", 1), ("libra esterlina", "GBP", 1), ("libras", "?GBP", 1),
    ("libra", "?GBP", 1), ("yuanes", "CNY", 1), ("yuan", "CNY", 1), ("yuan chino", "CNY", 1),
    ("renminbis", "CNY", 1), ("yenes", "JPY", 1), ("yen", "JPY", 1),
    ("francos suizos", "CHF", 1), ("franco suizo", "CHF", 1), ("francos", "?CHF", 1),
    ("franco", "?CHF", 1), ("rupias", "INR", 1), ("pesos argentinos", "ARS", 1),
    ("pesos chilenos", "CLP", 1), ("pesos colombianos", "COP", 1),
    ("pesos mexicanos", "MXN", 1), ("pesos uruguayos", "UYU", 1), ("pesos", "?MXN", 1),
    ("reales", "BRL", 1), ("rublos", "RUB", 1), ("soles", "PEN", 1), ("bolívares", "VES", 1),
    ("coronas suecas", "SEK", 1), ("coronas noruegas", "NOK", 1), ("coronas danesas", "DKK", 1),
    ("coronas checas", "CZK", 1), ("coronas", "?SEK", 1), ("zlotys", "PLN", 1),
    ("złotys", "PLN", 1), ("esloti", "PLN", 1), ("eslotis", "PLN", 1),
    ("liras turcas", "TRY", 1), ("liras", "TRY", 1), ("marcos finlandeses", "FIM", 1),
    ("marco finlandés", "FIM", 1), ("marcos", "DEM", 1), ("florines neerlandeses", "NLG", 1),
    ("florín neerlandés", "NLG", 1), ("florines", "NLG", 1), ("pesetas", "ESP", 1),
    ("forintos", "HUF", 1), ("florines húngaros", "HUF", 1),
    ("céntimos", "EUR", 0.01), ("céntimo", "EUR", 0.01), ("centavos", "?USD", 0.01),
    ("centavo", "?USD", 0.01), ("peniques", "GBP", 0.01), ("penique", "GBP", 0.01),
]
_IT: list[Currency] = [
    ("marchi finlandesi", "FIM", 1), ("marco finlandese", "FIM", 1),
    ("marchi tedeschi", "DEM", 1), ("fiorini olandesi", "NLG", 1), ("forint", "HUF", 1),
    ("fiorini ungheresi", "HUF", 1), ("zloty", "PLN", 1), ("złoty", "PLN", 1),
    ("franchi francesi", "FRF", 1), ("franchi belgi", "BEF", 1),
    ("pesos messicani", "MXN", 1), ("pesos argentini", "ARS", 1), ("pesos cileni", "CLP", 1),
    ("yen giapponesi", "JPY", 1), ("yuan cinesi", "CNY", 1), ("rupie indiane", "INR", 1),
    ("dollari neozelandesi", "NZD", 1), ("dollari taiwanesi", "TWD", 1),
    ("dollari di Singapore", "SGD", 1), ("corone islandesi", "ISK", 1),
    ("dollaro USA", "USD", 1), ("dollaro americano", "USD", 1),
    ("dollaro statunitense", "USD", 1), ("dollaro canadese", "CAD", 1),
    ("dollaro australiano", "AUD", 1), ("sterline britanniche", "GBP", 1),
    ("dollari USA", "USD", 1), ("dollari americani", "USD", 1),
    ("dollari statunitensi", "USD", 1), ("dollari canadesi", "CAD", 1),
    ("dollari australiani", "AUD", 1), ("dollari di Hong Kong", "HKD", 1),
    ("dollari di Singapore", "SGD", 1), ("dollari", "?USD", 1), ("dollaro", "?USD", 1),
    ("euro", "EUR", 1), ("lire sterline", "GBP", 1), ("sterline", "GBP", 1),
    ("sterlina", "GBP", 1), ("yuan", "CNY", 1), ("renminbi", "CNY", 1), ("yen", "JPY", 1),
    ("franchi svizzeri", "CHF", 1), ("franco svizzero", "CHF", 1), ("franchi", "?CHF", 1),
    ("rupie", "INR", 1), ("pesos", "?MXN", 1), ("real", "BRL", 1), ("rubli", "RUB", 1),
    ("corone svedesi", "SEK", 1), ("corone norvegesi", "NOK", 1), ("corone danesi", "DKK", 1),
    ("corone ceche", "CZK", 1), ("corone", "?SEK", 1), ("zloty", "PLN", 1),
    ("lire turche", "TRY", 1), ("lire", "ITL", 1), ("marchi", "DEM", 1),
    ("fiorini", "NLG", 1), ("pesetas", "ESP", 1), ("centesimi", "EUR", 0.01),
    ("penny", "GBP", 0.01), ("pence", "GBP", 0.01),
]
_PT: list[Currency] = [
    ("dólares americanos", "USD", 1), ("dólares norte-americanos", "USD", 1),
    ("dólares estadunidenses", "USD", 1), ("dólares dos EUA", "USD", 1),
    ("dólares canadenses", "CAD", 1), ("dólar canadense", "CAD", 1),
    ("dólares australianos", "AUD", 1), ("dólar australiano", "AUD", 1),
    ("dólares de Hong Kong", "HKD", 1), ("dólar de Hong Kong", "HKD", 1),
    ("dólares", "?USD", 1), ("dólar", "?USD", 1), ("euros", "EUR", 1), ("euro", "EUR", 1),
    ("libras esterlinas", "GBP", 1), ("libras", "?GBP", 1), ("libra", "?GBP", 1),
    ("yuans", "CNY", 1), ("iuanes", "CNY", 1), ("yuan", "CNY", 1), ("iuane", "CNY", 1),
    ("renminbi", "CNY", 1), ("ienes", "JPY", 1), ("yen", "JPY", 1), ("ienes japoneses", "JPY", 1),
    ("francos suíços", "CHF", 1), ("franco suíço", "CHF", 1), ("francos", "?CHF", 1),
    ("franco", "?CHF", 1), ("rupias", "INR", 1), ("pesos", "?MXN", 1), ("reais", "BRL", 1),
    ("real", "BRL", 1), ("rublos", "RUB", 1), ("coroas", "?SEK", 1),
    ("marco finlandês", "FIM", 1), ("marcos finlandeses", "FIM", 1), ("marcos", "DEM", 1),
    ("florim holandês", "NLG", 1), ("florins holandeses", "NLG", 1), ("florins", "NLG", 1),
    ("forints", "HUF", 1), ("florins húngaros", "HUF", 1), ("zlótis", "PLN", 1),
    ("zlotys", "PLN", 1), ("złotys", "PLN", 1),
    ("pesetas", "ESP", 1), ("centavos", "BRL", 0.01), ("centavo", "BRL", 0.01),
    ("cêntimos", "EUR", 0.01), ("cêntimo", "EUR", 0.01), ("yenes", "JPY", 1),
    ("pênis", "GBP", 0.01), ("pence", "GBP", 0.01), ("penies", "GBP", 0.01),
]
_NL: list[Currency] = [
    ("Amerikaanse dollar", "USD", 1), ("Amerikaanse dollars", "USD", 1),
    ("Canadese dollar", "CAD", 1), ("Canadese dollars", "CAD", 1),
    ("Australische dollar", "AUD", 1), ("Australische dollars", "AUD", 1),
    ("Hongkongse dollar", "HKD", 1), ("Singaporese dollar", "SGD", 1),
    ("Nieuw-Zeelandse dollar", "NZD", 1), ("Taiwanese dollar", "TWD", 1),
    ("dollar", "?USD", 1), ("dollars", "?USD", 1), ("euro", "EUR", 1), ("euro's", "EUR", 1),
    ("eurocent", "EUR", 0.01), ("eurocenten", "EUR", 0.01), ("cent", "EUR", 0.01),
    ("Britse pond", "GBP", 1), ("Britse ponden", "GBP", 1), ("pond sterling", "GBP", 1),
    ("pond", "?GBP", 1), ("ponden", "?GBP", 1), ("yuan", "CNY", 1), ("renminbi", "CNY", 1),
    ("Chinese yuan", "CNY", 1), ("yen", "JPY", 1), ("Japanse yen", "JPY", 1),
    ("Zwitserse frank", "CHF", 1), ("Zwitserse franken", "CHF", 1), ("frank", "?CHF", 1),
    ("franken", "?CHF", 1), ("Belgische frank", "BEF", 1), ("Belgische franken", "BEF", 1),
    ("Franse frank", "FRF", 1), ("Franse franken", "FRF", 1), ("gulden", "NLG", 1),
    ("guldens", "NLG", 1), ("roebel", "RUB", 1), ("roebels", "RUB", 1),
    ("Indiase roepie", "INR", 1), ("Indiase roepies", "INR", 1), ("roepie", "INR", 1),
    ("roepies", "INR", 1), ("Zweedse kroon", "SEK", 1), ("Zweedse kronen", "SEK", 1),
    ("Noorse kroon", "NOK", 1), ("Noorse kronen", "NOK", 1), ("Deense kroon", "DKK", 1),
    ("Deense kronen", "DKK", 1), ("Tsjechische kroon", "CZK", 1),
    ("Tsjechische kronen", "CZK", 1), ("kronen", "?SEK", 1), ("Poolse zloty", "PLN", 1),
    ("zloty", "PLN", 1), ("złoty", "PLN", 1), ("Hongaarse forint", "HUF", 1),
    ("forint", "HUF", 1), ("Turkse lira", "TRY", 1), ("lira", "TRY", 1),
    ("Braziliaanse real", "BRL", 1), ("real", "BRL", 1), ("reais", "BRL", 1),
    ("Zuid-Koreaanse won", "KRW", 1), ("won", "KRW", 1), ("rand", "ZAR", 1),
    ("Mexicaanse peso", "MXN", 1), ("peso", "?MXN", 1), ("pesos", "?MXN", 1),
    ("Finse mark", "FIM", 1), ("Duitse mark", "DEM", 1), ("peseta", "ESP", 1),
    ("bitcoin", "BTC", 1), ("bitcoins", "BTC", 1),
]
_ZH: list[Currency] = [
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

NAMES: dict[str, list[Currency]] = {
    "en": _EN, "fr": _FR, "de": _DE, "es": _ES, "it": _IT, "pt": _PT, "nl": _NL, "zh": _ZH,
}

# Money-and-trade words: a bare "pounds"/"livres" is a currency only near one of these.
MONEY_CUES = re.compile(
    r"£|\b(?:sterling|paid|pay|pays|cost|costs|price|priced|worth|fine|fined|sold|sell|bought|buy|"
    r"salary|wage|fee|fees|budget|fund|funding|revenue|profit|loss|spent|spend|raise|raised|"
    r"invest|investment|bonus|award|compensation|prize|grant|charge|tax|deal|bid|offer|"
    r"payer|payé|coût|coûte|prix|vendu|acheté|budget|amende|salaire|chiffre d'affaires|"
    r"bezahlt|kostet|Kosten|Preis|verkauft|gekauft|Umsatz|Gewinn|Strafe|"
    r"pagó|pagado|cuesta|coste|costo|precio|vendido|comprado|multa|salario|"
    r"pagato|costa|prezzo|venduto|acquistato|multa|stipendio|fatturato|"
    r"pagou|custa|preço|vendido|comprado|salário|faturamento|"
    r"betaald|betaalt|kost|prijs|verkocht|gekocht|omzet|winst|boete|salaris|loon)",
    re.IGNORECASE,
)

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
    if code == "?JPY" and lang == "zh":
        return "CNY"
    for pattern, iso in _HINTS.get(code, []):
        if pattern.search(window):
            return iso
    return default
