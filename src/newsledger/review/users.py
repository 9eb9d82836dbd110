"""The reviewers who may write: named users in a TOML file, each with a token stored only as a salted scrypt hash.

    # users.toml (NEWSLEDGER_USERS or --users)
    [users.alice]
    salt = "9f0c..."
    hash = "51be..."
    created = "2026-12-03T11:52:20+00:00"

A token reads `NAME.SECRET`: the name picks the user, so checking one costs one scrypt, not one per user.
`newsledger users add NAME` prints a new token once; only its hash is kept.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tomllib
from datetime import datetime, timezone
from pathlib import Path

USERS_ENV = "NEWSLEDGER_USERS"
DEFAULT_USERS = "users.toml"
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
# scrypt's cost: about 50 ms and 16 MiB a check, so a stolen file cannot be tried against many guesses cheaply.
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}


class UsersError(ValueError):
    """A users file that cannot be read or written (one line naming the file)."""


def users_path(path: str | None = None) -> Path:
    return Path(path or os.environ.get(USERS_ENV) or DEFAULT_USERS)


def _digest(secret: str, salt: bytes) -> str:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, **SCRYPT).hex()


def load(path: str | Path) -> dict[str, dict[str, str]]:
    """name -> {salt, hash, created}; a missing file is no users."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsersError(f"{path}: not a readable users file ({exc})") from None
    users = data.get("users", {})
    for name, entry in users.items():
        if not (_NAME.match(name) and isinstance(entry, dict) and {"salt", "hash"} <= set(entry)):
            raise UsersError(f"{path}: user {name!r} needs a name of letters, digits, - or _, and a salt and hash")
    return users


def _write(path: Path, users: dict[str, dict[str, str]]) -> None:
    lines = ["# newsledger reviewers: tokens are kept as salted scrypt hashes (`newsledger users add NAME`)."]
    for name, entry in sorted(users.items()):
        lines += ["", f"[users.{name}]", *(f'{key} = "{entry[key]}"' for key in ("salt", "hash", "created")
                                          if key in entry)]
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def add_user(path: str | Path, name: str) -> str:
    """Add NAME (or give them a new token) and return the token; it is not stored anywhere."""
    path = Path(path)
    if not _NAME.match(name):
        raise UsersError(f"a user name is 1-40 letters, digits, - or _, not {name!r}")
    users = load(path)
    secret = secrets.token_urlsafe(24)
    salt = secrets.token_bytes(16)
    users[name] = {"salt": salt.hex(), "hash": _digest(secret, salt),
                   "created": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    _write(path, users)
    return f"{name}.{secret}"


def check_token(users: dict[str, dict[str, str]], token: str | None) -> str | None:
    """The user a token belongs to, or None."""
    name, _, secret = (token or "").strip().partition(".")
    entry = users.get(name)
    if not entry or not secret:
        return None
    expected = entry["hash"]
    return name if hmac.compare_digest(_digest(secret, bytes.fromhex(entry["salt"])), expected) else None
