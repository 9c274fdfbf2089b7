"""The risk assessment, conversations with the children and places on the continuum."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.models.incident import child_link, incident_link
from ymateb.incidents.models.recorded import Recorded
from ymateb.records.crypto import EncryptedTextField


class RiskAssessment(Recorded):
    """The seven questions of "Assessing the risks", answered. A change is a new row."""

    incident = incident_link("risk_assessments")
    answers = EncryptedTextField(_("answers (JSON)"))

    class Meta(Recorded.Meta):
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")


class Interview(Recorded):
    """A conversation with one child. The statement is the child's own words, locked once
    saved; corrections go in as addenda (R-169)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = incident_link("interviews")
    child = child_link("interviews")
    held_at = models.DateTimeField(_("when"), null=True, blank=True)
    held_by = EncryptedTextField(_("who held it"), blank=True)
    statement = EncryptedTextField(_("the child's own words"), blank=True)
    not_appropriate_reason = EncryptedTextField(_("why no interview was held"), blank=True)

    class Meta(Recorded.Meta):
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{super().__str__()} {self.child_id}"


class ContinuumPlacement(Recorded):
    """Where one child's behaviour in this incident sits on Hackett's continuum. Dated and
    revisable, with history: a label on the behaviour, never on the child (R-069)."""

    incident = incident_link("continuum_placements")
    child = child_link("continuum_placements")
    level = models.CharField(_("place on the continuum"), max_length=20)
    indicators = models.JSONField(default=list, blank=True)
    typology_note = EncryptedTextField(_("note"), blank=True)

    class Meta(Recorded.Meta):
        verbose_name = _("continuum placement")
        verbose_name_plural = _("continuum placements")

    def __str__(self) -> str:
        return f"{self.child_id} {self.level}"
