"""Incidents and the children involved. Kept apart from every other record about a child.

Sensitive text (what was said, names, dates of birth) is encrypted at rest. Nothing here
can hold an image: there is no file or binary field, and text fields refuse image data.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.workflow import State
from ymateb.records.crypto import EncryptedJSONField, EncryptedTextField
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
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_incidents",
        verbose_name=_("reported by"),
    )
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


class IncidentChild(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="children", verbose_name=_("incident")
    )
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

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="events", verbose_name=_("incident")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
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


class Action(models.Model):
    """Something someone must do, with an owner, a deadline and a note of completion."""

    class Kind(models.TextChoices):
        STAFF_WELFARE = "staff_welfare", _("Staff welfare follow-up")
        INFORM_PARENTS = "inform_parents", _("Inform parents or carers")
        SUPPORT = "support", _("Support conversation")
        DELETION = "deletion", _("Deletion request")
        TAKE_DOWN = "take_down", _("Online take-down")
        DEVICE = "device", _("Device")
        EDUCATION = "education", _("Education and anti-bullying follow-up")

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        DONE = "done", _("Done")
        NOT_NEEDED = "not_needed", _("Not needed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="actions", verbose_name=_("incident")
    )
    kind = models.CharField(_("kind of action"), max_length=30, choices=Kind.choices)
    child = models.ForeignKey(
        IncidentChild,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("child"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    # Codes, dates and what people typed about places and platforms: encrypted as a whole.
    details = EncryptedJSONField(default=dict, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["deadline", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class Review(models.Model):
    """One record of the initial review meeting, or of a later review of the decision.

    Saved reviews are never edited: a change is a new Review (R-168). The newest is the
    current one. The engine's input, output and rules version are kept with it, so the
    record says years later what was recommended and against which rules.
    """

    class Decision(models.TextChoices):
        UNDECIDED = "undecided", _("Not decided yet")
        REFER = "refer", _("Refer to the police or children's social services")
        HANDLE_IN_SETTING = "handle_in_setting", _("Handle in the setting")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("incident")
    )
    held_at = models.DateTimeField(_("when the meeting was held"))
    attendees = EncryptedTextField(_("who attended"))
    image_creator = models.CharField(_("who created the image"), max_length=40, blank=True)
    where_shared = EncryptedTextField(_("where and how widely it was shared"), blank=True)
    other_settings = EncryptedTextField(_("other settings or people to contact"), blank=True)
    parents_notes = EncryptedTextField(_("parents and carers"), blank=True)
    engine_input = EncryptedTextField(_("facts given to the decision engine (JSON)"))
    engine_output = EncryptedTextField(_("decision engine's recommendation (JSON)"))
    rules_version = models.CharField(_("rules version"), max_length=40)
    recommended_referral = models.BooleanField(_("referral recommended"))
    typology = models.CharField(_("typology"), max_length=60, blank=True)
    decision = models.CharField(
        _("decision"), max_length=30, choices=Decision.choices, default=Decision.UNDECIDED
    )
    decision_reason = EncryptedTextField(_("reason for the decision"), blank=True)
    differs_reason = EncryptedTextField(
        _("why the decision differs from the recommendation"), blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id} review {self.created_at:%Y-%m-%d %H:%M}"


class SignOff(models.Model):
    """Leadership sign-off of a decision not to refer ("Recording incidents")."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="sign_offs", verbose_name=_("incident")
    )
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="sign_offs")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(auto_now_add=True)
    same_person_as_decider = models.BooleanField(default=False)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")

    def __str__(self) -> str:
        return f"{self.incident_id} signed off {self.signed_at:%Y-%m-%d}"


