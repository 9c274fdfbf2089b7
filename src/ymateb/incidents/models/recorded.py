"""What every record written about an incident carries: who wrote it and when. Such records
are kept in the order they were written and are never edited (a later one supersedes)."""

from __future__ import annotations

from django.db import models

from ymateb.tenancy.fields import person


class Recorded(models.Model):
    created_by = person()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]
