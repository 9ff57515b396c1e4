"""A second farm of synthetic government sites, in the page templates of real CMSs (README.md)."""

from ceping.sitefarm.cms.build import CMS_AS_OF, CmsFarm, build_cms_farm
from ceping.sitefarm.cms.context import CmsSite
from ceping.sitefarm.cms.templates import HELD_OUT, TEMPLATES, TUNING, Template

__all__ = [
    "CMS_AS_OF",
    "HELD_OUT",
    "TEMPLATES",
    "TUNING",
    "CmsFarm",
    "CmsSite",
    "Template",
    "build_cms_farm",
]
