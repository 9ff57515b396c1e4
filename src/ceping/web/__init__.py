"""Django shell: settings, models, admin, views, API."""
