"""WSGI entry point for gunicorn and `ceping serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceping.web.settings")
application = get_wsgi_application()
