"""The web tests' campaign of four units, for the imports that belong to a campaign."""

from tests.web.conftest import _clear_cache, campaign, units  # noqa: F401
