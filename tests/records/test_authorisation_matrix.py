"""The authorisation matrix: every URL pattern × method × role, with the expected outcome
of each cell written here. A URL pattern with no row fails the test (R-001 and
PRODUCT.md "Who uses it").

Each cell runs in a transaction that is rolled back, so one role's request (asking for a
record's destruction, say) does not change what the next role sees.

Outcomes: a status code; `login` (redirect to sign-in); `dash` (redirect to the
dashboard); `redirect` (any other redirect).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.client import signed_in
from tests.factories import IncidentFactory, SettingFactory, dsp_of
from ymateb.accounts.models import User
from ymateb.records.models import DestructionRequest
from ymateb.tenancy.models import Setting

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "staff", "dsp", "deputy", "leadership", "oversight", "admin", "other_dsp")
METHODS = ("GET", "POST", "DELETE")

# route → method → outcome per role, in the order of ROLES.
MATRIX: dict[str, dict[str, str]] = {
    # route: {method: anonymous staff dsp deputy leadership oversight admin other_dsp}
    "sign-in/": {
        "GET": "200 dash dash dash dash dash dash dash",
        "POST": "200 dash dash dash dash dash dash dash",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "sign-in/code/": {
        "GET": "login login login login login login login login",
        "POST": "login login login login login login login login",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "sign-in/set-up-code/": {
        "GET": "login login login login login login login login",
        "POST": "login login login login login login login login",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "sign-out/": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "redirect redirect redirect redirect redirect redirect redirect redirect",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "signed-out/": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "405 405 405 405 405 405 405 405",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "session/keep-alive/": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "401 204 204 204 204 204 204 204",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "": {
        "GET": "login dash dash dash dash dash dash dash",
        "POST": "405 405 405 405 405 405 405 405",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "dashboard/": {
        "GET": "login 200 200 200 200 200 200 200",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "concerns/new/": {
        "GET": "login 200 200 200 200 403 403 200",
        "POST": "login 200 200 200 200 403 403 200",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "concerns/<uuid:incident_id>/receipt/": {
        "GET": "login 200 404 404 404 404 404 404",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/": {
        "GET": "login 403 200 200 200 403 403 200",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/": {
        "GET": "login 404 200 200 200 404 404 404",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "records/subject-access/": {
        "GET": "login 403 200 200 403 403 403 200",
        "POST": "login 403 200 200 403 403 403 200",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "records/subject-access/export/": {
        "GET": "login 405 405 405 405 405 405 405",
        "POST": "login 403 redirect redirect 403 403 403 redirect",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "records/retention/": {
        "GET": "login 403 200 200 200 403 403 200",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "records/retention/<uuid:incident_id>/request/": {
        "GET": "login 405 405 405 405 405 405 405",
        "POST": "login 404 redirect redirect redirect 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "records/retention/<uuid:incident_id>/approve/": {
        "GET": "login 405 405 405 405 405 405 405",
        "POST": "login 404 redirect 400 redirect 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "healthz": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "405 405 405 405 405 405 405 405",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "language/": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "redirect redirect redirect redirect redirect redirect redirect redirect",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
}


def _row_modules() -> list[Any]:
    import importlib
    import pkgutil

    from tests.records import matrix_rows

    return [
        importlib.import_module(f"tests.records.matrix_rows.{info.name}")
        for info in pkgutil.iter_modules(matrix_rows.__path__)
    ]


for _module in _row_modules():
    for _route, _methods in _module.ROWS.items():
        assert _route not in MATRIX, f"{_route} has two rows"
        MATRIX[_route] = _methods


def walk(patterns: Any, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    rows = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace + (f"{p.namespace}:" if p.namespace else "")
            rows += walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            rows.append((prefix + str(p.pattern), namespace + (p.name or "")))
    return rows


@pytest.fixture
def world(demo: Setting) -> dict[str, Any]:
    """The demo setting with one incident reported by staff, and a second setting with its
    own DSP and incident."""
    incident = IncidentFactory(
        setting=demo,
        reference="2026-001",
        account="Words",
        retention_until=date(2000, 1, 1),
        children=["Child One"],
    )
    child = incident.children.get()
    other_setting = SettingFactory(name="Other School")
    other_dsp = dsp_of(other_setting, "other-dsp@example.org")
    other_incident = IncidentFactory(
        setting=other_setting, reference="2026-001", reported_by=other_dsp, came_to_light="other"
    )
    pending = IncidentFactory(
        setting=demo, reference="2026-002", came_to_light="other", retention_until=date(2000, 1, 1)
    )
    DestructionRequest.objects.create(
        incident=pending, requested_by=User.objects.get(email="deputy@example.org")
    )
    world = {
        "incident": incident,
        "incident_id": incident.pk,
        "child": child,
        "child_id": child.pk,
        "other_incident": other_incident,
        "pending": pending,
    }
    for module in _row_modules():
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


EMAILS = {
    "staff": "staff@example.org",
    "dsp": "dsp@example.org",
    "deputy": "deputy@example.org",
    "leadership": "head@example.org",
    "oversight": "oversight@example.org",
    "admin": "admin@example.org",
    "other_dsp": "other-dsp@example.org",
}


def client_for(role: str) -> Client:
    return signed_in(None if role == "anonymous" else EMAILS[role])[0]


def sample_path(route: str, world: dict[str, Any]) -> str:
    path = "/" + route
    if route.startswith("records/retention/") and "approve" in route:
        return path.replace("<uuid:incident_id>", str(world["pending"].pk))

    def value(match: re.Match[str]) -> str:
        return str(world[match.group(2)])

    return re.sub(r"<(\w+):(\w+)>", value, path)


# Markup printed as text: a link or tag built as a string and escaped on the way out (the
# incident list once showed its links this way, and no incident could be reached from it).
ESCAPED_MARKUP = re.compile(rb"&lt;/?(a|span|p|br|strong|ul|li|div|h[1-6])[\s&/]")


def outcome(response: Any) -> str:
    if response.status_code == 200 and ESCAPED_MARKUP.search(response.content):
        return "200-with-escaped-markup"
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/sign-in/") or location.startswith("/admin/login/"):
            return "login"
        if location == "/dashboard/":
            return "dash"
        return "redirect"
    return str(response.status_code)


def run_cell(client: Client, method: str, path: str) -> str:
    from http.cookies import SimpleCookie

    cookies = SimpleCookie()
    cookies.load(client.cookies.output(header="", sep=";"))
    with transaction.atomic():
        if method == "POST":
            response = client.post(path, "", content_type="application/x-www-form-urlencoded")
        else:
            response = client.generic(method, path)
        transaction.set_rollback(True)
    client.cookies = cookies  # a cell that signs out must not sign out the next one
    return outcome(response)


def test_every_url_pattern_has_a_row() -> None:
    routes = {route for route, _name in walk(get_resolver().url_patterns)}
    missing = sorted(r for r in routes if not r.startswith("admin/") and r not in MATRIX)
    assert missing == []
    stale = sorted(r for r in MATRIX if r not in routes)
    assert stale == []


def test_authorisation_matrix(world: dict[str, Any]) -> None:
    # One code per 30-second window: the TOTP sign-ins reuse it, so sign everyone in first.
    clients = {role: client_for(role) for role in ROLES}
    observed: dict[str, dict[str, str]] = {}
    for route, _name in walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        path = sample_path(route, world)
        observed[route] = {
            method: " ".join(run_cell(clients[role], method, path) for role in ROLES)
            for method in METHODS
        }
    problems = [
        f"{route} {method}: expected {MATRIX.get(route, {}).get(method)!r}, got {got!r}"
        for route, methods in observed.items()
        for method, got in methods.items()
        if MATRIX.get(route, {}).get(method) != got
    ]
    assert problems == [], "\n".join(problems)


# The Django admin's own patterns, taken as one group: only a verified installation admin
# gets in; everyone else signed in is refused, and anonymous people are sent to sign in.
ADMIN_PATHS = (
    "/admin/",
    "/admin/accounts/user/",
    "/admin/tenancy/membership/add/",
    "/admin/tenancy/setting/",
)


def test_admin_group(world: dict[str, Any]) -> None:
    clients = {role: client_for(role) for role in ROLES}
    for path in ADMIN_PATHS:
        got = []
        for role in ROLES:
            response = clients[role].get(path, follow=True)
            final = response.redirect_chain[-1][0] if response.redirect_chain else path
            if response.status_code == 200 and final.startswith("/sign-in/"):
                got.append("login")
            else:
                got.append(str(response.status_code))
        assert " ".join(got) == "login 403 403 403 403 403 200 403", path


def test_admin_patterns_are_all_under_the_admin_site() -> None:
    """Every pattern this matrix does not list one by one is the Django admin's."""
    routes = [route for route, name in walk(get_resolver().url_patterns) if route not in MATRIX]
    assert routes and all(route.startswith("admin/") for route in routes)
