"""The catalogue's fixtures (a settings DATA_DIR in tmp, seeded categories, drafts, publication)."""

from tests.catalogue.conftest import _data_dir, categories, draft, publish  # noqa: F401
