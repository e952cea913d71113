"""The unit lexicon: how news writes currencies and units, and the normalised code each one gets.

Codes: ISO 4217 for money ("USD"), "percent", SI or customary symbols for measures ("km", "t", "kg", "°C"), and
plain words for what has no symbol ("barrel", "acre"). ``UNIT_NAMES`` spells each code out, so a figure can be
compared with a unit written in words ("kilometre", "pound sterling").
"""

from __future__ import annotations

CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
                    "C$": "CAD", "A$": "AUD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "₩": "KRW",
                    "₺": "TRY", "₴": "UAH", "₦": "NGN", "₱": "PHP", "฿": "THB", "₪": "ILS", "₿": "BTC",
                    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "cad": "CAD",
                    "aud": "AUD", "cny": "CNY", "rmb": "CNY", "inr": "INR", "btc": "BTC", "元": "CNY", "円": "JPY",
                    "₡": "CRC", "₾": "GEL", "₭": "LAK", "ரூ": "LKR"}
"""Written before the amount ("$5", "US$ 40", "EUR 3m")."""

CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "pence": "GBX", "penny": "GBX", "pennies": "GBX", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR",
    "rupees": "INR", "won": "KRW", "hryvnia": "UAH", "hryvnias": "UAH", "franc": "CHF", "francs": "CHF",
    "lira": "TRY", "liras": "TRY", "peso": "MXN", "pesos": "MXN", "rand": "ZAR", "real": "BRL", "reais": "BRL",
    "shekel": "ILS", "shekels": "ILS", "dinar": "DZD", "dinars": "DZD", "dirham": "AED", "dirhams": "AED",
    "riyal": "SAR", "riyals": "SAR", "naira": "NGN", "krona": "SEK", "kronor": "SEK", "krone": "NOK",
    "kroner": "NOK", "zloty": "PLN", "forint": "HUF", "bitcoin": "BTC", "bitcoins": "BTC", "cent": "¢",
    "cents": "¢", "markka": "FIM", "peseta": "ESP", "pesetas": "ESP", "guilder": "NLG", "guilders": "NLG",
    "mark": "DEM", "marks": "DEM", "deutsche": "DEM", "colon": "CRC", "colón": "CRC", "lari": "GEL", "kip": "LAK",
    "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "dong": "VND",
}
"""Written after the amount ("400 euros"); the word before them may make them another country's ("Canadian
dollars", "Swiss francs": ``CURRENCY_NATIONS``)."""

CURRENCY_NATIONS = {
    ("canadian", "USD"): "CAD", ("australian", "USD"): "AUD", ("hong", "USD"): "HKD", ("new", "USD"): "NZD",
    ("zealand", "USD"): "NZD", ("singapore", "USD"): "SGD", ("taiwan", "USD"): "TWD", ("us", "USD"): "USD",
    ("swiss", "CHF"): "CHF", ("french", "CHF"): "FRF", ("mexican", "MXN"): "MXN", ("argentine", "MXN"): "ARS",
    ("chilean", "MXN"): "CLP", ("colombian", "MXN"): "COP", ("philippine", "MXN"): "PHP", ("turkish", "TRY"): "TRY",
    ("sri", "INR"): "LKR", ("lankan", "INR"): "LKR", ("pakistani", "INR"): "PKR", ("finnish", "FIM"): "FIM",
    ("south", "ZAR"): "ZAR", ("brazilian", "BRL"): "BRL", ("egyptian", "GBP"): "EGP", ("japanese", "JPY"): "JPY",
    ("chinese", "CNY"): "CNY", ("indian", "INR"): "INR", ("russian", "RUB"): "RUB", ("jordanian", "DZD"): "JOD",
    ("iraqi", "DZD"): "IQD", ("kuwaiti", "DZD"): "KWD", ("swedish", "SEK"): "SEK", ("danish", "NOK"): "DKK",
    ("norwegian", "NOK"): "NOK", ("german", "DEM"): "DEM", ("netherlands", "NLG"): "NLG", ("dutch", "NLG"): "NLG",
    ("costa", "CRC"): "CRC", ("rican", "CRC"): "CRC", ("georgian", "GEL"): "GEL", ("lao", "LAK"): "LAK",
}

