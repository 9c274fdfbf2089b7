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

from tests.factories import IncidentFactory
from tests.records.support import database_dump
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
    return IncidentFactory(
        setting=demo,
        reference=reference,
        account=CANARIES["account"],
        children=[{"name": CANARIES["name"], "date_of_birth": CANARIES["date_of_birth"]}],
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
    incident = IncidentFactory(setting=demo, reference="RT-1", account=text, children=[text])
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


# --- every free-text field: encrypted, or allowed in the clear for a written reason -------

# Fields of Ymateb's own models that are CharField, TextField or JSONField, stored in the
# clear. Each needs a reason: why no one can type a child's details into it, or why it
# must stay readable. A field with `choices` on the model holds a code and is accepted
# without an entry. Everything else that can hold typed text is encrypted.
ALLOWED_IN_THE_CLEAR: dict[str, str] = {
    "accounts.User.password": "a salted password hash, never the password",
    "accounts.User.email": "a staff member's sign-in address: needed in clear to sign in",
    "accounts.User.full_name": "a staff member's name, shown to colleagues and admins; "
    "never a child's",
    "accounts.EnrolmentLink.token_hash": "the hash of a one-time link's token",
    "tenancy.LocalAuthority.name": "a council's public name",
    "tenancy.LocalAuthority.name_cy": "a council's public name, in Welsh",
    "tenancy.Setting.name": "a school's or college's public name",
    "tenancy.Setting.name_cy": "a school's or college's public name, in Welsh",
    "records.RecordTombstone.reference": "opaque incident reference (random code)",
    "records.RecordTombstone.policy": "the retention policy's name, written by the code",
    "audit.AuditEvent.actor_label": "who acted (a staff email or 'system'): the trail must "
    "stand on its own years later",
    "audit.AuditEvent.action": "an AuditAction code; audit() refuses any other value",
    "audit.AuditEvent.object_type": "a short code such as 'incident'",
    "audit.AuditEvent.object_id": "an identifier (UUID or number)",
    "audit.AuditEvent.source": "where the request came from (address), no content",
    "audit.AuditEvent.detail": "identifiers and codes only; audit() refuses free text",
    "audit.AuditEvent.prev_hash": "a hash of the chain",
    "audit.AuditEvent.hash": "a hash of the chain",
    "audit.AuditEvent.key_id": "the identifier of the audit key, not the key",
    "audit.AuditChainHead.last_hash": "a hash of the chain",
    "incidents.Incident.reference": "opaque code (random, e.g. YM-7K3Q-9TXD)",
    "incidents.IncidentChild.ref": "a letter within the incident (A, B, C...)",
    "incidents.IncidentChild.roles": "a list of role codes from the form's choices",
    "incidents.IncidentEvent.from_state": "a workflow state code",
    "incidents.IncidentEvent.to_state": "a workflow state code",
    "incidents.IncidentEvent.params": "codes, counts and identifiers written by the "
    "services; typed text goes in the encrypted `reason`",
    "incidents.Review.image_creator": "a code from the review form's choices",
    "incidents.Review.rules_version": "the decision engine's rules version",
    "incidents.Review.typology": "a typology code from the decision engine",
    "incidents.ContinuumPlacement.level": "a continuum level code from the form's choices",
    "incidents.ContinuumPlacement.indicators": "a list of indicator codes from the form's choices",
}


def _ymateb_text_fields() -> list[Any]:
    from django.apps import apps
    from django.db import models

    return [
        field
        for model in apps.get_models()
        if model.__module__.startswith("ymateb.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def _label(field: Any) -> str:
    return f"{field.model._meta.label}.{field.name}"


def test_every_text_field_is_encrypted_or_allowed_with_a_reason() -> None:
    """Issue 8: a new text field fails here until it is encrypted or given a reason."""
    unexplained = [
        _label(f)
        for f in _ymateb_text_fields()
        if not getattr(f, "encrypted", False) and not f.choices
        if _label(f) not in ALLOWED_IN_THE_CLEAR
    ]
    assert unexplained == [], (
        "These fields can hold typed text in the clear: make them EncryptedTextField or "
        "EncryptedJSONField (ymateb.records.crypto), or add them to ALLOWED_IN_THE_CLEAR "
        f"with the reason: {unexplained}"
    )
    fields = {_label(f): f for f in _ymateb_text_fields()}
    stale = [
        name
        for name in ALLOWED_IN_THE_CLEAR
        if name not in fields or getattr(fields[name], "encrypted", False)
    ]
    assert stale == [], f"Remove from ALLOWED_IN_THE_CLEAR (gone or now encrypted): {stale}"
    assert all(len(reason) >= 10 for reason in ALLOWED_IN_THE_CLEAR.values())


def test_action_details_and_the_other_typed_codes_are_encrypted() -> None:
    """The fields issue 8 found in the clear (place descriptions, platforms) and the other
    typed values next to them."""
    from ymateb.incidents import models as m

    for model, name in (
        (m.Action, "details"),
        (m.IncidentChild, "year_group"),
        (m.IncidentChild, "known_as"),
        (m.Referral, "crime_reference"),
        (m.Device, "police_reference"),
    ):
        assert getattr(model._meta.get_field(name), "encrypted", False), (model, name)


def _canary(model: Any, name: str) -> str:
    return f"CANARY-{model.__name__}-{name}-Qz7 Ŵyn ‘x’"


def _canary_rows(demo: Any) -> dict[str, Any]:
    """One row of every model with encrypted fields, each encrypted field holding its own
    canary (a JSON field holds it inside a dict)."""
    from django.utils import timezone

    from ymateb.accounts.models import User
    from ymateb.incidents import models as m

    staff = User.objects.get(email="staff@example.org")
    dsp = User.objects.get(email="dsp@example.org")
    head = User.objects.get(email="head@example.org")
    now = timezone.now()
    made: dict[str, Any] = {}

    def fill(model: Any, **required: Any) -> Any:
        values: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            if getattr(field, "encrypted", False):
                text = _canary(model, field.name)
                values[field.name] = (
                    {"description": text, "platform": [text]}
                    if isinstance(field, crypto.EncryptedJSONField)
                    else text
                )
        row = model._base_manager.create(**required, **values)
        made[model._meta.label] = row
        return row

    incident = fill(
        m.Incident,
        setting=demo,
        reference="YM-CANA-RY23",
        reported_by=staff,
        came_to_light="child_told",
    )
    child = fill(m.IncidentChild, incident=incident, ref="A")
    fill(m.IncidentEvent, incident=incident, kind="reported")
    fill(m.Action, incident=incident, kind="take_down", child=child)
    review = fill(
        m.Review,
        incident=incident,
        held_at=now,
        rules_version="wales-2025.1",
        recommended_referral=False,
        created_by=dsp,
    )
    fill(m.SignOff, incident=incident, review=review, signed_by=head)
    fill(m.Referral, incident=incident, route="police_101", made_at=now, made_by=dsp)
    fill(m.RiskAssessment, incident=incident, created_by=dsp)
    fill(m.Interview, incident=incident, child=child, created_by=dsp)
    fill(m.ContinuumPlacement, incident=incident, child=child, level="healthy", created_by=dsp)
    fill(m.Device, incident=incident, child=child, created_by=dsp)
    fill(m.Addendum, incident=incident, created_by=dsp)
    return made


@pytest.mark.django_db(transaction=True)
def test_canaries_in_every_encrypted_field_never_appear_in_a_database_dump(demo: Any) -> None:
    """Issue 8: every encrypted field of the schema gets a canary; none is in the dump."""
    made = _canary_rows(demo)
    expected = {
        (model._meta.label, name) for model, names in crypto.encrypted_fields() for name in names
    }
    filled = {
        (label, field.name)
        for label, row in made.items()
        for field in row._meta.concrete_fields
        if getattr(field, "encrypted", False)
    }
    assert expected - filled == set(), "add a canary row for these encrypted fields"
    dump = database_dump()
    assert "YM-CANA-RY23" in dump  # the dump holds the rows
    for label, name in sorted(expected):
        model = made[label].__class__
        canary = _canary(model, name)
        for form in (canary, canary.lower(), canary.upper(), canary.split(" ")[0]):
            assert form not in dump, (label, name)
        assert base64.b64encode(canary.encode()).decode()[:20] not in dump, (label, name)
        # ... and the application reads each one back.
        value = getattr(model._base_manager.get(pk=made[label].pk), name)
        assert canary in str(value), (label, name)


def test_rotation_covers_every_encrypted_field_including_action_details(
    demo: Any, audit_calls: list[dict[str, Any]]
) -> None:
    from ymateb.incidents.models import Action

    made = _canary_rows(demo)
    old_key = settings.YMATEB_FIELD_KEYS[0]
    new_key = Fernet.generate_key().decode()
    with override_settings(YMATEB_FIELD_KEYS=[new_key, old_key]):
        call_command("rotate_keys")
    with override_settings(YMATEB_FIELD_KEYS=[new_key]):  # the old key retired
        for row in made.values():
            fresh = row.__class__._base_manager.get(pk=row.pk)
            for field in row._meta.concrete_fields:
                if getattr(field, "encrypted", False):
                    assert _canary(row.__class__, field.name) in str(getattr(fresh, field.name))
        details = Action.objects.get(pk=made["incidents.Action"].pk).details
        assert details["description"] == _canary(Action, "details")
