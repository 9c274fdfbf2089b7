"""Granting roles: a safeguarding role takes effect only when a second person confirms it.

An installation admin may propose a DSP, deputy DSP, leadership or oversight role; it stays
pending (and gives no access: the default managers count confirmed grants only) until:

- the setting's confirmed leadership confirms it on the setting's "People and roles" page, or
- for a setting with no confirmed leadership yet, or for oversight of a local authority,
  a second installation admin confirms it in the admin.

Nobody confirms a grant they proposed or a grant to themselves. A staff role needs no
confirmation. Each step is written to the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ymateb.audit.models import AuditAction
from ymateb.audit.services import audit
from ymateb.tenancy.models import (
    SAFEGUARDING_ROLES,
    Membership,
    OversightAssignment,
    Role,
)

if TYPE_CHECKING:  # accounts is the floor above: its User is named, never imported at runtime
    from ymateb.accounts.models import User

Grant = Membership | OversightAssignment


class CannotConfirm(Exception):
    """This person may not confirm this grant (the message says why, in plain words)."""


def needs_confirmation(grant: Grant) -> bool:
    if isinstance(grant, OversightAssignment):
        return True
    return grant.role in SAFEGUARDING_ROLES


def _object(grant: Grant) -> tuple[str, str, int | None, dict[str, Any]]:
    if isinstance(grant, OversightAssignment):
        detail = {
            "role": "oversight",
            "user": grant.user_id,
            "local_authority": grant.local_authority_id,
        }
        return "oversight_assignment", str(grant.pk), None, detail
    detail = {"role": grant.role, "user": grant.user_id, "setting": grant.setting_id}
    return "membership", str(grant.pk), grant.setting_id, detail


def _audit(action: str, grant: Grant, by: User, request: HttpRequest | None, **extra: Any) -> None:
    object_type, object_id, setting_id, detail = _object(grant)
    audit(
        actor=by,
        action=action,
        object_type=object_type,
        object_id=object_id,
        setting_id=setting_id,
        request=request,
        detail={**detail, **extra},
    )


def grant(grant: Grant, *, by: User, request: HttpRequest | None = None) -> Grant:
    """Save a new grant proposed by `by`: pending when it needs confirmation."""
    pending = needs_confirmation(grant)
    with transaction.atomic():
        grant.granted_by = by
        grant.granted_at = timezone.now()
        grant.confirmed_by = None
        grant.confirmed_at = None if pending else grant.granted_at
        grant.save()
        _audit(AuditAction.GRANT_ROLE, grant, by, request, pending=pending)
    return grant


def settings_led_by(user: User) -> set[int]:
    """The settings in which the user holds a confirmed leadership role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(
        Membership.objects.confirmed()
        .filter(user=user, role=Role.LEADERSHIP)
        .values_list("setting_id", flat=True)
    )


def _setting_has_leadership(grant: Membership) -> bool:
    return (
        Membership.objects.confirmed()
        .filter(setting_id=grant.setting_id, role=Role.LEADERSHIP, user__is_active=True)
        .exclude(user_id=grant.user_id)
        .exists()
    )


def confirmation_refusal(grant: Grant, user: User) -> str | None:
    """Why `user` may not confirm (or refuse) this pending grant, or None when they may."""
    from django.utils.translation import gettext as _

    if grant.is_confirmed:
        return _("This role is already confirmed.")
    if user.pk == grant.user_id:
        return _("You cannot confirm a role given to you.")
    if user.pk == grant.granted_by_id:
        return _("You proposed this role, so another person must confirm it.")
    if isinstance(grant, OversightAssignment):
        if getattr(user, "is_admin", False):
            return None
        return _("Only another installation admin can confirm an oversight role.")
    if grant.setting_id in settings_led_by(user):
        return None
    if getattr(user, "is_admin", False):
        if _setting_has_leadership(grant):
            return _(
                "This setting has leadership: the role is confirmed on the setting's "
                "People and roles page."
            )
        return None
    return _("Only the setting's leadership can confirm this role.")


def confirm(grant: Grant, *, by: User, request: HttpRequest | None = None) -> None:
    reason = confirmation_refusal(grant, by)
    if reason is not None:
        raise CannotConfirm(reason)
    with transaction.atomic():
        model = type(grant)
        updated = model.all_objects.filter(pk=grant.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now(), confirmed_by=by
        )
        if updated != 1:
            from django.utils.translation import gettext as _

            raise CannotConfirm(_("This role is already confirmed."))
        _audit(AuditAction.CONFIRM_ROLE, grant, by, request)


def refuse(grant: Grant, *, by: User, request: HttpRequest | None = None) -> None:
    """The confirming person says no: the pending grant is removed."""
    reason = confirmation_refusal(grant, by)
    if reason is not None:
        raise CannotConfirm(reason)
    with transaction.atomic():
        _audit(AuditAction.REVOKE_ROLE, grant, by, request, pending=True, refused=True)
        type(grant).all_objects.filter(pk=grant.pk).delete()


def revoke(grant: Grant, *, by: User, request: HttpRequest | None = None) -> None:
    """Remove a grant, pending or confirmed (an admin deleting it)."""
    with transaction.atomic():
        _audit(AuditAction.REVOKE_ROLE, grant, by, request, pending=not grant.is_confirmed)
        type(grant).all_objects.filter(pk=grant.pk).delete()
