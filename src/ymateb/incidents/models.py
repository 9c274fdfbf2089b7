"""Incidents and the children involved. Kept apart from every other record about a child.

Sensitive text (what was said, names, dates of birth) is encrypted at rest. Nothing here
can hold an image: there is no file or binary field, and text fields refuse image data.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ymateb.records.crypto import EncryptedTextField
from ymateb.tenancy.models import Setting


class IncidentState(models.TextChoices):
    REPORTED = "reported", _("New concern")
    INITIAL_REVIEW = "initial_review", _("Initial review")
    REFERRED = "referred", _("Referred")
    AWAITING_SIGN_OFF = "awaiting_sign_off", _("Awaiting sign-off")
    SIGNED_OFF = "signed_off", _("Handled in the setting (signed off)")
    ACTIONS = "actions", _("Actions under way")
    REVIEW = "review", _("Review")
    CLOSED = "closed", _("Closed")


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
        _("state"), max_length=30, choices=IncidentState.choices, default=IncidentState.REPORTED
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
    year_group = models.CharField(_("year group"), max_length=40, blank=True)
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, blank=True, validators=[MaxValueValidator(17)]
    )
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)

    class Meta:
        verbose_name = _("child involved")
        verbose_name_plural = _("children involved")
        ordering = ["ref"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "ref"], name="incident_child_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.incident.reference} {self.ref}"
