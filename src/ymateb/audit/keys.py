"""The audit trail's keys, held outside the database (environment variables).

- YMATEB_AUDIT_KEYS: secrets for the HMAC-SHA256 row hashes (hash format 2), comma-
  separated, newest first. New rows are hashed under the first; each row records the id of
  the key it was hashed under, so rows written before a rotation still verify while their
  key stays in the list. A key id is a fingerprint of the key (`key_id`), never the key.
- YMATEB_AUDIT_SIGNING_KEY: the Ed25519 private key that signs checkpoints of the chain
  head, as the base64 of its 32 raw bytes. Its public key is written beside every
  checkpoint, so a verifier on another host needs only the public key
  (YMATEB_AUDIT_PUBLIC_KEYS also lists retired signing keys' public keys).

No Django model is imported here: the production settings use these checks at start-up.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# A row-hash key shorter than this is more likely a typed password than a random secret.
MIN_KEY_CHARS = 32


class AuditKeyError(ValueError):
    """A key in the configuration is missing or malformed; the message names the variable."""


def key_id(secret: str) -> str:
    """The fingerprint by which a row names the key it was hashed under (16 hex digits).

    A one-way function of a random secret of 32+ characters: it reveals nothing usable."""
    return hashlib.sha256(b"ymateb-audit-key-id:" + secret.encode("utf-8")).hexdigest()[:16]


def parse_hash_keys(keys: list[str] | tuple[str, ...]) -> dict[str, str]:
    """{key id: secret}, newest first, from the YMATEB_AUDIT_KEYS list."""
    cleaned = [k.strip() for k in keys if k and k.strip()]
    if not cleaned:
        raise AuditKeyError("YMATEB_AUDIT_KEYS holds no key.")
    for secret in cleaned:
        if len(secret) < MIN_KEY_CHARS:
            raise AuditKeyError(
                f"A key in YMATEB_AUDIT_KEYS is shorter than {MIN_KEY_CHARS} characters. "
                "Make one with: ymateb audit new-keys"
            )
    return {key_id(secret): secret for secret in cleaned}


def hmac_sha256(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def load_signing_key(value: str) -> Ed25519PrivateKey:
    """The checkpoint signing key from the base64 of its 32 raw bytes."""
    raw = _b64decode(value, "YMATEB_AUDIT_SIGNING_KEY")
    if len(raw) != 32:
        raise AuditKeyError(
            "YMATEB_AUDIT_SIGNING_KEY must be the base64 of a 32-byte Ed25519 private key. "
            "Make one with: ymateb audit new-keys"
        )
    return Ed25519PrivateKey.from_private_bytes(raw)


def load_public_key(value: str, name: str = "YMATEB_AUDIT_PUBLIC_KEYS") -> Ed25519PublicKey:
    raw = _b64decode(value, name)
    if len(raw) != 32:
        raise AuditKeyError(f"{name} must hold base64 Ed25519 public keys of 32 bytes.")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def signing_key_id(key: Ed25519PublicKey) -> str:
    """The fingerprint of a checkpoint signing key (16 hex digits of its public key's SHA-256)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def new_keys() -> tuple[str, str, str]:
    """A fresh (row-hash key, signing key, its public key) for `ymateb audit new-keys`."""
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return (
        secrets.token_urlsafe(32),
        base64.b64encode(raw).decode("ascii"),
        public_key_text(private.public_key()),
    )


def _b64decode(value: str, name: str) -> bytes:
    text = value.strip()
    try:
        if "-" in text or "_" in text:
            return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise AuditKeyError(f"{name} is not valid base64.") from exc
