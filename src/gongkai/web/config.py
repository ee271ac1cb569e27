"""Runtime configuration read from the environment: the data directory, the secret key, the database.

Kept free of Django imports so that `gongkai check` can report a bad configuration in one line
before Django is set up.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url


class ConfigError(Exception):
    """A configuration problem, worded for the person running the command."""


#: What the service creates (data directory, database, uploads, letters) only its user may read.
PRIVATE_UMASK = 0o077


def data_dir() -> Path:
    """The data directory (`GONGKAI_DATA_DIR`, default `./var`), created when missing.

    From here on the process creates files 0600 and directories 0700 (umask 077): the database,
    uploaded identity scans and letters hold personal data, and a shared host's other users must
    not read them. The directory itself is 0700 (tightened when the service user owns it).
    """
    os.umask(PRIVATE_UMASK)
    path = Path(os.environ.get("GONGKAI_DATA_DIR") or "var").resolve()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        mode = path.stat()
        if mode.st_uid == os.getuid() and mode.st_mode & 0o077:  # made by an earlier version: close it
            path.chmod(0o700)
        with tempfile.TemporaryFile(dir=path):  # a name of its own: processes start side by side
            pass
    except OSError as exc:
        raise ConfigError(f"data directory {path} is not writable ({exc.strerror}); set GONGKAI_DATA_DIR") from exc
    return path


def secret_key(directory: Path) -> str:
    """`SECRET_KEY` from the environment, else one generated once and kept in the data directory.

    The key is written to a file of its own and linked into place, so processes starting together
    all read the one complete key the first of them made.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = directory / "secret_key"
    if not path.exists():
        with tempfile.NamedTemporaryFile("w", dir=directory, delete=False) as draft:
            draft.write(secrets.token_urlsafe(50))
        os.chmod(draft.name, 0o600)
        try:
            os.link(draft.name, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft.name)
    return path.read_text().strip()


def flag(name: str) -> bool:
    """A yes/no environment variable: true/1/yes/on or false/0/no/off (or unset: no)."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name} must be true or false, not {value!r}")


def session_seconds() -> int:
    """How long a staff session lasts without activity (`GONGKAI_SESSION_HOURS`, default 10:
    a working day; every request renews it), in seconds."""
    value = os.environ.get("GONGKAI_SESSION_HOURS", "").strip() or "10"
    try:
        hours = float(value)
    except ValueError:
        hours = 0
    if not 0.25 <= hours <= 72:
        raise ConfigError(f"GONGKAI_SESSION_HOURS must be a number of hours from 0.25 to 72, not {value!r}")
    return int(hours * 3600)


def database(directory: Path) -> dict[str, Any]:
    """Django's DATABASES['default'] from `DATABASE_URL`, else SQLite in the data directory."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(directory / "gongkai.sqlite3"),
            # 16 KiB pages (set before the file's first write; an existing file keeps its own):
            # the search index writes a tenth faster than on SQLite's default 4 KiB
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;",
            },
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except Exception as exc:  # dj_database_url raises bare ValueError/KeyError on unknown schemes
        raise ConfigError(f"DATABASE_URL is not a database URL this project supports: {exc}") from exc
    if config.get("ENGINE") not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ConfigError(f"DATABASE_URL must point at PostgreSQL or SQLite, not {config.get('ENGINE')}")
    return dict(config)  # settings want a plain dict, not dj_database_url's TypedDict
