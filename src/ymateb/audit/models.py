"""The audit trail: who did what to which record, when and from where.

Append-only and hash-chained. Rows are written only by `ymateb.audit.services.audit`, in
the same transaction as the read or write they describe. The database refuses UPDATE,
DELETE and TRUNCATE on `audit_auditevent` (migration 0002); `ymateb audit verify` checks
the chain. Nothing here is registered in the Django admin: admins never see incident
activity.

A later migration that changes `audit_auditevent` must keep the append-only triggers: on
SQLite, Django rebuilds a table to alter it, and the rebuilt table has no triggers
(`ymateb audit verify` reports them missing). A column added later is not covered by the
hash unless a new hash format (ymateb.audit.hashing, `hash_version`) includes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The prev_hash of the first row: 64 zeros.
GENESIS_HASH = "0" * 64
# The hash format audit() writes: 2 is HMAC-SHA256 under a key from YMATEB_AUDIT_KEYS.
HASH_VERSION = 2


def current_key_id() -> str:
    """The id of the key new rows are hashed under: the first of YMATEB_AUDIT_KEYS."""
    from ymateb.audit.keys import key_id

    return key_id(settings.YMATEB_AUDIT_KEYS[0].strip())


class AuditAction(models.TextChoices):
    """What was done. Add a member to log a new kind of event (no migration needed: the
    field has no database choices; `audit()` refuses codes not listed here)."""

    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    TRANSITION = "transition", _("Moved to another stage")
    EXPORT = "export", _("Exported")
    REVEAL_SECRET = "reveal_secret", _("Revealed a protected detail")
    REFUSED = "refused", _("Refused access")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_OUT = "sign_out", _("Signed out")
    REQUEST_DESTRUCTION = "request_destruction", _("Asked for the record to be destroyed")
    DESTROY = "destroy", _("Destroyed the record")
    ROTATE_KEYS = "rotate_keys", _("Re-encrypted stored records under a new key")
    # Accounts and administration (who could reach a record, and how they got there).
    SIGN_IN_FAILED = "sign_in_failed", _("Failed to sign in")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Entered a wrong security code")
    LOCKED_OUT = "locked_out", _("Was locked out of signing in")
    ISSUE_ENROLMENT_LINK = "issue_enrolment_link", _("Issued a link to set up an authenticator")
    ENROL = "enrol", _("Set up an authenticator app")
    RESET_PASSWORD = "reset_password", _("Set another person's password")
    GRANT_ROLE = "grant_role", _("Proposed a safeguarding role")
    CONFIRM_ROLE = "confirm_role", _("Confirmed a safeguarding role")
    REVOKE_ROLE = "revoke_role", _("Removed a role")
    ADMIN_CHANGE = "admin_change", _("Changed an account, setting or council")
    CHECKPOINT = "checkpoint", _("Signed a checkpoint of the audit trail")
    SEND_ALERT = "send_alert", _("Sent an alert email")


# Security events: shown to installation admins and exported for the local authority's
# security team (they name people and addresses, never incident content).
SECURITY_ACTIONS = (
    AuditAction.REFUSED,
    AuditAction.SIGN_IN,
    AuditAction.SIGN_OUT,
    AuditAction.SIGN_IN_FAILED,
    AuditAction.SECOND_FACTOR_FAILED,
    AuditAction.LOCKED_OUT,
    AuditAction.ISSUE_ENROLMENT_LINK,
    AuditAction.ENROL,
    AuditAction.RESET_PASSWORD,
    AuditAction.GRANT_ROLE,
    AuditAction.CONFIRM_ROLE,
    AuditAction.REVOKE_ROLE,
    AuditAction.ADMIN_CHANGE,
)


# Actions that show a person the record: the "who has viewed this record" panel counts them.
VIEWING_ACTIONS = (AuditAction.VIEW, AuditAction.EXPORT, AuditAction.REVEAL_SECRET)


class AuditEvent(models.Model):
    """One event in the audit trail.

    `detail` is a small JSON object of identifiers and codes that explain the event (a
    transition's from/to states, the names of the fields changed, an export's format). It
    must NEVER hold sensitive content: no names, dates of birth, statements, notes, free
    text typed by a person, field values, search terms or query strings. The trail outlives
    and is read more widely than the records it describes, so what it holds must be safe to
    show to anyone entitled to read the trail.

    `source` is where the request came from: the client's IP address and a short browser
    family ("203.0.113.9 Firefox"); never a URL, query string or full user-agent string.

    `hash` is the hex HMAC-SHA256, under a key held outside the database, of a canonical
    JSON of the row (id, format and key id included) and `prev_hash`, the previous row's
    `hash`; see ymateb.audit.hashing. Ids are allocated by the service,
    one more than the last, so they have no gaps.
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (at the time)"), max_length=254)
    action = models.CharField(_("what"), max_length=40)
    object_type = models.CharField(_("kind of record"), max_length=60, blank=True)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    setting_id = models.BigIntegerField(_("education setting"), null=True, blank=True)
    source = models.CharField(_("from where"), max_length=80, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The hash format of this row (ymateb.audit.hashing) and, from format 2, the id of the
    # YMATEB_AUDIT_KEYS key it was hashed under. Both are inside the hash.
    hash_version = models.PositiveSmallIntegerField(default=HASH_VERSION)
    key_id = models.CharField(max_length=32, blank=True, default=current_key_id)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"], name="audit_object_idx"),
            models.Index(fields=["setting_id", "at"], name="audit_setting_idx"),
            models.Index(fields=["actor", "at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.action} {self.object_type} {self.object_id}".strip()


class AuditChainHead(models.Model):
    """The end of the chain: the last row's id and hash, in a single row (id 1).

    Writers lock this row (SELECT ... FOR UPDATE on PostgreSQL) so appends are serialised
    and no two rows link to the same predecessor. It is updatable by design; `verify`
    compares it with the last row, so deleting rows at the end of the chain is detected.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.last_id} {self.last_hash}"
