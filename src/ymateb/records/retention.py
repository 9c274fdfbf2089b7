"""How long an incident record is kept ("Recording incidents"; PRODUCT.md "Records").

Child protection records are kept until the youngest child involved is their date of
birth plus 25 years (YMATEB_RETENTION_YEARS). Where a date of birth is not known the
date is estimated so that the record is never kept for less time than it should be:
from an age, the latest birthday that age allows; with neither, as if the child were born
on the day of the report. Nothing is ever deleted automatically.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def latest_possible_birth(date_of_birth: date | None, age: int | None, reported_on: date) -> date:
    if date_of_birth is not None:
        return date_of_birth
    if age is not None:
        return _add_years(reported_on, -age)
    return reported_on


def retention_until(
    children: Iterable[tuple[date | None, int | None]], reported_on: date, years: int
) -> date:
    """The date until which the record must be kept: youngest child's birth + `years`."""
    births = [latest_possible_birth(dob, age, reported_on) for dob, age in children]
    youngest = max(births) if births else reported_on
    return _add_years(youngest, years)
