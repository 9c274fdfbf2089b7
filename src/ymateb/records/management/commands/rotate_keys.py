"""`ymateb rotate-keys`: re-encrypt every encrypted value under the newest key.

To retire a key: put a new key FIRST in YMATEB_FIELD_KEYS (keep the old ones after it),
restart, run `ymateb rotate-keys`, check `ymateb rotate-keys --check` reports nothing left,
then remove the old key. Safe to run again at any time: values already under the newest
key are left alone.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models.expressions import ExpressionWrapper, F, Value

from ymateb.audit.services import audit
from ymateb.records.crypto import encrypted_fields, rotate


def _raw(name: str) -> ExpressionWrapper[Any]:
    """The stored token of an encrypted field, as text (not decrypted)."""
    return ExpressionWrapper(F(name), output_field=models.TextField())


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first key in YMATEB_FIELD_KEYS, in "
        "batches, each batch in one transaction. Values already under that key are left "
        "alone, so it is safe to run again. Prints the count for each kind of record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=500, help="rows per transaction (default 500)"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; fail if any value is not yet under the newest key",
        )

    def handle(self, *args: Any, batch_size: int, check: bool, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        keys = list(settings.YMATEB_FIELD_KEYS)
        if not keys:
            raise CommandError("YMATEB_FIELD_KEYS has no key.")
        newest = Fernet(keys[0].encode("ascii"))
        total_rows = total_changed = 0
        for model, names in encrypted_fields():
            rows, changed = self._model(model, names, newest, batch_size, check)
            total_rows += rows
            total_changed += changed
            verb = "to re-encrypt" if check else "re-encrypted"
            plural = "" if rows == 1 else "s"
            self.stdout.write(f"{model._meta.label}: {rows} row{plural}, {changed} {verb}")
        if check:
            if total_changed:
                raise CommandError(
                    f"{total_changed} rows hold values not yet under the newest key: "
                    "run `ymateb rotate-keys`."
                )
            self.stdout.write("Every encrypted value is under the newest key.")
            return
        self.stdout.write(
            f"Done: {total_changed} of {total_rows} rows re-encrypted under the newest key."
        )
        try:
            audit(
                actor=None,
                action="rotate_keys",
                object_type="records",
                detail={"rows": total_rows, "re_encrypted": total_changed},
            )
        except Exception as exc:  # the work is done and committed; say so, and fail
            raise CommandError(
                f"Every value was re-encrypted, but the audit trail did not record it: {exc}"
            ) from exc

    def _model(
        self,
        model: type[models.Model],
        names: list[str],
        newest: Fernet,
        batch_size: int,
        check: bool,
    ) -> tuple[int, int]:
        aliases = {f"ymateb_raw_{i}": _raw(name) for i, name in enumerate(names)}
        manager = model._base_manager
        rows = changed = 0
        last_pk: Any = None
        while True:
            with transaction.atomic():
                batch = manager.order_by("pk").annotate(**aliases)
                if last_pk is not None:
                    batch = batch.filter(pk__gt=last_pk)
                if not check:
                    batch = batch.select_for_update(of=("self",))
                found = list(batch.values_list("pk", *aliases)[:batch_size])
                for pk, *tokens in found:
                    rows += 1
                    if self._rotate_row(model, pk, names, tokens, newest, check):
                        changed += 1
            if len(found) < batch_size:
                return rows, changed
            last_pk = found[-1][0]

    def _rotate_row(
        self,
        model: type[models.Model],
        pk: Any,
        names: list[str],
        tokens: list[str | None],
        newest: Fernet,
        check: bool,
    ) -> bool:
        updates: dict[str, Any] = {}
        for name, token in zip(names, tokens, strict=True):
            if token is None or _under(newest, token):
                continue
            try:
                new_token = rotate(token)
            except InvalidToken as exc:
                raise CommandError(
                    f"{model._meta.label} {pk}: the field {name!r} cannot be decrypted with any "
                    "key in YMATEB_FIELD_KEYS. Put the key it was encrypted with back at the "
                    "end of YMATEB_FIELD_KEYS and run again. Nothing in this batch was changed."
                ) from exc
            # Stored as it is: a Value with a plain text type is not encrypted again.
            updates[name] = Value(new_token, output_field=models.TextField())
        if updates and not check:
            model._base_manager.filter(pk=pk).update(**updates)
        return bool(updates)


def _under(key: Fernet, token: str) -> bool:
    try:
        key.decrypt(token.encode("ascii"))
    except (InvalidToken, ValueError):
        return False
    return True
