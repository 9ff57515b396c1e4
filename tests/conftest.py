"""Test configuration shared by the whole suite."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

import pytest

# Fixtures that open the test database (pytest-django's autouse helpers do not count).
DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def _postgres_reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), 2):
            return True
    except OSError:
        return False


@pytest.hookimpl(tryfirst=True)  # before `-m` selects on the marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so CI can rerun them on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    on_postgres = url.startswith(("postgres://", "postgresql://"))
    skip = None
    if on_postgres and not _postgres_reachable(url):
        if os.environ.get("CI") == "true":
            raise pytest.UsageError(f"CI=true but PostgreSQL at {url} is not reachable")
        skip = pytest.mark.skip(
            reason=f"PostgreSQL at {url} is not reachable (set CI=true to fail)"
        )
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DB_FIXTURES or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)
            if skip is not None:
                item.add_marker(skip)
