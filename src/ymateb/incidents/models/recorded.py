"""What every record written about an incident carries: who wrote it and when. Such records
are kept in the order they were written and are never edited (a later one supersedes)."""

from __future__ import annotations

import uuid

from django.db import models

from ymateb.tenancy.fields import person


class Recorded(models.Model):
    created_by = person()
    created_at = models.DateTimeField(auto_now_add=True)
    # Every such record links to its incident (an incident_link of its own related name).
    incident_id: uuid.UUID

    class Meta:
        abstract = True
        ordering = ["created_at"]

    def __str__(self) -> str:
        """The incident's id, then what the record is, by its untranslated name (the
        Meta's verbose_name, not a second spelling of it): "<id> risk assessment"."""
        return f"{self.incident_id} {self._meta.verbose_name_raw}"
