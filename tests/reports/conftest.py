"""The applications fixtures, reused."""

from tests.applications.conftest import records, register  # noqa: F401
