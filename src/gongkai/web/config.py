"""Runtime configuration read from the environment: the data directory, the secret key, the database.

Kept free of Django imports so that `gongkai check` can report a bad configuration in one line
before Django is set up.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url


class ConfigError(Exception):
    """A configuration problem, worded for the person running the command."""


def data_dir() -> Path:
    """The data directory (`GONGKAI_DATA_DIR`, default `./var`), created when missing."""
    path = Path(os.environ.get("GONGKAI_DATA_DIR") or "var").resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"data directory {path} is not writable ({exc.strerror}); set GONGKAI_DATA_DIR") from exc
    return path


def secret_key(directory: Path) -> str:
    """`SECRET_KEY` from the environment, else one generated once and kept in the data directory."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = directory / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


def database(directory: Path) -> dict:
    """Django's DATABASES['default'] from `DATABASE_URL`, else SQLite in the data directory."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(directory / "gongkai.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except Exception as exc:  # dj_database_url raises bare ValueError/KeyError on unknown schemes
        raise ConfigError(f"DATABASE_URL is not a database URL this project supports: {exc}") from exc
    if config.get("ENGINE") not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ConfigError(f"DATABASE_URL must point at PostgreSQL or SQLite, not {config.get('ENGINE')}")
    return config
