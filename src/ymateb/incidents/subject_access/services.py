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

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.auditing import audit_incident, audit_listed
from ymateb.incidents.models import IncidentChild


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def find_child_entries(
    *, user: User, name: str, date_of_birth: date | None, request: HttpRequest | None
) -> list[IncidentChild]:
    """The entries for one child in the incidents the person may export from, audited.

    Saying which incidents a named child is in is a read of each of those incidents: one
    audit row for the search (how many were found) and one per incident found, written in
    the same transaction before the result is returned. If a row cannot be written, the
    search fails and nothing is shown. The name searched for is never recorded.
    """
    with transaction.atomic():
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
        found.sort(key=lambda c: c.incident.reported_at)
        audit_listed(user, "subject_access_search", len(found), request)
        for incident_id, setting_id in sorted(
            {(str(c.incident_id), c.incident.setting_id) for c in found}
        ):
            audit_incident(
                user, "list", incident_id, setting_id, request=request, what="subject_access_search"
            )
    return found


# --- redacting other children -------------------------------------------------------------
#
# By default every way another child may be named in what was written is replaced by
# "[Child B]": the full name, each first name and surname on its own, the names the child is
# known by (IncidentChild.known_as: nicknames, shortened names), the Welsh mutated forms
# of each (Bryn -> Fryn, Myn; Catrin -> Gatrin, Nghatrin, Chatrin; Alys -> Halys), and the
# initials (J.S., J. S., JS). Names match whole words in any case. Initials match only in
# capitals, because in small letters they are ordinary words ("am", "a.m.", "is").
# A part shared with the child the export is about (a sibling's surname) is left alone:
# it names them too. The full name and the names they are known by are always redacted.
# This errs on the side of redacting: a first name that is also a word ("Will", "Grace")
# is redacted wherever it appears.

_SOFT = (
    ("ll", "l"),
    ("rh", "r"),
    ("p", "b"),
    ("t", "d"),
    ("c", "g"),
    ("b", "f"),
    ("d", "dd"),
    ("g", ""),
    ("m", "f"),
)
_NASAL = (("p", "mh"), ("t", "nh"), ("c", "ngh"), ("b", "m"), ("d", "n"), ("g", "ng"))
_ASPIRATE = (("p", "ph"), ("t", "th"), ("c", "ch"))
_VOWELS = "aeiouwyâêîôûŵŷ"


def _welsh_mutations(word: str) -> set[str]:
    """The forms a Welsh word (a name) takes after soft, nasal and aspirate mutation, and
    with the h- put before a vowel ("ei henw")."""
    lower = word.casefold()
    forms: set[str] = set()
    for table in (_SOFT, _NASAL, _ASPIRATE):
        for start, becomes in table:
            if lower.startswith(start):
                # "ll" is one letter: a name in Ll- is not mutated as if it began with "l".
                forms.add(becomes + lower[len(start) :])
                break
    if lower[:1] in _VOWELS:
        forms.add("h" + lower)
    return {form for form in forms if len(form) >= 3 and form != lower}


def _parts(name: str) -> list[str]:
    """The words of a name; a double-barrelled word also gives its halves."""
    words = [w.strip(".,'’") for w in name.split()]
    found: list[str] = []
    for word in words:
        if not word:
            continue
        found.append(word)
        if "-" in word:
            found += [half for half in word.split("-") if half]
    return found


def _other_names(value: str) -> list[str]:
    """known_as holds names separated by commas, semicolons, slashes or new lines."""
    return [n.strip() for n in re.split(r"[,;/\n]+", value or "") if n.strip()]


def _initials(name: str) -> set[str]:
    """Capital initials of a name of two or more words: first and last, and all of them."""
    words = [w for w in name.split() if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    letters = [w[0].upper() for w in words]
    return {letters[0] + letters[-1], "".join(letters)}


def _name_forms(child: IncidentChild) -> tuple[set[str], set[str], set[str]]:
    """(always redacted, name parts and their mutations, initials) for one child."""
    full = [child.name.strip(), *_other_names(getattr(child, "known_as", ""))]
    full = [n for n in full if n]
    whole = {_normal(n) for n in full}
    parts: set[str] = set()
    for name in full:
        for part in _parts(name):
            if len(part) >= 2:
                parts.add(part.casefold())
                parts |= _welsh_mutations(part)
        if " " not in name.strip():
            parts |= _welsh_mutations(name.strip())
    initials = _initials(child.name)
    return whole, parts - whole, initials


def _word_pattern(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def _initials_pattern(letters: str) -> str:
    dotted = r"\.\s?".join(letters) + r"\.?"
    spaced = r"\s?".join(letters)
    return f"(?:{dotted}|{spaced})"


def _redact(
    text: str, others: Iterable[IncidentChild], subject: IncidentChild | None = None
) -> str:
    """Replace every mention of the other children (see above) by "[Child X]"."""
    if not text:
        return text
    names: dict[str, set[str]] = {}
    initials: dict[str, set[str]] = {}
    own_whole, own_parts, own_initials = (
        _name_forms(subject) if subject is not None else (set(), set(), set())
    )
    own = own_whole | own_parts
    for other in others:
        whole, parts, letters = _name_forms(other)
        for form in whole | {p for p in parts if p not in own}:
            names.setdefault(form, set()).add(other.ref)
        for form in letters - own_initials:
            initials.setdefault(form, set()).add(other.ref)
    if not names and not initials:
        return text
    # Longest first, so "Bryn Hughes" is one match rather than two.
    alternatives = [
        f"(?i:{_word_pattern(form)})" for form in sorted(names, key=len, reverse=True)
    ] + [_initials_pattern(form) for form in sorted(initials, key=len, reverse=True)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        refs = names.get(_normal(found))
        if refs is None:
            refs = initials.get(re.sub(r"[.\s]", "", found), set())
        return "[Child " + "/".join(sorted(refs)) + "]" if refs else found

    return pattern.sub(replace, text)


def build_export(
    *, user: User, child_ids: list[str], redact_others: bool, request: HttpRequest | None
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

            def redact(
                text: str, others: list[IncidentChild] = others, subject: IncidentChild = subject
            ) -> str:
                return _redact(text, others, subject) if redact_others else text

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
                        "known_as": subject.known_as,
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
                            "note": redact(a.note),
                        }
                        for a in incident.actions.filter(child=subject)
                    ],
                    # Conversations with this child: the statement in their own words.
                    "conversations": [
                        {
                            "at": i.held_at.isoformat() if i.held_at else None,
                            "statement": redact(i.statement),
                            "why_no_conversation": redact(i.not_appropriate_reason),
                        }
                        for i in incident.interviews.filter(child=subject)
                    ],
                }
            )
        for incident_id in sorted({str(s.incident_id) for s in subjects}):
            audit_incident(
                user,
                "export",
                incident_id,
                next(s.incident.setting_id for s in subjects if str(s.incident_id) == incident_id),
                request=request,
                what="subject_access",
                redacted=redact_others,
            )
    return {
        "export": "subject_access",
        "generated_at": timezone.now().isoformat(),
        "generated_by": user.email,
        "other_children_redacted": redact_others,
        "entries": entries,
    }
