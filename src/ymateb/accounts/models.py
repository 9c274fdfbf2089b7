"""People who sign in. Roles live in ymateb.tenancy (a role is held in a setting)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_admin", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=(username or "").strip())


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address and password.

    `is_admin` marks the person who runs the installation (the `admin` role of PRODUCT.md):
    users, settings and configuration, never the content of an incident.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    is_admin = models.BooleanField(
        _("installation admin"),
        default=False,
        help_text=_("Manages users and settings. Never sees the content of an incident."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    must_change_password = models.BooleanField(
        _("must choose a new password"),
        default=False,
        help_text=_("Set when an admin sets the password: the person chooses a new one."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Django admin access: installation admins only."""
        return self.is_admin

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()


class EnrolmentLink(models.Model):
    """A one-time link that lets one person set up an authenticator app.

    Issued by an installation admin and sent to the person's email address. Only a hash of
    the token is stored, so the database never holds a usable link. A link works once and
    for a limited time (ymateb.accounts.services.ENROLMENT_LINK_HOURS).
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrolment_links", verbose_name=_("user")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment link")
        verbose_name_plural = _("enrolment links")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.user} – {self.issued_at:%Y-%m-%d %H:%M}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
