"""The action plan and the device register."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.models.incident import child_link, incident_link
from ymateb.incidents.models.recorded import Recorded
from ymateb.records.crypto import EncryptedJSONField, EncryptedTextField
from ymateb.tenancy.fields import person


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
    incident = incident_link("actions", _("incident"))
    kind = models.CharField(_("kind of action"), max_length=30, choices=Kind.choices)
    child = child_link("actions", _("child"), optional=True)
    owner = person(_("owner"), optional=True)
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


class Device(Recorded):
    """A device that may hold imagery: never delete from it; seize and retain (R-117, R-118)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = incident_link("devices")
    child = child_link("devices", optional=True)
    description = EncryptedTextField(_("device"))
    seized_at = models.DateTimeField(_("seized at"), null=True, blank=True)
    held_by = EncryptedTextField(_("held by, and where"), blank=True)
    handed_to_police_at = models.DateTimeField(_("handed to the police at"), null=True, blank=True)
    police_reference = EncryptedTextField(_("police reference"), blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    access_details = EncryptedTextField(_("PIN or access details"), blank=True)

    class Meta(Recorded.Meta):
        verbose_name = _("device")
        verbose_name_plural = _("devices")
