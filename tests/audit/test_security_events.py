"""The security events page and its CSV export (issue 8: "Security events (lockouts,
refused access, failed codes) show on an admin page and can be exported for the local
authority's security team"; R-174 for the audit of reading them).

Rows are written with ymateb.audit.services.audit, as the sign-in, lockout, enrolment and
admin code does."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import RequestFactory

from tests.client import BrowserClient
from tests.factories import IncidentFactory
from ymateb.audit import services
from ymateb.audit.models import SECURITY_ACTIONS, AuditEvent
from ymateb.audit.services import audit

pytestmark = pytest.mark.django_db

URL = "/security-events/"
EXPORT = "/security-events/export/"


def _request(ip: str = "203.0.113.9") -> Any:
    return RequestFactory().get(
        "/", REMOTE_ADDR=ip, HTTP_USER_AGENT="Mozilla/5.0 Gecko/20100101 Firefox/128.0"
    )


def _at(patch: pytest.MonkeyPatch, when: datetime) -> None:
    """Make the audit trail's clock say `when` (rows are written with datetime.now)."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return when

    patch.setattr(services, "datetime", Clock)


@pytest.fixture
def events(demo: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from ymateb.accounts.models import User

    staff = User.objects.get(email="staff@example.org")
    dsp = User.objects.get(email="dsp@example.org")
    incident = IncidentFactory(
        setting=demo,
        reference="SEC-1",
        account="Canary Zq90 statement",
        children=["Canary Zq91 child"],
    )

    def written_on(day: int, **row: Any) -> AuditEvent:
        """An audit row written on that day of March 2026, at 09:00 UTC."""
        with monkeypatch.context() as patch:
            _at(patch, datetime(2026, 3, day, 9, 0, tzinfo=UTC))
            return audit(object_type="user", **row)

    def by_the_dsp_on_the_incident(action: str, **detail: Any) -> AuditEvent:
        return audit(
            actor=dsp,
            action=action,
            object_type="incident",
            object_id=str(incident.pk),
            setting_id=demo.pk,
            request=_request(),
            detail=detail or None,
        )

    old = written_on(
        2,
        actor=None,
        action="sign_in_failed",
        request=_request("198.51.100.7"),
        detail={"reason": "password"},
    )
    locked = written_on(
        10, actor=staff, action="locked_out", object_id=str(staff.pk), request=_request()
    )
    refused = by_the_dsp_on_the_incident(
        "refused", what="reveal_secret", device="d3c0ffee-0000-4000-8000-00000000d3v1"
    )
    # Not a security event: an ordinary read of an incident.
    viewed = by_the_dsp_on_the_incident("view")
    return {
        "old": old,
        "locked": locked,
        "refused": refused,
        "viewed": viewed,
        "incident": incident,
    }


def table(response: Any) -> str:
    """The events table only (the kind filter lists every kind's name too)."""
    html = response.content.decode()
    if "<table" not in html:
        return ""
    return html[html.index("<table") : html.index("</table>")]


def _last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_an_admin_sees_security_events_newest_first_and_nothing_else(
    events: dict[str, Any], sign_in: Any
) -> None:
    admin = sign_in("admin@example.org")
    before = _last_id()
    response = admin.get(URL)
    assert response.status_code == 200
    html = table(response)
    # Who, what, when and from where.
    assert "staff@example.org" in html and "dsp@example.org" in html
    assert "Was locked out of signing in" in html and "Refused access" in html
    assert "Failed to sign in" in html
    assert "203.0.113.9 Firefox" in html and "198.51.100.7 Firefox" in html
    assert "Example School" in html  # the setting of the refusal
    # Newest first: the refusal (written last) before the lockout, before March 2nd's.
    assert (
        html.index("Refused access")
        < html.index("Was locked out")
        < html.index("Failed to sign in")
    )
    # An ordinary read is not a security event, and nothing about the incident shows.
    assert "Viewed" not in html
    incident = events["incident"]
    for secret in (str(incident.pk), incident.reference, "Canary Zq90", "Canary Zq91"):
        assert secret not in response.content.decode()
    # Reading the list is itself audited, in the same request.
    [row] = AuditEvent.objects.filter(id__gt=before)
    assert (row.action, row.object_type) == ("list", "security_events")
    assert row.actor is not None and row.actor.email == "admin@example.org"
    shown = AuditEvent.objects.filter(id__lte=before, action__in=SECURITY_ACTIONS).count()
    assert shown >= 3  # the three above, and the admin's own sign-in events
    assert row.detail == {"page": 1, "count": shown, "kind": "", "from": "", "to": ""}


def test_every_security_action_can_be_chosen(events: dict[str, Any], sign_in: Any) -> None:
    html = sign_in("admin@example.org").get(URL).content.decode()
    for action in SECURITY_ACTIONS:
        assert f'value="{action.value}"' in html


def test_filter_by_kind_and_date_range(events: dict[str, Any], sign_in: Any) -> None:
    admin = sign_in("admin@example.org")
    html = table(admin.get(URL, {"kind": "locked_out"}))
    assert "Was locked out" in html and "Refused access" not in html
    html = table(
        admin.get(
            URL,
            {
                "from_day": "1",
                "from_month": "3",
                "from_year": "2026",
                "to_day": "2",
                "to_month": "3",
                "to_year": "2026",
            },
        )
    )
    assert "Failed to sign in" in html and "Was locked out" not in html
    html = table(admin.get(URL, {"from_day": "3", "from_month": "3", "from_year": "2026"}))
    assert "Failed to sign in" not in html and "Was locked out" in html
    row = AuditEvent.objects.filter(object_type="security_events").order_by("-id").first()
    assert row is not None and row.detail["from"] == "2026-03-03" and row.detail["to"] == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "view"}, "Choose a kind of event from the list"),
        (
            {"from_day": "31", "from_month": "2", "from_year": "2026"},
            "The date must be a real date",
        ),
        ({"from_day": "1", "from_month": "", "from_year": "2026"}, "The date must include a month"),
        (
            {
                "from_day": "9",
                "from_month": "3",
                "from_year": "2026",
                "to_day": "1",
                "to_month": "3",
                "to_year": "2026",
            },
            "The end date must be the same as or after the start date",
        ),
        (
            {"from_day": "1" * 25, "from_month": "1", "from_year": "2026"},
            "The date must be a real date",
        ),
    ],
)
def test_bad_filters_get_a_plain_message_and_show_nothing(
    events: dict[str, Any], sign_in: Any, query: dict[str, str], message: str
) -> None:
    admin = sign_in("admin@example.org")
    before = _last_id()
    for url in (URL, EXPORT):
        response = admin.get(url, query)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html and "There is a problem" in html
        assert "staff@example.org" not in html
    assert _last_id() == before  # nothing read, nothing recorded


