"""What every record written about an incident carries: who wrote it and when. Such records
are kept in the order they were written and are never edited (a later one supersedes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Recorded(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]
