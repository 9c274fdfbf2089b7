"""Local authorities, education settings and the roles people hold in them."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ymateb.tenancy.fields import OnDelete, person


class BilingualName(models.Model):
    name = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self) -> str:
        if (get_language() or "en").startswith("cy") and self.name_cy:
            return self.name_cy
        return self.name


class LocalAuthority(BilingualName):
    class Meta:
        verbose_name = _("local authority")
        verbose_name_plural = _("local authorities")
        ordering = ["name"]


def local_authority_link(
    related_name: str, *, on_delete: OnDelete
) -> models.ForeignKey[LocalAuthority | Combinable, LocalAuthority]:
    """A link to a local authority: a setting's own, or one a person oversees."""
    return models.ForeignKey(
        LocalAuthority,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=_("local authority"),
    )


class Setting(BilingualName):
    """An education setting: a school, college, pupil referral unit or youth setting."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        COLLEGE = "college", _("College")
        PUPIL_REFERRAL_UNIT = "pru", _("Pupil referral unit")
        YOUTH_SETTING = "youth", _("Youth setting")

    kind = models.CharField(_("kind of setting"), max_length=20, choices=Kind.choices)
    local_authority = local_authority_link("settings", on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("education setting")
        verbose_name_plural = _("education settings")
        ordering = ["name"]


class Role(models.TextChoices):
    STAFF = "staff", _("Staff member")
    DSP = "dsp", _("Designated safeguarding person")
    DEPUTY_DSP = "deputy_dsp", _("Deputy designated safeguarding person")
    LEADERSHIP = "leadership", _("Leadership")


# Roles that reach records about children: an admin's grant of one takes effect only when a
# second person confirms it (see ymateb.tenancy.services). A staff role needs no confirmation.
SAFEGUARDING_ROLES = frozenset({Role.DSP, Role.DEPUTY_DSP, Role.LEADERSHIP})


_G = TypeVar("_G", bound="Grant")


class GrantQuerySet(models.QuerySet[_G]):
    def confirmed(self) -> GrantQuerySet[_G]:
        return self.filter(confirmed_at__isnull=False)

    def pending(self) -> GrantQuerySet[_G]:
        return self.filter(confirmed_at__isnull=True)


class ConfirmedGrantManager(models.Manager[_G]):
    """The default manager: only confirmed grants, so every query that decides what a person
    may reach (access, alerts, row-level security, two-factor) ignores a pending grant
    without having to remember to. Pending grants are reached through `all_objects`."""

    def get_queryset(self) -> GrantQuerySet[_G]:
        return GrantQuerySet(self.model, using=self._db).confirmed()

    def confirmed(self) -> GrantQuerySet[_G]:
        return self.get_queryset()


class AllGrantsManager(models.Manager[_G]):
    def get_queryset(self) -> GrantQuerySet[_G]:
        return GrantQuerySet(self.model, using=self._db)


class Grant(models.Model):
    """Who proposed a role and who confirmed it. `confirmed_at` empty: pending, no effect.

    A row created in code is confirmed at once (the demo data, tests, the server shell);
    the admin pages create safeguarding grants pending (ymateb.tenancy.services.grant)."""

    granted_by = person(_("granted by"), optional=True, on_delete=models.SET_NULL)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    confirmed_by = person(_("confirmed by"), optional=True, on_delete=models.SET_NULL)
    confirmed_at = models.DateTimeField(
        _("confirmed at"), null=True, blank=True, default=timezone.now
    )

    objects = ConfirmedGrantManager()
    all_objects = AllGrantsManager()

    class Meta:
        abstract = True

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Membership(Grant):
    """A role held by a person in one setting. One person may hold several."""

    user = person(_("user"), on_delete=models.CASCADE, related_name="memberships")
    setting = models.ForeignKey(
        Setting, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("setting")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "setting", "role"], name="membership_unique_role_in_setting"
            )
        ]
        ordering = ["setting__name", "role"]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.setting}"


class OversightAssignment(Grant):
    """Local-authority oversight: anonymised figures across the authority's settings."""

    user = person(_("user"), on_delete=models.CASCADE, related_name="oversight_assignments")
    local_authority = local_authority_link("oversight_assignments", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("oversight assignment")
        verbose_name_plural = _("oversight assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "local_authority"], name="oversight_unique_per_authority"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.local_authority}"
