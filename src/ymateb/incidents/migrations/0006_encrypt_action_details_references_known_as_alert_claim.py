"""Encrypt the last free text stored in the clear (action details, year groups, police and
crime references); add the children's other names (subject-access redaction) and the
alert email claim (one send per alert). Values already in the database are encrypted
in place by `encrypt_existing` (raw SQL, so the fields' own decryption is not involved)."""

from typing import Any

from django.db import migrations, models

import ymateb.records.crypto

# (table, column) now encrypted; their old values are plain text (JSON text for details).
NOW_ENCRYPTED = (
    ("incidents_action", "details"),
    ("incidents_device", "police_reference"),
    ("incidents_incidentchild", "year_group"),
    ("incidents_referral", "crime_reference"),
)


def _is_token(value: str) -> bool:
    from ymateb.records.crypto import decrypt

    try:
        decrypt(value)
    except Exception:  # not a token under our keys: a plain value to encrypt
        return False
    return True


def encrypt_existing(apps: Any, schema_editor: Any) -> None:
    from ymateb.records.crypto import encrypt

    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        for table, column in NOW_ENCRYPTED:
            cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")  # noqa: S608
            for pk, value in cursor.fetchall():
                if value is None or _is_token(str(value)):
                    continue
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                    [encrypt(str(value)), pk],
                )


def decrypt_existing(apps: Any, schema_editor: Any) -> None:
    from ymateb.records.crypto import decrypt

    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        for table, column in NOW_ENCRYPTED:
            cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")  # noqa: S608
            for pk, value in cursor.fetchall():
                if value is None or not _is_token(str(value)):
                    continue
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                    [decrypt(str(value)), pk],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0005_more_event_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="alert",
            name="email_claimed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="incidentchild",
            name="known_as",
            field=ymateb.records.crypto.EncryptedTextField(
                blank=True, default="", verbose_name="also known as"
            ),
        ),
        migrations.AlterField(
            model_name="action",
            name="details",
            field=ymateb.records.crypto.EncryptedJSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="device",
            name="police_reference",
            field=ymateb.records.crypto.EncryptedTextField(
                blank=True, verbose_name="police reference"
            ),
        ),
        migrations.AlterField(
            model_name="incidentchild",
            name="year_group",
            field=ymateb.records.crypto.EncryptedTextField(blank=True, verbose_name="year group"),
        ),
        migrations.AlterField(
            model_name="referral",
            name="crime_reference",
            field=ymateb.records.crypto.EncryptedTextField(
                blank=True, verbose_name="crime reference number"
            ),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
