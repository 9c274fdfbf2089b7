"""Subject access: one child's records, with other children's identities redacted.

A child is not a record of its own in Ymateb (incident records are kept apart from every
other record about the child), so the DSP finds a child's entries by name and, where
known, date of birth. Names are encrypted at rest and cannot be searched in the
database: the search decrypts only the entries in the settings the DSP may export from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ymateb.audit.services import audit
from ymateb.incidents.models import IncidentChild
from ymateb.records import access
from ymateb.records.access import Permission


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def find_child_entries(*, user: Any, name: str, date_of_birth: date | None) -> list[IncidentChild]:
    incidents = access.incidents_for(user, Permission.EXPORT_SUBJECT_ACCESS)
    wanted = _normal(name)
    found = []
    for child in IncidentChild.objects.filter(incident__in=incidents).select_related(
        "incident", "incident__setting"
    ):
        if _normal(child.name) != wanted:
            continue
        if (
            date_of_birth
            and child.date_of_birth
            and child.date_of_birth != date_of_birth.isoformat()
        ):
            continue
        found.append(child)
    return sorted(found, key=lambda c: c.incident.reported_at)


def _redact(text: str, others: Iterable[IncidentChild]) -> str:
    for other in others:
        if other.name.strip():
            text = re.sub(re.escape(other.name.strip()), f"[Child {other.ref}]", text, flags=re.I)
    return text


def build_export(
    *, user: Any, child_ids: list[str], redact_others: bool, request: HttpRequest | None
) -> dict[str, Any]:
    """The export as a plain dict (JSON-ready), audited in the same transaction."""
    with transaction.atomic():
        incidents = access.incidents_for(user, Permission.EXPORT_SUBJECT_ACCESS)
        subjects = list(
            IncidentChild.objects.filter(pk__in=child_ids, incident__in=incidents)
            .select_related("incident", "incident__setting", "incident__reported_by")
            .order_by("incident__reported_at")
        )
        if not subjects:
            raise access.IncidentNotFound
        entries = []
        for subject in subjects:
            incident = subject.incident
            everyone = list(incident.children.all())
            others = [c for c in everyone if c.pk != subject.pk]

            def redact(text: str, others: list[IncidentChild] = others) -> str:
                return _redact(text, others) if redact_others else text

            entries.append(
                {
                    "incident_reference": incident.reference,
                    "setting": incident.setting.name,
                    "reported_at": incident.reported_at.isoformat(),
                    "stage": incident.state,
                    "how_it_came_to_light": incident.came_to_light,
                    "when_it_happened": incident.concern_occurred_at.isoformat()
                    if incident.concern_occurred_at
                    else None,
                    "what_was_said": redact(incident.account),
                    "this_child": {
                        "ref": subject.ref,
                        "name": subject.name,
                        "year_group": subject.year_group,
                        "age": subject.age,
                        "date_of_birth": subject.date_of_birth or None,
                        "roles": subject.roles,
                    },
                    "other_children": [
                        {
                            "ref": c.ref,
                            "name": f"[Child {c.ref}]" if redact_others else c.name,
                        }
                        for c in others
                    ],
                    "chronology": [
                        {"at": e.at.isoformat(), "what": e.kind, "to_stage": e.to_state}
                        for e in incident.events.all()
                    ],
                    "actions_for_this_child": [
                        {
                            "kind": a.kind,
                            "status": a.status,
                            "deadline": a.deadline.isoformat() if a.deadline else None,
                        }
                        for a in incident.actions.filter(child=subject)
                    ],
                }
            )
        for incident_id in sorted({str(s.incident_id) for s in subjects}):
            audit(
                actor=user,
                action="export",
                object_type="incident",
                object_id=incident_id,
                setting_id=next(
                    s.incident.setting_id for s in subjects if str(s.incident_id) == incident_id
                ),
                request=request,
                detail={"what": "subject_access", "redacted": redact_others},
            )
    return {
        "export": "subject_access",
        "generated_at": timezone.now().isoformat(),
        "generated_by": user.email,
        "other_children_redacted": redact_others,
        "entries": entries,
    }
