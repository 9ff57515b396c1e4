"""The second farm at its default size, built once, served on loopback for the tests that ask."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ceping.sitefarm.cms import CmsFarm, build_cms_farm
from ceping.sitefarm.server import FarmServer, free_port


@pytest.fixture(scope="session")
def cms_farm() -> CmsFarm:
    return build_cms_farm(port=free_port(), dead_port=free_port())


@pytest.fixture(scope="session")
def cms_served(cms_farm: CmsFarm) -> Iterator[CmsFarm]:
    server = FarmServer(cms_farm.farm).start()
    yield cms_farm
    server.stop()
