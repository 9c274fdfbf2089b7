"""The incident, the children in it, its chronology, addenda and alerts."""

from __future__ import annotations

import uuid
from typing import Any, Literal, overload

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.expressions import Combinable
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ymateb.incidents.models.recorded import Recorded
from ymateb.incidents.workflow import State
from ymateb.records.crypto import EncryptedTextField
from ymateb.tenancy.fields import person
from ymateb.tenancy.models import Setting

#: What each of the journey's states is called on screen. The states themselves are
#: defined once, in ymateb.incidents.workflow.State; the choices below derive from it.
STATE_LABELS: dict[State, str | Promise] = {
    State.REPORTED: _("New concern"),
    State.INITIAL_REVIEW: _("Initial review"),
    State.REFERRED: _("Referred"),
    State.AWAITING_SIGN_OFF: _("Awaiting sign-off"),
    State.SIGNED_OFF: _("Handled in the setting (signed off)"),
    State.ACTIONS: _("Actions under way"),
    State.REVIEW: _("Review"),
    State.CLOSED: _("Closed"),
}

# One member per workflow state, same name and value, with its label (a state without a
# label fails here, at import).
IncidentState: type[models.TextChoices] = models.TextChoices(  # type: ignore[call-overload]
    "IncidentState", [(state.name, (state.value, STATE_LABELS[state])) for state in State]
)


class HowItCameToLight(models.TextChoices):
    CHILD_TOLD = "child_told", _("A child or young person told a member of staff")
    FRIEND_TOLD = "friend_told", _("A friend or another pupil told a member of staff")
    PARENT_TOLD = "parent_told", _("A parent or carer told the setting")
    POLICE_TOLD = "police_told", _("The police or another agency told the setting")
    IT_MONITORING = "it_monitoring", _("IT filtering or monitoring")
    STAFF_SAW = "staff_saw", _("A member of staff came across it")
    OTHER = "other", _("Another way")


class Incident(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey(
        Setting, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("setting")
    )
    reference = models.CharField(_("reference"), max_length=20)
    state = models.CharField(
        _("state"), max_length=30, choices=IncidentState.choices, default=State.REPORTED
    )
    reported_by = person(_("reported by"), related_name="reported_incidents")
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    came_to_light = models.CharField(
        _("how it came to light"), max_length=30, choices=HowItCameToLight.choices
    )
    concern_occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    account = EncryptedTextField(_("what was said, in the child's own words"), blank=True)
    staff_saw_image = models.BooleanField(
        _("the member of staff unavoidably saw an image"), default=False
    )
    retention_until = models.DateField(_("keep until"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome_summary = EncryptedTextField(_("outcome summary"), blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-reported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "reference"], name="incident_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return self.reference


def incident_link(
    related_name: str, verbose_name: StrOrPromise | None = None
) -> models.ForeignKey[Incident | Combinable, Incident]:
    """The incident a record belongs to. Never empty, and an incident with records cannot
    be deleted (PROTECT): a record is destroyed only as a whole, by the retention review."""
    return models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name=related_name, verbose_name=verbose_name
    )


class IncidentChild(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = incident_link("children", _("incident"))
    ref = models.CharField(_("reference within the incident"), max_length=5)
    name = EncryptedTextField(_("name"))
    # Other names the child goes by (nicknames, shortened names), comma-separated: the
    # subject-access export redacts them too.
    known_as = EncryptedTextField(_("also known as"), blank=True, default="")
    year_group = EncryptedTextField(_("year group"), blank=True)
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, blank=True, validators=[MaxValueValidator(17)]
    )
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)
    roles = models.JSONField(_("roles in the incident"), default=list, blank=True)

    class Meta:
        verbose_name = _("child involved")
        verbose_name_plural = _("children involved")
        ordering = ["ref"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "ref"], name="incident_child_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.incident.reference} {self.ref}"


@overload
def child_link(
    related_name: str, verbose_name: StrOrPromise | None = None, *, optional: Literal[False] = False
) -> models.ForeignKey[IncidentChild | Combinable, IncidentChild]: ...


@overload
def child_link(
    related_name: str, verbose_name: StrOrPromise | None = None, *, optional: Literal[True]
) -> models.ForeignKey[IncidentChild | Combinable | None, IncidentChild | None]: ...


def child_link(
    related_name: str, verbose_name: StrOrPromise | None = None, *, optional: bool = False
) -> models.ForeignKey[Any, Any]:
    """The child of the incident a record is about; `optional`: a record that may concern
    no one child (an action for the whole incident, a device nobody claims). A child with
    records cannot be deleted (PROTECT)."""
    return models.ForeignKey(
        IncidentChild,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=verbose_name,
        null=optional,
        blank=optional,
    )


class IncidentEvent(models.Model):
    """One line of the chronology: what happened, when, by whom, and why."""

    class Kind(models.TextChoices):
        REPORTED = "reported", _("Concern reported")
        TRANSITION = "transition", _("Stage changed")
        REVIEW_SAVED = "review_saved", _("Initial review recorded")
        REFERRAL = "referral", _("Referral recorded")
        ACTION_ADDED = "action_added", _("Action added")
        ACTION_DONE = "action_done", _("Action completed")
        ADDENDUM = "addendum", _("Addendum added")
        ALERT_ACKNOWLEDGED = "alert_acknowledged", _("Alert acknowledged")
        ALERT_ESCALATED = "alert_escalated", _("Alert escalated")
        SIGNED_OFF = "signed_off", _("Decision signed off")
        REFERRAL_UPDATED = "referral_updated", _("Referral updated")
        RISK_ASSESSED = "risk_assessed", _("Risk assessment recorded")
        INTERVIEW = "interview", _("Conversation with a child recorded")
        CONTINUUM = "continuum", _("Place on the continuum recorded")
        ACTION_UPDATED = "action_updated", _("Action updated")
        DEVICE = "device", _("Device recorded")
        DEVICE_UPDATED = "device_updated", _("Device record updated")
        SECRET_REVEALED = "secret_revealed", _("Protected detail revealed")
        CLOSED = "closed", _("Incident closed")

    incident = incident_link("events", _("incident"))
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = person(_("by"), optional=True)
    kind = models.CharField(_("what"), max_length=30, choices=Kind.choices)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    reason = EncryptedTextField(_("reason"), blank=True)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("incident event")
        verbose_name_plural = _("incident events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Addendum(Recorded):
    """A later fact added to an incident, dated and signed; the only change a closed
    record accepts."""

    incident = incident_link("addenda")
    text = EncryptedTextField(_("addendum"))

    class Meta(Recorded.Meta):
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")


class Alert(models.Model):
    """An alert to a DSP (or, after escalation, a deputy or leadership) about a new concern
    or an escalation. No content: the reference only."""

    class Level(models.TextChoices):
        FIRST = "first", _("First alert")
        ESCALATED = "escalated", _("Escalated")

    incident = incident_link("alerts")
    recipient = person(related_name="alerts")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.FIRST)
    created_at = models.DateTimeField(auto_now_add=True)
    # The email task claims the alert (email_claimed_at) before it sends, so a retried task
    # never sends twice; emailed_at records the send.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = person(optional=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id} alert to {self.recipient_id}"
