"""Security events: the audit rows an installation admin and the local authority's security
team need to see (refused access, sign-in failures, wrong codes, lockouts, enrolment, role
grants, admin changes; `ymateb.audit.models.SECURITY_ACTIONS`).

Each row shows who (the label recorded at the time), what, when, in which setting and from
where (address and browser family). Never incident content: an event about an incident
names no incident (its id is left out), and `detail` holds codes only (see AuditEvent).
Reading the list and exporting it are themselves audited (LIST / EXPORT on
"security_events"), in the same transaction as the read.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ymateb.accounts.models import User
from ymateb.accounts.requests import used_second_factor
from ymateb.audit.models import SECURITY_ACTIONS, AuditAction, AuditEvent
from ymateb.audit.services import ANONYMOUS_LABEL, audit
from ymateb.tenancy.models import Setting
from ymateb.ui import fields
from ymateb.ui.dates import read_date
from ymateb.ui.forms import YmatebForm

OBJECT_TYPE = "security_events"
PER_PAGE = 50
# Kinds of record whose id is not shown: an incident's id would say that it exists. Of
# such an event's detail only these codes are shown (no ids of a child, device or action).
HIDDEN_OBJECT_IDS = frozenset({"incident"})
CODES_SHOWN_FOR_HIDDEN = ("what", "reason", "why")


def may_see(user: User | AnonymousUser) -> bool:
    """Installation admins who signed in with their second factor, and nobody else."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_admin", False)
        and used_second_factor(user)
    )


def action_label(code: str) -> str:
    try:
        return str(AuditAction(code).label)
    except ValueError:
        return code


class FilterForm(YmatebForm):
    """Filters, sent in the query string: a kind of event and a date range (inclusive)."""

    error_anchors = {"from": "id_from_day", "to": "id_to_day"}

    kind = fields.select(
        gettext_lazy("Kind of event"),
        not_listed=gettext_lazy("Choose a kind of event from the list"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [  # type: ignore[attr-defined]
            (action.value, str(action.label)) for action in SECURITY_ACTIONS
        ]
        # The date boxes (from_day, to_month …) are read in clean(); these hold their
        # errors ("from" cannot be a class attribute).
        self.fields["from"] = fields.date_input()
        self.fields["to"] = fields.date_input()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start = read_date(self, "from", required=False)
        end = read_date(self, "to", required=False)
        if start and end and start > end:
            self.add_error("to", _("The end date must be the same as or after the start date"))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    start: date | None = None
    end: date | None = None

    @classmethod
    def from_form(cls, form: FilterForm) -> Filters:
        data = form.cleaned_data
        return cls(kind=data.get("kind") or "", start=data.get("start"), end=data.get("end"))

    def audit_detail(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events(filters: Filters) -> QuerySet[AuditEvent]:
    """Security events matching the filters, newest first."""
    rows = AuditEvent.objects.filter(action__in=[a.value for a in SECURITY_ACTIONS])
    if filters.kind:
        rows = rows.filter(action=filters.kind)
    if filters.start:
        rows = rows.filter(at__gte=_day_start(filters.start))
    if filters.end:
        rows = rows.filter(at__lt=_day_start(filters.end + timedelta(days=1)))
    return rows.order_by("-at", "-id")


@dataclass(frozen=True)
class Row:
    at: datetime
    who: str
    account: str  # the account the event is about (a wrong code typed for it, say)
    action: str
    what: str
    setting: str
    record_kind: str
    record_id: str
    source: str
    detail: str


def _detail(event: AuditEvent) -> str:
    detail = event.detail or {}
    if event.object_type in HIDDEN_OBJECT_IDS:
        detail = {
            key: value
            for key, value in detail.items()
            if key in CODES_SHOWN_FOR_HIDDEN and isinstance(value, str)
        }
    return json.dumps(detail, sort_keys=True, ensure_ascii=False) if detail else ""


def _who(label: str) -> str:
    return _("Not signed in") if label == ANONYMOUS_LABEL else label


def _rows(items: list[AuditEvent]) -> list[Row]:
    setting_ids = {e.setting_id for e in items if e.setting_id is not None}
    settings = {s.pk: s.display_name() for s in Setting.objects.filter(pk__in=setting_ids)}
    user_ids = {e.object_id for e in items if e.object_type == "user" and e.object_id.isdigit()}
    emails = {
        str(pk): email
        for pk, email in User.objects.filter(pk__in=user_ids).values_list("pk", "email")
    }
    return [
        Row(
            at=e.at,
            who=_who(e.actor_label),
            account=emails.get(e.object_id, "") if e.object_type == "user" else "",
            action=e.action,
            what=action_label(e.action),
            setting=settings.get(e.setting_id, "") if e.setting_id is not None else "",
            record_kind=e.object_type,
            record_id="" if e.object_type in HIDDEN_OBJECT_IDS else e.object_id,
            source=e.source,
            detail=_detail(e),
        )
        for e in items
    ]


def page_of(
    *, user: User, filters: Filters, page: str | int | None, request: HttpRequest | None
) -> Page[Any]:
    """One page of events (as Rows), audited (LIST) in the same transaction as the read.
    Any page number is answered: one that is not a number gives the first page, one past
    the end the last."""
    with transaction.atomic():
        paginator: Paginator[Any] = Paginator(events(filters), PER_PAGE)
        found = paginator.get_page(page)
        rows = _rows(list(found.object_list))
        audit(
            actor=user,
            action=AuditAction.LIST,
            object_type=OBJECT_TYPE,
            request=request,
            detail={"page": found.number, "count": len(rows), **filters.audit_detail()},
        )
    found.object_list = rows
    return found


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection);
# such a cell is written with a leading apostrophe (the OWASP advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(*, user: User, filters: Filters, request: HttpRequest | None) -> str:
    """Every event matching the filters as CSV (UTC ISO 8601 times), audited (EXPORT) in the
    same transaction as the read. Starts with a byte-order mark so spreadsheets read it as
    UTF-8 (Welsh letters)."""
    with transaction.atomic():
        rows = _rows(list(events(filters)))
        audit(
            actor=user,
            action=AuditAction.EXPORT,
            object_type=OBJECT_TYPE,
            request=request,
            detail={"count": len(rows), **filters.audit_detail()},
        )
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            _("When (UTC)"),
            _("Who"),
            _("Account"),
            _("Event code"),
            _("What"),
            _("Setting"),
            _("Kind of record"),
            _("Record"),
            _("From where"),
            _("Detail"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                _cell(value)
                for value in (
                    row.at.astimezone(UTC).isoformat(timespec="seconds"),
                    row.who,
                    row.account,
                    row.action,
                    row.what,
                    row.setting,
                    row.record_kind,
                    row.record_id,
                    row.source,
                    row.detail,
                )
            ]
        )
    return out.getvalue()