_MEASURES = {
    "percent": ("percent", "per cent", "%", "pct", "percentage", "percentage points", "percentage point"),
    "point": ("point", "points", "basis points", "bps"),
    "km": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    "m": ("metre", "metres", "meter", "meters"), "cm": ("cm", "centimetre", "centimetres", "centimeter",
                                                          "centimeters"),
    "mm": ("mm", "millimetre", "millimetres", "millimeter", "millimeters"), "dm": ("decimetre", "decimetres"),
    "pm": ("picometre", "picometres", "picometer", "picometers"),
    "mi": ("mile", "miles", "mi"), "ft": ("foot", "feet", "ft"), "in": ("inch", "inches"), "yd": ("yard", "yards"),
    "km2": ("km2", "km²", "square kilometres", "square kilometers", "sq km"),
    "m2": ("m2", "m²", "square metres", "square meters", "sq m"), "mi2": ("square miles", "sq miles"),
    "ft2": ("square feet", "sq ft"), "ft3": ("cubic feet",), "m3": ("cubic metres", "cubic meters", "m3"),
    "acre": ("acre", "acres"), "ha": ("hectare", "hectares", "ha"),
    "t": ("tonne", "tonnes", "metric tons", "metric ton", "ton", "tons"), "kg": ("kg", "kgs", "kilogram",
                                                                               "kilograms", "kilo", "kilos"),
    "g": ("gram", "grams"), "mg": ("mg", "milligram", "milligrams"), "µg": ("microgram", "micrograms", "µg", "μg",
                                                                              "mcg"),
    "lb": ("lb", "lbs", "pound-mass"), "oz": ("ounce", "ounces", "oz"),
    "l": ("litre", "litres", "liter", "liters"), "ml": ("ml", "millilitre", "millilitres", "milliliter",
                                                       "milliliters"),
    "gal": ("gallon", "gallons", "gal"), "barrel": ("barrel", "barrels", "bpd"), "cup": ("cup", "cups"),
    "tbsp": ("tablespoon", "tablespoons", "tbsp"), "tsp": ("teaspoon", "teaspoons", "tsp"), "dram": ("dram", "drams"),
    "km/h": ("km/h", "kph", "kilometres per hour", "kilometers per hour"), "mph": ("mph", "miles per hour"),
    "°C": ("°c", "celsius", "centigrade", "degrees celsius", "degree celsius", "deg celsius", "degrees c", "° c",
           "° celsius", "deg c", "celcius", "degrees celcius", "degrees centigrade"),
    "°F": ("°f", "fahrenheit", "degrees fahrenheit", "degree fahrenheit", "deg fahrenheit", "degrees f", "° f",
           "° fahrenheit", "deg f", "farenheit", "degrees farenheit"),
    "degree": ("degree", "degrees", "°", "deg"),
    "W": ("watt", "watts"), "kW": ("kw", "kilowatt", "kilowatts"), "MW": ("mw", "megawatt", "megawatts"),
    "GW": ("gw", "gigawatt", "gigawatts"), "kWh": ("kwh", "kilowatt-hours", "kilowatt hours"),
    "MWh": ("mwh", "megawatt-hours"), "GWh": ("gwh", "gigawatt-hours"), "V": ("volt", "volts"),
    "bit": ("bit", "bits"), "Mb": ("megabit", "megabits", "mbps"), "MB": ("megabyte", "megabytes", "mb"),
    "GB": ("gigabyte", "gigabytes", "gb"), "TB": ("terabyte", "terabytes", "tb"),
    "rad": ("radian", "radians"), "turn": ("turn", "turns"),
    "second": ("second", "seconds", "secs"), "minute": ("minute", "minutes", "mins"), "hour": ("hour", "hours", "hrs"),
}
UNIT_WORDS = {w: code for code, words in _MEASURES.items() for w in words}
"""A unit written after the amount, one to three words (lower case) → its code."""

