"""Records about records: destruction requests and the tombstones they leave."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ymateb.tenancy.fields import person


class DestructionRequest(models.Model):
    """The first of the two people needed to destroy a record past its retention date."""

    incident = models.OneToOneField(
        "incidents.Incident",
        on_delete=models.CASCADE,
        related_name="destruction_request",
        verbose_name=_("incident"),
    )
    requested_by = person()
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("destruction request")
        verbose_name_plural = _("destruction requests")

    def __str__(self) -> str:
        return f"{self.incident_id}"


class RecordTombstone(models.Model):
    """What is left of a destroyed record: what, when, who, under which policy. No content."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident_id = models.UUIDField(_("incident identifier"))
    reference = models.CharField(_("reference"), max_length=20)
    setting = models.ForeignKey(
        "tenancy.Setting", on_delete=models.PROTECT, related_name="+", verbose_name=_("setting")
    )
    reported_on = models.DateField(_("reported on"))
    retention_until = models.DateField(_("kept until"), null=True)
    policy = models.CharField(_("retention policy"), max_length=200)
    requested_by = person()
    requested_at = models.DateTimeField()
    approved_by = person()
    destroyed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("destroyed record")
        verbose_name_plural = _("destroyed records")
        ordering = ["-destroyed_at"]

    def __str__(self) -> str:
        return self.reference
