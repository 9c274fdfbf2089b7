"""Sensitive text is encrypted at rest, and keys can be rotated and retired."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from tests.records.support import database_dump, make_incident
from ymateb.records import crypto

CANARIES = {
    "account": "CANARY-ACCOUNT-she-said-7Hq2 Dywedodd hi wrtha i",
    "name": "CANARY-NAME-Gwenllian-Zx91",
    "date_of_birth": "CANARY-DOB-2011-03-27",
}


@pytest.fixture(autouse=True)
def _fresh_keys() -> Any:
    crypto._fernet.cache_clear()
    yield
    crypto._fernet.cache_clear()


@pytest.fixture
def audit_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What rotate-keys asks the audit trail to record (the trail itself is not touched)."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        "ymateb.records.management.commands.rotate_keys.audit",
        lambda **kw: calls.append(kw) or True,
    )
    return calls


def _canary_incident(demo: Any, reference: str = "CAN-1") -> Any:
    return make_incident(
        demo,
        reference,
        account=CANARIES["account"],
        children=((CANARIES["name"], CANARIES["date_of_birth"]),),
    )


def _raw(model: Any, field: str, pk: Any) -> str:
    from django.db.models import ExpressionWrapper, F, TextField

    token: str = (
        model._base_manager.filter(pk=pk)
        .annotate(raw=ExpressionWrapper(F(field), output_field=TextField()))
        .values_list("raw", flat=True)
        .get()
    )
    return token


@pytest.mark.django_db(transaction=True)
def test_canaries_never_appear_in_a_database_dump(demo: Any) -> None:
    from ymateb.incidents.models import Incident, IncidentChild

    incident = _canary_incident(demo)
    dump = database_dump()
    assert "CAN-1" in dump  # the dump does hold the incident
    assert "gAAAAA" in dump  # as Fernet tokens
    for label, canary in CANARIES.items():
        for form in (canary, canary.lower(), canary.upper(), canary[:16]):
            assert form not in dump, label
        assert base64.b64encode(canary.encode()).decode()[:20] not in dump
    # ... and the application reads them back.
    assert Incident.objects.get(pk=incident.pk).account == CANARIES["account"]
    child = IncidentChild.objects.get(incident=incident)
    assert (child.name, child.date_of_birth) == (CANARIES["name"], CANARIES["date_of_birth"])


def test_round_trip_and_stored_form(demo: Any) -> None:
    from ymateb.incidents.models import Incident, IncidentChild

    text = "Llun 📷 — ‘quotes’, new\nlines, and Welsh: ŵ ŷ â"
    incident = make_incident(demo, "RT-1", account=text, children=((text, ""),))
    assert Incident.objects.get(pk=incident.pk).account == text
    assert IncidentChild.objects.get(incident=incident).name == text
    stored = _raw(Incident, "account", incident.pk)
    assert stored.startswith("gAAAAA") and text not in stored
    assert crypto.decrypt(stored) == text
    # Empty values are encrypted too (their length tells nothing).
    assert _raw(IncidentChild, "date_of_birth", incident.children.get().pk).startswith("gAAAAA")


def test_rotation_then_retiring_the_old_key(
    demo: Any, capsys: pytest.CaptureFixture[str], audit_calls: list[dict[str, Any]]
) -> None:
    from ymateb.incidents.models import Incident, IncidentChild

    old_key = settings.YMATEB_FIELD_KEYS[0]
    new_key = Fernet.generate_key().decode()
    incidents = [_canary_incident(demo, f"ROT-{n}") for n in range(7)]
    before = {i.pk: _raw(Incident, "account", i.pk) for i in incidents}

    with override_settings(YMATEB_FIELD_KEYS=[new_key, old_key]):
        with pytest.raises(CommandError, match="not yet under the newest key"):
            call_command("rotate_keys", "--check")
        call_command("rotate_keys", "--batch-size", "3")
        out = capsys.readouterr().out
        assert "incidents.Incident: 7 rows, 7 re-encrypted" in out
        assert "incidents.IncidentChild: 7 rows, 7 re-encrypted" in out
        call_command("rotate_keys", "--check")
        # Running it again changes nothing.
        call_command("rotate_keys")
        assert "incidents.Incident: 7 rows, 0 re-encrypted" in capsys.readouterr().out

    with override_settings(YMATEB_FIELD_KEYS=[new_key]):
        for incident in incidents:
            assert _raw(Incident, "account", incident.pk) != before[incident.pk]
            assert Incident.objects.get(pk=incident.pk).account == CANARIES["account"]
        for child in IncidentChild.objects.filter(incident__in=incidents):
            assert child.name == CANARIES["name"]
            assert child.date_of_birth == CANARIES["date_of_birth"]


def test_a_value_under_a_retired_key_gives_a_clear_error(demo: Any) -> None:
    from ymateb.incidents.models import Incident

    incident = _canary_incident(demo)  # under the demo key
    with override_settings(YMATEB_FIELD_KEYS=[Fernet.generate_key().decode()]):
        with pytest.raises(ImproperlyConfigured, match="cannot be decrypted with any key"):
            Incident.objects.get(pk=incident.pk)
        with pytest.raises(CommandError, match="Put the key it was encrypted with back"):
            call_command("rotate_keys")
    # Nothing was changed by the failed rotation.
    assert Incident.objects.get(pk=incident.pk).account == CANARIES["account"]


def test_rotation_is_audited_once_without_content(
    demo: Any, audit_calls: list[dict[str, Any]]
) -> None:
    _canary_incident(demo)
    new_key = Fernet.generate_key().decode()
    with override_settings(YMATEB_FIELD_KEYS=[new_key, settings.YMATEB_FIELD_KEYS[0]]):
        call_command("rotate_keys")
    assert len(audit_calls) == 1
    assert audit_calls[0]["action"] == "rotate_keys"
    assert audit_calls[0]["actor"] is None
    text = repr(audit_calls[0])
    for canary in CANARIES.values():
        assert canary not in text


def _audit_knows(action: str) -> bool:
    try:
        from ymateb.audit.models import AuditAction
    except ImportError:
        return False
    return action in AuditAction.values


@pytest.mark.skipif(
    not _audit_knows("rotate_keys"),
    reason="ymateb.audit has no 'rotate_keys' action yet (AuditAction needs the member)",
)
def test_rotation_is_in_the_real_audit_trail(demo: Any) -> None:
    from ymateb.audit.models import AuditEvent

    _canary_incident(demo)
    with override_settings(
        YMATEB_FIELD_KEYS=[Fernet.generate_key().decode(), settings.YMATEB_FIELD_KEYS[0]]
    ):
        call_command("rotate_keys")
    event = AuditEvent.objects.get(action="rotate_keys")
    assert event.actor is None
    call_command("audit", "verify")


def test_ymateb_rotate_keys_is_the_command_name(
    demo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from ymateb.cli import main

    _canary_incident(demo)
    assert main(["rotate-keys", "--check"]) == 0  # --check changes nothing, audits nothing
    assert "Every encrypted value is under the newest key." in capsys.readouterr().out