def test_any_page_number_is_answered(events: dict[str, Any], sign_in: Any) -> None:
    admin = sign_in("admin@example.org")
    for page in ("abc", "0", "-1", "99999999999999999999999", ""):
        assert admin.get(URL, {"page": page}).status_code == 200


def test_pages_of_fifty(demo: Any, sign_in: Any) -> None:
    for n in range(55):
        audit(actor=None, action="sign_in_failed", object_type="user", detail={"n": n})
    admin = sign_in("admin@example.org")
    first = admin.get(URL, {"kind": "sign_in_failed"}).content.decode()
    assert "Showing 1 to 50 of 55" in first
    assert 'href="/security-events/?kind=sign_in_failed&amp;page=2"' in first
    second = admin.get(URL, {"page": "2", "kind": "sign_in_failed"}).content.decode()
    assert "Showing 51 to 55 of 55" in second
    assert "kind=sign_in_failed&amp;page=1" in second  # the filter is kept across pages


def test_the_csv_export_is_complete_safe_and_audited(events: dict[str, Any], sign_in: Any) -> None:
    from ymateb.accounts.models import User

    # A label made to run as a formula in a spreadsheet.
    audit(
        actor=None, action="sign_in_failed", object_type="user", detail={"reason": "=HYPERLINK(1)"}
    )
    User.objects.filter(email="staff@example.org").update(email="=cmd@example.org")
    audit(actor=User.objects.get(email="=cmd@example.org"), action="sign_in", object_type="user")
    admin = sign_in("admin@example.org")
    before = _last_id()
    response = admin.get(EXPORT, {"from_day": "1", "from_month": "3", "from_year": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:5] == ["When (UTC)", "Who", "Account", "Event code", "What"]
    body = [r[:2] + r[3:] for r in rows[1:]]  # the account column is checked below
    accounts = {r[3]: r[2] for r in rows[1:]}
    assert accounts["locked_out"] == "'=cmd@example.org"  # staff's, renamed above
    codes = [r[2] for r in body]
    assert "view" not in codes and {"locked_out", "refused", "sign_in_failed"} <= set(codes)
    refused = next(r for r in body if r[2] == "refused")
    assert refused[5] == "incident" and refused[6] == ""  # the incident is not named
    assert refused[8] == '{"what": "reveal_secret"}'  # nor the device
    assert refused[7] == "203.0.113.9 Firefox"
    locked = next(r for r in body if r[2] == "locked_out")
    assert locked[0] == "2026-03-10T09:00:00+00:00"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in body for cell in r)
    assert any(cell == "'=cmd@example.org" for r in body for cell in r)
    incident = events["incident"]
    for secret in (str(incident.pk), incident.reference, "Canary Zq90", "Canary Zq91", "d3v1"):
        assert secret not in text
    [row] = AuditEvent.objects.filter(id__gt=before)
    assert (row.action, row.object_type) == ("export", "security_events")
    assert row.detail["count"] == len(body) and row.detail["from"] == "2026-03-01"


