"""The initial review (what the decision engine was given and said) and leadership's sign-off."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.models.incident import incident_link
from ymateb.incidents.models.recorded import Recorded
from ymateb.records.crypto import EncryptedTextField
from ymateb.tenancy.fields import person


class Review(Recorded):
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
    incident = incident_link("reviews", _("incident"))
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

    class Meta(Recorded.Meta):
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{super().__str__()} {self.created_at:%Y-%m-%d %H:%M}"


class SignOff(models.Model):
    """Leadership sign-off of a decision not to refer ("Recording incidents")."""

    incident = incident_link("sign_offs", _("incident"))
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="sign_offs")
    signed_by = person()
    signed_at = models.DateTimeField(auto_now_add=True)
    same_person_as_decider = models.BooleanField(default=False)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")

    def __str__(self) -> str:
        return f"{self.incident_id} signed off {self.signed_at:%Y-%m-%d}"
