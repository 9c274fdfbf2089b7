"""GOV.UK date inputs (day, month, year as three boxes) read into dates, with the design
system's error messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def read_date(
    form: forms.Form, prefix: str, *, required: bool, not_future: bool = True
) -> date | None:
    """Read `<prefix>_day/_month/_year` from the form's data; add an error to `prefix`."""
    return parse_date_parts(
        form.data,
        prefix,
        required=required,
        not_future=not_future,
        error=lambda message: form.add_error(prefix, message),
    )


def parse_date_parts(
    data: Mapping[str, Any],
    prefix: str,
    *,
    required: bool,
    not_future: bool,
    error: Callable[[str], None],
) -> date | None:
    parts = [str(data.get(f"{prefix}_{p}", "")).strip() for p in ("day", "month", "year")]
    if not any(parts):
        if required:
            error(_("Enter a date"))
        return None
    names = (_("a day"), _("a month"), _("a year"))
    missing = [name for name, part in zip(names, parts, strict=True) if not part]
    if missing:
        error(_("The date must include %(part)s") % {"part": missing[0]})
        return None
    try:
        # At most 2 digits for a day or month and 4 for a year: a longer number is not a
        # date (and 20 digits would overflow `date` with OverflowError, not ValueError).
        if any(len(p) > limit for p, limit in zip(parts, (2, 2, 4), strict=True)):
            raise ValueError
        day, month, year = (int(p) for p in parts)
        if year < 1900:
            raise ValueError
        value = date(year, month, day)
    except (ValueError, OverflowError):
        error(_("The date must be a real date, like 27 3 2026"))
        return None
    if not_future and value > timezone.localdate():
        error(_("The date must be today or in the past"))
        return None
    return value


def read_time(form: forms.Form, name: str) -> time | None:
    """An optional time typed as 14:30 or 2:30pm."""
    raw = str(form.data.get(name, "")).strip().lower().replace(".", ":")
    if not raw:
        return None
    suffix = ""
    for s in ("am", "pm"):
        if raw.endswith(s):
            suffix, raw = s, raw[: -len(s)].strip()
    try:
        hours, _sep, minutes = raw.partition(":")
        if len(hours.strip()) > 2 or len(minutes.strip()) > 2:  # 20 digits overflow `time`
            raise ValueError
        h, m = int(hours), int(minutes or 0)
        if suffix == "pm" and h < 12:
            h += 12
        if suffix == "am" and h == 12:
            h = 0
        return time(h, m)
    except (ValueError, OverflowError):
        form.add_error(name, _("Enter a time like 14:30, or leave it blank"))
        return None


@dataclass(frozen=True)
class MomentWords:
    """What the person is told about a date-and-time question left without its date or its
    time, or answered with a day before the earliest it may be (`too_early` has %(date)s)."""

    no_date: Any
    no_time: Any
    too_early: Any


def read_moment(
    form: forms.Form, prefix: str, *, floor: date | None, words: MomentWords
) -> datetime | None:
    """A GOV.UK date input `<prefix>` with a time box `<prefix>_time`, both required: today
    or earlier, not before `floor`, and not later than now. Adds the errors to the form."""
    day = read_date(form, prefix, required=False, not_future=True)
    at = read_time(form, f"{prefix}_time")
    if day is None:
        if prefix not in form.errors:
            form.add_error(prefix, str(words.no_date))
        return None
    if floor is not None and day < floor:
        form.add_error(
            prefix, str(words.too_early) % {"date": formats.date_format(floor, "DATE_FORMAT")}
        )
        return None
    if at is None:
        if f"{prefix}_time" not in form.errors:
            form.add_error(f"{prefix}_time", str(words.no_time))
        return None
    moment = timezone.make_aware(datetime.combine(day, at))
    if moment > timezone.now():
        form.add_error(f"{prefix}_time", _("The time must be now or in the past"))
        return None
    return moment


def date_parts(value: date | datetime | None, prefix: str) -> dict[str, str]:
    """Initial data for a GOV.UK date input (and its time box) from a stored value."""
    if value is None:
        return {}
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        parts = {f"{prefix}_time": local.strftime("%H:%M")}
        value = local.date()
    else:
        parts = {}
    parts.update(
        {
            f"{prefix}_day": str(value.day),
            f"{prefix}_month": str(value.month),
            f"{prefix}_year": str(value.year),
        }
    )
    return parts
