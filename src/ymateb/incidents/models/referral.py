"""Referrals to the police or social services."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.models.incident import incident_link
from ymateb.records.crypto import EncryptedTextField
from ymateb.tenancy.fields import person


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
    incident = incident_link("referrals", _("incident"))
    route = models.CharField(_("referred to"), max_length=30, choices=Route.choices)
    made_at = models.DateTimeField(_("when"))
    made_by = person()
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
