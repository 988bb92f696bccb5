"""Intermediate values of the extractor: numerals found in the text and claim candidates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Which candidate wins when two overlap: a date beats a figure, money beats a bare count.
PRIORITY: dict[str, int] = {"date": 4, "money": 3, "percent": 2, "count": 1}


@dataclass(frozen=True)
class Mention:
    """A numeral with its scale words: "5,4 milliards", "$5.7bn" (numeral part), "4800亿"."""

    start: int
    end: int  # end of the digits
    value: Decimal  # the numeral alone
    precision: int
    scale_end: int  # end of the scale words (== end when there are none)
    power: int = 0  # the scale as a power of ten
    weak_scale: bool = False  # an abbreviation such as "m" or "k" that needs a unit
    zh_more: bool = False  # Chinese "多"/"余" after the digits ("5000余名")
    spelled: bool = False  # written in words ("deux milliards", "twenty percent")

    @property
    def scaled(self) -> Decimal:
        return self.value.scaleb(self.power)


@dataclass(frozen=True)
class Candidate:
    """A claim before sentence and context are attached."""

    kind: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    precision: int | None = None
    date_value: date | None = None
    date_end: date | None = None
    bare: bool = False  # a scaled amount with no currency written ("5.400 millones")
    subunit: bool = False  # written in cents, pence, centimes...
    opens_range: bool = False  # a bare amount followed by "to 1.1 million ..."

    @property
    def priority(self) -> int:
        return PRIORITY[self.kind]