GLUED_UNITS = {"%": "percent", "km": "km", "m": "m", "cm": "cm", "mm": "mm", "mi": "mi", "ft": "ft", "in": "in",
               "kg": "kg", "g": "g", "mg": "mg", "lb": "lb", "lbs": "lb", "oz": "oz", "ml": "ml", "l": "l",
               "t": "t", "gb": "GB", "mb": "MB", "tb": "TB", "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh",
               "°c": "°C", "°f": "°F", "°": "degree", "mph": "mph", "kph": "km/h", "ha": "ha", "km2": "km2",
               "m2": "m2", "bpd": "barrel", "rad": "rad", "μg": "µg", "µg": "µg", "kmph": "km/h"}
"""A unit glued to its digits ("200lbs", "75ml", "40°C"); "m" and "b" after money are scales instead."""

AMBIGUOUS = {"c", "f", "g", "in", "m", "t", "l", "mi", "ha", "mb", "tb", "gb", "°", "pound", "pounds", "mark",
             "marks", "real", "won", "rand", "turn", "turns", "point", "points", "second", "seconds", "cup",
             "cups", "kip", "dong", "colon", "kilo", "kilos", "degree", "degrees", "deg"}
"""Words that are units only straight after a number and in the right company (read by the stage)."""

UNIT_NAMES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "GBX": "penny pence", "¢": "cent", "JPY": "japanese yen", "CNY": "chinese yuan",
    "RUB": "russian rouble ruble", "INR": "indian rupee", "KRW": "korean won", "UAH": "hryvnia", "CHF": "swiss franc",
    "CAD": "canadian dollar", "AUD": "australian dollar", "HKD": "hong kong dollar", "NZD": "new zealand dollar",
    "SGD": "singapore dollar", "TWD": "taiwan dollar", "BRL": "brazilian real", "TRY": "turkish lira",
    "MXN": "mexican peso", "ARS": "argentine peso", "CLP": "chilean peso", "COP": "colombian peso",
    "PHP": "philippine peso", "ZAR": "south african rand", "ILS": "shekel", "DZD": "dinar", "JOD": "jordanian dinar",
    "IQD": "iraqi dinar", "KWD": "kuwaiti dinar", "AED": "dirham", "SAR": "riyal", "NGN": "naira",
    "SEK": "swedish krona", "NOK": "norwegian krone", "DKK": "danish krone", "PLN": "zloty", "HUF": "forint",
    "BTC": "bitcoin", "FIM": "finnish markka", "ESP": "peseta", "NLG": "netherlands guilder guilde",
    "DEM": "mark deutsche", "FRF": "french franc", "CRC": "costa rican colón", "GEL": "georgian lari",
    "LAK": "lao kip", "LKR": "sri lankan rupee", "PKR": "pakistani rupee", "EGP": "egyptian pound", "THB": "baht",
    "MYR": "ringgit", "IDR": "rupiah", "VND": "dong",
    "percent": "percentage percent", "point": "point", "km": "kilometre", "m": "metre", "cm": "centimetre",
    "mm": "millimetre", "dm": "decimetre", "pm": "picometre", "mi": "mile", "ft": "foot", "in": "inch",
    "yd": "yard", "km2": "square kilometre", "m2": "square metre", "mi2": "square mile", "ft2": "square foot",
    "ft3": "cubic foot", "m3": "cubic metre", "acre": "acre", "ha": "hectare", "t": "metric ton tonne",
    "kg": "kilogram", "g": "gram", "mg": "milligram", "µg": "microgram", "lb": "pound-mass pound",
    "oz": "ounce", "l": "litre", "ml": "millilitre", "gal": "gallon", "barrel": "barrel", "cup": "cup",
    "tbsp": "tablespoon", "tsp": "teaspoon", "dram": "dram", "km/h": "kilometre per hour", "mph": "mile per hour",
    "°C": "celsius", "°F": "fahrenheit", "degree": "degree", "W": "watt", "kW": "kilowatt", "MW": "megawatt",
    "GW": "gigawatt", "kWh": "kilowatt hour", "MWh": "megawatt hour", "GWh": "gigawatt hour", "V": "volt",
    "bit": "bit", "Mb": "megabit", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte", "rad": "radian",
    "turn": "turn", "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month",
    "year": "year", "decade": "decade",
}


def unit_words(code: str | None) -> set[str]:
    """The words that name a unit code ("km" → {"kilometre"}); a code not in the lexicon names itself."""
    if not code:
        return set()
    return set((UNIT_NAMES.get(code) or code.lower()).split())
