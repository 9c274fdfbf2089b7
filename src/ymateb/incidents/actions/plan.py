"""The action plan as it is read: the codes kept in an action's details, the children's
roles, the plan grouped for its page, what is overdue, and the dashboard's lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.engine_record import EngineView, engine_view
from ymateb.incidents.models import Action, Incident, IncidentChild
from ymateb.rules.facts import ROLES
from ymateb.tenancy.models import Membership

# --- codes kept in Action.details ----------------------------------------------------------

DELETION_PLACES = (
    ("device", _("A device (phone, tablet, computer)")),
    ("cloud_backup", _("Cloud backup or online storage")),
    ("social_media", _("Social media account")),
    ("other", _("Somewhere else")),
)
TAKE_DOWN_SERVICES = (
    ("report_remove", _("IWF and Childline Report Remove")),
    ("take_it_down", _("NCMEC Take It Down")),
    ("platform_report", _("Report to the platform")),
    ("ask_poster", _("Ask whoever posted it to delete it")),
)
TAKE_DOWN_STATUSES = (
    ("not_started", _("Not started")),
    ("reported", _("Reported")),
    ("removed", _("Removed")),
    ("not_possible", _("Not possible")),
)
INFORM_HOW = (
    ("dsp", _("By the DSP")),
    ("jointly", _("Jointly, the DSP with the child")),
    ("child_with_support", _("By the child, with support")),
)

#: Roles whose holder may have the image on a device and is asked to delete it.
DELETION_ROLES = frozenset({"sender", "sharer", "recipient", "possessor", "creator"})

#: Days from today to the default deadline of a suggested action.
DEFAULT_DEADLINE_DAYS: dict[str, int] = {
    Action.Kind.INFORM_PARENTS: 1,
    Action.Kind.SUPPORT: 3,
    Action.Kind.DELETION: 2,
    Action.Kind.TAKE_DOWN: 0,  # "as soon as possible"
    Action.Kind.DEVICE: 0,
    Action.Kind.EDUCATION: 14,
    Action.Kind.STAFF_WELFARE: 1,
}


def child_roles(child: IncidentChild | None, engine: EngineView | None = None) -> list[str]:
    """The child's roles as recorded (on the child, else in the latest review's facts)."""
    if child is None:
        return []
    roles = [r for r in (child.roles or []) if r in ROLES]
    if not roles and engine is not None:
        roles = engine.roles_by_ref.get(child.ref, [])
    return roles


def parents_at_risk(incident: Incident, engine: EngineView | None = None) -> list[IncidentChild]:
    """Children whose parents must not be told: a referral to social services instead (R-153)."""
    engine = engine or engine_view(incident)
    refs = {ref for ref, what in engine.parents.items() if what == "refer_to_social_services"}
    return [c for c in incident.children.all() if c.ref in refs]


def deletion_from_device_forbidden(engine: EngineView) -> bool:
    """R-116: when the device must be seized and retained, nothing is deleted from it."""
    return engine.device_action == "do_not_delete_seize_and_retain"


# --- reading the plan ---------------------------------------------------------------------


def is_overdue(action: Action, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        action.status == Action.Status.OPEN
        and action.deadline is not None
        and action.deadline < today
    )


@dataclass
class PlanGroup:
    child: IncidentChild | None
    actions: list[Action]
    parents_at_risk: bool = False


def action_plan(incident: Incident) -> list[PlanGroup]:
    """The plan grouped per child (in the children's order), then the incident's own."""
    actions = list(
        incident.actions.select_related("owner", "child").order_by("deadline", "created_at")
    )
    at_risk = {c.pk for c in parents_at_risk(incident)}
    groups = [
        PlanGroup(c, [a for a in actions if a.child_id == c.pk], c.pk in at_risk)
        for c in incident.children.all()
    ]
    groups.append(PlanGroup(None, [a for a in actions if a.child_id is None]))
    return groups


def owner_choices(incident: Incident) -> list[tuple[str, str]]:
    """People with a role in the incident's setting: who can own an action."""
    rows = (
        Membership.objects.filter(setting_id=incident.setting_id, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    seen: dict[str, str] = {}
    for m in rows:
        seen.setdefault(str(m.user.pk), m.user.full_name or m.user.email)
    return list(seen.items())


def earliest_deadline(incident: Incident) -> date:
    return timezone.localdate(incident.reported_at)


# --- dashboards ----------------------------------------------------------------------------


def _open_past_deadline(user: User) -> QuerySet[Action]:
    incidents = access.incidents_for(user, Permission.CHANGE_INCIDENT).exclude(state="closed")
    return (
        Action.objects.filter(
            incident__in=incidents,
            status=Action.Status.OPEN,
            deadline__lt=timezone.localdate(),
        )
        .select_related("incident", "child", "owner")
        .order_by("deadline", "created_at")
    )


def overdue_actions(user: User) -> list[Action]:
    """Open actions past their deadline in the open incidents of the settings where the user
    is the DSP or deputy, oldest deadline first. Deletion requests are not in this list:
    `deletion_deadlines_passed` gives them separately (R-166)."""
    return list(_open_past_deadline(user).exclude(kind=Action.Kind.DELETION))


def deletion_deadlines_passed(user: User) -> list[Action]:
    """Deletion requests whose deadline passed without a confirmation (R-166)."""
    return list(_open_past_deadline(user).filter(kind=Action.Kind.DELETION))