class Referral(models.Model):
    """A referral to the police, children's social services or NCA-CEOP."""

    class Route(models.TextChoices):
        POLICE_999 = "police_999", _("Police – 999 (immediate danger)")
        POLICE_101 = "police_101", _("Police – 101")
        SCPO = "scpo", _("Schools community police officer (SCPO)")
        MASH = "mash", _("Multi-agency safeguarding hub (MASH)")
        SOCIAL_SERVICES = "social_services", _("Children's social services duty officer")
        NCA_CEOP = "nca_ceop", _("NCA-CEOP")

    class Outcome(models.TextChoices):
        NOT_KNOWN = "not_known", _("Not known yet")
        NO_FURTHER_ACTION = "nfa", _("No further action")
        OUTCOME_21 = "outcome_21", _("Outcome 21")
        CAUTION = "caution", _("Caution")
        CHARGE = "charge", _("Charge or conviction")
        OTHER = "other", _("Other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("incident")
    )
    route = models.CharField(_("referred to"), max_length=30, choices=Route.choices)
    made_at = models.DateTimeField(_("when"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    contact_name = EncryptedTextField(_("who took the referral"), blank=True)
    crime_reference = EncryptedTextField(_("crime reference number"), blank=True)
    agreed = EncryptedTextField(_("what was agreed"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NOT_KNOWN
    )
    outcome_at = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_note = EncryptedTextField(_("about the outcome"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["made_at"]

    def __str__(self) -> str:
        return f"{self.get_route_display()} {self.made_at:%Y-%m-%d}"


class RiskAssessment(models.Model):
    """The seven questions of "Assessing the risks", answered. A change is a new row."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="risk_assessments"
    )
    answers = EncryptedTextField(_("answers (JSON)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id} risk assessment"


class Interview(models.Model):
    """A conversation with one child. The statement is the child's own words, locked once
    saved; corrections go in as addenda (R-169)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="interviews")
    child = models.ForeignKey(IncidentChild, on_delete=models.PROTECT, related_name="interviews")
    held_at = models.DateTimeField(_("when"), null=True, blank=True)
    held_by = EncryptedTextField(_("who held it"), blank=True)
    statement = EncryptedTextField(_("the child's own words"), blank=True)
    not_appropriate_reason = EncryptedTextField(_("why no interview was held"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id} interview {self.child_id}"


class ContinuumPlacement(models.Model):
    """Where one child's behaviour in this incident sits on Hackett's continuum. Dated and
    revisable, with history: a label on the behaviour, never on the child (R-069)."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="continuum_placements"
    )
    child = models.ForeignKey(
        IncidentChild, on_delete=models.PROTECT, related_name="continuum_placements"
    )
    level = models.CharField(_("place on the continuum"), max_length=20)
    indicators = models.JSONField(default=list, blank=True)
    typology_note = EncryptedTextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("continuum placement")
        verbose_name_plural = _("continuum placements")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.child_id} {self.level}"


class Device(models.Model):
    """A device that may hold imagery: never delete from it; seize and retain (R-117, R-118)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="devices")
    child = models.ForeignKey(
        IncidentChild, on_delete=models.PROTECT, null=True, blank=True, related_name="devices"
    )
    description = EncryptedTextField(_("device"))
    seized_at = models.DateTimeField(_("seized at"), null=True, blank=True)
    held_by = EncryptedTextField(_("held by, and where"), blank=True)
    handed_to_police_at = models.DateTimeField(_("handed to the police at"), null=True, blank=True)
    police_reference = EncryptedTextField(_("police reference"), blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    access_details = EncryptedTextField(_("PIN or access details"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id} device"


class Addendum(models.Model):
    """A later fact added to an incident, dated and signed; the only change a closed
    record accepts."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="addenda")
    text = EncryptedTextField(_("addendum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id} addendum"


class Alert(models.Model):
    """An alert to a DSP (or, after escalation, a deputy or leadership) about a new concern
    or an escalation. No content: the reference only."""

    class Level(models.TextChoices):
        FIRST = "first", _("First alert")
        ESCALATED = "escalated", _("Escalated")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="alerts")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alerts"
    )
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.FIRST)
    created_at = models.DateTimeField(auto_now_add=True)
    # The email task claims the alert (email_claimed_at) before it sends, so a retried task
    # never sends twice; emailed_at records the send.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id} alert to {self.recipient_id}"