def test_everyone_else_is_refused_and_the_refusal_is_a_security_event(
    events: dict[str, Any], sign_in: Any
) -> None:

    def main(html: bytes) -> str:
        text = html.decode()
        return text[text.index("<main") : text.index("</main>")]

    generic = main(sign_in("staff@example.org").get("/records/retention/").content)
    for email in (
        "staff@example.org",
        "dsp@example.org",
        "deputy@example.org",
        "head@example.org",
        "oversight@example.org",
    ):
        client = sign_in(email)
        for url in (URL, EXPORT):
            before = _last_id()
            response = client.get(url)
            assert response.status_code == 403
            assert main(response.content) == generic  # the same page as any refusal
            [row] = AuditEvent.objects.filter(id__gt=before)
            assert (row.action, row.object_type) == ("refused", "security_events")
            assert row.actor is not None and row.actor.email == email
    assert BrowserClient().get(URL)["Location"].startswith("/sign-in/")


def test_only_a_verified_admin_may_see_them(demo: Any) -> None:
    from ymateb.accounts.models import User
    from ymateb.accounts.security_events import may_see

    admin = User.objects.get(email="admin@example.org")
    admin.is_verified = lambda: False  # type: ignore[method-assign]
    assert not may_see(admin)
    admin.is_verified = lambda: True  # type: ignore[method-assign]
    assert may_see(admin)
    admin.is_active = False
    assert not may_see(admin)


def test_reached_from_the_django_admin_and_the_admins_dashboard(demo: Any, sign_in: Any) -> None:
    admin = sign_in("admin@example.org")
    assert 'href="/security-events/"' in admin.get("/admin/").content.decode()
    assert 'href="/security-events/"' in admin.get("/dashboard/").content.decode()
    staff_dashboard = sign_in("staff@example.org").get("/dashboard/").content.decode()
    assert "/security-events/" not in staff_dashboard


def test_a_wrong_code_names_the_account_it_was_typed_for(demo: Any, sign_in: Any) -> None:
    """Someone with the right password but a wrong code is not signed in: the list says so
    (in the reader's language) and names the account the code was typed for."""

    from tests.client import current_code
    from ymateb.web.demo import DEMO_PASSWORD

    stranger = BrowserClient(REMOTE_ADDR="198.51.100.61")
    stranger.post("/sign-in/", {"email": "deputy@example.org", "password": DEMO_PASSWORD})
    wrong = f"{(int(current_code()) + 1) % 1000000:06d}"
    stranger.post("/sign-in/code/", {"token": wrong})
    admin = sign_in("admin@example.org")
    html = table(admin.get(URL, {"kind": "second_factor_failed"}))
    row = html[html.index("Entered a wrong security code") - 400 :]
    assert "Not signed in" in row and "deputy@example.org" in row
    assert "anonymous" not in html
    admin.cookies["django_language"] = "cy"
    html = table(admin.get(URL, {"kind": "second_factor_failed"}))
    assert "Heb fewngofnodi" in html and "deputy@example.org" in html
    assert "Not signed in" not in html


def test_in_welsh(events: dict[str, Any], sign_in: Any) -> None:
    admin = sign_in("admin@example.org")
    admin.cookies["django_language"] = "cy"
    html = admin.get(URL).content.decode()
    assert "Digwyddiadau diogelwch" in html and "Security events" not in html
    html = admin.get(
        URL, {"from_day": "31", "from_month": "2", "from_year": "2026"}
    ).content.decode()
    assert "Mae problem" in html
    assert 'href="/security-events/"' in admin.get("/admin/").content.decode()
